// @ts-check
// Suggested clusters in Arrange: the server groups the board (GET …/clusters/suggest, computed
// on the server itself: no idea text leaves it) and the console shows the groups as a
// preview. The facilitator renames them, accepts one or all, or dismisses them; accepting
// sends ordinary cluster.create commands, so every screen sees host actions. Ideas placed
// in a cluster meanwhile stay where the facilitator put them.
import { h, icon, ICONS } from '../dom.js';
import { refusalText, t } from '../i18n.js';
import { act } from './state.js';

/**
 * @typedef {{label: string, idea_ids: string[]}} Suggested
 * @typedef {{loading: boolean, clusters: Suggested[] | null, error: string}} Suggestion
 */

/** The console's suggestion, kept here so the rest of the console knows nothing of it. */
const suggestions = new WeakMap();

/** @param {HostUi} ui @returns {Suggestion} */
function suggestionOf(ui) {
  let s = suggestions.get(ui);
  if (!s) {
    s = { loading: false, clusters: null, error: '' };
    suggestions.set(ui, s);
  }
  return s;
}

/** @param {HostUi} ui */
const request = (ui) =>
  fetch(`/api/sessions/${encodeURIComponent(ui.code)}/clusters/suggest`, {
    headers: { Authorization: `Bearer ${ui.state.token}` },
  });

/** Consoles that asked once in the background already. */
const warmed = new WeakSet();

/**
 * In Explain and Rank, ask once in the background and drop the answer: the server loads its
 * word lists (a second or more after a start) and keeps the answer for this board, so the
 * facilitator's click in Arrange is answered at once.
 * @param {View} view @param {HostUi} ui
 */
export function warmSuggestions(view, ui) {
  if (warmed.has(ui) || !['explain', 'rank'].includes(view.phase.name)) return;
  warmed.add(ui);
  request(ui).catch(() => {});
}

/** @param {HostUi} ui */
async function ask(ui) {
  const s = suggestionOf(ui);
  Object.assign(s, { loading: true, clusters: null, error: '' });
  ui.render();
  try {
    const res = await request(ui);
    const body = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error((await refusalText(body.error)) || `HTTP ${res.status}`);
    s.clusters = body.clusters;
    ui.announce(t('suggest_ready', { n: body.clusters.length }));
  } catch (e) {
    s.error = t('suggest_failed', { message: /** @type {Error} */ (e).message });
  }
  s.loading = false;
  ui.render();
}

/** The suggested ideas still on the board and in no cluster. @param {View} view @param {Suggested} c */
function free(view, c) {
  const ideas = new Map((view.ideas || []).map((i) => [i.id, i]));
  return c.idea_ids
    .map((id) => ideas.get(id))
    .filter((i) => i && !i.hidden && !i.cluster_id)
    .map((i) => /** @type {Idea} */ (i));
}

/** @param {HostUi} ui @param {View} view @param {Suggested[]} chosen */
function accept(ui, view, chosen) {
  const s = suggestionOf(ui);
  for (const c of chosen) {
    const ideas = free(view, c);
    if (ideas.length)
      act(ui, 'cluster.create', { label: c.label, idea_ids: ideas.map((i) => i.id) });
  }
  s.clusters = (s.clusters || []).filter((c) => !chosen.includes(c));
  if (!s.clusters.length) s.clusters = null;
  ui.announce(t('suggest_accepted', { n: chosen.length }));
  ui.render();
}

/** @param {HostUi} ui */
function dismiss(ui) {
  Object.assign(suggestionOf(ui), { clusters: null, error: '' });
  ui.render();
}

/** One suggested cluster: its name (editable), its ideas, Accept. */
function preview(
  /** @type {HostUi} */ ui,
  /** @type {View} */ view,
  /** @type {Suggested} */ c,
  /** @type {number} */ n,
) {
  const ideas = free(view, c);
  // Named by its first idea, not its place: the list shrinks as clusters are accepted.
  const id = `suggested-${c.idea_ids[0]}`;
  /** @param {Event} e */
  const rename = (e) => {
    const v = /** @type {HTMLInputElement} */ (e.target).value.trim();
    if (v) c.label = v;
    ui.render(); // the Accept button is named after it
  };
  return h(
    'li',
    { class: 'card suggested', key: id },
    h('label', { class: 'label', for: id }, t('suggest_name', { n: n + 1 })),
    h('input', {
      id,
      type: 'text',
      class: 'grow-input',
      maxlength: 80,
      value: c.label,
      'data-keep': '',
      on: { input: rename },
    }),
    h(
      'ul',
      { class: 'suggested-ideas' },
      ideas.map((i) => h('li', { key: i.id }, i.text)),
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'btn small',
        disabled: !ideas.length,
        'aria-label': t('suggest_accept_one', { label: c.label }),
        on: { click: () => accept(ui, view, [c]) },
      },
      icon(ICONS.check),
      t('suggest_accept'),
    ),
  );
}

/** Arrange's "Suggest clusters", and the preview once there is one. @param {View} view @param {HostUi} ui */
export function suggestPanel(view, ui) {
  const s = suggestionOf(ui);
  const shown = s.clusters;
  return h(
    'section',
    { class: 'panel stack suggest', key: 'suggest', 'aria-labelledby': 'suggest-h' },
    h('h2', { id: 'suggest-h' }, t('suggest_title')),
    h('p', { class: 'hint' }, t('suggest_hint')),
    h(
      'div',
      { class: 'row' },
      h(
        'button',
        {
          type: 'button',
          class: 'btn secondary',
          disabled: s.loading,
          on: { click: () => ask(ui) },
        },
        s.loading ? t('suggest_loading') : t('suggest_button'),
      ),
      shown?.length
        ? h(
            'button',
            { type: 'button', class: 'btn', on: { click: () => accept(ui, view, [...shown]) } },
            icon(ICONS.check),
            t('suggest_accept_all'),
          )
        : null,
      shown
        ? h(
            'button',
            { type: 'button', class: 'btn quiet', on: { click: () => dismiss(ui) } },
            t('suggest_dismiss'),
          )
        : null,
    ),
    s.error ? h('p', { class: 'error-text', role: 'alert' }, s.error) : null,
    shown && !shown.length ? h('p', null, t('suggest_none')) : null,
    shown
      ? h(
          'ul',
          { class: 'cards' },
          shown.map((c, n) => preview(ui, view, c, n)),
        )
      : null,
  );
}
