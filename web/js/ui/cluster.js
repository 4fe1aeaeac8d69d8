// @ts-check
// "New cluster": a label and a button, on the console and, when everyone arranges, on phones.
import { h, icon, ICONS } from '../dom.js';
import { t } from '../i18n.js';

/** @param {(label: string) => void} create sends `cluster.create` with the trimmed label */
export function clusterForm(create) {
  /** @param {Event} e */
  const submit = (e) => {
    e.preventDefault();
    const input = /** @type {HTMLInputElement} */ (document.getElementById('cluster-label'));
    const label = input.value.trim();
    if (!label) {
      input.focus();
      return;
    }
    create(label);
    input.value = '';
  };
  return h(
    'form',
    { class: 'row cluster-form', key: 'cluster-form', on: { submit } },
    h('label', { for: 'cluster-label', class: 'label' }, t('cluster_label')),
    h('input', {
      id: 'cluster-label',
      class: 'grow-input',
      type: 'text',
      maxlength: 120,
      'data-keep': '',
    }),
    h('button', { type: 'submit', class: 'btn' }, icon(ICONS.plus), t('create_cluster')),
  );
}
