// @ts-check
// Rank: spend the ballot's points on the board's ideas; totals once the host reveals them.
import { h, icon, ICONS } from '../dom.js';
import { loadPart, t } from '../i18n.js';
import { boardIdeas, byRank, revealed } from '../view.js';
import { breadthMarks } from '../ui/breadth.js';
import { act } from './state.js';
import { refusalNote } from './text.js';

await loadPart('later'); // this screen's strings come with it, not with the lobby

/** @param {View} view @param {JoinUi} ui */
export function rankScreen(view, ui) {
  const left = view.me?.votes_left || 0;
  const rule = view.session.settings.rank || {};
  const ownMax = rule.own_pair_max ?? 1;
  const myPair = view.me?.pair?.id ?? null;
  const show = revealed(view);
  const ideas = show ? byRank(boardIdeas(view)) : boardIdeas(view);
  const person = rule.voter === 'person';
  /** @param {Idea} idea */
  const card = (idea) => {
    const mine = idea.pair_id === myPair;
    return voteCard(view, ui, idea, {
      mine,
      badge: mine ? t('your_pair') : null,
      show,
      voting: !show, // the reveal closes voting: the server refuses a vote after it
    });
  };
  return h(
    'section',
    { key: 'rank', class: 'stack' },
    show
      ? null
      : h('p', { class: 'big-line', 'aria-live': 'polite' }, t('votes_left', { n: left })),
    show ? null : h('p', null, t(person ? 'rank_rule_person' : 'rank_rule', { n: ownMax })),
    !show && !person && myPair
      ? h('p', { class: 'hint' }, t('rank_shared', { n: (view.me?.pair?.members.length || 2) - 1 }))
      : null,
    refusalNote(ui, 'global'),
    h('ul', { class: 'cards' }, ideas.map(card)),
  );
}

/**
 * One idea to vote on, on Rank's screen and the plenary's: its text and (while `voting`) the
 * vote, a badge saying whose it is, and once revealed its rank, points and breadth.
 * @param {View} view
 * @param {JoinUi} ui
 * @param {Idea} idea
 * @param {{mine: boolean, badge: string | null, show: boolean, voting: boolean}} card
 */
export function voteCard(view, ui, idea, { mine, badge, show, voting }) {
  const votes = view.me?.votes || {};
  const left = view.me?.votes_left || 0;
  const maxPer = view.session.settings.rank?.max_per_idea || 1;
  return h(
    'li',
    {
      class: ['card', mine ? 'mine' : '', ui.state.shake === idea.id ? 'shake' : ''],
      key: idea.id,
    },
    h(
      'div',
      { class: 'vote-card' },
      h('p', { class: 'card-text' }, idea.text),
      voting ? voteControl(ui, idea, votes[idea.id] || 0, left, maxPer) : null,
    ),
    h(
      'div',
      { class: 'card-meta' },
      badge ? h('span', { class: 'badge' }, badge) : null,
      show && idea.rank != null
        ? h('span', { class: 'badge accent' }, t('rank_n', { n: idea.rank }))
        : null,
      show && idea.points != null ? h('span', null, t('points', { n: idea.points })) : null,
      show ? breadthMarks(idea, 'breadth-meta') : null,
    ),
    refusalNote(ui, idea.id),
  );
}

/**
 * One vote per idea: a toggle; more: minus, the count, plus.
 * @param {JoinUi} ui
 * @param {Idea} idea
 * @param {number} mine my ballot's points on it
 * @param {number} left
 * @param {number} maxPer
 */
export function voteControl(ui, idea, mine, left, maxPer) {
  const set = (/** @type {number} */ points) =>
    act(ui, 'vote.set', { idea_id: idea.id, points }, idea.id);
  const pressed = mine > 0 ? 'true' : 'false';
  const label = t('vote_for', { text: idea.text });
  if (maxPer === 1) {
    return h(
      'button',
      {
        type: 'button',
        class: 'btn secondary vote-btn',
        'aria-pressed': pressed,
        'aria-label': label,
        disabled: !mine && left <= 0,
        on: { click: () => set(mine ? 0 : 1) },
      },
      mine ? icon(ICONS.check) : null,
      t('vote'),
    );
  }
  return h(
    'div',
    { class: 'row' },
    mine > 0
      ? h(
          'button',
          {
            type: 'button',
            class: 'btn small secondary',
            'aria-label': t('remove_vote', { text: idea.text }),
            on: { click: () => set(mine - 1) },
          },
          '−',
        )
      : null,
    h('span', { class: 'badge' }, String(mine)),
    h(
      'button',
      {
        type: 'button',
        class: 'btn small vote-btn',
        'aria-label': label,
        'aria-pressed': pressed,
        disabled: left <= 0 || mine >= maxPer,
        on: { click: () => set(mine + 1) },
      },
      '+',
    ),
  );
}
