// @ts-check
// A breakout group's colour and label, the same on the phone, the console and the board.
import { t } from '../i18n.js';
import { colourOf, numberOf } from './colour.js';

export const groupNumber = numberOf;
export const groupColour = colourOf;

/**
 * A group's label from the view's groups or my own; from the plenary on participants and the
 * board may hold only ideas' group ids, and labels follow the ids ("g3" is "Group 3").
 * @param {View} view
 * @param {string} id
 */
export const groupLabel = (view, id) =>
  (view.groups || []).find((g) => g.id === id)?.label ||
  (view.me?.group?.id === id ? view.me.group.label : '') ||
  t('group_n', { n: groupNumber(id) });
