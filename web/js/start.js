// @ts-check
// Start page: start a session (title, question, settings with OPERA defaults) or join one.
import './strings-wide.js';
import { h, icon } from './dom.js';
import { t } from './i18n.js';

const app = /** @type {HTMLElement} */ (document.getElementById('app'));
document.title = t('app_name');

const num = (id, label, value, min, max) =>
  h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    h('input', {
      id,
      name: id,
      type: 'number',
      inputmode: 'numeric',
      min,
      max,
      value: String(value),
      required: true,
    }),
  );

const choice = (id, label, options, value) =>
  h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    h(
      'select',
      { id, name: id },
      options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)),
    ),
  );

const check = (id, label, on) =>
  h(
    'label',
    { class: 'check', for: id },
    h('input', { id, name: id, type: 'checkbox', checked: on }),
    h('span', null, label),
  );

function brand() {
  const letters = [
    ['O', 'own'],
    ['P', 'pair'],
    ['E', 'explain'],
    ['R', 'rank'],
    ['A', 'arrange'],
  ];
  return h(
    'div',
    null,
    h(
      'div',
      { class: 'brand' },
      icon(['M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18', 'M8 12h8', 'M12 8v8'], 'brand-mark icon'),
      h('h1', null, t('app_name')),
    ),
    h('p', null, t('start_intro')),
    h(
      'ul',
      { class: 'phase-letters', 'aria-hidden': 'true' },
      letters.map(([l, p]) =>
        h('li', { style: { background: `var(--c-${p})` } }, `${l} · ${t('phase_' + p)}`),
      ),
    ),
  );
}

function startForm() {
  const error = h('p', { class: 'error-text', role: 'alert', id: 'start-error' });
  const button = h('button', { type: 'submit', class: 'btn big wide' }, t('start_session'));
  const form = h(
    'form',
    { class: 'panel', id: 'start-form', 'aria-labelledby': 'start-h', novalidate: true },
    h('h2', { id: 'start-h' }, t('start_title')),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'title' }, t('title')),
      h('input', { id: 'title', name: 'title', type: 'text', maxlength: 200, autocomplete: 'off' }),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'question' }, t('question')),
      h('textarea', {
        id: 'question',
        name: 'question',
        required: true,
        maxlength: 500,
        placeholder: t('question_placeholder'),
        rows: 3,
        'aria-describedby': 'start-error',
      }),
    ),
    h(
      'details',
      null,
      h('summary', null, t('settings')),
      h(
        'fieldset',
        null,
        h('legend', null, t('phase_own')),
        h(
          'div',
          { class: 'field-row' },
          num('own-minutes', t('own_minutes'), 5, 1, 120),
          num('own-max-ideas', t('own_max_ideas'), 10, 1, 50),
          num('own-max-chars', t('own_max_chars'), 280, 20, 2000),
        ),
      ),
      h(
        'fieldset',
        null,
        h('legend', null, t('phase_pair')),
        h(
          'div',
          { class: 'field-row' },
          num('pair-minutes', t('pair_minutes'), 15, 1, 120),
          num('pair-shortlist-max', t('pair_shortlist_max'), 4, 1, 20),
        ),
        check('pair-mix-orgs', t('pair_mix_orgs'), true),
      ),
      h(
        'fieldset',
        null,
        h('legend', null, t('phase_explain')),
        h('div', { class: 'field-row' }, num('explain-seconds', t('explain_seconds'), 60, 10, 900)),
      ),
      h(
        'fieldset',
        null,
        h('legend', null, t('phase_rank')),
        h(
          'div',
          { class: 'field-row' },
          num('rank-minutes', t('rank_minutes'), 5, 1, 120),
          choice(
            'rank-voter',
            t('rank_voter'),
            [
              ['pair', t('rank_voter_pair')],
              ['person', t('rank_voter_person')],
            ],
            'pair',
          ),
        ),
        h(
          'div',
          { class: 'field-row' },
          h(
            'div',
            { class: 'field' },
            h('label', { for: 'rank-budget' }, t('rank_budget')),
            h('input', {
              id: 'rank-budget',
              name: 'rank-budget',
              type: 'text',
              value: '25%',
              autocomplete: 'off',
            }),
          ),
          num('rank-max-per-idea', t('rank_max_per_idea'), 1, 1, 20),
          num('rank-own-pair-max', t('rank_own_pair_max'), 1, 0, 20),
        ),
      ),
      h(
        'fieldset',
        null,
        h('legend', null, t('phase_arrange')),
        h(
          'div',
          { class: 'field-row' },
          num('arrange-minutes', t('arrange_minutes'), 15, 1, 180),
          choice(
            'arrange-by',
            t('arrange_by'),
            [
              ['host', t('arrange_by_host')],
              ['everyone', t('arrange_by_everyone')],
            ],
            'host',
          ),
        ),
      ),
      check('anonymous', t('anonymous'), true),
    ),
    error,
    button,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    const question = form.querySelector('#question').value.trim();
    if (!question) {
      error.textContent = t('question_required');
      form.querySelector('#question').focus();
      return;
    }
    const v = (id) => form.querySelector('#' + id).value;
    const n = (id) => parseInt(v(id), 10);
    const budgetRaw = v('rank-budget').trim().replace(/\s+/g, '');
    const settings = {
      own: {
        minutes: n('own-minutes'),
        max_ideas: n('own-max-ideas'),
        max_chars: n('own-max-chars'),
      },
      pair: {
        minutes: n('pair-minutes'),
        shortlist_max: n('pair-shortlist-max'),
        mix_orgs: form.querySelector('#pair-mix-orgs').checked,
      },
      explain: { seconds_per_pair: n('explain-seconds') },
      rank: {
        minutes: n('rank-minutes'),
        voter: v('rank-voter'),
        budget: /^\d+$/.test(budgetRaw) ? parseInt(budgetRaw, 10) : budgetRaw || '25%',
        max_per_idea: n('rank-max-per-idea'),
        own_pair_max: n('rank-own-pair-max'),
      },
      arrange: { minutes: n('arrange-minutes'), by: v('arrange-by') },
      anonymous: form.querySelector('#anonymous').checked,
    };
    for (const group of Object.values(settings)) {
      if (group && typeof group === 'object') {
        for (const [k, val] of Object.entries(group))
          if (typeof val === 'number' && Number.isNaN(val)) delete group[k];
      }
    }
    button.disabled = true;
    button.textContent = t('starting');
    try {
      const res = await fetch('/api/sessions', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          title: form.querySelector('#title').value.trim(),
          question,
          settings,
        }),
      });
      const body = await res.json().catch(() => ({}));
      if (res.status === 201 && body.host_url) {
        try {
          sessionStorage.setItem(`opera.host.${body.code}`, body.host_token);
        } catch {
          /* ignore */
        }
        location.assign(body.host_url);
        return;
      }
      const message = (body.error && body.error.message) || `HTTP ${res.status}`;
      error.textContent = t('start_failed', { message });
    } catch {
      error.textContent = t('network_failed');
    }
    button.disabled = false;
    button.textContent = t('start_session');
  });
  return form;
}

function joinForm() {
  const error = h('p', { class: 'error-text', role: 'alert', id: 'join-error' });
  const input = h('input', {
    id: 'room-code',
    name: 'code',
    type: 'text',
    autocomplete: 'off',
    autocapitalize: 'characters',
    spellcheck: 'false',
    'aria-describedby': 'room-code-hint join-error',
  });
  const form = h(
    'form',
    { class: 'panel', 'aria-labelledby': 'join-h' },
    h('h2', { id: 'join-h' }, t('join_title')),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'room-code' }, t('room_code')),
      input,
      h('span', { class: 'hint', id: 'room-code-hint' }, t('room_code_hint')),
    ),
    error,
    h('button', { type: 'submit', class: 'btn wide' }, t('join')),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    const raw = input.value.trim().replace(/\s+/g, '');
    if (!raw) {
      input.focus();
      return;
    }
    const candidates = [...new Set([raw, raw.toUpperCase(), raw.toLowerCase()])];
    try {
      for (const code of candidates) {
        const res = await fetch(`/api/sessions/${encodeURIComponent(code)}`);
        if (res.ok) {
          location.assign(`/j/${encodeURIComponent(code)}`);
          return;
        }
      }
      error.textContent = t('no_such_room', { code: raw });
    } catch {
      error.textContent = t('network_failed');
    }
  });
  return form;
}

app.textContent = '';
app.appendChild(h('div', { class: 'stack' }, brand(), joinForm(), startForm()));
