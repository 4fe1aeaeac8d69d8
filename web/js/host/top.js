// @ts-check
// The console's header: the title, the timer, the question (editable) and the phase bar.
import { focusSoon, h, icon, ICONS } from '../dom.js';
import { t } from '../i18n.js';
import { phaseIndex, phasesOf } from '../view.js';
import { questionBlock } from '../ui/question.js';
import { phasePill } from '../ui/status.js';
import { act } from './state.js';
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
    ),
    questionEditor(view, ui),
    phaseBar(view, ui),
  );
}

/**
 * A phase's timer from the settings, or null when it has none.
 * @param {View} view
 * @param {string} phase
 * @returns {number | null}
 */
function defaultMinutes(view, phase) {
  const s = /** @type {any} */ (view.session.settings)[phase];
  return s && typeof s.minutes === 'number' ? s.minutes : null;
}

/**
 * A button per phase (the next one stands out) and the next phase's timer in minutes.
 * @param {View} view
 * @param {HostUi} ui
 */
function phaseBar(view, ui) {
  const current = phaseIndex(view.phase.name);
  const phases = phasesOf(view);
  const next = phases.find((p) => phaseIndex(p) > current) || 'done';
  const minutesFor = defaultMinutes(view, next);
  /** @param {string} p */
  const start = (p) => {
    /** @type {{phase: string, minutes?: number}} */
    const args = { phase: p };
    const m = ui.state.minutes;
    if (m && p === next && defaultMinutes(view, p) !== null) args.minutes = m;
    act(ui, 'phase.start', args);
  };
  /** @param {string} p */
  const item = (p) => {
    const i = phaseIndex(p);
    const cls = [
      'btn',
      p === next && i > current ? '' : 'secondary',
      i < current ? 'done-phase' : '',
    ];
    return h(
      'li',
      { key: p, 'data-phase': p },
      h(
        'button',
        {
          type: 'button',
          class: cls,
          'aria-current': i === current ? 'step' : null,
          disabled: i < current,
          on: { click: () => start(p) },
        },
        t(`start_phase_${p}`),
      ),
    );
  };
  return h(
    'nav',
    { 'aria-label': t('phases') },
    h(
      'ul',
      { class: 'phase-bar' },
      phases.slice(1).map(item),
      minutesFor !== null ? minutesField(ui, ui.state.minutes ?? minutesFor) : null,
    ),
  );
}

/** @param {HostUi} ui @param {number} minutes */
function minutesField(ui, minutes) {
  /** @param {Event} e */
  const change = (e) => {
    const v = parseInt(/** @type {HTMLInputElement} */ (e.target).value, 10);
    ui.state.minutes = v > 0 ? v : null;
  };
  return h(
    'li',
    { key: 'minutes', class: 'row' },
    h('label', { for: 'next-minutes' }, t('timer_minutes')),
    h('input', {
      id: 'next-minutes',
      class: 'minutes-input',
      type: 'number',
      min: 1,
      max: 180,
      value: String(minutes),
      on: { change },
    }),
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
