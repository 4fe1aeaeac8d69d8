// @ts-check
// The host's keyboard shortcuts (N next phase, P pause or resume, M a minute more, S next
// pair, ? this list), never while typing or with a dialog open; and their help dialog.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { dialogOpen, openDialog } from './confirm.js';
import { nextPair } from './explain.js';
import { nextPhase, startPhase } from './phases.js';
import { act } from './state.js';
import { addMinute, pauseOrResume } from './timer.js';

/** @type {[string, string][]} key, what it does */
const KEYS = [
  ['N', 'key_next_phase'],
  ['P', 'key_pause'],
  ['M', 'key_minute'],
  ['S', 'key_next_pair'],
  ['?', 'key_help'],
];

/** @param {EventTarget | null} el */
const typing = (el) =>
  el instanceof HTMLElement &&
  (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));

/** @param {HostUi} ui */
export function setupKeys(ui) {
  document.addEventListener('keydown', (e) => {
    const view = ui.view;
    if (!view || ui.fatal || e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
    if (dialogOpen()) return;
    const key = e.key.toLowerCase();
    /** @type {Record<string, () => void>} */
    const run = {
      n: () => view.phase.name !== 'done' && startPhase(view, ui, nextPhase(view)),
      p: () => pauseOrResume(view, ui),
      m: () => (view.phase.ends_at != null || view.phase.paused_left != null) && addMinute(ui),
      s: () => {
        const next = view.phase.name === 'explain' ? nextPair(view) : null;
        if (next) act(ui, 'explain.focus', { pair_id: next });
      },
      '?': () => showKeys(),
    };
    if (!run[key]) return;
    e.preventDefault();
    run[key]();
  });
}

/** The list of shortcuts, in a dialog (the ? key or the header's button). */
export function showKeys() {
  openDialog('keys-title', (close) => [
    h('h2', { id: 'keys-title' }, t('keys_title')),
    h(
      'dl',
      { class: 'keys' },
      KEYS.map(([key, what]) => [h('dt', null, h('kbd', null, key)), h('dd', null, t(what))]),
    ),
    h('p', { class: 'hint' }, t('keys_hint')),
    h('button', { type: 'button', class: 'btn', on: { click: close } }, t('close')),
  ]);
}

/** The header's way to the same list. */
export const keysButton = () =>
  h(
    'button',
    {
      type: 'button',
      class: 'btn small quiet',
      'aria-keyshortcuts': '?',
      on: { click: () => showKeys() },
    },
    t('keys_button'),
  );
