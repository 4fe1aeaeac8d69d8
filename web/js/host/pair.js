// @ts-check
// Pair on the console: the pairs, who is in each, which have confirmed; shuffle them.
import { h, icon, ICONS } from '../dom.js';
import { t } from '../i18n.js';
import { membersText, progressPanel } from './ideas.js';
import { act } from './state.js';

/** @param {View} view @param {HostUi} ui */
export function pairPanel(view, ui) {
  return h(
    'section',
    { key: 'pair', class: 'stack' },
    progressPanel(view, 'pairs_confirmed'),
    h(
      'div',
      { class: 'row' },
      h('h2', null, t('pairs')),
      h('span', { class: 'spacer' }),
      h(
        'button',
        { type: 'button', class: 'btn secondary', on: { click: () => act(ui, 'pairs.shuffle') } },
        t('shuffle_pairs'),
      ),
    ),
    h(
      'ul',
      { class: 'pairs-list' },
      (view.pairs || []).map((pair) =>
        h(
          'li',
          { key: pair.id },
          h('strong', null, pair.label),
          h('span', null, membersText(view, pair)),
          h('span', { class: 'spacer' }),
          pair.confirmed
            ? h('span', { class: 'tick' }, icon(ICONS.check), ' ', t('confirmed'))
            : h('span', { class: 'muted' }, t('not_confirmed')),
        ),
      ),
    ),
    h('p', { class: 'notice' }, t('ideas_hidden_before_explain')),
  );
}
