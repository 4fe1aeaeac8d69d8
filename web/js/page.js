// @ts-check
// One page's life, the same for the phone, the console and the board: the socket, the
// announcer, the ticker and drawing. A page gives its role, its own UI state and a draw
// function; screens are `(view, ui) -> tree`, where `ui` is the page returned here.
import { patchInto, roomCodeFromPath, scheduler } from './dom.js';
import { localLabel, onLanguage, t } from './i18n.js';
import { withPending } from './pending.js';
import { RoomSocket } from './socket.js';
import { startTicker } from './ui/countdown.js';
import { makeAnnouncer, phaseAnnouncer } from './ui/status.js';

/**
 * @template S
 * @param {PageOptions<S>} opts
 * @returns {Page<S>}
 */
export function startPage(opts) {
  const root = /** @type {HTMLElement} */ (document.getElementById('app'));
  const announce = makeAnnouncer();
  const onPhase = phaseAnnouncer(announce);
  /** @type {Page<S>} */
  const page = {
    code: roomCodeFromPath(),
    state: opts.state,
    view: null,
    status: 'connecting',
    fatal: null,
    socket: null,
    announce,
    render: scheduler(draw),
    send: (name, args = {}) => page.socket?.send(name, args),
    connect: (hello) => connect(page, opts, onPhase, hello),
    now: () => (page.socket ? page.socket.serverNow() : Date.now() / 1000),
    pendingLabel: (id) => {
      const queued = page.socket?.commands.has(id);
      return page.status === 'open' || !queued ? t('sending') : t('waiting_to_send');
    },
  };
  function draw() {
    const pending = page.view && page.socket ? withPending(page.view, page.socket.pending()) : null;
    const shown = pending && labelled(pending);
    if (shown) document.body.dataset.phase = shown.phase.name;
    const tree = opts.draw(shown, page);
    if (opts.flip) opts.flip(root, () => patchInto(root, tree));
    else patchInto(root, tree);
  }

  draw();
  onLanguage(page.render); // the menu's choice: every string again, nothing else changes
  if (opts.connect !== false) page.connect();
  startTicker(() => page.view?.phase, page.now, page.announce, opts.onTimeUp);
  return page;
}

/**
 * The view with the server's default pair and group labels in the page's language (a label
 * the host gave stays as it is).
 * @param {View} view
 * @returns {View}
 */
function labelled(view) {
  /** @template {{label?: string}} L @param {L} x @returns {L} */
  const relabel = (x) => (x.label ? { ...x, label: localLabel(x.label) } : x);
  const me = view.me && {
    ...view.me,
    group: view.me.group && relabel(view.me.group),
    pair: view.me.pair && relabel(view.me.pair),
  };
  return { ...view, pairs: view.pairs?.map(relabel), groups: view.groups?.map(relabel), me };
}

/**
 * Open the room's socket and route its events to the page.
 * @template S
 * @param {Page<S>} page
 * @param {PageOptions<S>} opts
 * @param {(phase: string) => void} onPhase
 * @param {{name: string, org: string}} [hello] a newcomer's name (the phone's join form)
 */
function connect(page, opts, onPhase, hello) {
  const on = opts.on || {};
  page.socket = new RoomSocket({
    code: page.code,
    role: opts.role,
    token: opts.token,
    name: hello?.name,
    org: hello?.org,
    store: opts.store,
    on: {
      view: (/** @type {View} */ view) => {
        const before = page.view;
        page.view = view;
        on.view?.(view, before);
        onPhase(view.phase?.name);
        page.render();
      },
      status: (/** @type {Status} */ status) => {
        page.status = status;
        page.render();
      },
      welcome: on.welcome,
      refused: on.refused,
      notice: on.notice,
      fatal: (/** @type {Fatal} */ reason) => {
        page.fatal = reason;
        on.fatal?.(reason);
        page.render();
      },
    },
  });
  page.socket.connect();
}
