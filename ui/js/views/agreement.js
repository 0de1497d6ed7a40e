// The mentoring agreement of one match: the period, up to five learning
// goals and the eleven expectations, edited as a form the core checks; then
// draft → ready to sign → signed, and printed to a PDF at any stage. A signed
// version is never changed: saving it makes the next version, a new draft.
// The cards, the form and the signature dialog live in components/agreement/.

import * as ipc from '../ipc.js';
import { t } from '../i18n.js';
import { h, toast, showFormErrors, commandError, oneAtATime } from '../dom.js';
import { openDocument, saveDocument } from '../components/documents.js';
import { refocus as focusFirst } from '../components/refocus.js';
import { hidden } from '../components/text.js';
import { statusCard, partiesCard, versionsCard } from '../components/agreement/cards.js';
import { agreementForm } from '../components/agreement/form.js';
import { openSignDialog } from '../components/agreement/sign-dialog.js';

/** @typedef {import('../components/agreement/form.js').Agreement} Agreement */

/**
 * @param {number} programmeId
 * @param {number} matchId
 */
export async function agreementView(programmeId, matchId) {
  /** @type {Agreement} */
  let agreement = await ipc.getAgreement(matchId);
  /** @type {HTMLFormElement} */
  let form;
  /** Reads the form on screen as the save command takes it. @type {() => any} */
  let formValues = () => ({});
  // Changes typed since the last save. Marking ready, signing and printing
  // act on what is stored, so they save these first: what the people sign
  // and print is what is on screen.
  let dirty = false;
  // One command at a time: a second click while the first is under way would
  // act on an agreement that is about to change.
  const act = oneAtATime(() => view);

  const statusArea = h('div', { class: 'agreement-top' });
  const formArea = h('div', { class: 'agreement-form-area' });
  const versionsArea = h('div', {});

  /**
   * Puts focus back where the person was working: the old element is gone
   * after a redraw, so it is found again by a selector; failing that, the
   * status heading or the main area.
   * @param {string} [selector]
   */
  const refocus = (selector) => focusFirst([selector, '#agreement-status-title', '#main'], { skipHidden: true });

  /** Shows an agreement: its status and next step, the form and the versions. @param {Agreement} next */
  function draw(next) {
    agreement = next;
    dirty = false;
    statusArea.replaceChildren(statusCard(next, { markReady, openSign, printOne }), partiesCard(next));
    ({ form, values: formValues } = agreementForm(next, {
      programmeId, act, refocus, changed: () => { dirty = true; }, save: saveForm,
    }));
    formArea.replaceChildren(form);
    versionsArea.replaceChildren(...(next.versions.length > 1 ? [versionsCard(next)] : []));
  }

  /**
   * Saves the form and redraws; false when the core found problems, which
   * are then shown on the form. Saving a signed agreement makes a new
   * version, which the message says, since the status changes with it.
   */
  async function saveForm() {
    const before = agreement;
    let next;
    try {
      next = await ipc.saveAgreement(matchId, formValues());
    } catch (error) {
      showFormErrors(form, commandError(error));
      return false;
    }
    draw(next);
    toast(next.version > before.version
      ? t('agreement.ui.new_version', { version: next.version, signed: before.version })
      : t('shell.saved'));
    return true;
  }

  /** Saves changes typed since the last save; false when they have problems. */
  async function saveIfChanged() {
    return dirty ? saveForm() : true;
  }

  /** Marks the draft ready to sign; the core refuses one without learning goals. */
  function markReady() {
    act(async () => {
      if (!(await saveIfChanged())) return;
      try {
        draw(await ipc.markAgreementReady(matchId));
      } catch (error) {
        showFormErrors(form, commandError(error));
        return;
      }
      toast(t('agreement.ui.ready_done'));
      refocus('#agreement-sign');
    });
  }

  /**
   * Prints the agreement as stored, after saving what is on screen: opened
   * in the system's PDF viewer, or saved where the user chooses.
   * @param {boolean} open
   */
  function printOne(open) {
    act(async () => {
      if (!(await saveIfChanged())) return;
      if (open) {
        await openDocument('agreement', matchId);
      } else {
        await saveDocument('agreement', matchId);
      }
      refocus(open ? '#open-agreement' : '#print-agreement');
    });
  }

  /** Saves what is on screen, then asks for the dates of the signatures. */
  function openSign() {
    act(async () => {
      if (!(await saveIfChanged())) return;
      openSignDialog({ matchId, act, draw, refocus });
    });
  }

  const pair = h('p', { class: 'subtitle', id: 'agreement-pair' },
    hidden(`${t('field.mentee')}: `),
    h('span', { class: 'person-name' }, agreement.mentee.name),
    h('span', { class: 'pair-arrow', aria: { hidden: 'true' } }, ' → '),
    hidden(`, ${t('field.mentor')}: `),
    h('span', { class: 'person-name' }, agreement.mentor.name));
  const view = h('section', { class: 'page agreement', id: 'agreement' },
    h('p', { class: 'breadcrumb' },
      h('a', { href: `#/programme/${programmeId}/matching`, id: 'agreement-back' }, `← ${t('nav.matching')} · ${agreement.programme_name}`)),
    h('div', { class: 'page-head' }, h('div', {}, h('h1', {}, t('agreement.title')), pair)),
    statusArea,
    formArea,
    versionsArea);
  draw(agreement);
  return view;
}
