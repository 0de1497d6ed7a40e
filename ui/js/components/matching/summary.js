// The numbers that say whether matching can work out, and the warnings.

import { t } from '../../i18n.js';
import { h } from '../../dom.js';
import { summaryCard } from '../text.js';
import { emptyKey } from './parts.js';

/** The numbers that say whether matching can work out, and the warnings. @param {any} s */
export function summaryParts(s) {
  const card = (key, value, label, warning = false) => summaryCard(`summary-${key}`, value, label, warning);
  // Once every mentee has a match, an (empty) proposal has nothing to say.
  const proposed = s.matched !== null && s.mentees > 0;
  const cards = [
    card('mentees', s.mentees, t(s.mentees === 1 ? 'matching.summary_mentees_one' : 'matching.summary_mentees')),
    card('mentors', s.mentors, t('participants.mentors')),
    card('capacity', s.capacity, t(s.capacity === 1 ? 'matching.summary_capacity_one' : 'matching.summary_capacity'), s.capacity < s.mentees),
    card('confirmed', s.confirmed, t(s.confirmed === 1 ? 'matching.summary_confirmed_one' : 'matching.summary_confirmed')),
    proposed ? card('matched', s.matched, t('matching.summary_matched')) : null,
    proposed && s.unmatched !== null ? card('unmatched', s.unmatched, t('matching.summary_unmatched'), s.unmatched > 0) : null,
    proposed ? card('accepted', s.accepted, t('matching.summary_accepted')) : null,
    proposed && s.total_score !== null ? card('score', s.total_score, t('matching.summary_total_score')) : null,
    proposed && s.without_common_time ? card('no-common-time', s.without_common_time, t('matching.summary_without_common_time'), true) : null,
  ].filter(Boolean);
  // The empty states below already say what the warnings would, with a way out.
  const warnings = emptyKey(s) || s.mentees === 0 ? [] : s.warnings;
  return [
    h('ul', { class: 'summary-cards' }, cards),
    warnings.length
      ? h('div', { id: 'matching-warnings', class: 'matching-warnings' }, warnings.map((warning) => h('p', { class: 'notice' }, warning)))
      : null,
  ].filter(Boolean);
}
