// @ts-check
// The notice box: a short note on every screen (notice.set), from a ready text or typed.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { act } from './state.js';

/** @type {string[]} ready texts for the notice box (string keys) */
const READY = ['notice_two_minutes', 'notice_come_back', 'notice_wrap_up'];

/**
 * The notice on every screen: a few ready texts, free text, clear.
 * @param {View} view
 * @param {HostUi} ui
 */
export function noticeBox(view, ui) {
  const current = view.session.notice?.text || '';
  const set = (/** @type {string} */ text) => act(ui, 'notice.set', { text });
  /** @param {Event} e */
  const submit = (e) => {
    e.preventDefault();
    const input = /** @type {HTMLInputElement} */ (document.getElementById('notice-text'));
    set(input.value.trim());
    input.value = '';
  };
  return h(
    'form',
    { class: 'panel stack', key: 'notice-box', 'aria-labelledby': 'notice-h', on: { submit } },
    h('h2', { id: 'notice-h' }, t('notice_title')),
    current ? h('p', { class: 'notice', role: 'status' }, current) : null,
    h(
      'div',
      { class: 'row wrap' },
      READY.map((k) =>
        h(
          'button',
          { type: 'button', class: 'btn small secondary', on: { click: () => set(t(k)) } },
          t(k),
        ),
      ),
    ),
    h('label', { for: 'notice-text' }, t('notice_free')),
    h('input', { id: 'notice-text', type: 'text', maxlength: 280, autocomplete: 'off' }),
    h(
      'div',
      { class: 'row' },
      h('button', { type: 'submit', class: 'btn small' }, t('notice_send')),
      current
        ? h(
            'button',
            { type: 'button', class: 'btn small quiet', on: { click: () => set('') } },
            t('notice_clear'),
          )
        : null,
    ),
  );
}
