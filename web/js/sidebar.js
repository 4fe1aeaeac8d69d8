// @ts-check
// The board's right-hand column, the same in every phase: the timer, the page indicator,
// how to join in the bottom corner, and the theme.
import { h } from './dom.js';
import { t } from './i18n.js';
import { languageMenu } from './ui/language.js';
import { countdown } from './ui/countdown.js';
import { toggleTheme } from './ui/theme.js';
import { joinUrl, qrSrc } from './view.js';

/** @param {string} code */
export const shortUrl = (code) => joinUrl(code).replace(/^https?:\/\//, '');

/** @param {BoardUi} ui */
function themeButton(ui) {
  const dark = document.documentElement.dataset.theme === 'dark';
  const click = () => {
    toggleTheme();
    ui.render();
  };
  return h(
    'button',
    { type: 'button', class: 'btn small secondary theme-toggle', on: { click } },
    dark ? t('light_theme') : t('dark_theme'),
  );
}

/**
 * The board's right-hand column, the same place in every phase: the timer at the top, the
 * page indicator, and how to join (link, code, QR) in the bottom corner (the lobby shows
 * them large instead).
 * @param {View} view
 * @param {BoardUi} ui
 */
export function side(view, ui) {
  const joining =
    view.phase.name === 'lobby'
      ? null
      : h(
          'div',
          { class: 'join-corner', key: 'join' },
          h('p', null, t('people_joined', { n: view.participants.total })),
          h('p', null, t('join_at'), ' ', h('a', { href: joinUrl(ui.code) }, shortUrl(ui.code))),
          h('p', null, t('room_code'), ' ', h('span', { class: 'code' }, ui.code)),
          h('img', {
            class: 'qr qr-small',
            src: qrSrc(ui.code),
            alt: t('qr_alt'),
            width: 200,
            height: 200,
          }),
        );
  return h(
    'aside',
    { class: 'board-side', key: 'side', 'aria-label': t('board_side') },
    countdown(view.phase, ui.now()),
    h('p', { class: 'page-no', id: 'board-page', key: 'page-no' }),
    joining,
    h('div', { class: 'board-tools', key: 'tools' }, themeButton(ui), languageMenu()),
  );
}
