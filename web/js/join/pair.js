// @ts-check
// Pair: the pair's pool of ideas, a shared shortlist in order, and everyone's confirmation.
import { h, icon, ICONS } from '../dom.js';
import { list, loadPart, t } from '../i18n.js';
import { pairMark } from '../ui/colour.js';
import { act } from './state.js';
import { clearTyped, refusalNote, textArea, typed } from './text.js';

await loadPart('later'); // this screen's strings come with it, not with the lobby

/** @param {View} view @param {JoinUi} ui */
export function pairScreen(view, ui) {
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
  const settings = view.session.settings;
  const max = settings.pair?.shortlist_max || 4;
  const inPool = new Set(pair.pool.map((i) => i.id));
  const shortlist = pair.shortlist.filter((id) => inPool.has(id));
  const partners = pair.members.filter((m) => m.id !== me.id);
  const names = list(partners.map((p) => (p.org ? `${p.name}, ${p.org}` : p.name)));
  const write = () => {
    const text = typed(ui, 'shared', 'shared');
    if (!text) return;
    act(ui, 'pair.write', { text }, 'pair');
    clearTyped(ui, 'shared', 'shared');
  };
  const hint = t('shared_idea_hint');
  return h(
    'section',
    { key: 'pair', class: 'stack' },
    h(
      'p',
      { class: 'big-line pair-label', style: { 'font-size': '2rem', margin: '0' } },
      pairMark(pair.id),
      ' ',
      pair.label || '',
    ),
    h('p', { class: 'partner' }, partners.length ? t('you_are_with', { names }) : t('no_pair')),
    h('h2', { class: 'section' }, t('pool')),
    h('p', { class: 'hint', id: 'pool-hint' }, t('pool_hint', { max })),
    pool(ui, pair, shortlist, max),
    h('h2', { class: 'section' }, t('shortlist')),
    shortlistOf(ui, pair, shortlist),
    h(
      'div',
      { class: 'field section' },
      ...textArea(ui, 'shared', 'shared_idea', 'shared', {
        max: settings.own?.max_chars || 280,
        hint,
        submit: write,
      }),
    ),
    h(
      'button',
      { type: 'button', class: 'btn secondary wide', on: { click: write } },
      icon(ICONS.plus),
      t('add_to_pool'),
    ),
    confirmations(me, pair, shortlist),
    refusalNote(ui, 'pair'),
    confirmButton(ui, me, pair, shortlist),
  );
}

/**
 * The pool: tick an idea to shortlist it; one written just now shows as on its way.
 * @param {JoinUi} ui
 * @param {MyPair} pair
 * @param {string[]} shortlist
 * @param {number} max
 */
function pool(ui, pair, shortlist, max) {
  /** @param {OwnIdea} idea */
  const item = (idea) => {
    if (idea.pending === idea.id) {
      return h(
        'li',
        { class: 'card pending', key: idea.id },
        h('p', { class: 'card-text' }, idea.text),
        h('div', { class: 'card-meta' }, ui.pendingLabel(idea.pending)),
      );
    }
    const on = shortlist.includes(idea.id);
    /** @param {Event} e */
    const change = (e) => {
      const ids = shortlist.filter((id) => id !== idea.id);
      if (/** @type {HTMLInputElement} */ (e.target).checked) ids.push(idea.id);
      act(ui, 'pair.shortlist', { idea_ids: ids }, 'pair');
    };
    const disabled = !on && shortlist.length >= max;
    return h(
      'li',
      { class: ['card', on ? 'selected' : ''], key: idea.id },
      h(
        'label',
        { class: 'pool-item' },
        h('input', { type: 'checkbox', checked: on, disabled, on: { change } }),
        h('span', null, idea.text),
      ),
    );
  };
  return h('ul', { class: 'cards', 'aria-describedby': 'pool-hint' }, pair.pool.map(item));
}

/**
 * The shortlist in order, each idea with Move up and Move down.
 * @param {JoinUi} ui
 * @param {MyPair} pair
 * @param {string[]} shortlist
 */
function shortlistOf(ui, pair, shortlist) {
  if (!shortlist.length) return h('p', { class: 'muted' }, t('shortlist_empty'));
  const textOf = new Map(pair.pool.map((i) => [i.id, i.text]));
  /** @param {number} index @param {number} delta */
  const move = (index, delta) => {
    const ids = shortlist.slice();
    const j = index + delta;
    [ids[index], ids[j]] = [ids[j], ids[index]];
    act(ui, 'pair.shortlist', { idea_ids: ids }, 'pair');
  };
  /** @param {string} key @param {string} text @param {boolean} off @param {() => void} click */
  const button = (key, text, off, click) =>
    h(
      'button',
      {
        type: 'button',
        class: 'btn small secondary',
        'aria-label': t(key, { text }),
        disabled: off,
        on: { click },
      },
      icon(key === 'move_up' ? ICONS.up : ICONS.down),
    );
  const last = shortlist.length - 1;
  return h(
    'ol',
    { class: 'shortlist' },
    shortlist.map((id, i) => {
      const text = textOf.get(id) || '';
      return h(
        'li',
        { key: id },
        h('span', { class: 'sl-text' }, text),
        button('move_up', text, i === 0, () => move(i, -1)),
        button('move_down', text, i === last, () => move(i, 1)),
      );
    }),
  );
}

/**
 * Who has confirmed the shortlist as it is now.
 * @param {Me} me
 * @param {MyPair} pair
 * @param {string[]} shortlist
 */
function confirmations(me, pair, shortlist) {
  const yes = (/** @type {string} */ id) => pair.confirmed.includes(id);
  const all = shortlist.length > 0 && pair.members.every((m) => yes(m.id));
  return h(
    'ul',
    { class: 'confirmations section', 'aria-live': 'polite' },
    h(
      'li',
      { class: yes(me.id) ? 'yes' : '' },
      yes(me.id) ? icon(ICONS.check) : null,
      yes(me.id) ? t('you_confirmed') : t('changes_clear'),
    ),
    pair.members
      .filter((m) => m.id !== me.id)
      .map((p) =>
        h(
          'li',
          { key: p.id, class: yes(p.id) ? 'yes' : '' },
          yes(p.id) ? icon(ICONS.check) : null,
          t(yes(p.id) ? 'partner_confirmed' : 'partner_waiting', { name: p.name }),
        ),
      ),
    all ? h('li', { class: 'yes' }, t('pair_confirmed')) : null,
  );
}

/** @param {JoinUi} ui @param {Me} me @param {MyPair} pair @param {string[]} shortlist */
function confirmButton(ui, me, pair, shortlist) {
  const mine = pair.confirmed.includes(me.id); // then the button says so, not "Confirm"
  return h(
    'div',
    { class: 'sticky-actions' },
    h(
      'button',
      {
        type: 'button',
        class: 'btn big wide',
        disabled: mine || shortlist.length === 0,
        on: { click: () => act(ui, 'pair.confirm', {}, 'pair') },
      },
      icon(ICONS.check),
      t(mine ? 'shortlist_confirmed' : 'confirm_shortlist'),
    ),
  );
}
