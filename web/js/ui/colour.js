// @ts-check
// The colour and number of a pair or a group, the same on the phones, the console and the
// board: people find their partner across a room of 50 by "the orange 7".
import { h } from '../dom.js';

/** @param {string} id a pair's or a group's id ("pr7", "g3") */
export const numberOf = (id) => parseInt(id.replace(/\D/g, ''), 10) || 1;

/**
 * Hues spread round the wheel (137 degrees apart), dark enough for white text (at least 4.5:1).
 * @param {string} id
 */
export const colourOf = (id) => `hsl(${(numberOf(id) * 137) % 360} 70% 26%)`;

// styled here, not in app.css: the phone loads this module only from Pair on
const MARK = {
  display: 'inline-grid',
  'place-items': 'center',
  'min-width': '1.8em',
  height: '1.8em',
  padding: '0 0.3em',
  'border-radius': '0.4em',
  color: '#fff',
  'font-weight': '900',
  'line-height': '1',
};

/**
 * A pair's badge: its number in white on its colour, sized by the text around it; the label
 * beside it says the same in words, so the badge itself is hidden from screen readers.
 * @param {string} id
 */
export const pairMark = (id) =>
  h(
    'span',
    { class: 'pair-mark', style: { ...MARK, background: colourOf(id) }, 'aria-hidden': 'true' },
    String(numberOf(id)),
  );
