// @ts-check
// Lobby and Own on the console: how many are here, how many have written (never what).
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { progressPanel } from './ideas.js';
import { act } from './state.js';
import { rankOrderField } from '../ui/order.js';

/** @param {View} view @param {HostUi} ui */
export const lobbyPanel = (view, ui) =>
  h(
    'section',
    { key: 'lobby', class: 'stack' },
    progressPanel(view, 'people_online'),
    h('p', { class: 'muted' }, t('phase_hint_lobby')),
    rankOrderField(view, (order) =>
      act(ui, 'session.configure', { settings: { rank: { order } } }),
    ),
  );

/** @param {View} view @param {HostUi} _ui */
export const ownPanel = (view, _ui) =>
  h(
    'section',
    { key: 'own', class: 'stack' },
    progressPanel(view, 'have_written'),
    h('p', { class: 'notice' }, t('ideas_hidden_before_explain')),
  );
