// The eleven expectations of an agreement, grouped under their headings as
// the agreement and its programme's standard texts both show them.

import { t } from '../i18n.js';
import { h } from '../dom.js';

/**
 * The headings the expectations are grouped under, each with its parts in
 * the agreement's order; parts side by side share an inner array, so that
 * short texts such as "how often" and "how long" fit on one line.
 */
const GROUPS = [
  { heading: 'agreement.meetings', rows: [['meeting_frequency', 'meeting_duration'], ['place', 'initiative'], ['cancellation', 'between_meetings']] },
  { heading: 'agreement.confidentiality', rows: [['confidentiality']] },
  { heading: 'agreement.responsibilities', rows: [['mentor_responsibilities', 'mentee_responsibilities']] },
  { heading: 'agreement.ending', rows: [['ending_early']] },
  { heading: 'agreement.contact', rows: [['coordinator']] },
];

/**
 * Enough rows to show a text whole, as far as that is reasonable: the
 * default texts run to three lines in a half-width box.
 * @param {string} text
 * @param {boolean} wide whether the box spans the whole form
 */
export function textRows(text, wide) {
  return Math.min(8, Math.max(wide ? 3 : 2, Math.ceil(text.length / (wide ? 95 : 45))));
}

/**
 * The expectations as fieldsets under their headings, parts side by side
 * where GROUPS puts them; `part` draws one part's field, told whether it is
 * alone under its heading.
 * @param {(key: string, alone: boolean) => HTMLElement} part
 */
export function expectationGroups(part) {
  return GROUPS.map((group) => {
    const alone = group.rows.flat().length === 1;
    return h('fieldset', { class: 'agreement-group' },
      h('legend', {}, t(group.heading)),
      group.rows.map((row) => (row.length === 1
        ? part(row[0], alone)
        : h('div', { class: 'field-row' }, row.map((key) => part(key, alone))))));
  });
}
