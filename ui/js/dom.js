// Small building blocks for views: element creation without innerHTML (the
// CSP forbids inline code, and text never becomes markup), toasts, the
// confirm dialog and the GOV.UK-style error summary.

import { t } from './i18n.js';

/**
 * Creates an element. Attributes starting with "on" become listeners;
 * `dataset` and `aria` objects set data-* and aria-* attributes.
 * @param {string} tag
 * @param {Record<string, any>} [attrs]
 * @param {...(Node|string|null|undefined|false|(Node|string)[])} children
 * @returns {HTMLElement}
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (name === 'aria') {
      for (const [k, v] of Object.entries(value)) if (v !== undefined && v !== null) el.setAttribute(`aria-${k}`, String(v));
    } else if (name === 'class') {
      el.className = value;
    } else if (name in el && typeof value !== 'string') {
      /** @type {any} */ (el)[name] = value;
    } else if (name === 'value' || name === 'textContent') {
      /** @type {any} */ (el)[name] = value;
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

/**
 * Appends children as `h` takes them: nested arrays are flattened, strings
 * become text, and null, undefined and false are left out (the DOM's own
 * `append` would write "null" or "[object HTMLElement]").
 * @param {Element} el
 * @param {any[]} children
 */
export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/**
 * Shows a short message at the bottom; an optional action (such as Undo).
 * @param {string} message
 * @param {{label: string, run: () => void}} [action]
 */
export function toast(message, action) {
  const area = document.getElementById('toasts');
  if (!area) return;
  const item = h('div', { class: 'toast', dataset: { at: String(Date.now()) } }, h('span', {}, message));
  if (action) {
    item.append(
      h('button', {
        class: 'button link',
        type: 'button',
        onclick: () => {
          item.remove();
          action.run();
        },
      }, action.label),
    );
  }
  area.append(item);
  // One at a time: a new message replaces the one before, so messages
  // never pile up over the page.
  while (area.children.length > TOASTS_SHOWN) area.firstElementChild?.remove();
  // Long messages (a file's path, say) stay long enough to be read.
  const reading = Math.min(12000, 4000 + 40 * message.length);
  setTimeout(() => item.remove(), action ? Math.max(10000, reading) : reading);
}

/** The most messages shown at once. */
const TOASTS_SHOWN = 1;

/**
 * Takes away the messages of the page being left: those older than a
 * moment (a message shown just before going to another page, such as
 * "archived, Undo", belongs to the new one).
 */
export function clearOldToasts() {
  const area = document.getElementById('toasts');
  if (!area) return;
  const before = Date.now() - 1500;
  for (const item of [...area.children]) {
    if (Number(/** @type {HTMLElement} */ (item).dataset.at ?? 0) < before) item.remove();
  }
}

/**
 * Asks once before something consequential; resolves to true on OK.
 * @param {string} question
 * @param {string} okLabel
 */
export function confirmAction(question, okLabel) {
  const dialog = /** @type {HTMLDialogElement} */ (document.getElementById('confirm'));
  document.getElementById('confirm-text').textContent = question;
  document.getElementById('confirm-ok').textContent = okLabel;
  document.getElementById('confirm-cancel').textContent = t('action.cancel');
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
    dialog.returnValue = '';
    dialog.showModal();
  });
}

/**
 * A form's problems: a summary at the top that links to each field, and the
 * message beside each field (aria-describedby, aria-invalid). Focus moves to
 * the summary so screen readers announce it.
 * @param {HTMLFormElement} form
 * @param {{code: string, message: string, fields: {field: string, label: string, message: string}[]}} error
 */
export function showFormErrors(form, error) {
  clearFormErrors(form);
  const summary = h('div', { class: 'error-summary', id: 'error-summary', tabindex: '-1', role: 'alert' },
    h('h2', {}, t('error.summary_title')));
  const list = h('ul');
  const problems = error.fields.length ? error.fields : [{ field: '', label: '', message: error.message }];
  for (const problem of problems) {
    const named = problem.field ? form.querySelector(`[name="${CSS.escape(problem.field)}"]`) : null;
    // A hidden value with a visible control of its own (the people picker's
    // search) is marked and described on that control.
    const input = named instanceof HTMLInputElement && named.type === 'hidden'
      ? document.getElementById(`${named.id}-search`) ?? named
      : named;
    if (input) {
      const id = `${input.id}-error`;
      const message = h('p', { class: 'field-error', id }, problem.message);
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', `${id} ${input.dataset.hint ?? ''}`.trim());
      input.closest('.field')?.classList.add('invalid');
      input.insertAdjacentElement('beforebegin', message);
      list.append(h('li', {}, h('a', {
        href: `#${input.id}`,
        onclick: (event) => { event.preventDefault(); /** @type {HTMLElement} */ (input).focus(); },
      }, problem.label ? `${problem.label}: ${problem.message}` : problem.message)));
    } else {
      list.append(h('li', {}, problem.label ? `${problem.label}: ${problem.message}` : problem.message));
    }
  }
  summary.append(list);
  form.prepend(summary);
  summary.focus();
}

/** Removes the problems shown by showFormErrors. @param {HTMLFormElement} form */
export function clearFormErrors(form) {
  form.querySelector('#error-summary')?.remove();
  for (const message of form.querySelectorAll('.field-error')) message.remove();
  for (const input of form.querySelectorAll('[aria-invalid]')) {
    input.removeAttribute('aria-invalid');
    const hint = /** @type {HTMLElement} */ (input).dataset.hint;
    if (hint) input.setAttribute('aria-describedby', hint); else input.removeAttribute('aria-describedby');
  }
  for (const field of form.querySelectorAll('.field.invalid')) field.classList.remove('invalid');
}

/**
 * A labelled form field with an optional hint.
 * @param {{name: string, label: string, hint?: string, value?: string, type?: string, multiline?: boolean, rows?: number, required?: boolean, control?: HTMLElement, inputmode?: string, size?: string}} spec
 */
export function field(spec) {
  const id = `field-${spec.name.replace(/\./g, '-')}`;
  const hintId = spec.hint ? `${id}-hint` : undefined;
  const control = spec.control ?? (spec.multiline
    ? h('textarea', { id, name: spec.name, rows: String(spec.rows ?? 3), value: spec.value ?? '' })
    : h('input', { id, name: spec.name, type: spec.type ?? 'text', value: spec.value ?? '', inputmode: spec.inputmode, autocomplete: 'off' }));
  control.id = id;
  if (spec.required) control.setAttribute('aria-required', 'true');
  if (hintId) {
    control.dataset.hint = hintId;
    control.setAttribute('aria-describedby', hintId);
  }
  return h('div', { class: `field ${spec.size ?? ''}`.trim() },
    h('label', { for: id }, spec.label),
    spec.hint ? h('p', { class: 'hint', id: hintId }, spec.hint) : null,
    control);
}

/**
 * A dialog for one question, removed again when it closes so that the next
 * one starts clean. Focus goes back to the button that opened it, unless a
 * redraw has replaced that button (then the action puts focus elsewhere).
 * @param {string} id
 * @param {string} labelledby
 * @param {string} className
 */
export function modal(id, labelledby, className) {
  document.getElementById(id)?.remove();
  const opener = document.activeElement;
  const dialog = /** @type {HTMLDialogElement} */ (h('dialog', { id, class: className, aria: { labelledby } }));
  dialog.addEventListener('close', () => {
    dialog.remove();
    if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
  });
  document.body.append(dialog);
  return dialog;
}

/**
 * A command's error as showFormErrors takes it, also when the shell sent no
 * field list. Anything else that failed (a fault in the window's own code)
 * is shown as the translated "something unexpected" message, never as a
 * debug string; the detail goes to the console for us.
 * @param {any} error
 * @returns {{code: string, message: string, fields: {field: string, label: string, message: string}[]}}
 */
export function commandError(error) {
  if (error && typeof error === 'object' && typeof error.code === 'string' && typeof error.message === 'string') {
    return { code: error.code, message: error.message, fields: error.fields ?? [] };
  }
  console.error('Klik failed outside its commands:', error);
  return { code: 'internal', message: t('error.unexpected'), fields: [] };
}

/** Shows what went wrong as a message at the bottom. @param {any} error */
export const toastError = (error) => banner(commandError(error).message);

/**
 * A problem that needs the officer: a banner at the top of the page it
 * concerns, over nothing, until she closes it, acts again or leaves the
 * page. Screens without a page (the welcome) say it as a message.
 * @param {string} message
 */
export function banner(message) {
  const area = document.getElementById('page-alerts');
  if (!area) { toast(message); return; }
  const item = h('div', { class: 'banner error', id: 'page-banner', role: 'alert' },
    h('p', {}, message),
    h('button', {
      type: 'button', class: 'banner-close', title: t('action.close'), aria: { label: t('action.close') },
      onclick: () => item.remove(),
    }, '×'));
  area.replaceChildren(item);
  item.scrollIntoView({ block: 'nearest' });
}

/** Takes away the page's banner: the officer acts again. */
export function clearBanner() {
  document.getElementById('page-alerts')?.replaceChildren();
}

/**
 * Runs a view's actions one at a time: a second click while one is under
 * way is ignored (it would act on data about to change), the view is marked
 * busy meanwhile, and an error becomes a message. `busy()` says whether an
 * action is under way, for a step that must not even start meanwhile (such
 * as asking a question first).
 * @param {() => HTMLElement} view the view, looked up when an action runs
 * @returns {((work: () => Promise<void>) => Promise<void>) & {busy: () => boolean}}
 */
export function oneAtATime(view) {
  let busy = false;
  /** @param {() => Promise<void>} work */
  const run = async (work) => {
    if (busy) return;
    busy = true;
    const element = view();
    element.setAttribute('aria-busy', 'true');
    clearBanner();
    try {
      await work();
    } catch (error) {
      banner(commandError(error).message);
    } finally {
      busy = false;
      element.removeAttribute('aria-busy');
    }
  };
  run.busy = () => busy;
  return run;
}
