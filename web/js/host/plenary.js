// @ts-check
// The plenary on the console: spotlight one group's ideas, who has voted, the live totals
// (the host's alone) and Reveal, as in Rank.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { groupColour } from '../ui/group.js';
import { rankPanel } from './rank.js';
import { act } from './state.js';

/** @param {View} view @param {HostUi} ui */
export function plenaryPanel(view, ui) {
  const current = view.plenary?.current ?? null;
  const ideas = view.ideas || [];
  const groups = (view.groups || []).filter((g) => ideas.some((i) => i.group_id === g.id));
  /** @param {Group} g */
  const item = (g) =>
    h(
      'li',
      { key: g.id },
      h(
        'button',
        {
          type: 'button',
          class: ['btn', 'small', g.id === current ? '' : 'secondary'],
          style: { 'border-left': `10px solid ${groupColour(g.id)}` },
          'aria-pressed': g.id === current ? 'true' : 'false',
          on: { click: () => act(ui, 'plenary.focus', { group_id: g.id }) },
        },
        t('spotlight_group', { label: g.label }),
      ),
    );
  return h(
    'div',
    { key: 'plenary', class: 'stack' },
    h(
      'nav',
      { 'aria-labelledby': 'plenary-groups-h' },
      h('h2', { id: 'plenary-groups-h' }, t('plenary_groups')),
      h('ul', { class: 'row wrap plain' }, groups.map(item)),
    ),
    rankPanel(view, ui),
  );
}
