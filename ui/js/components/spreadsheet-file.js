// Saving a spreadsheet (Excel or CSV) where the user chooses, as exports and
// the import template do.

import * as ipc from '../ipc.js';
import { counted } from '../i18n.js';
import { toast, clearBanner } from '../dom.js';
import { fileName } from './documents.js';

/** Saves a file chosen in the system's save dialog; reports the result. */
export async function saveWith(defaultName, write) {
  clearBanner();
  const path = await ipc.chooseSavePath(defaultName, [
    { name: 'Excel', extensions: ['xlsx'] },
    { name: 'CSV', extensions: ['csv'] },
  ]);
  if (!path) return;
  const written = await write(path);
  toast(counted('participants.saved_file', written.rows, { path: fileName(written.path) }));
}
