// The cards around an agreement's form: where it stands (with the buttons
// for the next step), who it is between, and its versions.

import { t, shortDate } from '../../i18n.js';
import { h } from '../../dom.js';

/** @typedef {import('./form.js').Agreement} Agreement */

/**
 * A date from the shell as people write it. Stored dates arrive as ISO
 * (with a time, perhaps); anything else is already written for people and
 * is shown as it is.
 * @param {string} text
 */
function dateText(text) {
  return /^\d{4}-\d{2}-\d{2}/.test(text) ? shortDate(text.slice(0, 10)) : text;
}

/**
 * Where the agreement stands, what to do next, and the buttons that do it.
 * @param {Agreement} a
 * @param {{markReady: () => void, openSign: () => void, printOne: (open: boolean) => void}} actions
 */
export function statusCard(a, actions) {
  const signed = a.status === 'signed';
  const button = (id, label, onclick, primary, haspopup) => h('button', {
    type: 'button', id, class: `button ${primary ? 'primary' : 'secondary'}`, onclick, aria: { haspopup },
  }, label);
  return h('section', { class: 'card agreement-status-card', id: 'agreement-summary', aria: { labelledby: 'agreement-status-title' } },
    h('h2', { id: 'agreement-status-title', tabindex: '-1' }, t('field.status')),
    h('p', { class: 'agreement-state' },
      h('span', { id: 'agreement-status', class: `agreement-badge status-${a.status}` }, a.status_label),
      h('span', { id: 'agreement-version', class: 'muted' }, t('agreement.ui.version', { version: a.version }))),
    h('p', { id: 'agreement-next' }, t(`agreement.ui.next.${a.status}`)),
    signed ? h('dl', { class: 'facts', id: 'agreement-signed-dates' },
      ['mentee', 'mentor', 'coordinator'].map((who) => [
        h('dt', {}, t(`field.${who}_signed_on`)),
        h('dd', {}, a.signed[who] ?? '–'),
      ])) : null,
    h('div', { class: 'agreement-actions' },
      a.status === 'draft' ? button('agreement-ready', t('agreement.ui.mark_ready'), () => actions.markReady(), true) : null,
      a.status === 'ready' ? button('agreement-sign', t('agreement.ui.record_signatures'), () => actions.openSign(), true, 'dialog') : null,
      button('open-agreement', t('agreement.ui.open_pdf'), () => actions.printOne(true), false),
      button('print-agreement', t('agreement.ui.save_pdf'), () => actions.printOne(false), false)));
}

/** Who the agreement is between. @param {Agreement} a */
export function partiesCard(a) {
  const person = (p) => h('dd', {}, h('span', { class: 'person-name' }, p.name), p.email ? h('span', { class: 'email' }, p.email) : null);
  return h('section', { class: 'card agreement-parties', id: 'agreement-parties', aria: { labelledby: 'agreement-parties-title' } },
    h('h2', { id: 'agreement-parties-title' }, t('agreement.parties')),
    h('dl', { class: 'facts' },
      h('dt', {}, t('field.mentee')), person(a.mentee),
      h('dt', {}, t('field.mentor')), person(a.mentor)));
}

/** The earlier and current versions, so that what was signed before stays visible. @param {Agreement} a */
export function versionsCard(a) {
  return h('section', { class: 'card agreement-versions', id: 'agreement-versions', aria: { labelledby: 'agreement-versions-title' } },
    h('h2', { id: 'agreement-versions-title' }, t('agreement.ui.versions')),
    h('ol', { class: 'version-list' }, a.versions.map((v) => {
      const current = v.version === a.version;
      return h('li', { dataset: { version: String(v.version) }, aria: { current: current ? 'true' : undefined }, class: current ? 'current' : '' },
        h('span', { class: 'version-name' }, t('agreement.version_status', { version: v.version, status: v.status_label })),
        h('span', { class: 'muted' }, ` · ${t('agreement.ui.updated_on', { date: dateText(v.updated_on) })}`),
        current ? h('span', { class: 'state-badge' }, t('agreement.ui.current_version')) : null);
    })));
}
