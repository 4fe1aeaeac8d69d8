// @ts-check
// The console's side panels: how to join (code, QR, link, board) and the downloads.
import { h } from '../dom.js';
import { language, refusalText, t } from '../i18n.js';
import { joinUrl, phaseIndex, qrSrc } from '../view.js';

/**
 * Ask the server whether phones can reach this console's join link (join_loopback) and at
 * which addresses they could (phone_urls); the join box warns when they cannot.
 * @param {HostUi} ui
 */
export async function checkReach(ui) {
  try {
    const res = await fetch(`/api/sessions/${encodeURIComponent(ui.code)}`);
    if (!res.ok) return;
    const info = await res.json();
    ui.state.reach = { loopback: !!info.join_loopback, urls: info.phone_urls || [] };
    ui.render();
  } catch {
    /* no warning without an answer */
  }
}

/**
 * The fix in one sentence: this console at an address phones reach (the key comes along in
 * the fragment, as in the host link), or how to start the server so that there is one.
 * @param {HostUi} ui
 */
function loopbackWarning(ui) {
  const reach = ui.state.reach;
  if (!reach || !reach.loopback) return null;
  const there = reach.urls[0];
  const console = there ? `${there}/h/${encodeURIComponent(ui.code)}#${ui.state.token}` : '';
  return h(
    'p',
    { class: 'notice loopback', role: 'alert' },
    t('loopback_warning'),
    ' ',
    there
      ? [t('loopback_fix_open'), ' ', h('a', { href: console }, there), '.']
      : t('loopback_fix_serve'),
  );
}

/** Select the link's text, for Ctrl+C, where the clipboard API is missing or refused. */
function selectLink() {
  const link = document.getElementById('join-link');
  const sel = window.getSelection();
  if (link && sel) sel.selectAllChildren(link);
}

/** @param {HostUi} ui */
export function joinBox(ui) {
  const code = ui.code;
  const url = joinUrl(code);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      ui.state.copied = true;
      ui.state.copyFailed = false;
    } catch {
      // plain HTTP has no navigator.clipboard: the link is selected for the keyboard instead
      ui.state.copied = false;
      ui.state.copyFailed = true;
    }
    ui.render();
    if (ui.state.copyFailed) return setTimeout(selectLink, 0);
    setTimeout(() => {
      ui.state.copied = false;
      ui.render();
    }, 2000);
  };
  const board = `/b/${encodeURIComponent(code)}`;
  return h(
    'section',
    { class: 'panel', key: 'join', 'aria-labelledby': 'join-h' },
    h('h2', { id: 'join-h' }, t('join_at')),
    h(
      'div',
      { class: 'join-box' },
      h('img', { class: 'qr', src: qrSrc(code), alt: t('qr_alt'), width: 112, height: 112 }),
      h(
        'div',
        null,
        h('div', { class: 'code', 'aria-label': `${t('room_code')} ${code}` }, code),
        h('a', { href: url, id: 'join-link' }, url.replace(/^https?:\/\//, '')),
      ),
    ),
    loopbackWarning(ui),
    h(
      'div',
      { class: 'row panel-gap' },
      h('a', { class: 'btn', href: board, target: '_blank', rel: 'noopener' }, t('open_board')),
      h(
        'button',
        { type: 'button', class: 'btn secondary', on: { click: copy } },
        ui.state.copied ? t('copied') : t('copy_link'),
      ),
    ),
    ui.state.copyFailed
      ? h('p', { class: 'hint panel-gap', role: 'status' }, t('copy_by_keys'))
      : null,
    h('p', { class: 'hint panel-gap' }, t('host_link_note')),
  );
}

/**
 * Fetch an export with the host key and save it.
 * @param {HostUi} ui
 * @param {string} ext
 */
async function download(ui, ext) {
  ui.state.downloadError = '';
  try {
    const where = `/api/sessions/${encodeURIComponent(ui.code)}/export.${ext}?lang=${language()}`;
    const res = await fetch(where, {
      headers: { Authorization: `Bearer ${ui.state.token}` },
    });
    if (!res.ok) {
      const body = await res.json().catch(() => ({}));
      throw new Error((await refusalText(body.error)) || `HTTP ${res.status}`);
    }
    const url = URL.createObjectURL(await res.blob());
    const a = h('a', { href: url, download: `opera-${ui.code}.${ext}`, class: 'sr-only' });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  } catch (e) {
    ui.state.downloadError = t('download_failed', { message: /** @type {Error} */ (e).message });
    ui.render();
  }
}

/**
 * Open the after-event pack in a new tab, through a 5-minute link from report-link: a tab
 * cannot send the host key as a header, and the key never goes in a URL.
 * @param {HostUi} ui
 */
async function openPack(ui) {
  const tab = window.open('', '_blank'); // now, while the click still allows a new tab
  ui.state.downloadError = '';
  try {
    // the pack in the console's language: asked of the link, and kept on the link it gives
    const query = `?lang=${language()}${ui.state.appendix ? '&appendix=1' : ''}`;
    const res = await fetch(`/api/sessions/${encodeURIComponent(ui.code)}/report-link${query}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ui.state.token}` },
    });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error((await refusalText(body.error)) || `HTTP ${res.status}`);
    const url = new URL(body.url, location.href);
    if (!url.searchParams.has('lang')) url.searchParams.set('lang', language());
    if (tab) tab.location.href = url.href;
    else window.location.assign(url.href); // new tabs blocked: open it here
  } catch (e) {
    tab?.close();
    ui.state.downloadError = t('download_failed', { message: /** @type {Error} */ (e).message });
    ui.render();
  }
}

/** @param {Event} e */
const checked = (e) => /** @type {HTMLInputElement} */ (e.target).checked;

/** From Rank on: the result as CSV, Markdown, JSON, or printed. @param {View} view @param {HostUi} ui */
export function downloads(view, ui) {
  if (phaseIndex(view.phase.name) < phaseIndex('rank')) return null;
  /** @param {string} ext @param {string} label */
  const button = (ext, label) =>
    h(
      'button',
      { type: 'button', class: 'btn secondary', on: { click: () => download(ui, ext) } },
      t(label),
    );
  return h(
    'section',
    { class: 'panel', key: 'downloads', 'aria-labelledby': 'dl-h' },
    h('h2', { id: 'dl-h' }, t('downloads')),
    h(
      'div',
      { class: 'downloads' },
      button('csv', 'download_csv'),
      button('md', 'download_md'),
      button('json', 'download_json'),
      h(
        'button',
        { type: 'button', class: 'btn quiet', on: { click: () => openPack(ui) } },
        t('print_report'),
      ),
      h(
        'label',
        { class: 'check' },
        h('input', {
          type: 'checkbox',
          checked: !!ui.state.appendix,
          on: { change: (/** @type {Event} */ e) => (ui.state.appendix = checked(e)) },
        }),
        t('pack_appendix'),
      ),
    ),
    ui.state.downloadError
      ? h('p', { class: 'error-text', role: 'alert' }, ui.state.downloadError)
      : null,
  );
}

/**
 * Delete the session and everything of it from the server (asked twice); the console then
 * says so, and the key leaves this tab.
 * @param {HostUi} ui
 */
async function deleteSession(ui) {
  ui.state.deleteError = '';
  try {
    const res = await fetch(`/api/sessions/${encodeURIComponent(ui.code)}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${ui.state.token}` },
    });
    if (res.status !== 204) {
      const body = await res.json().catch(() => ({}));
      throw new Error((await refusalText(body.error)) || `HTTP ${res.status}`);
    }
    ui.socket?.close();
    try {
      sessionStorage.removeItem(`opera.host.${ui.code}`);
    } catch {
      /* nothing was kept */
    }
    ui.fatal = 'deleted';
  } catch (e) {
    ui.state.deleteError = t('delete_failed', { message: /** @type {Error} */ (e).message });
  }
  ui.render();
}

/** Delete the session, for good, in two steps. @param {HostUi} ui */
export function sessionPanel(ui) {
  const confirming = ui.state.confirm === 'delete-session';
  const click = () => {
    if (confirming) {
      ui.state.confirm = null;
      deleteSession(ui);
    } else ui.state.confirm = 'delete-session';
    ui.render();
  };
  return h(
    'section',
    { class: 'panel', key: 'session', 'aria-labelledby': 'session-h' },
    h('h2', { id: 'session-h' }, t('session_panel')),
    h('p', { class: 'hint', id: 'delete-hint' }, t('delete_session_hint')),
    h(
      'button',
      {
        type: 'button',
        class: ['btn', confirming ? 'danger' : 'secondary'],
        'aria-describedby': 'delete-hint',
        on: { click },
      },
      confirming ? t('confirm_delete_session') : t('delete_session'),
    ),
    ui.state.deleteError
      ? h('p', { class: 'error-text', role: 'alert' }, ui.state.deleteError)
      : null,
  );
}
