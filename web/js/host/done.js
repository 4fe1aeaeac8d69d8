// @ts-check
// Done on the console: the result, and the clusters as arranged (still editable).
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { rankedList } from '../ui/ranked.js';
import { arrangePanel } from './arrange.js';

/** @param {View} view @param {HostUi} ui */
export const donePanel = (view, ui) =>
  h(
    'section',
    { key: 'done', class: 'stack' },
    h('h2', null, t('results')),
    rankedList(view, { bars: true, backing: true }),
    (view.clusters || []).length ? arrangePanel(view, ui) : null,
  );
