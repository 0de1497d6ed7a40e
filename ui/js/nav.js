// Navigation without knowing the views: a view asks for a route with
// `go(hash)` or for the current screen to be drawn again with `redraw()`;
// main.js listens for `klik:render` and draws. This module imports nothing,
// so no view needs main.js and no import cycle can run through the router.

/** The event main.js listens for to draw the current route. */
export const RENDER = 'klik:render';

/**
 * Draws the current screen again; resolves once it is drawn.
 * @returns {Promise<void>}
 */
export function redraw() {
  /** @type {Promise<any>[]} */
  const drawing = [];
  window.dispatchEvent(new CustomEvent(RENDER, { detail: { wait: (/** @type {Promise<any>} */ done) => drawing.push(done) } }));
  return Promise.all(drawing).then(() => undefined);
}

/** Navigates to a route; the same route is drawn again. @param {string} hash */
export function go(hash) {
  if (location.hash === hash) redraw(); else location.hash = hash;
}
