// @ts-check
// The phone in a breakout event: its group in its colour, the notice, the group list; a
// group's Explain (explain.js) and the plenary (plenary.js) come when needed. main.js loads
// this only for sessions with groups or a notice (the breakout lobby stays under 100 KB).
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { groupColour } from '../ui/group.js';
import { act } from './state.js';

const link = document.createElement('link');
link.rel = 'stylesheet';
link.href = '/static/css/groups.css';
document.head.appendChild(link);

let lastNotice = '';

/**
 * The host's notice as a banner; a new one is also said by the screen reader.
 * @param {View} view
 * @param {JoinUi} ui
 */
export function noticeBanner(view, ui) {
  if (view.phase.name === 'rank') fetchPlenary(ui); // drawn on every render: fetch it ahead
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

/** @type {typeof import('./explain.js') | null} */
let explain = null;

/**
 * Explain inside a group (explain.js, which main.js has fetched before Explain by then).
 * @param {View} view
 * @param {JoinUi} ui
 */
export function explainSteps(view, ui) {
  if (explain) return explain.explainSteps(view, ui);
  import('./explain.js')
    .then((m) => {
      explain = m;
      ui.render();
    })
    .catch(() => {}); // offline: the next render asks again
  return null;
}

/** @type {typeof import('./plenary.js') | null} */
let plenary = null;
let fetching = false;

/**
 * The plenary's module (with the vote and breadth marks), fetched once; a failed fetch is
 * tried again at the next render.
 * @param {JoinUi} ui
 */
function fetchPlenary(ui) {
  if (plenary || fetching) return;
  fetching = true;
  import('./plenary.js')
    .then((m) => {
      plenary = m;
      ui.render();
    })
    .catch(() => {
      /* offline: the next render asks again */
    })
    .finally(() => {
      fetching = false;
    });
}

/**
 * The plenary screen (plenary.js), or "Connecting…" for the moment it is being fetched.
 * @param {View} view
 * @param {JoinUi} ui
 */
export function plenaryScreen(view, ui) {
  if (plenary) return plenary.plenaryScreen(view, ui);
  fetchPlenary(ui);
  return h('p', { class: 'muted', key: 'plenary' }, t('connecting'));
}
