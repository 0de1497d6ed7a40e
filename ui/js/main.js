// Boot and routing. Asks the shell where the app stands (welcome, ready or
// unavailable), installs the language, draws the frame and the view of the
// current #/route. The only module that imports the views; they reach it
// through nav.js (go, redraw) and read the app's status from state.js.

import * as ipc from './ipc.js';
import { t } from './i18n.js';
import { h, commandError, clearOldToasts } from './dom.js';
import { go, RENDER } from './nav.js';
import { appState, applyStatus, refreshStatus } from './state.js';
import { welcomeView } from './views/welcome.js';
import { unavailableView } from './views/unavailable.js';
import { guideBar } from './components/guide.js';
import { programmesView } from './views/programmes.js';
import { programmeView } from './views/programme.js';
import { programmeFormView } from './views/programme-form.js';
import { settingsView } from './views/settings.js';
import { participantsView } from './views/participants.js';
import { participantFormView } from './views/participant-form.js';
import { importView } from './views/import.js';
import { matchingView } from './views/matching.js';
import { agreementView } from './views/agreement.js';
import { agreementTextsView } from './views/agreement-texts.js';
import { intakesView } from './views/intakes.js';
import { trajectoryView } from './views/trajectory.js';
import { pairView } from './views/pair.js';
import { messagesView } from './views/messages.js';

const routes = [
  { pattern: /^#\/programmes(?:\/(archived))?$/, view: (m) => programmesView(m[1] === 'archived' ? 'archived' : 'current'), nav: 'programmes' },
  { pattern: /^#\/programme\/new$/, view: () => programmeFormView(null), nav: 'programmes' },
  { pattern: /^#\/programme\/(\d+)\/edit$/, view: (m) => programmeFormView(Number(m[1])), nav: 'programmes' },
  { pattern: /^#\/programme\/(\d+)$/, view: (m) => programmeView(Number(m[1])), nav: 'programmes' },
  { pattern: /^#\/programme\/(\d+)\/participants$/, view: (m) => participantsView(Number(m[1])), nav: 'programmes' },
  { pattern: /^#\/programme\/(\d+)\/participant\/new$/, view: (m) => participantFormView(Number(m[1]), null), nav: 'programmes' },
  { pattern: /^#\/programme\/(\d+)\/participant\/(\d+)$/, view: (m) => participantFormView(Number(m[1]), Number(m[2])), nav: 'programmes' },
  { pattern: /^#\/programme\/(\d+)\/import$/, view: (m) => importView(Number(m[1])), nav: 'programmes' },
  { pattern: /^#\/programme\/(\d+)\/matching$/, view: (m) => matchingView(Number(m[1])), nav: 'programmes' },
  { pattern: /^#\/programme\/(\d+)\/intakes$/, view: (m) => intakesView(Number(m[1])), nav: 'programmes' },
  { pattern: /^#\/programme\/(\d+)\/agreement-texts$/, view: (m) => agreementTextsView(Number(m[1])), nav: 'programmes' },
  { pattern: /^#\/programme\/(\d+)\/agreement\/(\d+)$/, view: (m) => agreementView(Number(m[1]), Number(m[2])), nav: 'programmes' },
  { pattern: /^#\/programme\/(\d+)\/trajectory(?:\?at=(\w+))?$/, view: (m) => trajectoryView(Number(m[1]), m[2]), nav: 'programmes' },
  { pattern: /^#\/programme\/(\d+)\/pair\/(\d+)(?:\?do=(\w+))?$/, view: (m) => pairView(Number(m[1]), Number(m[2]), m[3]), nav: 'programmes' },
  { pattern: /^#\/programme\/(\d+)\/messages$/, view: (m) => messagesView(Number(m[1])), nav: 'programmes' },
  { pattern: /^#\/settings$/, view: () => settingsView(), nav: 'settings' },
];

function frame(active, content, guide) {
  const status = appState();
  const navLink = (key, hash, label) => h('a', {
    href: hash,
    id: `nav-${key}`,
    class: key === active ? 'nav-link active' : 'nav-link',
    aria: { current: key === active ? 'page' : undefined },
  }, label);
  return h('div', { class: 'layout' },
    h('header', { class: 'sidebar' },
      h('div', { class: 'brand' },
        h('img', { src: 'assets/klik.svg', alt: '', class: 'brand-logo', width: '40', height: '40' }),
        h('div', {},
          h('p', { class: 'brand-name' }, t('app.name')),
          h('p', { class: 'brand-org', id: 'brand-org' }, status.organisation_name || t('app.tagline')))),
      h('nav', { aria: { label: t('nav.main') } },
        navLink('programmes', '#/programmes', t('nav.programmes')),
        navLink('settings', '#/settings', t('nav.settings')))),
    h('div', { class: 'main-column' },
      status.demo ? h('div', { class: 'demo-banner', id: 'demo-banner', role: 'note' },
        h('span', {}, t('demo.banner')),
        h('button', {
          class: 'button small secondary', type: 'button', id: 'leave-demo',
          onclick: async () => { await applyStatus(await ipc.switchWorkspace(false)); go('#/programmes'); },
        }, t('demo.leave'))) : null,
      h('main', { id: 'main', tabindex: '-1' }, guide, h('div', { id: 'page-alerts' }), content)));
}

/** Draws the screen for the current state and route. */
async function render() {
  const status = appState();
  const app = document.getElementById('app');
  document.getElementById('skip-link').textContent = t('shell.skip_to_content');
  document.title = t('app.name');
  if (status.state === 'unavailable') {
    app.replaceChildren(await unavailableView(status));
  } else if (status.state === 'welcome') {
    app.replaceChildren(welcomeView(status));
  } else {
    const hash = location.hash || '#/programmes';
    const route = routes.find((r) => r.pattern.test(hash));
    if (!route) { go('#/programmes'); return; }
    const content = h('div', { class: 'view' }, h('p', { class: 'loading' }, t('shell.loading')));
    app.replaceChildren(frame(route.nav, content, await guideBar()));
    try {
      content.replaceChildren(await route.view(hash.match(route.pattern)));
    } catch (error) {
      content.replaceChildren(h('div', { class: 'error-summary', role: 'alert' },
        h('h2', {}, t('error.summary_title')), h('p', {}, commandError(error).message)));
    }
    const heading = content.querySelector('h1');
    if (heading) document.title = `${heading.textContent} — ${t('app.name')}`;
  }
  app.setAttribute('aria-busy', 'false');
}

window.addEventListener('hashchange', () => { clearOldToasts(); if (appState()) render(); });
// Views ask for a redraw through nav.js; the one who asks may wait for it.
window.addEventListener(RENDER, (event) => /** @type {CustomEvent} */ (event).detail.wait(render()));

async function boot() {
  try {
    await refreshStatus();
  } catch (error) {
    document.getElementById('boot').textContent = error?.message ?? String(error);
    return;
  }
  await render();
}

boot();
