// @ts-check
// The phone's text boxes (kept as drafts while typing) and the refusal under an action.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { saveDrafts } from './state.js';

/**
 * The server's refusal of the last action in `area`, if any.
 * @param {JoinUi} ui
 * @param {string} area
 */
export function refusalNote(ui, area) {
  const message = ui.state.refusals[area];
  return message ? h('p', { class: 'refusal', role: 'alert' }, t('refused', { message })) : null;
}

/**
 * A labelled text area with a character count; its text is a draft that survives a reload.
 * @param {JoinUi} ui
 * @param {string} id
 * @param {string} labelKey
 * @param {'idea' | 'shared' | 'edit'} draft
 * @param {{max?: number, hint?: string, submit?: () => void, extra?: Node}} [opts]
 *   submit: Ctrl+Enter; extra: shown beside the count
 */
export function textArea(ui, id, labelKey, draft, opts = {}) {
  const max = opts.max || 280;
  const value = ui.state.drafts[draft] || '';
  const len = [...value].length;
  const described = [opts.hint ? `${id}-hint` : '', `${id}-count`].filter(Boolean).join(' ');
  /** @param {KeyboardEvent} e */
  const keydown = (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && opts.submit) {
      e.preventDefault();
      opts.submit();
    }
  };
  /** @param {Event} e */
  const input = (e) => {
    ui.state.drafts[draft] = /** @type {HTMLTextAreaElement} */ (e.target).value;
    saveDrafts(ui);
    ui.render();
  };
  return [
    h('label', { for: id, class: 'label' }, t(labelKey)),
    opts.hint ? h('p', { class: 'hint', id: `${id}-hint` }, opts.hint) : null,
    h('textarea', {
      id,
      name: id,
      rows: 3,
      maxlength: max,
      value,
      'aria-describedby': described,
      on: { input, keydown },
    }),
    h(
      'div',
      { class: 'row' },
      h(
        'span',
        { class: ['count', len > max ? 'over' : ''], id: `${id}-count` },
        t('chars_count', { n: len, max }),
      ),
      opts.extra || null,
    ),
  ];
}

/**
 * What a text box holds now (the element if it is on the page, else the draft).
 * @param {JoinUi} ui
 * @param {string} id
 * @param {'idea' | 'shared' | 'edit'} draft
 */
export function typed(ui, id, draft) {
  const el = /** @type {HTMLTextAreaElement | null} */ (document.getElementById(id));
  return (el ? el.value : ui.state.drafts[draft]).trim();
}

/**
 * Empty a text box and its draft once its text is sent.
 * @param {JoinUi} ui
 * @param {string} id
 * @param {'idea' | 'shared' | 'edit'} draft
 */
export function clearTyped(ui, id, draft) {
  ui.state.drafts[draft] = '';
  const el = /** @type {HTMLTextAreaElement | null} */ (document.getElementById(id));
  if (el) el.value = '';
  saveDrafts(ui);
  ui.render();
}
