// Where Klik keeps something, without putting a path in running text: the
// place under "Details", with a button that opens the folder in the
// system's file manager. The window names the folder by what it is for;
// the shell decides which path that is.

import * as ipc from '../ipc.js';
import { t } from '../i18n.js';
import { h, banner, toastError } from '../dom.js';

/**
 * @param {string} id the id of the element that holds the path
 * @param {string} path the path to show
 * @param {'data'|'backups'|'documents'} which the folder to open
 * @param {...any} more what else belongs with the place (choosing another one)
 */
export function folderDetails(id, path, which, ...more) {
  return h('details', { class: 'folder-details', id: `${id}-details` },
    h('summary', {}, t('settings.details')),
    h('p', {}, h('code', { id }, path)),
    h('button', {
      type: 'button', class: 'button small secondary', id: `${id}-open`,
      onclick: async () => {
        try {
          if (!(await ipc.openFolder(which))) banner(t('settings.folder_not_opened'));
        } catch (error) { toastError(error); }
      },
    }, t('settings.open_folder')),
    ...more);
}
