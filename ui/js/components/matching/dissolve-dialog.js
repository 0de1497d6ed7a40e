// Ending a confirmed match: the reason is required, because it is what a
// report later has to explain.

import * as ipc from '../../ipc.js';
import { t } from '../../i18n.js';
import { h, toast, modal, commandError } from '../../dom.js';

/**
 * Asks why a confirmed match ends, then dissolves it; the reason is required
 * because it is what a report later has to explain.
 * @param {import('./board.js').Matching} ctx
 * @param {any} match
 */
export function openDissolve(ctx, match) {
  const dialog = modal('dissolve-dialog', 'dissolve-title', 'dialog');
  const names = { mentee: match.mentee.name, mentor: match.mentor.name };
  const reason = /** @type {HTMLTextAreaElement} */ (h('textarea', {
    id: 'dissolve-reason', name: 'reason', rows: '3', required: true, dataset: { hint: 'dissolve-hint' },
    aria: { required: 'true', describedby: 'dissolve-hint' },
  }));
  const problem = h('p', { class: 'field-error', id: 'dissolve-error', hidden: true });
  const box = h('div', { class: 'field' },
    h('label', { for: 'dissolve-reason' }, t('matching.dissolve_reason')),
    h('p', { class: 'hint', id: 'dissolve-hint' }, t('matching.dissolve_hint')),
    problem,
    reason);
  const submit = h('button', { type: 'submit', class: 'button primary', id: 'dissolve-confirm' }, t('matching.dissolve_confirm'));
  const showProblem = (message) => {
    problem.textContent = message;
    problem.hidden = false;
    box.classList.add('invalid');
    reason.setAttribute('aria-invalid', 'true');
    reason.setAttribute('aria-describedby', 'dissolve-error dissolve-hint');
    reason.focus();
  };
  const form = h('form', {
    novalidate: true,
    onsubmit: (event) => {
      event.preventDefault();
      const text = reason.value.trim();
      if (!text) {
        showProblem(t('error.required'));
        return;
      }
      ctx.once(async () => {
        try {
          ctx.draw(await ipc.dissolveMatch(match.id, text, ctx.proposalShown()));
        } catch (error) {
          showProblem(commandError(error).message);
          return;
        }
        dialog.close();
        toast(t('matching.dissolved_notice', names));
        ctx.refocus('#matching-matches-title');
      });
    },
  },
    h('h2', { id: 'dissolve-title' }, t('matching.dissolve_title', names)),
    h('p', {}, t('matching.dissolve_intro')),
    box,
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'button secondary', id: 'dissolve-cancel', onclick: () => dialog.close() }, t('action.cancel')),
      submit));
  dialog.append(form);
  dialog.showModal();
  reason.focus();
}
