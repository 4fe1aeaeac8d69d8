// @ts-check
// Who is here: latecomers waiting to be let in, then everyone admitted, with who is online,
// who is done with this phase, and a two-step Remove.
import { h, icon, ICONS } from '../dom.js';
import { t } from '../i18n.js';
import { phaseIndex } from '../view.js';
import { act } from './state.js';

const LIMIT = 300; // people drawn at once; the search finds the rest

/** Who has done this phase's part (in Pair: everyone in a confirmed pair). @param {View} view */
function doneSet(view) {
  const done = new Set();
  for (const p of view.participants.list || []) if (p.done) done.add(p.id);
  if (view.phase.name === 'pair') {
    for (const pair of view.pairs || [])
      if (pair.confirmed) pair.members.forEach((m) => done.add(m.id));
  }
  return done;
}

/** @param {View} view @param {HostUi} ui */
export function people(view, ui) {
  const parts = view.participants;
  const all = parts.list || [];
  const list = all.filter((p) => !p.waiting);
  const done = doneSet(view);
  const searchable = list.length > 12;
  const q = searchable ? ui.state.filter.trim().toLowerCase() : ''; // no hidden filter
  const shown = list.filter((p) => !q || `${p.name} ${p.org || ''}`.toLowerCase().includes(q));
  const progress = view.progress || { done: 0, of: 0 };
  /** @param {Event} e */
  const find = (e) => {
    ui.state.filter = /** @type {HTMLInputElement} */ (e.target).value;
    ui.render();
  };
  return h(
    'section',
    { class: 'panel', key: 'people', 'aria-labelledby': 'people-h' },
    waitingList(
      all.filter((p) => p.waiting),
      ui,
    ),
    h('h2', { id: 'people-h' }, t('people')),
    h(
      'p',
      { role: 'status' },
      t('online_count', { online: parts.online, total: parts.total }),
      // in the lobby progress counts who is online: "5 of 5 done" would say nothing true
      view.phase.name === 'lobby'
        ? null
        : ` · ${t('done_count', { done: progress.done, of: progress.of })}`,
    ),
    searchable
      ? h(
          'div',
          { class: 'field' },
          h('label', { for: 'find' }, t('find_person')),
          h('input', { id: 'find', type: 'text', value: ui.state.filter, on: { input: find } }),
        )
      : null,
    q && shown.length > 1 ? bulkRemove(shown, 'remove:shown', 'remove_shown', ui) : null,
    list.length
      ? h(
          'ul',
          { class: 'people' },
          shown.slice(0, LIMIT).map((p) => personRow(p, done.has(p.id), ui, view)),
          shown.length > LIMIT
            ? h('li', { key: 'more' }, t('more_people', { n: shown.length - LIMIT }))
            : null,
        )
      : h('p', { class: 'muted' }, t('no_people')),
  );
}

/**
 * Latecomers after the lobby wait here until the host lets them in, one by one or all.
 * @param {Person[]} waiting
 * @param {HostUi} ui
 */
function waitingList(waiting, ui) {
  if (!waiting.length) return null;
  const admit = (/** @type {Person} */ p) => act(ui, 'participant.admit', { participant_id: p.id });
  return h(
    'div',
    { class: 'waiting', key: 'waiting' },
    h('h2', { id: 'waiting-h' }, t('waiting_list')),
    h(
      'div',
      { class: 'row' },
      h('p', { role: 'status' }, t('waiting_count', { n: waiting.length })),
      h('span', { class: 'spacer' }),
      h(
        'button',
        { type: 'button', class: 'btn small', on: { click: () => waiting.forEach(admit) } },
        t('admit_all'),
      ),
      waiting.length > 1 ? bulkRemove(waiting, 'remove:waiting', 'remove_waiting', ui) : null,
    ),
    h(
      'ul',
      { class: 'people', 'aria-labelledby': 'waiting-h' },
      waiting.map((p) =>
        h(
          'li',
          { key: p.id },
          who(p),
          h(
            'button',
            {
              type: 'button',
              class: 'btn small secondary',
              'aria-label': t('admit_named', { name: p.name }),
              on: { click: () => admit(p) },
            },
            t('admit'),
          ),
        ),
      ),
    ),
  );
}

/** @param {Person} p */
const who = (p) =>
  h(
    'span',
    { class: 'who' },
    h('span', { class: 'name' }, p.name),
    p.org ? h('span', { class: 'org' }, ` · ${p.org}`) : null,
  );

/**
 * How many ideas a person wrote in Own (a count, never a text) and, in Own, their "I'm done".
 * @param {Person} p
 * @param {View} view
 */
function ownMarks(p, view) {
  if (typeof p.ideas !== 'number' || phaseIndex(view.phase.name) < phaseIndex('own')) return null;
  return h(
    'span',
    { class: 'org' },
    t('ideas_written', { n: p.ideas }),
    view.phase.name === 'own' && p.own_done ? ` · ${t('said_done')}` : '',
  );
}

/**
 * @param {Person} p
 * @param {boolean} done
 * @param {HostUi} ui
 * @param {View} view
 */
function personRow(p, done, ui, view) {
  const presence = p.online ? t('online') : t('offline');
  return h(
    'li',
    { key: p.id },
    h('span', { class: ['presence', p.online ? 'on' : ''], title: presence }),
    h('span', { class: 'sr-only' }, presence),
    who(p),
    ownMarks(p, view),
    done
      ? h(
          'span',
          { class: 'tick' },
          icon(ICONS.check),
          h('span', { class: 'sr-only' }, t('done_tick')),
        )
      : null,
    removeButton(p, ui),
  );
}

/**
 * Remove many at once (a lobby flooded from one address, everyone waiting): one command for
 * the whole list, asked twice like a single Remove.
 * @param {Person[]} targets
 * @param {string} mark
 * @param {string} label the string key, given {n}
 * @param {HostUi} ui
 */
function bulkRemove(targets, mark, label, ui) {
  const confirming = ui.state.confirm === mark;
  const click = () => {
    if (confirming) {
      ui.state.confirm = null;
      act(ui, 'participants.remove', { participant_ids: targets.map((p) => p.id) });
    } else ui.state.confirm = mark;
    ui.render();
  };
  const text = t(confirming ? 'confirm_remove_many' : label, { n: targets.length });
  return h(
    'button',
    {
      type: 'button',
      key: mark,
      class: ['btn', 'small', confirming ? 'danger' : 'quiet'],
      on: { click },
    },
    text,
  );
}

/** Remove asks "really?" first; leaving the list takes the question back. */
function removeButton(/** @type {Person} */ p, /** @type {HostUi} */ ui) {
  const mark = `remove:${p.id}`;
  const confirming = ui.state.confirm === mark;
  const click = () => {
    if (confirming) {
      ui.state.confirm = null;
      act(ui, 'participant.remove', { participant_id: p.id });
    } else ui.state.confirm = mark;
    ui.render();
  };
  const blur = () => {
    if (ui.state.confirm !== mark) return;
    setTimeout(() => {
      if (ui.state.confirm !== mark || document.activeElement?.closest('.people') != null) return;
      ui.state.confirm = null;
      ui.render();
    }, 200);
  };
  const label = confirming
    ? t('confirm_remove', { name: p.name })
    : t('remove_person', { name: p.name });
  return h(
    'button',
    {
      type: 'button',
      class: ['btn', 'small', confirming ? 'danger' : 'quiet'],
      'aria-label': label,
      on: { click, blur },
    },
    confirming ? t('confirm_remove', { name: p.name }) : t('remove'),
  );
}
