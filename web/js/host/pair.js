// @ts-check
// Pair on the console: the pairs, who is in each, which have confirmed; shuffle them.
import { h, icon, ICONS } from '../dom.js';
import { t } from '../i18n.js';
import { pairMark } from '../ui/colour.js';
import { confirmAction } from './confirm.js';
import { membersText, progressPanel } from './ideas.js';
import { act } from './state.js';

/**
 * Shuffle after a question that says what goes; the undo stays offered until someone
 * confirms a new pair's shortlist (then the server can no longer undo it either).
 * @param {View} view
 * @param {HostUi} ui
 */
function shuffleButtons(view, ui) {
  const pairs = view.pairs || [];
  const confirmed = pairs.filter((p) => p.confirmed).length;
  if (ui.state.undo && confirmed) ui.state.undo = false;
  const shuffle = () =>
    confirmAction(
      {
        title: t('shuffle_title'),
        lost: [t('shuffle_lost', { n: confirmed, of: pairs.length }), t('shuffle_undo_hint')],
        yes: t('shuffle_pairs'),
      },
      () => {
        act(ui, 'pairs.shuffle');
        ui.state.undo = true;
        ui.render();
      },
    );
  const undo = () => {
    act(ui, 'pairs.unshuffle');
    ui.state.undo = false;
    ui.render();
  };
  return [
    ui.state.undo
      ? h('button', { type: 'button', class: 'btn', on: { click: undo } }, t('undo_shuffle'))
      : null,
    h(
      'button',
      { type: 'button', class: 'btn secondary', on: { click: shuffle } },
      t('shuffle_pairs'),
    ),
  ];
}

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
      ...shuffleButtons(view, ui),
    ),
    h(
      'ul',
      { class: 'pairs-list' },
      (view.pairs || []).map((pair) =>
        h(
          'li',
          { key: pair.id },
          pairMark(pair.id),
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
