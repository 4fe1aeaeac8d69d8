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
    orgsForm(view, ui),
    rankOrderField(view, (order) =>
      act(ui, 'session.configure', { settings: { rank: { order } } }),
    ),
  );

/**
 * The organisations people pick from as they join (orgs.list): one a line; none leaves the
 * phones a free field.
 * @param {View} view
 * @param {HostUi} ui
 */
function orgsForm(view, ui) {
  const list =
    /** @type {{list?: string[]} | undefined} */ (view.session.settings.orgs)?.list || [];
  /** @param {Event} e */
  const submit = (e) => {
    e.preventDefault();
    const box = /** @type {HTMLTextAreaElement} */ (document.getElementById('orgs-list'));
    const orgs = box.value
      .split('\n')
      .map((o) => o.trim())
      .filter(Boolean);
    act(ui, 'session.configure', { settings: { orgs: { list: orgs } } });
  };
  return h(
    'form',
    { class: 'panel stack', key: 'orgs', on: { submit } },
    h('label', { for: 'orgs-list', class: 'label' }, t('orgs_list')),
    h('textarea', {
      id: 'orgs-list',
      rows: 4,
      value: list.join('\n'),
      'aria-describedby': 'orgs-hint',
    }),
    h('p', { class: 'hint', id: 'orgs-hint' }, t('orgs_hint')),
    h('div', null, h('button', { type: 'submit', class: 'btn small secondary' }, t('orgs_save'))),
  );
}

/** @param {View} view @param {HostUi} _ui */
export const ownPanel = (view, _ui) =>
  h(
    'section',
    { key: 'own', class: 'stack' },
    progressPanel(view, 'have_written'),
    h(
      'p',
      { class: 'big-line', key: 'finished' },
      t('own_finished', { n: view.progress?.finished ?? 0 }),
    ),
    h('p', { class: 'notice' }, t('ideas_hidden_before_explain')),
  );
