// A programme's messages to people: for each moment (invitation,
// announcement, intake, agreement, reminder, thanks) a draft Klik writes in
// the programme's language and opens in the mail program, a tick for what
// went out, and the programme's own wording. Klik never sends mail itself.

import * as ipc from '../ipc.js';
import { t } from '../i18n.js';
import { h, append, field, toast, showFormErrors, clearFormErrors, commandError, oneAtATime } from '../dom.js';
import { programmeTabs } from '../components/programme-tabs.js';

/**
 * @typedef {{kind: string, label: string, subject: string, body: string, own: boolean, per_pair: boolean}} Wording
 * @typedef {{kind: string, match_id: number|null, on: string}} Sent
 * @typedef {{programme_id: number, read_only: boolean, wordings: Wording[], sent: Sent[], pairs: {match_id: number, mentee: string, mentor: string, status_label: string, due: string[]}[]}} Messages
 */

/** @param {number} programmeId */
export async function messagesView(programmeId) {
  const programme = await ipc.getProgramme(programmeId);
  const view = h('article', { class: 'page', id: 'messages' });
  const act = oneAtATime(() => view);

  /** Writes the draft and says where it is; the mail program opens it. */
  const write = (kind, matchId = null) => act(async () => {
    const draft = await ipc.openMessage(programmeId, kind, matchId);
    toast(draft.opened ? t('message.ui.opened') : t('message.ui.not_opened', { path: draft.path }));
  });

  /** @param {Messages} m */
  function draw(m) {
    const ticked = (kind, matchId = null) => m.sent.find((s) => s.kind === kind && s.match_id === matchId);
    /** A "sent" tick; ticking redraws the page from what was stored. */
    const tick = (kind, matchId, label) => {
      const sent = ticked(kind, matchId);
      const box = h('input', {
        type: 'checkbox', class: 'sent-tick', checked: Boolean(sent),
        dataset: { kind, match: matchId === null ? '' : String(matchId) },
        aria: { label },
        onchange: (event) => act(async () => {
          draw(await ipc.markMessageSent(programmeId, kind, matchId, /** @type {HTMLInputElement} */ (event.target).checked));
        }),
      });
      return h('label', { class: 'sent-label' }, box, ' ', sent ? t('message.ui.sent_on', { date: sent.on }) : t('message.ui.sent'));
    };
    const writeButton = (w, matchId = null, extra = '') => h('button', {
      type: 'button', class: 'button small secondary message-write',
      id: matchId === null ? `write-${w.kind}` : `write-${w.kind}-${matchId}`,
      aria: { label: `${t('message.ui.write')}: ${w.label}${extra}` },
      onclick: () => write(w.kind, matchId),
    }, t('message.ui.write'));

    const wide = m.wordings.filter((w) => !w.per_pair);
    const perPair = m.wordings.filter((w) => w.per_pair);
    const pairTable = m.pairs.length
      ? h('div', { class: 'table-scroll' }, h('table', { class: 'table', id: 'message-pairs' },
        h('thead', {}, h('tr', {}, h('th', {}, t('trajectory.ui.pair')), perPair.map((w) => h('th', {}, w.label)))),
        h('tbody', {}, m.pairs.map((p) => h('tr', { dataset: { match: String(p.match_id) } },
          h('th', { scope: 'row' }, h('span', { class: 'pair-names' }, `${p.mentee} & ${p.mentor}`), h('span', { class: 'muted small' }, p.status_label)),
          perPair.map((w) => h('td', { class: 'message-cell' },
            p.due.includes(w.kind) || ticked(w.kind, p.match_id)
              ? [writeButton(w, p.match_id, ` — ${p.mentee} & ${p.mentor}`),
                tick(w.kind, p.match_id, `${t('message.ui.sent')}: ${w.label} — ${p.mentee} & ${p.mentor}`)]
              : h('span', { class: 'muted small' }, t(`message.ui.not_due.${w.kind}`)))))))))
      : h('p', { class: 'muted' }, t('message.ui.no_pairs'));

    view.replaceChildren();
    append(view, [
      h('p', { class: 'breadcrumb' }, h('a', { href: `#/programme/${programmeId}` }, `← ${programme.name}`)),
      h('div', { class: 'page-head' }, h('div', {},
        h('h1', {}, t('message.ui.title')),
        h('p', { class: 'subtitle' }, programme.name))),
      programmeTabs(programme, 'messages'),
      h('p', { class: 'page-intro' }, t('message.ui.intro')),
      h('section', { class: 'card', id: 'messages-programme' },
        h('h2', {}, t('message.ui.to_everyone')),
        h('ul', { class: 'message-list' }, wide.map((w) => h('li', { dataset: { kind: w.kind } },
          h('strong', {}, w.label), writeButton(w), tick(w.kind, null, `${t('message.ui.sent')}: ${w.label}`))))),
      h('section', { class: 'card', id: 'messages-pairs' },
        h('h2', {}, t('message.ui.to_pairs')),
        pairTable),
      h('section', { class: 'card', id: 'message-wordings' },
        h('h2', {}, t('message.ui.wordings')),
        h('p', { class: 'muted' }, t('message.ui.wordings_intro')),
        m.wordings.map((w) => wordingEditor(w, m.read_only))),
    ]);
  }

  /** One moment's wording, folded away until wanted. @param {Wording} w @param {boolean} readOnly */
  function wordingEditor(w, readOnly) {
    const form = /** @type {HTMLFormElement} */ (h('form', { class: 'form', id: `wording-${w.kind}`, novalidate: true },
      field({ name: 'subject', label: t('message.ui.subject'), value: w.subject }),
      field({ name: 'body', label: t('message.ui.body'), value: w.body, multiline: true, rows: 10, hint: t('message.ui.placeholders') }),
      readOnly ? null : h('div', { class: 'form-actions' },
        h('button', { type: 'submit', class: 'button primary small' }, t('action.save')),
        w.own ? h('button', {
          type: 'button', class: 'button secondary small',
          onclick: () => save(form, w.kind, { subject: '', body: '' }),
        }, t('message.ui.use_standard')) : null)));
    if (readOnly) form.querySelectorAll('input, textarea').forEach((el) => el.setAttribute('readonly', ''));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const value = (name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name)).value;
      save(form, w.kind, { subject: value('subject'), body: value('body') });
    });
    return h('details', { class: 'wording', dataset: { kind: w.kind } },
      h('summary', {}, w.label, ' ', h('span', { class: 'muted small' }, w.own ? t('message.ui.own_text') : t('message.ui.standard_text'))),
      form);
  }

  /** @param {HTMLFormElement} form @param {string} kind @param {{subject: string, body: string}} wording */
  function save(form, kind, wording) {
    return act(async () => {
      clearFormErrors(form);
      try {
        draw(await ipc.saveMessageWording(programmeId, kind, wording));
        toast(t('message.ui.saved'));
      } catch (error) {
        showFormErrors(form, commandError(error));
      }
    });
  }

  draw(await ipc.programmeMessages(programmeId));
  return view;
}
