// @ts-check
// What every page says about itself: the phase pill, the reconnecting banner, the live
// announcer that screen readers hear.
import { h, icon, ICONS } from '../dom.js';
import { t } from '../i18n.js';

/** A polite live region; repeated messages are still read out. */
export function makeAnnouncer() {
  const region =
    document.getElementById('announce') ||
    document.body.appendChild(
      h('div', { id: 'announce', class: 'sr-only', 'aria-live': 'polite', 'aria-atomic': 'true' }),
    );
  /** @param {string} message */
  return (message) => {
    region.textContent = '';
    setTimeout(() => {
      region.textContent = message;
    }, 50);
  };
}

/**
 * Announce a change of phase (not the first one a page sees).
 * @param {(message: string) => void} announce
 */
export function phaseAnnouncer(announce) {
  /** @type {string | null} */
  let last = null;
  /** @param {string | null | undefined} phaseName */
  return (phaseName) => {
    if (phaseName && last !== null && phaseName !== last) {
      const phase = t(`phase_${phaseName}`);
      announce(t('announce_phase', { phase, hint: t(`phase_hint_${phaseName}`) }));
    }
    last = phaseName || null;
  };
}

/** @param {string} name */
export function phasePill(name) {
  return h('span', { class: 'phase-pill' }, t(`phase_${name}`));
}

/**
 * The slim status banner: nothing when connected.
 * @param {string} status
 * @param {boolean} participant
 */
export function statusBanner(status, participant) {
  if (status === 'open' || status === 'connecting' || status === 'closed') return null;
  const text = participant ? t('reconnecting_participant') : t('reconnecting');
  return h(
    'div',
    { class: 'banner', role: 'status', key: 'banner' },
    icon(ICONS.wifiOff),
    h('span', null, text),
  );
}
