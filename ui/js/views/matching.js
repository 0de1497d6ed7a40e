// The matching board of a programme: how much each criterion counts, a
// proposal of pairs with the reasons behind every score, and the decisions a
// person makes on it (accept, reject, lock, move, keep a pair that breaks a
// rule) before the accepted pairs become confirmed matches. Confirmed matches
// are listed below and can be dissolved, with a reason, without disappearing;
// each open match links to its agreement, and all agreements print at once.

import * as ipc from '../ipc.js';
import { t, counted, shortDate } from '../i18n.js';
import { h, toast, confirmAction, showFormErrors, clearFormErrors, modal } from '../dom.js';
import { programmeTabs } from '../components/programme-tabs.js';
import { printProgrammeAgreements, openProgrammeAgreements } from '../components/documents.js';

/**
 * Programmes whose proposal is on screen. The core only calculates a
 * proposal when asked, so coming back to the board must ask again; otherwise
 * the pairs someone was working on would seem to have vanished.
 * @type {Map<number, boolean>}
 */
const shownProposals = new Map();

/** A fit from GOOD up is good, from PARTIAL up partial, below it poor. */
const GOOD = 70;
const PARTIAL = 30;

/** A mark beside each colour, so that the level does not depend on seeing colour. */
const FIT_MARKS = { good: '✓', partial: '~', poor: '✗', neutral: '–' };

/**
 * How well a criterion fits: 'good', 'partial', 'poor', or 'neutral' when it
 * does not apply to this pair.
 * @param {number|null} fit 0–100
 */
function fitLevel(fit) {
  if (fit === null || fit === undefined) return 'neutral';
  return fit >= GOOD ? 'good' : fit >= PARTIAL ? 'partial' : 'poor';
}

/**
 * A change of score with its sign, as people write it: +3, −7, ±0.
 * @param {number} delta
 */
function signed(delta) {
  if (delta > 0) return `+${delta}`;
  if (delta < 0) return `−${Math.abs(delta)}`;
  return '±0';
}


/**
 * A stored date as people write it. The time, if the shell sends one, is
 * left out: the day is what matters in a list of matches.
 * @param {string} iso
 */
const dateText = (iso) => shortDate(iso.slice(0, 10));

/**
 * Text that only screen readers announce, such as what a mark means.
 * @param {string} text
 */
const hidden = (text) => h('span', { class: 'visually-hidden' }, text);

/**
 * A bar filled to a share, beside the number it illustrates (so hidden from
 * screen readers, which read the number).
 * @param {string} className
 * @param {number} percent 0–100
 * @param {string} fillClass
 */
function bar(className, percent, fillClass) {
  const fill = h('span', { class: `bar-fill ${fillClass}` });
  // The CSP forbids style attributes in markup; a width set from script is allowed.
  fill.style.width = `${Math.max(0, Math.min(100, percent))}%`;
  return h('span', { class: `bar ${className}`, aria: { hidden: 'true' } }, fill);
}

/**
 * A person's name with their department beneath it.
 * @param {{name: string, department: string}} person
 * @param {string} [roleKey] the role's text key, when the role is worth saying
 */
function personBlock(person, roleKey) {
  return h('div', { class: 'person' },
    roleKey ? h('span', { class: 'person-role' }, t(roleKey)) : null,
    h('span', { class: 'person-name' }, person.name),
    person.department ? h('span', { class: 'person-dept' }, person.department) : null);
}

/**
 * Why a pair scores what it scores: one line per criterion, with how well it fits.
 * @param {any[]} reasons
 */
function reasonList(reasons) {
  if (!reasons.length) return null;
  return h('ul', { class: 'reasons' }, reasons.map((reason) => {
    const level = fitLevel(reason.fit);
    return h('li', { class: `reason fit-${level}`, dataset: { criterion: reason.criterion } },
      h('span', { class: 'fit-mark', aria: { hidden: 'true' } }, FIT_MARKS[level]),
      hidden(`${t(`matching.fit.${level}`)}: `),
      h('span', { class: 'reason-text' }, h('span', { class: 'reason-label' }, `${reason.label}: `), reason.text),
      reason.weight_label ? h('span', { class: 'reason-weight' }, reason.weight_label) : null);
  }));
}

/**
 * The three best other mentors for a pair's mentee, folded away unless open.
 * @param {any} pair
 * @param {boolean} open
 */
function alternativesList(pair, open) {
  return h('div', { class: 'alternatives', id: `alternatives-${pair.mentee.id}`, hidden: !open },
    h('p', { class: 'alternatives-title' }, t('matching.alternatives_title', { name: pair.mentee.name })),
    pair.alternatives.length
      ? h('ul', {}, pair.alternatives.map((alternative) => h('li', {
        class: alternative.full ? 'alternative full' : 'alternative', dataset: { mentor: String(alternative.mentor.id) },
      },
        h('span', { class: 'person-name' }, alternative.mentor.name),
        alternative.mentor.department ? h('span', { class: 'person-dept' }, alternative.mentor.department) : null,
        h('span', { class: 'alternative-score' }, t('matching.score_value', { score: alternative.score })),
        alternative.full ? h('span', { class: 'full-badge' }, t('matching.full')) : null)))
      : h('p', { class: 'muted small' }, t('matching.no_alternatives')));
}

/**
 * One criterion in the criteria form: what it is, how much it counts, and its
 * parameter when it has one.
 * @param {any} criterion
 * @param {{key: string, label: string}[]} weights
 */
function criterionRow(criterion, weights) {
  const helpId = criterion.help ? `criterion-help-${criterion.key}` : undefined;
  const row = h('div', { class: `field criterion weight-${criterion.weight}`, dataset: { criterion: criterion.key } });
  const weight = h('select', {
    id: `weight-${criterion.key}`, name: `weight-${criterion.key}`,
    dataset: helpId ? { hint: helpId } : undefined, aria: { describedby: helpId },
    // The row's look follows the choice at once, so "off" and "must" stand out before saving.
    onchange: (event) => { row.className = `field criterion weight-${event.target.value}`; },
  }, weights.map((w) => h('option', { value: w.key, selected: w.key === criterion.weight }, w.label)));
  const parameter = criterion.parameter_label === null ? null : h('input', {
    id: `parameter-${criterion.key}`, name: `parameter-${criterion.key}`, type: 'number', inputmode: 'numeric',
    step: '1', min: criterion.parameter_min, max: criterion.parameter_max, autocomplete: 'off',
    value: criterion.parameter === null ? '' : String(criterion.parameter),
  });
  row.append(
    h('div', { class: 'criterion-text' },
      h('label', { for: weight.id, class: 'criterion-label' }, criterion.label),
      helpId ? h('p', { class: 'hint', id: helpId }, criterion.help) : null),
    h('div', { class: 'criterion-controls' },
      weight,
      parameter ? h('div', { class: 'criterion-parameter' },
        h('label', { for: parameter.id }, criterion.parameter_label), parameter) : null));
  return row;
}

/**
 * The name of the control a field problem is about. The core may name a
 * criterion by its key, with or without the part (weight, parameter), or by
 * its position in the list; a name that fits nothing is left as it is and
 * still shows in the error summary.
 * @param {HTMLFormElement} form
 * @param {any[]} criteria
 * @param {string} field
 */
function controlName(form, criteria, field) {
  if (!field || form.querySelector(`[name="${CSS.escape(field)}"]`)) return field;
  const parts = field.split(/[.[\]/:-]+/).filter(Boolean);
  const position = parts.find((part) => /^\d+$/.test(part));
  const criterion = criteria.find((c) => c.key === field || parts.includes(c.key))
    ?? (position === undefined ? undefined : criteria[Number(position)]);
  if (!criterion) return field;
  const hasParameter = form.querySelector(`[name="parameter-${CSS.escape(criterion.key)}"]`) !== null;
  return parts.includes('weight') || !hasParameter ? `weight-${criterion.key}` : `parameter-${criterion.key}`;
}

/**
 * Why there is nothing to match, as the text key to show, or null when there is.
 * @param {any} summary
 */
function emptyKey(summary) {
  if (summary.mentors === 0 && summary.mentees === 0 && summary.confirmed === 0) return 'matching.empty_both';
  if (summary.mentors === 0) return 'matching.empty_mentors';
  if (summary.mentees === 0 && summary.confirmed === 0) return 'matching.empty_mentees';
  return null;
}

/** @param {number} id */
export async function matchingView(id) {
  const programme = await ipc.getProgramme(id);
  /** @type {any} */
  let board = await ipc.matchingBoard(id, shownProposals.get(id) === true);
  // Decisions are stored but the proposal is not: after a restart, accepted
  // pairs would otherwise wait unseen behind the Confirm button.
  if (!board.proposal && board.summary.accepted > 0) board = await ipc.matchingBoard(id, true);

  /** Mentees whose alternatives are unfolded, kept across redraws. @type {Set<number>} */
  const openAlternatives = new Set();
  // One command at a time: a second click while the first is under way would
  // act on a board that is about to change.
  let busy = false;
  /** The summary last drawn, as JSON. */
  let shownSummary = '';

  const summaryArea = h('div', { id: 'matching-summary', class: 'matching-summary', aria: { live: 'polite' } });
  const criteriaArea = h('div', { class: 'criteria-body' });
  const criteriaPanel = /** @type {HTMLDetailsElement} */ (h('details', { id: 'matching-criteria', class: 'card criteria' },
    h('summary', {}, t('matching.criteria_title')), criteriaArea));
  const mainArea = h('div', { class: 'matching-main' });
  const matchesArea = h('div', { class: 'matching-matches' });

  /**
   * Puts focus back where the person was working: the old element is gone
   * after a redraw, so it is found again by a selector; failing that, the
   * board's heading or the main area.
   * @param {string} [selector]
   */
  function refocus(selector) {
    for (const candidate of [selector, '#matching-board-title', '#main']) {
      const element = candidate ? document.querySelector(candidate) : null;
      if (element instanceof HTMLElement && !element.hasAttribute('disabled')) {
        element.focus();
        return;
      }
    }
  }

  /**
   * Runs a command that answers with a new board, draws it and puts focus back.
   * @param {() => Promise<any>} work resolves to a board
   * @param {string} focus a selector for the control to focus afterwards
   * @param {() => void} [done] what to say once it worked
   */
  async function act(work, focus, done) {
    if (busy) return;
    busy = true;
    mainArea.setAttribute('aria-busy', 'true');
    try {
      draw(await work());
      done?.();
    } catch (error) {
      toast(error.message);
    } finally {
      busy = false;
      mainArea.removeAttribute('aria-busy');
    }
    refocus(focus);
  }

  /** Shows a board: summary, proposal, mentor load and confirmed matches. @param {any} next */
  function draw(next) {
    board = next;
    shownProposals.set(id, next.proposal !== null);
    // The summary is a live region: redrawn only when it changed, so that a
    // screen reader does not read out the same numbers after every decision.
    const summary = JSON.stringify(next.summary);
    if (summary !== shownSummary) {
      shownSummary = summary;
      summaryArea.replaceChildren(...summaryParts(next.summary));
    }
    mainArea.replaceChildren(...mainParts(next));
    matchesArea.replaceChildren(...matchesParts(next.matches));
  }

  /** The numbers that say whether matching can work out, and the warnings. @param {any} s */
  function summaryParts(s) {
    const card = (key, value, label, warning = false) => h('li', { class: warning ? 'summary-card warning' : 'summary-card', id: `summary-${key}` },
      h('strong', { class: 'summary-number' }, String(value)), h('span', { class: 'summary-label' }, label));
    // Once every mentee has a match, an (empty) proposal has nothing to say.
    const proposed = s.matched !== null && s.mentees > 0;
    const cards = [
      card('mentees', s.mentees, t(s.mentees === 1 ? 'matching.summary_mentees_one' : 'matching.summary_mentees')),
      card('mentors', s.mentors, t('participants.mentors')),
      card('capacity', s.capacity, t(s.capacity === 1 ? 'matching.summary_capacity_one' : 'matching.summary_capacity'), s.capacity < s.mentees),
      card('confirmed', s.confirmed, t(s.confirmed === 1 ? 'matching.summary_confirmed_one' : 'matching.summary_confirmed')),
      proposed ? card('matched', s.matched, t('matching.summary_matched')) : null,
      proposed && s.unmatched !== null ? card('unmatched', s.unmatched, t('matching.summary_unmatched'), s.unmatched > 0) : null,
      proposed ? card('accepted', s.accepted, t('matching.summary_accepted')) : null,
      proposed && s.total_score !== null ? card('score', s.total_score, t('matching.summary_total_score')) : null,
      proposed && s.without_common_time ? card('no-common-time', s.without_common_time, t('matching.summary_without_common_time'), true) : null,
    ].filter(Boolean);
    // The empty states below already say what the warnings would, with a way out.
    const warnings = emptyKey(s) || s.mentees === 0 ? [] : s.warnings;
    return [
      h('ul', { class: 'summary-cards' }, cards),
      warnings.length
        ? h('div', { id: 'matching-warnings', class: 'matching-warnings' }, warnings.map((warning) => h('p', { class: 'notice' }, warning)))
        : null,
    ].filter(Boolean);
  }

  /** The toolbar, the proposal and the mentors' load; or why there is nothing to match. @param {any} b */
  function mainParts(b) {
    const s = b.summary;
    const empty = emptyKey(s);
    if (empty) {
      return [h('div', { class: 'empty-state', id: 'matching-empty' },
        h('p', {}, t(empty)),
        h('a', { class: 'button primary', href: `#/programme/${id}/participants` }, t('matching.to_participants')))];
    }
    const proposal = b.proposal;
    if (s.mentees === 0) {
      return [h('div', { class: 'empty-state', id: 'matching-done' }, h('p', {}, t('matching.all_matched')))];
    }
    const waiting = proposal ? proposal.pairs.filter((pair) => pair.state === 'proposed').length : 0;
    const toolbar = h('div', { class: 'toolbar matching-toolbar' },
      h('button', {
        type: 'button', id: 'matching-propose', class: proposal ? 'button secondary' : 'button primary',
        onclick: () => act(() => ipc.matchingBoard(id, true), '#matching-propose'),
      }, t(proposal ? 'matching.rerun' : 'matching.propose')),
      proposal ? h('button', {
        type: 'button', id: 'matching-accept-all', class: 'button secondary', disabled: waiting === 0,
        onclick: () => act(() => ipc.acceptAllPairs(id), '#matching-confirm'),
      }, t('matching.accept_all')) : null,
      h('button', {
        type: 'button', id: 'matching-confirm', class: s.accepted ? 'button primary' : 'button secondary',
        disabled: s.accepted === 0, onclick: () => confirmAccepted(),
      }, counted('matching.confirm', s.accepted)));

    const boardSection = h('section', { id: 'matching-board', class: 'matching-board', aria: { labelledby: 'matching-board-title' } },
      h('h2', { id: 'matching-board-title', tabindex: '-1' }, t('matching.board_title')),
      !proposal ? h('p', { class: 'muted', id: 'matching-no-proposal' }, t('matching.no_proposal'))
        : proposal.pairs.length ? [h('p', { class: 'hint' }, t('matching.board_hint')), h('div', { class: 'pairs' }, proposal.pairs.map(pairCard))]
          : h('p', { class: 'muted' }, t('matching.no_pairs')));

    return [
      toolbar,
      h('div', { class: 'matching-layout' },
        h('div', { class: 'matching-column' },
          proposal && proposal.conflicts.length ? conflictsSection(proposal.conflicts) : null,
          boardSection,
          proposal && proposal.unmatched.length ? unmatchedSection(proposal.unmatched) : null),
        b.mentors.length ? loadSection(b.mentors) : null),
    ];
  }

  /** One proposed pair, its score and reasons, and what can be decided on it. @param {any} pair */
  function pairCard(pair) {
    const mentee = pair.mentee.id;
    const mentor = pair.mentor.id;
    const here = `.pair[data-mentee="${mentee}"]`;
    const names = { mentee: pair.mentee.name, mentor: pair.mentor.name };
    const decide = (decision, focus, done) => act(() => ipc.decidePair(id, mentee, mentor, decision), focus, done);
    const open = openAlternatives.has(mentee);
    const alternatives = alternativesList(pair, open);
    const button = (className, label, onclick, primary = false) => h('button', {
      type: 'button', class: `button small ${primary ? 'primary' : 'secondary'} ${className}`, onclick,
    }, label);
    const accepted = pair.state === 'accepted';
    const locked = pair.state === 'locked';

    return h('article', {
      class: `pair state-${pair.state}`, tabindex: '-1',
      dataset: { mentee: String(mentee), mentor: String(mentor) },
      aria: { label: t('matching.pair_label', names) },
    },
      h('div', { class: 'pair-head' },
        h('div', { class: 'pair-people' },
          personBlock(pair.mentee, 'role.mentee'),
          h('span', { class: 'pair-arrow', aria: { hidden: 'true' } }, '→'),
          personBlock(pair.mentor, 'role.mentor')),
        h('div', { class: 'pair-score' },
          h('span', { class: 'score-label' }, t('matching.score')),
          h('span', { class: 'score-number' }, String(pair.score)),
          bar('score-bar', pair.score, `fit-${fitLevel(pair.score)}`),
          h('span', { class: `state-badge state-${pair.state}` }, t(`matching.state.${pair.state}`)))),
      reasonList(pair.reasons),
      h('div', { class: 'pair-actions' },
        accepted
          ? button('pair-accept', t('matching.unaccept'), () => decide('clear', `${here} .pair-accept`))
          : button('pair-accept', t('matching.accept'), () => decide('accept', `${here} .pair-accept`), true),
        button('pair-lock', t(locked ? 'matching.unlock' : 'matching.lock'), () => decide(locked ? 'clear' : 'lock', `${here} .pair-lock`)),
        // After a rejection the mentee usually gets another mentor; focus lands
        // on that new pair as a whole rather than on a button that would act on it.
        button('pair-reject', t('matching.reject'), () => decide('reject', here, () => toast(t('matching.rejected_notice', names)))),
        h('button', {
          type: 'button', class: 'button small secondary pair-move', aria: { haspopup: 'dialog' },
          onclick: () => openMove(mentee, `${here} .pair-move`),
        }, t('matching.move')),
        h('button', {
          type: 'button', class: 'button small secondary pair-alternatives',
          aria: { expanded: String(open), controls: alternatives.id },
          onclick: (event) => {
            const opening = alternatives.hidden;
            alternatives.hidden = !opening;
            event.currentTarget.setAttribute('aria-expanded', String(opening));
            if (opening) openAlternatives.add(mentee); else openAlternatives.delete(mentee);
          },
        }, t('matching.alternatives'))),
      alternatives);
  }

  /**
   * Accepted or locked pairs that a later change made impossible (a rule, or
   * a mentor with no room left): only a person can decide to keep them.
   * @param {any[]} conflicts
   */
  function conflictsSection(conflicts) {
    return h('section', { id: 'matching-conflicts', class: 'card issues conflicts', aria: { labelledby: 'matching-conflicts-title' } },
      h('h2', { id: 'matching-conflicts-title' }, counted('matching.conflicts_title', conflicts.length)),
      h('p', { class: 'hint' }, t('matching.conflicts_hint')),
      h('ul', { class: 'issue-list' }, conflicts.map((conflict) => {
        const names = { mentee: conflict.mentee.name, mentor: conflict.mentor.name };
        return h('li', { class: 'issue', dataset: { mentee: String(conflict.mentee.id), mentor: String(conflict.mentor.id) } },
          h('div', { class: 'issue-text' },
            h('span', { class: 'person-name' }, t('matching.pair_label', names)),
            h('span', { class: 'issue-reason' }, conflict.reason)),
          h('div', { class: 'row-actions' },
            h('button', {
              type: 'button', class: 'button small secondary conflict-keep',
              onclick: () => act(() => ipc.keepConflictingPair(id, conflict.mentee.id, conflict.mentor.id),
                `.pair[data-mentee="${conflict.mentee.id}"]`, () => toast(t('matching.kept_notice', names))),
            }, t('matching.keep_anyway')),
            h('button', {
              type: 'button', class: 'button small secondary conflict-clear',
              onclick: () => act(() => ipc.decidePair(id, conflict.mentee.id, conflict.mentor.id, 'clear'),
                `.pair[data-mentee="${conflict.mentee.id}"]`, () => toast(t('matching.dropped_notice', names))),
            }, t('matching.drop_pair')),
            h('button', {
              type: 'button', class: 'button small secondary conflict-move', aria: { haspopup: 'dialog' },
              onclick: () => openMove(conflict.mentee.id, `.pair[data-mentee="${conflict.mentee.id}"]`),
            }, t('matching.choose_mentor'))));
      })));
  }

  /** Mentees the proposal found no mentor for, and why. @param {any[]} unmatched */
  function unmatchedSection(unmatched) {
    return h('section', { id: 'matching-unmatched', class: 'card issues', aria: { labelledby: 'matching-unmatched-title' } },
      h('h2', { id: 'matching-unmatched-title' }, counted('matching.unmatched_title', unmatched.length)),
      h('ul', { class: 'issue-list' }, unmatched.map((item) => h('li', { class: 'issue', dataset: { mentee: String(item.mentee.id) } },
        h('div', { class: 'issue-text' },
          personBlock(item.mentee),
          h('span', { class: 'issue-reason' }, item.reason)),
        h('div', { class: 'row-actions' },
          h('button', {
            type: 'button', class: 'button small secondary unmatched-move', aria: { haspopup: 'dialog' },
            onclick: () => openMove(item.mentee.id, `.pair[data-mentee="${item.mentee.id}"]`),
          }, t('matching.choose_mentor')))))));
  }

  /** How many mentees each mentor has (confirmed plus proposed) against their capacity. @param {any[]} mentors */
  function loadSection(mentors) {
    return h('aside', { id: 'matching-load', class: 'card matching-load', aria: { labelledby: 'matching-load-title' } },
      h('h2', { id: 'matching-load-title' }, t('matching.load_title')),
      h('p', { class: 'hint' }, t('matching.load_hint')),
      h('ul', { class: 'load-list' }, mentors.map((mentor) => {
        const full = mentor.load >= mentor.capacity;
        const share = mentor.capacity > 0 ? (100 * mentor.load) / mentor.capacity : 100;
        return h('li', { class: full ? 'load full' : 'load', dataset: { mentor: String(mentor.id) } },
          h('span', { class: 'load-name' }, mentor.name),
          h('span', { class: 'load-count' }, t('matching.load', { load: mentor.load, capacity: mentor.capacity })),
          full ? h('span', { class: 'full-badge' }, t('matching.full')) : null,
          bar('load-bar', share, mentor.load > mentor.capacity ? 'over' : full ? 'full' : 'free'));
      })));
  }

  /** The confirmed matches, dissolved ones greyed with their reason. @param {any[]} matches */
  function matchesParts(matches) {
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
        h('td', {}, h('div', { class: 'row-actions' },
          match.status !== 'dissolved' ? h('a', {
            class: 'button small secondary match-agreement', href: `#/programme/${id}/agreement/${match.id}`,
          }, t('agreement.ui.open'), hidden(` ${t('matching.pair_label', names)}`)) : null,
          dissolved ? null : h('button', {
            type: 'button', class: 'button small secondary match-dissolve', aria: { haspopup: 'dialog' },
            onclick: () => openDissolve(match),
          }, t('matching.dissolve'), hidden(` ${t('matching.pair_label', names)}`)))));
    });
    // A dissolved match has no agreement, so there is nothing to print
    // until at least one match is open.
    const printable = matches.some((match) => match.status !== 'dissolved');
    /**
     * A button that prints every agreement, keeping itself disabled meanwhile.
     * @param {string} buttonId
     * @param {string} label
     * @param {(programmeId: number) => Promise<any>} print
     */
    const printButton = (buttonId, label, print) => h('button', {
      type: 'button', class: 'button secondary', id: buttonId,
      onclick: async (event) => {
        const button = /** @type {HTMLButtonElement} */ (event.currentTarget);
        button.disabled = true;
        try {
          await print(id);
        } catch (error) {
          toast(error.message);
        } finally {
          button.disabled = false;
          if (button.isConnected) button.focus();
        }
      },
    }, label);
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

  /** Asks once, then turns the accepted pairs into confirmed matches. */
  async function confirmAccepted() {
    const count = board.summary.accepted;
    if (busy || !(await confirmAction(counted('matching.confirm_question', count), t('matching.confirm_ok')))) return;
    let confirmed = 0;
    await act(async () => {
      const done = await ipc.confirmPairs(id);
      confirmed = done.confirmed;
      return done.board;
    }, '#matching-matches-title', () => toast(counted('matching.confirmed_notice', confirmed)));
  }

  /**
   * Lets the person pick another mentor for a mentee, seeing what it does to
   * the score, how full each mentor is, and which mentors a rule rules out.
   * @param {number} menteeId
   * @param {string} returnTo a selector for where focus goes afterwards
   */
  async function openMove(menteeId, returnTo) {
    if (busy) return;
    let data;
    try {
      data = await ipc.moveOptions(id, menteeId);
    } catch (error) {
      toast(error.message);
      return;
    }
    const currentId = data.current ? data.current.mentor.id : null;
    const dialog = modal('move-dialog', 'move-dialog-title', 'dialog move-dialog');
    const choose = (option) => {
      dialog.close();
      act(() => ipc.moveMentee(id, menteeId, option.mentor.id), returnTo,
        () => toast(t('matching.moved_notice', { mentee: data.mentee.name, mentor: option.mentor.name })));
    };
    const options = data.options.map((option) => {
      const current = option.mentor.id === currentId;
      const reasonId = `move-reason-${option.mentor.id}`;
      const explained = !option.allowed && option.reason;
      return h('li', {}, h('button', {
        type: 'button', class: current ? 'move-option current' : 'move-option',
        dataset: { mentor: String(option.mentor.id) }, disabled: !option.allowed || current,
        aria: { describedby: explained ? reasonId : undefined }, onclick: () => choose(option),
      },
        personBlock(option.mentor),
        h('span', { class: 'move-facts' },
          h('span', { class: 'move-score' }, option.score === null ? t('matching.score_none') : t('matching.score_value', { score: option.score })),
          option.delta !== null && !current
            ? h('span', { class: option.delta > 0 ? 'move-delta up' : option.delta < 0 ? 'move-delta down' : 'move-delta' }, signed(option.delta))
            : null,
          h('span', { class: 'move-load' }, t('matching.load', { load: option.load, capacity: option.capacity })),
          current ? h('span', { class: 'state-badge' }, t('matching.current_mentor')) : null),
        explained ? h('span', { class: 'move-reason', id: reasonId }, option.reason) : null));
    });
    dialog.append(
      h('h2', { id: 'move-dialog-title' }, t('matching.move_title', { name: data.mentee.name })),
      h('p', { class: 'muted' }, data.current
        ? t('matching.move_current', { mentor: data.current.mentor.name, score: data.current.score })
        : t('matching.move_no_current')),
      ...(options.length
        ? [h('p', { class: 'hint' }, t('matching.move_hint')), h('ul', { class: 'move-options' }, options)]
        : [h('p', { class: 'muted' }, t('matching.move_none'))]),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'button secondary', id: 'move-cancel', onclick: () => dialog.close() }, t('action.cancel'))));
    dialog.showModal();
  }

  /**
   * Asks why a confirmed match ends, then dissolves it; the reason is required
   * because it is what a report later has to explain.
   * @param {any} match
   */
  function openDissolve(match) {
    const dialog = modal('dissolve-dialog', 'dissolve-title', 'dialog');
    const names = { mentee: match.mentee.name, mentor: match.mentor.name };
    const reason = /** @type {HTMLTextAreaElement} */ (h('textarea', {
      id: 'dissolve-reason', name: 'reason', rows: '3', required: true, dataset: { hint: 'dissolve-hint' },
      aria: { required: 'true', describedby: 'dissolve-hint' },
    }));
    const problem = h('p', { class: 'field-error', id: 'dissolve-error', hidden: true });
    const box = h('div', { class: 'field' },
      h('label', { for: 'dissolve-reason' }, t('matching.dissolve_reason')),
      h('p', { class: 'hint', id: 'dissolve-hint' }, t('matching.dissolve_hint')),
      problem,
      reason);
    const submit = /** @type {HTMLButtonElement} */ (h('button', { type: 'submit', class: 'button primary', id: 'dissolve-confirm' }, t('matching.dissolve_confirm')));
    const showProblem = (message) => {
      problem.textContent = message;
      problem.hidden = false;
      box.classList.add('invalid');
      reason.setAttribute('aria-invalid', 'true');
      reason.setAttribute('aria-describedby', 'dissolve-error dissolve-hint');
      reason.focus();
    };
    const form = h('form', {
      novalidate: true,
      onsubmit: async (event) => {
        event.preventDefault();
        const text = reason.value.trim();
        if (!text) {
          showProblem(t('error.required'));
          return;
        }
        submit.disabled = true;
        try {
          draw(await ipc.dissolveMatch(match.id, text, shownProposals.get(id) === true));
        } catch (error) {
          submit.disabled = false;
          showProblem(error.message);
          return;
        }
        dialog.close();
        toast(t('matching.dissolved_notice', names));
        refocus('#matching-matches-title');
      },
    },
      h('h2', { id: 'dissolve-title' }, t('matching.dissolve_title', names)),
      h('p', {}, t('matching.dissolve_intro')),
      box,
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'button secondary', id: 'dissolve-cancel', onclick: () => dialog.close() }, t('action.cancel')),
        submit));
    dialog.append(form);
    dialog.showModal();
    reason.focus();
  }

  /**
   * Draws the criteria form from a board. Only done on entry and after
   * saving, so that a decision on a pair never wipes out half-typed criteria.
   * @param {any} next
   */
  function drawCriteria(next) {
    const criteria = next.criteria;
    const form = /** @type {HTMLFormElement} */ (h('form', { id: 'criteria-form', class: 'criteria-form', novalidate: true },
      h('p', { class: 'hint' }, t('matching.criteria_intro')),
      h('div', { class: 'criteria-list' }, criteria.map((criterion) => criterionRow(criterion, next.weights))),
      h('div', { class: 'form-actions' },
        h('button', { type: 'submit', class: 'button primary', id: 'criteria-save' }, t('action.save')))));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      saveCriteria(form, criteria);
    });
    criteriaArea.replaceChildren(form);
  }

  /**
   * Saves the criteria; with a proposal on screen the core proposes again
   * under the new criteria, so what is shown always follows what is saved.
   * @param {HTMLFormElement} form
   * @param {any[]} criteria
   */
  async function saveCriteria(form, criteria) {
    if (busy) return;
    clearFormErrors(form);
    const problems = [];
    const values = criteria.map((criterion) => {
      const weight = /** @type {HTMLSelectElement} */ (form.elements.namedItem(`weight-${criterion.key}`)).value;
      const input = /** @type {HTMLInputElement|null} */ (form.elements.namedItem(`parameter-${criterion.key}`));
      if (!input) return { key: criterion.key, weight, parameter: criterion.parameter };
      // An empty parameter means the default. Anything else must be a whole
      // number in range, checked here because a number field hands over
      // nothing at all for text that is not a number, and the command takes
      // only whole numbers.
      const number = input.valueAsNumber;
      const empty = input.value === '' && !input.validity.badInput;
      if (!empty && !(Number.isInteger(number) && number >= criterion.parameter_min && number <= criterion.parameter_max)) {
        problems.push({
          field: input.name, label: criterion.parameter_label,
          message: t('matching.parameter_number', { min: criterion.parameter_min, max: criterion.parameter_max }),
        });
      }
      return { key: criterion.key, weight, parameter: empty ? null : number };
    });
    if (problems.length) {
      showFormErrors(form, { code: 'invalid', message: '', fields: problems });
      return;
    }
    busy = true;
    try {
      const next = await ipc.setMatchingCriteria(id, values, shownProposals.get(id) === true);
      drawCriteria(next);
      draw(next);
      toast(t(next.proposal ? 'matching.criteria_saved_rerun' : 'matching.criteria_saved'));
      refocus('#criteria-save');
    } catch (error) {
      criteriaPanel.open = true;
      const fields = (error.fields ?? []).map((problem) => ({ ...problem, field: controlName(form, criteria, problem.field) }));
      showFormErrors(form, { ...error, fields });
    } finally {
      busy = false;
    }
  }

  const view = h('section', { class: 'page matching', id: 'matching' },
    h('p', { class: 'breadcrumb' }, h('a', { href: programme.archived ? '#/programmes/archived' : '#/programmes' }, `← ${t('nav.programmes')}`)),
    h('div', { class: 'page-head' }, h('h1', {}, programme.name)),
    programmeTabs(programme, 'matching'),
    summaryArea,
    criteriaPanel,
    mainArea,
    matchesArea);
  drawCriteria(board);
  draw(board);
  return view;
}
