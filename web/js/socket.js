// @ts-check
// The live connection to a room: hello, resume, reconnect with backoff and jitter, a command
// queue that survives going offline (and, for participants, a reload), state + JSON patches.
// Where WebSockets are blocked (a socket that fails within seconds, three times running) the
// same frames go over HTTP: fallback.js, loaded only then, behind the WebSocket's interface.
import { applyPatch } from './patch.js';
import { CommandQueue } from './queue.js';
import { blocked, rememberedSlow } from './network.js';

/** @type {Record<number, Fatal>} */
const FATAL = { 4400: 'bad_request', 4401: 'revoked', 4404: 'unknown_room' };
// Refusals that say "not now" rather than "no": the command stays queued and is sent again,
// with the same id, after a pause (the server's storage restarting, or too many at once).
const NOT_NOW = new Set(['unavailable', 'rate_limited']);

/** The live connection to one room; `on` (SocketOptions, types.js) hears its events. */
export class RoomSocket {
  /** @param {SocketOptions} opts */
  constructor(opts) {
    this.code = opts.code;
    this.role = opts.role;
    this.token = opts.token || null;
    this.name = opts.name || null;
    this.org = opts.org || null;
    this.store = opts.store || null;
    this.on = opts.on || {};
    this.commands = new CommandQueue(this.store, `opera.queue.${this.role}.${this.code}`);
    /** @type {View | null} */
    this.view = null;
    this.seq = 0;
    this.ready = false;
    this.everOpen = false;
    /** @type {Status} */
    this.status = 'connecting';
    this.attempt = 0;
    this.clockOffset = 0;
    /** @type {WebSocket | import('./fallback.js').FallbackSocket | null} */
    this.ws = null;
    this.slow = rememberedSlow(); // on the HTTP fallback (network.js: kept across a reload)
    this.quick = this.tries = 0; // WebSockets in a row that died within seconds; connects
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.timer = undefined;
    this.stopped = false;
    this._online = () => this.reconnectNow();
    this._offline = () => this.dropConnection('offline');
    this._visible = () => {
      if (document.visibilityState === 'visible' && !this.ready) this.reconnectNow();
    };
    window.addEventListener('online', this._online);
    window.addEventListener('offline', this._offline);
    document.addEventListener('visibilitychange', this._visible);
  }

  url() {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    return `${scheme}//${location.host}/ws/${encodeURIComponent(this.code)}`;
  }

  async connect() {
    if (this.stopped) return;
    clearTimeout(this.timer);
    if (navigator.onLine === false) {
      this.setStatus('offline');
      this.scheduleReconnect();
      return;
    }
    const tries = ++this.tries;
    let ws;
    try {
      ws = this.slow ? await (await import('./fallback.js')).open(this) : new WebSocket(this.url());
    } catch {
      this.scheduleReconnect();
      return;
    }
    if (tries !== this.tries || this.stopped) ws.close(1000);
    else this.use(ws);
  }

  /** @param {WebSocket | import('./fallback.js').FallbackSocket} ws */
  use(ws) {
    const started = Date.now();
    this.ws = ws;
    this.ready = false;
    const handshake = setTimeout(() => {
      if (this.ws === ws && !this.ready) ws.close(4000, 'handshake timeout');
    }, 12000);
    ws.onopen = () => {
      /** @type {{type: 'hello', role: Role, token?: string, name?: string, org?: string}} */
      const hello = { type: 'hello', role: this.role };
      if (this.token) hello.token = this.token;
      else if (this.role === 'participant') {
        hello.name = this.name || '';
        if (this.org) hello.org = this.org;
      }
      ws.send(JSON.stringify(hello));
    };
    ws.onmessage = (/** @type {{data: string}} */ e) => {
      if (this.ws !== ws) return;
      let frame;
      try {
        frame = JSON.parse(e.data);
      } catch {
        return;
      }
      this.handle(frame);
    };
    ws.onclose = (/** @type {{code: number, reason: string}} */ e) => {
      clearTimeout(handshake);
      if (this.ws !== ws) return;
      this.ws = null;
      this.ready = false;
      const fatal = FATAL[e.code];
      if (fatal) {
        this.stopped = true;
        this.setStatus('closed');
        if (this.on.fatal) this.on.fatal(fatal, e.code);
        return;
      }
      this.slow = this.slow || blocked(this, started);
      this.setStatus(navigator.onLine === false ? 'offline' : 'reconnecting');
      this.scheduleReconnect(e.code === 4429 ? 5000 : 0);
    };
    ws.onerror = () => {};
  }

  retryLater() {
    if (this.retryTimer) return;
    const delay = Math.min(8000, 500 * 2 ** Math.min(this.retries || 0, 4));
    this.retries = (this.retries || 0) + 1;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.flush();
    }, delay);
  }

  scheduleReconnect(minDelay = 0) {
    if (this.stopped) return;
    clearTimeout(this.timer);
    const base = Math.min(15000, 400 * 2 ** Math.min(this.attempt, 6));
    const delay = Math.max(minDelay, base / 2 + Math.random() * (base / 2));
    this.attempt++;
    this.timer = setTimeout(() => this.connect(), delay);
  }

  reconnectNow() {
    if (this.stopped || this.ready) return;
    this.attempt = 0;
    if (this.ws) {
      const ws = this.ws;
      if (ws.readyState === WebSocket.CONNECTING) return;
      this.ws = null;
      try {
        ws.close();
      } catch {
        /* already closed */
      }
    }
    this.connect();
  }

  /** @param {Status} status */
  dropConnection(status) {
    if (this.stopped) return;
    const ws = this.ws;
    this.ws = null;
    this.ready = false;
    if (ws) {
      try {
        ws.close(4000, status);
      } catch {
        /* ignore */
      }
    }
    this.setStatus(status);
    this.scheduleReconnect();
  }

  /** @param {Status} status */
  setStatus(status) {
    if (this.status === status) return;
    this.status = status;
    if (this.on.status) this.on.status(status);
  }

  serverNow() {
    return Date.now() / 1000 + this.clockOffset;
  }

  /** @param {Frame} frame */
  handle(frame) {
    if (frame.type === 'welcome') this.welcomed(frame);
    else if (frame.type === 'state') this.stated(frame);
    else if (frame.type === 'patch') this.patched(frame);
    else if (frame.type === 'ack') this.acked(frame);
    else if (frame.type === 'error') this.refused(frame);
  }

  /** @param {WelcomeFrame} frame */
  welcomed(frame) {
    if (typeof frame.server_time === 'number') {
      this.clockOffset = frame.server_time - Date.now() / 1000;
    }
    if (frame.you && frame.you.token) {
      // another identity: what this phone queued as someone else is not theirs to send
      if (this.token && this.token !== frame.you.token) this.clearQueue();
      this.token = frame.you.token;
    }
    if (this.on.welcome) this.on.welcome(frame);
  }

  /** @param {StateFrame} frame */
  stated(frame) {
    this.view = frame.view;
    this.seq = frame.seq || 0;
    this.commands.seen(this.seq, true, true);
    if (!this.ready) {
      this.ready = true;
      this.everOpen = true;
      this.attempt = 0;
      this.setStatus('open');
      this.flush();
    }
    this.emitView();
  }

  /** @param {PatchFrame} frame */
  patched(frame) {
    if (!this.view) return;
    try {
      this.view = applyPatch(this.view, frame.ops);
      if (typeof frame.seq === 'number') this.seq = Math.max(this.seq, frame.seq);
      this.commands.seen(
        this.seq,
        frame.ops.some((op) => op.path === '/me' || op.path.startsWith('/me/')),
      );
    } catch {
      // a patch that does not apply: ask for the whole view again
      this.view = null;
      this.sync();
      return;
    }
    this.emitView();
  }

  /** @param {AckFrame} frame */
  acked(frame) {
    const cmd = this.commands.take(frame.id);
    this.retries = 0;
    if (this.status === 'reconnecting' && this.ready) this.setStatus('open');
    if (!cmd) return;
    if (typeof frame.seq === 'number') this.commands.applied(cmd, frame.seq);
    if (this.on.ack) this.on.ack(cmd, frame);
    this.emitView();
  }

  /** @param {ErrorFrame} frame */
  refused(frame) {
    if (NOT_NOW.has(frame.code) && this.commands.has(frame.id)) {
      if (frame.code === 'unavailable') this.setStatus('reconnecting');
      this.retryLater();
      return;
    }
    const cmd = frame.id ? this.commands.take(frame.id) : null;
    if (cmd) {
      if (this.on.refused) this.on.refused(cmd, frame);
      this.emitView();
    } else if (this.on.notice) this.on.notice(frame);
  }

  clearQueue() {
    this.commands.clear();
  }

  /** Commands not yet visible in the view: queued, sent, or acked-but-not-patched. */
  pending() {
    return this.commands.pending();
  }

  flush() {
    for (const cmd of this.commands.waiting) this.transmit(cmd);
  }

  /** @param {Command} cmd */
  transmit(cmd) {
    if (!this.ready || !this.ws || this.ws.readyState !== WebSocket.OPEN) return;
    this.ws.send(JSON.stringify({ type: 'cmd', id: cmd.id, name: cmd.name, args: cmd.args }));
  }

  /** @param {string} name @param {Record<string, any>} [args] @returns {string} its id */
  send(name, args = {}) {
    const cmd = this.commands.add(name, args);
    this.transmit(cmd);
    this.emitView();
    return cmd.id;
  }

  sync() {
    if (this.ws && this.ws.readyState === WebSocket.OPEN)
      this.ws.send(JSON.stringify({ type: 'sync' }));
  }

  emitView() {
    if (this.on.view && this.view) this.on.view(this.view);
  }

  close() {
    this.stopped = true;
    clearTimeout(this.timer);
    window.removeEventListener('online', this._online);
    window.removeEventListener('offline', this._offline);
    document.removeEventListener('visibilitychange', this._visible);
    if (this.ws) this.ws.close(1000);
    this.ws = null;
  }
}
