// A "More" menu: the actions a page does not need every day, out of the
// way of the everyday buttons (destructive ones last). A native
// <details>, so it opens with the keyboard and is read as a button.

import { t } from '../i18n.js';
import { h } from '../dom.js';

/**
 * @param {string} id
 * @param {Array<{id: string, label: string, href?: string, run?: () => void, danger?: boolean} | null>} items
 * @param {string} [about] what the menu acts on (a pair, a programme), for
 *   screen readers, where every row has a menu of its own
 */
export function moreMenu(id, items, about) {
  const menu = h('details', { class: 'menu', id });
  const close = () => { menu.open = false; };
  const entries = items.filter(Boolean).map((item) => h('li', {},
    item.href
      ? h('a', { id: item.id, href: item.href, class: 'menu-item', onclick: close }, item.label)
      : h('button', {
        id: item.id, type: 'button', class: item.danger ? 'menu-item danger' : 'menu-item',
        onclick: () => { close(); item.run?.(); },
      }, item.label)));
  menu.append(
    h('summary', { class: 'button secondary', aria: { label: about ? `${t('action.more')}: ${about}` : undefined } }, t('action.more')),
    h('ul', { class: 'menu-list' }, entries));
  return menu;
}

// A click anywhere else, or Escape, closes an open menu, as menus do; one
// listener for every menu of every page.
document.addEventListener('click', (event) => {
  for (const open of document.querySelectorAll('details.menu[open]')) {
    if (!open.contains(/** @type {Node} */ (event.target))) open.removeAttribute('open');
  }
});
document.addEventListener('keydown', (event) => {
  if (event.key !== 'Escape') return;
  for (const open of document.querySelectorAll('details.menu[open]')) {
    open.removeAttribute('open');
    /** @type {HTMLElement|null} */ (open.querySelector('summary'))?.focus();
  }
});
