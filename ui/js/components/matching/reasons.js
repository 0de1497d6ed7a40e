// Why a pair scores what it scores, and the best other mentors for its mentee.

import { t } from '../../i18n.js';
import { h } from '../../dom.js';
import { hidden } from '../text.js';
import { fitLevel, FIT_MARKS } from './parts.js';

/**
 * Why a pair scores what it scores: one line per criterion, with how well it fits.
 * @param {any[]} reasons
 */
export function reasonList(reasons) {
  if (!reasons.length) return null;
  return h('ul', { class: 'reasons' }, reasons.map((reason) => {
    const level = fitLevel(reason.fit);
    return h('li', { class: `reason fit-${level}`, dataset: { criterion: reason.criterion } },
      h('span', { class: 'fit-mark', aria: { hidden: 'true' } }, FIT_MARKS[level]),
      hidden(`${t(`matching.fit.${level}`)}: `),
      h('span', { class: 'reason-text' }, h('span', { class: 'reason-label' }, `${reason.label}: `), reason.text),
      reason.weight_label ? h('span', { class: 'reason-weight' }, reason.weight_label) : null);
  }));
}

/**
 * The three best other mentors for a pair's mentee, folded away unless open.
 * @param {any} pair
 * @param {boolean} open
 */
export function alternativesList(pair, open) {
  return h('div', { class: 'alternatives', id: `alternatives-${pair.mentee.id}`, hidden: !open },
    h('p', { class: 'alternatives-title' }, t('matching.alternatives_title', { name: pair.mentee.name })),
    pair.alternatives.length
      ? h('ul', {}, pair.alternatives.map((alternative) => h('li', {
        class: alternative.full ? 'alternative full' : 'alternative', dataset: { mentor: String(alternative.mentor.id) },
      },
        h('span', { class: 'person-name' }, alternative.mentor.name),
        alternative.mentor.department ? h('span', { class: 'person-dept' }, alternative.mentor.department) : null,
        h('span', { class: 'alternative-score' }, t('matching.score_value', { score: alternative.score })),
        alternative.full ? h('span', { class: 'full-badge' }, t('matching.full')) : null)))
      : h('p', { class: 'muted small' }, t('matching.no_alternatives')));
}
