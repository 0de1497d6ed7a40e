// Import participants: pick a CSV or Excel file, see how Klik understood it
// (columns, every problem with row and column, what changes), then import
// everything, or explicitly only the valid rows. Nothing changes before that.

import * as ipc from '../ipc.js';
import { t, counted } from '../i18n.js';
import { h, toast, toastError, commandError } from '../dom.js';
import { go } from '../nav.js';
import { saveWith } from '../components/spreadsheet-file.js';

const SHOWN_ROWS = 20;

/** @param {number} programmeId */
export async function importView(programmeId) {
  const programme = await ipc.getProgramme(programmeId);
  /** @type {Uint8Array|null} */
  let bytes = null;
  let fileName = '';
  /** How many files were chosen, so that an older file's answer is dropped. */
  let chosenCount = 0;
  const result = h('div', { id: 'import-result', aria: { live: 'polite' } });
  // A workbook's sheets as a list, shown once a file with several is chosen.
  const sheet = /** @type {HTMLSelectElement} */ (h('select', { id: 'import-sheet', name: 'sheet', aria: { describedby: 'import-sheet-hint' } }));
  const sheetField = h('div', { class: 'field narrow', id: 'import-sheet-field', hidden: true },
    h('label', { for: 'import-sheet' }, t('import.sheet_label')),
    h('p', { class: 'hint', id: 'import-sheet-hint' }, t('import.sheet_hint')),
    sheet);
  const chosen = h('span', { class: 'muted', id: 'import-file-name' }, t('import.no_file'));
  const clearEmpty = /** @type {HTMLInputElement} */ (h('input', { id: 'import-clear-empty', name: 'clear_empty', type: 'checkbox' }));
  const input = /** @type {HTMLInputElement} */ (h('input', {
    type: 'file', id: 'import-file', class: 'file-input',
    accept: '.csv,.txt,.xlsx,.xls,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  }));

  async function preview() {
    if (!bytes) return;
    result.replaceChildren(h('p', { class: 'loading' }, t('shell.loading')));
    try {
      show(await ipc.previewImport(programmeId, bytes, sheet.value, clearEmpty.checked));
    } catch (error) {
      result.replaceChildren(h('div', { class: 'error-summary', role: 'alert', id: 'import-error', tabindex: '-1' },
        h('h2', {}, t('error.summary_title')), h('p', {}, commandError(error).message)));
      result.querySelector('#import-error')?.focus();
    }
  }

  async function run(onlyValid) {
    try {
      const done = await ipc.applyImport(programmeId, bytes, sheet.value, onlyValid, clearEmpty.checked);
      toast(t('import.summary_done', { added: done.added, updated: done.updated, unchanged: done.unchanged, skipped: onlyValid ? done.skipped : 0 }));
      go(`#/programme/${programmeId}/participants`);
    } catch (error) {
      toastError(error);
    }
  }

  /** @param {any} p */
  function show(p) {
    const valid = p.added + p.updated + p.unchanged;
    const summary = h('ul', { class: 'import-summary', id: 'import-summary' },
      h('li', { class: 'added' }, h('strong', {}, String(p.added)), ` ${t('import.new')}`),
      h('li', { class: 'updated' }, h('strong', {}, String(p.updated)), ` ${t('import.updated')}`),
      h('li', {}, h('strong', {}, String(p.unchanged)), ` ${t('import.unchanged')}`),
      h('li', { class: p.skipped ? 'invalid' : '' }, h('strong', {}, String(p.skipped)), ` ${t('import.with_problems')}`));
    const source = h('p', { class: 'muted' }, t('import.read_as', { file: fileName, format: p.format.toUpperCase() }),
      p.sheet ? ` · ${t('import.sheet', { name: p.sheet })}` : '');
    const columns = h('details', { class: 'card compact' },
      h('summary', {}, counted('import.columns', p.columns.length)),
      h('table', { class: 'table compact' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('import.in_file')), h('th', { scope: 'col' }, t('import.in_klik')))),
        h('tbody', {}, p.columns.map(([header, fieldName]) => h('tr', {}, h('td', {}, header), h('td', {}, t(`field.${fieldName}`)))))));
    const unknown = p.unknown_columns.length
      ? h('p', { class: 'notice', id: 'import-unknown' }, t('import.unknown_columns', { columns: p.unknown_columns.join(', ') }))
      : null;
    const problems = p.problems.length
      ? h('section', { class: 'card problems', id: 'import-problems' },
        h('h2', {}, counted('import.problems', p.problems.length)),
        h('table', { class: 'table compact' },
          h('thead', {}, h('tr', {}, ['import.row', 'import.column', 'import.problem'].map((k) => h('th', { scope: 'col' }, t(k))))),
          h('tbody', {}, p.problems.map((problem) => h('tr', {},
            h('td', { class: 'number' }, String(problem.row)), h('td', {}, problem.column), h('td', {}, problem.message))))))
      : null;
    // A person's details are theirs in every programme: say by name where
    // else this import changes them, and which values Klik did not take.
    const shared = p.also_changes.length
      ? h('section', { class: 'card notice', id: 'import-also-changes' },
        h('p', {}, t('import.also_changes_title')),
        h('ul', {}, p.also_changes.map((line) => h('li', {}, line))))
      : null;
    const warnings = p.warnings.length
      ? h('section', { class: 'card notice', id: 'import-warnings' },
        h('h2', {}, t('import.warnings')),
        h('table', { class: 'table compact' },
          h('thead', {}, h('tr', {}, ['import.row', 'import.column', 'import.problem'].map((k) => h('th', { scope: 'col' }, t(k))))),
          h('tbody', {}, p.warnings.map((warning) => h('tr', {},
            h('td', { class: 'number' }, String(warning.row)), h('td', {}, warning.column), h('td', {}, warning.message))))))
      : null;
    const rows = h('section', { class: 'card' },
      h('h2', {}, counted('import.first_rows', p.rows.length, { count: Math.min(SHOWN_ROWS, p.rows.length), total: p.rows.length })),
      h('div', { class: 'table-scroll' }, h('table', { class: 'table compact', id: 'import-rows' },
        h('thead', {}, h('tr', {}, ['import.row', 'import.change', 'field.first_name', 'field.last_name', 'field.email', 'field.role', 'field.topics', 'field.availability']
          .map((k) => h('th', { scope: 'col' }, t(k))))),
        h('tbody', {}, p.rows.slice(0, SHOWN_ROWS).map((row) => h('tr', { class: `change-${row.change}` },
          h('td', { class: 'number' }, String(row.row)),
          h('td', {}, h('span', { class: `change-badge ${row.change}` }, t(`import.change_${row.change}`)),
            row.changed_fields.length ? h('span', { class: 'muted small' }, ` (${row.changed_fields.map((f) => t(`field.${f}`)).join(', ')})`) : null),
          h('td', {}, row.form.first_name), h('td', {}, row.form.last_name), h('td', {}, row.form.email),
          h('td', {}, row.form.role), h('td', {}, row.form.topics), h('td', {}, row.form.availability)))))));
    // The import buttons stay in view at the bottom while the preview scrolls.
    const actions = h('div', { class: 'form-actions sticky-actions', id: 'import-actions' },
      h('button', { type: 'button', class: 'button primary', id: 'import-all', disabled: p.skipped > 0 || valid === 0,
        onclick: () => run(false) }, counted('import.import_all', valid)),
      p.skipped > 0 && valid > 0
        ? h('button', { type: 'button', class: 'button secondary', id: 'import-valid', onclick: () => run(true) },
          counted('import.import_valid', valid, { skipped: p.skipped }))
        : null,
      h('a', { class: 'button secondary', href: `#/programme/${programmeId}/participants` }, t('action.cancel')));
    result.replaceChildren(...[summary, source, unknown, problems, shared, warnings, columns, rows, actions].filter(Boolean));
  }

  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    if (!file) return;
    fileName = file.name;
    chosen.textContent = file.name;
    bytes = new Uint8Array(await file.arrayBuffer());
    const mine = ++chosenCount;
    let names = [];
    try {
      names = await ipc.importSheets(bytes);
    } catch {
      // The preview says what is wrong with the file.
    }
    // A file chosen since then has its own sheets.
    if (mine !== chosenCount) return;
    sheet.replaceChildren(...names.map((name) => h('option', { value: name }, name)));
    sheetField.hidden = names.length < 2;
    await preview();
  });
  sheet.addEventListener('change', () => preview());
  clearEmpty.addEventListener('change', () => preview());

  const template = (extension) => async () => {
    try {
      await saveWith(`Klik — ${t('import.template')}.${extension}`, (path) => ipc.importTemplate(path));
    } catch (error) { toastError(error); }
  };

  return h('section', { class: 'page' },
    h('p', { class: 'breadcrumb' }, h('a', { href: `#/programme/${programmeId}/participants` }, `← ${programme.name}`)),
    h('h1', {}, t('import.title')),
    h('section', { class: 'card' },
      h('p', {}, t('import.intro')),
      h('div', { class: 'field file-field' },
        input,
        h('label', { for: 'import-file', class: 'button primary file-button' }, t('import.choose')),
        chosen),
      sheetField,
      h('div', { class: 'field' }, h('label', { class: 'check' }, clearEmpty, t('import.clear_empty'))),
      h('p', { class: 'hint' }, t('import.template_hint'), ' ',
        h('button', { type: 'button', class: 'button small secondary', onclick: template('xlsx') }, t('import.template_excel')), ' ',
        h('button', { type: 'button', class: 'button small secondary', onclick: template('csv') }, t('import.template_csv')))),
    result);
}
