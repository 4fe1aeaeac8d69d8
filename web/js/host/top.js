// @ts-check
// The console's header: the title, the timer, the question (editable) and the phase bar.
import { focusSoon, h, icon, ICONS } from '../dom.js';
import { t } from '../i18n.js';
import { questionBlock } from '../ui/question.js';
import { languageMenu } from '../ui/language.js';
import { recordButton } from '../ui/record.js';
import { phasePill } from '../ui/status.js';
import { act } from './state.js';
import { keysButton } from './keys.js';
import { phaseBar } from './phases.js';
import { timerControls } from './timer.js';

/** @param {View} view @param {HostUi} ui */
export function top(view, ui) {
  return h(
    'header',
    { class: ['host-top', ui.state.timeUp ? 'time-up' : ''], key: 'top' },
    h(
      'div',
      { class: 'row' },
      h('h1', null, view.session.title || t('host_title')),
      phasePill(view.phase.name),
      h('span', { class: 'spacer' }),
      timerControls(view, ui),
      recordButton(() => ui.view),
      keysButton(),
      languageMenu(),
    ),
    questionEditor(view, ui),
    phaseBar(view, ui),
  );
}

/** @param {View} view @param {HostUi} ui */
function questionEditor(view, ui) {
  /** @param {boolean} on */
  const editing = (on) => {
    ui.state.editingQuestion = on;
    ui.render();
    if (on) focusSoon('#q-edit');
  };
  if (!ui.state.editingQuestion) {
    const toggle = () => {
      ui.state.expanded = !ui.state.expanded;
      ui.render();
    };
    return h(
      'div',
      { class: 'row' },
      questionBlock(view.session.question, ui.state.expanded, toggle),
      h(
        'button',
        { type: 'button', class: 'btn small quiet', on: { click: () => editing(true) } },
        icon(ICONS.edit),
        t('question_edit'),
      ),
    );
  }
  /** @param {Event} e */
  const submit = (e) => {
    e.preventDefault();
    const form = /** @type {HTMLFormElement} */ (e.currentTarget);
    const q = /** @type {HTMLTextAreaElement} */ (form.querySelector('#q-edit')).value.trim();
    if (q) act(ui, 'session.configure', { question: q });
    editing(false);
  };
  return h(
    'form',
    { class: 'stack', on: { submit } },
    h('label', { for: 'q-edit', class: 'label' }, t('question')),
    h('textarea', { id: 'q-edit', rows: 2, value: view.session.question, 'data-keep': '' }),
    h(
      'div',
      { class: 'row' },
      h('button', { type: 'submit', class: 'btn small' }, t('save')),
      h(
        'button',
        { type: 'button', class: 'btn small secondary', on: { click: () => editing(false) } },
        t('cancel'),
      ),
    ),
  );
}
