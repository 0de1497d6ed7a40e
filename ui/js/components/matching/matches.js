// The confirmed matches below the board: each open one links to its
// agreement and can be dissolved; every agreement prints at once.

import { t } from '../../i18n.js';
import { h, oneAtATime } from '../../dom.js';
import { printProgrammeAgreements, openProgrammeAgreements } from '../documents.js';
import { hidden } from '../text.js';
import { dateText, personBlock } from './parts.js';
import { openDissolve } from './dissolve-dialog.js';
import { moreMenu } from '../menu.js';

/**
 * The confirmed matches, dissolved ones greyed with their reason.
 * @param {import('./board.js').Matching} ctx
 * @param {any[]} matches
 */
export function matchesParts(ctx, matches) {
  const { id } = ctx;
  if (!matches.length) return [];
  const rows = matches.map((match) => {
    const dissolved = match.dissolved_on !== null;
    const names = { mentee: match.mentee.name, mentor: match.mentor.name };
    return h('tr', { dataset: { match: String(match.id) }, class: dissolved ? 'match-dissolved' : '' },
      h('th', { scope: 'row' }, personBlock(match.mentee)),
      h('td', {}, personBlock(match.mentor)),
      h('td', { class: 'number' }, String(match.score)),
      h('td', {}, match.status_label,
        dissolved ? h('span', { class: 'dissolved-note' }, t('matching.dissolved_on', { date: dateText(match.dissolved_on) })) : null,
        dissolved && match.dissolve_reason ? h('span', { class: 'dissolved-note' }, match.dissolve_reason) : null),
      h('td', { class: 'nowrap' }, dateText(match.confirmed_on)),
      // One everyday action per row; dissolving sits in the row's menu.
      h('td', {}, dissolved ? null : h('div', { class: 'row-actions' },
        h('a', {
          class: 'button small secondary match-agreement', href: `#/programme/${id}/agreement/${match.id}`,
        }, t('agreement.ui.open'), hidden(` ${t('matching.pair_label', names)}`)),
        moreMenu(`match-menu-${match.id}`, [
          { id: `match-dissolve-${match.id}`, label: t('matching.dissolve'), danger: true, run: () => openDissolve(ctx, match) },
        ], t('matching.pair_label', names)))));
  });
  // A dissolved match has no agreement, so there is nothing to print
  // until at least one match is open.
  const printable = matches.some((match) => match.status !== 'dissolved');
  /**
   * A button that prints every agreement, one print at a time.
   * @param {string} buttonId
   * @param {string} label
   * @param {(programmeId: number) => Promise<any>} print
   */
  const printButton = (buttonId, label, print) => {
    const printing = oneAtATime(() => button);
    const button = h('button', {
      type: 'button', class: 'button secondary', id: buttonId,
      onclick: async () => {
        await printing(() => print(id));
        if (button.isConnected) button.focus();
      },
    }, label);
    return button;
  };
  const printAll = h('div', { class: 'matches-actions' },
    h('a', { class: 'button secondary', href: `#/programme/${id}/agreement-texts`, id: 'agreement-texts-link' }, t('agreement.ui.template')),
    printable ? printButton('open-all-agreements', t('agreement.ui.open_all'), openProgrammeAgreements) : null,
    printable ? printButton('print-all-agreements', t('agreement.ui.save_all'), printProgrammeAgreements) : null);
  const headers = [t('role.mentee'), t('role.mentor'), t('matching.score'), t('field.status'), t('matching.confirmed_on'), t('programmes.column.actions')];
  return [h('section', { class: 'card', id: 'matching-matches', aria: { labelledby: 'matching-matches-title' } },
    h('div', { class: 'matches-head' },
      h('h2', { id: 'matching-matches-title', tabindex: '-1' }, t('matching.matches_title')),
      printAll),
    h('div', { class: 'table-scroll' }, h('table', { class: 'table compact', id: 'match-table' },
      h('thead', {}, h('tr', {}, headers.map((label) => h('th', { scope: 'col' }, label)))),
      h('tbody', {}, rows))))];
}
