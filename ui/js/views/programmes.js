// The list of programmes: current ones or the archive, with the phase each
// is in today and quick actions.

import * as ipc from '../ipc.js';
import { t, shortDate } from '../i18n.js';
import { h, toast, toastError } from '../dom.js';
import { redraw } from '../nav.js';
import { cadenceText, phaseText, archiveProgramme, duplicateProgramme } from '../components/programme-actions.js';
import { moreMenu } from '../components/menu.js';

/** @param {'current'|'archived'} listing */
export async function programmesView(listing) {
  const programmes = await ipc.listProgrammes(listing);
  const tab = (key, hash) => h('a', {
    href: hash, id: `tab-${key}`, class: key === listing ? 'tab active' : 'tab',
    aria: { current: key === listing ? 'page' : undefined },
  }, t(`programmes.${key}`));

  const failure = toastError;
  const rows = programmes.map((p) => h('tr', { dataset: { programmeId: String(p.id) } },
    h('th', { scope: 'row' },
      h('a', { href: `#/programme/${p.id}`, class: 'programme-link' }, p.name)),
    h('td', { class: 'nowrap' }, `${shortDate(p.start)} – ${shortDate(p.end)}`),
    h('td', {}, h('span', { class: `phase-badge phase-${p.phase_now ?? p.status}` }, phaseText(p))),
    h('td', {}, cadenceText(p.cadence_weeks)),
    h('td', {}, h('div', { class: 'row-actions' },
      h('a', { class: 'button small secondary', href: `#/programme/${p.id}`, aria: { label: `${t('action.open')}: ${p.name}` } }, t('action.open')),
      moreMenu(`programme-menu-${p.id}`, [
        p.archived ? null : { id: `edit-programme-${p.id}`, label: t('programme.edit_details'), href: `#/programme/${p.id}/edit` },
        { id: `duplicate-programme-${p.id}`, label: t('action.duplicate'), run: () => duplicateProgramme(p).catch(failure) },
        listing === 'current'
          ? { id: `archive-programme-${p.id}`, label: t('action.archive'), danger: true, run: () => archiveProgramme(p).then((done) => done && redraw()).catch(failure) }
          : p.closed ? null : {
            id: `restore-programme-${p.id}`, label: t('action.restore'), run: async () => {
              try {
                await ipc.setProgrammeArchived(p.id, false);
                toast(t('programmes.restored_notice', { name: p.name }));
                redraw();
              } catch (error) { failure(error); }
            },
          },
      ], p.name)))));

  const table = programmes.length
    ? h('div', { class: 'table-scroll' }, h('table', { class: 'table', id: 'programme-table' },
      h('thead', {}, h('tr', {},
        ...['name', 'period', 'phase', 'cadence', 'actions'].map((c) => h('th', { scope: 'col' }, t(`programmes.column.${c}`))))),
      h('tbody', {}, rows)))
    : h('div', { class: 'empty-state', id: 'programmes-empty' },
      h('p', {}, t(listing === 'current' ? 'programmes.empty_current' : 'programmes.empty_archived')),
      listing === 'current' ? h('a', { class: 'button primary', href: '#/programme/new' }, t('programmes.new')) : null);

  return h('section', { class: 'page' },
    h('div', { class: 'page-head' },
      h('h1', {}, t('programmes.title')),
      h('a', { class: 'button primary', href: '#/programme/new', id: 'new-programme' }, t('programmes.new'))),
    h('nav', { class: 'tabs', aria: { label: t('programmes.title') } },
      tab('current', '#/programmes'), tab('archived', '#/programmes/archived')),
    table);
}
