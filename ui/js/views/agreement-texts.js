// The texts a programme's new agreements start with: Klik's own, in the
// programme's document language, or the officer's. Saving changes only new
// agreements; those already started keep the texts their pair agreed on.

import * as ipc from '../ipc.js';
import { t } from '../i18n.js';
import { h, field, toast, showFormErrors, clearFormErrors, commandError, oneAtATime } from '../dom.js';
import { go } from '../nav.js';
import { expectationGroups, textRows } from '../components/expectations.js';
import { hidden } from '../components/text.js';

/**
 * @typedef {{key: string, label: string, text: string, standard: string, own: boolean}} Part
 * @typedef {{programme_id: number, programme_name: string, language: string, parts: Part[]}} Template
 */

/** @param {number} programmeId */
export async function agreementTextsView(programmeId) {
  /** @type {Template} */
  const template = await ipc.getAgreementTemplate(programmeId);
  const parts = new Map(template.parts.map((part) => [part.key, part]));
  const form = /** @type {HTMLFormElement} */ (h('form', { id: 'agreement-texts-form', class: 'form agreement-form', novalidate: true }));
  const textArea = (key) => /** @type {HTMLTextAreaElement} */ (form.elements.namedItem(key));

  /**
   * Whether a part's text on screen is Klik's own or the officer's, and a
   * button to put Klik's text back; the note follows what is typed.
   * @param {Part} part
   */
  function origin(part) {
    const note = h('span', { class: 'muted text-origin', id: `origin-${part.key}` });
    const restore = /** @type {HTMLButtonElement} */ (h('button', {
      type: 'button', class: 'button small secondary text-restore',
      onclick: () => {
        textArea(part.key).value = part.standard;
        update();
        textArea(part.key).focus();
      },
    }, t('agreement.ui.use_standard'), hidden(` ${part.label}`)));
    function update() {
      const standard = textArea(part.key).value.trim() === part.standard.trim();
      note.textContent = standard ? t('agreement.ui.standard_text') : t('agreement.ui.own_text');
      restore.hidden = standard;
    }
    return { row: h('div', { class: 'text-origin-row' }, note, restore), update };
  }

  /** @type {(() => void)[]} */
  const updates = [];
  /**
   * One part: its text area and where its text comes from. Alone under its
   * heading, its label would repeat the heading, so screen readers only hear it.
   * @param {string} key
   * @param {boolean} alone
   */
  function part(key, alone) {
    const p = /** @type {Part} */ (parts.get(key));
    const box = field({ name: key, label: p.label, value: p.text, multiline: true, rows: textRows(p.text, alone) });
    if (alone) box.querySelector('label')?.classList.add('visually-hidden');
    const { row, update } = origin(p);
    updates.push(update);
    box.append(row);
    return box;
  }

  form.append(
    ...expectationGroups(part),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'button primary', id: 'save-agreement-texts' }, t('action.save')),
      h('a', { class: 'button secondary', href: `#/programme/${programmeId}/matching` }, t('action.cancel'))));
  form.addEventListener('input', () => updates.forEach((update) => update()));
  updates.forEach((update) => update());

  // One save at a time; problems stay on the form, beside their fields.
  const act = oneAtATime(() => form);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    act(async () => {
      clearFormErrors(form);
      try {
        await ipc.saveAgreementTemplate(programmeId, template.parts.map((p) => textArea(p.key).value));
        toast(t('agreement.ui.template_saved'));
        go(`#/programme/${programmeId}/matching`);
      } catch (error) {
        showFormErrors(form, commandError(error));
      }
    });
  });

  return h('section', { class: 'page agreement', id: 'agreement-texts' },
    h('p', { class: 'breadcrumb' },
      h('a', { href: `#/programme/${programmeId}/matching` }, `← ${t('nav.matching')} · ${template.programme_name}`)),
    h('div', { class: 'page-head' },
      h('div', {},
        h('h1', {}, t('agreement.ui.template')),
        h('p', { class: 'subtitle' }, template.programme_name))),
    h('p', { class: 'page-intro', id: 'agreement-texts-intro' },
      t('agreement.ui.template_intro', { language: template.language })),
    form);
}
