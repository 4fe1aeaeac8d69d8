// @ts-check
// Drag and drop on the Arrange board with pointer events: a ghost follows the pointer, the
// zone under it lights up, the drop places the card there (or makes a new cluster of it).
// Touch drags only from the grip, so the board still scrolls under a finger.
import { act } from './state.js';

/** A new cluster is named after its first idea. @param {Idea} idea */
function clusterLabelFor(idea) {
  const text = idea.text.trim();
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/**
 * Put an idea in a cluster ('' = not placed, '__new' = a new cluster of its own).
 * @param {HostUi} ui
 * @param {Idea} idea
 * @param {string} target
 * @param {number} [index] its place in the cluster
 */
export function moveIdea(ui, idea, target, index) {
  if (target === '__new') {
    act(ui, 'cluster.create', { label: clusterLabelFor(idea), idea_ids: [idea.id] });
    return;
  }
  /** @type {{idea_id: string, cluster_id: string | null, index?: number}} */
  const args = { idea_id: idea.id, cluster_id: target || null };
  if (typeof index === 'number') args.index = index;
  act(ui, 'idea.place', args);
}

/** @param {number} x @param {number} y */
const zoneAt = (x, y) => document.elementFromPoint(x, y)?.closest('[data-drop]') || null;

/**
 * Where among a zone's cards (the dragged one left out) a drop at height y lands.
 * @param {Element} zone
 * @param {number} y
 * @param {string} id
 */
function indexIn(zone, y, id) {
  const cards = [...zone.querySelectorAll('[data-idea]')].filter(
    (c) => c.getAttribute('data-idea') !== id,
  );
  const i = cards.findIndex((c) => {
    const r = c.getBoundingClientRect();
    return y < r.top + r.height / 2;
  });
  return i < 0 ? cards.length : i;
}

/**
 * @typedef {{x: number, y: number, id: string, card: HTMLElement, dx: number, dy: number,
 *   w: number}} Grab where the pointer went down, on which card, and where in it
 * @typedef {{grab: Grab | null, ghost: HTMLElement | null, over: Element | null}} Drag
 */

/** A card follows the pointer: a copy of it, the card itself marked as being dragged. */
function lift(/** @type {HostUi} */ ui, /** @type {Grab} */ g) {
  const copy = /** @type {HTMLElement} */ (g.card.cloneNode(true));
  copy.classList.add('drag-ghost');
  copy.removeAttribute('data-flip');
  copy.removeAttribute('data-idea');
  copy.setAttribute('aria-hidden', 'true');
  copy.style.width = `${g.w}px`;
  document.body.appendChild(copy);
  ui.state.drag = { id: g.id };
  ui.state.menu = null;
  ui.render();
  return copy;
}

/** @param {Drag} d @param {PointerEvent} e */
function grabCard(d, e) {
  const target = /** @type {Element} */ (e.target);
  const card = /** @type {HTMLElement | null} */ (target.closest('.arr-card'));
  if (!card || e.button !== 0) return;
  const onGrip = !!target.closest('[data-grip]');
  if (!onGrip && target.closest('button, input, select, textarea, a')) return;
  if (e.pointerType === 'touch' && !onGrip) return;
  const r = card.getBoundingClientRect();
  const id = card.getAttribute('data-idea') || '';
  d.grab = {
    x: e.clientX,
    y: e.clientY,
    id,
    card,
    dx: e.clientX - r.left,
    dy: e.clientY - r.top,
    w: r.width,
  };
  if (onGrip) e.preventDefault();
}

/** @param {HostUi} ui @param {Drag} d @param {PointerEvent} e */
function follow(ui, d, e) {
  const grab = d.grab;
  if (!grab) return;
  if (!d.ghost) {
    if (Math.hypot(e.clientX - grab.x, e.clientY - grab.y) < 6) return; // a click, not a drag
    d.ghost = lift(ui, grab);
  }
  e.preventDefault();
  if (e.clientY < 60) window.scrollBy(0, -24);
  else if (e.clientY > window.innerHeight - 60) window.scrollBy(0, 24);
  d.ghost.style.left = `${e.clientX - grab.dx}px`;
  d.ghost.style.top = `${e.clientY - grab.dy}px`;
  const zone = zoneAt(e.clientX, e.clientY);
  if (zone === d.over) return;
  d.over?.classList.remove('drop-over');
  d.over = zone;
  d.over?.classList.add('drop-over');
}

/** @param {HostUi} ui @param {Drag} d @param {PointerEvent} e */
function drop(ui, d, e) {
  if (!d.grab) return;
  const zone = d.ghost ? zoneAt(e.clientX, e.clientY) : null;
  const id = d.grab.id;
  const idea = (ui.view?.ideas || []).find((i) => i.id === id);
  if (zone && idea) {
    const target = zone.getAttribute('data-drop') || '';
    const at = target && target !== '__new' ? indexIn(zone, e.clientY, id) : undefined;
    moveIdea(ui, idea, target, at);
  }
}

/** @param {HostUi} ui */
export function setupDrag(ui) {
  /** @type {Drag} */
  const d = { grab: null, ghost: null, over: null };
  const cleanup = () => {
    d.ghost?.remove();
    d.over?.classList.remove('drop-over');
    d.ghost = d.over = d.grab = null;
    if (ui.state.drag) {
      ui.state.drag = null;
      ui.render();
    }
  };
  document.addEventListener('pointerdown', (e) => grabCard(d, e));
  document.addEventListener('pointermove', (e) => follow(ui, d, e));
  document.addEventListener('pointerup', (e) => {
    drop(ui, d, e);
    cleanup();
  });
  document.addEventListener('pointercancel', cleanup);
}
