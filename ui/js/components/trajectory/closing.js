// The end of a programme: the evaluation's questions and answers,
// certificates, and closing the programme for good.

import * as ipc from '../../ipc.js';
import { t } from '../../i18n.js';
import { h, toast, field, confirmAction } from '../../dom.js';
import { go } from '../../nav.js';
import { openDocument } from '../documents.js';
import { formDialog, valueIn } from '../form-dialog.js';

/** The end of the programme: evaluation questions and answers, certificates, closing. */
export function closingCard(programmeId, evaluation, redraw, act) {
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
        // The confirmation names what closing does to this programme, counted.
        const question = [...evaluation.consequences, t('closing.ui.question_short')].join(' ');
        if (!await confirmAction(question, t('closing.ui.close'))) return;
        const done = await ipc.closeProgramme(programmeId);
        toast(done.message);
        go(`#/programme/${programmeId}/trajectory`);
      }) }, t('closing.ui.close'))),
  ];
}
