// @ts-check
// The console of a breakout event: a room of rooms. A card per group (who is here, this
// phase's progress, a mark on a group that lags), one group opened (its people, moved by
// "Move to group…" or drag and drop, and from Explain on its board), forming in the lobby with
// how the organisations spread, and the notice box. Counts only before Explain, as everywhere.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { groupColour } from '../ui/group.js';
import { boardIdeas, phaseIndex } from '../view.js';
import { act } from './state.js';

/** The phrase for a group's progress in each phase (the same as the session's). */
const PROGRESS = {
  lobby: 'people_online',
  own: 'have_written',
  pair: 'pairs_confirmed',
  explain: 'pairs_spoken',
  rank: 'have_voted',
};

/** @param {{done: number, of: number} | null} p */
const ratio = (p) => (p && p.of ? p.done / p.of : 0);

/** When this console saw the current phase begin, for the "lags behind" mark. */
let seen = { phase: '', at: 0 };

/** Seconds into a phase before a group can be marked as lagging. */
export const LAG_AFTER = 120;

/**
 * The stuck rule, pure: from LAG_AFTER seconds into a phase, a group under half of the
 * median group's progress (done / of) lags. With an even count the median is the upper of
 * the two middle groups; while the median is 0 nobody lags.
 * @param {{id: string, progress: {done: number, of: number} | null}[]} groups
 * @param {number} seconds how long the phase has been running
 * @returns {Set<string>}
 */
export function lagging(groups, seconds) {
  if (seconds < LAG_AFTER) return new Set();
  const ratios = groups.map((g) => ratio(g.progress)).sort((a, b) => a - b);
  const median = ratios[Math.floor(ratios.length / 2)] || 0;
  return new Set(groups.filter((g) => ratio(g.progress) < median / 2).map((g) => g.id));
}

/**
 * Groups ordered by progress, slowest first (a stable sort: equal ones keep their order).
 * @template {{progress: {done: number, of: number} | null}} G
 * @param {G[]} groups
 * @returns {G[]}
 */
export const byProgress = (groups) =>
  [...groups].sort((a, b) => ratio(a.progress) - ratio(b.progress));

/**
 * Groups that lag now, timed from when this console saw the phase begin (never in the lobby).
 * @param {View} view
 * @param {HostUi} ui
 * @returns {Set<string>}
 */
export function laggingGroups(view, ui) {
  if (seen.phase !== view.phase.name) seen = { phase: view.phase.name, at: ui.now() };
  if (view.phase.name === 'lobby') return new Set();
  return lagging(view.groups || [], ui.now() - seen.at);
}

/**
 * One group's card: label, people and how many are online, the progress bar, the lag mark.
 * @param {View} view
 * @param {HostUi} ui
 * @param {Group} g
 * @param {boolean} lags
 */
function groupCard(view, ui, g, lags) {
  const members = (view.participants.list || []).filter((p) => p.group_id === g.id);
  const online = members.filter((p) => p.online).length;
  const key = /** @type {Record<string, string>} */ (PROGRESS)[view.phase.name];
  const p = g.progress;
  const open = ui.state.openGroup === g.id;
  const toggle = () => {
    ui.state.openGroup = open ? null : g.id;
    ui.render();
  };
  return h(
    'li',
    {
      key: g.id,
      class: ['group-card', lags ? 'lags' : '', open ? 'open' : ''],
      'data-group': g.id,
      style: { 'border-top-color': groupColour(g.id) },
      on: dropOn(ui, g.id),
    },
    h(
      'button',
      {
        type: 'button',
        class: 'group-open',
        'aria-expanded': open ? 'true' : 'false',
        on: { click: toggle },
      },
      h('strong', null, g.label),
      lags ? h('span', { class: 'badge lag' }, t('group_lags')) : null,
    ),
    h(
      'p',
      null,
      t('group_people', { people: t('group_people_n', { n: members.length || g.size }), online }),
    ),
    p && key
      ? [
          h('progress', { max: p.of || 1, value: p.done, 'aria-label': g.label }),
          h('p', { class: 'muted' }, t(key, { done: p.done, of: p.of })),
        ]
      : null,
  );
}

const PERSON = 'application/x-opera-person';

/** @param {DragEvent} e @param {string} pid */
function dragPerson(e, pid) {
  e.dataTransfer?.setData(PERSON, pid);
  if (e.dataTransfer) e.dataTransfer.effectAllowed = 'move';
}

/**
 * A group card takes a person dragged from an opened group (mouse; the menu is for the rest).
 * @param {HostUi} ui
 * @param {string} groupId
 */
const dropOn = (ui, groupId) => ({
  dragover: (/** @type {DragEvent} */ e) => {
    if (e.dataTransfer?.types.includes(PERSON)) e.preventDefault();
  },
  drop: (/** @type {DragEvent} */ e) => {
    const pid = e.dataTransfer?.getData(PERSON);
    if (!pid) return;
    e.preventDefault();
    act(ui, 'group.move', { participant_id: pid, group_id: groupId });
  },
});

/**
 * The grid of group cards, sortable by progress, and the opened group under it.
 * @param {View} view
 * @param {HostUi} ui
 */
export function groupGrid(view, ui) {
  const all = view.groups || [];
  if (!all.length) return null;
  const lags = laggingGroups(view, ui);
  const groups = ui.state.groupSort === 'progress' ? byProgress(all) : all;
  const sort = (/** @type {Event} */ e) => {
    ui.state.groupSort = /** @type {HTMLSelectElement} */ (e.target).value;
    ui.render();
  };
  const opened = groups.find((g) => g.id === ui.state.openGroup);
  return h(
    'section',
    { key: 'groups', class: 'stack', 'aria-labelledby': 'groups-h' },
    h(
      'div',
      { class: 'row' },
      h('h2', { id: 'groups-h' }, t('groups_title', { n: groups.length })),
      h('span', { class: 'spacer' }),
      h('label', { for: 'group-sort' }, t('group_sort')),
      h(
        'select',
        { id: 'group-sort', on: { change: sort } },
        ['number', 'progress'].map((v) =>
          h('option', { value: v, selected: ui.state.groupSort === v }, t(`group_sort_${v}`)),
        ),
      ),
    ),
    h(
      'ul',
      { class: 'group-grid' },
      groups.map((g) => groupCard(view, ui, g, lags.has(g.id))),
    ),
    opened ? groupDetail(view, ui, opened) : null,
  );
}

/**
 * An opened group: its people (movable in the lobby and in Own) and, from Explain on, the
 * ideas on its board by pair, with the pair speaking now.
 * @param {View} view
 * @param {HostUi} ui
 * @param {Group} g
 */
function groupDetail(view, ui, g) {
  const people = (view.participants.list || []).filter((p) => p.group_id === g.id);
  const movable = ['lobby', 'own'].includes(view.phase.name);
  const showIdeas = phaseIndex(view.phase.name) >= phaseIndex('explain');
  const ideas = showIdeas ? boardIdeas(view).filter((i) => i.group_id === g.id) : [];
  const pairs = (view.pairs || []).filter((p) => p.group_id === g.id);
  const speaking = g.explain?.current;
  return h(
    'section',
    { key: `detail-${g.id}`, class: 'panel group-detail', 'aria-labelledby': 'group-detail-h' },
    h('h3', { id: 'group-detail-h' }, g.label),
    nextPair(ui, g),
    h(
      'ul',
      { class: 'people-list' },
      people.map((p) =>
        h(
          'li',
          {
            key: p.id,
            class: 'row',
            draggable: movable ? 'true' : null,
            'data-person': p.id,
            on: movable ? { dragstart: (/** @type {DragEvent} */ e) => dragPerson(e, p.id) } : null,
          },
          h('span', null, p.org ? `${p.name} (${p.org})` : p.name),
          h('span', { class: 'muted' }, p.online ? t('online') : t('offline')),
          h('span', { class: 'spacer' }),
          movable ? moveMenu(view, ui, p) : null,
        ),
      ),
    ),
    pairs
      .filter((pair) => ideas.some((i) => i.pair_id === pair.id))
      .map((pair) =>
        h(
          'div',
          { key: pair.id, class: pair.id === speaking ? 'current' : '' },
          h(
            'h4',
            null,
            pair.label,
            pair.id === speaking ? h('span', { class: 'badge accent' }, t('speaking_now')) : null,
          ),
          h(
            'ul',
            { class: 'cards compact' },
            ideas
              .filter((i) => i.pair_id === pair.id)
              .map((i) => h('li', { key: i.id, class: 'card' }, i.text)),
          ),
        ),
      ),
  );
}

/**
 * Explain: the console can step a group on too (its members usually do).
 * @param {HostUi} ui
 * @param {Group} g
 */
function nextPair(ui, g) {
  const ex = g.explain;
  if (!ex) return null;
  const next = ex.order[ex.current ? ex.order.indexOf(ex.current) + 1 : 0];
  if (!next) return h('p', { class: 'muted' }, t('group_explained'));
  const click = () => act(ui, 'explain.focus', { pair_id: next });
  return h(
    'button',
    { type: 'button', class: 'btn small', on: { click } },
    t('group_next_pair', { label: g.label }),
  );
}

/**
 * "Move to group…": a menu of the other groups; choosing one sends group.move.
 * @param {View} view
 * @param {HostUi} ui
 * @param {Person} p
 */
function moveMenu(view, ui, p) {
  const change = (/** @type {Event} */ e) => {
    const group = /** @type {HTMLSelectElement} */ (e.target).value;
    if (group) act(ui, 'group.move', { participant_id: p.id, group_id: group });
  };
  return h(
    'select',
    { 'aria-label': t('move_person', { name: p.name }), on: { change } },
    h('option', { value: '' }, t('move_to_group')),
    (view.groups || [])
      .filter((g) => g.id !== p.group_id)
      .map((g) => h('option', { value: g.id }, g.label)),
  );
}
