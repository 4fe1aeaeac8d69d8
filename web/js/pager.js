// @ts-check
// The board always fits its screen: after each drawing the main part's cards shrink (the
// CSS variable --fit scales them, down to a readable floor the CSS sets), and what still
// does not fit is split into pages that turn on their own. Items are the elements marked
// data-page-item; a data-page-group element (a pair, a column) is hidden on a page that
// shows none of its items. Items marked data-page-last (the pair speaking) page only when
// the board cannot fit them even with every other item on a later page. Everything here
// is measured, not guessed: a card is on a page only if it lies wholly inside the main
// part there.

const STEPS = [1, 0.9, 0.8, 0.7, 0.6, 0.5];
const ITEM = '[data-page-item]';
const ANY = '[data-page-item], [data-page-last]';
const TURN_MS = 10000; // a page stays this long before the next one shows

/**
 * @typedef {object} Pager
 * @property {(main: HTMLElement | null) => void} fit after each drawing
 * @property {(step: number) => void} turn show the next (1) or previous (-1) page
 * @property {() => {page: number, pages: number}} where
 */

/**
 * Elements of `main` that reach outside it (or that a running animation would move).
 * @param {HTMLElement} main
 * @param {Element[]} items
 */
function outside(main, items) {
  const box = main.getBoundingClientRect();
  return items.filter((el) => {
    if (/** @type {HTMLElement} */ (el).hidden) return false;
    const r = el.getBoundingClientRect();
    if (!r.width && !r.height) return false;
    return r.bottom > box.bottom + 1 || r.right > box.right + 1 || r.left < box.left - 1;
  });
}

/** @param {HTMLElement} main */
const overflows = (main) =>
  outside(main, [...main.querySelectorAll('*')]).length > 0 ||
  main.scrollHeight > main.clientHeight + 1;

/** @param {number} fit */
const setFit = (fit) => document.documentElement.style.setProperty('--fit', String(fit));

/**
 * Show the given items only, and the groups holding one of them.
 * @param {HTMLElement} main
 * @param {Set<Element>} shown
 */
function show(main, shown) {
  for (const el of main.querySelectorAll(ANY)) {
    /** @type {HTMLElement} */ (el).hidden = !shown.has(el);
  }
  for (const g of main.querySelectorAll('[data-page-group]')) {
    const items = [...g.querySelectorAll(ANY)];
    /** @type {HTMLElement} */ (g).hidden = items.length > 0 && !items.some((i) => shown.has(i));
  }
}

/**
 * Split the items into pages: each page takes, in order, the items that still fit once the
 * earlier pages' items are out; one that fits nowhere gets a page of its own. The fixed
 * items are on every page.
 * @param {HTMLElement} main
 * @param {Element[]} items
 * @param {Element[]} [fixed]
 * @returns {string[][]} each page's item keys
 */
function paginate(main, items, fixed = []) {
  /** @type {string[][]} */
  const pages = [];
  let rest = items;
  const showWith = (/** @type {Set<Element>} */ shown) => show(main, new Set([...fixed, ...shown]));
  while (rest.length && pages.length < 50) {
    const shown = new Set(rest);
    showWith(shown);
    for (let round = 0; round < 20; round++) {
      const out = outside(main, [...shown]);
      if (!out.length) break;
      out.forEach((el) => shown.delete(el));
      showWith(shown);
    }
    if (!shown.size) shown.add(rest[0]);
    pages.push([...fixed, ...rest.filter((el) => shown.has(el))].map(keyOf));
    rest = rest.filter((el) => !shown.has(el));
  }
  return pages;
}

/** @param {Element} el */
const keyOf = (el) => el.getAttribute('data-page-item') || el.getAttribute('data-page-last') || '';

/**
 * @param {(page: number, pages: number) => void} onPage tells the page indicator
 * @returns {Pager}
 */
export function makePager(onPage) {
  /** @type {HTMLElement | null} */
  let root = null;
  /** @type {string[][]} */
  let pages = [];
  let page = 0;
  let phase = '';
  /** @type {ReturnType<typeof setInterval> | null} */
  let timer = null;

  const apply = () => {
    if (!root) return;
    if (pages.length > 1) {
      const keys = new Set(pages[page]);
      const items = [...root.querySelectorAll(ANY)];
      show(root, new Set(items.filter((el) => keys.has(keyOf(el)))));
    }
    onPage(page, pages.length);
  };
  const rotate = () => {
    if (timer) clearInterval(timer);
    timer = pages.length > 1 ? setInterval(() => turn(1), TURN_MS) : null;
  };
  /** @param {number} step */
  const turn = (step) => {
    if (pages.length < 2) return;
    page = (page + step + pages.length) % pages.length;
    apply();
  };

  /** @param {HTMLElement | null} main */
  const fit = (main) => {
    root = main;
    const before = pages.length;
    pages = [];
    if (!main) return onPage(0, 0);
    // a card still gliding (ui/flip.js) would be measured where it is passing
    for (const a of main.getAnimations({ subtree: true })) a.finish();
    const all = [...main.querySelectorAll(ANY)];
    show(main, new Set(all));
    let i = 0;
    setFit(STEPS[0]);
    while (overflows(main) && i < STEPS.length - 1) setFit(STEPS[++i]);
    pages = [all.map(keyOf)];
    if (overflows(main)) {
      const items = [...main.querySelectorAll(ITEM)];
      const fixed = all.filter((el) => !items.includes(el));
      pages = items.length ? paginate(main, items, fixed) : [];
      show(main, new Set(fixed));
      if (!pages.length || overflows(main)) pages = paginate(main, all); // the last resort
    }
    // a new phase starts at its first page
    if (page >= pages.length || document.body.dataset.phase !== phase) page = 0;
    phase = document.body.dataset.phase || '';
    apply();
    if (pages.length !== before) rotate();
  };

  return {
    fit,
    turn: (step) => {
      turn(step);
      rotate(); // a page turned by hand stays its full time
    },
    where: () => ({ page, pages: pages.length }),
  };
}
