// Beside the proposal: pairs a later change made impossible, mentees without
// a mentor, and how full each mentor is.

import * as ipc from '../../ipc.js';
import { t, counted } from '../../i18n.js';
import { h, toast } from '../../dom.js';
import { bar, personBlock } from './parts.js';
import { openMove } from './move-dialog.js';

/**
 * Accepted or locked pairs that a later change made impossible (a rule, or
 * a mentor with no room left): only a person can decide to keep them.
 * @param {import('./board.js').Matching} ctx
 * @param {any[]} conflicts
 */
export function conflictsSection(ctx, conflicts) {
  const { id, act } = ctx;
  return h('section', { id: 'matching-conflicts', class: 'card issues conflicts', aria: { labelledby: 'matching-conflicts-title' } },
    h('h2', { id: 'matching-conflicts-title' }, counted('matching.conflicts_title', conflicts.length)),
    h('p', { class: 'hint' }, t('matching.conflicts_hint')),
    h('ul', { class: 'issue-list' }, conflicts.map((conflict) => {
      const names = { mentee: conflict.mentee.name, mentor: conflict.mentor.name };
      return h('li', { class: 'issue', dataset: { mentee: String(conflict.mentee.id), mentor: String(conflict.mentor.id) } },
        h('div', { class: 'issue-text' },
          h('span', { class: 'person-name' }, t('matching.pair_label', names)),
          h('span', { class: 'issue-reason' }, conflict.reason)),
        h('div', { class: 'row-actions' },
          h('button', {
            type: 'button', class: 'button small secondary conflict-keep',
            onclick: () => act(() => ipc.keepConflictingPair(id, conflict.mentee.id, conflict.mentor.id),
              `.pair[data-mentee="${conflict.mentee.id}"]`, () => toast(t('matching.kept_notice', names))),
          }, t('matching.keep_anyway')),
          h('button', {
            type: 'button', class: 'button small secondary conflict-clear',
            onclick: () => act(() => ipc.decidePair(id, conflict.mentee.id, conflict.mentor.id, 'clear'),
              `.pair[data-mentee="${conflict.mentee.id}"]`, () => toast(t('matching.dropped_notice', names))),
          }, t('matching.drop_pair')),
          h('button', {
            type: 'button', class: 'button small secondary conflict-move', aria: { haspopup: 'dialog' },
            onclick: () => openMove(ctx, conflict.mentee.id, `.pair[data-mentee="${conflict.mentee.id}"]`),
          }, t('matching.choose_mentor'))));
    })));
}

/**
 * Mentees the proposal found no mentor for, and why.
 * @param {import('./board.js').Matching} ctx
 * @param {any[]} unmatched
 */
export function unmatchedSection(ctx, unmatched) {
  return h('section', { id: 'matching-unmatched', class: 'card issues', aria: { labelledby: 'matching-unmatched-title' } },
    h('h2', { id: 'matching-unmatched-title' }, counted('matching.unmatched_title', unmatched.length)),
    h('ul', { class: 'issue-list' }, unmatched.map((item) => h('li', { class: 'issue', dataset: { mentee: String(item.mentee.id) } },
      h('div', { class: 'issue-text' },
        personBlock(item.mentee),
        h('span', { class: 'issue-reason' }, item.reason)),
      h('div', { class: 'row-actions' },
        h('button', {
          type: 'button', class: 'button small secondary unmatched-move', aria: { haspopup: 'dialog' },
          onclick: () => openMove(ctx, item.mentee.id, `.pair[data-mentee="${item.mentee.id}"]`),
        }, t('matching.choose_mentor')))))));
}

/** How many mentees each mentor has (confirmed plus proposed) against their capacity. @param {any[]} mentors */
export function loadSection(mentors) {
  return h('aside', { id: 'matching-load', class: 'card matching-load', aria: { labelledby: 'matching-load-title' } },
    h('h2', { id: 'matching-load-title' }, t('matching.load_title')),
    h('p', { class: 'hint' }, t('matching.load_hint')),
    h('ul', { class: 'load-list' }, mentors.map((mentor) => {
      const full = mentor.load >= mentor.capacity;
      const share = mentor.capacity > 0 ? (100 * mentor.load) / mentor.capacity : 100;
      return h('li', { class: full ? 'load full' : 'load', dataset: { mentor: String(mentor.id) } },
        h('span', { class: 'load-name' }, mentor.name),
        h('span', { class: 'load-count' }, t('matching.load', { load: mentor.load, capacity: mentor.capacity })),
        full ? h('span', { class: 'full-badge' }, t('matching.full')) : null,
        bar('load-bar', share, mentor.load > mentor.capacity ? 'over' : full ? 'full' : 'free'));
    })));
}
