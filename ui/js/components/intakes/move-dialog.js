// Moving a pair's talk, or planning one by hand: the first free times come
// first; a time against the planning rules is set only knowingly.

import * as ipc from '../../ipc.js';
import { t } from '../../i18n.js';
import { h, field, toast, showFormErrors, modal, commandError, confirmAction } from '../../dom.js';

/**
 * Moves a pair's talk, or plans one by hand.
 * @param {import('./list.js').Intakes} ctx
 * @param {any} r
 */
export async function openMove(ctx, r) {
  const { programmeId, act, draw } = ctx;
  // The free times come first, so that moving is usually one click.
  let free = [];
  try {
    free = await ipc.freeIntakeTimes(r.match_id);
  } catch (error) {
    toast(commandError(error).message);
  }
  const dialog = modal('move-intake-dialog', 'move-intake-title', 'dialog');
  const [date, time] = r.start ? [r.day.split(' ').pop(), r.time.split('–')[0]] : ['', ''];
  /** Puts a free time in the fields. @param {{date: string, time: string}} choice */
  const pick = (choice) => {
    /** @type {HTMLInputElement} */ (form.elements.namedItem('date')).value = choice.date;
    /** @type {HTMLInputElement} */ (form.elements.namedItem('time')).value = choice.time;
    /** @type {HTMLElement|null} */ (form.querySelector('#move-intake-confirm'))?.focus();
  };
  const freeTimes = h('fieldset', { class: 'free-times', id: 'intake-free-times' },
    h('legend', {}, t('intake.ui.free_times')),
    free.length
      ? h('div', { class: 'row-actions' }, free.map((choice) => h('button', {
        type: 'button', class: 'button small secondary free-time', onclick: () => pick(choice),
      }, choice.label)))
      : h('p', { class: 'muted' }, t('intake.ui.no_free_times')));
  const form = /** @type {HTMLFormElement} */ (h('form', { novalidate: true },
    h('h2', { id: 'move-intake-title' }, t('intake.ui.move_title', { mentee: r.mentee.name, mentor: r.mentor.name })),
    h('p', { class: 'hint' }, t('intake.ui.move_hint')),
    freeTimes,
    h('div', { class: 'field-row' },
      field({ name: 'date', label: t('field.date'), hint: t('form.date_hint'), value: date, size: 'narrow' }),
      field({ name: 'time', label: t('field.time'), hint: t('intake.ui.time_hint'), value: time, size: 'narrow' })),
    h('div', { class: 'actions' },
      r.intake_id && r.open && r.start ? h('button', {
        type: 'button', class: 'button secondary', id: 'intake-cancel-talk',
        onclick: () => act(async () => {
          draw(await ipc.cancelIntake(programmeId, r.intake_id));
          dialog.close();
          toast(t('intake.ui.cancelled', { mentee: r.mentee.name, mentor: r.mentor.name }));
        }),
      }, t('intake.ui.cancel_talk')) : null,
      // "Close", not "Cancel", beside "Cancel the talk": the two must not be confused.
      h('button', { type: 'button', class: 'button secondary', id: 'move-intake-close', onclick: () => dialog.close() }, r.start ? t('action.close') : t('action.cancel')),
      h('button', { type: 'submit', class: 'button primary', id: 'move-intake-confirm' }, t('intake.ui.move_confirm')))));
  const typed = (name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name)).value;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    act(async () => {
      let next;
      try {
        next = await ipc.moveIntake(programmeId, r.match_id, typed('date'), typed('time'));
      } catch (error) {
        const problem = commandError(error);
        // Only the planning rules may be broken knowingly; the question
        // names each, and the talk then carries a note of them.
        const forcible = problem.fields.length > 0 && problem.fields.every((f) => f.field === 'anyway');
        const rules = problem.fields.map((f) => f.message).join('\n');
        if (!forcible || !await confirmAction(t('intake.ui.move_anyway_question', { rules }), t('intake.ui.move_anyway'))) {
          showFormErrors(form, problem);
          return;
        }
        try {
          next = await ipc.moveIntake(programmeId, r.match_id, typed('date'), typed('time'), true);
        } catch (again) {
          showFormErrors(form, commandError(again));
          return;
        }
      }
      draw(next);
      dialog.close();
      toast(t('intake.ui.moved', { mentee: r.mentee.name, mentor: r.mentor.name }));
    });
  });
  dialog.append(form);
  dialog.showModal();
  /** @type {HTMLElement|null} */ (form.querySelector('input'))?.focus();
}
