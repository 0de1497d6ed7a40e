// Intakes of a programme: plan every first talk in one action (a proposal
// first, saved on request), the settings and closed days behind it, every
// pair's talk in a list or a week view, moving a talk, recording whether
// there was a klik, calendar files, the e-mail invitation, and the printed
// schedule and conversation guides.

import * as ipc from '../ipc.js';
import { t } from '../i18n.js';
import { h, field, toast, showFormErrors, clearFormErrors, modal, commandError, oneAtATime, confirmAction } from '../dom.js';
import { go } from '../nav.js';
import { programmeTabs } from '../components/programme-tabs.js';
import { openDocument, ICS } from '../components/documents.js';

/** The filters of the list, in order; 'all' shows every pair. */
const FILTERS = ['all', 'to_plan', 'planned', 'outcome_missing', 'held'];

/**
 * Text only screen readers hear, such as which pair a button is for.
 * @param {string} text
 */
const hidden = (text) => h('span', { class: 'visually-hidden' }, text);

/** Monday of the week of an ISO date (2027-01-06 → 2027-01-04). @param {string} iso */
function monday(iso) {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  const day = new Date(Date.UTC(y, m - 1, d));
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day.toISOString().slice(0, 10);
}

/** An ISO date `days` later. @param {string} iso @param {number} days */
function addDays(iso, days) {
  const [y, m, d] = iso.split('-').map(Number);
  const day = new Date(Date.UTC(y, m - 1, d + days));
  return day.toISOString().slice(0, 10);
}

/** @param {number} programmeId */
export async function intakesView(programmeId) {
  const programme = await ipc.getProgramme(programmeId);
  let board = await ipc.intakeBoard(programmeId);
  let filter = 'all';
  let mode = 'list';
  /** The Monday of the week shown in the week view (ISO). */
  let week = '';
  const act = oneAtATime(() => view);

  const summaryArea = h('ul', { class: 'summary-cards', id: 'intake-summary', aria: { live: 'polite' } });
  const proposalArea = h('div', { id: 'intake-proposal' });
  const settingsArea = h('div', {});
  const listArea = h('div', { id: 'intake-list-area' });

  /** Shows a board. @param {any} next */
  function draw(next) {
    board = next;
    const s = next.summary;
    const card = (key, value, label, warning = false) => h('li', { class: warning ? 'summary-card warning' : 'summary-card', id: `intake-summary-${key}` },
      h('strong', { class: 'summary-number' }, String(value)), h('span', { class: 'summary-label' }, label));
    summaryArea.replaceChildren(
      card('to_plan', s.to_plan, t('intake.state.to_plan'), s.to_plan > 0),
      card('planned', s.planned, t('intake.state.planned')),
      card('outcome_missing', s.outcome_missing, t('intake.state.outcome_missing'), s.outcome_missing > 0),
      card('klik', s.klik, t('intake.outcome.klik')),
      card('unsure', s.unsure, t('intake.outcome.unsure')),
      card('no', s.no, t('intake.outcome.no')));
    drawList();
  }

  // ---- Planning ------------------------------------------------------

  const planForm = /** @type {HTMLFormElement} */ (h('form', { id: 'intake-plan-form', class: 'form', novalidate: true },
    h('div', { class: 'field-row' },
      field({ name: 'from', label: t('field.from'), hint: t('form.date_hint'), value: board.period_from, size: 'narrow' }),
      field({ name: 'to', label: t('field.to'), hint: t('form.date_hint'), value: board.period_to, size: 'narrow' })),
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

  // ---- Settings and closed days ---------------------------------------

  /** The settings form, drawn on entry and after saving. */
  function drawSettings() {
    const s = board.settings;
    /** @type {{day: string, label: string}[]} */
    let days = board.closed_days.map((d) => ({ ...d }));
    const form = /** @type {HTMLFormElement} */ (h('form', { id: 'intake-settings-form', class: 'form', novalidate: true }));
    const value = (name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name))?.value ?? '';
    const dayList = h('div', { class: 'closed-days', id: 'closed-days' });

    function readDays() {
      days = days.map((_, n) => ({ day: value(`closed_days.${n + 1}.day`), label: value(`closed_days.${n + 1}.label`) }));
    }
    function drawDays() {
      dayList.replaceChildren(...days.map((d, n) => {
        const row = h('div', { class: 'field-row closed-day', dataset: { day: d.day } },
          field({ name: `closed_days.${n + 1}.day`, label: t('field.date'), value: d.day, size: 'narrow' }),
          field({ name: `closed_days.${n + 1}.label`, label: t('intake.ui.day_label'), value: d.label }),
          h('button', {
            type: 'button', class: 'button small secondary closed-day-remove',
            onclick: () => { readDays(); days.splice(n, 1); drawDays(); },
          }, t('action.remove'), hidden(` ${d.day} ${d.label}`)));
        // The labels show once, above the first row; screen readers hear them on every row.
        if (n > 0) for (const label of row.querySelectorAll('label')) label.classList.add('visually-hidden');
        return row;
      }));
      if (!days.length) dayList.append(h('p', { class: 'muted' }, t('intake.ui.no_closed_days')));
    }
    drawDays();
    // The years the suggested period spans: "2026–2027" around New Year.
    const years = board.holiday_years.join('–');
    const holidayButton = (country) => h('button', {
      type: 'button', class: 'button secondary', id: `intake-holidays-${country}`,
      onclick: () => act(async () => {
        board = await ipc.addPublicHolidays(programmeId, country, board.holiday_years);
        drawSettings();
        draw(board);
        toast(t('intake.ui.holidays_added', { year: years }));
      }),
    }, t(`intake.ui.holidays_${country}`, { year: years }));

    form.append(
      h('div', { class: 'field-row' },
        field({ name: 'minutes', label: t('field.minutes'), value: s.minutes, size: 'narrow', inputmode: 'numeric' }),
        field({ name: 'max_per_day', label: t('field.max_per_day'), value: s.max_per_day, size: 'narrow', inputmode: 'numeric' })),
      h('div', { class: 'field-row' },
        field({ name: 'day_start', label: t('field.day_start'), value: s.day_start, size: 'narrow' }),
        field({ name: 'day_end', label: t('field.day_end'), value: s.day_end, size: 'narrow' })),
      h('fieldset', { class: 'weekday-choice', name: 'closed_weekdays', tabindex: '-1' },
        h('legend', {}, t('field.closed_weekdays')),
        board.weekdays.map((d) => h('label', { class: 'check' },
          h('input', { type: 'checkbox', name: 'weekday', value: String(d.number), checked: s.closed_weekdays.includes(d.number) }),
          ` ${d.name}`))),
      field({ name: 'location', label: t('intake.ui.location'), hint: t('intake.ui.location_hint'), value: s.location }),
      h('div', { class: 'field-row' },
        field({ name: 'organiser_name', label: t('field.organiser_name'), value: s.organiser_name }),
        field({ name: 'organiser_email', label: t('field.organiser_email'), hint: t('intake.ui.organiser_hint'), value: s.organiser_email, inputmode: 'email' })),
      h('fieldset', { class: 'closed-days-set' },
        h('legend', {}, t('field.closed_days')),
        h('p', { class: 'hint' }, t('intake.ui.closed_days_hint')),
        dayList,
        h('div', { class: 'row-actions' },
          h('button', {
            type: 'button', class: 'button secondary', id: 'intake-add-day',
            onclick: () => {
              readDays();
              days.push({ day: '', label: '' });
              drawDays();
              /** @type {HTMLElement|null} */ (form.querySelector(`[name="closed_days.${days.length}.day"]`))?.focus();
            },
          }, `+ ${t('intake.ui.add_day')}`),
          holidayButton('be'),
          holidayButton('nl'))),
      h('div', { class: 'form-actions' },
        h('button', { type: 'submit', class: 'button primary', id: 'intake-settings-save' }, t('action.save'))));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      act(async () => {
        readDays();
        clearFormErrors(form);
        const settings = {
          minutes: value('minutes'), max_per_day: value('max_per_day'), day_start: value('day_start'), day_end: value('day_end'),
          closed_weekdays: [...form.querySelectorAll('input[name="weekday"]:checked')].map((i) => Number(/** @type {HTMLInputElement} */ (i).value)),
          location: value('location'), organiser_name: value('organiser_name'), organiser_email: value('organiser_email'),
        };
        try {
          board = await ipc.saveIntakeSettings(programmeId, settings, days);
        } catch (error) {
          // The core names closed days closed_days.N; their date field carries the message.
          const e = commandError(error);
          e.fields = e.fields.map((f) => (/^closed_days\.\d+$/.test(f.field) ? { ...f, field: `${f.field}.day` } : f));
          showFormErrors(form, e);
          return;
        }
        drawSettings();
        draw(board);
        toast(t('shell.saved'));
      });
    });
    settingsArea.replaceChildren(h('details', { class: 'card intake-settings', id: 'intake-settings', open: board.summary.planned === 0 && board.summary.held === 0 },
      h('summary', {}, t('intake.ui.settings_title')),
      form));
  }

  // ---- The list and the week ---------------------------------------

  function drawList() {
    const rows = board.rows.filter((r) => filter === 'all' || r.state === filter);
    const filterButtons = h('div', { class: 'segmented', role: 'group', aria: { label: t('intake.ui.filter') } },
      FILTERS.map((key) => h('button', {
        type: 'button', class: key === filter ? 'segment active' : 'segment', id: `intake-filter-${key}`,
        aria: { pressed: String(key === filter) },
        onclick: () => { filter = key; drawList(); document.getElementById(`intake-filter-${key}`)?.focus(); },
      }, key === 'all' ? t('intake.ui.filter_all') : t(`intake.state.${key}`))));
    const modeButtons = h('div', { class: 'segmented', role: 'group', aria: { label: t('intake.ui.view') } },
      ['list', 'week'].map((key) => h('button', {
        type: 'button', class: key === mode ? 'segment active' : 'segment', id: `intake-mode-${key}`,
        aria: { pressed: String(key === mode) },
        onclick: () => { mode = key; drawList(); document.getElementById(`intake-mode-${key}`)?.focus(); },
      }, t(`intake.ui.mode_${key}`))));
    const printing = h('div', { class: 'matches-actions' },
      h('button', { type: 'button', class: 'button secondary', id: 'intake-ics-all', onclick: () => act(() => saveCalendar(null)) }, t('intake.ui.save_all_ics')),
      h('button', { type: 'button', class: 'button secondary', id: 'intake-schedule', onclick: () => act(() => openDocument('schedule', programmeId)) }, t('intake.ui.open_schedule')),
      h('button', { type: 'button', class: 'button secondary', id: 'intake-guides', onclick: () => act(() => openDocument('guides', programmeId)) }, t('intake.ui.open_guides')));
    const body = !board.rows.length
      ? h('p', { class: 'muted', id: 'intake-empty' }, t('intake.ui.empty'))
      : mode === 'list' ? listTable(rows) : weekGrid(rows);
    listArea.replaceChildren(h('section', { class: 'card', id: 'intake-list', aria: { labelledby: 'intake-list-title' } },
      h('div', { class: 'matches-head' },
        h('h2', { id: 'intake-list-title', tabindex: '-1' }, t('intake.ui.list_title')),
        printing),
      h('div', { class: 'intake-toolbar' }, filterButtons, modeButtons),
      body));
  }

  /** @param {any[]} rows */
  function listTable(rows) {
    if (!rows.length) return h('p', { class: 'muted' }, t('intake.ui.none_in_filter'));
    const headers = [t('intake.guide.when'), t('intake.ui.pair'), t('intake.schedule.place'), t('field.status'), t('programmes.column.actions')];
    return h('div', { class: 'table-scroll' }, h('table', { class: 'table compact', id: 'intake-table' },
      h('thead', {}, h('tr', {}, headers.map((label) => h('th', { scope: 'col' }, label)))),
      h('tbody', {}, rows.map((r) => {
        const pair = ` ${r.mentee.name} & ${r.mentor.name}`;
        const button = (cls, label, onclick, popup) => h('button', { type: 'button', class: `button small secondary ${cls}`, onclick, aria: { haspopup: popup } }, label, hidden(pair));
        const planned = r.state === 'planned' || r.state === 'outcome_missing';
        return h('tr', { dataset: { match: String(r.match_id), state: r.state } },
          h('td', { class: 'nowrap' }, r.day ? [h('span', { class: 'intake-day' }, r.day), h('span', { class: 'intake-time' }, r.time)] : '–'),
          h('th', { scope: 'row' },
            h('span', { class: 'person-name' }, r.mentee.name),
            h('span', { class: 'intake-mentor' }, t('intake.ui.with_mentor', { mentor: r.mentor.name }))),
          h('td', {}, r.location || '–'),
          h('td', {},
            h('span', { class: `state-badge intake-${r.state}` }, r.state_label),
            r.reason ? h('span', { class: 'dissolved-note' }, r.reason) : null,
            r.exception_note ? h('span', { class: 'exception-note' }, r.exception_note) : null,
            r.history.length > 1 ? h('details', { class: 'intake-history' },
              h('summary', {}, t('intake.ui.history', { count: r.history.length })),
              h('ol', {}, r.history.map((x) => h('li', {}, `${x.when} · ${x.state_label}${x.reason ? ` · ${x.reason}` : ''}`)))) : null),
          h('td', {}, h('div', { class: 'row-actions' },
            r.open ? button('intake-move', planned ? t('intake.ui.move') : t('intake.ui.plan_by_hand'), () => openMove(r), 'dialog') : null,
            r.open ? button('intake-outcome', t('intake.ui.record_outcome'), () => openOutcome(r), 'dialog') : null,
            planned ? button('intake-ics', t('intake.ui.ics'), () => act(() => saveCalendar(r))) : null,
            planned ? button('intake-mail', t('intake.ui.mail'), () => act(() => mail(r))) : null,
            r.open ? button('intake-guide', t('intake.ui.guide'), () => act(() => openDocument('guide', r.match_id))) : null)));
      }))));
  }

  /** The talks of one week, a column per day. @param {any[]} rows */
  function weekGrid(rows) {
    const timed = rows.filter((r) => r.start && r.state !== 'cancelled').sort((a, b) => a.start.localeCompare(b.start));
    if (!week) week = monday((timed.find((r) => r.state !== 'held') ?? timed[0])?.start ?? new Date().toISOString());
    const days = [0, 1, 2, 3, 4, 5, 6].map((n) => addDays(week, n));
    const inWeek = (day) => timed.filter((r) => r.start.slice(0, 10) === day);
    // Weekends only when something happens on them.
    const shown = days.filter((d, n) => n < 5 || inWeek(d).length);
    const nav = (delta, id, label) => h('button', {
      type: 'button', class: 'button small secondary', id,
      onclick: () => { week = addDays(week, 7 * delta); drawList(); document.getElementById(id)?.focus(); },
    }, label);
    const weekdays = board.weekdays;
    const dayName = (iso) => {
      const [y, m, d] = iso.split('-').map(Number);
      const n = ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7);
      return `${weekdays[n].name} ${d}/${m}`;
    };
    return h('div', { class: 'week-view', id: 'intake-week' },
      h('div', { class: 'week-nav' },
        nav(-1, 'intake-week-previous', `← ${t('intake.ui.previous_week')}`),
        h('strong', { id: 'intake-week-label', aria: { live: 'polite' } }, t('intake.ui.week_of', { day: dayName(week) })),
        nav(1, 'intake-week-next', `${t('intake.ui.next_week')} →`)),
      weekColumns(shown.length, shown.map((day) => h('section', { class: 'week-day', aria: { label: dayName(day) } },
        h('h3', {}, dayName(day)),
        inWeek(day).length
          ? h('ul', {}, inWeek(day).map((r) => h('li', { class: `week-talk intake-${r.state}` },
            h('span', { class: 'week-time' }, r.time),
            h('span', {}, `${r.mentee.name} & ${r.mentor.name}`),
            h('span', { class: 'muted' }, r.state_label))))
          : h('p', { class: 'muted' }, '–')))));
  }

  /**
   * The grid of day columns; its number of columns is set through the CSSOM,
   * which the strict content security policy allows (a style attribute it would not).
   * @param {number} count
   * @param {HTMLElement[]} days
   */
  function weekColumns(count, days) {
    const grid = h('div', { class: 'week-grid' }, days);
    grid.style.setProperty('--days', String(count));
    return grid;
  }

  // ---- Actions on one pair -----------------------------------------

  /** Moves a pair's talk, or plans one by hand. @param {any} r */
  async function openMove(r) {
    // The free times come first, so that moving is usually one click.
    let free = [];
    try {
      free = await ipc.freeIntakeTimes(r.match_id);
    } catch (error) {
      toast(commandError(error).message);
    }
    const dialog = modal('move-intake-dialog', 'move-intake-title', 'dialog');
    const [date, time] = r.start ? [r.day.split(' ').pop(), r.time.split('–')[0]] : ['', ''];
    /** Puts a free time in the fields. @param {{date: string, time: string}} choice */
    const pick = (choice) => {
      /** @type {HTMLInputElement} */ (form.elements.namedItem('date')).value = choice.date;
      /** @type {HTMLInputElement} */ (form.elements.namedItem('time')).value = choice.time;
      /** @type {HTMLElement|null} */ (form.querySelector('#move-intake-confirm'))?.focus();
    };
    const freeTimes = h('fieldset', { class: 'free-times', id: 'intake-free-times' },
      h('legend', {}, t('intake.ui.free_times')),
      free.length
        ? h('div', { class: 'row-actions' }, free.map((choice) => h('button', {
          type: 'button', class: 'button small secondary free-time', onclick: () => pick(choice),
        }, choice.label)))
        : h('p', { class: 'muted' }, t('intake.ui.no_free_times')));
    const form = /** @type {HTMLFormElement} */ (h('form', { novalidate: true },
      h('h2', { id: 'move-intake-title' }, t('intake.ui.move_title', { mentee: r.mentee.name, mentor: r.mentor.name })),
      h('p', { class: 'hint' }, t('intake.ui.move_hint')),
      freeTimes,
      h('div', { class: 'field-row' },
        field({ name: 'date', label: t('field.date'), hint: t('form.date_hint'), value: date, size: 'narrow' }),
        field({ name: 'time', label: t('field.time'), hint: t('intake.ui.time_hint'), value: time, size: 'narrow' })),
      h('div', { class: 'actions' },
        r.intake_id && r.open && r.start ? h('button', {
          type: 'button', class: 'button secondary', id: 'intake-cancel-talk',
          onclick: () => act(async () => {
            draw(await ipc.cancelIntake(programmeId, r.intake_id));
            dialog.close();
            toast(t('intake.ui.cancelled', { mentee: r.mentee.name, mentor: r.mentor.name }));
          }),
        }, t('intake.ui.cancel_talk')) : null,
        // "Close", not "Cancel", beside "Cancel the talk": the two must not be confused.
        h('button', { type: 'button', class: 'button secondary', id: 'move-intake-close', onclick: () => dialog.close() }, r.start ? t('action.close') : t('action.cancel')),
        h('button', { type: 'submit', class: 'button primary', id: 'move-intake-confirm' }, t('intake.ui.move_confirm')))));
    const typed = (name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name)).value;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      act(async () => {
        let next;
        try {
          next = await ipc.moveIntake(programmeId, r.match_id, typed('date'), typed('time'));
        } catch (error) {
          const problem = commandError(error);
          // Only the planning rules may be broken knowingly; the question
          // names each, and the talk then carries a note of them.
          const forcible = problem.fields.length > 0 && problem.fields.every((f) => f.field === 'anyway');
          const rules = problem.fields.map((f) => f.message).join('\n');
          if (!forcible || !await confirmAction(t('intake.ui.move_anyway_question', { rules }), t('intake.ui.move_anyway'))) {
            showFormErrors(form, problem);
            return;
          }
          try {
            next = await ipc.moveIntake(programmeId, r.match_id, typed('date'), typed('time'), true);
          } catch (again) {
            showFormErrors(form, commandError(again));
            return;
          }
        }
        draw(next);
        dialog.close();
        toast(t('intake.ui.moved', { mentee: r.mentee.name, mentor: r.mentor.name }));
      });
    });
    dialog.append(form);
    dialog.showModal();
    /** @type {HTMLElement|null} */ (form.querySelector('input'))?.focus();
  }

  /** Records whether there was a klik. @param {any} r */
  function openOutcome(r) {
    const dialog = modal('outcome-dialog', 'outcome-title', 'dialog');
    const choice = (value) => h('label', { class: 'check' },
      h('input', { type: 'radio', name: 'outcome', value, id: `outcome-${value}` }), ` ${t(`intake.outcome.${value}`)}`,
      h('span', { class: 'hint' }, ` — ${t(`intake.ui.outcome_${value}_hint`)}`));
    const form = /** @type {HTMLFormElement} */ (h('form', { novalidate: true },
      h('h2', { id: 'outcome-title' }, t('intake.ui.outcome_title', { mentee: r.mentee.name, mentor: r.mentor.name })),
      h('fieldset', { name: 'outcome', tabindex: '-1' },
        h('legend', {}, t('intake.guide.klik_title')),
        choice('klik'), choice('unsure'), choice('no')),
      field({ name: 'reason', label: t('field.reason'), hint: t('intake.ui.reason_hint'), multiline: true, rows: 3 }),
      // Without a talk in Klik, or one still to come, the outcome needs the
      // day the talk did take place.
      h('div', { class: 'field-row' },
        field({ name: 'held', label: t('field.held'), hint: t(r.state === 'outcome_missing' ? 'intake.ui.held_hint_planned' : 'intake.ui.held_hint'), size: 'narrow' }),
        field({ name: 'held_time', label: t('field.time'), hint: t('intake.ui.time_hint'), size: 'narrow' })),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'button secondary', onclick: () => dialog.close() }, t('action.cancel')),
        h('button', { type: 'submit', class: 'button primary', id: 'outcome-confirm' }, t('intake.ui.record_outcome')))));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      act(async () => {
        const picked = /** @type {HTMLInputElement|null} */ (form.querySelector('input[name="outcome"]:checked'))?.value ?? '';
        const reason = /** @type {HTMLTextAreaElement} */ (form.elements.namedItem('reason')).value;
        let done;
        try {
          const held = /** @type {HTMLInputElement} */ (form.elements.namedItem('held')).value;
          const heldTime = /** @type {HTMLInputElement} */ (form.elements.namedItem('held_time')).value;
          done = await ipc.recordIntakeOutcome(programmeId, r.match_id, picked, reason, held, heldTime);
        } catch (error) {
          showFormErrors(form, commandError(error));
          return;
        }
        draw(done.board);
        dialog.close();
        const names = { mentee: r.mentee.name, mentor: r.mentor.name };
        if (picked === 'no') {
          toast(done.next_mentor
            ? t('intake.ui.next_mentor', { mentee: r.mentee.name, mentor: done.next_mentor, score: done.next_score })
            : t('intake.ui.no_next_mentor', names),
          { label: t('nav.matching'), run: () => go(`#/programme/${programmeId}/matching`) });
        } else {
          toast(t(`intake.ui.outcome_done_${picked}`, names));
        }
      });
    });
    dialog.append(form);
    dialog.showModal();
    /** @type {HTMLElement|null} */ (form.querySelector('input'))?.focus();
  }

  /** Saves a calendar file: one talk's, or all of them. @param {any|null} r */
  async function saveCalendar(r) {
    const intakeId = r ? r.intake_id : null;
    const path = await ipc.chooseSavePath(await ipc.intakeCalendarName(programmeId, intakeId), ICS);
    if (!path) return;
    const written = await ipc.saveIntakeCalendar(programmeId, intakeId, path);
    toast(t(written.events === 1 ? 'intake.ui.ics_saved_one' : 'intake.ui.ics_saved', { path: written.path, count: written.events }));
  }

  /** Opens the mail program with the invitation. @param {any} r */
  async function mail(r) {
    const opened = await ipc.openIntakeMail(r.match_id);
    if (!opened) toast(t('intake.ui.no_mail_program'));
  }

  drawSettings();
  draw(board);
  const view = h('section', { class: 'page intakes', id: 'intakes' },
    h('p', { class: 'breadcrumb' }, h('a', { href: '#/programmes' }, `← ${t('nav.programmes')}`)),
    h('div', { class: 'page-head' }, h('div', {}, h('h1', {}, programme.name))),
    programmeTabs(programme, 'intakes'),
    summaryArea,
    h('section', { class: 'card', id: 'intake-plan', aria: { labelledby: 'intake-plan-title' } },
      h('h2', { id: 'intake-plan-title' }, t('intake.ui.plan_title')),
      h('p', { class: 'hint' }, t('intake.ui.plan_intro')),
      planForm,
      proposalArea),
    settingsArea,
    listArea);
  return view;
}
