// What a programme shows and what can be done to it from more than one page:
// its cadence and phase in words, archiving (with Undo) and duplicating.

import * as ipc from '../ipc.js';
import { t } from '../i18n.js';
import { toast, confirmAction } from '../dom.js';
import { go, redraw } from '../nav.js';

/** "Every 4 weeks" / "Every week". @param {number} weeks */
export const cadenceText = (weeks) => (weeks === 1 ? t('programme.cadence_value_one') : t('programme.cadence_value', { weeks }));

/** The phase a programme is in today, in words. @param {any} p */
export function phaseText(p) {
  if (p.closed) return t('programme.closed_badge');
  if (p.archived) return t('programme.archived_badge');
  if (p.phase_now) return t(`phase.${p.phase_now}`);
  return p.status === 'upcoming' ? t('phase.none_before') : t('phase.none_after');
}

/** Archives a programme after asking, with Undo. @param {any} p */
export async function archiveProgramme(p) {
  if (!(await confirmAction(t('programmes.archive_confirm', { name: p.name }), t('action.archive')))) return false;
  await ipc.setProgrammeArchived(p.id, true);
  toast(t('programmes.archived_notice', { name: p.name }), {
    label: t('action.undo'),
    run: async () => { await ipc.setProgrammeArchived(p.id, false); redraw(); },
  });
  return true;
}

/** Copies a programme and opens the copy's form. @param {any} p */
export async function duplicateProgramme(p) {
  const copy = await ipc.duplicateProgramme(p.id);
  toast(t('programmes.duplicated_notice', { name: copy.name }));
  go(`#/programme/${copy.id}/edit`);
}
