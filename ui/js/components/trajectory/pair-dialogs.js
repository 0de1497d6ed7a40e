// The dialogs of a pair's page: logging or changing a meeting, recording
// where a goal stands, and a check-in of one or both.

import * as ipc from '../../ipc.js';
import { t } from '../../i18n.js';
import { h, toast, field } from '../../dom.js';
import { valueIn, choice } from '../form-dialog.js';

const STATES = ['not_started', 'in_progress', 'achieved', 'dropped'];
const MOMENTS = ['after_meetings', 'halfway', 'end', 'other'];
const FITS = ['good', 'deciding', 'poor'];

/**
 * What the dialogs need of the pair's page: the match, the pair on screen,
 * and a form dialog whose `send` resolves to the new pair, which is drawn.
 * @typedef {{
 *   matchId: number,
 *   pair: () => any,
 *   dialogForm: (id: string, title: string, body: any[], submitLabel: string, send: (form: HTMLFormElement) => Promise<any>) => void,
 * }} PairDialogs
 */

/** Logs a meeting, or changes one. @param {PairDialogs} ctx @param {any|null} m */
export function openMeetingDialog(ctx, m) {
  const { matchId, dialogForm } = ctx;
  const pair = ctx.pair();
  const held = /** @type {HTMLInputElement} */ (h('input', { type: 'checkbox', name: 'held', checked: m ? m.held : true }));
  dialogForm('meeting-dialog', m ? t('meeting.ui.edit_title') : t('meeting.ui.add_title', { mentee: pair.mentee, mentor: pair.mentor }), [
    h('div', { class: 'form-grid' },
      field({ name: 'date', label: t('field.date'), value: m ? m.date : pair.today, hint: t('form.date_hint'), size: 'narrow' }),
      field({ name: 'minutes', label: t('meeting.ui.minutes'), value: m ? String(m.minutes) : '60', size: 'narrow' })),
    h('label', { class: 'check' }, held, ` ${t('meeting.ui.held')}`),
    field({ name: 'topics', label: t('field.topics'), value: m?.topics ?? '' }),
    field({ name: 'notes', label: t('field.notes'), value: m?.notes ?? '', multiline: true, rows: 3, hint: t('trajectory.ui.personal_data_hint') }),
    field({ name: 'next_steps', label: t('field.next_steps'), value: m?.next_steps ?? '', multiline: true, rows: 2 }),
  ], t('action.save'), (form) => ipc.saveMeeting(matchId, m ? m.id : null, {
    date: valueIn(form, 'date'), minutes: valueIn(form, 'minutes'), held: held.checked,
    topics: valueIn(form, 'topics'), notes: valueIn(form, 'notes'), next_steps: valueIn(form, 'next_steps'),
  }).then((next) => { toast(t(m ? 'meeting.ui.changed' : 'meeting.ui.added')); return next; }));
}

/** Records where a goal stands. @param {PairDialogs} ctx @param {any} g */
export function openProgressDialog(ctx, g) {
  const { matchId, dialogForm } = ctx;
  const pair = ctx.pair();
  dialogForm('progress-dialog', t('goal.ui.update_title', { n: g.position }), [
    h('p', { class: 'muted' }, g.what),
    h('div', { class: 'form-grid' },
      field({ name: 'state', label: t('field.state'), control: choice('state', STATES, 'goal.state', g.state === 'not_started' ? 'in_progress' : g.state) }),
      field({ name: 'percent', label: t('field.percent'), value: String(g.percent), size: 'narrow' }),
      field({ name: 'date', label: t('field.date'), value: pair.today, size: 'narrow' })),
    field({ name: 'note', label: t('field.note'), multiline: true, rows: 2, hint: t('trajectory.ui.personal_data_hint') }),
  ], t('action.save'), (form) => ipc.recordGoalProgress(matchId, {
    position: g.position, date: valueIn(form, 'date'), state: valueIn(form, 'state'),
    percent: valueIn(form, 'percent'), note: valueIn(form, 'note'),
  }).then((next) => { toast(t('goal.ui.updated', { n: g.position })); return next; }));
}

/** Records a check-in of one or both. @param {PairDialogs} ctx */
export function openCheckinDialog(ctx) {
  const { matchId, dialogForm } = ctx;
  const pair = ctx.pair();
  const side = (who, name) => {
    const include = /** @type {HTMLInputElement} */ (h('input', { type: 'checkbox', name: `${who}_include`, checked: true }));
    return h('fieldset', { class: 'checkin-side' },
      h('legend', {}, h('label', { class: 'check' }, include, ` ${t(`field.${who}`)} — ${name}`)),
      h('div', { class: 'form-grid' },
        field({ name: `${who}_satisfaction`, label: t('checkin.form.satisfaction'), hint: t('checkin.ui.scale'), size: 'narrow' }),
        field({ name: `${who}_fit`, label: t('checkin.form.fit'), control: choice(`${who}_fit`, FITS, 'checkin.fit', 'good') })),
      field({ name: `${who}_comment`, label: t('report.comment'), multiline: true, rows: 2 }));
  };
  dialogForm('checkin-dialog', t('checkin.ui.title'), [
    h('div', { class: 'form-grid' },
      field({ name: 'moment', label: t('field.moment'), control: choice('moment', MOMENTS, 'checkin.moment', 'after_meetings') }),
      field({ name: 'date', label: t('field.date'), value: pair.today, size: 'narrow' })),
    side('mentee', pair.mentee), side('mentor', pair.mentor),
  ], t('action.save'), (form) => {
    const answer = (who) => (/** @type {HTMLInputElement} */ (form.elements.namedItem(`${who}_include`)).checked
      ? { satisfaction: valueIn(form, `${who}_satisfaction`), fit: valueIn(form, `${who}_fit`), comment: valueIn(form, `${who}_comment`) }
      : null);
    return ipc.recordCheckin(matchId, { moment: valueIn(form, 'moment'), date: valueIn(form, 'date'), mentor: answer('mentor'), mentee: answer('mentee') })
      .then((next) => { toast(t('checkin.ui.recorded')); return next; });
  });
}
