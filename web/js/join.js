// Participant page /j/{code}: join, then one screen per phase. Phone first.
import { h, icon, ICONS, patchInto, scheduler, roomCodeFromPath } from './dom.js';
import { t } from './i18n.js';
import { RoomSocket } from './socket.js';
import {
  boardIdeas,
  byRank,
  countdown,
  makeAnnouncer,
  phaseAnnouncer,
  phasePill,
  questionBlock,
  revealed,
  startTicker,
  statusBanner,
  withPending,
} from './common.js';

const code = roomCodeFromPath();
const app = document.getElementById('app');
const meKey = `opera.participant.${code}`;
const draftKey = `opera.draft.${code}`;

const load = (key) => {
  try {
    return JSON.parse(localStorage.getItem(key) || 'null');
  } catch {
    return null;
  }
};
const store = (key, value) => {
  try {
    if (value == null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    /* private mode */
  }
};

const state = {
  info: null, // GET /api/sessions/{code}
  socket: null,
  view: null,
  status: 'connecting',
  fatal: null,
  joinError: '',
  expanded: false,
  editing: null, // idea id
  menu: null, // idea id whose Move to… list is open
  refusals: {}, // area or idea id -> message
  shake: null,
  drafts: Object.assign({ idea: '', shared: '', edit: '' }, load(draftKey) || {}),
};

const announce = makeAnnouncer();
const onPhase = phaseAnnouncer(announce);
const render = scheduler(draw);

function saveDrafts() {
  store(draftKey, state.drafts);
}

// ---------- connection ----------

function connect(hello) {
  const saved = load(meKey);
  state.socket = new RoomSocket({
    code,
    role: 'participant',
    token: saved && saved.token,
    name: hello && hello.name,
    org: hello && hello.org,
    store: localStorage,
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
      welcome: (frame) => {
        if (frame.you) {
          store(meKey, { token: frame.you.token, id: frame.you.id, name: frame.you.name });
        }
      },
      refused: (cmd, err) => refused(cmd, err),
      notice: (err) => {
        state.refusals.global = err.message || err.code;
        render();
      },
      fatal: (reason) => {
        state.fatal = reason;
        if (reason === 'revoked') store(meKey, null);
        render();
      },
    },
  });
  state.socket.connect();
}

function refused(cmd, err) {
  const message = err.message || err.code;
  const a = cmd.args || {};
  let area = 'global';
  if (cmd.name === 'idea.add') area = 'own';
  else if (cmd.name === 'idea.edit' || cmd.name === 'idea.delete') area = a.idea_id;
  else if (cmd.name === 'vote.set') area = a.idea_id;
  else if (cmd.name.startsWith('pair.')) area = 'pair';
  else if (cmd.name === 'idea.place') area = 'arrange';
  state.refusals[area] = message;
  if (cmd.name === 'vote.set') {
    state.shake = a.idea_id;
    setTimeout(() => {
      state.shake = null;
      render();
    }, 600);
  }
  if (cmd.name === 'idea.add' && !state.drafts.idea) {
    // give the person their text back so nothing is lost
    state.drafts.idea = a.text || '';
    const el = document.getElementById('idea');
    if (el) el.value = state.drafts.idea;
    saveDrafts();
  }
  announce(t('refused', { message }));
  render();
}

function send(name, args, area) {
  if (area) delete state.refusals[area];
  delete state.refusals.global;
  state.socket.send(name, args);
}

const pending = () => (state.socket ? state.socket.pending() : []);
const isQueued = (cmd) => state.socket && state.socket.queue.includes(cmd);
const pendingLabel = (cmd) =>
  state.status === 'open' || !isQueued(cmd) ? t('sending') : t('waiting_to_send');

// ---------- pieces ----------

function header() {
  const view = state.view;
  const question = view ? view.session.question : state.info ? state.info.question : '';
  const phase = view ? view.phase : null;
  return h(
    'header',
    { class: 'phone-header', key: 'header' },
    h(
      'div',
      { class: 'row' },
      phase ? phasePill(phase.name) : h('span', { class: 'phase-pill' }, t('app_name')),
      phase ? countdown(phase, state.socket.serverNow()) : null,
    ),
    questionBlock(
      question,
      state.expanded,
      () => {
        state.expanded = !state.expanded;
        render();
      },
      'h1',
    ),
  );
}

function refusalNote(area) {
  const msg = state.refusals[area];
  return msg ? h('p', { class: 'refusal', role: 'alert' }, t('refused', { message: msg })) : null;
}

function textArea(id, labelKey, draftName, opts = {}) {
  const max = opts.max || 280;
  const value = state.drafts[draftName] || '';
  const len = [...value].length;
  return [
    h('label', { for: id, class: 'label' }, t(labelKey)),
    opts.hint ? h('p', { class: 'hint', id: `${id}-hint` }, opts.hint) : null,
    h('textarea', {
      id,
      name: id,
      rows: 3,
      maxlength: max,
      value,
      'aria-describedby': [opts.hint ? `${id}-hint` : '', `${id}-count`].filter(Boolean).join(' '),
      on: {
        input: (e) => {
          state.drafts[draftName] = e.target.value;
          saveDrafts();
          render();
        },
        keydown: (e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && opts.submit) {
            e.preventDefault();
            opts.submit();
          }
        },
      },
    }),
    h(
      'div',
      { class: 'row' },
      h(
        'span',
        { class: ['count', len > max ? 'over' : ''], id: `${id}-count` },
        t('chars_count', { n: len, max }),
      ),
      opts.extra || null,
    ),
  ];
}

// ---------- screens ----------

function joinScreen() {
  const saved = load('opera.me') || {};
  const title = state.info && state.info.title;
  const nameInput = h('input', {
    id: 'name',
    name: 'name',
    type: 'text',
    autocomplete: 'name',
    maxlength: 60,
    value: saved.name || '',
    'data-keep': '',
  });
  const orgInput = h('input', {
    id: 'org',
    name: 'org',
    type: 'text',
    autocomplete: 'organization',
    maxlength: 80,
    value: saved.org || '',
    'aria-describedby': 'org-hint',
    'data-keep': '',
  });
  return h(
    'form',
    {
      class: 'stack',
      key: 'join',
      novalidate: true,
      on: {
        submit: (e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const name = form.querySelector('#name').value.trim();
          const org = form.querySelector('#org').value.trim();
          if (!name) {
            state.joinError = t('name_required');
            render();
            form.querySelector('#name').focus();
            return;
          }
          store('opera.me', { name, org });
          state.joinError = '';
          state.joining = true;
          connect({ name, org });
          render();
        },
      },
    },
    h('h2', null, title ? t('joining_title', { title }) : t('join_title')),
    h('div', { class: 'field' }, h('label', { for: 'name' }, t('your_name')), nameInput),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'org' }, t('organisation')),
      orgInput,
      h('span', { class: 'hint', id: 'org-hint' }, t('organisation_hint')),
    ),
    state.joinError ? h('p', { class: 'error-text', role: 'alert' }, state.joinError) : null,
    h(
      'button',
      { type: 'submit', class: 'btn big wide', disabled: state.joining && !state.view },
      t('join'),
    ),
  );
}

function lobbyScreen(view) {
  return h(
    'section',
    { class: 'centered', key: 'lobby' },
    h('p', { class: 'big-line' }, t('joined_as', { name: view.me ? view.me.name : '' })),
    h('p', { class: 'muted' }, t('wait_for_start')),
  );
}

function ownScreen(view) {
  const me = view.me || { ideas: [] };
  const settings = view.session.settings || {};
  const own = settings.own || {};
  const max = own.max_chars || 280;
  const maxIdeas = own.max_ideas || 10;
  const pend = pending();
  const deleted = new Set(pend.filter((c) => c.name === 'idea.delete').map((c) => c.args.idea_id));
  const edits = new Map(pend.filter((c) => c.name === 'idea.edit').map((c) => [c.args.idea_id, c]));
  const adds = pend.filter((c) => c.name === 'idea.add');
  const ideas = me.ideas.filter((i) => !deleted.has(i.id));
  const count = ideas.length + adds.length;
  const full = count >= maxIdeas;

  const submit = () => {
    const el = document.getElementById('idea');
    const text = (el ? el.value : state.drafts.idea).trim();
    if (!text || full) return;
    send('idea.add', { text }, 'own');
    state.drafts.idea = '';
    if (el) el.value = '';
    saveDrafts();
    render();
  };

  const cards = [];
  for (const idea of ideas) {
    const edit = edits.get(idea.id);
    const text = edit ? edit.args.text : idea.text;
    if (state.editing === idea.id) {
      cards.push(
        h(
          'li',
          { class: 'card', key: idea.id },
          ...textArea(`edit-${idea.id}`, 'edit_text', 'edit', { max }),
          h(
            'div',
            { class: 'card-actions' },
            h(
              'button',
              {
                type: 'button',
                class: 'btn small',
                on: {
                  click: () => {
                    const el = document.getElementById(`edit-${idea.id}`);
                    const value = (el ? el.value : state.drafts.edit).trim();
                    if (value && value !== idea.text)
                      send('idea.edit', { idea_id: idea.id, text: value }, idea.id);
                    state.editing = null;
                    state.drafts.edit = '';
                    saveDrafts();
                    render();
                    setTimeout(() => document.getElementById(`editbtn-${idea.id}`)?.focus(), 0);
                  },
                },
              },
              t('save'),
            ),
            h(
              'button',
              {
                type: 'button',
                class: 'btn small secondary',
                on: {
                  click: () => {
                    state.editing = null;
                    render();
                    setTimeout(() => document.getElementById(`editbtn-${idea.id}`)?.focus(), 0);
                  },
                },
              },
              t('cancel'),
            ),
          ),
        ),
      );
      continue;
    }
    cards.push(
      h(
        'li',
        { class: ['card', edit ? 'pending' : ''], key: idea.id },
        h('p', { class: 'card-text' }, text),
        edit ? h('div', { class: 'card-meta' }, pendingLabel(edit)) : null,
        refusalNote(idea.id),
        h(
          'div',
          { class: 'card-actions' },
          h(
            'button',
            {
              type: 'button',
              id: `editbtn-${idea.id}`,
              class: 'btn small secondary',
              'aria-label': t('edit_idea', { text }),
              on: {
                click: () => {
                  state.editing = idea.id;
                  state.drafts.edit = text;
                  render();
                  setTimeout(() => {
                    const el = document.getElementById(`edit-${idea.id}`);
                    if (el) {
                      el.value = text;
                      el.focus();
                    }
                  }, 0);
                },
              },
            },
            icon(ICONS.edit),
            t('edit'),
          ),
          h(
            'button',
            {
              type: 'button',
              class: 'btn small danger',
              'aria-label': t('delete_idea', { text }),
              on: {
                click: () => {
                  send('idea.delete', { idea_id: idea.id }, idea.id);
                  setTimeout(() => document.getElementById('idea')?.focus(), 0);
                },
              },
            },
            icon(ICONS.trash),
            t('delete'),
          ),
        ),
      ),
    );
  }
  for (const cmd of adds) {
    cards.push(
      h(
        'li',
        { class: 'card pending', key: cmd.id },
        h('p', { class: 'card-text' }, cmd.args.text),
        h('div', { class: 'card-meta' }, pendingLabel(cmd)),
      ),
    );
  }

  return h(
    'section',
    { key: 'own', class: 'stack' },
    h(
      'div',
      { class: 'field' },
      ...textArea('idea', 'your_idea', 'idea', {
        max,
        submit,
        extra: h('span', { class: 'count' }, t('ideas_count', { n: count, max: maxIdeas })),
      }),
    ),
    full ? h('p', { class: 'hint' }, t('max_ideas_reached')) : null,
    refusalNote('own'),
    h(
      'button',
      { type: 'button', class: 'btn big wide', disabled: full, on: { click: submit } },
      icon(ICONS.plus),
      t('add_idea'),
    ),
    h('p', { class: 'hint', id: 'idea-private' }, icon(ICONS.eyeOff), ' ', t('only_you')),
    h('h2', { class: 'section' }, t('my_ideas')),
    cards.length
      ? h('ul', { class: 'cards', 'aria-label': t('my_ideas') }, cards)
      : h('p', { class: 'muted' }, t('no_ideas')),
  );
}

function partnerNames(view) {
  const me = view.me;
  const members = (me.pair && me.pair.members) || [];
  return members.filter((m) => m.id !== me.id);
}

function pairScreen(view) {
  const me = view.me;
  if (!me || !me.pair) {
    return h(
      'section',
      { key: 'nopair', class: 'centered' },
      h('p', { class: 'big-line' }, t('no_pair')),
      h('p', { class: 'muted' }, t('no_pair_hint')),
    );
  }
  const pair = me.pair;
  const settings = view.session.settings || {};
  const max = (settings.pair && settings.pair.shortlist_max) || 4;
  const maxChars = (settings.own && settings.own.max_chars) || 280;
  const pend = pending();
  let shortlist = pair.shortlist.slice();
  let confirmed = pair.confirmed.slice();
  for (const cmd of pend) {
    if (cmd.name === 'pair.shortlist') {
      if (JSON.stringify(cmd.args.idea_ids) !== JSON.stringify(shortlist)) confirmed = [];
      shortlist = cmd.args.idea_ids.slice();
    }
    if (cmd.name === 'pair.confirm' && !confirmed.includes(me.id)) confirmed.push(me.id);
  }
  const pool = pair.pool;
  const textOf = new Map(pool.map((i) => [i.id, i.text]));
  shortlist = shortlist.filter((id) => textOf.has(id));
  const partners = partnerNames(view);
  const setList = (ids) => send('pair.shortlist', { idea_ids: ids }, 'pair');

  const move = (index, delta) => {
    const ids = shortlist.slice();
    const j = index + delta;
    if (j < 0 || j >= ids.length) return;
    [ids[index], ids[j]] = [ids[j], ids[index]];
    setList(ids);
  };

  const writeShared = () => {
    const el = document.getElementById('shared');
    const text = (el ? el.value : state.drafts.shared).trim();
    if (!text) return;
    send('pair.write', { text }, 'pair');
    state.drafts.shared = '';
    if (el) el.value = '';
    saveDrafts();
    render();
  };

  const names = partners.map((p) => (p.org ? `${p.name}, ${p.org}` : p.name)).join(t('and'));
  const iConfirmed = confirmed.includes(me.id);
  const allConfirmed = shortlist.length > 0 && pair.members.every((m) => confirmed.includes(m.id));

  return h(
    'section',
    { key: 'pair', class: 'stack' },
    h('p', { class: 'partner' }, partners.length ? t('you_are_with', { names }) : t('no_pair')),
    h('h2', { class: 'section' }, t('pool')),
    h('p', { class: 'hint', id: 'pool-hint' }, t('pool_hint', { max })),
    h(
      'ul',
      { class: 'cards', 'aria-describedby': 'pool-hint' },
      pool.map((idea) => {
        const on = shortlist.includes(idea.id);
        return h(
          'li',
          { class: ['card', on ? 'selected' : ''], key: idea.id },
          h(
            'label',
            { class: 'pool-item' },
            h('input', {
              type: 'checkbox',
              checked: on,
              disabled: !on && shortlist.length >= max,
              on: {
                change: (e) => {
                  const ids = shortlist.filter((id) => id !== idea.id);
                  if (e.target.checked) ids.push(idea.id);
                  setList(ids);
                },
              },
            }),
            h('span', null, idea.text),
          ),
        );
      }),
      pend
        .filter((c) => c.name === 'pair.write')
        .map((c) =>
          h(
            'li',
            { class: 'card pending', key: c.id },
            h('p', { class: 'card-text' }, c.args.text),
            h('div', { class: 'card-meta' }, pendingLabel(c)),
          ),
        ),
    ),
    h('h2', { class: 'section' }, t('shortlist')),
    shortlist.length
      ? h(
          'ol',
          { class: 'shortlist' },
          shortlist.map((id, i) =>
            h(
              'li',
              { key: id },
              h('span', { class: 'sl-text' }, textOf.get(id)),
              h(
                'button',
                {
                  type: 'button',
                  class: 'btn small secondary',
                  'aria-label': t('move_up', { text: textOf.get(id) }),
                  disabled: i === 0,
                  on: { click: () => move(i, -1) },
                },
                icon(ICONS.up),
              ),
              h(
                'button',
                {
                  type: 'button',
                  class: 'btn small secondary',
                  'aria-label': t('move_down', { text: textOf.get(id) }),
                  disabled: i === shortlist.length - 1,
                  on: { click: () => move(i, 1) },
                },
                icon(ICONS.down),
              ),
            ),
          ),
        )
      : h('p', { class: 'muted' }, t('shortlist_empty')),
    h(
      'div',
      { class: 'field section' },
      ...textArea('shared', 'shared_idea', 'shared', {
        max: maxChars,
        hint: t('shared_idea_hint'),
        submit: writeShared,
      }),
    ),
    h(
      'button',
      { type: 'button', class: 'btn secondary wide', on: { click: writeShared } },
      icon(ICONS.plus),
      t('add_to_pool'),
    ),
    h(
      'ul',
      { class: 'confirmations section', 'aria-live': 'polite' },
      h(
        'li',
        { class: iConfirmed ? 'yes' : '' },
        iConfirmed ? icon(ICONS.check) : null,
        iConfirmed ? t('you_confirmed') : t('changes_clear'),
      ),
      partners.map((p) =>
        h(
          'li',
          { key: p.id, class: confirmed.includes(p.id) ? 'yes' : '' },
          confirmed.includes(p.id) ? icon(ICONS.check) : null,
          confirmed.includes(p.id)
            ? t('partner_confirmed', { name: p.name })
            : t('partner_waiting', { name: p.name }),
        ),
      ),
      allConfirmed ? h('li', { class: 'yes' }, t('pair_confirmed')) : null,
    ),
    refusalNote('pair'),
    h(
      'div',
      { class: 'sticky-actions' },
      h(
        'button',
        {
          type: 'button',
          class: 'btn big wide',
          disabled: iConfirmed || shortlist.length === 0,
          on: { click: () => send('pair.confirm', {}, 'pair') },
        },
        icon(ICONS.check),
        t('confirm_shortlist'),
      ),
    ),
  );
}

function pairLabel(view, pairId) {
  const p = (view.pairs || []).find((x) => x.id === pairId);
  return p ? p.label : '';
}

function explainScreen(view) {
  const ideas = boardIdeas(view);
  const myPair = view.me && view.me.pair ? view.me.pair.id : null;
  const order = (
    view.explain && view.explain.order && view.explain.order.length
      ? view.explain.order
      : (view.pairs || []).map((p) => p.id)
  ).filter((id) => ideas.some((i) => i.pair_id === id));
  const current = view.explain ? view.explain.current : null;
  if (!ideas.length)
    return h('section', { key: 'explain' }, h('p', { class: 'muted' }, t('no_ideas_yet')));
  return h(
    'section',
    { key: 'explain' },
    h('p', { class: 'muted' }, t('explain_wait')),
    order.map((pid) =>
      h(
        'div',
        { class: ['pair-group', pid === current ? 'current' : ''], key: pid },
        h(
          'h2',
          { class: 'pair-head' },
          pairLabel(view, pid),
          pid === myPair ? h('span', { class: 'badge' }, t('your_pair')) : null,
          pid === current ? h('span', { class: 'badge accent' }, t('speaking_now')) : null,
        ),
        h(
          'ul',
          { class: 'cards' },
          ideas
            .filter((i) => i.pair_id === pid)
            .map((i) =>
              h(
                'li',
                { class: ['card', pid === myPair ? 'mine' : ''], key: i.id },
                h('p', { class: 'card-text' }, i.text),
              ),
            ),
        ),
      ),
    ),
  );
}

function rankScreen(view) {
  const me = view.me || { votes: {}, votes_left: 0 };
  const settings = (view.session.settings && view.session.settings.rank) || {};
  const maxPer = settings.max_per_idea || 1;
  const ownMax = settings.own_pair_max ?? 1;
  const votes = Object.assign({}, me.votes || {});
  let left = me.votes_left || 0;
  for (const cmd of pending()) {
    if (cmd.name !== 'vote.set') continue;
    const before = votes[cmd.args.idea_id] || 0;
    votes[cmd.args.idea_id] = cmd.args.points;
    left -= cmd.args.points - before;
  }
  left = Math.max(0, left);
  const myPair = me.pair ? me.pair.id : null;
  const ideas = boardIdeas(view);
  const show = revealed(view);
  const list = show ? byRank(ideas) : ideas;
  const set = (idea, points) => send('vote.set', { idea_id: idea.id, points }, idea.id);
  const personRule = settings.voter === 'person';
  return h(
    'section',
    { key: 'rank', class: 'stack' },
    h('p', { class: 'big-line', 'aria-live': 'polite' }, t('votes_left', { n: left })),
    h('p', null, personRule ? t('rank_rule_person', { n: ownMax }) : t('rank_rule', { n: ownMax })),
    !personRule && myPair ? h('p', { class: 'hint' }, t('rank_shared')) : null,
    refusalNote('global'),
    h(
      'ul',
      { class: 'cards' },
      list.map((idea) => {
        const mine = votes[idea.id] || 0;
        const pressed = mine > 0;
        const vote =
          maxPer === 1
            ? h(
                'button',
                {
                  type: 'button',
                  class: 'btn secondary vote-btn',
                  'aria-pressed': pressed ? 'true' : 'false',
                  'aria-label': t('vote_for', { text: idea.text }),
                  disabled: !pressed && left <= 0,
                  on: { click: () => set(idea, pressed ? 0 : 1) },
                },
                pressed ? icon(ICONS.check) : null,
                t('vote'),
              )
            : h(
                'div',
                { class: 'row' },
                mine > 0
                  ? h(
                      'button',
                      {
                        type: 'button',
                        class: 'btn small secondary',
                        'aria-label': t('remove_vote', { text: idea.text }),
                        on: { click: () => set(idea, mine - 1) },
                      },
                      '−',
                    )
                  : null,
                h('span', { class: 'badge' }, String(mine)),
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'btn small vote-btn',
                    'aria-label': t('vote_for', { text: idea.text }),
                    'aria-pressed': pressed ? 'true' : 'false',
                    disabled: left <= 0 || mine >= maxPer,
                    on: { click: () => set(idea, mine + 1) },
                  },
                  '+',
                ),
              );
        return h(
          'li',
          {
            class: [
              'card',
              idea.pair_id === myPair ? 'mine' : '',
              state.shake === idea.id ? 'shake' : '',
            ],
            key: idea.id,
          },
          h('div', { class: 'vote-card' }, h('p', { class: 'card-text' }, idea.text), vote),
          h(
            'div',
            { class: 'card-meta' },
            idea.pair_id === myPair ? h('span', { class: 'badge' }, t('your_pair')) : null,
            show && idea.rank != null
              ? h('span', { class: 'badge accent' }, t('rank_n', { n: idea.rank }))
              : null,
            show && idea.points != null ? h('span', null, t('points', { n: idea.points })) : null,
          ),
          refusalNote(idea.id),
        );
      }),
    ),
  );
}

function clusterView(shownView, canMove) {
  const view = withPending(shownView, pending());
  const ideas = boardIdeas(view);
  const byId = new Map(ideas.map((i) => [i.id, i]));
  const clusters = view.clusters || [];
  const show = revealed(view);
  const moveSelect = (idea) => {
    if (!canMove) return null;
    const open = state.menu === idea.id;
    const targets = [['', t('not_placed')], ...clusters.map((c) => [c.id, c.label])];
    const focusToggle = () =>
      setTimeout(() => document.querySelector(`[data-move="${idea.id}"]`)?.focus(), 0);
    return h(
      'div',
      {
        on: {
          keydown: (e) => {
            if (e.key === 'Escape' && open) {
              state.menu = null;
              render();
              focusToggle();
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
            },
          },
        },
        t('move_to'),
      ),
      open
        ? h(
            'ul',
            { class: 'row move-targets' },
            targets.map(([id, label]) =>
              h(
                'li',
                { key: `t${id}` },
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'btn small',
                    disabled: (idea.cluster_id || '') === id,
                    on: {
                      click: () => {
                        send('idea.place', { idea_id: idea.id, cluster_id: id || null }, 'arrange');
                        state.menu = null;
                        render();
                        focusToggle();
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
  };
  const card = (idea) =>
    h(
      'li',
      { class: 'card', key: idea.id },
      h('p', { class: 'card-text' }, idea.text),
      show && idea.points != null
        ? h('div', { class: 'card-meta' }, t('points', { n: idea.points }))
        : null,
      canMove ? h('div', { class: 'card-actions' }, moveSelect(idea)) : null,
    );
  const placed = new Set();
  const cols = clusters.map((c) => {
    const items = c.idea_ids.map((id) => byId.get(id)).filter(Boolean);
    items.forEach((i) => placed.add(i.id));
    return h(
      'section',
      { class: 'column', key: c.id },
      h(
        'div',
        { class: 'column-head' },
        h('h3', null, c.label),
        c.owner ? h('div', { class: 'meta' }, t('owner_value', { value: c.owner })) : null,
        c.action ? h('div', { class: 'meta' }, t('action_value', { value: c.action })) : null,
      ),
      h('ul', { class: 'cards' }, items.map(card)),
    );
  });
  const rest = byRank(ideas.filter((i) => !placed.has(i.id)));
  const waiting = show ? rest.filter((i) => (i.points || 0) > 0) : rest;
  const parked = show ? rest.filter((i) => (i.points || 0) === 0) : [];
  const group = (title, list) =>
    list.length
      ? h(
          'section',
          { class: 'parked', key: title },
          h('h2', null, title),
          h('ul', { class: 'cards' }, list.map(card)),
        )
      : null;
  return [
    cols.length ? h('div', { class: 'stack' }, cols) : null,
    group(t('not_placed'), waiting),
    group(t('parked'), parked),
  ];
}

function arrangeScreen(view) {
  const by =
    view.session.settings && view.session.settings.arrange && view.session.settings.arrange.by;
  return h(
    'section',
    { key: 'arrange', class: 'stack' },
    h('p', { class: 'muted' }, t('arrange_watch')),
    refusalNote('arrange'),
    ...clusterView(view, by === 'everyone'),
  );
}

function doneScreen(view) {
  const show = revealed(view);
  const ideas = byRank(boardIdeas(view));
  return h(
    'section',
    { key: 'done', class: 'stack' },
    h('p', { class: 'big-line' }, t('done_thanks')),
    show && ideas.length
      ? [
          h('h2', null, t('done_result')),
          h(
            'ol',
            { class: 'ranked' },
            ideas.map((i) =>
              h(
                'li',
                { key: i.id },
                h('span', { class: 'rank-no' }, i.rank != null ? t('rank_n', { n: i.rank }) : '–'),
                h('span', { class: 'rank-text' }, i.text),
                h('span', { class: 'rank-pts' }, i.points != null ? String(i.points) : ''),
              ),
            ),
          ),
          ...clusterView(view, false).filter((x, n) => n === 0),
        ]
      : h('p', { class: 'muted' }, t('done_wait')),
  );
}

function fatalScreen() {
  if (state.fatal === 'unknown_room') {
    return h(
      'main',
      { class: 'fatal', key: 'fatal' },
      h('h1', null, t('unknown_room', { code })),
      h('p', null, t('unknown_room_hint')),
      h('a', { class: 'btn', href: '/' }, t('go_start')),
    );
  }
  if (state.fatal === 'revoked') {
    return h(
      'main',
      { class: 'fatal', key: 'fatal' },
      h('h1', null, t('removed')),
      h(
        'button',
        {
          type: 'button',
          class: 'btn',
          on: {
            click: () => {
              store(meKey, null);
              if (state.socket) state.socket.clearQueue();
              location.reload();
            },
          },
        },
        t('join_again'),
      ),
    );
  }
  return h(
    'main',
    { class: 'fatal', key: 'fatal' },
    h('h1', null, t('bad_request_close')),
    h(
      'button',
      { type: 'button', class: 'btn', on: { click: () => location.reload() } },
      t('reload'),
    ),
  );
}

const SCREENS = {
  lobby: lobbyScreen,
  own: ownScreen,
  pair: pairScreen,
  explain: explainScreen,
  rank: rankScreen,
  arrange: arrangeScreen,
  done: doneScreen,
};

function draw() {
  let tree;
  if (state.fatal) {
    tree = h('div', { class: 'shell' }, fatalScreen());
  } else if (!state.view) {
    const joined = load(meKey);
    tree = h(
      'div',
      { class: 'shell' },
      statusBanner(state.socket && state.socket.everOpen ? state.status : 'open', true),
      header(),
      h(
        'main',
        { id: 'main', key: 'main' },
        joined || state.joining
          ? h('p', { class: 'centered muted', key: 'wait' }, t('connecting'))
          : joinScreen(),
      ),
    );
  } else {
    const view = state.view;
    const phase = view.phase.name;
    document.body.dataset.phase = phase;
    const screen = (SCREENS[phase] || lobbyScreen)(view);
    tree = h(
      'div',
      { class: 'shell' },
      statusBanner(state.status, true),
      header(),
      h(
        'main',
        { id: 'main', key: 'main' },
        phase !== 'rank' && state.refusals.global ? refusalNote('global') : null,
        screen,
      ),
    );
  }
  patchInto(app, tree);
}

async function boot() {
  draw();
  const saved = load(meKey);
  if (saved && saved.token) {
    connect(null);
  } else {
    try {
      const res = await fetch(`/api/sessions/${encodeURIComponent(code)}`);
      if (res.status === 404) state.fatal = 'unknown_room';
      else if (res.ok) state.info = await res.json();
    } catch {
      /* offline: the form still works once we are back */
    }
  }
  render();
  const tick = startTicker(
    () => state.view && state.view.phase,
    () => (state.socket ? state.socket.serverNow() : Date.now() / 1000),
    announce,
  );
  tick();
}

boot();
