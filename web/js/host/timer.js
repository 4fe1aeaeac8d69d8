// @ts-check
// The phase timer on the console: pause, resume, a minute more, and a chime at time up.
import { h, icon, ICONS } from '../dom.js';
import { t } from '../i18n.js';
import { countdown } from '../ui/countdown.js';
import { act } from './state.js';

/** @type {AudioContext | null} */
let audio = null;

// browsers allow sound only after a gesture: the "Sound" checkbox is that gesture
function ensureAudio() {
  try {
    const Ctx = window.AudioContext || /** @type {any} */ (window).webkitAudioContext;
    if (!audio && Ctx) audio = new Ctx();
    if (audio && audio.state === 'suspended') audio.resume();
  } catch {
    audio = null;
  }
}

/** Three soft notes. @param {AudioContext} ctx */
function chime(ctx) {
  const now = ctx.currentTime;
  [0, 0.35, 0.7].forEach((offset, i) => {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = i === 2 ? 1046 : 784;
    gain.gain.setValueAtTime(0.0001, now + offset);
    gain.gain.exponentialRampToValueAtTime(0.25, now + offset + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, now + offset + 0.3);
    osc.connect(gain).connect(ctx.destination);
    osc.start(now + offset);
    osc.stop(now + offset + 0.32);
  });
}

/** The header flashes for a few seconds (and chimes when sound is on). @param {HostUi} ui */
export function timeUp(ui) {
  ui.state.timeUp = true;
  if (ui.state.sound && audio) chime(audio);
  ui.render();
  setTimeout(() => {
    ui.state.timeUp = false;
    ui.render();
  }, 4000);
}

/** Pause a running timer, resume a paused one. @param {View} view @param {HostUi} ui */
export function pauseOrResume(view, ui) {
  if (typeof view.phase.paused_left === 'number') act(ui, 'timer.resume');
  else if (typeof view.phase.ends_at === 'number') act(ui, 'timer.pause');
}

/** @param {HostUi} ui */
export const addMinute = (ui) => act(ui, 'timer.add', { seconds: 60 });

/** @param {View} view @param {HostUi} ui */
export function timerControls(view, ui) {
  const ph = view.phase;
  const paused = typeof ph.paused_left === 'number';
  const running = !paused && typeof ph.ends_at === 'number';
  /**
   * @param {string} label @param {boolean} off @param {() => void} click
   * @param {...Child} more what comes before the label (an icon)
   */
  const button = (label, off, click, ...more) =>
    h(
      'button',
      { type: 'button', class: 'btn small secondary', disabled: off, on: { click } },
      ...more,
      label,
    );
  /** @param {Event} e */
  const sound = (e) => {
    ui.state.sound = /** @type {HTMLInputElement} */ (e.target).checked;
    if (ui.state.sound) ensureAudio();
    ui.render();
  };
  return h(
    'div',
    { class: 'row', role: 'group', 'aria-label': t('timer_label') },
    countdown(ph, ui.now()),
    button(t('pause_timer'), !running, () => act(ui, 'timer.pause')),
    button(t('resume_timer'), !paused, () => act(ui, 'timer.resume')),
    button(t('add_minute'), !running && !paused, () => addMinute(ui), icon(ICONS.plus)),
    h(
      'label',
      { class: 'check' },
      h('input', { type: 'checkbox', checked: ui.state.sound, on: { change: sound } }),
      h('span', null, t('sound_on')),
    ),
  );
}
