// The week view of the intakes: the talks of one week, a column per day,
// weekends only when something happens on them.

import { t } from '../../i18n.js';
import { h } from '../../dom.js';

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

/**
 * The talks of one week, a column per day.
 * @param {import('./list.js').Intakes} ctx
 * @param {any[]} rows
 */
export function weekGrid(ctx, rows) {
  const { state } = ctx;
  const timed = rows.filter((r) => r.start && r.state !== 'cancelled').sort((a, b) => a.start.localeCompare(b.start));
  if (!state.week) state.week = monday((timed.find((r) => r.state !== 'held') ?? timed[0])?.start ?? new Date().toISOString());
  const days = [0, 1, 2, 3, 4, 5, 6].map((n) => addDays(state.week, n));
  const inWeek = (day) => timed.filter((r) => r.start.slice(0, 10) === day);
  // Weekends only when something happens on them.
  const shown = days.filter((d, n) => n < 5 || inWeek(d).length);
  const nav = (delta, id, label) => h('button', {
    type: 'button', class: 'button small secondary', id,
    onclick: () => { state.week = addDays(state.week, 7 * delta); ctx.drawList(); document.getElementById(id)?.focus(); },
  }, label);
  const weekdays = state.board.weekdays;
  const dayName = (iso) => {
    const [y, m, d] = iso.split('-').map(Number);
    const n = ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7);
    return `${weekdays[n].name} ${d}/${m}`;
  };
  return h('div', { class: 'week-view', id: 'intake-week' },
    h('div', { class: 'week-nav' },
      nav(-1, 'intake-week-previous', `← ${t('intake.ui.previous_week')}`),
      h('strong', { id: 'intake-week-label', aria: { live: 'polite' } }, t('intake.ui.week_of', { day: dayName(state.week) })),
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
