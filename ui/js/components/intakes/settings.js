// The intake settings and closed days behind the planning: length of a talk,
// talks a day, working hours, closed weekdays and days, public holidays.

import * as ipc from '../../ipc.js';
import { t } from '../../i18n.js';
import { h, field, toast, showFormErrors, clearFormErrors, commandError } from '../../dom.js';
import { hidden } from '../text.js';

/**
 * The settings form, drawn on entry and after saving.
 * @param {import('./list.js').Intakes} ctx
 */
export function drawSettings(ctx) {
  const { programmeId, act, draw } = ctx;
  const board = ctx.state.board;
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
      const next = await ipc.addPublicHolidays(programmeId, country, ctx.state.board.holiday_years);
      ctx.state.board = next;
      drawSettings(ctx);
      draw(next);
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
      let next;
      try {
        next = await ipc.saveIntakeSettings(programmeId, settings, days);
      } catch (error) {
        // The core names closed days closed_days.N; their date field carries the message.
        const e = commandError(error);
        e.fields = e.fields.map((f) => (/^closed_days\.\d+$/.test(f.field) ? { ...f, field: `${f.field}.day` } : f));
        showFormErrors(form, e);
        return;
      }
      ctx.state.board = next;
      drawSettings(ctx);
      draw(next);
      toast(t('shell.saved'));
    });
  });
  ctx.settingsArea.replaceChildren(h('details', { class: 'card intake-settings', id: 'intake-settings', open: board.summary.planned === 0 && board.summary.held === 0 },
    h('summary', {}, t('intake.ui.settings_title')),
    form));
}
