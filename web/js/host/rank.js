// @ts-check
// Rank on the console: who has voted, the live totals (the host's alone), and Reveal.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { rankedList } from '../ui/ranked.js';
import { progressPanel } from './ideas.js';
import { act } from './state.js';

/** @param {View} view @param {HostUi} ui */
export function rankPanel(view, ui) {
  const shown = view.rank?.revealed === true;
  return h(
    'section',
    { key: 'rank', class: 'stack' },
    progressPanel(view, 'have_voted'),
    h(
      'div',
      { class: 'row' },
      h(
        'button',
        {
          type: 'button',
          class: 'btn',
          disabled: shown,
          'aria-describedby': 'reveal-hint',
          on: { click: () => act(ui, 'rank.reveal') },
        },
        t('reveal_results'),
      ),
      h(
        'span',
        { class: 'muted', id: 'reveal-hint' },
        shown ? t('revealed') : `${t('totals_private')} ${t('reveal_closes')}`,
      ),
    ),
    rankedList(view, { bars: true, backing: true }),
  );
}
