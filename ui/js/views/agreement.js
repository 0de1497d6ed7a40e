// The mentoring agreement of one match: the period, up to five learning
// goals and the eleven expectations, edited as a form the core checks; then
// draft → ready to sign → signed, and printed to a PDF at any stage. A signed
// version is never changed: saving it makes the next version, a new draft.

import * as ipc from '../ipc.js';
import { t, shortDate } from '../i18n.js';
import { h, append, field, toast, showFormErrors, clearFormErrors, commandError, oneAtATime } from '../dom.js';
import { expectationGroups, textRows } from '../components/expectations.js';
import { openDocument, saveDocument } from '../components/documents.js';

/** The most learning goals an agreement holds (the core refuses more). */
const GOALS_MAX = 5;

/** The parts of a learning goal, in the order they are asked. */
const GOAL_PARTS = ['what', 'success', 'target_date', 'first_actions'];

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


/**
 * Text that only screen readers announce, such as which goal a Remove button removes.
 * @param {string} text
 */
const hidden = (text) => h('span', { class: 'visually-hidden' }, text);

/**
 * A date from the shell as people write it. Stored dates arrive as ISO
 * (with a time, perhaps); anything else is already written for people and
 * is shown as it is.
 * @param {string} text
 */
function dateText(text) {
  return /^\d{4}-\d{2}-\d{2}/.test(text) ? shortDate(text.slice(0, 10)) : text;
}

/**
 * Today as people type it (28-11-2026 in Dutch, 28/11/2026 otherwise). Only
 * a suggestion for the signature dates, which are usually today: the core
 * still checks whatever is sent.
 */
function today() {
  const now = new Date();
  const two = (n) => String(n).padStart(2, '0');
  return shortDate(`${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`);
}

/**
 * @param {number} programmeId
 * @param {number} matchId
 */
export async function agreementView(programmeId, matchId) {
  /** @type {Agreement} */
  let agreement = await ipc.getAgreement(matchId);
  /** @type {HTMLFormElement} */
  let form;
  /** Reads the form on screen as the save command takes it. @type {() => any} */
  let formValues = () => ({});
  // Changes typed since the last save. Marking ready, signing and printing
  // act on what is stored, so they save these first: what the people sign
  // and print is what is on screen.
  let dirty = false;
  // One command at a time: a second click while the first is under way would
  // act on an agreement that is about to change.
  const act = oneAtATime(() => view);

  const statusArea = h('div', { class: 'agreement-top' });
  const formArea = h('div', { class: 'agreement-form-area' });
  const versionsArea = h('div', {});

  /**
   * Puts focus back where the person was working: the old element is gone
   * after a redraw, so it is found again by a selector; failing that, the
   * status heading or the main area.
   * @param {string} [selector]
   */
  function refocus(selector) {
    for (const candidate of [selector, '#agreement-status-title', '#main']) {
      const element = candidate ? document.querySelector(candidate) : null;
      if (element instanceof HTMLElement && !element.hasAttribute('disabled') && !element.hidden) {
        element.focus();
        return;
      }
    }
  }

  /** Shows an agreement: its status and next step, the form and the versions. @param {Agreement} next */
  function draw(next) {
    agreement = next;
    dirty = false;
    statusArea.replaceChildren(statusCard(next), partiesCard(next));
    ({ form, values: formValues } = drawForm(next));
    formArea.replaceChildren(form);
    versionsArea.replaceChildren(...(next.versions.length > 1 ? [versionsCard(next)] : []));
  }

  /** Where the agreement stands, what to do next, and the buttons that do it. @param {Agreement} a */
  function statusCard(a) {
    const signed = a.status === 'signed';
    const button = (id, label, onclick, primary, haspopup) => h('button', {
      type: 'button', id, class: `button ${primary ? 'primary' : 'secondary'}`, onclick, aria: { haspopup },
    }, label);
    return h('section', { class: 'card agreement-status-card', id: 'agreement-summary', aria: { labelledby: 'agreement-status-title' } },
      h('h2', { id: 'agreement-status-title', tabindex: '-1' }, t('field.status')),
      h('p', { class: 'agreement-state' },
        h('span', { id: 'agreement-status', class: `agreement-badge status-${a.status}` }, a.status_label),
        h('span', { id: 'agreement-version', class: 'muted' }, t('agreement.ui.version', { version: a.version }))),
      h('p', { id: 'agreement-next' }, t(`agreement.ui.next.${a.status}`)),
      signed ? h('dl', { class: 'facts', id: 'agreement-signed-dates' },
        ['mentee', 'mentor', 'coordinator'].map((who) => [
          h('dt', {}, t(`field.${who}_signed_on`)),
          h('dd', {}, a.signed[who] ?? '–'),
        ])) : null,
      h('div', { class: 'agreement-actions' },
        a.status === 'draft' ? button('agreement-ready', t('agreement.ui.mark_ready'), () => markReady(), true) : null,
        a.status === 'ready' ? button('agreement-sign', t('agreement.ui.record_signatures'), () => openSign(), true, 'dialog') : null,
        button('open-agreement', t('agreement.ui.open_pdf'), () => printOne(true), false),
        button('print-agreement', t('agreement.ui.save_pdf'), () => printOne(false), false)));
  }

  /** Who the agreement is between. @param {Agreement} a */
  function partiesCard(a) {
    const person = (p) => h('dd', {}, h('span', { class: 'person-name' }, p.name), p.email ? h('span', { class: 'email' }, p.email) : null);
    return h('section', { class: 'card agreement-parties', id: 'agreement-parties', aria: { labelledby: 'agreement-parties-title' } },
      h('h2', { id: 'agreement-parties-title' }, t('agreement.parties')),
      h('dl', { class: 'facts' },
        h('dt', {}, t('field.mentee')), person(a.mentee),
        h('dt', {}, t('field.mentor')), person(a.mentor)));
  }

  /** The earlier and current versions, so that what was signed before stays visible. @param {Agreement} a */
  function versionsCard(a) {
    return h('section', { class: 'card agreement-versions', id: 'agreement-versions', aria: { labelledby: 'agreement-versions-title' } },
      h('h2', { id: 'agreement-versions-title' }, t('agreement.ui.versions')),
      h('ol', { class: 'version-list' }, a.versions.map((v) => {
        const current = v.version === a.version;
        return h('li', { dataset: { version: String(v.version) }, aria: { current: current ? 'true' : undefined }, class: current ? 'current' : '' },
          h('span', { class: 'version-name' }, t('agreement.version_status', { version: v.version, status: v.status_label })),
          h('span', { class: 'muted' }, ` · ${t('agreement.ui.updated_on', { date: dateText(v.updated_on) })}`),
          current ? h('span', { class: 'state-badge' }, t('agreement.ui.current_version')) : null);
      })));
  }

  /**
   * The form of an agreement. Goals are kept as values and redrawn on adding
   * or removing one, so that their numbers (and so the names the core's
   * field problems refer to) always run 1, 2, 3 on screen.
   * @param {Agreement} a
   * @returns {{form: HTMLFormElement, values: () => any}}
   */
  function drawForm(a) {
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
      dirty = true;
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

    el.addEventListener('input', () => { dirty = true; });
    el.addEventListener('submit', (event) => {
      event.preventDefault();
      act(async () => {
        // On problems focus stays on the error summary, which says what to fix.
        if (await saveForm()) refocus('#save-agreement');
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

  /**
   * Saves the form and redraws; false when the core found problems, which
   * are then shown on the form. Saving a signed agreement makes a new
   * version, which the message says, since the status changes with it.
   */
  async function saveForm() {
    const before = agreement;
    let next;
    try {
      next = await ipc.saveAgreement(matchId, formValues());
    } catch (error) {
      showFormErrors(form, commandError(error));
      return false;
    }
    draw(next);
    toast(next.version > before.version
      ? t('agreement.ui.new_version', { version: next.version, signed: before.version })
      : t('shell.saved'));
    return true;
  }

  /** Saves changes typed since the last save; false when they have problems. */
  async function saveIfChanged() {
    return dirty ? saveForm() : true;
  }

  /** Marks the draft ready to sign; the core refuses one without learning goals. */
  function markReady() {
    act(async () => {
      if (!(await saveIfChanged())) return;
      try {
        draw(await ipc.markAgreementReady(matchId));
      } catch (error) {
        showFormErrors(form, commandError(error));
        return;
      }
      toast(t('agreement.ui.ready_done'));
      refocus('#agreement-sign');
    });
  }

  /**
   * Prints the agreement as stored, after saving what is on screen: opened
   * in the system's PDF viewer, or saved where the user chooses.
   * @param {boolean} open
   */
  function printOne(open) {
    act(async () => {
      if (!(await saveIfChanged())) return;
      if (open) {
        await openDocument('agreement', matchId);
      } else {
        await saveDocument('agreement', matchId);
      }
      refocus(open ? '#open-agreement' : '#print-agreement');
    });
  }

  /**
   * Asks on which dates the mentee, the mentor and the coordinator signed,
   * suggesting today, and records them. Focus goes back to the button that
   * opened the dialog, unless signing redrew the page.
   */
  function openSign() {
    act(async () => {
      if (!(await saveIfChanged())) return;
      document.getElementById('sign-dialog')?.remove();
      const opener = document.querySelector('#agreement-sign');
      const dialog = /** @type {HTMLDialogElement} */ (h('dialog', { id: 'sign-dialog', class: 'dialog', aria: { labelledby: 'sign-title' } }));
      dialog.addEventListener('close', () => {
        dialog.remove();
        if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
      });
      const date = (who) => field({
        name: `${who}_signed_on`, label: t(`field.${who}_signed_on`), size: 'narrow',
        control: h('input', {
          name: `${who}_signed_on`, type: 'text', autocomplete: 'off', value: today(),
          dataset: { hint: 'sign-date-hint' }, aria: { describedby: 'sign-date-hint', required: 'true' },
        }),
      });
      const submit = /** @type {HTMLButtonElement} */ (h('button', { type: 'submit', class: 'button primary', id: 'sign-confirm' }, t('agreement.ui.record_signatures')));
      const signForm = /** @type {HTMLFormElement} */ (h('form', { novalidate: true },
        h('h2', { id: 'sign-title' }, t('agreement.signatures')),
        h('p', {}, t('agreement.ui.sign_intro')),
        h('p', { class: 'hint', id: 'sign-date-hint' }, t('form.date_hint')),
        date('mentee'),
        date('mentor'),
        date('coordinator'),
        h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'button secondary', id: 'sign-cancel', onclick: () => dialog.close() }, t('action.cancel')),
          submit)));
      const typed = (name) => /** @type {HTMLInputElement} */ (signForm.elements.namedItem(name)).value;
      signForm.addEventListener('submit', async (event) => {
        event.preventDefault();
        if (submit.disabled) return;
        submit.disabled = true;
        let next;
        try {
          next = await ipc.signAgreement(matchId, typed('mentee_signed_on'), typed('mentor_signed_on'), typed('coordinator_signed_on'));
        } catch (error) {
          submit.disabled = false;
          showFormErrors(signForm, commandError(error));
          return;
        }
        draw(next);
        dialog.close();
        toast(t('agreement.ui.signed_done'));
        refocus('#agreement-status-title');
      });
      dialog.append(signForm);
      document.body.append(dialog);
      dialog.showModal();
      /** @type {HTMLElement|null} */ (signForm.querySelector('input'))?.focus();
    });
  }

  const pair = h('p', { class: 'subtitle', id: 'agreement-pair' },
    hidden(`${t('field.mentee')}: `),
    h('span', { class: 'person-name' }, agreement.mentee.name),
    h('span', { class: 'pair-arrow', aria: { hidden: 'true' } }, ' → '),
    hidden(`, ${t('field.mentor')}: `),
    h('span', { class: 'person-name' }, agreement.mentor.name));
  const view = h('section', { class: 'page agreement', id: 'agreement' },
    h('p', { class: 'breadcrumb' },
      h('a', { href: `#/programme/${programmeId}/matching`, id: 'agreement-back' }, `← ${t('nav.matching')} · ${agreement.programme_name}`)),
    h('div', { class: 'page-head' }, h('div', {}, h('h1', {}, t('agreement.title')), pair)),
    statusArea,
    formArea,
    versionsArea);
  draw(agreement);
  return view;
}
