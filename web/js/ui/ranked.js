// @ts-check
// The ranked result: the board's, the host's (with who backs each idea) and the phone's.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { boardIdeas, byRank } from '../view.js';
import { breadthMarks } from './breadth.js';

/**
 * @param {View} view
 * @param {{bars?: boolean, backing?: boolean, group?: (idea: Idea) => string}} [show] bars: a bar per idea scaled to the top
 *   score (projector, console); backing: how many ballots and organisations back it (host); group: the idea's group label (the plenary)
 */
export function rankedList(view, show = {}) {
  const ideas = byRank(boardIdeas(view));
  const top = Math.max(1, ...ideas.map((i) => i.points || 0));
  return h(
    'ol',
    { class: 'ranked', key: 'ranked', 'aria-label': t('results') },
    ideas.map((i) =>
      h(
        'li',
        { key: i.id, 'data-flip': i.id, 'data-page-item': i.id },
        h('span', { class: 'rank-no' }, i.rank != null ? t('rank_n', { n: i.rank }) : '–'),
        h('span', { class: 'rank-text' }, i.text),
        show.group ? h('span', { class: 'badge' }, show.group(i)) : null,
        h('span', { class: 'rank-pts' }, t('points', { n: i.points || 0 })),
        breadthMarks(i),
        show.bars
          ? h(
              'div',
              { class: 'bar-track', 'aria-hidden': 'true' },
              h('div', { class: 'bar', style: { width: `${(100 * (i.points || 0)) / top}%` } }),
            )
          : null,
        show.backing && typeof i.votes === 'number' && i.votes > 0
          ? h(
              'span',
              { class: 'rank-meta' },
              t('backing', {
                votes: t('backing_votes', { n: i.votes }),
                orgs: t('backing_orgs', { n: i.orgs ?? 0 }),
              }),
            )
          : null,
      ),
    ),
  );
}
