// @ts-check
// Explain: every pair's ideas on the board, the pair speaking now marked, mine marked too;
// in a breakout group, the group's own stepping (group.js shows it above the board).
import { h } from '../dom.js';
import { loadPart, t } from '../i18n.js';
import { formatClock, secondsLeft, timerState } from '../ui/countdown.js';
import { boardIdeas } from '../view.js';
import { act } from './state.js';

await loadPart('later'); // this screen's strings come with it, not with the lobby

/** @param {View} view @param {JoinUi} _ui */
export function explainScreen(view, _ui) {
  const ideas = boardIdeas(view);
  if (!ideas.length) {
    return h('section', { key: 'explain' }, h('p', { class: 'muted' }, t('no_ideas_yet')));
  }
  const myPair = view.me?.pair?.id ?? null;
  const given = view.explain?.order || [];
  const order = (given.length ? given : (view.pairs || []).map((p) => p.id)).filter((id) =>
    ideas.some((i) => i.pair_id === id),
  );
  const current = view.explain?.current ?? null;
  const labelOf = (/** @type {string} */ pid) =>
    (view.pairs || []).find((p) => p.id === pid)?.label || '';
  /** @param {string} pid */
  const group = (pid) =>
    h(
      'div',
      { class: ['pair-group', pid === current ? 'current' : ''], key: pid },
      h(
        'h2',
        { class: 'pair-head' },
        labelOf(pid),
        pid === myPair ? h('span', { class: 'badge' }, t('your_pair')) : null,
        pid === current ? h('span', { class: 'badge accent' }, t('speaking_now')) : null,
      ),
      h(
        'ul',
        { class: 'cards' },
        ideas
          .filter((i) => i.pair_id === pid)
          .map((i) =>
            h(
              'li',
              { class: ['card', pid === myPair ? 'mine' : ''], key: i.id },
              h('p', { class: 'card-text' }, i.text),
            ),
          ),
      ),
    );
  return h(
    'section',
    { key: 'explain' },
    h('p', { class: 'muted' }, t('explain_wait')),
    order.map(group),
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
