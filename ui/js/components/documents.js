// Printed documents and calendar files: a PDF saved where the user chooses
// or opened in the system's viewer, with what was written said in a message.

import * as ipc from '../ipc.js';
import { t, counted } from '../i18n.js';
import { toast } from '../dom.js';

/** The file type offered in the save dialog when printing. */
export const PDF = [{ name: 'PDF', extensions: ['pdf'] }];

/** The file type offered when saving calendar files. */
export const ICS = [{ name: 'iCalendar', extensions: ['ics'] }];

/**
 * A file's name without its folder: messages name the file the officer
 * chose or sees open, not the folders Klik keeps it in. Only when no
 * viewer opens is the whole path said, so that the file can be found.
 * @param {string} path
 */
export const fileName = (path) => path.split(/[\\/]/).pop() ?? path;

/**
 * Says where a printed PDF went and how many pages it has, and shows each
 * warning (such as characters the font lacks) as its own message, because
 * each asks for a different fix.
 * @param {{path: string, pages: number, agreements?: number, warnings: string[], opened?: boolean}} printed
 * @param {(printed: any, pages: string) => string} message what to say once written
 */
function reportPrinted(printed, message) {
  toast(message(printed, counted('agreement.ui.pages', printed.pages)));
  for (const warning of printed.warnings ?? []) toast(warning);
}

/**
 * Prints a document to a PDF file chosen in the system's save dialog.
 * Rejects with the command's error; resolves to false when the dialog was cancelled.
 * @param {ipc.DocumentKind} kind
 * @param {number} id
 * @param {(printed: any, pages: string) => string} [message] what to say once written
 */
export async function saveDocument(kind, id, message) {
  const path = await ipc.chooseSavePath(await ipc.documentFileName(kind, id), PDF);
  if (!path) return false;
  reportPrinted(await ipc.printDocument(kind, id, path),
    message ?? ((printed, pages) => t('agreement.ui.printed', { path: fileName(printed.path), pages })));
  return true;
}

/**
 * Prints a document into Klik's documents folder and opens it in the
 * system's PDF viewer. When no viewer starts, the message says where the
 * file is, so that it can be opened by hand.
 * @param {ipc.DocumentKind} kind
 * @param {number} id
 */
export async function openDocument(kind, id) {
  reportPrinted(await ipc.openDocument(kind, id), (printed, pages) => (printed.opened
    ? t('agreement.ui.opened', { path: fileName(printed.path), pages })
    : t('agreement.ui.not_opened', { path: printed.path, pages })));
}

/**
 * Prints every agreement of a programme into one PDF file the user chooses.
 * @param {number} programmeId
 */
export function printProgrammeAgreements(programmeId) {
  return saveDocument('agreements', programmeId, (printed, pages) => t('agreement.ui.printed_all', {
    agreements: counted('agreement.ui.agreements', printed.count), path: fileName(printed.path), pages,
  }));
}

/**
 * Prints every agreement of a programme into one PDF and opens it.
 * @param {number} programmeId
 */
export function openProgrammeAgreements(programmeId) {
  return openDocument('agreements', programmeId);
}
