// One programme: its purpose and goals, settings, and a timeline of phases
// with today marked.

import * as ipc from '../ipc.js';
import { t, counted, shortDate, longDate } from '../i18n.js';
import { h, toast, toastError } from '../dom.js';
import { go, redraw } from '../nav.js';
import { appState } from '../state.js';
import { cadenceText, phaseText, archiveProgramme, duplicateProgramme } from '../components/programme-actions.js';
import { programmeTabs } from '../components/programme-tabs.js';
import { dashboardSection } from '../components/trajectory/dashboard.js';

/** @param {string} text @param {string} emptyKey */
function prose(text, emptyKey) {
  if (!text.trim()) return h('p', { class: 'muted' }, t(emptyKey));
  return text.split(/\n+/).map((line) => h('p', {}, line));
}

/** @param {number} id */
export async function programmeView(id) {
  const p = await ipc.getProgramme(id);
  const failure = toastError;
  const countdown = p.status === 'upcoming'
    ? counted('programme.starts_in', p.days, { days: p.days })
    : p.status === 'running' ? counted('programme.days_left', p.days, { days: p.days }) : t('programme.ended');

  const goals = p.goals.trim()
    ? h('ul', { class: 'goals' }, p.goals.split(/\n+/).filter((g) => g.trim()).map((g) => h('li', {}, g.replace(/^[-•*]\s*/, ''))))
    : h('p', { class: 'muted' }, t('programme.goals_empty'));

  const timeline = h('ol', { class: 'timeline', id: 'phase-timeline' },
    p.phases.map((phase) => {
      const current = phase.phase === p.phase_now;
      return h('li', { class: current ? 'phase current' : 'phase', aria: { current: current ? 'step' : undefined } },
        h('span', { class: 'phase-name' }, t(`phase.${phase.phase}`)),
        h('span', { class: 'phase-dates' }, `${shortDate(phase.start)} – ${shortDate(phase.end)}`),
        current ? h('span', { class: 'phase-today' }, t('programme.today')) : null);
    }));

  return h('article', { class: 'page', id: 'programme-detail' },
    h('p', { class: 'breadcrumb' }, h('a', { href: p.archived ? '#/programmes/archived' : '#/programmes' }, `← ${t('nav.programmes')}`)),
    h('div', { class: 'page-head' },
      h('div', {},
        h('h1', { id: 'programme-name' }, p.name),
        h('p', { class: 'subtitle' },
          t('programme.period', { start: longDate(p.start), end: longDate(p.end) }), ' · ', countdown,
          p.archived ? h('span', { class: 'badge' }, t('programme.archived_badge')) : null)),
      h('div', { class: 'head-actions' },
        h('a', { class: 'button primary', href: `#/programme/${p.id}/edit`, id: 'edit-programme' }, t('action.edit')),
        h('button', { class: 'button secondary', type: 'button', onclick: () => duplicateProgramme(p).catch(failure) }, t('action.duplicate')),
        p.archived
          ? h('button', { class: 'button secondary', type: 'button', onclick: async () => {
            try { await ipc.setProgrammeArchived(p.id, false); toast(t('programmes.restored_notice', { name: p.name })); redraw(); } catch (e) { failure(e); }
          } }, t('action.restore'))
          : h('button', { class: 'button secondary', type: 'button', onclick: () => archiveProgramme(p).then((done) => done && go('#/programmes')).catch(failure) }, t('action.archive')))),
    programmeTabs(p, 'overview'),
    await dashboardSection(p.id),
    h('section', { class: 'card' },
      h('h2', {}, t('programme.phases')),
      h('p', { class: 'muted' }, `${t('programme.current_phase')}: `, h('strong', {}, phaseText(p))),
      timeline),
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
