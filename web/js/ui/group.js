// @ts-check
// A breakout group's colour and label, the same on the phone, the console and the board.
import { t } from '../i18n.js';

/** @param {string} id a group id ("g3") */
export const groupNumber = (id) => parseInt(id.replace(/\D/g, ''), 10) || 1;

/**
 * Hues spread round the wheel, dark enough for white text (at least 4.5:1).
 * @param {string} id
 */
export const groupColour = (id) => `hsl(${(groupNumber(id) * 137) % 360} 70% 26%)`;

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
