// @ts-check
// A question before an irreversible click: a modal dialog that says what will be lost, with
// the action named on its button and Cancel first in focus. Built from text nodes only.
import { h } from '../dom.js';
import { t } from '../i18n.js';

/**
 * @typedef {object} Question
 * @property {string} title what is about to happen ("Skip to Rank?")
 * @property {string[]} lost each thing that will be lost, a sentence each
 * @property {string} yes the action's name on its button ("Skip to Rank")
 */

/**
 * Open a modal dialog with these parts; Escape closes it, and focus goes back to where it
 * was. The first button takes the focus.
 * @param {string} labelledBy the id of its heading
 * @param {(close: () => void) => Node[]} parts
 * @param {string} [describedBy]
 */
export function openDialog(labelledBy, parts, describedBy) {
  const back = /** @type {HTMLElement | null} */ (document.activeElement);
  const close = () => {
    dialog.close();
    dialog.remove();
    if (back && back.isConnected) back.focus();
  };
  const attrs = {
    class: 'confirm-dialog',
    'aria-labelledby': labelledBy,
    'aria-describedby': describedBy,
  };
  const dialog = /** @type {HTMLDialogElement} */ (h('dialog', attrs, ...parts(close)));
  dialog.addEventListener('cancel', (e) => {
    e.preventDefault();
    close();
  });
  document.body.appendChild(dialog);
  dialog.showModal();
  /** @type {HTMLElement | null} */ (dialog.querySelector('button'))?.focus();
}

/**
 * Ask, and run `then` only on the named button; Escape or Cancel changes nothing.
 * @param {Question} q
 * @param {() => void} then
 */
export function confirmAction(q, then) {
  openDialog(
    'confirm-title',
    (close) => [
      h('h2', { id: 'confirm-title' }, q.title),
      h(
        'ul',
        { id: 'confirm-lost', class: 'lost' },
        q.lost.map((line) => h('li', null, line)),
      ),
      h(
        'div',
        { class: 'row' },
        h('button', { type: 'button', class: 'btn secondary', on: { click: close } }, t('cancel')),
        h(
          'button',
          {
            type: 'button',
            class: 'btn danger',
            on: {
              click: () => {
                close();
                then();
              },
            },
          },
          q.yes,
        ),
      ),
    ],
    'confirm-lost',
  );
}

/** @returns {boolean} a dialog is open (shortcut keys wait) */
export const dialogOpen = () => !!document.querySelector('dialog[open]');
