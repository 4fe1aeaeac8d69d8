// @ts-check
// Questions every page asks of a view: which phase comes next, which ideas are on the board,
// whether totals are out, and the ideas in rank order.

export const PHASES = [
  'lobby',
  'own',
  'pair',
  'explain',
  'rank',
  'plenary',
  'arrange',
  'reflect',
  'done',
];

/** @param {View} view */
export const hasGroups = (view) => (view.session.settings.groups?.size || 0) > 0;

/**
 * The session's phases: the plenary only with groups.
 * @param {View} view
 */
export const phasesOf = (view) => PHASES.filter((p) => p !== 'plenary' || hasGroups(view));

/** @param {string} name */
export const phaseIndex = (name) => PHASES.indexOf(name);

/**
 * Visible board ideas (not hidden), in creation order.
 * @param {View} view
 */
export const boardIdeas = (view) => (view.ideas || []).filter((i) => !i.hidden);

/** @param {View} view */
export function revealed(view) {
  if (view.rank && typeof view.rank.revealed === 'boolean') return view.rank.revealed;
  return (view.ideas || []).some((i) => i.points != null);
}

/**
 * Ideas in ranked order: by `place`, the server's tie-break, the order of every export
 * (ties share a `rank`); then by rank; unranked keep creation order.
 * @param {Idea[]} ideas
 */
export function byRank(ideas) {
  return ideas
    .map((idea, i) => ({ idea, i }))
    .sort((a, b) => {
      const ra = a.idea.place ?? a.idea.rank ?? Infinity;
      const rb = b.idea.place ?? b.idea.rank ?? Infinity;
      return ra === rb ? a.i - b.i : ra - rb;
    })
    .map((x) => x.idea);
}

/** @param {string} code */
export const joinUrl = (code) => `${location.origin}/j/${encodeURIComponent(code)}`;
/** @param {string} code */
export const qrSrc = (code) => `/api/sessions/${encodeURIComponent(code)}/qr.svg`;
