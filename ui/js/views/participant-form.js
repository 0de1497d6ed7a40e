// Add a person to a programme or edit one: the same fields as the import
// columns, checked by the core, every problem shown at once.

import * as ipc from '../ipc.js';
import { t } from '../i18n.js';
import { h, field, showFormErrors, commandError, toast, toastError, confirmAction } from '../dom.js';
import { go } from '../nav.js';
import { fileName } from '../components/documents.js';
import { availabilityField } from '../components/availability-grid.js';
import { peoplePicker } from '../components/people-picker.js';

/**
 * @param {number} programmeId
 * @param {number|null} id
 */
export async function participantFormView(programmeId, id) {
  const programme = await ipc.getProgramme(programmeId);
  const existing = id === null ? null : await ipc.getParticipant(id);
  const known = (await ipc.participantPage(programmeId, { limit: 1 })).topics;
  const v = existing ? existing.form : { role: 'mentee', status: 'applied' };
  const value = (key) => v[key] ?? '';

  const role = h('select', { name: 'role' },
    ['mentee', 'mentor'].map((r) => h('option', { value: r, selected: value('role') === r }, t(`role.${r}`))));
  const status = h('select', { name: 'status' },
    ['applied', 'accepted', 'withdrawn'].map((s) => h('option', { value: s, selected: value('status') === s }, t(`status.${s}`))));
  const text = (name, extra = {}) => field({ name, label: t(`field.${name}`), value: value(name), ...extra });

  const form = /** @type {HTMLFormElement} */ (h('form', { id: 'participant-form', class: 'form', novalidate: true },
    h('fieldset', {},
      h('legend', {}, t('participant.person')),
      // A person's details are theirs in every programme: say where else they show.
      existing && existing.other_programmes.length
        ? h('p', { class: 'notice', id: 'participant-shared' },
          t('participant.shared', { programmes: existing.other_programmes.join(', ') }))
        : null,
      h('div', { class: 'field-row' }, text('first_name', { required: true }), text('last_name', { required: true })),
      h('div', { class: 'field-row' }, text('email', { required: true, hint: t('participant.email_hint') }), text('phone')),
      h('div', { class: 'field-row' }, text('department'), text('job_title')),
      h('div', { class: 'field-row' }, text('manager_email', { hint: t('participant.manager_hint') }), text('location')),
      h('div', { class: 'field-row' },
        text('languages', { hint: t('participant.languages_hint') }),
        text('years_of_experience', { inputmode: 'numeric', size: 'narrow' }))),
    h('fieldset', {},
      h('legend', {}, t('participant.in_programme', { name: programme.name })),
      h('div', { class: 'field-row' },
        field({ name: 'role', label: t('field.role'), control: role, size: 'narrow' }),
        field({ name: 'status', label: t('field.status'), control: status, size: 'narrow' }),
        text('capacity', { inputmode: 'numeric', size: 'narrow', hint: t('participant.capacity_hint', { count: programme.default_capacity }) })),
      text('topics', { hint: t('participant.topics_hint') }),
      known.length ? h('div', { class: 'chips', id: 'topic-chips' },
        h('span', { class: 'hint' }, t('participant.known_topics')),
        known.map((topic) => h('button', {
          type: 'button', class: 'chip',
          onclick: () => {
            const input = /** @type {HTMLInputElement} */ (form.elements.namedItem('topics'));
            const current = input.value.split(/[,|;]/).map((x) => x.trim()).filter(Boolean);
            if (!current.some((x) => x.toLowerCase() === topic.toLowerCase())) current.push(topic);
            input.value = current.join(', ');
            input.focus();
          },
        }, `+ ${topic}`))) : null,
      text('learning_goal', { multiline: true, hint: t('participant.goal_hint') }),
      await availabilityField(value('availability')),
      await peoplePicker({
        name: 'preferred_mentors', label: t('field.preferred_mentors'), hint: t('participant.preferred_hint'),
        value: value('preferred_mentors'), programmeId, role: 'mentor', self: value('email'),
      }),
      await peoplePicker({
        name: 'avoid', label: t('field.avoid'), hint: t('participant.avoid_hint'),
        value: value('avoid'), programmeId, self: value('email'),
      }),
      text('notes', { multiline: true, hint: t('participant.notes_hint') })),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'button primary', id: 'save-participant' }, t('action.save')),
      h('a', { class: 'button secondary', href: `#/programme/${programmeId}/participants` }, t('action.cancel')))));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const values = Object.fromEntries(
      ['role', 'first_name', 'last_name', 'email', 'phone', 'department', 'job_title', 'manager_email', 'location',
        'languages', 'years_of_experience', 'topics', 'capacity', 'learning_goal', 'availability', 'status', 'notes',
        'avoid', 'preferred_mentors']
        .map((name) => [name, /** @type {HTMLInputElement} */ (form.elements.namedItem(name)).value]));
    try {
      const saved = await ipc.saveParticipant(programmeId, existing ? existing.id : null, values);
      toast(t('shell.saved'));
      go(`#/programme/${programmeId}/participants`);
      return saved;
    } catch (error) {
      showFormErrors(form, commandError(error));
    }
  });

  const history = existing ? historyCard(await ipc.participantHistory(existing.id), programmeId) : null;
  return h('section', { class: 'page' },
    h('p', { class: 'breadcrumb' }, h('a', { href: `#/programme/${programmeId}/participants` }, `← ${programme.name}`)),
    h('h1', {}, existing ? existing.name : t('participants.add')),
    history,
    form,
    existing ? privacyCard(existing, programmeId) : null);
}

/**
 * The person's rights: everything about them to a file, or erasure (asked first).
 * @param {any} existing
 * @param {number} programmeId
 */
function privacyCard(existing, programmeId) {
  const fail = toastError;
  const exportAll = async (pdf) => {
    const filter = pdf ? { name: 'PDF', extensions: ['pdf'] } : { name: 'JSON', extensions: ['json'] };
    const path = await ipc.chooseSavePath(await ipc.personExportName(existing.id, pdf), [filter]);
    if (!path) return;
    toast(t('privacy.ui.exported', { path: fileName(await ipc.exportPerson(existing.id, path)) }));
  };
  const erase = async () => {
    if (!await confirmAction(t('privacy.ui.erase_question', { name: existing.name }), t('privacy.ui.erase'))) return;
    const still = await ipc.erasePerson(existing.id);
    toast([t('privacy.ui.erased', { name: existing.name }), ...still].join(' '));
    go(`#/programme/${programmeId}/participants`);
  };
  return h('section', { class: 'card', id: 'participant-privacy' },
    h('h2', {}, t('privacy.ui.title')),
    h('p', { class: 'muted' }, t('privacy.ui.intro')),
    h('div', { class: 'row-actions' },
      h('button', { type: 'button', class: 'button secondary', id: 'export-person', onclick: () => exportAll(false).catch(fail) }, t('privacy.ui.export')),
      h('button', { type: 'button', class: 'button secondary', id: 'export-person-pdf', onclick: () => exportAll(true).catch(fail) }, t('privacy.ui.export_pdf')),
      h('button', { type: 'button', class: 'button secondary danger', id: 'erase-person', onclick: () => erase().catch(fail) }, t('privacy.ui.erase'))));
}

/**
 * The person's matches and intake talks, with every decision and its
 * reason, so that the history stays visible where the person is edited.
 * @param {any[]} matches
 * @param {number} programmeId
 */
function historyCard(matches, programmeId) {
  if (!matches.length) return null;
  return h('section', { class: 'card', id: 'participant-history', aria: { labelledby: 'participant-history-title' } },
    h('h2', { id: 'participant-history-title' }, t('participant.history_title')),
    h('ul', { class: 'history-list' }, matches.map((m) => h('li', { dataset: { match: String(m.match_id) } },
      h('p', {},
        h('strong', {}, `${m.other_role}: ${m.other}`),
        ` · ${t('matching.score')} ${m.score} · ${m.status_label} · ${t('participant.confirmed_on', { date: m.confirmed_on })}`,
        m.open && m.programme_id === programmeId
          ? [' · ', h('a', { href: `#/programme/${programmeId}/agreement/${m.match_id}` }, t('agreement.ui.open'))]
          : null),
      m.dissolve_reason ? h('p', { class: 'dissolved-note' }, m.dissolve_reason) : null,
      m.intakes.length ? h('ol', { class: 'history-intakes' }, m.intakes.map((i) => h('li', {},
        `${t('field.intake')} ${i.when} · ${i.state_label}${i.reason ? ` · ${i.reason}` : ''}`))) : null))));
}
