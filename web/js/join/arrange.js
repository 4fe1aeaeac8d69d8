// @ts-check
// Arrange and Done on the phone: the clusters as they form (and, when the host lets everyone
// arrange, "Move to…" on each idea), then the result.
import { h } from '../dom.js';
import { loadPart, t } from '../i18n.js';
import { boardIdeas, revealed } from '../view.js';
import { clusterForm } from '../ui/cluster.js';
import { clusterBoard } from '../ui/columns.js';
import { moveMenu } from '../ui/move.js';
import { rankedList } from '../ui/ranked.js';
import { act } from './state.js';
import { refusalNote } from './text.js';

await loadPart('later'); // this screen's strings come with it, not with the lobby

/**
 * @param {View} view
 * @param {JoinUi} ui
 * @param {boolean} canMove
 */
function ideaCard(view, ui, canMove) {
  const show = revealed(view);
  /** @type {[string, string][]} */
  const targets = [
    ['', t('not_placed')],
    ...(view.clusters || []).map((c) => /** @type {[string, string]} */ ([c.id, c.label])),
  ];
  /** @param {Idea} idea */
  const place = (idea) => (/** @type {string} */ target) =>
    act(ui, 'idea.place', { idea_id: idea.id, cluster_id: target || null }, 'arrange');
  return (/** @type {Idea} */ idea) =>
    h(
      'li',
      { class: 'card', key: idea.id },
      h('p', { class: 'card-text' }, idea.text),
      show && idea.points != null
        ? h('div', { class: 'card-meta' }, t('points', { n: idea.points }))
        : null,
      canMove
        ? h('div', { class: 'card-actions' }, moveMenu(idea, targets, ui, place(idea)))
        : null,
    );
}

/** @param {View} view @param {JoinUi} ui */
export function arrangeScreen(view, ui) {
  const everyone = view.session.settings.arrange?.by === 'everyone';
  return h(
    'section',
    { key: 'arrange', class: 'stack' },
    h('p', { class: 'muted' }, t(everyone ? 'arrange_together' : 'arrange_watch')),
    everyone ? clusterForm((label) => act(ui, 'cluster.create', { label }, 'arrange')) : null,
    refusalNote(ui, 'arrange'),
    ...clusterBoard(view, { card: ideaCard(view, ui, everyone) }),
  );
}

/** @param {View} view @param {JoinUi} ui */
export function doneScreen(view, ui) {
  const result = revealed(view) && boardIdeas(view).length;
  return h(
    'section',
    { key: 'done', class: 'stack' },
    h('p', { class: 'big-line' }, t('done_thanks')),
    result
      ? [
          h('h2', null, t('done_result')),
          rankedList(view),
          clusterBoard(view, { card: ideaCard(view, ui, false) })[0],
        ]
      : h('p', { class: 'muted' }, t('done_wait')),
  );
}
