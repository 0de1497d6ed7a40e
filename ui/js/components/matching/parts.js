// The small pieces the matching board is drawn with: how well something
// fits, a change of score, a bar, a person with their department, and why
// there is nothing to match.

import { t, shortDate } from '../../i18n.js';
import { h } from '../../dom.js';

/** A fit from GOOD up is good, from PARTIAL up partial, below it poor. */
const GOOD = 70;
const PARTIAL = 30;

/** A mark beside each colour, so that the level does not depend on seeing colour. */
export const FIT_MARKS = { good: '✓', partial: '~', poor: '✗', neutral: '–' };

/**
 * How well a criterion fits: 'good', 'partial', 'poor', or 'neutral' when it
 * does not apply to this pair.
 * @param {number|null} fit 0–100
 */
export function fitLevel(fit) {
  if (fit === null || fit === undefined) return 'neutral';
  return fit >= GOOD ? 'good' : fit >= PARTIAL ? 'partial' : 'poor';
}

/**
 * A change of score with its sign, as people write it: +3, −7, ±0.
 * @param {number} delta
 */
export function signed(delta) {
  if (delta > 0) return `+${delta}`;
  if (delta < 0) return `−${Math.abs(delta)}`;
  return '±0';
}

/**
 * A stored date as people write it. The time, if the shell sends one, is
 * left out: the day is what matters in a list of matches.
 * @param {string} iso
 */
export const dateText = (iso) => shortDate(iso.slice(0, 10));

/**
 * A bar filled to a share, beside the number it illustrates (so hidden from
 * screen readers, which read the number).
 * @param {string} className
 * @param {number} percent 0–100
 * @param {string} fillClass
 */
export function bar(className, percent, fillClass) {
  const fill = h('span', { class: `bar-fill ${fillClass}` });
  // The CSP forbids style attributes in markup; a width set from script is allowed.
  fill.style.width = `${Math.max(0, Math.min(100, percent))}%`;
  return h('span', { class: `bar ${className}`, aria: { hidden: 'true' } }, fill);
}

/**
 * A person's name with their department beneath it.
 * @param {{name: string, department: string}} person
 * @param {string} [roleKey] the role's text key, when the role is worth saying
 */
export function personBlock(person, roleKey) {
  return h('div', { class: 'person' },
    roleKey ? h('span', { class: 'person-role' }, t(roleKey)) : null,
    h('span', { class: 'person-name' }, person.name),
    person.department ? h('span', { class: 'person-dept' }, person.department) : null);
}

/**
 * Why there is nothing to match, as the text key to show, or null when there is.
 * @param {any} summary
 */
export function emptyKey(summary) {
  if (summary.mentors === 0 && summary.mentees === 0 && summary.confirmed === 0) return 'matching.empty_both';
  if (summary.mentors === 0) return 'matching.empty_mentors';
  if (summary.mentees === 0 && summary.confirmed === 0) return 'matching.empty_mentees';
  return null;
}
