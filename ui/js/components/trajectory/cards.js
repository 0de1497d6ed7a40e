// Two cards of the Trajectory tab: the programme report (anonymous or
// named, opened or saved) and the thresholds of the attention list.

import * as ipc from '../../ipc.js';
import { t } from '../../i18n.js';
import { h, toast, field, showFormErrors, commandError } from '../../dom.js';
import { openDocument, saveDocument } from '../documents.js';

/** Prints the programme report: anonymous or named, opened or saved. @param {number} programmeId @param {any} dashboard */
export function reportCard(programmeId, dashboard, act) {
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
export function settingsCard(programmeId, dashboard, redraw, act) {
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
