// The tabs under a programme's name, shared by every page of a programme.

import { t } from '../i18n.js';
import { h } from '../dom.js';

/**
 * The tabs under a programme's name: overview, participants, matching, intakes, trajectory and messages.
 * @param {any} p
 * @param {'overview'|'participants'|'matching'|'intakes'|'trajectory'|'messages'} active
 */
export function programmeTabs(p, active) {
  const tab = (key, hash, label) => h('a', {
    href: hash, id: `programme-tab-${key}`, class: key === active ? 'tab active' : 'tab',
    aria: { current: key === active ? 'page' : undefined },
  }, label);
  return h('nav', { class: 'tabs', aria: { label: p.name } },
    tab('overview', `#/programme/${p.id}`, t('programme.overview')),
    tab('participants', `#/programme/${p.id}/participants`, t('nav.participants')),
    tab('matching', `#/programme/${p.id}/matching`, t('nav.matching')),
    tab('intakes', `#/programme/${p.id}/intakes`, t('nav.intakes')),
    tab('trajectory', `#/programme/${p.id}/trajectory`, t('nav.trajectory')),
    tab('messages', `#/programme/${p.id}/messages`, t('nav.messages')));
}
