// @ts-check
// Explain: every pair's ideas on the board, the pair speaking now marked, mine marked too.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { boardIdeas } from '../view.js';

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
