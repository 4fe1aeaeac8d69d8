// @ts-check
// Explain on the console: the speaking order, the spotlight, each pair's ideas (hide one here).
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { ideaRow, membersText, progressPanel } from './ideas.js';
import { act } from './state.js';

/** The pair after the one speaking, or the first. @param {View} view */
export function nextPair(view) {
  const order = view.explain?.order || [];
  return order[order.indexOf(view.explain?.current || '') + 1] || null;
}

/** @param {View} view @param {HostUi} ui */
export function explainPanel(view, ui) {
  const ideas = view.ideas || [];
  const order = view.explain?.order || [];
  const current = view.explain?.current ?? null;
  const next = nextPair(view);
  const pairs = new Map((view.pairs || []).map((p) => [p.id, p]));
  const focus = (/** @type {string} */ pid) => act(ui, 'explain.focus', { pair_id: pid });
  /** @param {string} pid */
  const row = (pid) => {
    const pair = pairs.get(pid) || { id: pid, label: pid, members: [], confirmed: true };
    const now = pid === current;
    return h(
      'li',
      { key: pid, class: now ? 'current' : '', 'aria-current': now ? 'true' : null },
      h('strong', null, pair.label),
      h('span', null, membersText(view, pair)),
      h('span', { class: 'spacer' }),
      h(
        'button',
        {
          type: 'button',
          class: 'btn small secondary',
          'aria-label': t('spotlight', { label: pair.label }),
          disabled: now,
          on: { click: () => focus(pid) },
        },
        now ? t('speaking_now') : t('spotlight_short'),
      ),
      h(
        'ul',
        { class: 'cards compact' },
        ideas.filter((i) => i.pair_id === pid).map((i) => ideaRow(i, ui)),
      ),
    );
  };
  return h(
    'section',
    { key: 'explain', class: 'stack' },
    progressPanel(view, 'pairs_spoken'),
    h(
      'div',
      { class: 'row' },
      h('h2', null, t('explain_order')),
      h('span', { class: 'spacer' }),
      h(
        'button',
        {
          type: 'button',
          class: 'btn',
          disabled: !next,
          'aria-keyshortcuts': 'S',
          on: { click: () => next && focus(next) },
        },
        t('next_pair'),
      ),
    ),
    h('ol', { class: 'pairs-list' }, order.map(row)),
  );
}
