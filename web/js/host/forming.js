// @ts-check
// Forming the groups in the lobby: how many, Form (or form again), how organisations will
// spread before forming (mix deals them round the groups) and how they did after it.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { act } from './state.js';

/**
 * The lobby of a breakout event: how many groups, Form (or form again), and how the
 * organisations spread over the groups formed.
 * @param {View} view
 * @param {HostUi} ui
 */
export function formingPanel(view, ui) {
  const size = view.session.settings.groups?.size || 10;
  const total = view.participants.total;
  const suggested = Math.max(1, Math.ceil(total / size));
  const count = ui.state.groupCount ?? suggested;
  const formed = (view.groups || []).length > 0;
  const change = (/** @type {Event} */ e) => {
    const v = parseInt(/** @type {HTMLInputElement} */ (e.target).value, 10);
    ui.state.groupCount = v > 0 ? v : null;
    ui.render();
  };
  const form = () => act(ui, 'groups.form', { count: ui.state.groupCount ?? suggested });
  return h(
    'section',
    { key: 'forming', class: 'panel stack', 'aria-labelledby': 'forming-h' },
    h('h2', { id: 'forming-h' }, t('forming_title')),
    h(
      'p',
      null,
      t('forming_preview', {
        people: t('forming_people', { n: total }),
        groups: t('forming_groups', { n: count }),
        size: Math.ceil(total / count) || 0,
      }),
    ),
    h(
      'div',
      { class: 'row' },
      h('label', { for: 'group-count' }, t('group_count')),
      h('input', {
        id: 'group-count',
        class: 'minutes-input',
        type: 'number',
        min: 1,
        max: Math.max(1, Math.floor(total / 2)),
        value: String(count),
        on: { input: change },
      }),
      h(
        'button',
        { type: 'button', class: formed ? 'btn secondary' : 'btn', on: { click: form } },
        formed ? t('form_again') : t('form_groups'),
      ),
    ),
    formed ? orgSpread(view) : orgPreview(view, count),
    formed ? null : h('p', { class: 'muted' }, t('forming_later')),
  );
}

/**
 * Before forming: how each organisation will spread (mix deals them round the groups).
 * @param {View} view
 * @param {number} count
 */
function orgPreview(view, count) {
  if (view.session.settings.groups?.assign === 'choose') return null;
  /** @type {Map<string, number>} */
  const counts = new Map();
  for (const p of view.participants.list || []) {
    const org = p.org || t('no_org');
    counts.set(org, (counts.get(org) || 0) + 1);
  }
  const each = (/** @type {number} */ n) => {
    const lo = Math.floor(n / count);
    return lo === Math.ceil(n / count) ? String(lo) : `${lo}–${lo + 1}`;
  };
  return h(
    'ul',
    { class: 'org-spread', 'aria-label': t('org_preview') },
    [...counts].map(([org, n]) =>
      h(
        'li',
        { key: org },
        t('org_each', { org, people: t('org_each_people', { n }), each: each(n) }),
      ),
    ),
  );
}

/**
 * Per group, how many of each organisation it holds ("Council 2 · Health Board 1").
 * @param {View} view
 */
function orgSpread(view) {
  const people = view.participants.list || [];
  return h(
    'ul',
    { class: 'org-spread', 'aria-label': t('org_spread') },
    (view.groups || []).map((g) => {
      /** @type {Map<string, number>} */
      const counts = new Map();
      for (const p of people.filter((x) => x.group_id === g.id)) {
        const org = p.org || t('no_org');
        counts.set(org, (counts.get(org) || 0) + 1);
      }
      const text = [...counts].map(([org, n]) => `${org} ${n}`).join(' · ');
      return h('li', { key: g.id }, h('strong', null, `${g.label}: `), text || t('group_empty'));
    }),
  );
}
