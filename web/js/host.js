// Host console /h/{code}#<host token>: run the session. Never shows an idea's text before
// Explain (the host view does not carry any).
import { h, icon, ICONS, patchInto, scheduler, roomCodeFromPath, flip } from './dom.js';
import { t } from './i18n.js';
import { RoomSocket } from './socket.js';
import {
  PHASES,
  byRank,
  countdown,
  joinUrl,
  makeAnnouncer,
  phaseAnnouncer,
  phaseIndex,
  phasePill,
  qrSrc,
  questionBlock,
  revealed,
  startTicker,
  statusBanner,
  withPending,
} from './common.js';

const code = roomCodeFromPath();
const app = document.getElementById('app');
const tokenKey = `opera.host.${code}`;

function hostToken() {
  const fromHash = decodeURIComponent(location.hash.replace(/^#/, ''));
  try {
    if (fromHash) sessionStorage.setItem(tokenKey, fromHash);
    return fromHash || sessionStorage.getItem(tokenKey);
  } catch {
    return fromHash || null;
  }
}

const token = hostToken();
const state = {
  view: null,
  status: 'connecting',
  fatal: token ? null : 'no_token',
  expanded: false,
  minutes: null, // host override for the next phase's timer
  sound: false,
  timeUp: false,
  confirm: null, // 'remove:<pid>' | 'hide:<idea>'
  filter: '',
  menu: null, // idea id whose "Move to…" menu is open
  drag: null,
  notice: '',
  editingQuestion: false,
  copied: false,
  downloadError: '',
};

const announce = makeAnnouncer();
const onPhase = phaseAnnouncer(announce);
const render = scheduler(draw);

const socket = new RoomSocket({
  code,
  role: 'host',
  token,
  store: sessionStorage,
  on: {
    view: (view) => {
      if (state.view && view.phase.name !== state.view.phase.name) state.minutes = null;
      state.view = view;
      onPhase(view.phase && view.phase.name);
      render();
    },
    status: (s) => {
      state.status = s;
      render();
    },
    refused: (cmd, err) => {
      state.notice = t('refused', { message: err.message || err.code });
      announce(state.notice);
      render();
    },
    notice: (err) => {
      state.notice = err.message || err.code;
      render();
    },
    fatal: (reason) => {
      state.fatal = reason;
      render();
    },
  },
});

function send(name, args = {}) {
  state.notice = '';
  socket.send(name, args);
}

// ---------- sound and time-up ----------

let audio = null;
function ensureAudio() {
  try {
    const Ctx = window.AudioContext || window.webkitAudioContext;
    if (!audio && Ctx) audio = new Ctx();
    if (audio && audio.state === 'suspended') audio.resume();
  } catch {
    audio = null;
  }
}

function chime() {
  if (!state.sound || !audio) return;
  const now = audio.currentTime;
  [0, 0.35, 0.7].forEach((offset, i) => {
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.type = 'sine';
    osc.frequency.value = i === 2 ? 1046 : 784;
    gain.gain.setValueAtTime(0.0001, now + offset);
    gain.gain.exponentialRampToValueAtTime(0.25, now + offset + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, now + offset + 0.3);
    osc.connect(gain).connect(audio.destination);
    osc.start(now + offset);
    osc.stop(now + offset + 0.32);
  });
}

function timeUp() {
  state.timeUp = true;
  chime();
  render();
  setTimeout(() => {
    state.timeUp = false;
    render();
  }, 4000);
}

// ---------- downloads ----------

async function download(ext) {
  state.downloadError = '';
  try {
    const res = await fetch(`/api/sessions/${encodeURIComponent(code)}/export.${ext}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!res.ok) {
      const body = await res.json().catch(() => ({}));
      throw new Error((body.error && body.error.message) || `HTTP ${res.status}`);
    }
    const blob = await res.blob();
    const url = URL.createObjectURL(blob);
    const a = h('a', { href: url, download: `opera-${code}.${ext}`, class: 'sr-only' });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  } catch (e) {
    state.downloadError = t('download_failed', { message: e.message });
    render();
  }
}

// ---------- pieces ----------

const settingsOf = (view) => view.session.settings || {};

function defaultMinutes(view, phase) {
  const s = settingsOf(view)[phase];
  return s && typeof s.minutes === 'number' ? s.minutes : null;
}

function nextPhase(view) {
  const i = phaseIndex(view.phase.name);
  return PHASES[Math.min(i + 1, PHASES.length - 1)];
}

function timerControls(view) {
  const ph = view.phase;
  const paused = typeof ph.paused_left === 'number';
  const running = !paused && typeof ph.ends_at === 'number';
  return h(
    'div',
    { class: 'row', role: 'group', 'aria-label': t('timer_label') },
    countdown(ph, socket.serverNow()),
    h(
      'button',
      {
        type: 'button',
        class: 'btn small secondary',
        disabled: !running,
        on: { click: () => send('timer.pause') },
      },
      t('pause_timer'),
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'btn small secondary',
        disabled: !paused,
        on: { click: () => send('timer.resume') },
      },
      t('resume_timer'),
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'btn small secondary',
        on: { click: () => send('timer.add', { seconds: 60 }) },
      },
      icon(ICONS.plus),
      t('add_minute'),
    ),
    h(
      'label',
      { class: 'check' },
      h('input', {
        type: 'checkbox',
        checked: state.sound,
        on: {
          change: (e) => {
            state.sound = e.target.checked;
            if (state.sound) ensureAudio();
            render();
          },
        },
      }),
      h('span', null, t('sound_on')),
    ),
  );
}

function phaseBar(view) {
  const current = phaseIndex(view.phase.name);
  const next = nextPhase(view);
  const minutesFor = defaultMinutes(view, next);
  const minutes = state.minutes ?? minutesFor;
  return h(
    'nav',
    { 'aria-label': t('phases') },
    h(
      'ul',
      { class: 'phase-bar' },
      PHASES.slice(1).map((p) => {
        const i = phaseIndex(p);
        return h(
          'li',
          { key: p, 'data-phase': p },
          h(
            'button',
            {
              type: 'button',
              class: [
                'btn',
                p === next && i > current ? '' : 'secondary',
                i < current ? 'done-phase' : '',
              ],
              'aria-current': i === current ? 'step' : null,
              disabled: i < current,
              on: {
                click: () => {
                  const args = { phase: p };
                  const m = state.minutes;
                  if (m && p === next && defaultMinutes(view, p) !== null) args.minutes = m;
                  send('phase.start', args);
                },
              },
            },
            t(`start_phase_${p}`),
          ),
        );
      }),
      minutesFor !== null
        ? h(
            'li',
            { key: 'minutes', class: 'row' },
            h('label', { for: 'next-minutes' }, t('timer_minutes')),
            h('input', {
              id: 'next-minutes',
              type: 'number',
              min: 1,
              max: 180,
              value: String(minutes),
              style: { width: '6rem' },
              on: {
                change: (e) => {
                  const v = parseInt(e.target.value, 10);
                  state.minutes = v > 0 ? v : null;
                },
              },
            }),
          )
        : null,
    ),
  );
}

function questionEditor(view) {
  if (!state.editingQuestion) {
    return h(
      'div',
      { class: 'row' },
      questionBlock(view.session.question, state.expanded, () => {
        state.expanded = !state.expanded;
        render();
      }),
      h(
        'button',
        {
          type: 'button',
          class: 'btn small quiet',
          on: {
            click: () => {
              state.editingQuestion = true;
              render();
              setTimeout(() => document.getElementById('q-edit')?.focus(), 0);
            },
          },
        },
        icon(ICONS.edit),
        t('question_edit'),
      ),
    );
  }
  return h(
    'form',
    {
      class: 'stack',
      on: {
        submit: (e) => {
          e.preventDefault();
          const q = e.currentTarget.querySelector('#q-edit').value.trim();
          if (q) send('session.configure', { question: q });
          state.editingQuestion = false;
          render();
        },
      },
    },
    h('label', { for: 'q-edit', class: 'label' }, t('question')),
    h('textarea', { id: 'q-edit', rows: 2, value: view.session.question, 'data-keep': '' }),
    h(
      'div',
      { class: 'row' },
      h('button', { type: 'submit', class: 'btn small' }, t('save')),
      h(
        'button',
        {
          type: 'button',
          class: 'btn small secondary',
          on: {
            click: () => {
              state.editingQuestion = false;
              render();
            },
          },
        },
        t('cancel'),
      ),
    ),
  );
}

function top(view) {
  return h(
    'header',
    { class: ['host-top', state.timeUp ? 'time-up' : ''], key: 'top' },
    h(
      'div',
      { class: 'row' },
      h('h1', null, view.session.title || t('host_title')),
      phasePill(view.phase.name),
      h('span', { class: 'spacer' }),
      timerControls(view),
    ),
    questionEditor(view),
    phaseBar(view),
  );
}

function joinBox() {
  const url = joinUrl(code);
  return h(
    'section',
    { class: 'panel', key: 'join', 'aria-labelledby': 'join-h' },
    h('h2', { id: 'join-h' }, t('join_at')),
    h(
      'div',
      { class: 'join-box' },
      h('img', { class: 'qr', src: qrSrc(code), alt: t('qr_alt'), width: 112, height: 112 }),
      h(
        'div',
        null,
        h('div', { class: 'code', 'aria-label': `${t('room_code')} ${code}` }, code),
        h('a', { href: url }, url.replace(/^https?:\/\//, '')),
      ),
    ),
    h(
      'div',
      { class: 'row', style: { 'margin-top': '12px' } },
      h(
        'a',
        { class: 'btn', href: `/b/${encodeURIComponent(code)}`, target: '_blank', rel: 'noopener' },
        t('open_board'),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'btn secondary',
          on: {
            click: async () => {
              try {
                await navigator.clipboard.writeText(url);
                state.copied = true;
              } catch {
                state.copied = false;
              }
              render();
              setTimeout(() => {
                state.copied = false;
                render();
              }, 2000);
            },
          },
        },
        state.copied ? t('copied') : t('copy_link'),
      ),
    ),
    h('p', { class: 'hint', style: { 'margin-top': '12px' } }, t('host_link_note')),
  );
}

function doneSet(view) {
  const done = new Set();
  for (const p of (view.participants && view.participants.list) || []) if (p.done) done.add(p.id);
  if (view.phase.name === 'pair') {
    for (const pair of view.pairs || [])
      if (pair.confirmed) pair.members.forEach((m) => done.add(m.id));
  }
  return done;
}

function people(view) {
  const parts = view.participants || { total: 0, online: 0 };
  const list = parts.list || [];
  const done = doneSet(view);
  const q = state.filter.trim().toLowerCase();
  const shown = list.filter((p) => !q || `${p.name} ${p.org || ''}`.toLowerCase().includes(q));
  const limit = 300;
  const progress = view.progress || { done: 0, of: 0 };
  return h(
    'section',
    { class: 'panel', key: 'people', 'aria-labelledby': 'people-h' },
    h('h2', { id: 'people-h' }, t('people')),
    h(
      'p',
      { role: 'status' },
      t('online_count', { online: parts.online, total: parts.total }),
      ' · ',
      t('done_count', { done: progress.done, of: progress.of }),
    ),
    list.length > 12
      ? h(
          'div',
          { class: 'field' },
          h('label', { for: 'find' }, t('find_person')),
          h('input', {
            id: 'find',
            type: 'text',
            value: state.filter,
            on: {
              input: (e) => {
                state.filter = e.target.value;
                render();
              },
            },
          }),
        )
      : null,
    list.length
      ? h(
          'ul',
          { class: 'people' },
          shown.slice(0, limit).map((p) => {
            const confirming = state.confirm === `remove:${p.id}`;
            return h(
              'li',
              { key: p.id },
              h('span', {
                class: ['presence', p.online ? 'on' : ''],
                title: p.online ? t('online') : t('offline'),
              }),
              h('span', { class: 'sr-only' }, p.online ? t('online') : t('offline')),
              h(
                'span',
                { class: 'who' },
                h('span', { class: 'name' }, p.name),
                p.org ? h('span', { class: 'org' }, ` · ${p.org}`) : null,
              ),
              done.has(p.id)
                ? h(
                    'span',
                    { class: 'tick' },
                    icon(ICONS.check),
                    h('span', { class: 'sr-only' }, t('done_tick')),
                  )
                : null,
              h(
                'button',
                {
                  type: 'button',
                  class: ['btn', 'small', confirming ? 'danger' : 'quiet'],
                  'aria-label': confirming
                    ? t('confirm_remove', { name: p.name })
                    : t('remove_person', { name: p.name }),
                  on: {
                    click: () => {
                      if (confirming) {
                        state.confirm = null;
                        send('participant.remove', { participant_id: p.id });
                      } else state.confirm = `remove:${p.id}`;
                      render();
                    },
                    blur: () => {
                      if (state.confirm === `remove:${p.id}`)
                        setTimeout(() => {
                          if (
                            state.confirm === `remove:${p.id}` &&
                            document.activeElement?.closest('.people') == null
                          ) {
                            state.confirm = null;
                            render();
                          }
                        }, 200);
                    },
                  },
                },
                confirming ? t('confirm_remove', { name: p.name }) : t('remove'),
              ),
            );
          }),
          shown.length > limit
            ? h('li', { key: 'more' }, t('more_people', { n: shown.length - limit }))
            : null,
        )
      : h('p', { class: 'muted' }, t('no_people')),
  );
}

function downloads(view) {
  if (phaseIndex(view.phase.name) < phaseIndex('rank')) return null;
  return h(
    'section',
    { class: 'panel', key: 'downloads', 'aria-labelledby': 'dl-h' },
    h('h2', { id: 'dl-h' }, t('downloads')),
    h(
      'div',
      { class: 'downloads' },
      h(
        'button',
        { type: 'button', class: 'btn secondary', on: { click: () => download('csv') } },
        t('download_csv'),
      ),
      h(
        'button',
        { type: 'button', class: 'btn secondary', on: { click: () => download('md') } },
        t('download_md'),
      ),
      h(
        'button',
        { type: 'button', class: 'btn secondary', on: { click: () => download('json') } },
        t('download_json'),
      ),
      h(
        'button',
        { type: 'button', class: 'btn quiet', on: { click: () => window.print() } },
        t('print_report'),
      ),
    ),
    state.downloadError
      ? h('p', { class: 'error-text', role: 'alert' }, state.downloadError)
      : null,
  );
}

function progressPanel(view, key) {
  const p = view.progress || { done: 0, of: 0 };
  return h(
    'p',
    { class: 'big-line', role: 'status', key: 'progress' },
    t(key, { done: p.done, of: p.of }),
  );
}

const nameOf = (view, pid) => (view.participants.list || []).find((p) => p.id === pid) || {};

function membersText(view, pair) {
  return pair.members
    .map((m) => {
      const p = nameOf(view, m.id);
      return p.org ? `${m.name} (${p.org})` : m.name;
    })
    .join(', ');
}

function hideButton(idea) {
  const confirming = state.confirm === `hide:${idea.id}`;
  return h(
    'button',
    {
      type: 'button',
      class: ['btn', 'small', confirming ? 'danger' : 'quiet'],
      'aria-label': confirming
        ? `${t('confirm_hide')} ${idea.text}`
        : t('hide_idea_named', { text: idea.text }),
      on: {
        click: () => {
          if (confirming) {
            state.confirm = null;
            send('idea.hide', { idea_id: idea.id });
          } else state.confirm = `hide:${idea.id}`;
          render();
        },
      },
    },
    icon(ICONS.eyeOff),
    confirming ? t('confirm_hide') : t('hide_idea'),
  );
}

function lobbyPanel(view) {
  return h(
    'section',
    { key: 'lobby', class: 'stack' },
    progressPanel(view, 'people_online'),
    h('p', { class: 'muted' }, t('phase_hint_lobby')),
  );
}

function ownPanel(view) {
  return h(
    'section',
    { key: 'own', class: 'stack' },
    progressPanel(view, 'have_written'),
    h('p', { class: 'notice' }, t('ideas_hidden_before_explain')),
  );
}

function pairPanel(view) {
  const pairs = view.pairs || [];
  return h(
    'section',
    { key: 'pair', class: 'stack' },
    progressPanel(view, 'pairs_confirmed'),
    h(
      'div',
      { class: 'row' },
      h('h2', null, t('pairs')),
      h('span', { class: 'spacer' }),
      h(
        'button',
        { type: 'button', class: 'btn secondary', on: { click: () => send('pairs.shuffle') } },
        t('shuffle_pairs'),
      ),
    ),
    h(
      'ul',
      { class: 'pairs-list' },
      pairs.map((pair) =>
        h(
          'li',
          { key: pair.id },
          h('strong', null, pair.label),
          h('span', null, membersText(view, pair)),
          h('span', { class: 'spacer' }),
          pair.confirmed
            ? h('span', { class: 'tick' }, icon(ICONS.check), ' ', t('confirmed'))
            : h('span', { class: 'muted' }, t('not_confirmed')),
        ),
      ),
    ),
    h('p', { class: 'notice' }, t('ideas_hidden_before_explain')),
  );
}

function ideaRow(idea, extra) {
  return h(
    'li',
    { class: ['card', idea.hidden ? 'pending' : ''], key: idea.id },
    h('p', { class: 'card-text' }, idea.hidden ? h('s', null, idea.text) : idea.text),
    h(
      'div',
      { class: 'card-meta' },
      extra || null,
      idea.hidden ? h('span', { class: 'badge' }, t('hidden_idea')) : hideButton(idea),
    ),
  );
}

function explainPanel(view) {
  const ideas = view.ideas || [];
  const order = (view.explain && view.explain.order) || [];
  const current = view.explain && view.explain.current;
  const at = order.indexOf(current);
  const next = order[at + 1];
  const pairs = new Map((view.pairs || []).map((p) => [p.id, p]));
  return h(
    'section',
    { key: 'explain', class: 'stack' },
    progressPanel(view, 'pairs_spoken'),
    h(
      'div',
      { class: 'row' },
      h('h2', null, t('explain_order')),
      h('span', { class: 'spacer' }),
      h(
        'button',
        {
          type: 'button',
          class: 'btn',
          disabled: !next,
          on: { click: () => next && send('explain.focus', { pair_id: next }) },
        },
        t('next_pair'),
      ),
    ),
    h(
      'ol',
      { class: 'pairs-list' },
      order.map((pid) => {
        const pair = pairs.get(pid) || { label: pid, members: [] };
        return h(
          'li',
          {
            key: pid,
            class: pid === current ? 'current' : '',
            'aria-current': pid === current ? 'true' : null,
          },
          h('strong', null, pair.label),
          h('span', null, membersText(view, pair)),
          h('span', { class: 'spacer' }),
          h(
            'button',
            {
              type: 'button',
              class: 'btn small secondary',
              'aria-label': t('spotlight', { label: pair.label }),
              disabled: pid === current,
              on: { click: () => send('explain.focus', { pair_id: pid }) },
            },
            pid === current ? t('speaking_now') : t('spotlight', { label: '' }).trim(),
          ),
          h(
            'ul',
            { class: 'cards compact', style: { width: '100%' } },
            ideas.filter((i) => i.pair_id === pid).map((i) => ideaRow(i)),
          ),
        );
      }),
    ),
  );
}

function rankedList(view) {
  const ideas = byRank((view.ideas || []).filter((i) => !i.hidden));
  const top = Math.max(1, ...ideas.map((i) => i.points || 0));
  return h(
    'ol',
    { class: 'ranked', key: 'ranked' },
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
        typeof i.votes === 'number' && i.votes > 0
          ? h('span', { class: 'rank-meta' }, t('backing', { votes: i.votes, orgs: i.orgs ?? 0 }))
          : null,
      ),
    ),
  );
}

function rankPanel(view) {
  const shown = view.rank && view.rank.revealed === true;
  return h(
    'section',
    { key: 'rank', class: 'stack' },
    progressPanel(view, 'have_voted'),
    h(
      'div',
      { class: 'row' },
      h(
        'button',
        { type: 'button', class: 'btn', disabled: shown, on: { click: () => send('rank.reveal') } },
        t('reveal_results'),
      ),
      h('span', { class: 'muted' }, shown ? t('revealed') : t('totals_private')),
    ),
    rankedList(view),
  );
}

// ---------- Arrange: drag and drop + keyboard "Move to…" ----------

function clusterLabelFor(idea) {
  const text = idea.text.trim();
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function moveIdea(idea, target, index) {
  if (target === '__new')
    send('cluster.create', { label: clusterLabelFor(idea), idea_ids: [idea.id] });
  else {
    const args = { idea_id: idea.id, cluster_id: target || null };
    if (typeof index === 'number') args.index = index;
    send('idea.place', args);
  }
}

function moveMenu(view, idea) {
  const open = state.menu === idea.id;
  const targets = [
    ['', t('not_placed')],
    ...(view.clusters || []).map((c) => [c.id, c.label]),
    ['__new', t('new_cluster')],
  ];
  const close = (refocus) => {
    state.menu = null;
    render();
    if (refocus) setTimeout(() => document.querySelector(`[data-move="${idea.id}"]`)?.focus(), 0);
  };
  return h(
    'div',
    {
      class: 'move-menu',
      on: {
        keydown: (e) => {
          if (e.key === 'Escape' && open) {
            e.stopPropagation();
            close(true);
          }
        },
      },
    },
    h(
      'button',
      {
        type: 'button',
        class: 'btn small secondary',
        'data-move': idea.id,
        'aria-expanded': open ? 'true' : 'false',
        'aria-label': t('move_idea_to', { text: idea.text }),
        on: {
          click: () => {
            state.menu = open ? null : idea.id;
            render();
            if (!open)
              setTimeout(
                () => document.querySelector(`[data-move-first="${idea.id}"]`)?.focus(),
                0,
              );
          },
        },
      },
      t('move_to'),
    ),
    open
      ? h(
          'ul',
          { class: 'row', style: { 'list-style': 'none', padding: 0, margin: '8px 0 0' } },
          targets.map(([id, label], n) =>
            h(
              'li',
              { key: `t${id}` },
              h(
                'button',
                {
                  type: 'button',
                  class: 'btn small',
                  'data-move-first': n === 0 ? idea.id : null,
                  disabled: (idea.cluster_id || '') === id,
                  on: {
                    click: () => {
                      moveIdea(idea, id);
                      close(true);
                    },
                  },
                },
                label,
              ),
            ),
          ),
        )
      : null,
  );
}

function arrangeCard(view, idea) {
  return h(
    'li',
    {
      class: ['card', 'arr-card', state.drag && state.drag.id === idea.id ? 'dragging' : ''],
      key: idea.id,
      'data-idea': idea.id,
      'data-flip': idea.id,
    },
    h(
      'div',
      { class: 'row arr-head' },
      h('span', { class: 'grip', 'aria-hidden': 'true', 'data-grip': '' }, icon(ICONS.grip)),
      idea.points != null ? h('span', { class: 'badge' }, t('points', { n: idea.points })) : null,
    ),
    h('p', { class: 'card-text' }, idea.text),
    h('div', { class: 'card-actions' }, moveMenu(view, idea), hideButton(idea)),
  );
}

function clusterFields(c) {
  const field = (name, labelKey, value) =>
    h('input', {
      type: 'text',
      'aria-label': t(labelKey, { label: c.label }),
      placeholder: name === 'label' ? '' : t(name === 'owner' ? 'owner' : 'action'),
      value: value || '',
      on: {
        change: (e) => {
          const v = e.target.value.trim();
          if (name === 'label' && !v) {
            e.target.value = c.label;
            return;
          }
          if ((c[name] || '') === v) return;
          send('cluster.update', { cluster_id: c.id, [name]: v || null });
        },
        keydown: (e) => {
          if (e.key === 'Enter') e.target.blur();
        },
      },
    });
  return h(
    'div',
    { class: 'cluster-fields' },
    field('label', 'cluster_label_of', c.label),
    field('owner', 'owner_of', c.owner),
    field('action', 'action_of', c.action),
  );
}

function arrangePanel(view) {
  const ideas = (view.ideas || []).filter((i) => !i.hidden);
  const byId = new Map(ideas.map((i) => [i.id, i]));
  const placed = new Set();
  const clusters = (view.clusters || []).map((c) => {
    const items = c.idea_ids.map((id) => byId.get(id)).filter(Boolean);
    items.forEach((i) => placed.add(i.id));
    return h(
      'section',
      { class: 'column', key: c.id, 'data-drop': c.id, 'aria-label': c.label },
      h(
        'div',
        { class: 'column-head' },
        clusterFields(c),
        h(
          'button',
          {
            type: 'button',
            class: 'btn small danger',
            'aria-label': t('delete_cluster', { label: c.label }),
            on: { click: () => send('cluster.delete', { cluster_id: c.id }) },
          },
          icon(ICONS.trash),
          t('delete'),
        ),
      ),
      h(
        'ul',
        { class: 'cards' },
        items.map((i) => arrangeCard(view, i)),
      ),
    );
  });
  const rest = byRank(ideas.filter((i) => !placed.has(i.id)));
  const waiting = rest.filter((i) => i.points == null || i.points > 0);
  const parked = rest.filter((i) => i.points === 0);
  const create = (e) => {
    e.preventDefault();
    const input = document.getElementById('cluster-label');
    const label = input.value.trim();
    if (!label) {
      input.focus();
      return;
    }
    send('cluster.create', { label });
    input.value = '';
  };
  return h(
    'section',
    { key: 'arrange', class: 'stack arrange' },
    progressPanel(view, 'ideas_placed'),
    h(
      'form',
      { class: 'row', on: { submit: create } },
      h('label', { for: 'cluster-label', class: 'label' }, t('cluster_label')),
      h('input', {
        id: 'cluster-label',
        type: 'text',
        maxlength: 120,
        style: { flex: '1 1 12rem', width: 'auto' },
        'data-keep': '',
      }),
      h('button', { type: 'submit', class: 'btn' }, icon(ICONS.plus), t('create_cluster')),
    ),
    h('p', { class: 'hint' }, t('drag_hint')),
    h(
      'div',
      { class: 'columns', id: 'arrange-board' },
      clusters,
      h(
        'section',
        { class: 'column', key: '__waiting', 'data-drop': '', 'aria-label': t('not_placed') },
        h('div', { class: 'column-head' }, h('h3', null, t('not_placed'))),
        h(
          'ul',
          { class: 'cards' },
          waiting.map((i) => arrangeCard(view, i)),
        ),
      ),
      h('div', { class: 'new-cluster', key: '__new', 'data-drop': '__new' }, t('drop_new_cluster')),
    ),
    parked.length
      ? h(
          'section',
          { class: 'parked column', key: '__parked', 'data-drop': '', 'aria-label': t('parked') },
          h('h3', null, t('parked')),
          h(
            'ul',
            { class: 'cards' },
            parked.map((i) => arrangeCard(view, i)),
          ),
        )
      : null,
  );
}

function donePanel(view) {
  return h(
    'section',
    { key: 'done', class: 'stack' },
    h('h2', null, t('results')),
    rankedList(view),
    (view.clusters || []).length ? arrangePanel(view) : null,
  );
}

const PANELS = {
  lobby: lobbyPanel,
  own: ownPanel,
  pair: pairPanel,
  explain: explainPanel,
  rank: rankPanel,
  arrange: arrangePanel,
  done: donePanel,
};

// pointer-event drag and drop on the Arrange board
function setupDrag() {
  let start = null;
  let ghost = null;
  let over = null;

  const dropTarget = (x, y) => {
    const el = document.elementFromPoint(x, y);
    return el ? el.closest('[data-drop]') : null;
  };
  const indexIn = (zone, y, id) => {
    const cards = [...zone.querySelectorAll('[data-idea]')].filter(
      (c) => c.getAttribute('data-idea') !== id,
    );
    const i = cards.findIndex((c) => {
      const r = c.getBoundingClientRect();
      return y < r.top + r.height / 2;
    });
    return i < 0 ? cards.length : i;
  };
  const cleanup = () => {
    if (ghost) ghost.remove();
    if (over) over.classList.remove('drop-over');
    ghost = null;
    over = null;
    start = null;
    if (state.drag) {
      state.drag = null;
      render();
    }
  };

  document.addEventListener('pointerdown', (e) => {
    const card = e.target.closest('.arr-card');
    if (!card || e.button !== 0) return;
    const onGrip = !!e.target.closest('[data-grip]');
    if (!onGrip && e.target.closest('button, input, select, textarea, a')) return;
    if (e.pointerType === 'touch' && !onGrip) return;
    const r = card.getBoundingClientRect();
    start = {
      x: e.clientX,
      y: e.clientY,
      id: card.getAttribute('data-idea'),
      card,
      dx: e.clientX - r.left,
      dy: e.clientY - r.top,
      w: r.width,
    };
    if (onGrip) e.preventDefault();
  });

  document.addEventListener('pointermove', (e) => {
    if (!start) return;
    if (!ghost) {
      if (Math.hypot(e.clientX - start.x, e.clientY - start.y) < 6) return;
      ghost = start.card.cloneNode(true);
      ghost.classList.add('drag-ghost');
      ghost.removeAttribute('data-flip');
      ghost.removeAttribute('data-idea');
      ghost.setAttribute('aria-hidden', 'true');
      ghost.style.width = `${start.w}px`;
      document.body.appendChild(ghost);
      state.drag = { id: start.id };
      state.menu = null;
      render();
    }
    e.preventDefault();
    if (e.clientY < 60) window.scrollBy(0, -24);
    else if (e.clientY > window.innerHeight - 60) window.scrollBy(0, 24);
    ghost.style.left = `${e.clientX - start.dx}px`;
    ghost.style.top = `${e.clientY - start.dy}px`;
    const zone = dropTarget(e.clientX, e.clientY);
    if (zone !== over) {
      if (over) over.classList.remove('drop-over');
      over = zone;
      if (over) over.classList.add('drop-over');
    }
  });

  document.addEventListener('pointerup', (e) => {
    if (!start) return;
    if (ghost && state.view) {
      const zone = dropTarget(e.clientX, e.clientY);
      const idea = (state.view.ideas || []).find((i) => i.id === start.id);
      if (zone && idea) {
        const target = zone.getAttribute('data-drop');
        if (target === '__new') moveIdea(idea, '__new');
        else moveIdea(idea, target, target ? indexIn(zone, e.clientY, idea.id) : undefined);
      }
    }
    cleanup();
  });
  document.addEventListener('pointercancel', cleanup);
}

// ---------- page ----------

function fatalScreen() {
  const msg =
    state.fatal === 'no_token'
      ? t('no_host_token')
      : state.fatal === 'revoked'
        ? t('wrong_host_token')
        : state.fatal === 'unknown_room'
          ? t('unknown_room', { code })
          : t('bad_request_close');
  return h(
    'main',
    { class: 'fatal', key: 'fatal' },
    h('h1', null, msg),
    h('a', { class: 'btn', href: '/' }, t('go_start')),
  );
}

function draw() {
  let tree;
  if (state.fatal) tree = fatalScreen();
  else if (!state.view)
    tree = h('main', { class: 'fatal', key: 'wait' }, h('p', null, t('connecting')));
  else {
    const view = withPending(state.view, socket.pending());
    const phase = view.phase.name;
    document.body.dataset.phase = phase;
    document.title = `${t('host_title')} · ${t('phase_' + phase)} · ${view.session.title || t('app_name')}`;
    tree = h(
      'div',
      { class: 'shell', key: 'shell' },
      statusBanner(state.status, false),
      top(view),
      h(
        'div',
        { class: 'host-grid', key: 'grid' },
        h(
          'main',
          { class: 'stack', key: 'main', id: 'main' },
          state.notice ? h('p', { class: 'notice error', role: 'alert' }, state.notice) : null,
          (PANELS[phase] || lobbyPanel)(view),
        ),
        h('aside', { class: 'side', key: 'side' }, joinBox(), downloads(view), people(view)),
      ),
    );
  }
  flip(app, () => patchInto(app, tree));
}

if (!state.fatal) socket.connect();
draw();
setupDrag();
startTicker(
  () => state.view && state.view.phase,
  () => socket.serverNow(),
  announce,
  timeUp,
);
