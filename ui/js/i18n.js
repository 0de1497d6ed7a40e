// Texts come from the core's catalogue; this module only holds the current
// language's copy and formats dates the way people there write them.

/** @type {Record<string, string>} */
let texts = {};
let language = 'nl';

/**
 * Installs the catalogue of a language.
 * @param {string} code
 * @param {Record<string, string>} entries
 */
export function install(code, entries) {
  language = code;
  texts = entries;
  document.documentElement.lang = code;
}

/** The current language code. */
export const currentLanguage = () => language;

/**
 * The text for a key with {placeholders} filled in. An unknown key shows
 * itself, so a gap is visible rather than silent.
 * @param {string} key
 * @param {Record<string, string|number>} [args]
 */
export function t(key, args = {}) {
  const template = texts[key] ?? key;
  return template.replace(/\{([a-z_]+)\}/g, (whole, name) => (name in args ? String(args[name]) : whole));
}

/**
 * A sentence with a number in it: `key_one` for 1 ("1 row"), else `key`.
 * @param {string} key
 * @param {number} count
 * @param {Record<string, string|number>} [args]
 */
export function counted(key, count, args = {}) {
  return t(count === 1 ? `${key}_one` : key, { count, ...args });
}

/** The locale for Intl formatting. */
function locale() {
  return { nl: 'nl-BE', fr: 'fr-BE', en: 'en-GB' }[language] ?? 'en-GB';
}

/**
 * A stored ISO date as people type it: 28-11-2026 in Dutch, 28/11/2026 otherwise.
 * @param {string} iso
 */
export function shortDate(iso) {
  const [y, m, d] = iso.split('-');
  return language === 'nl' ? `${d}-${m}-${y}` : `${d}/${m}/${y}`;
}

/**
 * A stored ISO date written out: 28 november 2026.
 * @param {string} iso
 */
export function longDate(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'long', year: 'numeric' }).format(
    new Date(y, m - 1, d),
  );
}
