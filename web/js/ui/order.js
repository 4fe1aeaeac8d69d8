// @ts-check
// The facilitator's choice of `rank.order` before Rank (locked from then on by the server):
// points (classic) or breadth (organisations backing an idea first, then points).
import { h } from '../dom.js';
import { loadPart, t } from '../i18n.js';

// this module's strings (the record, breadth and order) load with it, not with the page
await loadPart('record');

/**
 * @param {View} view
 * @param {(order: string) => void} choose sends `session.configure {settings: {rank: {order}}}`
 */
export function rankOrderField(view, choose) {
  const rank = /** @type {{order?: string}} */ (view.session.settings.rank);
  const order = rank.order || 'points';
  return h(
    'div',
    { class: 'field', key: 'rank-order' },
    h('label', { for: 'rank-order-live' }, t('rank_order')),
    h(
      'select',
      {
        id: 'rank-order-live',
        on: {
          change: (/** @type {Event} */ e) =>
            choose(/** @type {HTMLSelectElement} */ (e.currentTarget).value),
        },
      },
      ['points', 'breadth'].map((v) =>
        h('option', { value: v, selected: v === order }, t(`rank_order_${v}`)),
      ),
    ),
  );
}
