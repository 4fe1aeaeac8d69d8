// @ts-check
// Arrange on the console: clusters as columns (label, owner, action editable), cards moved
// by drag and drop (drag.js) or by "Move to…", new clusters by name or by dropping a card.
import { h, icon, ICONS } from '../dom.js';
import { t } from '../i18n.js';
import { clusterForm } from '../ui/cluster.js';
import { arrangement, column } from '../ui/columns.js';
import { moveMenu } from '../ui/move.js';
import { moveIdea } from './drag.js';
import { hideButton, progressPanel } from './ideas.js';
import { act } from './state.js';
import { suggestPanel } from './suggest.js';

/** @param {View} view @param {HostUi} ui */
export function arrangePanel(view, ui) {
  const { columns, waiting, parked } = arrangement(view);
  const card = arrangeCard(view, ui);
  return h(
    'section',
    { key: 'arrange', class: 'stack arrange' },
    progressPanel(view, 'ideas_placed'),
    clusterForm((label) => act(ui, 'cluster.create', { label })),
    suggestPanel(view, ui),
    h('p', { class: 'hint' }, t('drag_hint')),
    h(
      'div',
      { class: 'columns', id: 'arrange-board' },
      columns.map(({ cluster, items }) =>
        column(cluster.id, clusterHead(cluster, ui), items, card, {
          'data-drop': cluster.id,
          'aria-label': cluster.label,
        }),
      ),
      column('__waiting', h('h3', null, t('not_placed')), waiting, card, {
        'data-drop': '',
        'aria-label': t('not_placed'),
      }),
      h('div', { class: 'new-cluster', key: '__new', 'data-drop': '__new' }, t('drop_new_cluster')),
    ),
    parked.length
      ? h(
          'section',
          { class: 'parked column', key: '__parked', 'data-drop': '', 'aria-label': t('parked') },
          h('h3', null, t('parked')),
          h('ul', { class: 'cards' }, parked.map(card)),
        )
      : null,
  );
}

/** @param {View} view @param {HostUi} ui */
function arrangeCard(view, ui) {
  /** @type {[string, string][]} */
  const targets = [
    ['', t('not_placed')],
    ...(view.clusters || []).map((c) => /** @type {[string, string]} */ ([c.id, c.label])),
    ['__new', t('new_cluster')],
  ];
  return (/** @type {Idea} */ idea) =>
    h(
      'li',
      {
        class: ['card', 'arr-card', ui.state.drag?.id === idea.id ? 'dragging' : ''],
        key: idea.id,
        'data-idea': idea.id,
        'data-flip': idea.id,
      },
      h(
        'div',
        { class: 'row arr-head' },
        h('span', { class: 'grip', 'aria-hidden': 'true', 'data-grip': '' }, icon(ICONS.grip)),
        idea.points != null ? h('span', { class: 'badge' }, t('points', { n: idea.points })) : null,
      ),
      h('p', { class: 'card-text' }, idea.text),
      h(
        'div',
        { class: 'card-actions' },
        moveMenu(idea, targets, ui, (target) => moveIdea(ui, idea, target)),
        hideButton(idea, ui),
      ),
    );
}

/** A cluster's editable label, owner and action, and Delete. @param {Cluster} c @param {HostUi} ui */
function clusterHead(c, ui) {
  /** @param {'label' | 'owner' | 'action'} name @param {string} labelKey */
  const field = (name, labelKey) => {
    /** @param {Event} e */
    const change = (e) => {
      const input = /** @type {HTMLInputElement} */ (e.target);
      const v = input.value.trim();
      if (name === 'label' && !v) {
        input.value = c.label; // a cluster keeps a name
        return;
      }
      if ((c[name] || '') !== v) act(ui, 'cluster.update', { cluster_id: c.id, [name]: v || null });
    };
    /** @param {KeyboardEvent} e */
    const keydown = (e) => {
      if (e.key === 'Enter') /** @type {HTMLInputElement} */ (e.target).blur();
    };
    return h('input', {
      type: 'text',
      'aria-label': t(labelKey, { label: c.label }),
      placeholder: name === 'label' ? '' : t(name),
      value: c[name] || '',
      on: { change, keydown },
    });
  };
  return [
    h(
      'div',
      { class: 'cluster-fields' },
      field('label', 'cluster_label_of'),
      field('owner', 'owner_of'),
      field('action', 'action_of'),
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'btn small danger',
        'aria-label': t('delete_cluster', { label: c.label }),
        on: { click: () => act(ui, 'cluster.delete', { cluster_id: c.id }) },
      },
      icon(ICONS.trash),
      t('delete'),
    ),
  ];
}
