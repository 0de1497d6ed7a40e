// The guide of a first use, above every page: in the officer's own
// database the five first steps (each done as soon as the data says so,
// most can be skipped), in the demo a short tour of five pages. It sits in
// the page's flow, never over the content, and can be closed at any time.

import * as ipc from '../ipc.js';
import { t } from '../i18n.js';
import { h, toast, commandError } from '../dom.js';
import { go, redraw } from '../nav.js';
import { refreshStatus, appState } from '../state.js';

/** The page each first step leads to, in the programme it works in. */
const STEP_ROUTES = {
  organisation: () => '#/settings',
  programme: () => '#/programme/new',
  // Without a current programme (all archived), the list is where to start.
  participants: (p) => (p ? `#/programme/${p}/import` : '#/programmes'),
  proposal: (p) => (p ? `#/programme/${p}/matching` : '#/programmes'),
  confirm: (p) => (p ? `#/programme/${p}/matching` : '#/programmes'),
};

/** The page each stop of the tour shows. */
const STOP_ROUTES = {
  programmes: () => '#/programmes',
  checklist: (p) => `#/programme/${p}`,
  participants: (p) => `#/programme/${p}/participants`,
  matching: (p) => `#/programme/${p}/matching`,
  results: (p) => `#/programme/${p}/trajectory`,
};

/** The kind of guide drawn last, and in which database, to notice the first steps being finished. */
let lastKind = null;
let lastDatabase = null;
/** Whether the finished first steps are being announced (until closed or left). */
let finished = false;

window.addEventListener('hashchange', () => { finished = false; });

// A change that can finish a first step (saved on any page): the bar looks
// again and is replaced where it stands, the page around it untouched.
// A change during a look is looked at once more when that look ends.
let looking = false;
let again = false;
window.addEventListener('klik:changed', async () => {
  if (lastKind !== 'first_steps') return;
  if (looking) { again = true; return; }
  looking = true;
  try {
    do {
      again = false;
      const bar = await guideBar();
      const old = document.getElementById('guide');
      if (old && bar) old.replaceWith(bar);
      else if (old) old.remove();
      else if (bar) document.getElementById('main')?.prepend(bar);
    } while (again);
  } finally {
    looking = false;
  }
});

/**
 * The guide's bar for the open database, or null when there is none.
 * @returns {Promise<HTMLElement|null>}
 */
export async function guideBar() {
  let guide;
  try {
    guide = await ipc.guide();
  } catch {
    // The guide is a help, not the page: the page still draws without it.
    return null;
  }
  // Finished means the same database's steps went; not a switch to the demo.
  const database = appState()?.database ?? null;
  if (lastKind === 'first_steps' && guide.kind === null && database === lastDatabase) finished = true;
  lastKind = guide.kind;
  lastDatabase = database;
  if (guide.kind === 'first_steps') return firstSteps(guide);
  if (guide.kind === 'tour') return tour(guide);
  return finished ? finishedBar() : null;
}

/** Runs a guide action and draws again; a failure is said, the page stays. */
async function act(work) {
  try {
    await work();
    // The page was drawn again: focus goes to the guide, or the page when it is gone.
    const target = document.getElementById('guide-title') ?? document.getElementById('main');
    if (target && !target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target?.focus();
  } catch (error) {
    toast(commandError(error).message);
  }
}

function stepList(guide, prefix) {
  return h('ol', { class: 'guide-steps', aria: { label: t('guide.steps_label') } },
    ...guide.steps.map((step, index) => h('li', {
      class: `guide-step guide-${step.state}`,
      dataset: { step: step.key },
      aria: { current: step.state === 'current' ? 'step' : undefined },
    },
    h('span', { class: 'guide-mark', aria: { hidden: 'true' } }, step.state === 'done' ? '✓' : String(index + 1)),
    h('span', {}, t(`${prefix}.${step.key}`)),
    h('span', { class: 'visually-hidden' }, ` (${t(`guide.state.${step.state}`)})`))));
}

function closeButton(label) {
  return h('button', {
    type: 'button', class: 'guide-close', id: 'guide-close', title: label, aria: { label },
    onclick: () => act(async () => { await ipc.endGuide(); lastKind = null; await redraw(); }),
  }, '×');
}

// The guide sits above the page's own h1, so its title is not a heading
// (an h2 before the h1 would break the page's outline); the guide is a
// landmark of its own, named by that title.
function frame(title, progress, close, ...content) {
  return h('aside', { class: 'guide', id: 'guide', aria: { labelledby: 'guide-title' } },
    h('div', { class: 'guide-head' },
      h('strong', { class: 'guide-title', id: 'guide-title' }, title),
      progress ? h('span', { class: 'guide-progress', id: 'guide-progress' }, progress) : null,
      close),
    ...content);
}

function firstSteps(guide) {
  const index = guide.steps.findIndex((s) => s.key === guide.current);
  const step = guide.steps[index];
  const route = STEP_ROUTES[step.key](guide.programme);
  const here = location.hash === route;
  return frame(t('guide.first_steps'),
    t('guide.progress', { n: String(index + 1), count: String(guide.steps.length) }),
    closeButton(t('guide.close')),
    stepList(guide, 'guide.step'),
    h('div', { class: 'guide-now' },
      h('p', {},
        h('strong', { id: 'guide-now-title' }, t(`guide.step.${step.key}`)), ' ',
        h('span', { id: 'guide-now-text' }, t(`guide.step.${step.key}.text`))),
      step.key === 'organisation' ? organisationForm() : null,
      h('div', { class: 'guide-actions' },
        here || step.key === 'organisation' ? null : h('a', { class: 'button small primary', id: 'guide-go', href: route }, t(`guide.step.${step.key}.go`)),
        step.skippable ? h('button', {
          type: 'button', class: 'button small secondary', id: 'guide-skip',
          onclick: () => act(async () => { await ipc.skipGuideStep(step.key); await redraw(); }),
        }, t('guide.skip')) : null)));
}

/** The first step is one field: the organisation's name, typed right here. */
function organisationForm() {
  const input = /** @type {HTMLInputElement} */ (h('input', {
    id: 'guide-organisation-name', name: 'organisation_name', type: 'text', maxlength: '200', autocomplete: 'organization',
    aria: { describedby: 'guide-organisation-error' },
  }));
  const error = h('p', { class: 'field-error', id: 'guide-organisation-error', role: 'alert' });
  const form = h('form', { class: 'guide-form', id: 'guide-organisation-form', novalidate: true },
    h('label', { for: 'guide-organisation-name' }, t('field.organisation_name')),
    input,
    h('button', { type: 'submit', class: 'button small primary', id: 'guide-save-organisation' }, t('action.save')),
    error);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!input.value.trim()) {
      error.textContent = t('guide.organisation_empty');
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    try {
      await ipc.setOrganisationName(input.value);
      await refreshStatus();
      await redraw();
    } catch (failure) {
      const problem = commandError(failure);
      error.textContent = problem.fields?.[0]?.message ?? problem.message;
      input.setAttribute('aria-invalid', 'true');
      input.focus();
    }
  });
  return form;
}

function tour(guide) {
  const index = guide.steps.findIndex((s) => s.key === guide.current);
  const stop = guide.steps[index];
  const route = STOP_ROUTES[stop.key](guide.programme);
  const here = location.hash === route;
  const last = index === guide.steps.length - 1;
  // Moving the tour goes to the page of the stop it arrives at.
  const move = (forward) => () => act(async () => {
    const next = await ipc.moveTour(forward);
    if (next.kind === 'tour') {
      const target = STOP_ROUTES[next.current](next.programme);
      if (location.hash === target) await redraw(); else go(target);
    } else {
      lastKind = null;
      await redraw();
    }
  });
  // Away from the stop's page the tour folds to one line: it stays
  // reachable without taking the page the officer chose to look at.
  if (!here) {
    return h('aside', { class: 'guide guide-folded', id: 'guide', aria: { labelledby: 'guide-title' } },
      h('div', { class: 'guide-head' },
        h('strong', { class: 'guide-title', id: 'guide-title' }, t('guide.tour')),
        h('span', { class: 'guide-progress', id: 'guide-progress' },
          t('guide.progress', { n: String(index + 1), count: String(guide.steps.length) }), ' · ',
          h('span', { id: 'guide-now-title' }, t(`guide.stop.${stop.key}`))),
        h('a', { class: 'button small secondary', id: 'guide-show', href: route }, t('guide.tour.show')),
        closeButton(t('guide.tour.end'))));
  }
  return frame(t('guide.tour'),
    t('guide.progress', { n: String(index + 1), count: String(guide.steps.length) }),
    closeButton(t('guide.tour.end')),
    stepList(guide, 'guide.stop'),
    h('div', { class: 'guide-now' },
      h('p', {},
        h('strong', { id: 'guide-now-title' }, t(`guide.stop.${stop.key}`)), ' ',
        h('span', { id: 'guide-now-text' }, t(`guide.stop.${stop.key}.text`))),
      h('div', { class: 'guide-actions' },
        index > 0 ? h('button', { type: 'button', class: 'button small secondary', id: 'guide-back', onclick: move(false) }, t('guide.tour.back')) : null,
        h('button', { type: 'button', class: 'button small primary', id: 'guide-next', onclick: move(true) },
          last ? t('guide.tour.end') : t('guide.tour.next')))));
}

function finishedBar() {
  return h('section', { class: 'guide guide-finished', id: 'guide', role: 'status' },
    h('div', { class: 'guide-head' },
      h('p', { id: 'guide-finished' }, '✓ ', t('guide.done_notice')),
      h('button', {
        type: 'button', class: 'guide-close', id: 'guide-close', title: t('guide.close'), aria: { label: t('guide.close') },
        onclick: () => { finished = false; document.getElementById('guide')?.remove(); },
      }, '×')));
}
