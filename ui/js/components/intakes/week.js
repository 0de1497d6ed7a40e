// The week view of the intakes as a calendar: a column per day on a time
// scale (the working hours, widened to any talk outside them), each talk
// placed at its time and as long as it lasts, coloured by where it stands;
// closed days and weekdays named in their column; weekends only when
// something happens on them.

import { t } from '../../i18n.js';
import { h } from '../../dom.js';
import { openOutcome } from './outcome-dialog.js';

/** Pixels per minute of the time scale: an hour is 48 pixels. */
const SCALE = 0.8;

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

/** Minutes since midnight of "HH:MM" or of an ISO moment's time. @param {string} text */
function minutes(text) {
  const time = text.length > 5 ? text.slice(11, 16) : text;
  const [hours, mins] = time.split(':').map(Number);
  return hours * 60 + (mins || 0);
}

/** Sets custom properties through the CSSOM, which the strict CSP allows. */
function styled(element, properties) {
  for (const [name, value] of Object.entries(properties)) element.style.setProperty(name, value);
  return element;
}

/**
 * The talks of one week on a time scale, a column per day.
 * @param {import('./list.js').Intakes} ctx
 * @param {any[]} rows
 */
export function weekGrid(ctx, rows) {
  const { state } = ctx;
  const board = state.board;
  const timed = rows.filter((r) => r.start && r.end && r.state !== 'cancelled').sort((a, b) => a.start.localeCompare(b.start));
  if (!state.week) state.week = monday((timed.find((r) => r.state !== 'held') ?? timed[0])?.start ?? new Date().toISOString());
  const days = [0, 1, 2, 3, 4, 5, 6].map((n) => addDays(state.week, n));
  const inWeek = (day) => timed.filter((r) => r.start.slice(0, 10) === day);
  // Weekends only when something happens on them.
  const shown = days.filter((d, n) => n < 5 || inWeek(d).length);
  const weekTalks = shown.flatMap(inWeek);

  // The scale: the working hours, whole hours, widened to every talk shown.
  const from = Math.floor(Math.min(minutes(board.settings.day_start), ...weekTalks.map((r) => minutes(r.start))) / 60) * 60;
  const to = Math.ceil(Math.max(minutes(board.settings.day_end), ...weekTalks.map((r) => minutes(r.end))) / 60) * 60;
  const hours = [];
  for (let m = from; m < to; m += 60) hours.push(m);

  const nav = (delta, id, label) => h('button', {
    type: 'button', class: 'button small secondary', id,
    onclick: () => { state.week = addDays(state.week, 7 * delta); ctx.drawList(); document.getElementById(id)?.focus(); },
  }, label);
  const weekdays = board.weekdays;
  const weekdayOf = (iso) => {
    const [y, m, d] = iso.split('-').map(Number);
    return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
  };
  const dayName = (iso) => {
    const [, m, d] = iso.split('-').map(Number);
    return `${weekdays[weekdayOf(iso)].name} ${d}/${m}`;
  };
  // Why a day takes no talks: a closed day by its name, or a closed weekday.
  const closedWhy = (iso) => {
    const day = board.closed.find((c) => c.day === iso);
    if (day) return day.label || t('intake.ui.closed');
    return board.settings.closed_weekdays.includes(weekdayOf(iso) + 1) ? t('intake.ui.closed') : null;
  };

  /**
   * Talks at the same time (two pairs with different people may meet at
   * once) side by side: each gets the first lane free at its start.
   * @param {any[]} talks sorted by start
   */
  const lanes = (talks) => {
    /** @type {number[]} */
    const ends = [];
    const lane = talks.map((r) => {
      let free = ends.findIndex((end) => end <= minutes(r.start));
      if (free < 0) { free = ends.length; ends.push(0); }
      ends[free] = minutes(r.end);
      return free;
    });
    return { lane, count: Math.max(ends.length, 1) };
  };

  const column = (day) => {
    const why = closedWhy(day);
    const talks = inWeek(day);
    const placed = lanes(talks);
    const body = styled(h('div', { class: why ? 'calendar-body closed' : 'calendar-body' },
      why ? h('p', { class: 'calendar-closed' }, why) : null,
      // A talk still open is a button: its outcome is recorded from here.
      ...talks.map((r, n) => styled(h(r.open ? 'button' : 'div', {
        class: `calendar-talk intake-${r.state}`, dataset: { match: String(r.match_id) },
        type: r.open ? 'button' : undefined,
        title: `${r.time} · ${r.mentee.name} & ${r.mentor.name} · ${r.state_label}`,
        aria: { haspopup: r.open ? 'dialog' : undefined },
        onclick: r.open ? () => openOutcome(ctx, r) : undefined,
      },
      h('span', { class: 'week-time' }, r.time),
      h('span', {}, `${r.mentee.name} & ${r.mentor.name}`),
      h('span', { class: 'visually-hidden' }, ` · ${r.state_label}`)), {
        '--top': `${(minutes(r.start) - from) * SCALE}px`,
        '--height': `${Math.max(minutes(r.end) - minutes(r.start), 20) * SCALE}px`,
        '--lane': String(placed.lane[n]),
        '--lanes': String(placed.count),
      }))), { '--length': `${(to - from) * SCALE}px` });
    return h('section', { class: 'calendar-day', aria: { label: why ? `${dayName(day)} · ${why}` : dayName(day) } },
      h('h3', {}, dayName(day)), body);
  };
  const scale = styled(h('div', { class: 'calendar-scale', aria: { hidden: 'true' } },
    h('h3', {}, '\u00a0'),
    styled(h('div', { class: 'calendar-hours' }, ...hours.map((m) => styled(h('span', {}, `${String(m / 60).padStart(2, '0')}:00`), {
      '--top': `${(m - from) * SCALE}px`,
    }))), { '--length': `${(to - from) * SCALE}px` })), {});
  const grid = styled(h('div', { class: 'calendar-grid' }, scale, ...shown.map(column)), {
    '--days': String(shown.length),
    '--hour': `${60 * SCALE}px`,
  });
  const legend = h('ul', { class: 'calendar-legend', aria: { label: t('intake.ui.legend') } },
    ['planned', 'outcome_missing', 'held'].map((key) => h('li', { class: `intake-${key}` }, t(`intake.state.${key}`))));
  return h('div', { class: 'week-view', id: 'intake-week' },
    h('div', { class: 'week-nav' },
      nav(-1, 'intake-week-previous', `← ${t('intake.ui.previous_week')}`),
      h('strong', { id: 'intake-week-label', aria: { live: 'polite' } }, t('intake.ui.week_of', { day: dayName(state.week) })),
      nav(1, 'intake-week-next', `${t('intake.ui.next_week')} →`)),
    grid,
    legend);
}
