// @ts-check
// The language menu on every page: a native <select> (the keyboard and screen readers know
// it), each language in its own name and marked with its own lang, the menu's accessible name
// in the current language. Choosing one is remembered for this page role only (i18n.js), so
// a projector can stay in Finnish while the host's console is in English.
import { h } from '../dom.js';
import { chooseLanguage, language, LANGUAGES, t } from '../i18n.js';
import NAMES from '../lang/names.js';

/** @param {Event} e */
const change = (e) => {
  const code = /** @type {HTMLSelectElement} */ (e.currentTarget).value;
  chooseLanguage(code).catch(() => {
    /* offline: the page stays in the language it has */
  });
};

/** @param {string} [cls] where the page places it (phone footer, board side, console header) */
export function languageMenu(cls = '') {
  const now = language();
  return h(
    'select',
    {
      class: ['language-menu', cls],
      key: 'language',
      name: 'language',
      'aria-label': t('language'),
      on: { change },
    },
    LANGUAGES.map((code) =>
      h('option', { value: code, lang: code, selected: code === now }, NAMES[code]),
    ),
  );
}
