// A programme's participants: counts of supply and demand, a searchable,
// filterable, sortable table in pages (fast with 10,000 people), and the
// ways in and out: add, import, export, template.

import * as ipc from '../ipc.js';
import { t, counted } from '../i18n.js';
import { h, toastError } from '../dom.js';
import { programmeTabs } from '../components/programme-tabs.js';
import { saveWith } from '../components/spreadsheet-file.js';

const PAGE = 50;
const COLUMNS = [
  { key: 'name', sort: 'name' },
  { key: 'role', sort: 'role' },
  { key: 'department', sort: 'department' },
  { key: 'topics', sort: null },
  { key: 'capacity', sort: 'capacity' },
  { key: 'status', sort: 'status' },
];

/** @param {number} id */
export async function participantsView(id) {
  const programme = await ipc.getProgramme(id);
  /** @type {any} */
  const query = { search: '', role: '', status: '', department: '', topic: '', sort: 'name', descending: false, offset: 0, limit: PAGE };

  const counts = h('p', { class: 'counts', id: 'participant-counts', aria: { live: 'polite' } });
  const tableArea = h('div', { class: 'table-scroll' });
  const pager = h('div', { class: 'pager' });
  const select = (name, label, options) => h('div', { class: 'filter' },
    h('label', { for: `filter-${name}` }, label),
    h('select', {
      id: `filter-${name}`, name,
      onchange: (e) => { query[name] = e.target.value; query.offset = 0; refresh(); },
    }, h('option', { value: '' }, t('participants.all')), options.map(([value, text]) => h('option', { value }, text))));
  const departmentFilter = select('department', t('field.department'), []);
  const topicFilter = select('topic', t('field.topics'), []);

  let timer = 0;
  const search = h('input', {
    id: 'participant-search', type: 'search', autocomplete: 'off', placeholder: t('participants.search_hint'),
    oninput: (e) => {
      clearTimeout(timer);
      timer = setTimeout(() => { query.search = e.target.value; query.offset = 0; refresh(); }, 200);
    },
  });

  const fill = (wrapper, values) => {
    const control = wrapper.querySelector('select');
    const current = control.value;
    control.replaceChildren(h('option', { value: '' }, t('participants.all')), values.map((v) => h('option', { value: v, selected: v === current }, v)));
  };

  async function refresh() {
    let page;
    try {
      page = await ipc.participantPage(id, query);
    } catch (error) {
      toastError(error);
      return;
    }
    const c = page.counts;
    counts.replaceChildren(...[
      h('span', { class: 'count' }, h('strong', {}, String(c.mentors)), ` ${t('participants.mentors')}`),
      h('span', { class: 'count' }, h('strong', {}, String(c.mentees)), ` ${t('participants.mentees')}`),
      h('span', { class: c.capacity < c.mentees ? 'count warning' : 'count' },
        t('participants.capacity_vs', { capacity: counted('participants.mentees_n', c.capacity), mentees: counted('participants.mentees_n', c.mentees) })),
      c.withdrawn ? h('span', { class: 'count muted' }, counted('participants.withdrawn_count', c.withdrawn)) : null,
    ].filter(Boolean));
    fill(departmentFilter, page.departments);
    fill(topicFilter, page.topics);

    const header = COLUMNS.map((column) => {
      const sorted = column.sort && query.sort === column.sort;
      const label = t(`participants.column.${column.key}`);
      return h('th', { scope: 'col', aria: { sort: sorted ? (query.descending ? 'descending' : 'ascending') : undefined } },
        column.sort ? h('button', {
          type: 'button', class: 'sort-button',
          onclick: () => {
            query.descending = sorted ? !query.descending : false;
            query.sort = column.sort;
            refresh();
          },
        }, label, sorted ? (query.descending ? ' ▼' : ' ▲') : '') : label);
    });
    const rows = page.rows.map((p) => h('tr', { dataset: { participantId: String(p.id) } },
      h('th', { scope: 'row' },
        h('a', { href: `#/programme/${id}/participant/${p.id}`, class: 'participant-link' }, p.name),
        // Long addresses are shortened on one line; the whole one on hover.
        h('span', { class: 'email', title: p.email }, p.email)),
      h('td', {}, h('span', { class: `role-badge role-${p.role}` }, t(`role.${p.role}`))),
      h('td', {}, p.department),
      h('td', { class: 'topics' }, p.topics.join(', ')),
      h('td', { class: 'number' }, p.capacity ?? ''),
      // A participant in a pair shows where the pair stands, not "applied".
      h('td', {}, p.pair && p.status !== 'withdrawn' ? t(`participants.pair.${p.pair}`) : t(`status.${p.status}`))));
    tableArea.replaceChildren(page.rows.length
      ? h('table', { class: 'table', id: 'participant-table' }, h('thead', {}, h('tr', {}, header)), h('tbody', {}, rows))
      : h('div', { class: 'empty-state', id: 'participants-empty' },
        h('p', {}, t(page.counts.mentors + page.counts.mentees + page.counts.withdrawn ? 'participants.none_match' : 'participants.empty'))));

    const first = page.matching ? query.offset + 1 : 0;
    const last = Math.min(query.offset + PAGE, page.matching);
    pager.replaceChildren(
      h('span', { id: 'participant-range' }, t('participants.range', { first, last, total: page.matching })),
      h('button', { type: 'button', class: 'button small secondary', disabled: query.offset === 0,
        onclick: () => { query.offset = Math.max(0, query.offset - PAGE); refresh(); } }, t('participants.previous')),
      h('button', { type: 'button', class: 'button small secondary', disabled: last >= page.matching,
        onclick: () => { query.offset += PAGE; refresh(); } }, t('participants.next')));
  }

  const failure = toastError;
  const view = h('section', { class: 'page' },
    h('p', { class: 'breadcrumb' }, h('a', { href: '#/programmes' }, `← ${t('nav.programmes')}`)),
    h('div', { class: 'page-head' },
      h('h1', {}, programme.name),
      h('div', { class: 'head-actions' },
        h('a', { class: 'button primary', href: `#/programme/${id}/participant/new`, id: 'add-participant' }, t('participants.add')),
        h('a', { class: 'button secondary', href: `#/programme/${id}/import`, id: 'import-participants' }, t('participants.import')),
        h('button', { class: 'button secondary', type: 'button', id: 'export-participants',
          onclick: async () => {
            try { await saveWith(`${await ipc.exportName(id)}.xlsx`, (path) => ipc.exportParticipants(id, path)); } catch (e) { failure(e); }
          } }, t('participants.export')))),
    programmeTabs(programme, 'participants'),
    counts,
    h('div', { class: 'toolbar' },
      h('div', { class: 'filter grow' }, h('label', { for: 'participant-search' }, t('participants.search')), search),
      select('role', t('field.role'), [['mentor', t('role.mentor')], ['mentee', t('role.mentee')]]),
      select('status', t('field.status'), ['applied', 'accepted', 'withdrawn'].map((s) => [s, t(`status.${s}`)])),
      departmentFilter,
      topicFilter),
    tableArea,
    pager);
  await refresh();
  return view;
}
