// A programme's dashboard: key figures and the pairs that need attention,
// each with a one-click way to act; on the overview and the Trajectory tab.

import * as ipc from '../../ipc.js';
import { t } from '../../i18n.js';
import { h } from '../../dom.js';

/**
 * Where a concern is acted on: the intake board, the agreement, or the pair's page.
 * @param {number} programmeId @param {{code: string, match_id: number}} item
 */
function actionFor(programmeId, item) {
  switch (item.code) {
    case 'intake_not_planned':
    case 'outcome_missing':
      return { label: t('attention.act.intake'), hash: `#/programme/${programmeId}/intakes` };
    case 'agreement_unsigned':
      return { label: t('attention.act.agreement'), hash: `#/programme/${programmeId}/agreement/${item.match_id}` };
    case 'no_recent_meeting':
      return { label: t('attention.act.meeting'), hash: `#/programme/${programmeId}/pair/${item.match_id}?do=meeting` };
    case 'goal_quiet':
      return { label: t('attention.act.goal'), hash: `#/programme/${programmeId}/pair/${item.match_id}` };
    case 'checkin_due':
      return { label: t('attention.act.checkin'), hash: `#/programme/${programmeId}/pair/${item.match_id}?do=checkin` };
    case 'poor_fit':
      return { label: t('attention.act.talk'), hash: `#/programme/${programmeId}/pair/${item.match_id}` };
    default:
      return { label: t('attention.act.open'), hash: `#/programme/${programmeId}/pair/${item.match_id}` };
  }
}

/** The headline figures as cards. @param {any} dashboard */
export function cards(dashboard) {
  return h('ul', { class: 'summary-cards', id: 'kpi-cards' },
    dashboard.cards.map((c) => h('li', { class: 'summary-card' },
      h('strong', { class: 'summary-number' }, c.value), h('span', { class: 'summary-label' }, c.label))));
}

/** The needs-attention list with its actions. @param {number} programmeId @param {any} dashboard */
export function attentionList(programmeId, dashboard) {
  if (!dashboard.attention.length) {
    return h('p', { class: 'muted', id: 'attention-none' }, t('attention.none'));
  }
  return h('ul', { class: 'attention', id: 'attention-list' },
    dashboard.attention.map((item) => {
      const action = actionFor(programmeId, item);
      return h('li', { class: `attention-item ${item.code}`, dataset: { code: item.code } },
        h('span', { class: 'attention-pair' }, `${item.mentee} & ${item.mentor}`),
        h('span', { class: 'attention-message' }, item.message),
        h('a', { class: 'button secondary small', href: action.hash }, action.label));
    }));
}

/**
 * The dashboard on a programme's overview: phase, headline figures and the
 * needs-attention list.
 * @param {number} programmeId
 */
export async function dashboardSection(programmeId) {
  const dashboard = await ipc.programmeDashboard(programmeId);
  return h('section', { class: 'card', id: 'programme-dashboard' },
    h('div', { class: 'card-head' },
      h('h2', {}, t('dashboard.title')),
      h('span', { class: 'badge' }, t('dashboard.phase', { phase: dashboard.phase_label }))),
    cards(dashboard),
    h('h3', {}, t('attention.title', { count: dashboard.attention.length })),
    attentionList(programmeId, dashboard),
    h('p', {}, h('a', { href: `#/programme/${programmeId}/trajectory`, id: 'dashboard-more' }, t('dashboard.more'))));
}
