// @ts-check
// Participant page /j/{code}: join, then one screen per phase. Phone first.
import { h, roomCodeFromPath } from '../dom.js';
import { refusalText, t } from '../i18n.js';
import { startPage } from '../page.js';
import { countdown } from '../ui/countdown.js';
import { languageMenu } from '../ui/language.js';
import { questionBlock } from '../ui/question.js';
import { phasePill, statusBanner } from '../ui/status.js';
import { fatalScreen, joinForm, lobbyScreen, waitingScreen } from './form.js';
import { ownScreen } from './own.js';
import { load, meKey, newState, saveDrafts, store } from './state.js';
import { refusalNote } from './text.js';

/** @typedef {(view: View, ui: JoinUi) => Node} Screen */

// The page must stay under 100 KB at the lobby, so the later phases' screens are fetched with
// import(): each when the phase before it starts (so it is there before it is needed), or at the
// latest when its own phase starts. A failed fetch is tried again at the next render.
/** @type {Record<string, () => Promise<Screen>>} */
const LATER = {
  pair: () => import('./pair.js').then((m) => m.pairScreen),
  explain: () => import('./explain.js').then((m) => m.explainScreen),
  rank: () => import('./rank.js').then((m) => m.rankScreen),
  arrange: () => import('./arrange.js').then((m) => m.arrangeScreen),
  done: () => import('./arrange.js').then((m) => m.doneScreen),
  reflect: () => import('./reflect.js').then((m) => m.reflectScreen),
};
const NEXT = {
  lobby: 'own',
  own: 'pair',
  pair: 'explain',
  explain: 'rank',
  rank: 'arrange',
  arrange: 'reflect',
};

/** @type {Record<string, Screen>} */
const SCREENS = { lobby: lobbyScreen, own: ownScreen };
/** @type {Set<string>} */
const fetching = new Set();

/** @param {string} phase @param {JoinUi} ui */
function fetchScreen(phase, ui) {
  const fetchIt = LATER[phase];
  if (!fetchIt || SCREENS[phase] || fetching.has(phase)) return;
  fetching.add(phase);
  fetchIt()
    .then((drawn) => {
      SCREENS[phase] = drawn;
      ui.render();
    })
    .catch(() => {
      /* offline: the next render asks again */
    })
    .finally(() => fetching.delete(phase));
}

/** @param {string} phase @returns {Screen} */
function screenOf(phase) {
  return (
    SCREENS[phase] ||
    ((_view, ui) => {
      fetchScreen(phase, ui);
      return h('p', { class: 'muted' }, t('connecting'));
    })
  );
}

/** @param {View | null} view @param {JoinUi} ui */
function header(view, ui) {
  const question = view ? view.session.question : ui.state.info?.question || '';
  const toggle = () => {
    ui.state.expanded = !ui.state.expanded;
    ui.render();
  };
  return h(
    'header',
    { class: 'phone-header', key: 'header' },
    h(
      'div',
      { class: 'row' },
      view ? phasePill(view.phase.name) : h('span', { class: 'phase-pill' }, t('app_name')),
      view ? countdown(view.phase, ui.now()) : null,
    ),
    questionBlock(question, ui.state.expanded, toggle, 'h1'),
  );
}

/** @type {typeof import('./group.js') | null} */
let groups = null;
let asked = false;

/**
 * The breakout part of the phone (group.js), fetched once the session has groups or a notice.
 * @param {View} view
 */
function groupPart(view) {
  if (!asked && (view.session.settings.groups?.size || view.session.notice)) {
    asked = true;
    import('./group.js').then((m) => {
      groups = m;
      ui.render();
    });
  }
  return groups;
}

/** @param {View} view @param {JoinUi} ui */
function screen(view, ui) {
  const g = groupPart(view);
  if (view.me?.waiting) return [g?.noticeBanner(view, ui), waitingScreen(view)];
  const phase = view.phase.name;
  fetchScreen(NEXT[/** @type {keyof NEXT} */ (phase)], ui);
  return [
    g?.noticeBanner(view, ui),
    g?.groupBanner(view),
    phase !== 'rank' && ui.state.refusals.global ? refusalNote(ui, 'global') : null,
    g && phase === 'lobby' ? g.chooseList(view, ui) : null,
    g && phase === 'explain' ? g.explainSteps(view, ui) : null,
    g && phase === 'plenary'
      ? g.plenaryScreen(view, ui)
      : (LATER[phase] || SCREENS[phase] ? screenOf(phase) : lobbyScreen)(view, ui),
  ];
}

/**
 * The language menu, and "What the facilitator changed" once in the session (its dialog,
 * ui/record.js, is fetched on the first press).
 * @param {boolean} record
 */
const footer = (record) =>
  h(
    'footer',
    { key: 'footer', class: 'phone-footer' },
    record
      ? h(
          'button',
          {
            type: 'button',
            class: 'btn secondary small',
            on: {
              click: () => import('../ui/record.js').then((m) => m.openRecord(() => ui.view)),
            },
          },
          t('record_open'),
        )
      : null,
    languageMenu(),
  );

/** @param {View | null} view @param {JoinUi} ui */
function draw(view, ui) {
  document.title = `${view?.session.title || t('join_title')} · ${t('app_name')}`;
  if (ui.fatal) return h('div', { class: 'shell' }, fatalScreen(ui), footer(false));
  const waiting = load(meKey(ui.code)) || ui.state.joining;
  const before = waiting
    ? h('p', { class: 'centered muted', key: 'wait' }, t('connecting'))
    : joinForm(ui);
  return h(
    'div',
    { class: 'shell' },
    statusBanner(view || ui.socket?.everOpen ? ui.status : 'open', true),
    header(view, ui),
    h('main', { id: 'main', key: 'main' }, view ? screen(view, ui) : before),
    footer(!!view && !view.me?.waiting),
  );
}

/**
 * The server said no: show why where the action was, and lose nothing typed.
 * @param {JoinUi} ui
 * @param {Command} cmd
 * @param {ErrorFrame} err
 */
async function refused(ui, cmd, err) {
  const message = await refusalText(err);
  const a = cmd.args || {};
  const area =
    { 'idea.add': 'own', 'idea.place': 'arrange' }[cmd.name] ||
    (cmd.name.startsWith('pair.') ? 'pair' : a.idea_id) ||
    'global';
  ui.state.refusals[area] = message;
  if (cmd.name === 'vote.set') {
    ui.state.shake = a.idea_id;
    setTimeout(() => {
      ui.state.shake = null;
      ui.render();
    }, 600);
  }
  if (cmd.name === 'idea.add' && !ui.state.drafts.idea) {
    // give the person their text back so nothing is lost
    ui.state.drafts.idea = a.text || '';
    const el = /** @type {HTMLTextAreaElement | null} */ (document.getElementById('idea'));
    if (el) el.value = ui.state.drafts.idea;
    saveDrafts(ui);
  }
  ui.announce(t('refused', { message }));
  ui.render();
}

const code = roomCodeFromPath();
const saved = load(meKey(code));
/** @type {JoinUi} */
const ui = startPage({
  role: 'participant',
  state: newState(code),
  draw,
  token: saved?.token,
  store: localStorage,
  connect: !!saved?.token,
  on: {
    welcome: (frame) => {
      if (frame.you)
        store(meKey(code), { token: frame.you.token, id: frame.you.id, name: frame.you.name });
    },
    refused: (cmd, err) => refused(ui, cmd, err),
    notice: async (err) => {
      ui.state.refusals.global = await refusalText(err);
      ui.render();
    },
    fatal: (reason) => {
      if (reason === 'revoked') store(meKey(code), null);
    },
  },
});

if (!saved?.token) {
  fetch(`/api/sessions/${encodeURIComponent(code)}`)
    .then(async (res) => {
      if (res.status === 404) ui.fatal = 'unknown_room';
      else if (res.ok) ui.state.info = await res.json();
      ui.render();
    })
    .catch(() => {
      /* offline: the form still works once we are back */
    });
}
