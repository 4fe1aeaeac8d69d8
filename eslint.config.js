// ESLint over web/: the browser loads these ES modules as they are (no bundler).
import js from '@eslint/js';
import globals from 'globals';

export default [
  js.configs.recommended,
  {
    files: ['web/**/*.js'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: globals.browser,
    },
    rules: {
      'no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
      'no-var': 'error',
      'prefer-const': 'error',
      // modules of about 250 lines, functions of about 50 (Prettier's h() trees are tall)
      'max-lines': ['error', { max: 260, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }],
      // user text goes in with textContent (dom.js h()), never parsed as HTML
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Build nodes with h(); text goes in as text.' },
        { property: 'outerHTML', message: 'Build nodes with h(); text goes in as text.' },
        { property: 'insertAdjacentHTML', message: 'Build nodes with h().' },
      ],
    },
  },
  {
    // the language tables are data, not code: Welsh gives six plural forms where English
    // gives two, so a faithful table is longer than a module should be
    files: ['web/js/lang/*.js'],
    rules: { 'max-lines': 'off' },
  },
];
