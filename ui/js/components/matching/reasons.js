// Why a pair scores what it scores, and the best other mentors for its mentee.

import { t } from '../../i18n.js';
import { h } from '../../dom.js';
import { hidden } from '../text.js';
import { fitLevel, FIT_MARKS } from './parts.js';

/**
 * Why a pair scores what it scores, folded: a line that counts how the
 * criteria fit, opened on demand to one line per criterion.
 * @param {any[]} reasons
 */
export function reasonList(reasons) {
  if (!reasons.length) return null;
  const levels = reasons.map((reason) => fitLevel(reason.fit));
  const count = (level) => levels.filter((l) => l === level).length;
  const tally = ['good', 'partial', 'poor']
    .filter((level) => count(level))
    .map((level) => `${FIT_MARKS[level]} ${count(level)} ${t(`matching.tally.${level}`)}`)
    .join(' · ');
  return h('details', { class: 'pair-reasons' },
    h('summary', {}, h('span', {}, t('matching.why')), h('span', { class: 'muted' }, ` ${tally}`)),
    reasonItems(reasons));
}

/** One line per criterion, with how well it fits. @param {any[]} reasons */
function reasonItems(reasons) {
  return h('ul', { class: 'reasons' }, reasons.map((reason) => {
    const level = fitLevel(reason.fit);
    return h('li', { class: `reason fit-${level}`, dataset: { criterion: reason.criterion } },
      h('span', { class: 'fit-mark', aria: { hidden: 'true' } }, FIT_MARKS[level]),
      hidden(`${t(`matching.fit.${level}`)}: `),
      h('span', { class: 'reason-text' }, h('span', { class: 'reason-label' }, `${reason.label}: `), reason.text),
      reason.weight_label ? h('span', { class: 'reason-weight', title: t('matching.importance') },
        hidden(`${t('matching.importance')}: `), reason.weight_label) : null);
  }));
}
