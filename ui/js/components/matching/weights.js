// How much each criterion counts, and its parameter: the criteria form of
// the matching board. Drawn on entry and after saving only, so that a
// decision on a pair never wipes out half-typed criteria.

import * as ipc from '../../ipc.js';
import { t } from '../../i18n.js';
import { h, toast, showFormErrors, clearFormErrors, commandError } from '../../dom.js';

/**
 * One criterion in the criteria form: what it is, how much it counts, and its
 * parameter when it has one.
 * @param {any} criterion
 * @param {{key: string, label: string}[]} weights
 */
function criterionRow(criterion, weights) {
  const helpId = criterion.help ? `criterion-help-${criterion.key}` : undefined;
  const row = h('div', { class: `field criterion weight-${criterion.weight}`, dataset: { criterion: criterion.key } });
  const weight = h('select', {
    id: `weight-${criterion.key}`, name: `weight-${criterion.key}`,
    dataset: helpId ? { hint: helpId } : undefined, aria: { describedby: helpId },
    // The row's look follows the choice at once, so "off" and "must" stand out before saving.
    onchange: (event) => { row.className = `field criterion weight-${event.target.value}`; },
  }, weights.map((w) => h('option', { value: w.key, selected: w.key === criterion.weight }, w.label)));
  const parameter = criterion.parameter_label === null ? null : h('input', {
    id: `parameter-${criterion.key}`, name: `parameter-${criterion.key}`, type: 'number', inputmode: 'numeric',
    step: '1', min: criterion.parameter_min, max: criterion.parameter_max, autocomplete: 'off',
    value: criterion.parameter === null ? '' : String(criterion.parameter),
  });
  row.append(
    h('div', { class: 'criterion-text' },
      h('label', { for: weight.id, class: 'criterion-label' }, criterion.label),
      helpId ? h('p', { class: 'hint', id: helpId }, criterion.help) : null),
    h('div', { class: 'criterion-controls' },
      h('span', { class: 'criterion-importance', aria: { hidden: 'true' } }, t('matching.importance')),
      weight,
      parameter ? h('div', { class: 'criterion-parameter' },
        h('label', { for: parameter.id }, criterion.parameter_label), parameter) : null));
  return row;
}

/**
 * The name of the control a field problem is about. The core may name a
 * criterion by its key, with or without the part (weight, parameter), or by
 * its position in the list; a name that fits nothing is left as it is and
 * still shows in the error summary.
 * @param {HTMLFormElement} form
 * @param {any[]} criteria
 * @param {string} field
 */
function controlName(form, criteria, field) {
  if (!field || form.querySelector(`[name="${CSS.escape(field)}"]`)) return field;
  const parts = field.split(/[.[\]/:-]+/).filter(Boolean);
  const position = parts.find((part) => /^\d+$/.test(part));
  const criterion = criteria.find((c) => c.key === field || parts.includes(c.key))
    ?? (position === undefined ? undefined : criteria[Number(position)]);
  if (!criterion) return field;
  const hasParameter = form.querySelector(`[name="parameter-${CSS.escape(criterion.key)}"]`) !== null;
  return parts.includes('weight') || !hasParameter ? `weight-${criterion.key}` : `parameter-${criterion.key}`;
}

/**
 * The criteria panel, folded away unless opened, and a way to draw its form
 * from a board.
 * @param {import('./board.js').Matching} ctx
 */
export function criteriaPanel(ctx) {
  const area = h('div', { class: 'criteria-body' });
  const panel = /** @type {HTMLDetailsElement} */ (h('details', { id: 'matching-criteria', class: 'card criteria' },
    h('summary', {}, t('matching.criteria_title')), area));

  /**
   * Draws the criteria form from a board.
   * @param {any} next
   */
  function drawCriteria(next) {
    const criteria = next.criteria;
    const form = /** @type {HTMLFormElement} */ (h('form', { id: 'criteria-form', class: 'criteria-form', novalidate: true },
      h('p', { class: 'hint' }, t('matching.criteria_intro')),
      h('div', { class: 'criteria-list' }, criteria.map((criterion) => criterionRow(criterion, next.weights))),
      h('div', { class: 'form-actions' },
        h('button', { type: 'submit', class: 'button primary', id: 'criteria-save' }, t('action.save')))));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      saveCriteria(form, criteria);
    });
    area.replaceChildren(form);
  }

  /**
   * Saves the criteria; with a proposal on screen the core proposes again
   * under the new criteria, so what is shown always follows what is saved.
   * @param {HTMLFormElement} form
   * @param {any[]} criteria
   */
  function saveCriteria(form, criteria) {
    return ctx.once(async () => {
      clearFormErrors(form);
      const problems = [];
      const values = criteria.map((criterion) => {
        const weight = /** @type {HTMLSelectElement} */ (form.elements.namedItem(`weight-${criterion.key}`)).value;
        const input = /** @type {HTMLInputElement|null} */ (form.elements.namedItem(`parameter-${criterion.key}`));
        if (!input) return { key: criterion.key, weight, parameter: criterion.parameter };
        // An empty parameter means the default. Anything else must be a whole
        // number in range, checked here because a number field hands over
        // nothing at all for text that is not a number, and the command takes
        // only whole numbers.
        const number = input.valueAsNumber;
        const empty = input.value === '' && !input.validity.badInput;
        if (!empty && !(Number.isInteger(number) && number >= criterion.parameter_min && number <= criterion.parameter_max)) {
          problems.push({
            field: input.name, label: criterion.parameter_label,
            message: t('matching.parameter_number', { min: criterion.parameter_min, max: criterion.parameter_max }),
          });
        }
        return { key: criterion.key, weight, parameter: empty ? null : number };
      });
      if (problems.length) {
        showFormErrors(form, { code: 'invalid', message: '', fields: problems });
        return;
      }
      try {
        const next = await ipc.setMatchingCriteria(ctx.id, values, ctx.proposalShown());
        drawCriteria(next);
        ctx.draw(next);
        toast(t(next.proposal ? 'matching.criteria_saved_rerun' : 'matching.criteria_saved'));
        ctx.refocus('#criteria-save');
      } catch (error) {
        panel.open = true;
        const problem = commandError(error);
        const fields = problem.fields.map((field) => ({ ...field, field: controlName(form, criteria, field.field) }));
        showFormErrors(form, { ...problem, fields });
      }
    });
  }

  return { panel, drawCriteria };
}
