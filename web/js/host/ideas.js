// @ts-check
// Pieces the console's phase panels share: the progress line, a pair's members, an idea row
// with the moderator's Hide (asked twice).
import { h, icon, ICONS } from '../dom.js';
import { t } from '../i18n.js';
import { act } from './state.js';

/**
 * "3 of 8 have written" and the like.
 * @param {View} view
 * @param {string} key the phrase for this phase
 */
export function progressPanel(view, key) {
  const p = view.progress || { done: 0, of: 0 };
  return h(
    'p',
    { class: 'big-line', role: 'status', key: 'progress' },
    t(key, { done: p.done, of: p.of }),
  );
}

/**
 * A pair's members with their organisations, from the people list.
 * @param {View} view
 * @param {Pair} pair
 */
export function membersText(view, pair) {
  const orgOf = new Map((view.participants.list || []).map((p) => [p.id, p.org]));
  return pair.members
    .map((m) => (orgOf.get(m.id) ? `${m.name} (${orgOf.get(m.id)})` : m.name))
    .join(', ');
}

/** @param {Idea} idea @param {HostUi} ui */
export function hideButton(idea, ui) {
  const mark = `hide:${idea.id}`;
  const confirming = ui.state.confirm === mark;
  const click = () => {
    if (confirming) {
      ui.state.confirm = null;
      act(ui, 'idea.hide', { idea_id: idea.id });
    } else ui.state.confirm = mark;
    ui.render();
  };
  return h(
    'button',
    {
      type: 'button',
      class: ['btn', 'small', confirming ? 'danger' : 'quiet'],
      'aria-label': confirming
        ? `${t('confirm_hide')} ${idea.text}`
        : t('hide_idea_named', { text: idea.text }),
      on: { click },
    },
    icon(ICONS.eyeOff),
    confirming ? t('confirm_hide') : t('hide_idea'),
  );
}

/** An idea as the moderator sees it (a hidden one struck through). @param {Idea} idea @param {HostUi} ui */
export function ideaRow(idea, ui) {
  return h(
    'li',
    { class: ['card', idea.hidden ? 'pending' : ''], key: idea.id },
    h('p', { class: 'card-text' }, idea.hidden ? h('s', null, idea.text) : idea.text),
    h(
      'div',
      { class: 'card-meta' },
      idea.hidden ? h('span', { class: 'badge' }, t('hidden_idea')) : hideButton(idea, ui),
    ),
  );
}
