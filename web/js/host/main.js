// @ts-check
// Host console /h/{code}: run the session. Never shows an idea's text before Explain (the
// host view does not carry any).
import { h, roomCodeFromPath } from '../dom.js';
import { refusalText, t } from '../i18n.js';
import { flip } from '../ui/flip.js';
import { startPage } from '../page.js';
import { statusBanner } from '../ui/status.js';
import { arrangePanel } from './arrange.js';
import { donePanel } from './done.js';
import { setupDrag } from './drag.js';
import { explainPanel } from './explain.js';
import { formingPanel } from './forming.js';
import { groupGrid } from './groups.js';
import { progressPanel } from './ideas.js';
import { noticeBox } from './notice.js';
import { lobbyPanel, ownPanel } from './lobby.js';
import { pairPanel } from './pair.js';
import { plenaryPanel } from './plenary.js';
import { people } from './people.js';
import { rankPanel } from './rank.js';
import { checkReach, downloads, joinBox, sessionPanel } from './side.js';
import { hostToken, newState } from './state.js';
import { setupKeys } from './keys.js';
import { warmSuggestions } from './suggest.js';
import { timeUp } from './timer.js';
import { top } from './top.js';
import { hasGroups, phaseIndex } from '../view.js';

/** @type {Record<string, (view: View, ui: HostUi) => Node>} */
const PANELS = {
  lobby: lobbyPanel,
  own: ownPanel,
  pair: pairPanel,
  explain: explainPanel,
  rank: rankPanel,
  plenary: plenaryPanel,
  arrange: arrangePanel,
  reflect: (view) => progressPanel(view, 'have_reflected'), // a count, never who
  done: donePanel,
};

/** @param {HostUi} ui */
function fatalScreen(ui) {
  /** @type {Record<string, string>} */
  const why = {
    no_token: t('no_host_token'),
    revoked: t('wrong_host_token'),
    unknown_room: t('unknown_room', { code: ui.code }),
    deleted: t('session_deleted'),
  };
  return h(
    'main',
    { class: 'fatal', key: 'fatal' },
    h('h1', null, why[ui.fatal || ''] || t('bad_request_close')),
    h('a', { class: 'btn', href: '/' }, t('go_start')),
  );
}

/**
 * With groups: forming in the lobby, the group cards until the plenary.
 * @param {View} view
 * @param {HostUi} ui
 */
function breakout(view, ui) {
  if (!hasGroups(view)) return [];
  const phase = view.phase.name;
  return [
    phase === 'lobby' ? formingPanel(view, ui) : null,
    phaseIndex(phase) <= phaseIndex('rank') ? groupGrid(view, ui) : null,
  ];
}

/** @param {View | null} view @param {HostUi} ui */
function draw(view, ui) {
  if (ui.fatal) return fatalScreen(ui);
  if (!view) return h('main', { class: 'fatal', key: 'wait' }, h('p', null, t('connecting')));
  const phase = view.phase.name;
  document.title = `${t('host_title')} · ${t('phase_' + phase)} · ${view.session.title || t('app_name')}`;
  return h(
    'div',
    { class: 'shell', key: 'shell' },
    statusBanner(ui.status, false),
    top(view, ui),
    h(
      'div',
      { class: 'host-grid', key: 'grid' },
      h(
        'main',
        { class: 'stack', key: 'main', id: 'main' },
        ui.state.notice ? h('p', { class: 'notice error', role: 'alert' }, ui.state.notice) : null,
        ...breakout(view, ui),
        (PANELS[phase] || lobbyPanel)(view, ui),
      ),
      h(
        'aside',
        { class: 'side', key: 'side' },
        joinBox(ui),
        downloads(view, ui),
        noticeBox(view, ui),
        people(view, ui),
        sessionPanel(ui),
      ),
    ),
  );
}

const token = hostToken(roomCodeFromPath());
/** @type {string | null} */
let phaseSeen = null;
/** @type {HostUi} */
const ui = startPage({
  role: 'host',
  state: newState(token),
  draw,
  token,
  store: sessionStorage,
  flip,
  connect: !!token,
  onTimeUp: () => timeUp(ui),
  on: {
    view: (view) => {
      // the timer override was for the phase that just started; compared with the phase
      // seen last, not with `before`, which a patch may have changed in place
      const was = phaseSeen;
      phaseSeen = view.phase.name;
      if (was && view.phase.name !== was) {
        ui.state.minutes = null;
        ui.state.undo = false;
        ui.state.phaseMenu = false;
      }
      warmSuggestions(view, ui);
    },
    refused: async (cmd, err) => {
      if (cmd.name.startsWith('pairs.')) ui.state.undo = false;
      ui.state.notice = t('refused', { message: await refusalText(err) });
      ui.announce(ui.state.notice);
      ui.render();
    },
    notice: async (err) => {
      ui.state.notice = await refusalText(err);
      ui.render();
    },
  },
});
if (!token) {
  ui.fatal = 'no_token';
  ui.render();
}
setupDrag(ui);
setupKeys(ui);
if (token) checkReach(ui);
