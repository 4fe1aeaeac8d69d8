// @ts-check
// Start page: join a session by its code, or start one (create.js).
import { h, icon } from './dom.js';
import { startForm } from './create.js';
import { onLanguage, t } from './i18n.js';
import { languageMenu } from './ui/language.js';

const app = /** @type {HTMLElement} */ (document.getElementById('app'));

function brand() {
  const letters = [
    ['O', 'own'],
    ['P', 'pair'],
    ['E', 'explain'],
    ['R', 'rank'],
    ['A', 'arrange'],
  ];
  return h(
    'div',
    null,
    h(
      'div',
      { class: 'brand' },
      icon(['M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18', 'M8 12h8', 'M12 8v8'], 'brand-mark icon'),
      h('h1', null, t('app_name')),
      languageMenu('start-language'),
    ),
    h('p', null, t('start_intro')),
    h(
      'ul',
      { class: 'phase-letters', 'aria-hidden': 'true' },
      letters.map(([l, p]) => h('li', { class: `letter-${p}` }, `${l} · ${t('phase_' + p)}`)),
    ),
  );
}

function joinForm() {
  const error = h('p', { class: 'error-text', role: 'alert', id: 'join-error' });
  const input = h('input', {
    id: 'room-code',
    name: 'code',
    type: 'text',
    autocomplete: 'off',
    autocapitalize: 'characters',
    spellcheck: 'false',
    'aria-describedby': 'room-code-hint join-error',
  });
  const form = h(
    'form',
    { class: 'panel', 'aria-labelledby': 'join-h' },
    h('h2', { id: 'join-h' }, t('join_title')),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'room-code' }, t('room_code')),
      input,
      h('span', { class: 'hint', id: 'room-code-hint' }, t('room_code_hint')),
    ),
    error,
    h('button', { type: 'submit', class: 'btn wide' }, t('join')),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    const raw = input.value.trim().replace(/\s+/g, '');
    if (!raw) {
      input.focus();
      return;
    }
    const candidates = [...new Set([raw, raw.toUpperCase(), raw.toLowerCase()])];
    try {
      for (const code of candidates) {
        const res = await fetch(`/api/sessions/${encodeURIComponent(code)}`);
        if (res.ok) {
          location.assign(`/j/${encodeURIComponent(code)}`);
          return;
        }
      }
      error.textContent = t('no_such_room', { code: raw });
    } catch {
      error.textContent = t('network_failed');
    }
  });
  return form;
}

// built once, and again in a newly chosen language (the page has nothing typed worth more)
/** @param {boolean} [chosen] after the menu's choice, focus stays on the menu */
function draw(chosen = false) {
  document.title = t('app_name');
  app.textContent = '';
  app.appendChild(h('div', { class: 'stack' }, brand(), joinForm(), startForm()));
  if (chosen) /** @type {HTMLElement | null} */ (app.querySelector('.language-menu'))?.focus();
}
draw();
onLanguage(() => draw(true));
