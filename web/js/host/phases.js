// @ts-check
// The console's phase controls: one primary button for the method's next phase (with its
// timer), the later phases in a menu, and a question before a skip or Finish that says what
// will be lost.
import { focusSoon, h } from '../dom.js';
import { t } from '../i18n.js';
import { phaseIndex, phasesOf } from '../view.js';
import { confirmAction } from './confirm.js';
import { act } from './state.js';

/**
 * A phase's timer from the settings, or null when it has none.
 * @param {View} view
 * @param {string} phase
 * @returns {number | null}
 */
function defaultMinutes(view, phase) {
  const s = /** @type {{minutes?: unknown} | undefined} */ (view.session.settings[phase]);
  return s && typeof s.minutes === 'number' ? s.minutes : null;
}

/**
 * The phase after this one in the method (Done after the last).
 * @param {View} view
 */
export function nextPhase(view) {
  const current = phaseIndex(view.phase.name);
  return phasesOf(view).find((p) => phaseIndex(p) > current) || 'done';
}

/**
 * What is lost by going to `target` now: the phases skipped, the current phase's unfinished
 * part, the end of the session.
 * @param {View} view
 * @param {string} target
 */
function lostBy(view, target) {
  const from = phaseIndex(view.phase.name);
  const skipped = phasesOf(view).filter(
    (p) => phaseIndex(p) > from && phaseIndex(p) < phaseIndex(target),
  );
  const p = view.progress;
  const open = p && p.of > p.done && view.phase.name !== 'lobby' ? p.of - p.done : 0;
  return [
    ...skipped.map((s) => t(`lost_${s}`)),
    open
      ? t('lost_unfinished', { phase: t(`phase_${view.phase.name}`), n: open, of: p?.of })
      : null,
    target === 'done' ? t('lost_done') : null,
    t('no_going_back'),
  ].filter((x) => x !== null);
}

/**
 * Start a phase: the method's next one at once (Finish asks first), any later one after a
 * question that says what is skipped.
 * @param {View} view
 * @param {HostUi} ui
 * @param {string} p
 */
export function startPhase(view, ui, p) {
  const next = nextPhase(view);
  const go = () => {
    /** @type {{phase: string, minutes?: number}} */
    const args = { phase: p };
    const m = ui.state.minutes;
    if (m && p === next && defaultMinutes(view, p) !== null) args.minutes = m;
    ui.state.phaseMenu = false;
    act(ui, 'phase.start', args);
  };
  if (p === next && p !== 'done') return go();
  const name = t(`phase_${p}`);
  confirmAction(
    p === 'done'
      ? { title: t('finish_title'), lost: lostBy(view, p), yes: t('finish_yes') }
      : {
          title: t('skip_title', { phase: name }),
          lost: lostBy(view, p),
          yes: t('skip_yes', { phase: name }),
        },
    go,
  );
}

/**
 * One primary button for the method's next phase, and the later phases (skips, Finish) in
 * a menu beside it, each asked about first.
 * @param {View} view
 * @param {HostUi} ui
 */
export function phaseBar(view, ui) {
  const current = phaseIndex(view.phase.name);
  if (view.phase.name === 'done') return null;
  const next = nextPhase(view);
  const minutesFor = defaultMinutes(view, next);
  const later = phasesOf(view).filter((p) => phaseIndex(p) > current && p !== next);
  if (next !== 'done' && !later.includes('done')) later.push('done');
  const toggle = () => {
    ui.state.phaseMenu = !ui.state.phaseMenu;
    ui.render();
  };
  /** @param {KeyboardEvent} e */
  const escape = (e) => {
    if (e.key !== 'Escape' || !ui.state.phaseMenu) return;
    ui.state.phaseMenu = false;
    ui.render();
    focusSoon('#phase-menu-button');
  };
  return h(
    'nav',
    { 'aria-label': t('phases'), class: 'phase-nav', on: { keydown: escape } },
    h(
      'div',
      { class: 'phase-bar' },
      h(
        'button',
        {
          type: 'button',
          class: 'btn next-phase',
          'data-phase': next,
          'aria-keyshortcuts': 'N',
          on: { click: () => startPhase(view, ui, next) },
        },
        t('next_phase', { label: t(`start_phase_${next}`) }),
      ),
      minutesFor !== null ? minutesField(ui, ui.state.minutes ?? minutesFor) : null,
      later.length
        ? h(
            'button',
            {
              type: 'button',
              id: 'phase-menu-button',
              class: 'btn secondary',
              'aria-expanded': ui.state.phaseMenu ? 'true' : 'false',
              'aria-controls': 'phase-menu',
              on: { click: toggle },
            },
            t('other_phases'),
          )
        : null,
    ),
    ui.state.phaseMenu && later.length ? phaseMenu(view, ui, later) : null,
  );
}

/**
 * The later phases, each a button that asks first.
 * @param {View} view
 * @param {HostUi} ui
 * @param {string[]} later
 */
const phaseMenu = (view, ui, later) =>
  h(
    'ul',
    { id: 'phase-menu', class: 'phase-menu' },
    later.map((p) =>
      h(
        'li',
        { key: p },
        h(
          'button',
          { type: 'button', class: 'btn secondary', on: { click: () => startPhase(view, ui, p) } },
          t(`start_phase_${p}`),
        ),
      ),
    ),
  );

/** @param {HostUi} ui @param {number} minutes */
function minutesField(ui, minutes) {
  /** @param {Event} e */
  const change = (e) => {
    const v = parseInt(/** @type {HTMLInputElement} */ (e.target).value, 10);
    ui.state.minutes = v > 0 ? v : null;
  };
  return h(
    'span',
    { key: 'minutes', class: 'row' },
    h('label', { for: 'next-minutes' }, t('timer_minutes')),
    h('input', {
      id: 'next-minutes',
      class: 'minutes-input',
      type: 'number',
      min: 1,
      max: 180,
      value: String(minutes),
      on: { change },
    }),
  );
}
