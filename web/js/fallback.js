// @ts-check
// The HTTP fallback for networks that block WebSockets (docs/protocol.md, "HTTP fallback"):
// the same frames as /ws/{code}, Server-Sent Events one way and POSTs the other, behind the
// few parts of the WebSocket interface RoomSocket uses, so socket.js keeps one code path.
// socket.js loads this with import() only once WebSockets have failed: the phone page's
// weight stays as it was. The stream is read with fetch, not EventSource, so that its secret
// travels in an Authorization header (proxies log URLs) and Last-Event-ID is ours to send.
import { t } from './i18n.js';
import { rememberSlow } from './network.js';

/**
 * A RoomSocket, with the timer of the fallback's next WebSocket try.
 * @typedef {import('./socket.js').RoomSocket & {probeTimer?: ReturnType<typeof setTimeout>}} Room
 */

const CONNECTING = 0;
const OPEN = 1;
const CLOSED = 3;
const BATCH = 32; // frames in one POST (the server's limit)
const PROBE_EVERY = 60000; // ms between two tries of a WebSocket while on the fallback
const PROBE_TIMEOUT = 5000;

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export class FallbackSocket {
  /** @param {string} code */
  constructor(code) {
    this.base = `/live/${encodeURIComponent(code)}`;
    this.readyState = CONNECTING;
    /** @type {string | null} */
    this.secret = null;
    this.last = 0; // the id of the last event read: a new GET resumes after it
    /** @type {string[]} */
    this.outbox = [];
    this.posting = false;
    this.hello = false;
    this.abort = new AbortController();
    /** @type {null | (() => void)} */
    this.onopen = null;
    /** @type {null | ((e: {data: string}) => void)} */
    this.onmessage = null;
    /** @type {null | ((e: {code: number, reason: string}) => void)} */
    this.onclose = null;
    /** @type {null | (() => void)} */
    this.onerror = null;
    setTimeout(() => {
      if (this.readyState !== CONNECTING) return;
      this.readyState = OPEN;
      if (this.onopen) this.onopen();
    }, 0);
  }

  /** @param {string} text the first is the hello, which opens the stream */
  send(text) {
    if (this.readyState !== OPEN) return;
    if (!this.hello) {
      this.hello = true;
      this.open(text);
      return;
    }
    this.outbox.push(text);
    this.post();
  }

  auth() {
    return { authorization: `Bearer ${this.secret}` };
  }

  /** @param {string} hello */
  async open(hello) {
    try {
      const answer = await fetch(this.base, {
        method: 'POST',
        body: hello,
        headers: { 'content-type': 'text/plain' },
        signal: this.abort.signal,
      });
      const body = await answer.json().catch(() => ({}));
      if (answer.status !== 201) {
        this.end(body.code || 1006, body.reason || '');
        return;
      }
      this.secret = body.stream;
      this.read();
      this.post();
    } catch {
      this.end(1006, 'network');
    }
  }

  /** One POST at a time, each with what queued meanwhile: the frames stay in order. */
  async post() {
    if (this.posting || !this.secret || !this.outbox.length || this.readyState !== OPEN) return;
    this.posting = true;
    const batch = this.outbox.splice(0, BATCH);
    try {
      const answer = await fetch(`${this.base}/frames`, {
        method: 'POST',
        body: batch.join('\n'),
        headers: { ...this.auth(), 'content-type': 'text/plain' },
        signal: this.abort.signal,
      });
      // 410: the stream is over (say hello again); the close event says why when it can
      if (answer.status === 410 || answer.status === 413) {
        this.end(answer.status === 413 ? 1009 : 1006, '');
        return;
      }
    } catch {
      this.end(1006, 'network');
      return;
    } finally {
      this.posting = false;
    }
    this.post();
  }

  /** The stream, read again after a cut from the last event read (Last-Event-ID). */
  async read() {
    let failures = 0;
    while (this.readyState === OPEN) {
      /** @type {Record<string, string>} */
      const headers = this.auth();
      if (this.last) headers['last-event-id'] = String(this.last);
      try {
        const answer = await fetch(`${this.base}/stream`, {
          headers,
          cache: 'no-store',
          signal: this.abort.signal,
        });
        if (answer.status === 410) {
          this.end(1006, 'stream over');
          return;
        }
        if (answer.ok && answer.body) {
          failures = 0;
          await this.events(answer.body.getReader());
        }
      } catch {
        /* cut: read again below */
      }
      if (this.readyState !== OPEN) return;
      failures += 1;
      if (failures > 3) {
        this.end(1006, 'stream lost');
        return;
      }
      await sleep(400 * failures);
    }
  }

  /** @param {ReadableStreamDefaultReader<Uint8Array>} reader */
  async events(reader) {
    const decoder = new TextDecoder();
    let buffer = '';
    /** @type {Record<string, string>} */
    let event = {};
    while (this.readyState === OPEN) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end = buffer.indexOf('\n');
      while (end >= 0) {
        const line = buffer.slice(0, end).replace(/\r$/, '');
        buffer = buffer.slice(end + 1);
        end = buffer.indexOf('\n');
        if (line === '') {
          this.dispatch(event);
          event = {};
        } else if (!line.startsWith(':')) {
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          event[field] = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        }
      }
    }
  }

  /** @param {Record<string, string>} event */
  dispatch(event) {
    if (event.event === 'close') {
      let close = { code: 1006, reason: '' };
      try {
        close = JSON.parse(event.data);
      } catch {
        /* keep 1006 */
      }
      this.end(close.code, close.reason);
    } else if (event.data !== undefined && this.readyState === OPEN) {
      if (event.id) this.last = Number(event.id) || this.last;
      if (this.onmessage) this.onmessage({ data: event.data });
    }
  }

  /** @param {number} code @param {string} reason */
  end(code, reason) {
    if (this.readyState === CLOSED) return;
    this.readyState = CLOSED;
    this.abort.abort();
    setTimeout(() => {
      if (this.onclose) this.onclose({ code, reason });
    }, 0);
  }

  close(code = 1000, reason = '') {
    this.end(code, reason);
  }
}

/** @type {HTMLElement | null} */
let mark = null;

/** The one sign of the fallback: a small "slow network mode" in a corner. @param {boolean} on */
export function markSlow(on) {
  if (on && !mark) {
    mark = document.createElement('p');
    mark.className = 'slow-network';
    mark.textContent = t('slow_network');
    Object.assign(mark.style, {
      position: 'fixed',
      insetInlineEnd: '0.5rem',
      insetBlockEnd: '0.5rem',
      margin: '0',
      padding: '0.1rem 0.4rem',
      fontSize: '0.75rem',
      borderRadius: '0.3rem',
      background: 'Canvas',
      color: 'CanvasText',
      border: '1px solid GrayText',
      opacity: '0.85',
    });
    document.body.append(mark);
  } else if (!on && mark) {
    mark.remove();
    mark = null;
  }
}

/** Whether a WebSocket to `url` opens now (the network may have changed). @param {string} url */
function probe(url) {
  return new Promise((resolve) => {
    let ws;
    try {
      ws = new WebSocket(url);
    } catch {
      resolve(false);
      return;
    }
    const timer = setTimeout(() => {
      ws.close();
      resolve(false);
    }, PROBE_TIMEOUT);
    ws.onopen = () => {
      // a proxy that cuts upgraded sockets does so at once: stay open a moment first
      setTimeout(() => {
        clearTimeout(timer);
        resolve(ws.readyState === WebSocket.OPEN);
        ws.close(1000);
      }, 1000);
    };
    ws.onclose = () => {
      clearTimeout(timer);
      resolve(false);
    };
  });
}

/**
 * While `room` (a RoomSocket) is on the fallback, try a WebSocket now and then; move back
 * once one opens. @param {Room} room
 */
function probeLater(room) {
  clearTimeout(room.probeTimer);
  room.probeTimer = setTimeout(async () => {
    if (room.stopped || !room.slow) return;
    if (await probe(room.url())) back(room);
    else probeLater(room);
  }, PROBE_EVERY);
}

/**
 * The transport for a RoomSocket that WebSockets failed: the mark shown, a WebSocket tried
 * now and then. @param {Room} room
 */
export function open(room) {
  markSlow(true);
  probeLater(room);
  return new FallbackSocket(room.code);
}

/** Back to WebSockets: the fallback is closed and the room resumes on a socket. @param {Room} room */
function back(room) {
  room.slow = false;
  room.quick = 0;
  rememberSlow(false);
  markSlow(false);
  const ws = room.ws;
  room.ws = null;
  room.ready = false;
  if (ws) ws.close(1000);
  room.connect();
}
