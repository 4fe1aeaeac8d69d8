// Projector board /b/{code}: readable from the back of the hall. Shows only what a
// projector may show (the board role's view).
import { h, patchInto, scheduler, roomCodeFromPath, flip } from './dom.js';
import { t } from './i18n.js';
import { RoomSocket } from './socket.js';
import {
  applyTheme,
  boardIdeas,
  byRank,
  countdown,
  joinUrl,
  makeAnnouncer,
  phaseAnnouncer,
  phasePill,
  qrSrc,
  questionBlock,
  revealed,
  startTicker,
  statusBanner,
  toggleTheme,
} from './common.js';

const code = roomCodeFromPath();
const app = document.getElementById('app');
applyTheme('dark');

const state = { view: null, status: 'connecting', fatal: null };
const announce = makeAnnouncer();
const onPhase = phaseAnnouncer(announce);
const render = scheduler(draw);

const socket = new RoomSocket({
  code,
  role: 'board',
  on: {
    view: (view) => {
      state.view = view;
      onPhase(view.phase && view.phase.name);
      render();
    },
    status: (s) => {
      state.status = s;
      render();
    },
    fatal: (reason) => {
      state.fatal = reason;
      render();
    },
  },
});

function dots(done, of, label) {
  const n = Math.max(0, of || 0);
  const filled = Math.min(done || 0, n);
  const visual =
    n <= 120
      ? h(
          'ul',
          { class: 'dots', 'aria-hidden': 'true' },
          Array.from({ length: n }, (_, i) =>
            h('li', { class: ['dot', i < filled ? 'on' : ''], key: `d${i}` }),
          ),
        )
      : h(
          'div',
          { class: 'progress-bar', 'aria-hidden': 'true' },
          h('div', { style: { width: `${n ? (100 * filled) / n : 0}%` } }),
        );
  return h(
    'section',
    { class: 'progress', key: 'progress' },
    visual,
    h('p', { class: 'big-count', role: 'status' }, label),
  );
}

function lobby(view) {
  const url = joinUrl(code);
  return h(
    'section',
    { class: 'lobby lobby-grid', key: 'lobby' },
    h(
      'div',
      null,
      h('p', { class: 'hint' }, t('join_at')),
      h('p', { class: 'lobby-link' }, h('a', { href: url }, url.replace(/^https?:\/\//, ''))),
      h('p', { class: 'hint' }, t('room_code')),
      h('p', { class: 'lobby-code' }, code),
      h(
        'p',
        { class: 'big-count', role: 'status' },
        t('people_joined', { n: view.participants.total }),
      ),
    ),
    h('img', { class: 'qr qr-big', src: qrSrc(code), alt: t('qr_alt'), width: 480, height: 480 }),
  );
}

function progressLine(view) {
  const p = view.progress || { done: 0, of: 0 };
  const keyFor = {
    own: 'have_written',
    pair: 'pairs_confirmed',
    explain: 'pairs_spoken',
    rank: 'have_voted',
    arrange: 'ideas_placed',
    done: 'ideas_placed',
  };
  return dots(
    p.done,
    p.of,
    t(keyFor[view.phase.name] || 'people_online', { done: p.done, of: p.of }),
  );
}

function ideaCard(idea, cls = '') {
  return h(
    'li',
    { class: ['card', cls], key: idea.id, 'data-flip': idea.id },
    h('p', { class: 'card-text' }, idea.text),
  );
}

const labelOf = (view, pid) => ((view.pairs || []).find((p) => p.id === pid) || {}).label || '';

function explain(view) {
  const ideas = boardIdeas(view);
  if (!ideas.length) return h('p', { class: 'big-count', key: 'none' }, t('no_ideas_yet'));
  const order =
    view.explain && view.explain.order && view.explain.order.length
      ? view.explain.order
      : [...new Set(ideas.map((i) => i.pair_id))];
  const current = view.explain && view.explain.current;
  const group = (pid, small) =>
    h(
      'div',
      { class: ['pair-group', pid === current ? 'current' : ''], key: pid },
      h('h2', { class: 'pair-head' }, labelOf(view, pid)),
      h(
        'ul',
        { class: 'cards' },
        ideas.filter((i) => i.pair_id === pid).map((i) => ideaCard(i, small ? 'small' : '')),
      ),
    );
  if (!current) {
    return h(
      'section',
      { class: 'spotlight', key: 'explain-all' },
      h(
        'div',
        { class: 'columns' },
        order.map((pid) => group(pid, true)),
      ),
    );
  }
  const others = order.filter((pid) => pid !== current);
  return h(
    'section',
    { class: 'spotlight spotlight-grid', key: 'explain' },
    h('div', { class: 'current-pair' }, group(current, false)),
    others.length
      ? h(
          'div',
          { class: 'others', 'aria-label': t('up_next') },
          others.map((pid) => group(pid, true)),
        )
      : null,
  );
}

function ranked(view) {
  const ideas = byRank(boardIdeas(view));
  const top = Math.max(1, ...ideas.map((i) => i.points || 0));
  return h(
    'ol',
    { class: 'ranked', key: 'ranked', 'aria-label': t('results') },
    ideas.map((i) =>
      h(
        'li',
        { key: i.id, 'data-flip': i.id },
        h('span', { class: 'rank-no' }, i.rank != null ? t('rank_n', { n: i.rank }) : '–'),
        h('span', { class: 'rank-text' }, i.text),
        h('span', { class: 'rank-pts' }, t('points', { n: i.points || 0 })),
        h(
          'div',
          { class: 'bar-track', 'aria-hidden': 'true' },
          h('div', { class: 'bar', style: { width: `${(100 * (i.points || 0)) / top}%` } }),
        ),
      ),
    ),
  );
}

function rank(view) {
  if (revealed(view)) return ranked(view);
  return progressLine(view);
}

function arrange(view) {
  const ideas = boardIdeas(view);
  const byId = new Map(ideas.map((i) => [i.id, i]));
  const placed = new Set();
  const clusters = (view.clusters || []).map((c) => {
    const items = c.idea_ids.map((id) => byId.get(id)).filter(Boolean);
    items.forEach((i) => placed.add(i.id));
    return h(
      'section',
      { class: 'column', key: c.id },
      h(
        'div',
        { class: 'column-head' },
        h('h2', null, c.label),
        c.owner ? h('div', { class: 'meta' }, t('owner_value', { value: c.owner })) : null,
        c.action ? h('div', { class: 'meta' }, t('action_value', { value: c.action })) : null,
      ),
      h(
        'ul',
        { class: 'cards' },
        items.map((i) => ideaCard(i)),
      ),
    );
  });
  const show = revealed(view);
  const rest = byRank(ideas.filter((i) => !placed.has(i.id)));
  const waiting = show ? rest.filter((i) => (i.points || 0) > 0) : rest;
  const parked = show ? rest.filter((i) => (i.points || 0) === 0) : [];
  return h(
    'section',
    { key: 'arrange', class: 'arrange' },
    clusters.length ? h('div', { class: 'columns' }, clusters) : null,
    waiting.length
      ? h(
          'section',
          { class: 'parked', key: 'waiting' },
          h('h2', null, t('not_placed')),
          h(
            'ul',
            { class: 'cards' },
            waiting.map((i) => ideaCard(i, 'small')),
          ),
        )
      : null,
    parked.length
      ? h(
          'section',
          { class: 'parked', key: 'parked' },
          h('h2', null, t('parked')),
          h(
            'ul',
            { class: 'cards' },
            parked.map((i) => ideaCard(i, 'small')),
          ),
        )
      : null,
  );
}

function done(view) {
  if (!revealed(view)) return arrange(view);
  return h(
    'section',
    { key: 'done', class: 'stack' },
    (view.clusters || []).length ? arrange(view) : ranked(view),
  );
}

const MAIN = {
  lobby,
  own: progressLine,
  pair: progressLine,
  explain,
  rank,
  arrange,
  done,
};

function themeButton() {
  return h(
    'button',
    {
      type: 'button',
      class: 'btn small secondary theme-toggle',
      on: {
        click: () => {
          toggleTheme();
          render();
        },
      },
    },
    document.documentElement.dataset.theme === 'dark' ? t('light_theme') : t('dark_theme'),
  );
}

function footer(view) {
  if (view.phase.name === 'lobby')
    return h('footer', { class: 'board-foot', key: 'foot' }, h('span'), themeButton());
  const url = joinUrl(code);
  return h(
    'footer',
    { class: 'board-foot', key: 'foot' },
    h(
      'div',
      null,
      t('join_at'),
      ' ',
      h('a', { href: url }, url.replace(/^https?:\/\//, '')),
      ' · ',
      t('room_code'),
      ' ',
      h('span', { class: 'code' }, code),
    ),
    h('div', null, t('people_joined', { n: view.participants.total })),
    h('img', { class: 'qr qr-small', src: qrSrc(code), alt: t('qr_alt'), width: 120, height: 120 }),
    themeButton(),
  );
}

function draw() {
  let tree;
  if (state.fatal) {
    tree = h(
      'main',
      { class: 'fatal', key: 'fatal' },
      h(
        'h1',
        null,
        state.fatal === 'unknown_room' ? t('unknown_room', { code }) : t('bad_request_close'),
      ),
      h('a', { class: 'btn', href: '/' }, t('go_start')),
    );
  } else if (!state.view) {
    tree = h('main', { class: 'fatal', key: 'wait' }, h('p', null, t('connecting')));
  } else {
    const view = state.view;
    const phase = view.phase.name;
    document.body.dataset.phase = phase;
    document.title = `${view.session.title || t('app_name')} · ${t('phase_' + phase)}`;
    const main = (MAIN[phase] || lobby)(view);
    tree = h(
      'div',
      { class: 'board-wrap', key: 'wrap' },
      statusBanner(state.status, false),
      h(
        'header',
        { class: 'board-top', key: 'top' },
        h(
          'div',
          null,
          h(
            'div',
            { class: 'row' },
            phasePill(phase),
            h('span', { class: 'hint' }, t(`phase_hint_${phase}`)),
          ),
          questionBlock(view.session.question, true, null, 'h1'),
        ),
        countdown(view.phase, socket.serverNow()),
      ),
      h('main', { class: 'board-main', key: 'main' }, main),
      footer(view),
    );
  }
  flip(app, () => patchInto(app, tree));
}

socket.connect();
draw();
startTicker(
  () => state.view && state.view.phase,
  () => socket.serverNow(),
  announce,
);
