// One programme's home: where it stands and what to do next. The checklist
// of its phases leads, with the next step as the page's main button; what
// needs attention in every phase, the headline figures, then its purpose
// and settings. Editing, duplicating and archiving wait in the "More" menu.

import * as ipc from '../ipc.js';
import { t, counted, longDate } from '../i18n.js';
import { h, toast, toastError } from '../dom.js';
import { go, redraw } from '../nav.js';
import { appState } from '../state.js';
import { cadenceText, archiveProgramme, duplicateProgramme } from '../components/programme-actions.js';
import { programmeTabs } from '../components/programme-tabs.js';
import { dashboardSection } from '../components/trajectory/dashboard.js';
import { checklistCard, nextAction } from '../components/checklist.js';
import { moreMenu } from '../components/menu.js';
import { openDocument } from '../components/documents.js';

/** @param {string} text @param {string} emptyKey */
function prose(text, emptyKey) {
  if (!text.trim()) return h('p', { class: 'muted' }, t(emptyKey));
  return text.split(/\n+/).map((line) => h('p', {}, line));
}

/** Where the programme stands in time, in words; nothing to count down once closed or archived. @param {any} p */
function standing(p) {
  if (p.closed) return h('span', { class: 'badge', id: 'programme-standing' }, t('programme.closed_badge'));
  if (p.archived) return h('span', { class: 'badge', id: 'programme-standing' }, t('programme.archived_badge'));
  return h('span', { id: 'programme-standing' }, p.status === 'upcoming'
    ? counted('programme.starts_in', p.days, { days: p.days })
    : p.status === 'running' ? counted('programme.days_left', p.days, { days: p.days }) : t('programme.ended'));
}

/** @param {number} id */
export async function programmeView(id) {
  const [p, dashboard] = await Promise.all([ipc.getProgramme(id), ipc.programmeDashboard(id)]);
  const failure = toastError;
  const readOnly = p.archived || p.closed;
  const next = readOnly ? null : nextAction(p.id, dashboard.checklist);

  const goals = p.goals.trim()
    ? h('ul', { class: 'goals' }, p.goals.split(/\n+/).filter((g) => g.trim()).map((g) => h('li', {}, g.replace(/^[-•*]\s*/, ''))))
    : h('p', { class: 'muted' }, t('programme.goals_empty'));

  const restore = async () => {
    try { await ipc.setProgrammeArchived(p.id, false); toast(t('programmes.restored_notice', { name: p.name })); redraw(); } catch (e) { failure(e); }
  };
  const menu = moreMenu('programme-menu', [
    readOnly ? null : { id: 'edit-programme', label: t('programme.edit_details'), href: `#/programme/${p.id}/edit` },
    { id: 'duplicate-programme', label: t('action.duplicate'), run: () => duplicateProgramme(p).catch(failure) },
    p.archived && !p.closed ? { id: 'restore-programme', label: t('action.restore'), run: restore } : null,
    readOnly ? null : {
      id: 'archive-programme', label: t('action.archive'), danger: true,
      run: () => archiveProgramme(p).then((done) => done && go('#/programmes')).catch(failure),
    },
  ]);

  return h('article', { class: 'page', id: 'programme-detail' },
    h('p', { class: 'breadcrumb' }, h('a', { href: p.archived ? '#/programmes/archived' : '#/programmes' }, `← ${t('nav.programmes')}`)),
    h('div', { class: 'page-head' },
      h('div', {},
        h('h1', { id: 'programme-name' }, p.name),
        h('p', { class: 'subtitle' }, t('programme.period', { start: longDate(p.start), end: longDate(p.end) }), ' · ', standing(p))),
      h('div', { class: 'head-actions' },
        next ? h('a', { class: 'button primary', href: next.hash, id: 'next-step', title: next.message }, next.button) : null,
        menu)),
    readOnly
      ? h('p', { class: 'banner', role: 'status', id: 'read-only-notice' }, t(p.closed ? 'checklist.closed_notice' : 'checklist.archived_notice'))
      : null,
    programmeTabs(p, 'overview'),
    checklistCard(p, dashboard.checklist, readOnly ? null : h('button', {
      type: 'button', class: 'button secondary small', id: 'print-week',
      onclick: () => openDocument('week', p.id).catch(failure),
    }, t('checklist.print_week'))),
    dashboardSection(p.id, dashboard),
    h('div', { class: 'columns' },
      h('section', { class: 'card' },
        h('h2', {}, t('field.purpose')), prose(p.purpose, 'programme.purpose_empty'),
        h('h2', {}, t('field.goals')), goals),
      h('section', { class: 'card' },
        h('h2', {}, t('programme.settings')),
        h('dl', { class: 'facts' },
          h('dt', {}, t('field.cadence_weeks')), h('dd', {}, cadenceText(p.cadence_weeks)),
          h('dt', {}, t('field.default_capacity')),
          h('dd', {}, p.default_capacity === 1 ? t('programme.capacity_value_one') : t('programme.capacity_value', { count: p.default_capacity })),
          h('dt', {}, t('field.document_language')), h('dd', {}, languageName(p.document_language)),
          h('dt', {}, t('agreement.ui.template')),
          h('dd', {}, h('a', { href: `#/programme/${p.id}/agreement-texts`, id: 'programme-agreement-texts' }, t('agreement.ui.template_edit')))),
        h('h2', {}, t('field.context')), prose(p.context, 'programme.context_empty'))));
}

/** The native name of a language code, from the status the shell sent. */
function languageName(code) {
  const found = (appState()?.languages ?? []).find((l) => l.code === code);
  return found ? found.name : code.toUpperCase();
}
