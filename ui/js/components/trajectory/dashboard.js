// A programme's dashboard: key figures and what needs attention, each with
// a one-click way to act; on the overview and the Trajectory tab.

import { t } from '../../i18n.js';
import { h } from '../../dom.js';
import { actionHash } from '../checklist.js';

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

/** Checklist actions about the programme rather than one pair: they head the overview's list. */
const PROGRAMME_WIDE = new Set(['add_participants', 'confirm_pairs', 'match_mentees', 'find_new_mentor', 'close_programme']);

/**
 * The overview's "needs attention": what waits in every phase (mentees to
 * match or to give a new mentor, pairs to confirm, the closing), then each
 * pair's concerns; never "(0)" while something waits.
 * @param {number} programmeId @param {any} dashboard
 */
export function dashboardSection(programmeId, dashboard) {
  const wide = dashboard.checklist.steps.flatMap((step) => step.actions
    .filter((a) => PROGRAMME_WIDE.has(a.code)).map((action) => ({ action, step })));
  const count = wide.length + dashboard.attention.length;
  return h('section', { class: 'card', id: 'programme-dashboard' },
    h('h2', {}, count ? t('attention.title', { count }) : t('attention.heading')),
    wide.length
      ? h('ul', { class: 'attention', id: 'attention-programme' }, wide.map(({ action, step }) => h('li', {
        class: `attention-item ${action.code}`, dataset: { code: action.code },
      },
      h('span', { class: 'attention-pair' }, step.phase_label),
      h('span', { class: 'attention-message' }, action.message),
      h('a', { class: 'button secondary small', href: actionHash(programmeId, action, step) }, action.button))))
      : null,
    dashboard.attention.length ? attentionList(programmeId, dashboard) : null,
    count ? null : h('p', { class: 'muted', id: 'attention-none' }, t('attention.nothing')),
    dashboard.cards.length ? cards(dashboard) : null,
    h('p', {}, h('a', { href: `#/programme/${programmeId}/trajectory`, id: 'dashboard-more' }, t('dashboard.more'))));
}
