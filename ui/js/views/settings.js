// Settings: the organisation (name and logo), the interface language, and
// which database file is in use.

import * as ipc from '../ipc.js';
import { t, counted } from '../i18n.js';
import { h, field, toast, toastError, banner, showFormErrors, clearFormErrors, commandError, confirmAction, oneAtATime } from '../dom.js';
import { go, redraw } from '../nav.js';
import { applyStatus, appState, refreshStatus } from '../state.js';
import { folderDetails } from '../components/folder.js';
import { languagePicker } from '../components/language-picker.js';
import { aboutCard } from '../components/about.js';

const KLIK_FILES = [{ name: 'Klik', extensions: ['sqlite'] }];

/** The retention setting: anonymise the people of programmes closed long ago. */
function retentionForm(backups) {
  const form = /** @type {HTMLFormElement} */ (h('form', { class: 'form', id: 'retention-form', novalidate: true },
    field({ name: 'retention_months', label: t('privacy.ui.retention'), hint: t('privacy.ui.retention_hint'), value: backups.retention_months ? String(backups.retention_months) : '', size: 'narrow' }),
    h('button', { type: 'submit', class: 'button secondary', id: 'save-retention' }, t('action.save'))));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const typed = /** @type {HTMLInputElement} */ (form.elements.namedItem('retention_months')).value.trim();
    if (typed && !/^\d{1,4}$/.test(typed)) {
      showFormErrors(form, { code: 'invalid_input', message: t('error.whole_number'), fields: [{ field: 'retention_months', label: t('privacy.ui.retention'), message: t('error.whole_number') }] });
      return;
    }
    try {
      const next = await ipc.setRetention(typed ? Number(typed) : null);
      clearFormErrors(form);
      toast(t('privacy.ui.retention_saved', { count: next.retention_erased }));
    } catch (error) { showFormErrors(form, commandError(error)); }
  });
  return h('div', {},
    form,
    backups.retention_erased ? h('p', { class: 'notice', id: 'retention-done' }, counted('privacy.ui.retention_done', backups.retention_erased)) : null);
}

/** The backups card: where they are, the last one, and backing up or restoring by hand. */
async function backupsCard() {
  const backups = await ipc.backupStatus();
  const fail = toastError;
  const backUp = async () => {
    const today = new Date().toISOString().slice(0, 10);
    const path = await ipc.chooseSavePath(`klik-${today}.sqlite`, KLIK_FILES);
    if (!path) return;
    const written = await ipc.backUpTo(path);
    toast(t('backup.ui.written', {
      path: written.path, programmes: counted('programmes.count', written.programmes), people: counted('people.count', written.people),
    }));
  };
  const restore = async () => {
    const path = await ipc.chooseOpenPath(KLIK_FILES);
    if (!path) return;
    const found = await ipc.inspectBackup(path);
    const question = t('backup.ui.restore_question', {
      path: found.path, programmes: counted('programmes.count', found.programmes), people: counted('people.count', found.people),
    });
    if (!await confirmAction(question, t('backup.ui.restore'))) return;
    const done = await ipc.restoreBackup(path);
    toast(t('backup.ui.restored', { previous: done.previous }));
    await refreshStatus();
    await redraw();
  };
  return h('section', { class: 'card', id: 'backups-card' },
    h('h2', {}, t('backup.ui.title')),
    backups.in_demo ? h('p', { class: 'notice' }, t('backup.ui.demo')) : null,
    h('p', {}, t('backup.ui.automatic')),
    backups.folder ? folderDetails('backup-folder', backups.folder, 'backups') : null,
    h('p', { id: 'backup-last' }, backups.last ? t('backup.ui.last', { date: backups.last }) : t('backup.ui.none')),
    backups.problem ? h('p', { class: 'notice', role: 'alert' }, backups.problem) : null,
    backups.copies.length
      ? h('div', { id: 'backup-copies' },
        h('p', {}, t('backup.ui.copies')),
        h('ul', {}, backups.copies.map((c) => h('li', {}, `${c.made} · ${c.kind} · `, h('code', {}, c.file)))))
      : null,
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'button secondary', id: 'back-up-to', onclick: () => backUp().catch(fail) }, t('backup.ui.back_up')),
      h('button', { type: 'button', class: 'button secondary', id: 'restore-from', onclick: () => restore().catch(fail) }, t('backup.ui.restore_from'))),
    retentionForm(backups));
}

/**
 * "Choose another data folder…": the folder is checked and the move
 * described before anything happens; after it, the page shows the new place.
 */
function moveDataButton() {
  // One move at a time: a second click while the data is being copied is ignored.
  const act = oneAtATime(() => document.getElementById('data-card') ?? document.body);
  const move = async () => {
    const chosen = await ipc.chooseFolder();
    if (!chosen) return;
    const target = await ipc.dataDestination(chosen);
    const question = t('settings.move_question', {
      path: target.folder,
      programmes: counted('programmes.count', target.programmes),
      people: counted('people.count', target.people),
    });
    if (!await confirmAction(question, t('settings.move_confirm'))) return;
    const moved = await ipc.moveData(chosen);
    await refreshStatus();
    await redraw();
    // The page is drawn anew: the officer is brought back to the new place.
    const details = /** @type {HTMLDetailsElement|null} */ (document.getElementById('real-database-path-details'));
    if (details) details.open = true;
    document.getElementById('move-data')?.focus();
    toast(t('settings.moved'));
    if (moved.left_behind) banner(counted('settings.moved_left_behind', moved.left_behind, { path: moved.from }));
  };
  return h('div', { class: 'move-data' },
    h('p', { class: 'hint', id: 'move-data-hint' }, t('settings.move_hint')),
    h('button', {
      type: 'button', class: 'button small secondary', id: 'move-data', aria: { describedby: 'move-data-hint' },
      onclick: () => act(move),
    }, t('settings.move')));
}

export async function settingsView() {
  const status = appState();
  const settings = await ipc.getSettings();

  const nameForm = /** @type {HTMLFormElement} */ (h('form', { class: 'form inline-form', id: 'organisation-form', novalidate: true },
    field({ name: 'organisation_name', label: t('field.organisation_name'), hint: t('settings.organisation_hint'), value: settings.organisation_name }),
    h('button', { type: 'submit', class: 'button primary', id: 'save-organisation' }, t('action.save'))));
  nameForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await ipc.setOrganisationName(/** @type {HTMLInputElement} */ (nameForm.elements.namedItem('organisation_name')).value);
      clearFormErrors(nameForm);
      toast(t('shell.saved'));
      await refreshStatus();
      await redraw();
    } catch (error) { showFormErrors(nameForm, commandError(error)); }
  });

  // The coordinator signs agreements and certificates and sends the intake
  // invitations; one form for both fields, saved together.
  const coordinatorForm = /** @type {HTMLFormElement} */ (h('form', { class: 'form', id: 'coordinator-form', novalidate: true },
    h('p', { class: 'hint' }, t('settings.coordinator_hint')),
    h('div', { class: 'field-row' },
      field({ name: 'coordinator_name', label: t('field.coordinator_name'), value: settings.coordinator_name }),
      field({ name: 'coordinator_email', label: t('field.coordinator_email'), value: settings.coordinator_email })),
    h('button', { type: 'submit', class: 'button secondary', id: 'save-coordinator' }, t('action.save'))));
  coordinatorForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = (name) => /** @type {HTMLInputElement} */ (coordinatorForm.elements.namedItem(name)).value;
    try {
      await ipc.setCoordinator(value('coordinator_name'), value('coordinator_email'));
      clearFormErrors(coordinatorForm);
      toast(t('shell.saved'));
    } catch (error) { showFormErrors(coordinatorForm, commandError(error)); }
  });

  const logoInput = /** @type {HTMLInputElement} */ (h('input', { type: 'file', id: 'field-logo', name: 'logo', accept: 'image/png,image/jpeg', class: 'file-input' }));
  const logoForm = /** @type {HTMLFormElement} */ (h('form', { class: 'form', id: 'logo-form', novalidate: true },
    h('div', { class: 'field' },
      h('label', { for: 'field-logo' }, t('field.logo')),
      h('p', { class: 'hint', id: 'logo-hint' }, t('settings.logo_hint')),
      settings.logo
        ? h('img', { src: settings.logo, alt: t('settings.logo_alt', { name: settings.organisation_name }), class: 'logo-preview', id: 'logo-preview' })
        : h('p', { class: 'muted' }, t('settings.logo_none')),
      // The native file button would speak the system's language; this label speaks ours.
      logoInput,
      h('label', { for: 'field-logo', class: 'button secondary file-button' }, t('action.choose_file'))),
    settings.logo ? h('button', {
      type: 'button', class: 'button secondary', id: 'remove-logo',
      onclick: async () => { try { await ipc.setLogo(new Uint8Array()); go('#/settings'); } catch (error) { showFormErrors(logoForm, commandError(error)); } },
    }, t('action.remove')) : null));
  logoInput.setAttribute('aria-describedby', 'logo-hint');
  logoInput.dataset.hint = 'logo-hint';
  logoInput.addEventListener('change', async () => {
    const file = logoInput.files?.[0];
    if (!file) return;
    try {
      await ipc.setLogo(new Uint8Array(await file.arrayBuffer()));
      toast(t('shell.saved'));
      go('#/settings');
    } catch (error) { showFormErrors(logoForm, commandError(error)); }
  });

  return h('section', { class: 'page' },
    h('h1', {}, t('settings.title')),
    h('section', { class: 'card' }, h('h2', {}, t('settings.organisation')), nameForm, coordinatorForm, logoForm),
    h('section', { class: 'card' }, h('h2', {}, t('settings.language')), languagePicker(status, 'settings-language', 'field.ui_language')),
    h('section', { class: 'card', id: 'data-card' },
      h('h2', {}, t('settings.data')),
      h('p', {}, t('settings.data_hint')),
      status.demo ? h('p', {}, t('settings.demo_file')) : null,
      folderDetails('real-database-path', status.real_database, 'data', status.demo ? null : moveDataButton()),
      status.demo ? null : h('button', {
        class: 'button secondary', type: 'button', id: 'open-demo',
        onclick: async () => { await applyStatus(await ipc.switchWorkspace(true)); go('#/programmes'); },
      }, t('demo.reopen'))),
    await backupsCard(),
    aboutCard(status));
}
