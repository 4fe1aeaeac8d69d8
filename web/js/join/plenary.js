// @ts-check
// The phone's plenary: every group's top ideas under their group, the spotlighted group
// marked, the vote with the own-group cap in words, the ranking once revealed. Fetched by
// group.js from Rank on (with the vote's and breadth's modules), so a breakout event's lobby
// stays light.
import { h } from '../dom.js';
import { loadPart, t } from '../i18n.js';
import { groupLabel } from '../ui/group.js';
import { boardIdeas, byRank, revealed } from '../view.js';
import { voteCard } from './rank.js';
import { refusalNote } from './text.js';

await loadPart('later'); // this screen's strings come with it, not with the lobby

/**
 * The plenary: every group's top ideas under their group, the spotlighted group marked, the
 * vote with the own-group cap in words; the ranking once revealed.
 * @param {View} view
 * @param {JoinUi} ui
 */
export function plenaryScreen(view, ui) {
  const left = view.me?.votes_left || 0;
  const cap = view.session.settings.plenary?.own_group_max ?? 1;
  const mine = view.me?.group?.id;
  const show = revealed(view);
  const ideas = boardIdeas(view);
  const current = view.plenary?.current ?? null;
  /** @param {Idea} idea */
  const card = (idea) =>
    voteCard(view, ui, idea, {
      mine: idea.group_id === mine,
      badge: groupLabel(view, idea.group_id || ''),
      show,
      voting: !show,
    });
  const groupIds = [...new Set(ideas.map((i) => i.group_id || ''))];
  /** @param {string} gid */
  const section = (gid) =>
    h(
      'div',
      { class: ['pair-group', gid === current ? 'current' : ''], key: gid },
      h(
        'h2',
        { class: 'pair-head' },
        groupLabel(view, gid),
        gid === mine ? h('span', { class: 'badge' }, t('your_group')) : null,
        gid === current ? h('span', { class: 'badge accent' }, t('presenting')) : null,
      ),
      h('ul', { class: 'cards' }, ideas.filter((i) => i.group_id === gid).map(card)),
    );
  return h(
    'section',
    { key: 'plenary', class: 'stack' },
    show
      ? null
      : h('p', { class: 'big-line', 'aria-live': 'polite' }, t('votes_left', { n: left })),
    show ? null : h('p', null, cap > 0 ? t('plenary_rule', { n: cap }) : t('plenary_rule_none')),
    refusalNote(ui, 'global'),
    show ? h('ol', { class: 'cards' }, byRank(ideas).map(card)) : groupIds.map(section),
  );
}
