// Picking another mentor for a mentee: what it does to the score, how full
// each mentor is, and which mentors a rule rules out.

import * as ipc from '../../ipc.js';
import { t } from '../../i18n.js';
import { h, toast, modal, commandError } from '../../dom.js';
import { personBlock, signed } from './parts.js';

/**
 * Lets the person pick another mentor for a mentee, seeing what it does to
 * the score, how full each mentor is, and which mentors a rule rules out.
 * @param {import('./board.js').Matching} ctx
 * @param {number} menteeId
 * @param {string} returnTo a selector for where focus goes afterwards
 */
export async function openMove(ctx, menteeId, returnTo) {
  const { id, act } = ctx;
  if (ctx.once.busy()) return;
  let data;
  try {
    data = await ipc.moveOptions(id, menteeId);
  } catch (error) {
    toast(commandError(error).message);
    return;
  }
  const currentId = data.current ? data.current.mentor.id : null;
  const dialog = modal('move-dialog', 'move-dialog-title', 'dialog move-dialog');
  const choose = (option) => {
    dialog.close();
    act(() => ipc.moveMentee(id, menteeId, option.mentor.id), returnTo,
      () => toast(t('matching.moved_notice', { mentee: data.mentee.name, mentor: option.mentor.name })));
  };
  const options = data.options.map((option) => {
    const current = option.mentor.id === currentId;
    const reasonId = `move-reason-${option.mentor.id}`;
    const explained = !option.allowed && option.reason;
    return h('li', {}, h('button', {
      type: 'button', class: current ? 'move-option current' : 'move-option',
      dataset: { mentor: String(option.mentor.id) }, disabled: !option.allowed || current,
      aria: { describedby: explained ? reasonId : undefined }, onclick: () => choose(option),
    },
      personBlock(option.mentor),
      h('span', { class: 'move-facts' },
        h('span', { class: 'move-score' }, option.score === null ? t('matching.score_none') : t('matching.score_value', { score: option.score })),
        option.delta !== null && !current
          ? h('span', { class: option.delta > 0 ? 'move-delta up' : option.delta < 0 ? 'move-delta down' : 'move-delta' }, signed(option.delta))
          : null,
        h('span', { class: 'move-load' }, t('matching.load', { load: option.load, capacity: option.capacity })),
        current ? h('span', { class: 'state-badge' }, t('matching.current_mentor')) : null),
      explained ? h('span', { class: 'move-reason', id: reasonId }, option.reason) : null));
  });
  dialog.append(
    h('h2', { id: 'move-dialog-title' }, t('matching.move_title', { name: data.mentee.name })),
    h('p', { class: 'muted' }, data.current
      ? t('matching.move_current', { mentor: data.current.mentor.name, score: data.current.score })
      : t('matching.move_no_current')),
    ...(options.length
      ? [h('p', { class: 'hint' }, t('matching.move_hint')), h('ul', { class: 'move-options' }, options)]
      : [h('p', { class: 'muted' }, t('matching.move_none'))]),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'button secondary', id: 'move-cancel', onclick: () => dialog.close() }, t('action.cancel'))));
  dialog.showModal();
}
