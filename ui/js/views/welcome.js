// First start: explore the demo, or begin with an empty database.

import * as ipc from '../ipc.js';
import { t } from '../i18n.js';
import { h, commandError, oneAtATime } from '../dom.js';
import { applyStatus } from '../state.js';
import { languagePicker } from '../components/language-picker.js';

/** @param {any} status */
export function welcomeView(status) {
  // One choice at a time; a problem is said under the choices.
  const act = oneAtATime(() => view);
  const choose = (choice) => () => act(async () => {
    try {
      const next = await ipc.chooseStart(choice);
      // Both start at the programmes; an empty start is led by the first steps.
      location.hash = '#/programmes';
      await applyStatus(next);
    } catch (error) {
      document.getElementById('welcome-error').textContent = commandError(error).message;
    }
  });
  const view = h('main', { id: 'main', class: 'welcome', tabindex: '-1' },
    h('div', { class: 'welcome-card' },
      h('div', { class: 'welcome-top' },
        h('img', { src: 'assets/klik.svg', alt: '', width: '72', height: '72' }),
        languagePicker(status, 'welcome-language')),
      h('h1', {}, t('welcome.title')),
      h('p', { class: 'lead' }, t('welcome.intro')),
      h('h2', {}, t('welcome.question')),
      h('div', { class: 'choices' },
        h('button', { class: 'choice', type: 'button', id: 'welcome-demo', onclick: choose('demo') },
          h('span', { class: 'choice-title' }, t('welcome.demo')),
          h('span', { class: 'choice-hint' }, t('welcome.demo_hint'))),
        h('button', { class: 'choice', type: 'button', id: 'welcome-empty', onclick: choose('empty') },
          h('span', { class: 'choice-title' }, t('welcome.empty')),
          h('span', { class: 'choice-hint' }, t('welcome.empty_hint')))),
      h('p', { class: 'field-error', id: 'welcome-error', role: 'alert' })));
  return view;
}

