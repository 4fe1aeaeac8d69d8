// @ts-check
// What each command shows before its ack: one table, applied in one place (page.js) to a copy
// of the view before any screen draws, so an action looks instant and a screen never asks
// what is still on its way. tests/e2e/test_pending.py checks every row against what the
// server really does with the command.

/** @type {Record<string, (view: View, args: any, cmd: Command) => void>} */
export const PENDING = {
  // Own: the author's list; a new idea shows under the command's id until the real one comes
  'idea.add': (v, a, cmd) => {
    v.me?.ideas.push({ id: cmd.id, text: a.text, pending: cmd.id });
  },
  'idea.edit': (v, a, cmd) => {
    const idea = v.me?.ideas.find((i) => i.id === a.idea_id);
    if (idea) Object.assign(idea, { text: a.text, pending: cmd.id });
  },
  'idea.delete': (v, a) => {
    if (v.me) v.me.ideas = v.me.ideas.filter((i) => i.id !== a.idea_id);
  },
  // Pair: the pool, the shortlist (a changed list clears every confirmation), my confirmation
  'pair.write': (v, a, cmd) => {
    v.me?.pair?.pool.push({ id: cmd.id, text: a.text, pending: cmd.id });
  },
  'pair.shortlist': (v, a) => {
    const pair = v.me?.pair;
    if (!pair) return;
    const ids = /** @type {string[]} */ (a.idea_ids);
    if (ids.join() !== pair.shortlist.join()) pair.confirmed = [];
    pair.shortlist = ids.slice();
  },
  'pair.confirm': (v) => {
    const me = v.me;
    if (me?.pair && !me.pair.confirmed.includes(me.id)) me.pair.confirmed.push(me.id);
  },
  // Rank: the ballot and what is left of the budget
  'vote.set': (v, a) => {
    if (!v.me) return;
    const before = v.me.votes[a.idea_id] || 0;
    if (a.points) v.me.votes[a.idea_id] = a.points;
    else delete v.me.votes[a.idea_id]; // as the server does: no entry for no points
    v.me.votes_left = Math.max(0, v.me.votes_left - (a.points - before));
  },
  // Arrange: the board
  'idea.place': (v, a) => {
    const clusters = v.clusters || [];
    for (const c of clusters) c.idea_ids = c.idea_ids.filter((id) => id !== a.idea_id);
    const idea = (v.ideas || []).find((i) => i.id === a.idea_id);
    if (idea) idea.cluster_id = a.cluster_id ?? null;
    const target = clusters.find((c) => c.id === a.cluster_id);
    if (!target) return;
    const end = target.idea_ids.length;
    target.idea_ids.splice(
      typeof a.index === 'number' ? Math.min(a.index, end) : end,
      0,
      a.idea_id,
    );
  },
  'cluster.update': (v, a) => {
    const c = (v.clusters || []).find((x) => x.id === a.cluster_id);
    if (c)
      for (const k of /** @type {const} */ (['label', 'owner', 'action'])) if (k in a) c[k] = a[k];
  },
  'cluster.delete': (v, a) => {
    v.clusters = (v.clusters || []).filter((c) => c.id !== a.cluster_id);
    for (const i of v.ideas || []) if (i.cluster_id === a.cluster_id) i.cluster_id = null;
  },
  'idea.hide': (v, a) => {
    const idea = (v.ideas || []).find((i) => i.id === a.idea_id);
    if (idea) idea.hidden = true;
  },
};

/** Rows that change only the sender's own part of the view (`me`). */
export const OWN = new Set([
  'idea.add',
  'idea.edit',
  'idea.delete',
  'pair.write',
  'pair.shortlist',
  'pair.confirm',
  'vote.set',
]);

/**
 * The view as it will be once the pending commands are applied (a copy; the view is kept).
 * @param {View} view
 * @param {Command[]} pending in the order they were sent
 * @returns {View}
 */
export function withPending(view, pending) {
  const known = pending.filter((cmd) => cmd.name in PENDING);
  if (!known.length) return view;
  const v = structuredClone(view);
  for (const cmd of known) PENDING[cmd.name](v, cmd.args || {}, cmd);
  return v;
}
