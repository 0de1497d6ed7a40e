// Shown when the database cannot be opened: what is wrong, which file, a
// way to try again, when there is a good automatic backup a way to put it
// back, and a way to start a new, empty file (either way the refused file
// is kept aside whole, never removed).

import * as ipc from '../ipc.js';
import { t } from '../i18n.js';
import { h, toast, toastError, confirmAction } from '../dom.js';
import { fileName } from '../components/documents.js';
import { redraw } from '../nav.js';
import { refreshStatus } from '../state.js';

/** @param {any} status */
export async function unavailableView(status) {
  const backups = await ipc.backupStatus().catch(() => null);
  const damaged = ['database_damaged', 'not_a_klik_database'].includes(status.error?.code);
  const recover = async () => {
    try {
      const done = await ipc.recoverFromBackup();
      await refreshStatus(true);
      await redraw();
      toast(t('backup.ui.recovered', { date: done.date, kept: done.kept }));
    } catch (error) {
      toastError(error);
    }
  };
  // A new, empty file; the refused one is set aside whole, never removed.
  const startNew = async () => {
    if (!(await confirmAction(t('database.ui.start_new_question'), t('database.ui.start_new')))) return;
    try {
      const kept = await ipc.startNewDatabase();
      await refreshStatus(true);
      await redraw();
      toast(t('database.ui.started_new', { file: fileName(kept) }));
    } catch (error) {
      toastError(error);
    }
  };
  return h('main', { id: 'main', class: 'welcome', tabindex: '-1' },
    h('div', { class: 'welcome-card' },
      h('h1', {}, t('error.database_unavailable')),
      h('div', { class: 'error-summary', role: 'alert', id: 'database-error' },
        h('p', {}, status.error?.message ?? '')),
      h('p', {}, t('settings.data_file')),
      h('p', {}, h('code', { id: 'database-path' }, status.real_database)),
      damaged && backups?.last
        ? h('div', {},
          h('p', { class: 'hint' }, t('backup.ui.recover_hint')),
          h('button', { class: 'button primary', type: 'button', id: 'recover-backup', onclick: recover },
            t('backup.ui.recover', { date: backups.last })))
        : null,
      h('div', { class: 'head-actions' },
        damaged
          ? h('button', { class: backups?.last ? 'button secondary' : 'button primary', type: 'button', id: 'start-new-database', onclick: startNew },
            t('database.ui.start_new'))
          : null,
        h('button', {
          class: 'button secondary', type: 'button', id: 'retry-open',
          onclick: async () => { await refreshStatus(true); await redraw(); },
        }, t('action.retry')))));
}
