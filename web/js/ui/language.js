// @ts-check
// The language menu on every page: a native <select>, each language in its own name and
// lang; the choice is kept per page role (i18n.js): a Finnish board, an English console.
import { h } from '../dom.js';
import { chooseLanguage, language, LANGUAGES, t } from '../i18n.js';
import NAMES from '../lang/names.js';

/** @param {Event} e */
const change = (e) => {
  const code = /** @type {HTMLSelectElement} */ (e.currentTarget).value;
  chooseLanguage(code).catch(() => {}); // offline: it stays as it is
};

/** @param {string} [cls] */
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
