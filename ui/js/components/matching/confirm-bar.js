// The matching board's toolbar: propose (again), accept every pair, and
// confirm the accepted pairs after asking once.

import * as ipc from '../../ipc.js';
import { t, counted } from '../../i18n.js';
import { h, toast, confirmAction } from '../../dom.js';
import { go } from '../../nav.js';

/**
 * The buttons above the proposal.
 * @param {import('./board.js').Matching} ctx
 * @param {any} b the board
 */
export function confirmBar(ctx, b) {
  const { id, act } = ctx;
  const s = b.summary;
  const proposal = b.proposal;
  const waiting = proposal ? proposal.pairs.filter((pair) => pair.state === 'proposed').length : 0;
  return h('div', { class: 'toolbar matching-toolbar' },
    h('button', {
      type: 'button', id: 'matching-propose', class: proposal ? 'button secondary' : 'button primary',
      onclick: () => act(() => ipc.matchingBoard(id, true), '#matching-propose'),
    }, t(proposal ? 'matching.rerun' : 'matching.propose')),
    proposal ? h('button', {
      type: 'button', id: 'matching-accept-all', class: 'button secondary', disabled: waiting === 0,
      onclick: () => act(() => ipc.acceptAllPairs(id), '#matching-confirm'),
    }, t('matching.accept_all')) : null,
    h('button', {
      type: 'button', id: 'matching-confirm', class: s.accepted ? 'button primary' : 'button secondary',
      disabled: s.accepted === 0, onclick: () => confirmAccepted(ctx),
    }, counted('matching.confirm', s.accepted)));
}

/** Asks once, then turns the accepted pairs into confirmed matches. @param {import('./board.js').Matching} ctx */
export async function confirmAccepted(ctx) {
  const { id, act } = ctx;
  const count = ctx.board().summary.accepted;
  if (ctx.once.busy() || !(await confirmAction(counted('matching.confirm_question', count), t('matching.confirm_ok')))) return;
  let confirmed = 0;
  await act(async () => {
    const done = await ipc.confirmPairs(id);
    confirmed = done.confirmed;
    return done.board;
  }, '#matching-matches-title', () => toast(counted('matching.confirmed_notice', confirmed), {
    // The next step after confirming is planning the intakes: offered at once.
    label: t('next.plan_intakes'), run: () => go(`#/programme/${id}/intakes`),
  }));
}
