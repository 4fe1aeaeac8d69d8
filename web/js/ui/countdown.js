// @ts-check
// The phase countdown: one element per page, kept fresh between renders by the ticker, which
// also announces the last minute and time up.
import { h } from '../dom.js';
import { t } from '../i18n.js';

/**
 * Seconds left on the phase timer, or null when there is none.
 * @param {Phase | null | undefined} phase
 * @param {number} now server time in seconds
 */
export function secondsLeft(phase, now) {
  if (!phase) return null;
  if (typeof phase.paused_left === 'number') return Math.max(0, phase.paused_left);
  if (typeof phase.ends_at === 'number') return Math.max(0, phase.ends_at - now);
  return null;
}

/** @param {number | null} secs */
export function formatClock(secs) {
  if (secs == null) return '–:––';
  const s = Math.ceil(secs);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * @param {Phase} phase
 * @param {number | null} left
 * @returns {'none' | 'paused' | 'up' | 'warn' | 'run'}
 */
export function timerState(phase, left) {
  if (left == null) return 'none';
  if (typeof phase.paused_left === 'number') return 'paused';
  if (left <= 0) return 'up';
  if (left <= 60) return 'warn';
  return 'run';
}

/**
 * What the countdown says in a given state.
 * @param {string} state
 * @param {number | null} left
 */
function clockText(state, left) {
  if (state === 'none') return t('timer_none');
  if (state === 'paused') return `${t('timer_paused')} ${formatClock(left)}`;
  if (state === 'up') return t('time_up');
  return formatClock(left);
}

/**
 * The countdown element; the ticker keeps every [data-countdown] fresh between renders.
 * @param {Phase} phase
 * @param {number} now
 */
export function countdown(phase, now) {
  const left = secondsLeft(phase, now);
  const state = timerState(phase, left);
  return h(
    'div',
    { class: 'countdown', 'data-state': state, role: 'timer', 'aria-label': t('timer_label') },
    h('span', { class: 'countdown-value', 'data-countdown': '' }, clockText(state, left)),
  );
}

/**
 * Keep countdowns running between renders and announce the last minute and time up.
 * @param {() => Phase | null | undefined} getPhase the current view's phase
 * @param {() => number} now the server time
 * @param {(message: string) => void} announce
 * @param {() => void} [onTimeUp]
 */
export function startTicker(getPhase, now, announce, onTimeUp) {
  /** @type {number | null} */
  let lastLeft = null;
  /** @type {string | null} */
  let lastKey = null;
  const tick = () => {
    const phase = getPhase();
    if (!phase) return;
    const left = secondsLeft(phase, now());
    const state = timerState(phase, left);
    const text = clockText(state, left);
    for (const el of document.querySelectorAll('[data-countdown]')) {
      if (el.textContent !== text) el.textContent = text;
      const box = el.parentElement;
      if (box && box.getAttribute('data-state') !== state) box.setAttribute('data-state', state);
    }
    const key = `${phase.name}|${phase.ends_at}`;
    if (key === lastKey && lastLeft != null && left != null && state !== 'paused') {
      if (lastLeft > 60 && left <= 60 && left > 0) announce(t('announce_one_minute'));
      if (lastLeft > 0 && left <= 0) {
        announce(t('announce_time_up'));
        if (onTimeUp) onTimeUp();
      }
    }
    lastKey = key;
    lastLeft = left;
  };
  setInterval(tick, 250);
  return tick;
}
