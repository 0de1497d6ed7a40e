// Create or edit a programme. Values go to the core as typed; the core
// checks them and answers with every problem at once, shown in an error
// summary and beside each field.

import * as ipc from '../ipc.js';
import { t, shortDate } from '../i18n.js';
import { h, field, showFormErrors, clearFormErrors, commandError, oneAtATime, toast } from '../dom.js';
import { go } from '../nav.js';
import { appState } from '../state.js';

const PHASES = ['preparation', 'matching', 'intake', 'trajectory', 'closing'];

/** @param {number|null} id */
export async function programmeFormView(id) {
  const existing = id === null ? null : await ipc.getProgramme(id);
  const value = (key, fallback = '') => (existing ? String(existing[key]) : fallback);
  const date = (iso) => (iso ? shortDate(iso) : '');

  const language = h('select', { name: 'document_language' },
    appState().languages.map((l) => h('option', { value: l.code, selected: value('document_language', 'nl') === l.code }, l.name)));

  const phaseRows = PHASES.map((phase) => {
    const stored = existing?.phases.find((p) => p.phase === phase);
    const input = (part) => h('input', {
      name: `phases.${phase}.${part}`, id: `field-phases-${phase}-${part}`, type: 'text', autocomplete: 'off',
      value: stored ? date(stored[part]) : '', class: 'date-input',
      aria: { label: t(part === 'start' ? 'field.phase_start' : 'field.phase_end', { phase: t(`phase.${phase}`) }) },
    });
    return h('tr', {}, h('th', { scope: 'row' }, t(`phase.${phase}`)), h('td', {}, input('start')), h('td', {}, input('end')));
  });

  const form = /** @type {HTMLFormElement} */ (h('form', { id: 'programme-form', class: 'form', novalidate: true },
    h('fieldset', {},
      h('legend', {}, t('form.basics')),
      field({ name: 'name', label: t('field.name'), hint: t('form.name_hint'), value: value('name'), required: true }),
      field({ name: 'purpose', label: t('field.purpose'), hint: t('form.purpose_hint'), value: value('purpose'), multiline: true }),
      field({ name: 'goals', label: t('field.goals'), hint: t('form.goals_hint'), value: value('goals'), multiline: true, rows: 4 }),
      field({ name: 'context', label: t('field.context'), hint: t('form.context_hint'), value: value('context'), multiline: true })),
    h('fieldset', {},
      h('legend', {}, t('form.dates')),
      h('div', { class: 'field-row' },
        field({ name: 'start', label: t('field.start'), hint: t('form.date_hint'), value: date(existing?.start), required: true, size: 'narrow' }),
        field({ name: 'end', label: t('field.end'), hint: t('form.date_hint'), value: date(existing?.end), required: true, size: 'narrow' })),
      h('div', { class: 'field-row' },
        field({ name: 'cadence_weeks', label: t('field.cadence_weeks'), hint: t('form.cadence_hint'), value: value('cadence_weeks', '4'), inputmode: 'numeric', size: 'narrow' }),
        field({ name: 'default_capacity', label: t('field.default_capacity'), hint: t('form.capacity_hint'), value: value('default_capacity', '2'), inputmode: 'numeric', size: 'narrow' })),
      field({ name: 'document_language', label: t('field.document_language'), hint: t('form.language_hint'), control: language, size: 'narrow' })),
    h('fieldset', {},
      h('legend', {}, t('form.phases')),
      h('p', { class: 'hint' }, t('form.phases_hint')),
      h('table', { class: 'table compact phases-table' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('form.phase')), h('th', { scope: 'col' }, t('field.start')), h('th', { scope: 'col' }, t('field.end')))),
        h('tbody', {}, phaseRows)),
      h('button', { type: 'button', class: 'button secondary', id: 'recalculate-phases', onclick: () => recalculate(true) }, t('form.phases_recalculate'))),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'button primary', id: 'save-programme' }, t('action.save')),
      h('a', { class: 'button secondary', href: existing ? `#/programme/${existing.id}` : '#/programmes' }, t('action.cancel')))));

  const input = (name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name));

  /**
   * Fills the phases from the dates. `report` (the button) shows date problems;
   * the automatic refill while typing stays silent and never steals focus.
   */
  async function recalculate(report) {
    const start = input('start').value;
    const end = input('end').value;
    try {
      const phases = await ipc.suggestPhases(start, end);
      clearFormErrors(form);
      for (const phase of phases) {
        for (const part of ['start', 'end']) {
          const target = input(`phases.${phase.phase}.${part}`);
          target.value = shortDate(phase[part]);
        }
      }
    } catch (error) {
      if (report) showFormErrors(form, commandError(error));
    }
  }
  // New programme: the phases follow the dates until the user changes a phase.
  let phasesTouched = existing !== null;
  for (const phase of PHASES) for (const part of ['start', 'end']) {
    input(`phases.${phase}.${part}`).addEventListener('input', () => { phasesTouched = true; });
  }
  for (const name of ['start', 'end']) {
    input(name).addEventListener('change', () => { if (!phasesTouched) recalculate(false); });
  }

  // One save at a time; problems stay on the form, beside their fields.
  const act = oneAtATime(() => form);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = {
      name: input('name').value,
      purpose: input('purpose').value,
      goals: input('goals').value,
      context: input('context').value,
      start: input('start').value,
      end: input('end').value,
      cadence_weeks: input('cadence_weeks').value,
      default_capacity: input('default_capacity').value,
      document_language: /** @type {HTMLSelectElement} */ (form.elements.namedItem('document_language')).value,
      phases: PHASES.map((phase) => ({
        phase, start: input(`phases.${phase}.start`).value, end: input(`phases.${phase}.end`).value,
      })),
    };
    act(async () => {
      try {
        const saved = existing ? await ipc.updateProgramme(existing.id, values) : await ipc.createProgramme(values);
        toast(t('shell.saved'));
        go(`#/programme/${saved.id}`);
      } catch (error) {
        showFormErrors(form, commandError(error));
      }
    });
  });

  return h('section', { class: 'page' },
    h('p', { class: 'breadcrumb' }, h('a', { href: '#/programmes' }, `← ${t('nav.programmes')}`)),
    h('h1', {}, existing ? t('form.edit_title', { name: existing.name }) : t('form.new_title')),
    form);
}
