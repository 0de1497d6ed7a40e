// A programme's checklist: its five phases in order, each with where it
// stands and a button per thing to do next ("5 intakes to plan → Plan").
// The core decides what waits; this module only picks the page to go to.

import { t, shortDate } from '../i18n.js';
import { h } from '../dom.js';

/**
 * The page where an action is done.
 * @param {number} programmeId @param {{code: string}} action @param {{first_match: number|null}} step
 */
export function actionHash(programmeId, action, step) {
  switch (action.code) {
    case 'add_participants':
      return `#/programme/${programmeId}/participants`;
    case 'confirm_pairs':
    case 'match_mentees':
    case 'find_new_mentor':
      return `#/programme/${programmeId}/matching`;
    case 'plan_intakes':
    case 'record_outcomes':
      return `#/programme/${programmeId}/intakes`;
    case 'sign_agreements':
      return step.first_match ? `#/programme/${programmeId}/agreement/${step.first_match}` : `#/programme/${programmeId}/trajectory`;
    case 'close_programme':
      return `#/programme/${programmeId}/trajectory?at=closing`;
    default:
      return `#/programme/${programmeId}/trajectory`;
  }
}

/** The first thing to do, with its page, if anything waits. @param {number} programmeId @param {any} checklist */
export function nextAction(programmeId, checklist) {
  const step = checklist.steps.find((s) => s.phase === checklist.next);
  if (!step || !step.actions.length) return null;
  const action = step.actions[0];
  return { ...action, hash: actionHash(programmeId, action, step) };
}

const MARKS = { done: '✓', todo: '!', under_way: '…', not_yet: '', left_open: '–' };

/**
 * The checklist card.
 * @param {any} programme the programme's facts (for the phases' dates)
 * @param {any} checklist the dashboard's checklist
 * @param {HTMLElement|null} [extra] a button beside the title (the week's list to print)
 */
export function checklistCard(programme, checklist, extra = null) {
  const dates = Object.fromEntries(programme.phases.map((p) => [p.phase, p]));
  return h('section', { class: 'card', id: 'programme-checklist', aria: { labelledby: 'checklist-title' } },
    h('div', { class: 'card-head' }, h('h2', { id: 'checklist-title' }, t('checklist.title')), extra),
    h('ol', { class: 'checklist' }, checklist.steps.map((step) => {
      const phase = dates[step.phase];
      const next = step.phase === checklist.next;
      return h('li', {
        class: `checklist-step ${step.state}${next ? ' next' : ''}`,
        dataset: { phase: step.phase, state: step.state },
        aria: { current: next ? 'step' : undefined },
      },
      h('span', { class: 'checklist-mark', aria: { hidden: 'true' } }, MARKS[step.state] ?? ''),
      h('div', { class: 'checklist-body' },
        h('p', { class: 'checklist-head' },
          h('strong', {}, step.phase_label),
          h('span', { class: 'checklist-state' }, step.state_label),
          phase ? h('span', { class: 'checklist-dates' }, `${shortDate(phase.start)} – ${shortDate(phase.end)}`) : null,
          next ? h('span', { class: 'badge' }, t('checklist.next')) : null),
        h('p', { class: 'checklist-summary' }, step.summary),
        step.actions.length
          ? h('ul', { class: 'checklist-actions' }, step.actions.map((action, i) => h('li', { dataset: { code: action.code } },
            h('span', {}, action.message),
            h('a', {
              class: next && i === 0 ? 'button primary small' : 'button secondary small',
              href: actionHash(programme.id, action, step),
              id: `checklist-${action.code}`,
            }, action.button))))
          : null));
    })));
}
