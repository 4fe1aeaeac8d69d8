// @ts-check
// Each language in its own name, for the menu (= each table's lang_name)
export default /** @type {Record<string, string>} */ ({
  en: 'English',
  cy: 'Cymraeg',
  de: 'Deutsch',
  fi: 'Suomi',
  fr: 'Français',
  sv: 'Svenska',
});
