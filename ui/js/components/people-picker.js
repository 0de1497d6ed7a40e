// People picked from the programme by name, not typed as e-mail addresses:
// the chosen ones as chips (each with a remove button), a search field that
// lists matching participants (arrow keys, Enter, Escape), and, for someone
// outside the programme, their address added as typed. The form sends the
// addresses as before, comma-separated, in a hidden field of the same name.

import * as ipc from '../ipc.js';
import { t } from '../i18n.js';
import { h } from '../dom.js';

const SHOWN = 8;
const looksLikeEmail = (text) => /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/.test(text);

/**
 * @param {{name: string, label: string, hint: string, value: string, programmeId: number, role?: string, self?: string}} spec
 * @returns {Promise<HTMLElement>}
 */
export async function peoplePicker(spec) {
  const id = `field-${spec.name}`;
  const hidden = /** @type {HTMLInputElement} */ (h('input', { type: 'hidden', name: spec.name, id, value: spec.value }));
  const search = /** @type {HTMLInputElement} */ (h('input', {
    type: 'text', id: `${id}-search`, autocomplete: 'off', placeholder: t('participant.picker_search'),
    role: 'combobox', aria: { autocomplete: 'list', expanded: 'false', controls: `${id}-options`, describedby: `${id}-hint` },
  }));
  // The form's error summary focuses the field by name: the search takes it.
  hidden.focus = () => search.focus();
  const listbox = h('ul', { class: 'picker-options', id: `${id}-options`, role: 'listbox', hidden: true });
  const chips = h('ul', { class: 'picker-chosen', id: `${id}-chosen`, aria: { label: spec.label } });

  /** @type {{email: string, name: string}[]} */
  let chosen = [];
  /** @type {{email: string, name: string}[]} */
  let options = [];
  let active = -1;

  const emails = () => chosen.map((p) => p.email.toLowerCase());
  const drawChips = () => {
    hidden.value = chosen.map((p) => p.email).join(', ');
    chips.replaceChildren(...chosen.map((person) => h('li', { class: 'picker-chip', dataset: { email: person.email } },
      h('span', { title: person.email }, person.name || person.email),
      h('button', {
        type: 'button', class: 'picker-remove', aria: { label: t('participant.picker_remove', { name: person.name || person.email }) },
        onclick: () => { chosen = chosen.filter((p) => p !== person); drawChips(); search.focus(); },
      }, '×'))));
  };
  const close = () => {
    listbox.hidden = true;
    search.setAttribute('aria-expanded', 'false');
    search.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const choose = (person) => {
    if (!emails().includes(person.email.toLowerCase())) chosen.push(person);
    drawChips();
    search.value = '';
    close();
    search.focus();
  };
  const drawOptions = () => {
    listbox.replaceChildren(...options.map((person, index) => h('li', {
      role: 'option', id: `${id}-option-${index}`, class: index === active ? 'picker-option active' : 'picker-option',
      aria: { selected: index === active ? 'true' : 'false' },
      dataset: { email: person.email },
      // Chosen on mousedown, before the search field loses focus.
      onmousedown: (event) => { event.preventDefault(); choose(person); },
    }, person.name ? h('span', {}, person.name, ' ', h('span', { class: 'muted' }, person.email)) : t('participant.picker_add_email', { email: person.email }))));
    if (!options.length) listbox.append(h('li', { class: 'picker-none', role: 'presentation' }, t('participant.picker_none')));
    listbox.hidden = false;
    search.setAttribute('aria-expanded', 'true');
    if (active >= 0) search.setAttribute('aria-activedescendant', `${id}-option-${active}`);
    else search.removeAttribute('aria-activedescendant');
  };

  let asked = 0;
  const find = async () => {
    const text = search.value.trim();
    if (!text) { close(); return; }
    const mine = ++asked;
    const page = await ipc.participantPage(spec.programmeId, { search: text, role: spec.role ?? '', limit: SHOWN });
    if (mine !== asked) return; // a newer search is under way
    const taken = emails();
    options = page.rows
      .filter((row) => !taken.includes(row.email.toLowerCase()) && row.email.toLowerCase() !== (spec.self ?? '').toLowerCase())
      .map((row) => ({ email: row.email, name: row.name }));
    if (looksLikeEmail(text) && !options.some((o) => o.email.toLowerCase() === text.toLowerCase()) && !taken.includes(text.toLowerCase())) {
      options.push({ email: text, name: '' });
    }
    active = options.length ? 0 : -1;
    drawOptions();
  };
  let timer = 0;
  search.addEventListener('input', () => { clearTimeout(timer); timer = window.setTimeout(find, 150); });
  search.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (listbox.hidden || !options.length) return;
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      active = (active + step + options.length) % options.length;
      drawOptions();
    } else if (event.key === 'Enter') {
      // Enter picks the highlighted person instead of sending the form.
      if (!listbox.hidden && active >= 0) { event.preventDefault(); choose(options[active]); }
      else if (search.value.trim()) event.preventDefault();
    } else if (event.key === 'Escape' && !listbox.hidden) {
      event.preventDefault();
      close();
    }
  });
  search.addEventListener('blur', () => close());

  // The addresses already saved, named where the programme knows them.
  const saved = spec.value.split(/[,;]/).map((e) => e.trim()).filter(Boolean);
  chosen = await Promise.all(saved.map(async (email) => {
    const page = await ipc.participantPage(spec.programmeId, { search: email, limit: 5 });
    const row = page.rows.find((r) => r.email.toLowerCase() === email.toLowerCase());
    return { email, name: row ? row.name : '' };
  }));
  drawChips();

  return h('div', { class: 'field picker' },
    h('label', { for: `${id}-search` }, spec.label),
    h('p', { class: 'hint', id: `${id}-hint` }, spec.hint),
    chips,
    h('div', { class: 'picker-search' }, search, listbox),
    hidden);
}
