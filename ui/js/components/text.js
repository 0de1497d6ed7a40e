// Small pieces of text that several views write the same way.

import { h } from '../dom.js';

/**
 * Text that only screen readers announce, such as which pair or goal a
 * button acts on, or what a mark means.
 * @param {string} text
 */
export const hidden = (text) => h('span', { class: 'visually-hidden' }, text);

/**
 * One number in a row of summary cards, marked as a warning when it needs
 * attention.
 * @param {string} id
 * @param {number|string} value
 * @param {string} label
 * @param {boolean} [warning]
 */
export function summaryCard(id, value, label, warning = false) {
  return h('li', { class: warning ? 'summary-card warning' : 'summary-card', id },
    h('strong', { class: 'summary-number' }, String(value)), h('span', { class: 'summary-label' }, label));
}
