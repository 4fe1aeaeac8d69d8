// @ts-check
// Starting a session on the start page: the question, a title, and every setting with the
// OPERA defaults, folded away.
import { h } from './dom.js';
import { loadPart, refusalText, t } from './i18n.js';

// this module's strings (the record, breadth and order) load with it, not with the page
await loadPart('record');

/**
 * @param {string} id
 * @param {string} labelKey
 * @param {number} value
 * @param {number} min
 * @param {number} max
 */
const num = (id, labelKey, value, min, max) =>
  h(
    'div',
    { class: 'field' },
    h('label', { for: id }, t(labelKey)),
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

/** @param {string} id @param {string} labelKey @param {string[]} options @param {string} value */
const choice = (id, labelKey, options, value) =>
  h(
    'div',
    { class: 'field' },
    h('label', { for: id }, t(labelKey)),
    h(
      'select',
      { id, name: id },
      options.map((v) => h('option', { value: v, selected: v === value }, t(`${labelKey}_${v}`))),
    ),
  );

/** @param {string} id @param {string} labelKey */
const check = (id, labelKey) =>
  h(
    'label',
    { class: 'check', for: id },
    h('input', { id, name: id, type: 'checkbox', checked: true }),
    h('span', null, t(labelKey)),
  );

/** @param {string} phase @param {...Node} rows */
const fieldset = (phase, ...rows) =>
  h('fieldset', null, h('legend', null, t(`phase_${phase}`)), ...rows);

/** @param {...Node} fields */
const row = (...fields) => h('div', { class: 'field-row' }, ...fields);

/** @param {string} id @param {string} labelKey @param {string} value */
function textField(id, labelKey, value) {
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, t(labelKey)),
    h('input', { id, name: id, type: 'text', value, autocomplete: 'off' }),
  );
}

function settingsFields() {
  return h(
    'details',
    null,
    h('summary', null, t('settings')),
    fieldset(
      'own',
      row(
        num('own-minutes', 'own_minutes', 5, 1, 120),
        num('own-max-ideas', 'own_max_ideas', 10, 1, 50),
        num('own-max-chars', 'own_max_chars', 280, 20, 2000),
      ),
    ),
    fieldset(
      'pair',
      row(
        num('pair-minutes', 'pair_minutes', 15, 1, 120),
        num('pair-shortlist-max', 'pair_shortlist_max', 4, 1, 20),
      ),
      check('pair-mix-orgs', 'pair_mix_orgs'),
    ),
    fieldset('explain', row(num('explain-seconds', 'explain_seconds', 60, 10, 900))),
    fieldset(
      'rank',
      row(
        num('rank-minutes', 'rank_minutes', 5, 1, 120),
        choice('rank-voter', 'rank_voter', ['pair', 'person'], 'pair'),
        choice('rank-order', 'rank_order', ['points', 'breadth'], 'points'),
      ),
      row(
        textField('rank-budget', 'rank_budget', '25%'),
        num('rank-max-per-idea', 'rank_max_per_idea', 1, 1, 20),
        num('rank-own-pair-max', 'rank_own_pair_max', 1, 0, 20),
      ),
    ),
    fieldset(
      'arrange',
      row(
        num('arrange-minutes', 'arrange_minutes', 15, 1, 180),
        choice('arrange-by', 'arrange_by', ['host', 'everyone'], 'host'),
      ),
    ),
    check('anonymous', 'anonymous'),
  );
}

/** Breakout groups: off by default; on, the group size, who assigns, the plenary's rules. */
function groupFields() {
  const more = h(
    'div',
    { id: 'groups-more', hidden: true },
    row(
      num('groups-size', 'groups_size', 10, 4, 50),
      choice('groups-assign', 'groups_assign', ['mix', 'choose'], 'mix'),
      num('plenary-top', 'plenary_top', 3, 1, 10),
    ),
    row(
      textField('plenary-budget', 'plenary_budget', '25%'),
      num('plenary-own-group-max', 'plenary_own_group_max', 1, 0, 100),
      num('plenary-minutes', 'plenary_minutes', 5, 1, 120),
    ),
  );
  /** @param {Event} e */
  const toggle = (e) => {
    const on = /** @type {HTMLInputElement} */ (e.target).checked;
    more.hidden = !on;
  };
  return h(
    'fieldset',
    { id: 'groups-fields' },
    h('legend', null, t('groups_legend')),
    h(
      'label',
      { class: 'check', for: 'groups-on' },
      h('input', { id: 'groups-on', name: 'groups-on', type: 'checkbox', on: { change: toggle } }),
      h('span', null, t('groups_on')),
    ),
    h('p', { class: 'hint' }, t('groups_hint')),
    more,
  );
}

/**
 * The settings as the form holds them; a number left empty is left out (the default holds).
 * @param {HTMLFormElement} form
 */
function readSettings(form) {
  const field = (/** @type {string} */ id) =>
    /** @type {HTMLInputElement} */ (form.querySelector('#' + id));
  const n = (/** @type {string} */ id) => parseInt(field(id).value, 10);
  /** @param {string} id an int or "N%"; empty: the default */
  const budget = (id) => {
    const v = field(id).value.trim().replace(/\s+/g, '');
    return /^\d+$/.test(v) ? parseInt(v, 10) : v || '25%';
  };
  /** @type {Record<string, any>} */
  const settings = {
    own: {
      minutes: n('own-minutes'),
      max_ideas: n('own-max-ideas'),
      max_chars: n('own-max-chars'),
    },
    pair: {
      minutes: n('pair-minutes'),
      shortlist_max: n('pair-shortlist-max'),
      mix_orgs: field('pair-mix-orgs').checked,
    },
    explain: { seconds_per_pair: n('explain-seconds') },
    rank: {
      minutes: n('rank-minutes'),
      voter: field('rank-voter').value,
      budget: budget('rank-budget'),
      max_per_idea: n('rank-max-per-idea'),
      own_pair_max: n('rank-own-pair-max'),
      order: field('rank-order').value,
    },
    arrange: { minutes: n('arrange-minutes'), by: field('arrange-by').value },
    anonymous: field('anonymous').checked,
  };
  if (field('groups-on').checked) {
    settings.groups = { size: n('groups-size'), assign: field('groups-assign').value };
    settings.plenary = {
      top: n('plenary-top'),
      budget: budget('plenary-budget'),
      own_group_max: n('plenary-own-group-max'),
      minutes: n('plenary-minutes'),
    };
  }
  for (const group of Object.values(settings)) {
    if (!group || typeof group !== 'object') continue;
    for (const [k, val] of Object.entries(group)) if (Number.isNaN(val)) delete group[k];
  }
  return settings;
}

/**
 * Create the session and open its console. The host key goes to this tab's session storage,
 * so the address need not carry it (the host_url, with the key after #, is the fallback).
 * @param {{title: string, question: string, settings: Record<string, any>}} body
 * @returns {Promise<string>} why it failed (it does not return when it worked)
 */
async function create(body) {
  try {
    const res = await fetch('/api/sessions', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const made = await res.json().catch(() => ({}));
    if (res.status === 201 && made.host_url) {
      let url = made.host_url;
      try {
        sessionStorage.setItem(`opera.host.${made.code}`, made.host_token);
        url = made.host_url.split('#')[0];
      } catch {
        /* no session storage: the key travels in the fragment */
      }
      location.assign(url);
      return '';
    }
    return t('start_failed', { message: (await refusalText(made.error)) || `HTTP ${res.status}` });
  } catch {
    return t('network_failed');
  }
}

export function startForm() {
  const error = h('p', { class: 'error-text', role: 'alert', id: 'start-error' });
  const button = h('button', { type: 'submit', class: 'btn big wide' }, t('start_session'));
  /** @param {Event} e */
  const submit = async (e) => {
    e.preventDefault();
    const form = /** @type {HTMLFormElement} */ (e.currentTarget);
    const text = (/** @type {string} */ id) =>
      /** @type {HTMLInputElement} */ (form.querySelector('#' + id)).value.trim();
    error.textContent = '';
    if (!text('question')) {
      error.textContent = t('question_required');
      /** @type {HTMLElement} */ (form.querySelector('#question')).focus();
      return;
    }
    button.setAttribute('disabled', '');
    button.textContent = t('starting');
    const body = { title: text('title'), question: text('question'), settings: readSettings(form) };
    error.textContent = await create(body);
    button.removeAttribute('disabled');
    button.textContent = t('start_session');
  };
  return h(
    'form',
    {
      class: 'panel',
      id: 'start-form',
      'aria-labelledby': 'start-h',
      novalidate: true,
      on: { submit },
    },
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
    groupFields(),
    settingsFields(),
    error,
    button,
  );
}
