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
 */

/** @param {HostUi} ui */
export function setupDrag(ui) {
  /** @type {Grab | null} */
  let grab = null;
  /** @type {HTMLElement | null} */
  let ghost = null;
  /** @type {Element | null} */
  let over = null;

  const cleanup = () => {
    ghost?.remove();
    over?.classList.remove('drop-over');
    ghost = over = grab = null;
    if (ui.state.drag) {
      ui.state.drag = null;
      ui.render();
    }
  };
  /** @param {Grab} g */
  const lift = (g) => {
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
  };

  document.addEventListener('pointerdown', (e) => {
    const target = /** @type {Element} */ (e.target);
    const card = /** @type {HTMLElement | null} */ (target.closest('.arr-card'));
    if (!card || e.button !== 0) return;
    const onGrip = !!target.closest('[data-grip]');
    if (!onGrip && target.closest('button, input, select, textarea, a')) return;
    if (e.pointerType === 'touch' && !onGrip) return;
    const r = card.getBoundingClientRect();
    const id = card.getAttribute('data-idea') || '';
    grab = {
      x: e.clientX,
      y: e.clientY,
      id,
      card,
      dx: e.clientX - r.left,
      dy: e.clientY - r.top,
      w: r.width,
    };
    if (onGrip) e.preventDefault();
  });

  document.addEventListener('pointermove', (e) => {
    if (!grab) return;
    if (!ghost) {
      if (Math.hypot(e.clientX - grab.x, e.clientY - grab.y) < 6) return;
      ghost = lift(grab);
    }
    e.preventDefault();
    if (e.clientY < 60) window.scrollBy(0, -24);
    else if (e.clientY > window.innerHeight - 60) window.scrollBy(0, 24);
    ghost.style.left = `${e.clientX - grab.dx}px`;
    ghost.style.top = `${e.clientY - grab.dy}px`;
    const zone = zoneAt(e.clientX, e.clientY);
    if (zone === over) return;
    over?.classList.remove('drop-over');
    over = zone;
    over?.classList.add('drop-over');
  });

  document.addEventListener('pointerup', (e) => {
    if (!grab) return;
    const zone = ghost ? zoneAt(e.clientX, e.clientY) : null;
    const id = grab.id;
    const idea = (ui.view?.ideas || []).find((i) => i.id === id);
    if (zone && idea) {
      const target = zone.getAttribute('data-drop') || '';
      const at = target && target !== '__new' ? indexIn(zone, e.clientY, id) : undefined;
      moveIdea(ui, idea, target, at);
    }
    cleanup();
  });
  document.addEventListener('pointercancel', cleanup);
}
