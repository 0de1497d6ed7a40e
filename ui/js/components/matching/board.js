// The proposal on the matching board: the pairs with their scores, reasons
// and decisions, the pairs a later change made impossible, the mentees left
// without a mentor, and each mentor's load.

import * as ipc from '../../ipc.js';
import { t } from '../../i18n.js';
import { h, toast } from '../../dom.js';
import { bar, emptyKey, fitLevel, personBlock } from './parts.js';
import { reasonList } from './reasons.js';
import { confirmBar } from './confirm-bar.js';
import { conflictsSection, unmatchedSection, loadSection } from './issues.js';
import { openMove } from './move-dialog.js';

/**
 * What the board's pieces share with the view that draws them.
 * @typedef {{
 *   id: number,
 *   board: () => any,
 *   proposalShown: () => boolean,
 *   act: (work: () => Promise<any>, focus: string, done?: () => void) => Promise<void>,
 *   once: ReturnType<typeof import('../../dom.js').oneAtATime>,
 *   draw: (board: any) => void,
 *   refocus: (selector?: string) => void,
 * }} Matching
 */

/**
 * The toolbar, the proposal and the mentors' load; or why there is nothing to match.
 * @param {Matching} ctx
 * @param {any} b the board
 */
export function mainParts(ctx, b) {
  const { id } = ctx;
  const s = b.summary;
  const empty = emptyKey(s);
  if (empty) {
    return [h('div', { class: 'empty-state', id: 'matching-empty' },
      h('p', {}, t(empty)),
      h('a', { class: 'button primary', href: `#/programme/${id}/participants` }, t('matching.to_participants')))];
  }
  const proposal = b.proposal;
  if (s.mentees === 0) {
    return [h('div', { class: 'empty-state', id: 'matching-done' }, h('p', {}, t('matching.all_matched')))];
  }
  const toolbar = confirmBar(ctx, b);

  const boardSection = h('section', { id: 'matching-board', class: 'matching-board', aria: { labelledby: 'matching-board-title' } },
    h('h2', { id: 'matching-board-title', tabindex: '-1' }, t('matching.board_title')),
    !proposal ? h('p', { class: 'muted', id: 'matching-no-proposal' }, t('matching.no_proposal'))
      : proposal.pairs.length ? [h('p', { class: 'hint' }, t('matching.board_hint')), h('div', { class: 'pairs' }, proposal.pairs.map((pair) => pairCard(ctx, pair)))]
        : h('p', { class: 'muted' }, t('matching.no_pairs')));

  return [
    toolbar,
    h('div', { class: 'matching-layout' },
      h('div', { class: 'matching-column' },
        proposal && proposal.conflicts.length ? conflictsSection(ctx, proposal.conflicts) : null,
        boardSection,
        proposal && proposal.unmatched.length ? unmatchedSection(ctx, proposal.unmatched) : null),
      b.mentors.length ? loadSection(b.mentors) : null),
  ];
}

/**
 * One proposed pair, its score and reasons, and what can be decided on it.
 * @param {Matching} ctx
 * @param {any} pair
 */
function pairCard(ctx, pair) {
  const { id, act } = ctx;
  const mentee = pair.mentee.id;
  const mentor = pair.mentor.id;
  const here = `.pair[data-mentee="${mentee}"]`;
  const names = { mentee: pair.mentee.name, mentor: pair.mentor.name };
  const decide = (decision, focus, done) => act(() => ipc.decidePair(id, mentee, mentor, decision), focus, done);
  const button = (className, label, onclick, primary = false) => h('button', {
    type: 'button', class: `button small ${primary ? 'primary' : 'secondary'} ${className}`, onclick,
  }, label);
  const accepted = pair.state === 'accepted';
  const locked = pair.state === 'locked';

  return h('article', {
    class: `pair state-${pair.state}`, tabindex: '-1',
    dataset: { mentee: String(mentee), mentor: String(mentor) },
    aria: { label: t('matching.pair_label', names) },
  },
    h('div', { class: 'pair-head' },
      h('div', { class: 'pair-people' },
        personBlock(pair.mentee, 'role.mentee'),
        h('span', { class: 'pair-arrow', aria: { hidden: 'true' } }, '→'),
        personBlock(pair.mentor, 'role.mentor')),
      h('div', { class: 'pair-score' },
        h('span', { class: 'score-label' }, t('matching.score')),
        h('span', { class: 'score-number' }, String(pair.score)),
        bar('score-bar', pair.score, `fit-${fitLevel(pair.score)}`),
        h('span', { class: `state-badge state-${pair.state}` }, t(`matching.state.${pair.state}`)))),
    reasonList(pair.reasons),
    h('div', { class: 'pair-actions' },
      accepted
        ? button('pair-accept', t('matching.unaccept'), () => decide('clear', `${here} .pair-accept`))
        : button('pair-accept', t('matching.accept'), () => decide('accept', `${here} .pair-accept`), true),
      button('pair-lock', t(locked ? 'matching.unlock' : 'matching.lock'), () => decide(locked ? 'clear' : 'lock', `${here} .pair-lock`)),
      // After a rejection the mentee usually gets another mentor; focus lands
      // on that new pair as a whole rather than on a button that would act on it.
      button('pair-reject', t('matching.reject'), () => decide('reject', here, () => toast(t('matching.rejected_notice', names)))),
      // One "Move": the other mentors, with their scores, are in its dialog.
      h('button', {
        type: 'button', class: 'button small secondary pair-move', aria: { haspopup: 'dialog' },
        onclick: () => openMove(ctx, mentee, `${here} .pair-move`),
      }, t('matching.move'))));
}
