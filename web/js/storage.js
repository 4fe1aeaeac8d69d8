// @ts-check
// JSON in local or session storage, where refusing (private mode, a full quota) is not an
// error: the page goes on with what it has in memory.

/**
 * @param {Storage | null} store
 * @param {string} key
 * @returns {any} null when absent or unreadable
 */
export function readJson(store, key) {
  try {
    const raw = store && store.getItem(key);
    return raw ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
}

/**
 * @param {Storage | null} store
 * @param {string} key
 * @param {unknown} value null: forget the key
 */
export function writeJson(store, key, value) {
  try {
    if (!store) return;
    if (value == null) store.removeItem(key);
    else store.setItem(key, JSON.stringify(value));
  } catch {
    /* private mode or full: kept in memory only */
  }
}
