// @ts-check
// The live connection to a room: hello, resume, reconnect with backoff and jitter, a command
// queue that survives going offline (and, for participants, a reload), state + JSON patches.
import { applyPatch } from './patch.js';
import { newId } from './dom.js';

const FATAL = { 4400: 'bad_request', 4401: 'revoked', 4404: 'unknown_room' };
// Refusals that say "not now" rather than "no": the command stays queued and is sent again,
// with the same id, after a pause (the server's storage restarting, or too many at once).
const NOT_NOW = new Set(['unavailable', 'rate_limited']);

function storageGet(store, key) {
  try {
    const raw = store && store.getItem(key);
    return raw ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
}

function storageSet(store, key, value) {
  try {
    if (!store) return;
    if (value == null) store.removeItem(key);
    else store.setItem(key, JSON.stringify(value));
  } catch {
    /* private mode or full: the queue still lives in memory */
  }
}

/**
 * new RoomSocket({code, role, token, name, org, store, on: {view, status, welcome, ack,
 *   refused, notice, fatal}})
 * status: 'connecting' | 'open' | 'reconnecting' | 'offline' | 'closed'
 */
export class RoomSocket {
  constructor(opts) {
    this.code = opts.code;
    this.role = opts.role;
    this.token = opts.token || null;
    this.name = opts.name || null;
    this.org = opts.org || null;
    this.store = opts.store || null;
    this.on = opts.on || {};
    this.queueKey = `opera.queue.${this.role}.${this.code}`;
    this.queue = (storageGet(this.store, this.queueKey) || []).filter((c) => c && c.id && c.name);
    this.acked = []; // [{cmd, seq}] applied on the server, not yet in our view
    this.view = null;
    this.seq = 0;
    this.ready = false;
    this.everOpen = false;
    this.status = 'connecting';
    this.attempt = 0;
    this.clockOffset = 0;
    this.ws = null;
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

  connect() {
    if (this.stopped) return;
    clearTimeout(this.timer);
    if (navigator.onLine === false) {
      this.setStatus('offline');
      this.scheduleReconnect();
      return;
    }
    let ws;
    try {
      ws = new WebSocket(this.url());
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    this.ready = false;
    const handshake = setTimeout(() => {
      if (this.ws === ws && !this.ready) ws.close(4000, 'handshake timeout');
    }, 12000);
    ws.onopen = () => {
      const hello = { type: 'hello', role: this.role };
      if (this.token) hello.token = this.token;
      else if (this.role === 'participant') {
        hello.name = this.name || '';
        if (this.org) hello.org = this.org;
      }
      ws.send(JSON.stringify(hello));
    };
    ws.onmessage = (e) => {
      if (this.ws !== ws) return;
      let frame;
      try {
        frame = JSON.parse(e.data);
      } catch {
        return;
      }
      this.handle(frame);
    };
    ws.onclose = (e) => {
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

  setStatus(status) {
    if (this.status === status) return;
    this.status = status;
    if (this.on.status) this.on.status(status);
  }

  serverNow() {
    return Date.now() / 1000 + this.clockOffset;
  }

  handle(frame) {
    switch (frame.type) {
      case 'welcome':
        if (typeof frame.server_time === 'number') {
          this.clockOffset = frame.server_time - Date.now() / 1000;
        }
        if (frame.you && frame.you.token) {
          if (this.token && this.token !== frame.you.token) this.clearQueue();
          this.token = frame.you.token;
        }
        if (this.on.welcome) this.on.welcome(frame);
        break;
      case 'state':
        this.view = frame.view;
        this.seq = frame.seq || 0;
        this.pruneAcked();
        if (!this.ready) {
          this.ready = true;
          this.everOpen = true;
          this.attempt = 0;
          this.setStatus('open');
          this.flush();
        }
        this.emitView();
        break;
      case 'patch':
        if (!this.view) return;
        try {
          this.view = applyPatch(this.view, frame.ops);
          if (typeof frame.seq === 'number') this.seq = Math.max(this.seq, frame.seq);
          this.pruneAcked();
        } catch {
          this.view = null;
          this.sync();
          return;
        }
        this.emitView();
        break;
      case 'ack': {
        const cmd = this.take(frame.id);
        this.retries = 0;
        if (this.status === 'reconnecting' && this.ready) this.setStatus('open');
        if (cmd) {
          if (typeof frame.seq === 'number' && frame.seq > this.seq)
            this.acked.push({ cmd, seq: frame.seq });
          if (this.on.ack) this.on.ack(cmd, frame);
          this.emitView();
        }
        break;
      }
      case 'error': {
        if (NOT_NOW.has(frame.code) && this.queue.some((c) => c.id === frame.id)) {
          if (frame.code === 'unavailable') this.setStatus('reconnecting');
          this.retryLater();
          break;
        }
        const cmd = frame.id ? this.take(frame.id) : null;
        if (cmd) {
          if (this.on.refused) this.on.refused(cmd, frame);
          this.emitView();
        } else if (this.on.notice) this.on.notice(frame);
        break;
      }
      default:
        break;
    }
  }

  take(id) {
    const i = this.queue.findIndex((c) => c.id === id);
    if (i < 0) return null;
    const [cmd] = this.queue.splice(i, 1);
    this.save();
    return cmd;
  }

  pruneAcked() {
    this.acked = this.acked.filter((a) => a.seq > this.seq);
  }

  save() {
    storageSet(this.store, this.queueKey, this.queue.length ? this.queue : null);
  }

  clearQueue() {
    this.queue = [];
    this.acked = [];
    this.save();
  }

  /** Commands not yet visible in the view: queued, sent, or acked-but-not-patched. */
  pending() {
    return [...this.acked.map((a) => a.cmd), ...this.queue];
  }

  flush() {
    for (const cmd of this.queue) this.transmit(cmd);
  }

  transmit(cmd) {
    if (!this.ready || !this.ws || this.ws.readyState !== WebSocket.OPEN) return;
    this.ws.send(JSON.stringify({ type: 'cmd', id: cmd.id, name: cmd.name, args: cmd.args }));
  }

  send(name, args = {}) {
    const cmd = { id: newId(), name, args, at: Date.now() };
    this.queue.push(cmd);
    this.save();
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
