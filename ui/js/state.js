// The app's status as the shell last reported it (welcome, ready or
// unavailable; language, organisation, demo, database), shared by main.js
// and the views that read it. Installing a new status redraws through nav.js.

import * as ipc from './ipc.js';
import { install } from './i18n.js';
import { redraw } from './nav.js';

/** @type {any} */
let status = null;

/** The app's status as last reported by the shell. */
export const appState = () => status;

const osLocale = () => (navigator.languages && navigator.languages[0]) || navigator.language || 'nl-BE';

/**
 * Asks the shell for its status and applies the language it says.
 * @param {boolean} [retry]
 */
export async function refreshStatus(retry = false) {
  status = await ipc.appStatus(osLocale(), retry);
  install(status.language, await ipc.catalogue(status.language));
  return status;
}

/** Applies a status returned by a command (language change, demo switch) and redraws. */
export async function applyStatus(next) {
  status = next;
  // Messages shown in the previous language or workspace no longer apply.
  document.getElementById('toasts')?.replaceChildren();
  install(status.language, await ipc.catalogue(status.language));
  await redraw();
}
