// Weekly availability picked on a grid of weekdays × morning/afternoon,
// with the exact times as text for anything else. The core reads and
// writes the text (in any of Klik's languages); the grid never guesses:
// times that are not whole half-days are shown as exact times, and the
// grid stays out of the way until the officer clears them.

import * as ipc from '../ipc.js';
import { t } from '../i18n.js';
import { h, field } from '../dom.js';

const DAYS = [1, 2, 3, 4, 5, 6, 7];
const HALVES = [0, 1];

/**
 * The availability field of the participant form: the grid, and the text
 * input named `availability` that the form sends.
 * @param {string} value the availability as the form holds it
 * @returns {Promise<HTMLElement>}
 */
export async function availabilityField(value) {
  const text = field({ name: 'availability', label: t('participant.availability_exact'), value, hint: t('participant.availability_hint') });
  const input = /** @type {HTMLInputElement} */ (text.querySelector('input'));
  const boxes = DAYS.flatMap((day) => HALVES.map((half) => /** @type {HTMLInputElement} */ (h('input', {
    type: 'checkbox', class: 'availability-cell', dataset: { day: String(day), half: String(half) },
    id: `availability-${day}-${half}`,
    aria: { label: `${t(`date.weekday.${day}`)}, ${t(`participant.half.${half}`)}` },
  }))));
  const box = (day, half) => boxes[(day - 1) * 2 + half];
  const note = h('p', { class: 'notice', id: 'availability-exact-note', hidden: true }, t('participant.availability_exact_note'));
  const details = /** @type {HTMLDetailsElement} */ (h('details', { class: 'availability-exact', id: 'availability-exact' },
    h('summary', {}, t('participant.availability_exact')), text));

  /** Shows what the text holds: ticks, or exact times with the grid set aside. */
  const show = async () => apply(await ipc.availabilityGrid(input.value));
  /** @param {{cells: number[][], exact: boolean}} grid */
  const apply = (grid) => {
    for (const b of boxes) {
      b.checked = false;
      b.disabled = grid.exact;
    }
    for (const [day, half] of grid.cells) box(day, half).checked = true;
    note.hidden = !grid.exact;
    if (grid.exact) details.open = true;
  };
  // Ticks answered out of order must not write an older text: the newest wins.
  let written = 0;
  const write = async () => {
    const mine = ++written;
    const cells = boxes.filter((b) => b.checked).map((b) => [Number(b.dataset.day), Number(b.dataset.half)]);
    const text = await ipc.availabilityText(cells);
    if (mine === written) input.value = text;
  };
  for (const b of boxes) b.addEventListener('change', () => { write(); });
  // The grid follows the text as it is typed, so nothing moves under the
  // pointer when the field is left (a click on Save would miss).
  let asked = 0;
  input.addEventListener('input', async () => {
    const mine = ++asked;
    const grid = await ipc.availabilityGrid(input.value);
    if (mine === asked) apply(grid);
  });

  const table = h('table', { class: 'availability-grid', id: 'availability-grid', aria: { labelledby: 'availability-label' } },
    h('thead', {}, h('tr', {}, h('td', {}), ...DAYS.map((day) => h('th', { scope: 'col' }, t(`date.weekday.${day}`))))),
    h('tbody', {}, ...HALVES.map((half) => h('tr', {},
      h('th', { scope: 'row' }, h('span', {}, t(`participant.half.${half}`)), h('span', { class: 'hint' }, t(`participant.half.${half}.hours`))),
      ...DAYS.map((day) => h('td', {}, box(day, half)))))));
  await show();
  return h('div', { class: 'field availability-field' },
    h('span', { class: 'label', id: 'availability-label' }, t('field.availability')),
    h('p', { class: 'hint' }, t('participant.availability_grid_hint')),
    h('div', { class: 'table-scroll' }, table),
    note,
    details);
}
