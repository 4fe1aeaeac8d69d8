// @ts-check
// "Move to…": the keyboard (and touch) way to place an idea, on the console and on phones.
import { focusSoon, h } from '../dom.js';
import { t } from '../i18n.js';

/**
 * @param {Idea} idea
 * @param {[string, string][]} targets [cluster id, label]; '' is "not placed"
 * @param {{state: {menu: string | null}, render: () => void}} ui `state.menu`: whose menu is open
 * @param {(target: string) => void} choose
 */
export function moveMenu(idea, targets, ui, choose) {
  const open = ui.state.menu === idea.id;
  const toggle = () => {
    ui.state.menu = open ? null : idea.id;
    ui.render();
    if (!open) focusSoon(`[data-move-first="${idea.id}"]`);
  };
  // closing gives the focus back to the toggle, which keeps it when the card moves
  const close = () => {
    ui.state.menu = null;
    ui.render();
    focusSoon(`[data-move="${idea.id}"]`);
  };
  /** @param {KeyboardEvent} e */
  const escape = (e) => {
    if (e.key !== 'Escape' || !open) return;
    e.stopPropagation();
    close();
  };
  /** @param {[string, string]} target @param {number} n */
  const option = ([id, label], n) =>
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
          on: { click: () => (choose(id), close()) },
        },
        label,
      ),
    );
  return h(
    'div',
    { class: 'move-menu', on: { keydown: escape } },
    h(
      'button',
      {
        type: 'button',
        class: 'btn small secondary',
        'data-move': idea.id,
        'aria-expanded': open ? 'true' : 'false',
        'aria-label': t('move_idea_to', { text: idea.text }),
        on: { click: toggle },
      },
      t('move_to'),
    ),
    open ? h('ul', { class: 'row move-targets' }, targets.map(option)) : null,
  );
}
