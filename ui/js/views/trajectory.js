// After the klik: the programme's dashboard (key figures and the pairs that
// need attention, each with a one-click way to act), the Trajectory tab
// (pairs under way, all figures, reports, thresholds) and one pair's page
// (meetings, goal progress, check-ins, its report).

import * as ipc from '../ipc.js';
import { t } from '../i18n.js';
import { h, append, toast, modal, field, showFormErrors, commandError, oneAtATime, confirmAction } from '../dom.js';
import { go } from '../nav.js';
import { programmeTabs } from '../components/programme-tabs.js';
import { openDocument, saveDocument, ICS } from '../components/documents.js';
import { cards, attentionList } from '../components/trajectory/dashboard.js';

const STATES = ['not_started', 'in_progress', 'achieved', 'dropped'];
const MOMENTS = ['after_meetings', 'halfway', 'end', 'other'];
const FITS = ['good', 'deciding', 'poor'];
const AUDIENCES = ['mentees', 'mentors', 'all'];

/** Prints the programme report: anonymous or named, opened or saved. @param {number} programmeId @param {any} dashboard */
function reportCard(programmeId, dashboard, act) {
  const anonymous = /** @type {HTMLInputElement} */ (h('input', { type: 'checkbox', id: 'report-anonymous', checked: dashboard.anonymous_by_default }));
  const kind = () => (anonymous.checked ? 'programme_report_anonymous' : 'programme_report_named');
  return h('section', { class: 'card', id: 'programme-report-card' },
    h('h2', {}, t('report.ui.title')),
    h('p', { class: 'muted' }, t('report.ui.intro')),
    h('label', { class: 'check' }, anonymous, ` ${t('report.ui.anonymous')}`),
    dashboard.anonymous_by_default ? h('p', { class: 'hint' }, t('report.ui.anonymous_default')) : null,
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'button primary', id: 'open-programme-report', onclick: () => act(() => openDocument(kind(), programmeId)) }, t('report.ui.open')),
      h('button', { type: 'button', class: 'button secondary', id: 'save-programme-report', onclick: () => act(() => saveDocument(kind(), programmeId)) }, t('report.ui.save'))));
}

/** The thresholds of the attention list. @param {number} programmeId @param {any} dashboard @param {(d: any) => void} redraw */
function settingsCard(programmeId, dashboard, redraw, act) {
  const s = dashboard.settings;
  const number = (name) => field({ name, label: t(`field.${name}`), value: String(s[name]), size: 'narrow' });
  const check = (name, label) => h('label', { class: 'check' },
    h('input', { type: 'checkbox', name, checked: s[name] }), ` ${label}`);
  const form = /** @type {HTMLFormElement} */ (h('form', { novalidate: true, id: 'trajectory-settings' },
    h('div', { class: 'form-grid' },
      number('intake_wait_days'), number('signature_wait_days'), number('goal_quiet_days'), number('ending_days'),
      number('checkin_after_meetings')),
    check('checkin_halfway', t('checkin.moment.halfway')),
    check('checkin_end', t('checkin.moment.end')),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button secondary' }, t('action.save')))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    act(async () => {
      const value = (name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name));
      const whole = (name) => {
        const typed = value(name).value.trim();
        return /^\d{1,4}$/.test(typed) ? Number(typed) : -1;
      };
      const settings = {
        intake_wait_days: whole('intake_wait_days'),
        signature_wait_days: whole('signature_wait_days'),
        goal_quiet_days: whole('goal_quiet_days'),
        ending_days: whole('ending_days'),
        checkin_after_meetings: whole('checkin_after_meetings'),
        checkin_halfway: value('checkin_halfway').checked,
        checkin_end: value('checkin_end').checked,
      };
      const wrong = Object.entries(settings).find(([, v]) => v === -1);
      if (wrong) {
        showFormErrors(form, { code: 'invalid_input', message: t('error.whole_number'), fields: [{ field: wrong[0], label: t(`field.${wrong[0]}`), message: t('error.whole_number') }] });
        return;
      }
      try {
        redraw(await ipc.saveTrajectorySettings(programmeId, settings));
        toast(t('trajectory.ui.settings_saved'));
      } catch (error) {
        showFormErrors(form, commandError(error));
      }
    });
  });
  return h('details', { class: 'card', id: 'trajectory-settings-card' },
    h('summary', {}, t('trajectory.ui.settings')),
    h('p', { class: 'muted' }, t('trajectory.ui.settings_intro')),
    form);
}

/**
 * The Trajectory tab: the pairs under way with what needs attention, every
 * figure, the programme report and the thresholds.
 * @param {number} programmeId
 */
export async function trajectoryView(programmeId) {
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
      cards(dashboard),
      h('section', { class: 'card' },
        h('h2', {}, t('attention.title', { count: dashboard.attention.length })),
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
  return view;
}

/** A dialog with a form; `send` resolves when done or throws a command error shown in the form. */
function formDialog(id, title, body, submitLabel, act, send) {
  const dialog = modal(id, `${id}-title`, 'dialog');
  const form = /** @type {HTMLFormElement} */ (h('form', { novalidate: true },
    h('h2', { id: `${id}-title` }, title), ...body,
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'button secondary', onclick: () => dialog.close() }, t('action.cancel')),
      h('button', { type: 'submit', class: 'button primary', id: `${id}-save` }, submitLabel))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    act(async () => {
      try {
        await send(form);
      } catch (error) {
        showFormErrors(form, commandError(error));
        return;
      }
      dialog.close();
    });
  });
  dialog.append(form);
  dialog.showModal();
  /** @type {HTMLElement|null} */ (form.querySelector('input, select, textarea'))?.focus();
}

const valueIn = (form, name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name)).value;

/** The workshops of a programme: plan, change, register attendance, calendar file. */
function workshopsCard(programmeId, list, redraw, act, archived) {
  const edit = (w) => {
    const required = /** @type {HTMLInputElement} */ (h('input', { type: 'checkbox', name: 'required', checked: w ? w.required : false }));
    formDialog('workshop-dialog', w ? t('workshop.ui.edit_title') : t('workshop.ui.add_title'), [
      field({ name: 'title', label: t('field.title'), value: w?.title ?? '' }),
      h('div', { class: 'form-grid' },
        field({ name: 'date', label: t('field.date'), hint: t('form.date_hint'), value: w?.date ?? '', size: 'narrow' }),
        field({ name: 'time', label: t('field.time'), value: w?.time ?? '14:00', size: 'narrow' }),
        field({ name: 'minutes', label: t('meeting.ui.minutes'), value: String(w?.minutes ?? 120), size: 'narrow' })),
      h('div', { class: 'form-grid' },
        field({ name: 'audience', label: t('field.audience'), control: choice('audience', AUDIENCES, 'workshop.audience', w?.audience ?? 'all') }),
        field({ name: 'trainer', label: t('field.trainer'), value: w?.trainer ?? '' })),
      field({ name: 'location', label: t('field.location'), value: w?.location ?? '' }),
      h('label', { class: 'check' }, required, ` ${t('workshop.ui.required')}`),
    ], t('action.save'), act, async (form) => {
      redraw(await ipc.saveWorkshop(programmeId, w ? w.id : null, {
        title: valueIn(form, 'title'), date: valueIn(form, 'date'), time: valueIn(form, 'time'),
        minutes: valueIn(form, 'minutes'), audience: valueIn(form, 'audience'), trainer: valueIn(form, 'trainer'),
        location: valueIn(form, 'location'), required: required.checked,
      }));
      toast(t(w ? 'workshop.ui.changed' : 'workshop.ui.added'));
    });
  };
  const attendance = async (w) => {
    const people = await ipc.workshopInvitees(w.id);
    const boxes = people.map((p) => h('label', { class: 'check' },
      h('input', { type: 'checkbox', name: 'present', value: String(p.participant_id), checked: p.attended === true }),
      ` ${p.name} `, h('span', { class: 'muted' }, `(${p.role_label})`)));
    formDialog('attendance-dialog', t('workshop.ui.attendance_title', { title: w.title }), [
      h('p', { class: 'muted' }, t('workshop.ui.attendance_hint')),
      h('div', { class: 'attendance-list' }, boxes),
    ], t('action.save'), act, async (form) => {
      const present = [...form.querySelectorAll('input[name="present"]:checked')].map((b) => Number(/** @type {HTMLInputElement} */ (b).value));
      redraw(await ipc.registerWorkshopAttendance(programmeId, w.id, present));
      toast(t('workshop.ui.attendance_saved', { title: w.title }));
    });
  };
  const calendar = async (w) => {
    const path = await ipc.chooseSavePath(await ipc.workshopCalendarName(w.id), ICS);
    if (!path) return;
    toast(t('workshop.ui.ics_saved', { path: await ipc.saveWorkshopCalendar(w.id, path) }));
  };
  const rows = list.map((w) => h('tr', { dataset: { workshop: String(w.id) } },
    h('td', {}, h('strong', {}, w.title), w.required ? h('span', { class: 'badge' }, t('workshop.ui.required_badge')) : null,
      w.trainer ? h('div', { class: 'muted' }, w.trainer) : null),
    h('td', {}, w.when, w.location ? h('div', { class: 'muted' }, w.location) : null),
    h('td', {}, w.audience_label),
    h('td', { class: 'number' }, w.attended + w.absent ? `${w.attended} / ${w.attended + w.absent}` : '–'),
    h('td', {}, h('div', { class: 'row-actions' },
      archived ? null : h('button', { type: 'button', class: 'button secondary small workshop-attendance', disabled: !w.past, title: w.past ? undefined : t('error.workshop.not_yet'), onclick: () => act(() => attendance(w)) }, t('workshop.ui.attendance')),
      h('button', { type: 'button', class: 'button secondary small', onclick: () => act(() => calendar(w)) }, t('workshop.ui.ics')),
      archived ? null : h('button', { type: 'button', class: 'button secondary small', onclick: () => edit(w) }, t('action.edit')),
      archived ? null : h('button', { type: 'button', class: 'button secondary small', onclick: () => act(async () => {
        if (!await confirmAction(t('workshop.ui.delete_question', { title: w.title }), t('action.delete'))) return;
        redraw(await ipc.deleteWorkshop(programmeId, w.id));
      }) }, t('action.delete'))))));
  return [
    h('div', { class: 'card-head' },
      h('h2', {}, t('report.workshops')),
      archived ? null : h('button', { type: 'button', class: 'button secondary', id: 'add-workshop', onclick: () => edit(null) }, t('workshop.ui.add'))),
    list.length
      ? h('div', { class: 'table-scroll' }, h('table', { class: 'table compact', id: 'workshop-table' },
        h('thead', {}, h('tr', {}, h('th', {}, t('report.workshop')), h('th', {}, t('report.date')), h('th', {}, t('report.audience')),
          h('th', {}, t('report.attendance')), h('th', {}, ''))),
        h('tbody', {}, rows)))
      : h('p', { class: 'muted' }, t('workshop.ui.none')),
  ];
}

/** The end of the programme: evaluation questions and answers, certificates, closing. */
function closingCard(programmeId, evaluation, redraw, act) {
  const answer = async (r) => {
    const answers = await ipc.participantAnswers(programmeId, r.participant_id);
    formDialog('answers-dialog', t('evaluation.ui.answers_title', { name: r.name }), answers.map((a) => (a.kind === 'scale'
      ? field({ name: `q${a.position}`, label: `${a.position}. ${a.question}`, hint: t('checkin.ui.scale'), value: a.score, size: 'narrow' })
      : field({ name: `q${a.position}`, label: `${a.position}. ${a.question}`, value: a.text, multiline: true, rows: 2 }))),
    t('action.save'), act, async (form) => {
      const given = answers.map((a) => (a.kind === 'scale'
        ? { position: a.position, score: valueIn(form, `q${a.position}`), text: '' }
        : { position: a.position, score: '', text: valueIn(form, `q${a.position}`) }));
      redraw(await ipc.saveParticipantAnswers(programmeId, r.participant_id, given));
      toast(t('evaluation.ui.saved', { name: r.name }));
    });
  };
  const questions = evaluation.questions.length
    ? h('ol', { class: 'evaluation-questions', id: 'evaluation-questions' }, evaluation.questions.map((q) => h('li', {},
      q.text, ' ', h('span', { class: 'muted' }, q.result || t('evaluation.ui.answered', { count: q.answered })))))
    : h('div', {},
      h('p', { class: 'muted' }, t('evaluation.ui.no_questions')),
      evaluation.closed ? null : h('button', { type: 'button', class: 'button secondary', id: 'evaluation-standard', onclick: () => act(async () => {
        redraw(await ipc.saveEvaluationQuestions(programmeId, true, []));
      }) }, t('evaluation.ui.use_standard')));
  const answered = evaluation.respondents.filter((r) => r.answered).length;
  const respondents = evaluation.questions.length && !evaluation.closed
    ? h('details', {},
      h('summary', {}, t('evaluation.ui.respondents', { answered, count: evaluation.respondents.length })),
      h('ul', { class: 'respondents' }, evaluation.respondents.map((r) => h('li', {},
        h('button', { type: 'button', class: 'button secondary small', onclick: () => act(() => answer(r)) }, r.answered ? t('action.edit') : t('evaluation.ui.enter')),
        ` ${r.name} `, h('span', { class: 'muted' }, `(${r.role_label})`), r.answered ? ' ✓' : ''))))
    : null;
  const everyone = /** @type {HTMLInputElement} */ (h('input', { type: 'checkbox', id: 'certificates-all' }));
  return [
    h('h2', {}, t('closing.ui.title')),
    h('h3', {}, t('report.evaluation')),
    questions,
    respondents,
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'button secondary', id: 'open-certificates', onclick: () => act(() => openDocument(everyone.checked ? 'certificates_all' : 'certificates', programmeId)) }, t('closing.ui.certificates')),
      // By default only people whose pair met get a certificate; the officer may choose everyone.
      h('label', { class: 'check' }, everyone, t('closing.ui.certificates_all')),
      evaluation.closed ? h('span', { class: 'badge' }, t('closing.ui.closed')) : h('button', { type: 'button', class: 'button secondary danger', id: 'close-programme', onclick: () => act(async () => {
        if (!await confirmAction(t('closing.ui.question'), t('closing.ui.close'))) return;
        const done = await ipc.closeProgramme(programmeId);
        toast(done.message);
        go(`#/programme/${programmeId}/trajectory`);
      }) }, t('closing.ui.close'))),
  ];
}

/** A goal's percentage as a bar (its width set through the CSSOM, which the CSP allows). @param {any} g */
function progressBar(g) {
  const fill = h('span');
  fill.style.width = `${g.percent}%`;
  return h('div', { class: 'progress-bar', role: 'progressbar', aria: { valuenow: String(g.percent), valuemin: '0', valuemax: '100', label: g.what } }, fill);
}

/** A select of codes with their catalogue labels. */
function choice(name, codes, prefix, selected) {
  return h('select', { name },
    codes.map((code) => h('option', { value: code, selected: code === selected }, t(`${prefix}.${code}`))));
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

  const valueOf = valueIn;

  /** Logs a meeting, or changes one. @param {any|null} m */
  function meetingDialog(m) {
    const held = /** @type {HTMLInputElement} */ (h('input', { type: 'checkbox', name: 'held', checked: m ? m.held : true }));
    dialogForm('meeting-dialog', m ? t('meeting.ui.edit_title') : t('meeting.ui.add_title', { mentee: pair.mentee, mentor: pair.mentor }), [
      h('div', { class: 'form-grid' },
        field({ name: 'date', label: t('field.date'), value: m ? m.date : pair.today, hint: t('form.date_hint'), size: 'narrow' }),
        field({ name: 'minutes', label: t('meeting.ui.minutes'), value: m ? String(m.minutes) : '60', size: 'narrow' })),
      h('label', { class: 'check' }, held, ` ${t('meeting.ui.held')}`),
      field({ name: 'topics', label: t('field.topics'), value: m?.topics ?? '' }),
      field({ name: 'notes', label: t('field.notes'), value: m?.notes ?? '', multiline: true, rows: 3, hint: t('trajectory.ui.personal_data_hint') }),
      field({ name: 'next_steps', label: t('field.next_steps'), value: m?.next_steps ?? '', multiline: true, rows: 2 }),
    ], t('action.save'), (form) => ipc.saveMeeting(matchId, m ? m.id : null, {
      date: valueOf(form, 'date'), minutes: valueOf(form, 'minutes'), held: held.checked,
      topics: valueOf(form, 'topics'), notes: valueOf(form, 'notes'), next_steps: valueOf(form, 'next_steps'),
    }).then((next) => { toast(t(m ? 'meeting.ui.changed' : 'meeting.ui.added')); return next; }));
  }

  /** Records where a goal stands. @param {any} g */
  function progressDialog(g) {
    dialogForm('progress-dialog', t('goal.ui.update_title', { n: g.position }), [
      h('p', { class: 'muted' }, g.what),
      h('div', { class: 'form-grid' },
        field({ name: 'state', label: t('field.state'), control: choice('state', STATES, 'goal.state', g.state === 'not_started' ? 'in_progress' : g.state) }),
        field({ name: 'percent', label: t('field.percent'), value: String(g.percent), size: 'narrow' }),
        field({ name: 'date', label: t('field.date'), value: pair.today, size: 'narrow' })),
      field({ name: 'note', label: t('field.note'), multiline: true, rows: 2, hint: t('trajectory.ui.personal_data_hint') }),
    ], t('action.save'), (form) => ipc.recordGoalProgress(matchId, {
      position: g.position, date: valueOf(form, 'date'), state: valueOf(form, 'state'),
      percent: valueOf(form, 'percent'), note: valueOf(form, 'note'),
    }).then((next) => { toast(t('goal.ui.updated', { n: g.position })); return next; }));
  }

  /** Records a check-in of one or both. */
  function checkinDialog() {
    const side = (who, name) => {
      const include = /** @type {HTMLInputElement} */ (h('input', { type: 'checkbox', name: `${who}_include`, checked: true }));
      return h('fieldset', { class: 'checkin-side' },
        h('legend', {}, h('label', { class: 'check' }, include, ` ${t(`field.${who}`)} — ${name}`)),
        h('div', { class: 'form-grid' },
          field({ name: `${who}_satisfaction`, label: t('checkin.form.satisfaction'), hint: t('checkin.ui.scale'), size: 'narrow' }),
          field({ name: `${who}_fit`, label: t('checkin.form.fit'), control: choice(`${who}_fit`, FITS, 'checkin.fit', 'good') })),
        field({ name: `${who}_comment`, label: t('report.comment'), multiline: true, rows: 2 }));
    };
    dialogForm('checkin-dialog', t('checkin.ui.title'), [
      h('div', { class: 'form-grid' },
        field({ name: 'moment', label: t('field.moment'), control: choice('moment', MOMENTS, 'checkin.moment', 'after_meetings') }),
        field({ name: 'date', label: t('field.date'), value: pair.today, size: 'narrow' })),
      side('mentee', pair.mentee), side('mentor', pair.mentor),
    ], t('action.save'), (form) => {
      const answer = (who) => (/** @type {HTMLInputElement} */ (form.elements.namedItem(`${who}_include`)).checked
        ? { satisfaction: valueOf(form, `${who}_satisfaction`), fit: valueOf(form, `${who}_fit`), comment: valueOf(form, `${who}_comment`) }
        : null);
      return ipc.recordCheckin(matchId, { moment: valueOf(form, 'moment'), date: valueOf(form, 'date'), mentor: answer('mentor'), mentee: answer('mentee') })
        .then((next) => { toast(t('checkin.ui.recorded')); return next; });
    });
  }

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
