// The numbers that say whether matching can work out, and the warnings.

import { t, counted } from '../../i18n.js';
import { h } from '../../dom.js';
import { summaryCard } from '../text.js';
import { emptyKey } from './parts.js';

/**
 * Three key numbers and a progress bar: how many mentees have a confirmed
 * mentor (of all), what the proposal holds, and the free places; the rest
 * is said by the warnings only when it matters.
 * @param {any} s
 */
export function summaryParts(s) {
  const card = (key, value, label, warning = false) => summaryCard(`summary-${key}`, value, label, warning);
  // Once every mentee has a match, an (empty) proposal has nothing to say.
  const proposed = s.matched !== null && s.mentees > 0;
  const total = s.mentees + s.confirmed;
  const progress = h('div', { class: 'matching-progress', id: 'matching-progress' },
    h('p', {}, t('matching.progress', { confirmed: String(s.confirmed), total: String(total) })),
    h('progress', { max: String(Math.max(total, 1)), value: String(s.confirmed), aria: { label: t('matching.progress', { confirmed: String(s.confirmed), total: String(total) }) } }));
  const cards = [
    card('mentees', s.mentees, t(s.mentees === 1 ? 'matching.summary_mentees_one' : 'matching.summary_mentees')),
    proposed
      ? card('matched', s.matched, t('matching.summary_in_proposal', { accepted: String(s.accepted) }))
      : null,
    card('capacity', s.capacity, t(s.capacity === 1 ? 'matching.summary_capacity_one' : 'matching.summary_capacity'), s.capacity < s.mentees),
  ].filter(Boolean);
  const notices = [
    proposed && s.unmatched ? counted('matching.summary_unmatched_notice', s.unmatched) : null,
    proposed && s.without_common_time ? counted('matching.summary_without_common_time_notice', s.without_common_time) : null,
  ].filter(Boolean);
  // The empty states below already say what the warnings would, with a way out.
  const warnings = emptyKey(s) || s.mentees === 0 ? [] : [...s.warnings, ...notices];
  return [
    total ? progress : null,
    h('ul', { class: 'summary-cards' }, cards),
    warnings.length
      ? h('div', { id: 'matching-warnings', class: 'matching-warnings' }, warnings.map((warning) => h('p', { class: 'notice' }, warning)))
      : null,
  ].filter(Boolean);
}
