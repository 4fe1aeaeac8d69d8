// @ts-check
// The page's language, chosen as this module loads (before any render: no flash of English),
// and only its tables fetched (lang/<code>*.js; docs/design.md, "Languages"): the tests keep
// every table complete, so no English underneath, and the phone stays under 100 KB.
import { readJson, writeJson } from './storage.js';

/** The menu's order */
export const LANGUAGES = ['en', 'cy', 'de', 'fi', 'fr', 'sv'];

/** @typedef {'core' | 'later' | 'wide' | 'record' | 'errors'} Part */

const page = document.body?.dataset.page || 'start';
const storeKey = `opera.lang.${page}`;

/** @param {string | null | undefined} tag 'de-AT' -> 'de'; null if not ours */
function supported(tag) {
  const code = (tag || '').toLowerCase().split('-')[0];
  return LANGUAGES.includes(code) ? code : null;
}

/** ?lang=, this page role's remembered choice, the browser's languages, English */
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

export const language = () => code;

/** @param {Part} part once per language; English has no -errors (the server's words are) */
export async function loadPart(part) {
  if (parts.has(part) || (part === 'errors' && code === 'en')) return;
  const table = await fetchPart(code, part);
  Object.assign(current, table);
  parts.add(part);
}

/** @param {string} lang @param {Iterable<Part>} [need] by default the parts loaded so far */
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

/** @param {string} lang the menu's choice, remembered for this page role */
export function chooseLanguage(lang) {
  writeJson(localStorage, storeKey, lang);
  return loadLanguage(lang);
}

/** @param {() => void} fn after each change (the page re-renders) */
export const onLanguage = (fn) => listeners.add(fn);

/**
 * `key` in this language (or the key), {name} filled from vars, a plural's form by vars.n
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
 * A refusal as err_<reason> says it (-errors fetched at the first), else the server's words
 * @param {{code?: string, message?: string, reason?: string, vars?: Vars} | null | undefined} err
 * @returns {Promise<string>}
 */
export async function refusalText(err) {
  if (!err) return '';
  await loadPart('errors').catch(() => {});
  const key = `err_${err.reason}`;
  return err.reason && key in current ? t(key, err.vars || {}) : err.message || err.code || '';
}

/** @param {string} label the server's default ("Pair 3", "Group 2") in this language */
export const localLabel = (label) =>
  label.replace(/^(Pair|Group) (\d+)$/, (_m, kind, n) =>
    t(kind === 'Pair' ? 'pair_n' : 'group_n', { n: Number(n) }),
  );

/** @param {unknown} value */
const format = (value) => (typeof value === 'number' ? number(value) : String(value));

/** @param {number} n */
export const number = (n) => new Intl.NumberFormat(code).format(n);

// Chromium's ICU has no Welsh lists or times: it would say 'Elin and Tomos', '11:20 PM'.
/** @param {typeof Intl.ListFormat | typeof Intl.DateTimeFormat} kind */
const known = (kind) => kind.supportedLocalesOf(code).length > 0;

/** @param {string[]} items 'a, b and c' (without the language's data: 'a, b, c') */
export const list = (items) =>
  known(Intl.ListFormat)
    ? new Intl.ListFormat(code, { style: 'long', type: 'conjunction' }).format(items)
    : items.join(', ');

/** @param {number | Date} when a time of day (without the language's data: 23:20) */
export const clock = (when) =>
  known(Intl.DateTimeFormat)
    ? new Intl.DateTimeFormat(code, { hour: 'numeric', minute: '2-digit' }).format(when)
    : new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' }).format(when);

// the phone's later screens fetch 'later' themselves
/** @type {Part[]} */
const first = page === 'join' ? [] : ['later', 'wide'];
// tables that cannot be fetched: English
await loadLanguage(chosen(), first).catch(() => loadLanguage('en', first));
