// @ts-check
// Projector board /b/{code}: readable from the back of the hall. Shows only what a
// projector may show (the board role's view).
import { h } from './dom.js';
import { t } from './i18n.js';
import { flip } from './ui/flip.js';
import { startPage } from './page.js';
import { makePager } from './pager.js';
import { pairMark } from './ui/colour.js';
import { boardIdeas, hasGroups, joinUrl, phaseIndex, qrSrc, revealed } from './view.js';
import { boardNotice, groupProgress, plenaryBoard } from './breakout.js';
import { clusterBoard } from './ui/columns.js';
import { questionBlock } from './ui/question.js';
import { recordButton } from './ui/record.js';
import { rankedList } from './ui/ranked.js';
import { phasePill, statusBanner } from './ui/status.js';
import { applyTheme } from './ui/theme.js';
import { shortUrl, side } from './sidebar.js';

/**
 * Dots (or one bar, for a big room) of how many are done.
 * @param {number} done
 * @param {number} of
 * @param {string} label
 */
function dots(done, of, label) {
  const n = Math.max(0, of || 0);
  const filled = Math.min(done || 0, n);
  const visual =
    n <= 120
      ? h(
          'ul',
          { class: 'dots', 'aria-hidden': 'true' },
          Array.from({ length: n }, (_, i) =>
            h('li', { class: ['dot', i < filled ? 'on' : ''], key: `d${i}` }),
          ),
        )
      : h(
          'div',
          { class: 'progress-bar', 'aria-hidden': 'true' },
          h('div', { style: { width: `${n ? (100 * filled) / n : 0}%` } }),
        );
  return h(
    'section',
    { class: 'progress', key: 'progress' },
    visual,
    h('p', { class: 'big-count', role: 'status' }, label),
  );
}

/** @param {View} view @param {BoardUi} ui */
function lobby(view, ui) {
  return h(
    'section',
    { class: 'lobby lobby-grid', key: 'lobby' },
    h(
      'div',
      null,
      h('p', { class: 'hint' }, t('join_at')),
      h('p', { class: 'lobby-link' }, h('a', { href: joinUrl(ui.code) }, shortUrl(ui.code))),
      h('p', { class: 'hint' }, t('room_code')),
      h('p', { class: 'lobby-code' }, ui.code),
      h(
        'p',
        { class: 'big-count', role: 'status' },
        t('people_joined', { n: view.participants.total }),
      ),
    ),
    h('img', {
      class: 'qr qr-big',
      src: qrSrc(ui.code),
      alt: t('qr_alt'),
      width: 480,
      height: 480,
    }),
  );
}

/** @type {Record<string, string>} */
const PROGRESS = {
  own: 'have_written',
  pair: 'pairs_confirmed',
  explain: 'pairs_spoken',
  rank: 'have_voted',
  arrange: 'ideas_placed',
  reflect: 'have_reflected',
  done: 'ideas_placed',
};

/** @param {View} view */
function progressLine(view) {
  const p = view.progress || { done: 0, of: 0 };
  const label = t(PROGRESS[view.phase.name] || 'people_online', p);
  const finished =
    view.phase.name === 'own' ? ` · ${t('own_finished', { n: p.finished ?? 0 })}` : '';
  return dots(p.done, p.of, label + finished);
}

/**
 * An idea's card; a pageable one (the default) may show on a later page when the board is full.
 * @param {Idea} idea
 */
const ideaCard = (idea, cls = '', pageable = true) =>
  h(
    'li',
    {
      class: ['card', cls],
      key: idea.id,
      'data-flip': idea.id,
      [pageable ? 'data-page-item' : 'data-page-last']: idea.id,
    },
    h('p', { class: 'card-text' }, idea.text),
  );
/** @param {Idea} idea */
const smallCard = (idea) => ideaCard(idea, 'small');
/** @param {Idea} idea */
const fixedCard = (idea) => ideaCard(idea, '', false);

/** The pair speaking now, big; the others small beside it. @param {View} view */
function explain(view) {
  const ideas = boardIdeas(view);
  if (!ideas.length) return h('p', { class: 'big-count', key: 'none' }, t('no_ideas_yet'));
  const given = view.explain?.order || [];
  const order = given.length ? given : [...new Set(ideas.map((i) => i.pair_id))];
  const current = view.explain?.current;
  const labelOf = (/** @type {string} */ pid) =>
    (view.pairs || []).find((p) => p.id === pid)?.label || '';
  // the pair speaking stays whole on every page; the others may turn pages
  /** @param {string} pid @param {boolean} small */
  const group = (pid, small) =>
    h(
      'div',
      {
        class: ['pair-group', pid === current ? 'current' : ''],
        key: pid,
        'data-page-group': small ? '' : null,
      },
      h('h2', { class: 'pair-head' }, pairMark(pid), labelOf(pid)),
      h(
        'ul',
        { class: 'cards' },
        ideas.filter((i) => i.pair_id === pid).map(small ? smallCard : fixedCard),
      ),
    );
  if (!current) {
    return h(
      'section',
      { class: 'spotlight', key: 'explain-all' },
      h(
        'div',
        { class: 'columns' },
        order.map((pid) => group(pid, true)),
      ),
    );
  }
  const others = order.filter((pid) => pid !== current);
  return h(
    'section',
    { class: ['spotlight', 'spotlight-grid', others.length ? '' : 'alone'], key: 'explain' },
    h('div', { class: 'current-pair' }, group(current, false)),
    others.length
      ? h(
          'div',
          { class: 'others', 'aria-label': t('up_next') },
          others.map((pid) => group(pid, true)),
        )
      : null,
  );
}

/** @param {View} view */
const ranked = (view) => rankedList(view, { bars: true });

/** @param {View} view */
const arrange = (view) =>
  h(
    'section',
    { key: 'arrange', class: 'arrange' },
    ...clusterBoard(view, {
      card: (i) => ideaCard(i),
      loose: smallCard,
      tag: 'h2',
      wrap: 'columns',
    }),
  );

/** @type {Record<string, (view: View, ui: BoardUi) => Node>} */
const MAIN = {
  lobby,
  own: progressLine,
  pair: progressLine,
  explain,
  rank: (view) => (revealed(view) ? ranked(view) : progressLine(view)),
  plenary: plenaryBoard,
  arrange,
  reflect: progressLine,
  done: (view) =>
    !revealed(view)
      ? arrange(view)
      : h(
          'section',
          { key: 'done', class: 'stack' },
          (view.clusters || []).length ? arrange(view) : ranked(view),
        ),
};

/**
 * The phase's main part; with groups, Own to Rank is every group's progress.
 * @param {View} view
 * @param {BoardUi} ui
 */
function mainPart(view, ui) {
  const i = phaseIndex(view.phase.name);
  if (hasGroups(view) && i >= phaseIndex('own') && i <= phaseIndex('rank')) {
    return groupProgress(view);
  }
  return (MAIN[view.phase.name] || lobby)(view, ui);
}

/** @param {View | null} view @param {BoardUi} ui */
function draw(view, ui) {
  if (ui.fatal) {
    return h(
      'main',
      { class: 'fatal', key: 'fatal' },
      h(
        'h1',
        null,
        ui.fatal === 'unknown_room' ? t('unknown_room', { code: ui.code }) : t('bad_request_close'),
      ),
      h('a', { class: 'btn', href: '/' }, t('go_start')),
    );
  }
  if (!view) return h('main', { class: 'fatal', key: 'wait' }, h('p', null, t('connecting')));
  const phase = view.phase.name;
  document.title = `${view.session.title || t('app_name')} · ${t('phase_' + phase)}`;
  return h(
    'div',
    { class: 'board-wrap', key: 'wrap' },
    statusBanner(ui.status, false),
    h(
      'header',
      { class: 'board-top', key: 'top' },
      h(
        'div',
        { class: 'row' },
        phasePill(phase),
        h('span', { class: 'hint' }, t(`phase_hint_${phase}`)),
        recordButton(() => ui.view),
      ),
      questionBlock(view.session.question, true, null, 'h1'),
    ),
    h('main', { class: 'board-main', key: 'main' }, boardNotice(view), mainPart(view, ui)),
    side(view, ui),
  );
}

/** "Page 2 of 3" under the timer, only when the board has pages. */
const pager = makePager((page, pages) => {
  const el = document.getElementById('board-page');
  if (el) el.textContent = pages > 1 ? t('page_of', { page: page + 1, pages }) : '';
});
const boardMain = () => /** @type {HTMLElement | null} */ (document.querySelector('.board-main'));

applyTheme('dark');
startPage({
  role: 'board',
  state: {},
  draw,
  flip: (root, change) =>
    flip(root, () => {
      change();
      pager.fit(boardMain());
    }),
});
addEventListener('resize', () => pager.fit(boardMain()));
// whoever stands at the projector's laptop can turn the pages (they also turn on their own)
addEventListener('keydown', (e) => {
  if (e.altKey || e.ctrlKey || e.metaKey) return;
  if (e.key === 'ArrowRight' || e.key === 'PageDown') pager.turn(1);
  else if (e.key === 'ArrowLeft' || e.key === 'PageUp') pager.turn(-1);
});
