// Shown when the database cannot be opened: what is wrong, which file, and a
// way to try again. Nothing is changed on disk from here.

import { t } from '../i18n.js';
import { h } from '../dom.js';
import { refreshStatus, render } from '../main.js';

/** @param {any} status */
export function unavailableView(status) {
  return h('main', { id: 'main', class: 'welcome', tabindex: '-1' },
    h('div', { class: 'welcome-card' },
      h('h1', {}, t('error.database_unavailable')),
      h('div', { class: 'error-summary', role: 'alert', id: 'database-error' },
        h('p', {}, status.error?.message ?? '')),
      h('p', {}, t('settings.data_file')),
      h('p', {}, h('code', { id: 'database-path' }, status.real_database)),
      h('button', {
        class: 'button primary', type: 'button', id: 'retry-open',
        onclick: async () => { await refreshStatus(true); await render(); },
      }, t('action.retry'))));
}
