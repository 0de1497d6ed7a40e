// Every pair's talk in a list or a week, filtered by where it stands, with
// the calendar files, the e-mail invitation and the printed documents.

import * as ipc from '../../ipc.js';
import { t } from '../../i18n.js';
import { h, toast } from '../../dom.js';
import { openDocument, ICS, fileName } from '../documents.js';
import { hidden } from '../text.js';
import { weekGrid } from './week.js';
import { openMove } from './move-dialog.js';
import { openOutcome } from './outcome-dialog.js';
import { moreMenu } from '../menu.js';

/**
 * What the intake board's pieces share with the view that draws them.
 * @typedef {{
 *   programmeId: number,
 *   state: {board: any, filter: string, mode: string, week: string},
 *   act: ReturnType<typeof import('../../dom.js').oneAtATime>,
 *   draw: (board: any) => void,
 *   drawList: () => void,
 *   settingsArea: HTMLElement,
 *   listArea: HTMLElement,
 * }} Intakes
 */

/** The filters of the list, in order; 'all' shows every pair. */
const FILTERS = ['all', 'to_plan', 'planned', 'outcome_missing', 'held'];

/**
 * The list of every pair's talk, filtered, as a table or a week.
 * @param {Intakes} ctx
 */
export function drawList(ctx) {
  const { programmeId, act, state } = ctx;
  const board = state.board;
  const rows = board.rows.filter((r) => state.filter === 'all' || r.state === state.filter);
  const filterButtons = h('div', { class: 'segmented', role: 'group', aria: { label: t('intake.ui.filter') } },
    FILTERS.map((key) => h('button', {
      type: 'button', class: key === state.filter ? 'segment active' : 'segment', id: `intake-filter-${key}`,
      aria: { pressed: String(key === state.filter) },
      onclick: () => { state.filter = key; drawList(ctx); document.getElementById(`intake-filter-${key}`)?.focus(); },
    }, key === 'all' ? t('intake.ui.filter_all') : t(`intake.state.${key}`))));
  const modeButtons = h('div', { class: 'segmented', role: 'group', aria: { label: t('intake.ui.view') } },
    ['list', 'week'].map((key) => h('button', {
      type: 'button', class: key === state.mode ? 'segment active' : 'segment', id: `intake-mode-${key}`,
      aria: { pressed: String(key === state.mode) },
      onclick: () => { state.mode = key; drawList(ctx); document.getElementById(`intake-mode-${key}`)?.focus(); },
    }, t(`intake.ui.mode_${key}`))));
  const printing = h('div', { class: 'matches-actions' },
    h('button', { type: 'button', class: 'button secondary', id: 'intake-ics-all', onclick: () => act(() => saveCalendar(programmeId, null)) }, t('intake.ui.save_all_ics')),
    h('button', { type: 'button', class: 'button secondary', id: 'intake-schedule', onclick: () => act(() => openDocument('schedule', programmeId)) }, t('intake.ui.open_schedule')),
    h('button', { type: 'button', class: 'button secondary', id: 'intake-guides', onclick: () => act(() => openDocument('guides', programmeId)) }, t('intake.ui.open_guides')));
  const body = !board.rows.length
    ? h('p', { class: 'muted', id: 'intake-empty' }, t('intake.ui.empty'))
    : state.mode === 'list' ? listTable(ctx, rows) : weekGrid(ctx, rows);
  ctx.listArea.replaceChildren(h('section', { class: 'card', id: 'intake-list', aria: { labelledby: 'intake-list-title' } },
    h('div', { class: 'matches-head' },
      h('h2', { id: 'intake-list-title', tabindex: '-1' }, t('intake.ui.list_title')),
      printing),
    h('div', { class: 'intake-toolbar' }, filterButtons, modeButtons),
    body));
}

/**
 * The talks as a table, with what can be done to each.
 * @param {Intakes} ctx
 * @param {any[]} rows
 */
function listTable(ctx, rows) {
  const { act } = ctx;
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
        // One everyday action per row (record the outcome of a planned talk,
        // or plan one by hand); the rest in the row's menu.
        h('td', {}, r.open ? h('div', { class: 'row-actions' },
          planned
            ? button('intake-outcome', t('intake.ui.record_outcome'), () => openOutcome(ctx, r), 'dialog')
            : button('intake-move', t('intake.ui.plan_by_hand'), () => openMove(ctx, r), 'dialog'),
          moreMenu(`intake-menu-${r.match_id}`, [
            planned ? { id: `intake-move-${r.match_id}`, label: t('intake.ui.move'), run: () => openMove(ctx, r) } : null,
            planned ? null : { id: `intake-outcome-${r.match_id}`, label: t('intake.ui.record_outcome'), run: () => openOutcome(ctx, r) },
            planned ? { id: `intake-ics-${r.match_id}`, label: t('intake.ui.ics'), run: () => act(() => saveCalendar(ctx.programmeId, r)) } : null,
            planned ? { id: `intake-mail-${r.match_id}`, label: t('intake.ui.mail'), run: () => act(() => mail(r)) } : null,
            { id: `intake-guide-${r.match_id}`, label: t('intake.ui.guide'), run: () => act(() => openDocument('guide', r.match_id)) },
          ], pair.trim())) : null));
    }))));
}

/**
 * Saves a calendar file: one talk's, or all of them.
 * @param {number} programmeId
 * @param {any|null} r
 */
async function saveCalendar(programmeId, r) {
  const intakeId = r ? r.intake_id : null;
  const path = await ipc.chooseSavePath(await ipc.intakeCalendarName(programmeId, intakeId), ICS);
  if (!path) return;
  const written = await ipc.saveIntakeCalendar(programmeId, intakeId, path);
  toast(t(written.events === 1 ? 'intake.ui.ics_saved_one' : 'intake.ui.ics_saved', { path: fileName(written.path), count: written.events }));
}

/** Opens the mail program with the invitation. @param {any} r */
async function mail(r) {
  const opened = await ipc.openIntakeMail(r.match_id);
  if (!opened) toast(t('intake.ui.no_mail_program'));
}
