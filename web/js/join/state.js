// @ts-check
// The phone's own state: what it remembers across reloads (who I am, my drafts) and what the
// screens share while drawing (open editors, refusals, the open "Move to…" menu).

import { readJson, writeJson } from '../storage.js';

/** @param {string} key */
export const load = (key) => readJson(localStorage, key);

/** @param {string} key @param {unknown} value null: forget */
export const store = (key, value) => writeJson(localStorage, key, value);

/** @param {string} code */
export const meKey = (code) => `opera.participant.${code}`;
/** @param {string} code */
const draftKey = (code) => `opera.draft.${code}`;

/** @param {string} code @returns {JoinState} */
export const newState = (code) => ({
  info: null,
  joining: false,
  joinError: '',
  expanded: false,
  editing: null,
  menu: null,
  refusals: {},
  shake: null,
  drafts: Object.assign({ idea: '', shared: '', edit: '' }, load(draftKey(code)) || {}),
});

/** @param {JoinUi} ui */
export const saveDrafts = (ui) => store(draftKey(ui.code), ui.state.drafts);

/**
 * Send a command and clear the refusal it would answer.
 * @param {JoinUi} ui
 * @param {string} name
 * @param {Record<string, any>} args
 * @param {string} [area] where a refusal of it is shown
 */
export function act(ui, name, args, area) {
  if (area) delete ui.state.refusals[area];
  delete ui.state.refusals.global;
  ui.send(name, args);
}
