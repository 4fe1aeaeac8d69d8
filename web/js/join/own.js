// @ts-check
// Own: write ideas alone; only the author sees them until Explain.
import { focusSoon, h, icon, ICONS } from '../dom.js';
import { t } from '../i18n.js';
import { act, saveDrafts } from './state.js';
import { clearTyped, refusalNote, textArea, typed } from './text.js';

/** @param {View} view @param {JoinUi} ui */
export function ownScreen(view, ui) {
  const own = view.session.settings.own || {};
  const max = own.max_chars || 280;
  const maxIdeas = own.max_ideas || 10;
  const ideas = view.me ? view.me.ideas : [];
  const full = ideas.length >= maxIdeas;
  const submit = () => {
    const text = typed(ui, 'idea', 'idea');
    if (!text || full) return;
    act(ui, 'idea.add', { text }, 'own');
    clearTyped(ui, 'idea', 'idea');
  };
  const count = h('span', { class: 'count' }, t('ideas_count', { n: ideas.length, max: maxIdeas }));
  const cards = ideas.map((idea) =>
    ui.state.editing === idea.id ? editor(ui, idea, max) : ideaCard(ui, idea),
  );
  return h(
    'section',
    { key: 'own', class: 'stack' },
    h(
      'div',
      { class: 'field' },
      ...textArea(ui, 'idea', 'your_idea', 'idea', { max, submit, extra: count }),
    ),
    full ? h('p', { class: 'hint' }, t('max_ideas_reached')) : null,
    refusalNote(ui, 'own'),
    h(
      'button',
      { type: 'button', class: 'btn big wide', disabled: full, on: { click: submit } },
      icon(ICONS.plus),
      t('add_idea'),
    ),
    h('p', { class: 'hint', id: 'idea-private' }, icon(ICONS.eyeOff), ' ', t('only_you')),
    doneButton(view, ui),
    h('h2', { class: 'section' }, t('my_ideas')),
    cards.length
      ? h('ul', { class: 'cards', 'aria-label': t('my_ideas') }, cards)
      : h('p', { class: 'muted' }, t('no_ideas')),
  );
}

/** "I'm done" (own.done): the facilitator sees how many are; a second tap takes it back. */
function doneButton(/** @type {View} */ view, /** @type {JoinUi} */ ui) {
  const done = !!view.me?.own_done;
  return h(
    'button',
    {
      type: 'button',
      class: ['btn', 'wide', done ? '' : 'secondary'],
      'aria-pressed': done ? 'true' : 'false',
      on: { click: () => act(ui, 'own.done', { done: !done }, 'own') },
    },
    done ? icon(ICONS.check) : null,
    t('im_done'),
  );
}

/**
 * One of my ideas; while its add or edit is on its way it says so (and an added one has no
 * buttons yet: it has no id on the server).
 * @param {JoinUi} ui
 * @param {OwnIdea} idea
 */
function ideaCard(ui, idea) {
  const added = idea.pending === idea.id;
  return h(
    'li',
    { class: ['card', idea.pending ? 'pending' : ''], key: idea.id },
    h('p', { class: 'card-text' }, idea.text),
    idea.pending ? h('div', { class: 'card-meta' }, ui.pendingLabel(idea.pending)) : null,
    added ? null : refusalNote(ui, idea.id),
    added
      ? null
      : h('div', { class: 'card-actions' }, editButton(ui, idea), deleteButton(ui, idea)),
  );
}

/** @param {JoinUi} ui @param {OwnIdea} idea */
function editButton(ui, idea) {
  const open = () => {
    ui.state.editing = idea.id;
    ui.state.drafts.edit = idea.text;
    ui.render();
    setTimeout(() => {
      const el = /** @type {HTMLTextAreaElement | null} */ (
        document.getElementById(`edit-${idea.id}`)
      );
      if (!el) return;
      el.value = idea.text;
      el.focus();
    }, 0);
  };
  return h(
    'button',
    {
      type: 'button',
      id: `editbtn-${idea.id}`,
      class: 'btn small secondary',
      'aria-label': t('edit_idea', { text: idea.text }),
      on: { click: open },
    },
    icon(ICONS.edit),
    t('edit'),
  );
}

/** @param {JoinUi} ui @param {OwnIdea} idea */
function deleteButton(ui, idea) {
  const remove = () => {
    act(ui, 'idea.delete', { idea_id: idea.id }, idea.id);
    focusSoon('#idea');
  };
  return h(
    'button',
    {
      type: 'button',
      class: 'btn small danger',
      'aria-label': t('delete_idea', { text: idea.text }),
      on: { click: remove },
    },
    icon(ICONS.trash),
    t('delete'),
  );
}

/**
 * The idea in an editor, with Save and Cancel; either gives the focus back to Edit.
 * @param {JoinUi} ui
 * @param {OwnIdea} idea
 * @param {number} max
 */
function editor(ui, idea, max) {
  const id = `edit-${idea.id}`;
  const close = () => {
    ui.state.editing = null;
    ui.render();
    focusSoon(`#editbtn-${idea.id}`);
  };
  const save = () => {
    const text = typed(ui, id, 'edit');
    if (text && text !== idea.text) act(ui, 'idea.edit', { idea_id: idea.id, text }, idea.id);
    ui.state.drafts.edit = '';
    saveDrafts(ui);
    close();
  };
  return h(
    'li',
    { class: 'card', key: idea.id },
    ...textArea(ui, id, 'edit_text', 'edit', { max }),
    h(
      'div',
      { class: 'card-actions' },
      h('button', { type: 'button', class: 'btn small', on: { click: save } }, t('save')),
      h(
        'button',
        { type: 'button', class: 'btn small secondary', on: { click: close } },
        t('cancel'),
      ),
    ),
  );
}
