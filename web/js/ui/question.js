// @ts-check
// The session's question, folding to two lines with a "more" toggle where there is one.
import { h } from '../dom.js';
import { t } from '../i18n.js';

/**
 * @param {string} question
 * @param {boolean} expanded
 * @param {(() => void) | null} toggle null: always shown whole (the board)
 * @param {string} [tag]
 */
export function questionBlock(question, expanded, toggle, tag = 'p') {
  const long = !!toggle && (question || '').length > 90;
  return h(
    'div',
    { class: ['question', long && !expanded ? 'clamped' : ''], key: 'question' },
    h(tag, { class: 'question-text', id: 'question-text' }, question || ''),
    long
      ? h(
          'button',
          {
            type: 'button',
            class: 'link-button',
            'aria-expanded': expanded ? 'true' : 'false',
            'aria-controls': 'question-text',
            on: { click: toggle },
          },
          expanded ? t('less') : t('more'),
        )
      : null,
  );
}
