// The Trajectory tab of a programme: the pairs under way with what needs
// attention, every figure, the programme report, workshops, the closing and
// the attention thresholds. The dashboard on the overview and the cards live
// in components/trajectory/; one pair's page is views/pair.js.

import * as ipc from '../ipc.js';
import { t } from '../i18n.js';
import { h, append, oneAtATime } from '../dom.js';
import { programmeTabs } from '../components/programme-tabs.js';
import { cards, attentionList } from '../components/trajectory/dashboard.js';
import { reportCard, settingsCard } from '../components/trajectory/cards.js';
import { workshopsCard } from '../components/trajectory/workshops.js';
import { closingCard } from '../components/trajectory/closing.js';

/**
 * The Trajectory tab: the pairs under way with what needs attention, every
 * figure, the programme report and the thresholds.
 * @param {number} programmeId
 * @param {string} [at] a card to bring into view ("closing", from the checklist)
 */
export async function trajectoryView(programmeId, at) {
  const programme = await ipc.getProgramme(programmeId);
  const view = h('article', { class: 'page', id: 'trajectory' });
  const act = oneAtATime(() => view);

  /** @param {any} dashboard */
  function draw(dashboard) {
    const rows = dashboard.pairs.map((p) => h('tr', { dataset: { match: String(p.match_id) } },
      h('td', {}, h('a', { href: `#/programme/${programmeId}/pair/${p.match_id}`, class: 'pair-link' }, `${p.mentee} & ${p.mentor}`)),
      h('td', {}, p.status_label),
      h('td', { class: 'number' }, p.meetings),
      h('td', {}, p.last_meeting || '–'),
      h('td', { class: 'number' }, p.goals),
      h('td', {}, p.concerns ? h('span', { class: 'badge warning' }, t('trajectory.ui.concerns', { count: p.concerns })) : '')));
    view.replaceChildren();
    append(view, [
      h('p', { class: 'breadcrumb' }, h('a', { href: '#/programmes' }, `← ${t('nav.programmes')}`)),
      h('div', { class: 'page-head' }, h('div', {},
        h('h1', {}, programme.name),
        h('p', { class: 'subtitle' }, t('dashboard.phase', { phase: dashboard.phase_label })))),
      programmeTabs(programme, 'trajectory'),
      dashboard.cards.length ? cards(dashboard) : null,
      h('section', { class: 'card' },
        h('h2', {}, dashboard.attention.length ? t('attention.title', { count: dashboard.attention.length }) : t('attention.heading')),
        attentionList(programmeId, dashboard)),
      h('section', { class: 'card' },
        h('h2', {}, t('trajectory.ui.pairs')),
        rows.length
          ? h('div', { class: 'table-scroll' }, h('table', { class: 'table', id: 'trajectory-pairs' },
            h('thead', {}, h('tr', {},
              h('th', {}, t('trajectory.ui.pair')), h('th', {}, t('report.status')),
              h('th', {}, t('report.meetings_column')), h('th', {}, t('trajectory.ui.last_meeting')),
              h('th', {}, t('report.goals_column')), h('th', {}, t('trajectory.ui.attention')))),
            h('tbody', {}, rows)))
          : h('p', { class: 'muted' }, t('trajectory.ui.no_pairs'))),
      h('div', { class: 'columns' },
        reportCard(programmeId, dashboard, act),
        h('section', { class: 'card', id: 'kpi-table' },
          h('h2', {}, t('report.key_figures')),
          h('dl', { class: 'facts' }, dashboard.figures.flatMap((f) => [h('dt', {}, f.label), h('dd', {}, f.value)])))),
      workshopArea,
      closingArea,
      dashboard.archived ? null : settingsCard(programmeId, dashboard, draw, act)]);
  }
  const workshopArea = h('section', { class: 'card', id: 'workshops-card' });
  const closingArea = h('section', { class: 'card', id: 'closing-card' });
  /** @param {any[]} list */
  const drawWorkshops = (list) => { workshopArea.replaceChildren(); append(workshopArea, workshopsCard(programmeId, list, drawWorkshops, act, programme.archived)); };
  /** @param {any} evaluation */
  const drawClosing = (evaluation) => { closingArea.replaceChildren(); append(closingArea, closingCard(programmeId, evaluation, drawClosing, act)); };
  draw(await ipc.programmeDashboard(programmeId));
  drawWorkshops(await ipc.workshops(programmeId));
  drawClosing(await ipc.programmeEvaluation(programmeId));
  // The view is in the page once returned: then its card can come into view.
  if (at === 'closing') setTimeout(() => closingArea.scrollIntoView({ block: 'start' }), 0);
  return view;
}
