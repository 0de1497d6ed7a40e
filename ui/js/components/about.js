// Settings → About: Klik's version, where its data lives, and the libraries
// and font it is made with, each with its licence (read only when opened:
// the list is long and most visits never open it).

import * as ipc from '../ipc.js';
import { t } from '../i18n.js';
import { h, toastError } from '../dom.js';
import { folderDetails } from './folder.js';

/** The folder a file is in, whichever separator the system writes. */
function folderOf(file) {
  const cut = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return cut > 0 ? file.slice(0, cut) : file;
}

/** The About card for the status the window has. */
export function aboutCard(status) {
  const licences = h('pre', { class: 'licences', id: 'third-party-licences-text', tabindex: '0' });
  const details = /** @type {HTMLDetailsElement} */ (h('details', { id: 'third-party-licences' },
    h('summary', {}, t('settings.about_licences')),
    h('p', { class: 'hint' }, t('settings.about_licences_hint')),
    licences));
  details.addEventListener('toggle', async () => {
    if (!details.open || licences.textContent) return;
    try {
      licences.textContent = await ipc.thirdPartyLicences();
    } catch (error) { toastError(error); }
  });
  return h('section', { class: 'card', id: 'about' },
    h('h2', {}, t('settings.about')),
    h('p', { id: 'about-version' }, t('settings.version', { version: status.version })),
    h('p', {}, t('settings.about_folder')),
    folderDetails('about-data-folder', folderOf(status.real_database), 'data'),
    h('p', {}, t('settings.about_made')),
    details);
}
