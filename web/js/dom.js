// @ts-check
// Tiny DOM helpers: build elements with text nodes only (never HTML strings),
// morph an existing tree into a freshly built one (keeps focus, typed text and
// element identity). Moved cards are animated by ui/flip.js (the console and the board).

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * An element as h() builds it and morph() keeps it: its handlers (`_on`, which the listeners
 * that `_types` names call), and the value and checked state h() was given (`value` and
 * `checked` themselves exist on form controls only).
 * @typedef {HTMLElement & {
 *   _on?: Handlers, _types?: Set<string>, _value?: string, _checked?: boolean,
 *   value?: string, checked?: boolean
 * }} Live
 */

/**
 * The element createElement(tag) makes: HTMLInputElement for 'input', and so on.
 * @template {string} K
 * @typedef {K extends keyof HTMLElementTagNameMap ? HTMLElementTagNameMap[K] : HTMLElement} Tagged
 */

/** @param {Live} el @param {string} type */
function listen(el, type) {
  el.addEventListener(type, (event) => {
    const fn = el._on && el._on[type];
    if (fn) fn(event);
  });
  (el._types || (el._types = new Set())).add(type);
}

/**
 * h('button', {class: 'x', on: {click}}, 'text', child, [children])
 * @template {string} K
 * @param {K} tag
 * @param {Attrs | null} attrs
 * @param {...Child} children
 * @returns {Tagged<K>}
 */
export function h(tag, attrs, ...children) {
  const el = /** @type {Live} */ (document.createElement(tag));
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v == null || v === false) continue;
      if (k === 'on') {
        el._on = /** @type {Handlers} */ (v);
        for (const type of Object.keys(v)) listen(el, type);
      } else if (k === 'class') {
        const cls = Array.isArray(v) ? v.filter(Boolean).join(' ') : v;
        if (cls) el.setAttribute('class', String(cls));
      } else if (k === 'key') {
        el.dataset.key = String(v);
      } else if (k === 'value') {
        el._value = String(v);
        el.value = String(v);
      } else if (k === 'checked') {
        el._checked = true;
        el.checked = true;
      } else if (k === 'style' && typeof v === 'object') {
        for (const [sk, sv] of Object.entries(v)) el.style.setProperty(sk, String(sv));
      } else {
        el.setAttribute(k, v === true ? '' : String(v));
      }
    }
    if ('checked' in attrs && !attrs.checked) el._checked = false;
  }
  append(el, children);
  return /** @type {Tagged<K>} */ (/** @type {unknown} */ (el));
}

/** @param {Node} el @param {Child[]} children */
function append(el, children) {
  for (const c of children) {
    if (c == null || c === false || c === true) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

/**
 * An inline SVG icon from one or more path strings (decorative).
 * @param {string | string[]} paths
 * @param {string} [cls]
 */
export function icon(paths, cls = 'icon') {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', cls);
  for (const d of /** @type {string[]} */ ([]).concat(paths)) {
    const p = document.createElementNS(SVG_NS, 'path');
    p.setAttribute('d', d);
    svg.appendChild(p);
  }
  return svg;
}

export const ICONS = {
  check: 'M4 12.5l5 5L20 6.5',
  up: 'M12 5l-7 7M12 5l7 7M12 5v14',
  down: 'M12 19l-7-7M12 19l7-7M12 19V5',
  trash: ['M5 7h14', 'M9 7V4h6v3', 'M7 7l1 13h8l1-13'],
  edit: ['M4 20h4L19 9l-4-4L4 16z', 'M13.5 6.5l4 4'],
  grip: ['M9 5h.01', 'M15 5h.01', 'M9 12h.01', 'M15 12h.01', 'M9 19h.01', 'M15 19h.01'],
  plus: 'M12 5v14M5 12h14',
  wifiOff: ['M2 2l20 20', 'M8.5 16.5a5 5 0 0 1 7 0', 'M5 12.5a10 10 0 0 1 5-2.8', 'M12 20h.01'],
  eyeOff: [
    'M3 3l18 18',
    'M10.6 5.1A10 10 0 0 1 22 12a17 17 0 0 1-3 3.6',
    'M6.6 6.6A17 17 0 0 0 2 12s3.5 7 10 7a9.7 9.7 0 0 0 5.4-1.6',
  ],
};

/** @param {Node} n */
const key = (n) => (n.nodeType === 1 ? /** @type {Element} */ (n).getAttribute('data-key') : null);

/** @param {Node} a @param {Node} b */
function sameKind(a, b) {
  return a.nodeType === b.nodeType && a.nodeName === b.nodeName && key(a) === key(b);
}

/**
 * Make `node` look like `fresh` (a freshly built tree), reusing nodes.
 * @param {ChildNode} node
 * @param {Node} fresh
 * @returns {Node}
 */
export function morph(node, fresh) {
  if (!sameKind(node, fresh)) {
    node.replaceWith(fresh);
    return fresh;
  }
  if (node.nodeType === 3 || node.nodeType === 8) {
    const text = /** @type {CharacterData} */ (node);
    const data = /** @type {CharacterData} */ (fresh).data;
    if (text.data !== data) text.data = data;
    return node;
  }
  // same kind, neither text nor comment: both are elements
  const target = /** @type {Live} */ (node);
  const source = /** @type {Live} */ (fresh);
  if (target.namespaceURI === SVG_NS) {
    if (!target.isEqualNode(source)) {
      target.replaceWith(source);
      return source;
    }
    return target;
  }
  syncAttributes(target, source);
  // handlers: the old node keeps its listeners, which call the newest handlers
  target._on = source._on;
  if (source._on) {
    for (const type of Object.keys(source._on)) {
      if (!target._types || !target._types.has(type)) listen(target, type);
    }
  }
  const tag = target.nodeName;
  if (tag !== 'TEXTAREA') morphChildren(target, source);
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') {
    if (source._value !== undefined) {
      const typing = target === document.activeElement && tag !== 'SELECT';
      if (!typing && !target.hasAttribute('data-keep') && target.value !== source._value) {
        target.value = source._value;
      }
      target._value = source._value;
    }
    if (source._checked !== undefined) target.checked = source._checked;
  }
  return target;
}

/** @param {HTMLElement} target @param {HTMLElement} source */
function syncAttributes(target, source) {
  const keep = (target.getAttribute('data-preserve') || '').split(' ');
  for (const { name } of [...target.attributes]) {
    if (!source.hasAttribute(name) && !keep.includes(name)) target.removeAttribute(name);
  }
  for (const { name, value } of [...source.attributes]) {
    if (keep.includes(name) && target.hasAttribute(name) !== source.hasAttribute(name)) continue;
    if (target.getAttribute(name) === value) continue;
    // CSP allows styles set through the CSSOM, not through a style attribute
    if (name === 'style') target.style.cssText = source.style.cssText;
    else target.setAttribute(name, value);
  }
}

/** @param {Node} target @param {Node} source */
function morphChildren(target, source) {
  const fresh = [...source.childNodes];
  /** @type {Map<string, ChildNode>} */
  const keyed = new Map();
  for (const n of target.childNodes) {
    const k = key(n);
    if (k !== null) keyed.set(k, n);
  }
  let i = 0;
  for (const nn of fresh) {
    const k = key(nn);
    const ref = target.childNodes[i] || null;
    let match = null;
    if (k !== null) {
      match = keyed.get(k) || null;
      if (match) keyed.delete(k);
    } else if (ref && key(ref) === null && sameKind(ref, nn)) {
      match = ref;
    }
    if (match) {
      if (match !== ref) target.insertBefore(match, ref);
      morph(match, nn);
    } else {
      target.insertBefore(nn, ref);
    }
    i++;
  }
  while (target.childNodes.length > i)
    target.removeChild(/** @type {ChildNode} */ (target.lastChild));
}

/**
 * Render `tree` (a freshly built one) into `root`, keeping focus where it was.
 * @param {Element} root
 * @param {Node} tree
 */
export function patchInto(root, tree) {
  const active = /** @type {HTMLElement | null} */ (document.activeElement);
  const moving = active?.getAttribute?.('data-move');
  // how to find the focused control again if its node is replaced (e.g. a card that moved)
  const again =
    active && active.id
      ? `#${CSS.escape(active.id)}`
      : moving
        ? `[data-move="${CSS.escape(moving)}"]`
        : null;
  if (root.firstChild && root.childNodes.length === 1) morph(root.firstChild, tree);
  else {
    root.textContent = '';
    root.appendChild(tree);
  }
  if (!active || active === document.body || document.activeElement === active) return;
  if (active.isConnected) active.focus({ preventScroll: true });
  else if (again) {
    const found = /** @type {HTMLElement | null} */ (root.querySelector(again));
    if (found) found.focus({ preventScroll: true });
  }
}

/**
 * Focus what `selector` finds once the coming redraw is done (it may not exist before).
 * @param {string} selector
 */
export const focusSoon = (selector) =>
  setTimeout(
    () => /** @type {HTMLElement | null} */ (document.querySelector(selector))?.focus(),
    0,
  );

/**
 * Coalesce many render requests into one, soon.
 * @param {() => void} fn
 * @returns {() => void}
 */
export function scheduler(fn) {
  let queued = false;
  return () => {
    if (queued) return;
    queued = true;
    setTimeout(() => {
      queued = false;
      fn();
    }, 0);
  };
}

/** Random id for commands; works outside secure contexts too (plain http on a LAN). */
export function newId() {
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  return 'c' + Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

export function roomCodeFromPath() {
  const parts = location.pathname.split('/').filter(Boolean);
  return decodeURIComponent(parts[1] || '');
}
