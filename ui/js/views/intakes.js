// Intakes of a programme: plan every first talk in one action (a proposal
// first, saved on request), the settings and closed days behind it, every
// pair's talk in a list or a week view, moving a talk, recording whether
// there was a klik, calendar files, the e-mail invitation, and the printed
// schedule and conversation guides. The pieces live in components/intakes/.

import * as ipc from '../ipc.js';
import { t } from '../i18n.js';
import { h, oneAtATime } from '../dom.js';
import { programmeTabs } from '../components/programme-tabs.js';
import { summaryCard } from '../components/text.js';
import { planCard } from '../components/intakes/plan.js';
import { drawSettings } from '../components/intakes/settings.js';
import { drawList } from '../components/intakes/list.js';

/** @typedef {import('../components/intakes/list.js').Intakes} Intakes */

/** @param {number} programmeId */
export async function intakesView(programmeId) {
  const programme = await ipc.getProgramme(programmeId);
  const summaryArea = h('ul', { class: 'summary-cards', id: 'intake-summary', aria: { live: 'polite' } });
  /** @type {Intakes} */
  const ctx = {
    programmeId,
    // The board on screen, the list's filter and mode, and the Monday of the
    // week shown in the week view (ISO).
    state: { board: await ipc.intakeBoard(programmeId), filter: 'all', mode: 'list', week: '' },
    act: oneAtATime(() => view),
    draw,
    drawList: () => drawList(ctx),
    settingsArea: h('div', {}),
    listArea: h('div', { id: 'intake-list-area' }),
  };

  /** Shows a board. @param {any} next */
  function draw(next) {
    ctx.state.board = next;
    const s = next.summary;
    const card = (key, value, label, warning = false) => summaryCard(`intake-summary-${key}`, value, label, warning);
    summaryArea.replaceChildren(
      card('to_plan', s.to_plan, t('intake.state.to_plan'), s.to_plan > 0),
      card('planned', s.planned, t('intake.state.planned')),
      card('outcome_missing', s.outcome_missing, t('intake.state.outcome_missing'), s.outcome_missing > 0),
      card('klik', s.klik, t('intake.outcome.klik')),
      card('unsure', s.unsure, t('intake.outcome.unsure')),
      card('no', s.no, t('intake.outcome.no')));
    drawList(ctx);
  }

  const plan = planCard(ctx);
  drawSettings(ctx);
  draw(ctx.state.board);
  const view = h('section', { class: 'page intakes', id: 'intakes' },
    h('p', { class: 'breadcrumb' }, h('a', { href: '#/programmes' }, `← ${t('nav.programmes')}`)),
    h('div', { class: 'page-head' }, h('div', {}, h('h1', {}, programme.name))),
    programmeTabs(programme, 'intakes'),
    summaryArea,
    plan,
    ctx.settingsArea,
    ctx.listArea);
  return view;
}
