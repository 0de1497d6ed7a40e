// Planning every first talk in one action: a period, a proposal to look at
// first, and saving it on request.

import * as ipc from '../../ipc.js';
import { t } from '../../i18n.js';
import { h, field, toast, showFormErrors, clearFormErrors, commandError } from '../../dom.js';

/**
 * The planning card's form and the area where its proposal shows.
 * @param {import('./list.js').Intakes} ctx
 */
export function planCard(ctx) {
  const { programmeId, act, draw } = ctx;
  const proposalArea = h('div', { id: 'intake-proposal' });
  const planForm = /** @type {HTMLFormElement} */ (h('form', { id: 'intake-plan-form', class: 'form', novalidate: true },
    h('div', { class: 'field-row' },
      field({ name: 'from', label: t('field.from'), hint: t('form.date_hint'), value: ctx.state.board.period_from, size: 'narrow' }),
      field({ name: 'to', label: t('field.to'), hint: t('form.date_hint'), value: ctx.state.board.period_to, size: 'narrow' })),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'button primary', id: 'intake-propose' }, t('intake.ui.propose')))));
  const planValue = (name) => /** @type {HTMLInputElement} */ (planForm.elements.namedItem(name)).value;
  planForm.addEventListener('submit', (event) => {
    event.preventDefault();
    act(async () => {
      clearFormErrors(planForm);
      let proposal;
      try {
        proposal = await ipc.proposeIntakes(programmeId, planValue('from'), planValue('to'));
      } catch (error) {
        showFormErrors(planForm, commandError(error));
        return;
      }
      drawProposal(proposal);
    });
  });

  /** The proposed plan, to save or leave. @param {any} proposal */
  function drawProposal(proposal) {
    const planned = proposal.planned;
    const rows = planned.map((p) => h('tr', {},
      h('td', { class: 'nowrap' }, p.day), h('td', { class: 'nowrap' }, p.time),
      h('th', { scope: 'row' }, p.mentee.name), h('td', {}, p.mentor.name)));
    const save = h('button', {
      type: 'button', class: 'button primary', id: 'intake-save-plan',
      onclick: () => act(async () => {
        const next = await ipc.planIntakes(programmeId, planValue('from'), planValue('to'));
        proposalArea.replaceChildren();
        draw(next);
        toast(t(planned.length === 1 ? 'intake.ui.planned_one' : 'intake.ui.planned', { count: planned.length }));
        document.getElementById('intake-list-title')?.focus();
      }),
    }, t('intake.ui.save_plan'));
    proposalArea.replaceChildren(h('section', { class: 'card', aria: { labelledby: 'intake-proposal-title' } },
      h('h3', { id: 'intake-proposal-title', tabindex: '-1' }, t('intake.ui.proposal_title')),
      planned.length
        ? h('div', { class: 'table-scroll' }, h('table', { class: 'table compact', id: 'intake-proposal-table' },
          h('thead', {}, h('tr', {}, [t('field.date'), t('field.time'), t('role.mentee'), t('role.mentor')].map((label) => h('th', { scope: 'col' }, label)))),
          h('tbody', {}, rows)))
        : h('p', { class: 'muted' }, t('intake.ui.nothing_to_plan')),
      proposal.not_placed.length ? [
        h('h4', {}, t('intake.ui.not_placed')),
        h('ul', { class: 'reason-list', id: 'intake-not-placed' }, proposal.not_placed.map((n) => h('li', {},
          h('strong', {}, `${n.mentee.name} & ${n.mentor.name}`), ': ', n.reason))),
      ] : null,
      h('div', { class: 'form-actions' },
        planned.length ? save : null,
        h('button', { type: 'button', class: 'button secondary', onclick: () => proposalArea.replaceChildren() }, t('intake.ui.discard')))));
    document.getElementById('intake-proposal-title')?.focus();
  }

  return h('section', { class: 'card', id: 'intake-plan', aria: { labelledby: 'intake-plan-title' } },
    h('h2', { id: 'intake-plan-title' }, t('intake.ui.plan_title')),
    h('p', { class: 'hint' }, t('intake.ui.plan_intro')),
    planForm,
    proposalArea);
}
