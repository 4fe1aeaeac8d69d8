// @ts-check
// "What the facilitator changed": the session's record (view.record, the same list on every
// screen) in a modal dialog, each entry worded here from its kind and params, with its time.
// The console and the board put `recordButton` in their header; the phone fetches this module
// with import() on its button's first press (it has no weight to spare at the lobby).
// Built from text nodes only; Escape or Close shuts it and focus goes back to the button.
import { h } from '../dom.js';
import { clock as timeOfDay, list, loadPart, localLabel, t } from '../i18n.js';

// this module's strings (the record, breadth and order) load with it, not with the page
await loadPart('record');

/** @param {string} name */
const phaseName = (name) => t(`phase_${name}`);

/**
 * One entry as a sentence in the page's language.
 * @param {RecordEntry} entry
 */
export function recordWording(entry) {
  const e = { ...entry }; // the server's default labels ("Pair 3") in this language
  for (const k of ['pair', 'group']) if (typeof e[k] === 'string') e[k] = localLabel(e[k]);
  switch (e.kind) {
    case 'phase.start': {
      const phase = phaseName(e.phase);
      if (e.phase === e.from) return t('record_phase_restarted', { phase });
      if (e.phase === 'done') {
        if (!e.skipped?.length) return t('record_finished');
        return t('record_finished_skipped', { skipped: list(e.skipped.map(phaseName)) });
      }
      if (!e.skipped?.length) return t('record_phase', { phase });
      return t('record_phase_skipped', { phase, skipped: list(e.skipped.map(phaseName)) });
    }
    case 'idea.hide':
      if (e.pair && e.group) return t('record_hide_group', e);
      return e.pair ? t('record_hide_pair', e) : t('record_hide');
    case 'session.configure': {
      /** @param {string} path */
      const said = (path) =>
        path === 'title' || path === 'question' ? t(`record_path_${path}`) : path;
      return t('record_session.configure', { changed: list((e.changed || []).map(said)) });
    }
    case 'rank.reveal':
      return e.round === 'plenary' ? t('record_reveal_plenary') : t('record_rank.reveal');
    case 'notice.set':
      return e.cleared ? t('record_notice_cleared') : t('record_notice.set');
    case 'more':
      return t('record_more');
    case 'timer.add':
      return timerAdd(e.seconds);
    case 'participant.remove':
      return t('record_participant.remove', { n: e.count });
    case 'groups.form':
      return t('record_groups.form', { n: e.groups });
    default: {
      const key = `record_${e.kind}`;
      const said = t(key, e);
      return said === key ? t('record_unknown') : said;
    }
  }
}

/** @param {number} seconds added (or, below 0, taken off): whole minutes said as minutes */
function timerAdd(seconds) {
  const s = Math.abs(seconds);
  const amount = s % 60 === 0 ? t('record_minutes', { n: s / 60 }) : t('record_seconds', { n: s });
  return t(seconds >= 0 ? 'record_timer.add' : 'record_timer_take', { amount });
}

/** @param {number} at Unix seconds */
function clock(at) {
  const when = new Date(at * 1000);
  return h('time', { datetime: when.toISOString(), class: 'record-time' }, timeOfDay(when));
}

/** @param {RecordEntry[]} record */
function entries(record) {
  if (!record.length) return h('p', { class: 'muted record-list' }, t('record_empty'));
  return h(
    'ol',
    { class: 'record-list', style: { 'padding-left': '0', 'list-style': 'none' } },
    record.map((e) =>
      h(
        'li',
        { style: { display: 'flex', gap: '0.75em', margin: '0.4em 0' } },
        clock(e.at),
        h('span', null, recordWording(e)),
      ),
    ),
  );
}

/**
 * Open the dialog; while open it follows the record as it grows (checked every second).
 * @param {() => View | null} current the page's latest view
 */
export function openRecord(current) {
  const back = /** @type {HTMLElement | null} */ (document.activeElement);
  let shown = '';
  const list = () => current()?.record || [];
  const body = h('div', null);
  const refresh = () => {
    const record = list();
    const said = JSON.stringify(record); // patches change the view in place: compare contents
    if (said === shown) return;
    shown = said;
    body.replaceChildren(entries(record));
  };
  const close = () => {
    clearInterval(timer);
    dialog.close();
    dialog.remove();
    if (back && back.isConnected) back.focus();
  };
  const dialog = /** @type {HTMLDialogElement} */ (
    h(
      'dialog',
      {
        class: 'confirm-dialog record-dialog',
        'aria-labelledby': 'record-title',
        'aria-describedby': 'record-intro',
        style: { 'max-width': 'min(40rem, 92vw)' },
      },
      h('h2', { id: 'record-title' }, t('record_title')),
      h('p', { id: 'record-intro', class: 'muted' }, t('record_intro')),
      body,
      h(
        'div',
        { class: 'row' },
        h(
          'button',
          { type: 'button', class: 'btn secondary', on: { click: () => close() } },
          t('record_close'),
        ),
      ),
    )
  );
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    close();
  });
  refresh();
  const timer = setInterval(refresh, 1000);
  document.body.appendChild(dialog);
  dialog.showModal();
  /** @type {HTMLElement | null} */ (dialog.querySelector('button'))?.focus();
}

/**
 * The button that opens it, for pages that load this module up front (console, board).
 * @param {() => View | null} current
 */
export function recordButton(current) {
  return h(
    'button',
    {
      type: 'button',
      class: 'btn secondary small record-open',
      key: 'record-open',
      on: { click: () => openRecord(current) },
    },
    t('record_open'),
  );
}
