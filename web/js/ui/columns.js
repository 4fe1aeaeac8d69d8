// @ts-check
// Arrange's board: a column per cluster, then the ideas not placed yet, then the parked ones
// (no points). The board, the phone and the console all split the ideas this one way.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { boardIdeas, byRank } from '../view.js';

/** @typedef {(idea: Idea) => Node} Card */

/**
 * @param {View} view
 * @returns {{columns: {cluster: Cluster, items: Idea[]}[], waiting: Idea[], parked: Idea[]}}
 */
export function arrangement(view) {
  const ideas = boardIdeas(view);
  const byId = new Map(ideas.map((i) => [i.id, i]));
  const placed = new Set();
  const columns = (view.clusters || []).map((cluster) => {
    const items = /** @type {Idea[]} */ (
      cluster.idea_ids.map((id) => byId.get(id)).filter(Boolean)
    );
    items.forEach((i) => placed.add(i.id));
    return { cluster, items };
  });
  const rest = byRank(ideas.filter((i) => !placed.has(i.id)));
  return {
    columns,
    waiting: rest.filter((i) => i.points == null || i.points > 0),
    parked: rest.filter((i) => i.points === 0),
  };
}

/**
 * A cluster's heading: its label, then its owner and action when set.
 * @param {Cluster} c
 * @param {string} tag
 */
export const clusterHead = (c, tag) => [
  h(tag, null, c.label),
  c.owner ? h('div', { class: 'meta' }, t('owner_value', { value: c.owner })) : null,
  c.action ? h('div', { class: 'meta' }, t('action_value', { value: c.action })) : null,
];

/**
 * @param {string} key
 * @param {Node | (Node | null)[]} head
 * @param {Idea[]} items
 * @param {Card} card
 * @param {Record<string, string>} [attrs] e.g. the console's drop zone
 */
export const column = (key, head, items, card, attrs = {}) =>
  h(
    'section',
    { class: 'column', key, 'data-page-group': '', ...attrs },
    h('div', { class: 'column-head' }, head),
    h('ul', { class: 'cards' }, items.map(card)),
  );

/**
 * Ideas outside every cluster, under a title; nothing when there are none.
 * @param {string} title
 * @param {Idea[]} list
 * @param {Card} card
 */
export const looseIdeas = (title, list, card) =>
  list.length
    ? h(
        'section',
        { class: 'parked', key: title, 'data-page-group': '' },
        h('h2', null, title),
        h('ul', { class: 'cards' }, list.map(card)),
      )
    : null;

/**
 * The read-only board (projector, phone): columns, then what is not placed, then parked.
 * @param {View} view
 * @param {{card: Card, loose?: Card, tag?: string, wrap?: string}} look `loose`: how ideas
 *   outside a cluster look (default: as in a column); `tag`: the columns' heading level;
 *   `wrap`: the class of the columns' container
 */
export function clusterBoard(view, { card, loose = card, tag = 'h3', wrap = 'stack' }) {
  const { columns, waiting, parked } = arrangement(view);
  return [
    columns.length
      ? h(
          'div',
          { class: wrap },
          columns.map((c) => column(c.cluster.id, clusterHead(c.cluster, tag), c.items, card)),
        )
      : null,
    looseIdeas(t('not_placed'), waiting, loose),
    looseIdeas(t('parked'), parked, loose),
  ];
}
