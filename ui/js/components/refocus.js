// Putting focus back where the person was working after a redraw.

/**
 * Focuses the first of the selectors that finds an element that can take
 * focus: the old element is gone after a redraw, so it is found again by a
 * selector, with the page's heading or the main area as fallbacks.
 * @param {(string|undefined)[]} candidates selectors, most wanted first
 * @param {{skipHidden?: boolean}} [options] skipHidden passes over hidden elements
 */
export function refocus(candidates, { skipHidden = false } = {}) {
  for (const candidate of candidates) {
    const element = candidate ? document.querySelector(candidate) : null;
    if (element instanceof HTMLElement && !element.hasAttribute('disabled') && !(skipHidden && element.hidden)) {
      element.focus();
      return;
    }
  }
}
