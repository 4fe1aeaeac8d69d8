// @ts-check
// Breadth of support beside an idea's points once totals show: a dot per organisation that
// backs it ("backed by 4 organisations"), and in the plenary a square per group. The server
// counts small organisations together so nobody is singled out (docs/protocol.md, "Breadth of
// support"); this only draws the numbers it sends. Shown for a breadth of 1 or more.
import { h } from '../dom.js';
import { loadPart, t } from '../i18n.js';

// this module's strings (the record, breadth and order) load with it, not with the page
await loadPart('record');

const MOST = 10; // marks drawn; beyond, "+N"

/** @param {number} n @param {string} mark */
const marks = (n, mark) => mark.repeat(Math.min(n, MOST)) + (n > MOST ? ` +${n - MOST}` : '');

/** @param {number} n @param {string} mark @param {string} key */
function line(n, mark, key) {
  const said = t(key, { n });
  return h(
    'span',
    { class: 'breadth', title: said },
    h('span', { 'aria-hidden': 'true', class: 'breadth-marks' }, marks(n, mark)),
    h('span', { class: 'sr-only' }, said),
  );
}

/**
 * The idea's breadth marks, or null when there is nothing to show.
 * @param {{id?: string, breadth?: number | null, breadth_groups?: number | null}} idea
 * @param {string} [cls] the wrapper's class (a meta line of the list it sits in)
 */
export function breadthMarks(idea, cls = 'rank-meta') {
  const orgs = idea.breadth ?? 0;
  const groups = idea.breadth_groups ?? 0;
  if (orgs < 1 && groups < 1) return null;
  return h(
    'span',
    { class: [cls, 'breadth-line'] },
    orgs > 0 ? line(orgs, '●', 'backed_by_orgs') : null,
    orgs > 0 && groups > 0 ? ' · ' : null,
    groups > 0 ? line(groups, '■', 'backed_by_groups') : null,
  );
}
