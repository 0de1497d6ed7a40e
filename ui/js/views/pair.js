// One pair's page, after the klik: what needs attention, goals with their
// progress, meetings, check-ins, and the pair's report and check-in form.
// Its dialogs live in components/trajectory/pair-dialogs.js.

import * as ipc from '../ipc.js';
import { t } from '../i18n.js';
import { h, append, toast, oneAtATime } from '../dom.js';
import { openDocument } from '../components/documents.js';
import { formDialog } from '../components/form-dialog.js';
import { openMeetingDialog, openProgressDialog, openCheckinDialog } from '../components/trajectory/pair-dialogs.js';

/** A goal's percentage as a bar (its width set through the CSSOM, which the CSP allows). @param {any} g */
function progressBar(g) {
  const fill = h('span');
  fill.style.width = `${g.percent}%`;
  return h('div', { class: 'progress-bar', role: 'progressbar', aria: { valuenow: String(g.percent), valuemin: '0', valuemax: '100', label: g.what } }, fill);
}

/**
 * One pair's page: what needs attention, goals with their progress,
 * meetings, check-ins, and the pair's report and check-in form.
 * @param {number} programmeId
 * @param {number} matchId
 * @param {string} [then] 'meeting' opens the meeting dialog at once
 */
export async function pairView(programmeId, matchId, then) {
  const programme = await ipc.getProgramme(programmeId);
  const view = h('article', { class: 'page', id: 'pair-page' });
  const act = oneAtATime(() => view);
  let pair = await ipc.pairTrajectory(matchId);

  /** A dialog with a form; `send` resolves to the new pair, which is drawn. */
  const dialogForm = (id, title, body, submitLabel, send) =>
    formDialog(id, title, body, submitLabel, act, async (form) => draw(await send(form)));

  /** @type {import('../components/trajectory/pair-dialogs.js').PairDialogs} */
  const ctx = { matchId, pair: () => pair, dialogForm };
  const meetingDialog = (m) => openMeetingDialog(ctx, m);
  const progressDialog = (g) => openProgressDialog(ctx, g);
  const checkinDialog = () => openCheckinDialog(ctx);

  /** @param {any} next */
  function draw(next) {
    pair = next;
    const p = next;
    const button = (id, label, run, kind = 'secondary') => h('button', { type: 'button', class: `button ${kind}`, id, disabled: !p.open, onclick: run }, label);
    const goals = p.goals.length
      ? h('ul', { class: 'goal-list', id: 'pair-goals' }, p.goals.map((g) => h('li', { class: 'goal', dataset: { position: String(g.position) } },
        h('div', { class: 'goal-head' },
          h('strong', {}, `${g.position}. ${g.what}`),
          h('span', { class: `badge state-${g.state}` }, g.state_label),
          p.open ? h('button', { type: 'button', class: 'button secondary small goal-update', onclick: () => progressDialog(g) }, t('goal.ui.update')) : null),
        progressBar(g),
        h('span', { class: 'muted' }, `${g.percent} %`),
        g.history.length
          ? h('ol', { class: 'goal-history' }, g.history.map((e) => h('li', {}, `${e.date} · ${e.state_label} · ${e.percent} %${e.note ? ` — ${e.note}` : ''}`)))
          : null)))
      : h('p', { class: 'muted' }, t('report.no_goals'), ' ',
        h('a', { href: `#/programme/${programmeId}/agreement/${matchId}` }, t('trajectory.ui.to_agreement')));
    const meetings = p.meetings.length
      ? h('div', { class: 'table-scroll' }, h('table', { class: 'table compact', id: 'pair-meetings' },
        h('thead', {}, h('tr', {}, h('th', {}, t('report.date')), h('th', {}, t('report.minutes')), h('th', {}, t('report.status')),
          h('th', {}, t('report.topics')), h('th', {}, t('report.next_steps')), h('th', {}, ''))),
        h('tbody', {}, p.meetings.map((m) => h('tr', { class: m.held ? '' : 'cancelled' },
          h('td', {}, m.date), h('td', { class: 'number' }, String(m.minutes)), h('td', {}, m.status_label),
          h('td', { class: 'topics' }, m.topics), h('td', { class: 'topics' }, m.next_steps),
          h('td', {}, p.open ? h('div', { class: 'row-actions' },
            h('button', { type: 'button', class: 'button secondary small', onclick: () => meetingDialog(m) }, t('action.edit')),
            h('button', { type: 'button', class: 'button secondary small', onclick: () => act(async () => {
              draw(await ipc.deleteMeeting(matchId, m.id));
              toast(t('meeting.ui.deleted', { date: m.date }));
            }) }, t('action.delete'))) : null))))))
      : h('p', { class: 'muted' }, t('report.no_meetings'));
    const checkins = p.checkins.length
      ? h('div', { class: 'table-scroll' }, h('table', { class: 'table compact', id: 'pair-checkins' },
        h('thead', {}, h('tr', {}, h('th', {}, t('report.date')), h('th', {}, t('report.moment')), h('th', {}, t('report.who')),
          h('th', {}, t('report.satisfaction')), h('th', {}, t('report.fit')), h('th', {}, t('report.comment')))),
        h('tbody', {}, p.checkins.map((c) => h('tr', {},
          h('td', {}, c.date), h('td', {}, c.moment_label), h('td', {}, c.side_label),
          h('td', {}, `${c.satisfaction} / 5`), h('td', { class: c.fit === 'poor' ? 'warning-text' : '' }, c.fit_label),
          h('td', { class: 'topics' }, c.comment))))))
      : h('p', { class: 'muted' }, t('report.no_checkins'));
    view.replaceChildren();
    append(view, [
      h('p', { class: 'breadcrumb' }, h('a', { href: `#/programme/${programmeId}/trajectory` }, `← ${programme.name}`)),
      h('div', { class: 'page-head' },
        h('div', {},
          h('h1', { id: 'pair-title' }, `${p.mentee} & ${p.mentor}`),
          h('p', { class: 'subtitle' }, [p.status_label, p.period, p.klik_on ? t('trajectory.ui.klik_on', { date: p.klik_on }) : '']
            .filter(Boolean).join(' · '))),
        h('div', { class: 'head-actions' },
          button('add-meeting', t('meeting.ui.add'), () => meetingDialog(null), 'primary'),
          h('button', { type: 'button', class: 'button secondary', id: 'open-pair-report', onclick: () => act(() => openDocument('pair_report', matchId)) }, t('report.ui.pair')),
          h('button', { type: 'button', class: 'button secondary', id: 'open-checkin-form', onclick: () => act(() => openDocument('checkin_form', matchId)) }, t('checkin.ui.form')))),
      p.open ? null : h('p', { class: 'notice' }, t('trajectory.ui.closed')),
      p.attention.length
        ? h('ul', { class: 'attention', id: 'pair-attention' }, p.attention.map((a) => h('li', { class: `attention-item ${a.code}` }, h('span', { class: 'attention-message' }, a.message))))
        : null,
      h('div', { class: 'columns' },
        h('section', { class: 'card' },
          h('h2', {}, t('report.goals')), goals),
        h('section', { class: 'card' },
          h('h2', {}, t('report.meetings_held')),
          h('p', { id: 'pair-meetings-summary' }, p.meetings_summary),
          h('h3', {}, t('report.next_steps')),
          h('p', { id: 'pair-next-steps' }, p.next_steps || t('report.no_next_steps')))),
      h('section', { class: 'card' }, h('h2', {}, t('report.meetings')), meetings),
      h('section', { class: 'card' },
        h('div', { class: 'card-head' }, h('h2', {}, t('report.checkins')), button('add-checkin', t('checkin.ui.add'), checkinDialog)),
        checkins)]);
  }
  draw(pair);
  if (then === 'meeting' && pair.open) setTimeout(() => meetingDialog(null), 0);
  if (then === 'checkin' && pair.open) setTimeout(() => checkinDialog(), 0);
  return view;
}
