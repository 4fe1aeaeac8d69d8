// @ts-check
// The phone in a breakout event: its group, large and in the group's colour, the notice, the
// group list to choose from, the group's own Explain stepping and the plenary vote. Loaded
// with import() only when the session has groups or a notice (main.js), so a session without
// them never pays for it (the phone's page stays under 100 KB).
import { h } from '../dom.js';
import { en, plural, t } from '../i18n.js';
import { breadthMarks } from '../ui/breadth.js';
import { groupColour, groupLabel } from '../ui/group.js';
import { formatClock, secondsLeft, timerState } from '../ui/countdown.js';
import { boardIdeas, byRank, revealed } from '../view.js';
import { voteControl } from './rank.js';
import { act } from './state.js';
import { refusalNote } from './text.js';

const link = document.createElement('link');
link.rel = 'stylesheet';
link.href = '/static/css/groups.css';
document.head.appendChild(link);

Object.assign(en, {
  your_group: 'Your group',
  choose_group: 'Choose your group',
  choose_group_hint: 'A group that has more people than the others is full for now.',
  group_size: (/** @type {{n: number}} */ v) => plural(v.n, '{n} person', '{n} people'),
  group_full: 'full',
  group_pair: '{pair} · with {names}',
  next_pair: 'Next pair',
  pair_time: "This pair's time",
  explain_group: 'Your group steps through its pairs: press Next pair when one has finished.',
  explain_last: 'That was the last pair of your group.',
  plenary_rule: (/** @type {{n: number}} */ v) =>
    plural(
      v.n,
      "The best ideas of every group. At most {n} vote for your own group's ideas.",
      "The best ideas of every group. At most {n} votes for your own group's ideas.",
    ),
  plenary_rule_none: "The best ideas of every group. Your votes go to other groups' ideas.",
  presenting: 'Presenting now',
  notice: 'Notice: {text}',
});

let lastNotice = '';

/**
 * The host's notice as a banner; a new one is also said by the screen reader.
 * @param {View} view
 * @param {JoinUi} ui
 */
export function noticeBanner(view, ui) {
  const text = view.session.notice?.text || '';
  if (text !== lastNotice) {
    lastNotice = text;
    if (text) ui.announce(t('notice', { text }));
  }
  return text
    ? h('p', { class: 'notice group-notice', role: 'status', key: 'notice' }, text)
    : null;
}

/**
 * "Group 4" in large type and the group's colour, from the lobby to Done (in the plenary too:
 * the own-group cap is about it); in Pair the pair's label and partner too.
 * @param {View} view
 */
export function groupBanner(view) {
  const group = view.me?.group;
  if (!group) return null;
  const pair = view.phase.name === 'pair' ? view.me?.pair : null;
  const partners = (pair?.members || []).filter((m) => m.id !== view.me?.id);
  return h(
    'div',
    { class: 'group-banner', key: 'group', style: { background: groupColour(group.id) } },
    h('p', { class: 'group-name' }, group.label),
    pair && partners.length
      ? h(
          'p',
          null,
          t('group_pair', {
            pair: pair.label || '',
            names: partners.map((m) => m.name).join(', '),
          }),
        )
      : null,
  );
}

/**
 * The lobby with `assign: choose`: every group with its size; a group above the smallest is
 * full (the server's rule), and mine is pressed.
 * @param {View} view
 * @param {JoinUi} ui
 */
export function chooseList(view, ui) {
  const groups = view.groups || [];
  if (view.session.settings.groups?.assign !== 'choose' || !groups.length) return null;
  const smallest = Math.min(...groups.map((g) => g.size));
  const mine = view.me?.group?.id;
  /** @param {Group} g */
  const item = (g) => {
    const full = g.id !== mine && g.size > smallest;
    return h(
      'li',
      { key: g.id },
      h(
        'button',
        {
          type: 'button',
          class: ['btn', 'wide', 'group-choice', g.id === mine ? '' : 'secondary'],
          'aria-pressed': g.id === mine ? 'true' : 'false',
          disabled: full,
          style: { 'border-color': groupColour(g.id) },
          on: { click: () => act(ui, 'group.choose', { group_id: g.id }, 'global') },
        },
        h('span', null, g.label),
        h('span', null, t('group_size', { n: g.size }), full ? ` · ${t('group_full')}` : ''),
      ),
    );
  };
  return h(
    'section',
    { class: 'stack', key: 'choose', 'aria-labelledby': 'choose-h' },
    h('h2', { id: 'choose-h' }, t('choose_group')),
    h('p', { class: 'hint' }, t('choose_group_hint')),
    h('ul', { class: 'cards group-list' }, groups.map(item)),
  );
}

/** @type {JoinUi | null} */
let clockUi = null;

/**
 * The pair's time box, `explain.ends_at` (null while the timer is paused), kept fresh here:
 * the page's ticker sets every [data-countdown] to the phase's clock.
 * @param {View} view
 * @returns {Phase}
 */
const boxPhase = (view) => ({
  name: view.phase.name,
  ends_at: view.explain?.ends_at ?? null,
  paused_left: null,
});

/** @param {View} view @param {JoinUi} ui */
function pairClock(view, ui) {
  if (!clockUi) setInterval(tickBox, 250);
  clockUi = ui;
  const box = boxPhase(view);
  const left = secondsLeft(box, ui.now());
  return h(
    'div',
    {
      class: 'countdown',
      'data-state': timerState(box, left),
      role: 'timer',
      'aria-label': t('pair_time'),
    },
    h('span', { class: 'countdown-value', 'data-box': '' }, formatClock(left)),
  );
}

function tickBox() {
  const view = clockUi?.view;
  if (!clockUi || !view) return;
  const box = boxPhase(view);
  const left = secondsLeft(box, clockUi.now());
  for (const el of document.querySelectorAll('[data-box]')) {
    el.textContent = formatClock(left);
    el.parentElement?.setAttribute('data-state', timerState(box, left));
  }
}

/**
 * Explain inside a group: the pair's own time box and "Next pair", which any member may press.
 * @param {View} view
 * @param {JoinUi} ui
 */
export function explainSteps(view, ui) {
  const ex = view.explain;
  if (!view.me?.group || !ex || !ex.order.length) return null;
  const at = ex.current ? ex.order.indexOf(ex.current) : -1;
  const next = ex.order[at + 1];
  return h(
    'div',
    { class: 'stack', key: 'steps' },
    h('p', { class: 'hint' }, t('explain_group')),
    ex.current
      ? h('div', { class: 'row' }, h('span', null, t('pair_time')), pairClock(view, ui))
      : null,
    next
      ? h(
          'button',
          {
            type: 'button',
            class: 'btn big wide',
            on: { click: () => act(ui, 'explain.focus', { pair_id: next }, 'global') },
          },
          t('next_pair'),
        )
      : h('p', { class: 'muted' }, t('explain_last')),
  );
}

/**
 * One plenary idea: its text, the vote (until the reveal), its group, rank and points.
 * @param {View} view
 * @param {JoinUi} ui
 * @param {Idea} idea
 * @param {boolean} show the totals are revealed
 */
function plenaryCard(view, ui, idea, show) {
  const votes = view.me?.votes || {};
  const left = view.me?.votes_left || 0;
  const maxPer = view.session.settings.rank?.max_per_idea || 1;
  const mine = view.me?.group?.id;
  return h(
    'li',
    {
      class: [
        'card',
        idea.group_id === mine ? 'mine' : '',
        ui.state.shake === idea.id ? 'shake' : '',
      ],
      key: idea.id,
    },
    h(
      'div',
      { class: 'vote-card' },
      h('p', { class: 'card-text' }, idea.text),
      show ? null : voteControl(ui, idea, votes[idea.id] || 0, left, maxPer),
    ),
    h(
      'div',
      { class: 'card-meta' },
      h('span', { class: 'badge' }, groupLabel(view, idea.group_id || '')),
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
  const card = (idea) => plenaryCard(view, ui, idea, show);
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
