// @ts-check
// The page's language: chosen once when this module loads (before any page renders, so no
// English flashes first), its string tables fetched from lang/<code>.js (+ -wide.js on the
// start page, console and board; -record.js and -errors.js when a module first needs them).
// Only the chosen language loads: tests/web/test_language.py keeps every table complete, so
// German never needs English as a fallback (the phone's page must stay under 100 KB).
// Values are data (docs/design.md, "Languages"): a string with {name} placeholders, or a
// plural object keyed by CLDR category, chosen with Intl.PluralRules on vars.n.
import { readJson, writeJson } from './storage.js';

/** Every language the pages speak, in the menu's order (each named in its own lang_name). */
export const LANGUAGES = ['en', 'cy', 'de', 'fi', 'fr', 'sv'];

/** @typedef {'core' | 'wide' | 'record' | 'errors'} Part */

const page = document.body?.dataset.page || 'start';
const storeKey = `opera.lang.${page}`;

/** @param {string | null | undefined} tag 'de-AT' -> 'de'; null when not one of ours */
export function supported(tag) {
  const code = (tag || '').toLowerCase().split('-')[0];
  return LANGUAGES.includes(code) ? code : null;
}

/**
 * ?lang= first, then this page role's remembered choice (the board, the console and the
 * phone each keep their own), then the browser's languages, then English.
 * @returns {string}
 */
function chosen() {
  const asked = supported(new URLSearchParams(location.search).get('lang'));
  const kept = supported(readJson(localStorage, storeKey));
  const browser = (navigator.languages || [navigator.language]).map(supported).find(Boolean);
  return asked || kept || browser || 'en';
}

/** @type {StringTable} */
let current = {};
let code = 'en';
/** @type {Intl.PluralRules} */
let rules = new Intl.PluralRules('en');
/** @type {Set<Part>} */
const parts = new Set();
/** @type {Set<() => void>} */
const listeners = new Set();

/** @param {string} lang @param {Part} part @returns {Promise<StringTable>} */
const fetchPart = (lang, part) =>
  import(`./lang/${lang}${part === 'core' ? '' : `-${part}`}.js`).then((m) => m.default);

/** The current language's code ('en', 'de', …). */
export const language = () => code;

/**
 * Load `part` of the current language (once; again after a change of language). English
 * has no -errors table: the server's own message is its sentence.
 * @param {Part} part
 */
export async function loadPart(part) {
  if (parts.has(part) || (part === 'errors' && code === 'en')) return;
  const table = await fetchPart(code, part);
  Object.assign(current, table);
  parts.add(part);
}

/**
 * Switch to `lang` with the parts loaded so far, set <html lang>, and tell the listeners
 * (the page re-renders).
 * @param {string} lang
 * @param {Iterable<Part>} [need]
 */
export async function loadLanguage(lang, need = parts) {
  const wanted = [...new Set(['core', ...need])].filter((p) => p !== 'errors' || lang !== 'en');
  const tables = await Promise.all(wanted.map((p) => fetchPart(lang, /** @type {Part} */ (p))));
  current = Object.assign({}, ...tables);
  code = lang;
  rules = new Intl.PluralRules(lang);
  parts.clear();
  wanted.forEach((p) => parts.add(/** @type {Part} */ (p)));
  document.documentElement.lang = lang;
  listeners.forEach((fn) => fn());
}

/**
 * The menu's choice: remembered for this page role, then loaded.
 * @param {string} lang
 */
export function chooseLanguage(lang) {
  writeJson(localStorage, storeKey, lang);
  return loadLanguage(lang);
}

/** @param {() => void} fn called after every change of language */
export const onLanguage = (fn) => listeners.add(fn);

/**
 * The string `key` in the current language (the key itself if it has none), its {name}
 * placeholders filled from `vars`; a plural object picks its form by vars.n.
 * @param {string} key
 * @param {Vars} [vars]
 * @returns {string}
 */
export function t(key, vars = {}) {
  const s = current[key];
  if (s === undefined) return key;
  const form = typeof s === 'string' ? s : (s[rules.select(Number(vars.n))] ?? s.other);
  return form.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? format(vars[name]) : m));
}

/**
 * What the server refused, in this language: err_<reason> from <code>-errors.js (fetched at
 * the first refusal), filled from its vars; the server's English message for English, for a
 * reason this page does not know yet, or when the table cannot be fetched.
 * @param {{code?: string, message?: string, reason?: string, vars?: Vars} | null | undefined} err
 * @returns {Promise<string>} '' for no error
 */
export async function refusalText(err) {
  if (!err) return '';
  await loadPart('errors').catch(() => {});
  const key = `err_${err.reason}`;
  return err.reason && key in current ? t(key, err.vars || {}) : err.message || err.code || '';
}

/** @param {unknown} value a number in this language's digits and separators */
const format = (value) => (typeof value === 'number' ? number(value) : String(value));

/** @param {number} n */
export const number = (n) => new Intl.NumberFormat(code).format(n);

/** @param {string[]} items 'a, b and c' in this language */
export const list = (items) =>
  new Intl.ListFormat(code, { style: 'long', type: 'conjunction' }).format(items);

/** @param {number | Date} when a time of day, as this language writes it */
export const clock = (when) =>
  new Intl.DateTimeFormat(code, { hour: 'numeric', minute: '2-digit' }).format(when);

/** @type {Part[]} */
const first = page === 'join' ? [] : ['wide'];
// a language whose tables cannot be fetched (offline mid-change, a removed code) is English
await loadLanguage(chosen(), first).catch(() => loadLanguage('en', first));
