// Recording whether there was a klik after a pair's intake: klik, not yet
// sure, or no (with a reason, and the next mentor proposed).

import * as ipc from '../../ipc.js';
import { t } from '../../i18n.js';
import { h, field, toast, showFormErrors, modal, commandError } from '../../dom.js';
import { go } from '../../nav.js';

/**
 * Records whether there was a klik.
 * @param {import('./list.js').Intakes} ctx
 * @param {any} r
 */
export function openOutcome(ctx, r) {
  const { programmeId, act, draw } = ctx;
  const dialog = modal('outcome-dialog', 'outcome-title', 'dialog');
  const choice = (value) => h('label', { class: 'check' },
    h('input', { type: 'radio', name: 'outcome', value, id: `outcome-${value}` }), ` ${t(`intake.outcome.${value}`)}`,
    h('span', { class: 'hint' }, ` — ${t(`intake.ui.outcome_${value}_hint`)}`));
  const form = /** @type {HTMLFormElement} */ (h('form', { novalidate: true },
    h('h2', { id: 'outcome-title' }, t('intake.ui.outcome_title', { mentee: r.mentee.name, mentor: r.mentor.name })),
    h('fieldset', { name: 'outcome', tabindex: '-1' },
      h('legend', {}, t('intake.guide.klik_title')),
      choice('klik'), choice('unsure'), choice('no')),
    field({ name: 'reason', label: t('field.reason'), hint: t('intake.ui.reason_hint'), multiline: true, rows: 3 }),
    // Without a talk in Klik, or one still to come, the outcome needs the
    // day the talk did take place.
    h('div', { class: 'field-row' },
      field({ name: 'held', label: t('field.held'), hint: t(r.state === 'outcome_missing' ? 'intake.ui.held_hint_planned' : 'intake.ui.held_hint'), size: 'narrow' }),
      field({ name: 'held_time', label: t('field.time'), hint: t('intake.ui.time_hint'), size: 'narrow' })),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'button secondary', onclick: () => dialog.close() }, t('action.cancel')),
      h('button', { type: 'submit', class: 'button primary', id: 'outcome-confirm' }, t('intake.ui.record_outcome')))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    act(async () => {
      const picked = /** @type {HTMLInputElement|null} */ (form.querySelector('input[name="outcome"]:checked'))?.value ?? '';
      const reason = /** @type {HTMLTextAreaElement} */ (form.elements.namedItem('reason')).value;
      let done;
      try {
        const held = /** @type {HTMLInputElement} */ (form.elements.namedItem('held')).value;
        const heldTime = /** @type {HTMLInputElement} */ (form.elements.namedItem('held_time')).value;
        done = await ipc.recordIntakeOutcome(programmeId, r.match_id, picked, reason, held, heldTime);
      } catch (error) {
        showFormErrors(form, commandError(error));
        return;
      }
      draw(done.board);
      dialog.close();
      const names = { mentee: r.mentee.name, mentor: r.mentor.name };
      if (picked === 'no') {
        toast(done.next_mentor
          ? t('intake.ui.next_mentor', { mentee: r.mentee.name, mentor: done.next_mentor, score: done.next_score })
          : t('intake.ui.no_next_mentor', names),
        { label: t('nav.matching'), run: () => go(`#/programme/${programmeId}/matching`) });
      } else if (picked === 'klik') {
        // After a klik the agreement comes next: offered at once.
        toast(t('intake.ui.outcome_done_klik', names),
          { label: t('next.prepare_agreement'), run: () => go(`#/programme/${programmeId}/agreement/${r.match_id}`) });
      } else {
        toast(t(`intake.ui.outcome_done_${picked}`, names));
      }
    });
  });
  dialog.append(form);
  dialog.showModal();
  /** @type {HTMLElement|null} */ (form.querySelector('input'))?.focus();
}
