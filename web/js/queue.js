// @ts-check
// The commands a page has sent and does not see in its view yet: waiting for their answer
// (kept in storage, so they survive going offline and, for participants, a reload), then
// acknowledged until the patch that carries their effect arrives.
import { newId } from './dom.js';
import { OWN } from './pending.js';
import { readJson, writeJson } from './storage.js';

export class CommandQueue {
  /**
   * @param {Storage | null} store
   * @param {string} key
   */
  constructor(store, key) {
    this.store = store;
    this.key = key;
    /** @type {Command[]} sent (or to send), no answer yet, oldest first */
    this.waiting = (readJson(store, key) || []).filter(
      (/** @type {Command} */ c) => c && c.id && c.name,
    );
    /** @type {{cmd: Command, seq: number}[]} applied at `seq`, not yet in the view */
    this.acked = [];
    this.viewSeq = 0; // the last frame's seq
    this.ownSeq = 0; // the last seq of a frame with the connection's own part
  }

  /** @param {string} name @param {Record<string, any>} args */
  add(name, args) {
    const cmd = { id: newId(), name, args, at: Date.now() };
    this.waiting.push(cmd);
    this.save();
    return cmd;
  }

  /** @param {string | undefined} id */
  has(id) {
    return this.waiting.some((c) => c.id === id);
  }

  /** The answered command, out of the queue (null if it is not ours). @param {string} id */
  take(id) {
    const i = this.waiting.findIndex((c) => c.id === id);
    if (i < 0) return null;
    const [cmd] = this.waiting.splice(i, 1);
    this.save();
    return cmd;
  }

  /**
   * An acknowledged command stays pending until the view shows it.
   * @param {Command} cmd
   * @param {number} seq where the server applied it
   */
  applied(cmd, seq) {
    if (seq > this.reach(cmd)) this.acked.push({ cmd, seq });
  }

  /**
   * How far the view has come for this command. A batch may come as several frames with one
   * seq, the connection's own part (`me`) last, so a command that changes `me` is shown by
   * the last frame that held that part: pruned earlier, the page would flicker back.
   * @param {Command} cmd
   */
  reach(cmd) {
    return OWN.has(cmd.name) ? this.ownSeq : this.viewSeq;
  }

  /**
   * A frame has come.
   * @param {number} seq
   * @param {boolean} mine it held the connection's own part
   * @param {boolean} [whole] a whole state: seq starts again from it
   */
  seen(seq, mine, whole = false) {
    this.viewSeq = whole ? seq : Math.max(this.viewSeq, seq);
    if (mine) this.ownSeq = whole ? seq : Math.max(this.ownSeq, seq);
    this.acked = this.acked.filter((a) => a.seq > this.reach(a.cmd));
  }

  clear() {
    this.waiting = [];
    this.acked = [];
    this.save();
  }

  /** Commands not yet visible in the view: acked-but-not-patched, then unanswered. */
  pending() {
    return [...this.acked.map((a) => a.cmd), ...this.waiting];
  }

  save() {
    writeJson(this.store, this.key, this.waiting.length ? this.waiting : null);
  }
}
