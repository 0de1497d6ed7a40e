// The form of an agreement: the period, up to five learning goals and the
// eleven expectations, named as the core names its field problems.

import { t } from '../../i18n.js';
import { h, append, field, clearFormErrors } from '../../dom.js';
import { expectationGroups, textRows } from '../expectations.js';
import { hidden } from '../text.js';

/**
 * @typedef {{what: string, success: string, target_date: string, first_actions: string}} Goal
 * @typedef {{
 *   match_id: number, programme_id: number, programme_name: string, version: number,
 *   status: 'draft'|'ready'|'signed', status_label: string,
 *   mentee: {name: string, email: string}, mentor: {name: string, email: string},
 *   form: {start: string, end: string, goals: Goal[], expectations: {key: string, label: string, text: string}[]},
 *   signed: {mentee: string|null, mentor: string|null, coordinator: string|null},
 *   versions: {version: number, status_label: string, updated_on: string}[],
 *   read_only: boolean,
 * }} Agreement
 */

/** The most learning goals an agreement holds (the core refuses more). */
const GOALS_MAX = 5;

/** The parts of a learning goal, in the order they are asked. */
const GOAL_PARTS = ['what', 'success', 'target_date', 'first_actions'];

/**
 * The form of an agreement. Goals are kept as values and redrawn on adding
 * or removing one, so that their numbers (and so the names the core's
 * field problems refer to) always run 1, 2, 3 on screen.
 * @param {Agreement} a
 * @param {{programmeId: number, act: (work: () => Promise<void>) => Promise<void>, refocus: (selector?: string) => void, changed: () => void, save: () => Promise<boolean>}} ctx
 *   changed marks the form as typed in since the last save; save saves it
 * @returns {{form: HTMLFormElement, values: () => any}}
 */
export function agreementForm(a, ctx) {
  const { programmeId, act, refocus } = ctx;
  /** @type {Goal[]} */
  let goals = a.form.goals.map((g) => ({ ...g }));
  const parts = new Map(a.form.expectations.map((part) => [part.key, part]));
  const el = /** @type {HTMLFormElement} */ (h('form', { id: 'agreement-form', class: 'form agreement-form', novalidate: true }));
  const value = (name) => /** @type {HTMLInputElement} */ (el.elements.namedItem(name))?.value ?? '';

  const goalList = h('div', { class: 'goal-list' });
  const noGoals = h('p', { class: 'muted', id: 'agreement-no-goals' }, t('agreement.no_goals'));
  const goalsFull = h('p', { class: 'hint', id: 'agreement-goals-full' }, t('agreement.ui.goals_full'));
  const addGoal = h('button', {
    type: 'button', id: 'add-goal', class: 'button secondary',
    onclick: () => {
      readGoals();
      if (goals.length >= GOALS_MAX) return;
      goals.push({ what: '', success: '', target_date: '', first_actions: '' });
      changeGoals(`#field-goals-${goals.length}-what`);
    },
  }, `+ ${t('agreement.ui.add_goal')}`);

  /** Takes the goals' typed values from the screen before it is redrawn. */
  function readGoals() {
    goals = goals.map((_, index) => Object.fromEntries(GOAL_PARTS.map((part) => [part, value(`goals.${index + 1}.${part}`)])));
  }

  /**
   * Redraws the goals after one was added or removed. Problems shown
   * before may name goals by their old numbers, so they go.
   * @param {string} focus a selector for where focus goes afterwards
   */
  function changeGoals(focus) {
    ctx.changed();
    clearFormErrors(el);
    drawGoals();
    refocus(focus);
  }

  function drawGoals() {
    goalList.replaceChildren(...goals.map((goal, index) => goalFieldset(goal, index + 1)));
    noGoals.hidden = goals.length > 0;
    addGoal.hidden = goals.length >= GOALS_MAX;
    goalsFull.hidden = goals.length < GOALS_MAX;
  }

  /**
   * One learning goal; its inputs are named goals.N.part as the core names them.
   * @param {Goal} goal
   * @param {number} n from 1
   */
  function goalFieldset(goal, n) {
    const legend = t('agreement.ui.goal_legend', { n });
    const part = (name, extra = {}) => field({
      name: `goals.${n}.${name}`, label: t(`agreement.goal.${name}`), value: goal[name] ?? '', ...extra,
    });
    return h('fieldset', { class: 'agreement-goal', dataset: { goal: String(n) } },
      h('legend', {}, legend),
      part('what', { multiline: true, rows: 2, required: true }),
      part('success', { multiline: true, rows: 2 }),
      part('target_date', { size: 'narrow', hint: t('form.date_hint') }),
      part('first_actions', { multiline: true, rows: 2 }),
      h('div', { class: 'goal-actions' },
        h('button', {
          type: 'button', class: 'button small secondary goal-remove',
          onclick: () => {
            readGoals();
            goals.splice(n - 1, 1);
            // Focus goes to the goal that took this one's place, else the
            // one before it, else the button to add one.
            const next = Math.min(n, goals.length);
            changeGoals(next ? `#field-goals-${next}-what` : '#add-goal');
          },
        }, t('action.remove'), hidden(` ${legend}`))));
  }

  /**
   * One expectation as a labelled text area. Alone under its heading, its
   * label would repeat the heading on screen, so it is kept for screen
   * readers only.
   * @param {string} key
   * @param {boolean} alone
   */
  function expectation(key, alone) {
    const part = parts.get(key);
    const text = part?.text ?? '';
    const box = field({ name: key, label: part?.label ?? t(`field.${key}`), value: text, multiline: true, rows: textRows(text, alone) });
    if (alone) box.querySelector('label')?.classList.add('visually-hidden');
    return box;
  }

  drawGoals();
  append(el, [
    h('fieldset', {},
      h('legend', {}, t('agreement.period')),
      h('div', { class: 'field-row' },
        field({ name: 'start', label: t('field.start'), hint: t('form.date_hint'), value: a.form.start, required: true, size: 'narrow' }),
        field({ name: 'end', label: t('field.end'), hint: t('form.date_hint'), value: a.form.end, required: true, size: 'narrow' }))),
    // Named like the core's field problem about the goals as a whole, so
    // that the error summary links here; focusable so the link can land.
    h('fieldset', { id: 'agreement-goals', name: 'learning_goals', tabindex: '-1', class: 'agreement-goals' },
      h('legend', {}, t('agreement.goals')),
      h('p', { class: 'hint' }, t('agreement.ui.goals_hint')),
      noGoals,
      goalList,
      goalsFull,
      addGoal),
    h('p', { class: 'hint agreement-expectations-hint' }, t('agreement.ui.expectations_hint')),
    expectationGroups(expectation),
    a.read_only ? h('p', { class: 'notice', id: 'agreement-new-version-notice' },
      t('agreement.ui.signed_notice', { version: a.version, next: a.version + 1 })) : null,
    h('div', { class: 'form-actions' },
      h('button', {
        type: 'submit', class: 'button primary', id: 'save-agreement',
        aria: { describedby: a.read_only ? 'agreement-new-version-notice' : undefined },
      }, t('action.save')),
      h('a', { class: 'button secondary', href: `#/programme/${programmeId}/matching` }, t('action.cancel')))]);

  el.addEventListener('input', () => ctx.changed());
  el.addEventListener('submit', (event) => {
    event.preventDefault();
    act(async () => {
      // On problems focus stays on the error summary, which says what to fix.
      if (await ctx.save()) refocus('#save-agreement');
    });
  });
  /** The form's values as the command takes them: the eleven texts in the agreement's order. */
  const values = () => {
    readGoals();
    return {
      start: value('start'),
      end: value('end'),
      goals,
      expectations: a.form.expectations.map((part) => value(part.key)),
    };
  };
  return { form: el, values };
}
