// Recording the signatures of an agreement: on which dates the mentee, the
// mentor and the coordinator signed, today suggested.

import * as ipc from '../../ipc.js';
import { t, shortDate } from '../../i18n.js';
import { h, field, toast, showFormErrors, commandError } from '../../dom.js';

/**
 * Today as people type it (28-11-2026 in Dutch, 28/11/2026 otherwise). Only
 * a suggestion for the signature dates, which are usually today: the core
 * still checks whatever is sent.
 */
function today() {
  const now = new Date();
  const two = (n) => String(n).padStart(2, '0');
  return shortDate(`${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`);
}

/**
 * Asks on which dates the three people signed and records them. Focus goes
 * back to the button that opened the dialog, unless signing redrew the page.
 * @param {{matchId: number, act: (work: () => Promise<void>) => Promise<void>, draw: (next: any) => void, refocus: (selector?: string) => void}} ctx
 */
export function openSignDialog(ctx) {
  const { matchId, act, draw, refocus } = ctx;
  document.getElementById('sign-dialog')?.remove();
  const opener = document.querySelector('#agreement-sign');
  const dialog = /** @type {HTMLDialogElement} */ (h('dialog', { id: 'sign-dialog', class: 'dialog', aria: { labelledby: 'sign-title' } }));
  dialog.addEventListener('close', () => {
    dialog.remove();
    if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
  });
  const date = (who) => field({
    name: `${who}_signed_on`, label: t(`field.${who}_signed_on`), size: 'narrow',
    control: h('input', {
      name: `${who}_signed_on`, type: 'text', autocomplete: 'off', value: today(),
      dataset: { hint: 'sign-date-hint' }, aria: { describedby: 'sign-date-hint', required: 'true' },
    }),
  });
  const submit = h('button', { type: 'submit', class: 'button primary', id: 'sign-confirm' }, t('agreement.ui.record_signatures'));
  const signForm = /** @type {HTMLFormElement} */ (h('form', { novalidate: true },
    h('h2', { id: 'sign-title' }, t('agreement.signatures')),
    h('p', {}, t('agreement.ui.sign_intro')),
    h('p', { class: 'hint', id: 'sign-date-hint' }, t('form.date_hint')),
    date('mentee'),
    date('mentor'),
    date('coordinator'),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'button secondary', id: 'sign-cancel', onclick: () => dialog.close() }, t('action.cancel')),
      submit)));
  const typed = (name) => /** @type {HTMLInputElement} */ (signForm.elements.namedItem(name)).value;
  signForm.addEventListener('submit', (event) => {
    event.preventDefault();
    act(async () => {
      let next;
      try {
        next = await ipc.signAgreement(matchId, typed('mentee_signed_on'), typed('mentor_signed_on'), typed('coordinator_signed_on'));
      } catch (error) {
        showFormErrors(signForm, commandError(error));
        return;
      }
      draw(next);
      dialog.close();
      toast(t('agreement.ui.signed_done'));
      refocus('#agreement-status-title');
    });
  });
  dialog.append(signForm);
  document.body.append(dialog);
  dialog.showModal();
  /** @type {HTMLElement|null} */ (signForm.querySelector('input'))?.focus();
}
