// @ts-check
// The console's own state, its key, and how it sends a command.

/** @param {string | null} token @returns {HostState} */
export const newState = (token) => ({
  token,
  expanded: false,
  minutes: null,
  sound: false,
  timeUp: false,
  confirm: null,
  filter: '',
  menu: null,
  drag: null,
  notice: '',
  editingQuestion: false,
  copied: false,
  downloadError: '',
  appendix: false,
  deleteError: '',
  openGroup: null,
  groupSort: 'number',
  groupCount: null,
  phaseMenu: false,
  undo: false,
  copyFailed: false,
  reach: null,
});

/**
 * The host key: it arrives in the address's fragment (host_url ends with #<token>), moves to
 * this tab's session storage, and leaves the address bar, so a projected console or the
 * browser's history does not show it.
 * @param {string} code
 * @returns {string | null}
 */
export function hostToken(code) {
  const key = `opera.host.${code}`;
  const fromHash = decodeURIComponent(location.hash.replace(/^#/, ''));
  if (fromHash) history.replaceState(null, '', location.pathname + location.search);
  try {
    if (fromHash) sessionStorage.setItem(key, fromHash);
    return fromHash || sessionStorage.getItem(key);
  } catch {
    return fromHash || null;
  }
}

/**
 * Send a command; a new action clears the last refusal.
 * @param {HostUi} ui
 * @param {string} name
 * @param {Record<string, any>} [args]
 */
export function act(ui, name, args = {}) {
  ui.state.notice = '';
  ui.send(name, args);
}
