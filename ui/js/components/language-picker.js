// The interface language choice, on the welcome screen and in Settings.

import * as ipc from '../ipc.js';
import { t } from '../i18n.js';
import { h, toastError } from '../dom.js';
import { applyStatus } from '../state.js';

/**
 * The interface language choice: follow the computer, or a fixed language.
 * @param {any} status
 * @param {string} id
 */
export function languagePicker(status, id, labelKey = 'welcome.language') {
  const system = status.languages.find((l) => l.code === status.system_language);
  const select = h('select', {
    id, name: 'ui_language',
    onchange: async (event) => {
      const code = /** @type {HTMLSelectElement} */ (event.target).value;
      try {
        await applyStatus(await ipc.setUiLanguage(code === '' ? null : code));
        document.getElementById(id)?.focus();
      } catch (error) { toastError(error); }
    },
  },
  h('option', { value: '', selected: !status.ui_language }, t('settings.language_system', { language: system?.name ?? '' })),
  status.languages.map((l) => h('option', { value: l.code, selected: status.ui_language === l.code, lang: l.code }, l.name)));
  return h('div', { class: 'language-picker' }, h('label', { for: id }, t(labelKey)), select);
}
