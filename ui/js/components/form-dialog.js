// A dialog holding one form, as the trajectory's workshops, evaluation and
// pair page use it, and the small controls their forms share.

import { t } from '../i18n.js';
import { h, modal, showFormErrors, commandError } from '../dom.js';

/**
 * A dialog with a form; `send` resolves when done or throws a command error
 * shown in the form. `act` runs the sending one at a time with the view's
 * other commands.
 * @param {string} id
 * @param {string} title
 * @param {any[]} body
 * @param {string} submitLabel
 * @param {(work: () => Promise<void>) => Promise<void>} act
 * @param {(form: HTMLFormElement) => Promise<any>} send
 */
export function formDialog(id, title, body, submitLabel, act, send) {
  const dialog = modal(id, `${id}-title`, 'dialog');
  const form = /** @type {HTMLFormElement} */ (h('form', { novalidate: true },
    h('h2', { id: `${id}-title` }, title), ...body,
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'button secondary', onclick: () => dialog.close() }, t('action.cancel')),
      h('button', { type: 'submit', class: 'button primary', id: `${id}-save` }, submitLabel))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    act(async () => {
      try {
        await send(form);
      } catch (error) {
        showFormErrors(form, commandError(error));
        return;
      }
      dialog.close();
    });
  });
  dialog.append(form);
  dialog.showModal();
  /** @type {HTMLElement|null} */ (form.querySelector('input, select, textarea'))?.focus();
}

/** The value of a form's field. @param {HTMLFormElement} form @param {string} name */
export const valueIn = (form, name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name)).value;

/** A select of codes with their catalogue labels. */
export function choice(name, codes, prefix, selected) {
  return h('select', { name },
    codes.map((code) => h('option', { value: code, selected: code === selected }, t(`${prefix}.${code}`))));
}
