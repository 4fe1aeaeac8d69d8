// @ts-check
// The projector in a breakout event: every group's progress from Own to Rank (counts only,
// never a text), then the plenary: each group's top ideas under its label, the spotlighted
// group large, and the revealed ranking with each idea's group.
import { h } from './dom.js';
import { t } from './i18n.js';
import { groupColour, groupLabel } from './ui/group.js';
import { rankedList } from './ui/ranked.js';
import { boardIdeas, revealed } from './view.js';

/** @type {Record<string, string>} */
const UNIT = {
  own: 'have_written',
  pair: 'pairs_confirmed',
  explain: 'pairs_spoken',
  rank: 'have_voted',
};

/**
 * A tile per group: its label in its colour, a bar and "3 of 5".
 * @param {View} view
 */
export function groupProgress(view) {
  const p = view.progress || { done: 0, of: 0 };
  const unit = UNIT[view.phase.name] || 'people_online';
  return h(
    'section',
    { key: 'group-progress', class: 'stack' },
    h('p', { class: 'big-count', role: 'status' }, t(unit, p)),
    h(
      'ul',
      { class: 'group-dots', 'aria-label': t('groups_progress') },
      (view.groups || []).map((g) => {
        const gp = g.progress || { done: 0, of: 0 };
        return h(
          'li',
          { key: g.id, 'data-page-item': g.id, style: { 'border-top-color': groupColour(g.id) } },
          h('strong', null, g.label),
          h(
            'div',
            { class: 'progress-bar', 'aria-hidden': 'true' },
            h('div', { style: { width: `${gp.of ? (100 * gp.done) / gp.of : 0}%` } }),
          ),
          h('p', null, t('n_of', { done: gp.done, of: gp.of })),
        );
      }),
    ),
  );
}

/**
 * A group's top ideas under its label and colour; a small one may turn pages.
 * @param {View} view
 * @param {Idea[]} ideas
 * @param {string | null} current
 * @param {string} gid
 * @param {boolean} small
 */
const groupBlock = (view, ideas, current, gid, small) =>
  h(
    'div',
    {
      class: ['pair-group', gid === current ? 'current' : ''],
      key: gid,
      'data-page-group': small ? '' : null,
      style: { 'border-left': `14px solid ${groupColour(gid)}`, 'padding-left': '1rem' },
    },
    h('h2', { class: 'pair-head' }, groupLabel(view, gid)),
    h(
      'ul',
      { class: 'cards' },
      ideas
        .filter((i) => i.group_id === gid)
        .map((i) =>
          h(
            'li',
            {
              class: ['card', small ? 'small' : ''],
              key: i.id,
              'data-flip': i.id,
              'data-page-item': small ? i.id : null,
            },
            h('p', { class: 'card-text' }, i.text),
          ),
        ),
    ),
  );

/**
 * The plenary board: by group (the spotlighted one large), or the ranking once revealed.
 * @param {View} view
 */
export function plenaryBoard(view) {
  if (revealed(view))
    return rankedList(view, { bars: true, group: (i) => groupLabel(view, i.group_id || '') });
  const ideas = boardIdeas(view);
  const current = view.plenary?.current ?? null;
  const ids = [...new Set(ideas.map((i) => i.group_id || ''))];
  const progress = view.progress
    ? h('p', { class: 'big-count', role: 'status' }, t('have_voted', view.progress))
    : null;
  if (!current) {
    return h(
      'section',
      { key: 'plenary-all', class: 'stack' },
      progress,
      h(
        'div',
        { class: 'columns' },
        ids.map((gid) => groupBlock(view, ideas, current, gid, true)),
      ),
    );
  }
  return h(
    'section',
    { key: 'plenary', class: 'stack' },
    progress,
    h(
      'div',
      { class: 'spotlight-grid' },
      h('div', { class: 'current-pair' }, groupBlock(view, ideas, current, current, false)),
      h(
        'div',
        { class: 'others', 'aria-label': t('other_groups') },
        ids
          .filter((gid) => gid !== current)
          .map((gid) => groupBlock(view, ideas, current, gid, true)),
      ),
    ),
  );
}

/**
 * The host's notice, large across the top.
 * @param {View} view
 */
export const boardNotice = (view) =>
  view.session.notice?.text
    ? h(
        'p',
        { class: 'notice board-notice', role: 'status', key: 'notice' },
        view.session.notice.text,
      )
    : null;
