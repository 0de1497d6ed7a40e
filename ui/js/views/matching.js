// The matching board of a programme: how much each criterion counts, a
// proposal of pairs with the reasons behind every score, and the decisions a
// person makes on it (accept, reject, lock, move, keep a pair that breaks a
// rule) before the accepted pairs become confirmed matches. Confirmed matches
// are listed below and can be dissolved, with a reason, without disappearing;
// each open match links to its agreement, and all agreements print at once.
// The pieces live in components/matching/; this view holds the board on
// screen and runs its commands one at a time.

import * as ipc from '../ipc.js';
import { t } from '../i18n.js';
import { h, oneAtATime } from '../dom.js';
import { programmeTabs } from '../components/programme-tabs.js';
import { refocus } from '../components/refocus.js';
import { mainParts } from '../components/matching/board.js';
import { summaryParts } from '../components/matching/summary.js';
import { matchesParts } from '../components/matching/matches.js';
import { criteriaPanel } from '../components/matching/weights.js';

/**
 * Programmes whose proposal is on screen. The core only calculates a
 * proposal when asked, so coming back to the board must ask again; otherwise
 * the pairs someone was working on would seem to have vanished.
 * @type {Map<number, boolean>}
 */
const shownProposals = new Map();

/** @param {number} id */
export async function matchingView(id) {
  const programme = await ipc.getProgramme(id);
  /** @type {any} */
  let board = await ipc.matchingBoard(id, shownProposals.get(id) === true);
  // Decisions are stored but the proposal is not: after a restart, accepted
  // pairs would otherwise wait unseen behind the Confirm button.
  if (!board.proposal && board.summary.accepted > 0) board = await ipc.matchingBoard(id, true);

  /** The summary last drawn, as JSON. */
  let shownSummary = '';

  const summaryArea = h('div', { id: 'matching-summary', class: 'matching-summary', aria: { live: 'polite' } });
  const mainArea = h('div', { class: 'matching-main' });
  const matchesArea = h('div', { class: 'matching-matches' });
  // One command at a time: a second click while the first is under way would
  // act on a board that is about to change.
  const once = oneAtATime(() => mainArea);

  /** @type {import('../components/matching/board.js').Matching} */
  const ctx = {
    id,
    board: () => board,
    proposalShown: () => shownProposals.get(id) === true,
    act,
    once,
    draw,
    // Focus goes back where the person was working; failing that, to the
    // board's heading or the main area.
    refocus: (selector) => refocus([selector, '#matching-board-title', '#main']),
  };
  const criteria = criteriaPanel(ctx);

  /**
   * Runs a command that answers with a new board, draws it and puts focus back.
   * @param {() => Promise<any>} work resolves to a board
   * @param {string} focus a selector for the control to focus afterwards
   * @param {() => void} [done] what to say once it worked
   */
  async function act(work, focus, done) {
    let ran = false;
    await once(async () => {
      ran = true;
      draw(await work());
      done?.();
    });
    if (ran) ctx.refocus(focus);
  }

  /** Shows a board: summary, proposal, mentor load and confirmed matches. @param {any} next */
  function draw(next) {
    board = next;
    shownProposals.set(id, next.proposal !== null);
    // The summary is a live region: redrawn only when it changed, so that a
    // screen reader does not read out the same numbers after every decision.
    const summary = JSON.stringify(next.summary);
    if (summary !== shownSummary) {
      shownSummary = summary;
      summaryArea.replaceChildren(...summaryParts(next.summary));
    }
    mainArea.replaceChildren(...mainParts(ctx, next));
    matchesArea.replaceChildren(...matchesParts(ctx, next.matches));
  }

  const view = h('section', { class: 'page matching', id: 'matching' },
    h('p', { class: 'breadcrumb' }, h('a', { href: programme.archived ? '#/programmes/archived' : '#/programmes' }, `← ${t('nav.programmes')}`)),
    h('div', { class: 'page-head' }, h('h1', {}, programme.name)),
    programmeTabs(programme, 'matching'),
    summaryArea,
    criteria.panel,
    mainArea,
    matchesArea);
  criteria.drawCriteria(board);
  draw(board);
  return view;
}
