// @ts-check
// The phone before and outside the phases: the join form, the lobby, the wait to be let in,
// and the screens that end the page (unknown room, removed).
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { load, meKey, store } from './state.js';

/** @param {JoinUi} ui */
export function joinForm(ui) {
  const saved = load('opera.me') || {};
  const title = ui.state.info?.title;
  /** @param {string} id @param {string} autocomplete @param {number} maxlength */
  const input = (id, autocomplete, maxlength, extra = {}) =>
    h('input', {
      id,
      name: id,
      type: 'text',
      autocomplete,
      maxlength,
      value: saved[id] || '',
      'data-keep': '',
      ...extra,
    });
  return h(
    'form',
    { class: 'stack', key: 'join', novalidate: true, on: { submit: (e) => join(ui, e) } },
    h('h2', null, title ? t('joining_title', { title }) : t('join_title')),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'name' }, t('your_name')),
      input('name', 'name', 60),
    ),
    orgField(ui, saved.org || '', input),
    ui.state.joinError ? h('p', { class: 'error-text', role: 'alert' }, ui.state.joinError) : null,
    h(
      'button',
      { type: 'submit', class: 'btn big wide', disabled: ui.state.joining && !ui.view },
      t('join'),
    ),
  );
}

const OTHER = '\u0000';

/**
 * The organisation: the host's list as a picker with "Other…" (so "City Council" is one
 * spelling), or a free field without a list or after "Other…".
 * @param {JoinUi} ui
 * @param {string} saved
 * @param {(id: string, autocomplete: string, maxlength: number, extra?: object) => Node} input
 */
function orgField(ui, saved, input) {
  const orgs = ui.state.info?.orgs || [];
  const known = orgs.find((o) => o.toLowerCase() === saved.toLowerCase()) || '';
  const free = input('org', 'organization', 80, { 'aria-describedby': 'org-hint' });
  const hint = h('span', { class: 'hint', id: 'org-hint' }, t('organisation_hint'));
  if (!orgs.length)
    return h('div', { class: 'field' }, h('label', { for: 'org' }, t('organisation')), free, hint);
  // the choice is kept, so that a drawing never moves the picker back to the saved one
  const chosen = ui.state.orgPick ?? (saved && !known ? OTHER : known);
  const other = chosen === OTHER;
  /** @param {Event} e */
  const pick = (e) => {
    ui.state.orgPick = /** @type {HTMLSelectElement} */ (e.target).value;
    ui.render();
  };
  const option = (/** @type {string} */ v, /** @type {string} */ label) =>
    h('option', { value: v, selected: v === chosen }, label);
  return h(
    'div',
    { class: 'field' },
    h('label', { for: 'org-pick' }, t('organisation')),
    h(
      'select',
      { id: 'org-pick', 'aria-describedby': 'org-hint', on: { change: pick } },
      option('', t('org_none')),
      orgs.map((o) => option(o, o)),
      option(OTHER, t('org_other')),
    ),
    hint,
    other ? [h('label', { for: 'org' }, t('org_yours')), free] : null,
  );
}

/**
 * Join with the name given (remembered for the next session on this phone).
 * @param {JoinUi} ui
 * @param {Event} e
 */
function join(ui, e) {
  e.preventDefault();
  const form = /** @type {HTMLFormElement} */ (e.currentTarget);
  const field = (/** @type {string} */ id) =>
    /** @type {HTMLInputElement} */ (form.querySelector(`#${id}`));
  const name = field('name').value.trim();
  const pick = /** @type {HTMLSelectElement | null} */ (form.querySelector('#org-pick'));
  const org = (pick && pick.value !== OTHER ? pick.value : field('org').value).trim();
  if (!name) {
    ui.state.joinError = t('name_required');
    ui.render();
    field('name').focus();
    return;
  }
  store('opera.me', { name, org });
  ui.state.joinError = '';
  ui.state.joining = true;
  ui.connect({ name, org });
  ui.render();
}

/** @param {View} view @param {JoinUi} _ui */
export function lobbyScreen(view, _ui) {
  return h(
    'section',
    { class: 'centered', key: 'lobby' },
    h('p', { class: 'big-line' }, t('joined_as', { name: view.me ? view.me.name : '' })),
    h('p', { class: 'muted' }, t('wait_for_start')),
  );
}

/**
 * A latecomer after the lobby: nothing to do until the facilitator lets them in.
 * @param {View} view
 */
export function waitingScreen(view) {
  return h(
    'section',
    { class: 'centered', key: 'waiting' },
    h('p', { class: 'big-line' }, t('joined_as', { name: view.me ? view.me.name : '' })),
    h('p', { role: 'status' }, t('waiting_admit')),
  );
}

/** @param {JoinUi} ui */
export function fatalScreen(ui) {
  const main = (/** @type {(Node | string)[]} */ ...children) =>
    h('main', { class: 'fatal', key: 'fatal' }, ...children);
  if (ui.fatal === 'unknown_room') {
    return main(
      h('h1', null, t('unknown_room', { code: ui.code })),
      h('p', null, t('unknown_room_hint')),
      h('a', { class: 'btn', href: '/' }, t('go_start')),
    );
  }
  if (ui.fatal === 'revoked') {
    const again = () => {
      store(meKey(ui.code), null);
      ui.socket?.clearQueue();
      location.reload();
    };
    return main(
      h('h1', null, t('removed')),
      h('button', { type: 'button', class: 'btn', on: { click: again } }, t('join_again')),
    );
  }
  return main(
    h('h1', null, t('bad_request_close')),
    h(
      'button',
      { type: 'button', class: 'btn', on: { click: () => location.reload() } },
      t('reload'),
    ),
  );
}
