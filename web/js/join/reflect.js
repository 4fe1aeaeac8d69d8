// @ts-check
// Reflect on the phone: a text area per prompt and the one-tap feedback (1 to 5 and a
// sentence). Each answer is sent when the box loses focus and shows "Saved" once the server
// holds it; nobody but the author ever sees it. Loaded with import() in Reflect only, so its
// strings live here: the participant page must stay under 100 KB.
import { h } from '../dom.js';
import { loadPart, t } from '../i18n.js';
import { act } from './state.js';
import { refusalNote } from './text.js';

await loadPart('later'); // this screen's strings come with it, not with the lobby

/** @param {Event} e */
const valueOf = (e) => /** @type {HTMLTextAreaElement} */ (e.target).value.trim();

/**
 * @param {string} id
 * @param {string} label
 * @param {string} saved what the server holds
 * @param {number} max
 * @param {(text: string) => void} send
 */
function answerBox(id, label, saved, max, send) {
  /** @param {Event} e */
  const change = (e) => {
    if (valueOf(e) !== saved) send(valueOf(e));
  };
  return h(
    'div',
    { class: 'field', key: id },
    h('label', { for: id, class: 'label' }, label),
    h('textarea', { id, name: id, rows: 3, maxlength: max, value: saved, on: { change } }),
    saved ? h('p', { class: 'hint', role: 'status' }, t('reflect_saved')) : null,
  );
}

/** @param {View} view @param {JoinUi} ui */
export function reflectScreen(view, ui) {
  const settings = view.session.settings;
  const prompts = settings.reflect?.prompts || [];
  const max = settings.own?.max_chars || 280;
  const answers = view.me?.reflections || {};
  const feedback = view.me?.feedback || { score: null, text: '' };
  /** @param {number | null} score @param {string} text */
  const give = (score, text) => act(ui, 'feedback.set', { score, text }, 'global');
  const scores = [1, 2, 3, 4, 5].map((n) =>
    h(
      'button',
      {
        type: 'button',
        key: `s${n}`,
        class: ['btn', feedback.score === n ? '' : 'secondary'],
        'aria-pressed': String(feedback.score === n),
        'aria-label': t('feedback_score', { n }),
        on: { click: () => give(feedback.score === n ? null : n, feedback.text) },
      },
      String(n),
    ),
  );
  return h(
    'section',
    { key: 'reflect', class: 'stack' },
    h('p', { class: 'hint' }, t('reflect_private')),
    refusalNote(ui, 'global'),
    ...prompts.map((prompt, i) =>
      answerBox(`reflect-${i}`, prompt, answers[String(i)] || '', max, (text) =>
        act(ui, 'reflection.set', { prompt: i, text }, 'global'),
      ),
    ),
    h(
      'fieldset',
      { class: 'field', key: 'feedback' },
      h('legend', { class: 'label' }, t('feedback_question')),
      h('div', { class: 'row' }, scores),
    ),
    answerBox('feedback-text', t('feedback_text'), feedback.text, max, (text) =>
      give(feedback.score, text),
    ),
  );
}
