// @ts-check
// Each language's name in itself, for the language menu (ui/language.js): the same in every
// language, so the menu lists all six without loading their tables. Each equals that
// language's own `lang_name` (tests/web/test_language.py).
export default /** @type {Record<string, string>} */ ({
  en: 'English',
  cy: 'Cymraeg',
  de: 'Deutsch',
  fi: 'Suomi',
  fr: 'Français',
  sv: 'Svenska',
});
