// @ts-check
// What this browser remembers about its network: that it blocks WebSockets (socket.js then
// starts on the HTTP fallback, fallback.js forgets it once a WebSocket opens again).
import { readJson, writeJson } from './storage.js';

// How long a page remembers that this network blocks WebSockets: a reload within it skips
// the three failing sockets (several seconds of "Connecting…"); a WebSocket that opens on
// the fallback's probe forgets it at once.
const SLOW_KEY = 'opera.slow';
const SLOW_FOR = 6 * 3600 * 1000;

/** Whether this browser was on the fallback lately. */
export function rememberedSlow() {
  const until = readJson(localStorage, SLOW_KEY);
  return typeof until === 'number' && until > Date.now();
}

/** Remember, or forget, that WebSockets fail on this network. @param {boolean} on */
export function rememberSlow(on) {
  writeJson(localStorage, SLOW_KEY, on ? Date.now() + SLOW_FOR : null);
}

/**
 * After a WebSocket closed: do WebSockets look blocked here? Three in a row that died within
 * seconds of opening say a proxy cuts them; that is remembered for a reload.
 * @param {{slow: boolean, quick: number}} room the RoomSocket, which counts the quick deaths
 * @param {number} started when the socket was made (ms)
 */
export function blocked(room, started) {
  const quick = !room.slow && navigator.onLine !== false && Date.now() - started < 5000;
  room.quick = quick ? room.quick + 1 : 0;
  if (room.quick < 3) return false;
  rememberSlow(true);
  return true;
}
