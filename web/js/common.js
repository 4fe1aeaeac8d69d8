// Pieces every page shares: phases, the countdown, the live announcer, the banner.
import { h, icon, ICONS } from './dom.js';
import { t } from './i18n.js';

export const PHASES = ['lobby', 'own', 'pair', 'explain', 'rank', 'arrange', 'done'];

export const phaseIndex = (name) => PHASES.indexOf(name);

/** Seconds left on the phase timer, or null when there is none. */
export function secondsLeft(phase, now) {
  if (!phase) return null;
  if (typeof phase.paused_left === 'number') return Math.max(0, phase.paused_left);
  if (typeof phase.ends_at === 'number') return Math.max(0, phase.ends_at - now);
  return null;
}

export function formatClock(secs) {
  if (secs == null) return '–:––';
  const s = Math.ceil(secs);
  const m = Math.floor(s / 60);
  const r = s % 60;
  return `${m}:${String(r).padStart(2, '0')}`;
}

export function timerState(phase, left) {
  if (left == null) return 'none';
  if (typeof phase.paused_left === 'number') return 'paused';
  if (left <= 0) return 'up';
  if (left <= 60) return 'warn';
  return 'run';
}

/** The countdown element; `tick()` keeps every [data-countdown] fresh between renders. */
export function countdown(phase, now, extraClass = '') {
  const left = secondsLeft(phase, now);
  const state = timerState(phase, left);
  const label =
    state === 'none'
      ? t('timer_none')
      : state === 'paused'
        ? `${t('timer_paused')} ${formatClock(left)}`
        : state === 'up'
          ? t('time_up')
          : formatClock(left);
  return h(
    'div',
    {
      class: ['countdown', extraClass],
      'data-state': state,
      role: 'timer',
      'aria-label': t('timer_label'),
    },
    h('span', { class: 'countdown-value', 'data-countdown': '' }, label),
  );
}

/**
 * Keep countdowns running between renders and announce the last minute and time up.
 * getPhase() returns the current view's phase; now() the server time.
 */
export function startTicker(getPhase, now, announce, onTimeUp) {
  let lastLeft = null;
  let lastKey = null;
  const tick = () => {
    const phase = getPhase();
    if (!phase) return;
    const left = secondsLeft(phase, now());
    const state = timerState(phase, left);
    for (const el of document.querySelectorAll('[data-countdown]')) {
      const text =
        state === 'none'
          ? t('timer_none')
          : state === 'paused'
            ? `${t('timer_paused')} ${formatClock(left)}`
            : state === 'up'
              ? t('time_up')
              : formatClock(left);
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

/** A polite live region; repeated messages are still read out. */
export function makeAnnouncer() {
  let region = document.getElementById('announce');
  if (!region) {
    region = h('div', {
      id: 'announce',
      class: 'sr-only',
      'aria-live': 'polite',
      'aria-atomic': 'true',
    });
    document.body.appendChild(region);
  }
  return (message) => {
    region.textContent = '';
    setTimeout(() => {
      region.textContent = message;
    }, 50);
  };
}

export function phaseAnnouncer(announce) {
  let last = null;
  return (phaseName) => {
    if (phaseName && last !== null && phaseName !== last) {
      announce(
        t('announce_phase', { phase: t(`phase_${phaseName}`), hint: t(`phase_hint_${phaseName}`) }),
      );
    }
    last = phaseName;
  };
}

export function phasePill(name) {
  return h('span', { class: 'phase-pill' }, t(`phase_${name}`));
}

/** The slim status banner: nothing when connected. */
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

/** Question text that folds to two lines with a "more" toggle. */
export function questionBlock(question, expanded, toggle, tag = 'p') {
  const long = !!toggle && (question || '').length > 90;
  return h(
    'div',
    { class: ['question', long && !expanded ? 'clamped' : ''], key: 'question' },
    h(tag, { class: 'question-text', id: 'question-text' }, question || ''),
    long
      ? h(
          'button',
          {
            type: 'button',
            class: 'link-button',
            'aria-expanded': expanded ? 'true' : 'false',
            'aria-controls': 'question-text',
            on: { click: toggle },
          },
          expanded ? t('less') : t('more'),
        )
      : null,
  );
}

export const joinUrl = (code) => `${location.origin}/j/${encodeURIComponent(code)}`;
export const qrSrc = (code) => `/api/sessions/${encodeURIComponent(code)}/qr.svg`;

/** Visible board ideas (not hidden), in creation order. */
export const boardIdeas = (view) => (view.ideas || []).filter((i) => !i.hidden);

export function revealed(view) {
  if (view.rank && typeof view.rank.revealed === 'boolean') return view.rank.revealed;
  return (view.ideas || []).some((i) => i.points != null);
}

/** Ideas sorted by rank (then creation order); unranked keep creation order. */
export function byRank(ideas) {
  return ideas
    .map((idea, i) => ({ idea, i }))
    .sort((a, b) => {
      const ra = a.idea.rank ?? Infinity;
      const rb = b.idea.rank ?? Infinity;
      return ra === rb ? a.i - b.i : ra - rb;
    })
    .map((x) => x.idea);
}

/** Show the view with pending commands applied, so an action looks instant. */
export function withPending(view, pending) {
  if (!pending.length) return view;
  const v = structuredClone(view);
  for (const cmd of pending) {
    const a = cmd.args || {};
    if (cmd.name === 'idea.place') {
      for (const c of v.clusters || []) c.idea_ids = c.idea_ids.filter((id) => id !== a.idea_id);
      const idea = (v.ideas || []).find((i) => i.id === a.idea_id);
      if (idea) idea.cluster_id = a.cluster_id ?? null;
      const target = (v.clusters || []).find((c) => c.id === a.cluster_id);
      if (target) {
        const at =
          typeof a.index === 'number'
            ? Math.min(a.index, target.idea_ids.length)
            : target.idea_ids.length;
        target.idea_ids.splice(at, 0, a.idea_id);
      }
    } else if (cmd.name === 'cluster.update') {
      const c = (v.clusters || []).find((x) => x.id === a.cluster_id);
      if (c) for (const k of ['label', 'owner', 'action']) if (k in a) c[k] = a[k];
    } else if (cmd.name === 'cluster.delete') {
      v.clusters = (v.clusters || []).filter((c) => c.id !== a.cluster_id);
      for (const i of v.ideas || []) if (i.cluster_id === a.cluster_id) i.cluster_id = null;
    } else if (cmd.name === 'idea.hide') {
      const idea = (v.ideas || []).find((i) => i.id === a.idea_id);
      if (idea) idea.hidden = true;
    }
  }
  return v;
}

/** Apply a saved light/dark choice (board: dark by default). */
export function applyTheme(defaultTheme) {
  const params = new URLSearchParams(location.search);
  let theme = params.get('theme');
  try {
    theme = theme || localStorage.getItem('opera.theme.' + document.body.dataset.page);
  } catch {
    /* ignore */
  }
  document.documentElement.dataset.theme =
    theme === 'light' || theme === 'dark' ? theme : defaultTheme;
}

export function toggleTheme() {
  const next = document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark';
  document.documentElement.dataset.theme = next;
  try {
    localStorage.setItem('opera.theme.' + document.body.dataset.page, next);
  } catch {
    /* ignore */
  }
}
