// The workshops of a programme: plan, change, register attendance, and
// their calendar files.

import * as ipc from '../../ipc.js';
import { t } from '../../i18n.js';
import { h, toast, field, confirmAction } from '../../dom.js';
import { ICS, fileName } from '../documents.js';
import { formDialog, valueIn, choice } from '../form-dialog.js';

const AUDIENCES = ['mentees', 'mentors', 'all'];

/** The workshops of a programme: plan, change, register attendance, calendar file. */
export function workshopsCard(programmeId, list, redraw, act, archived) {
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
    toast(t('workshop.ui.ics_saved', { path: fileName(await ipc.saveWorkshopCalendar(w.id, path)) }));
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
