// @ts-check
// RFC 6902 JSON Patch (add, remove, replace, move, copy, test) with RFC 6901 pointers.
// applyPatch mutates and returns the document; it throws PatchError when an op cannot apply
// (the caller then asks the server for a fresh state).

export class PatchError extends Error {}

// The documents and values are JSON of any shape (the view, or a part of it): `any` on purpose.

/**
 * @param {unknown} pointer
 * @returns {string[]}
 */
export function parsePointer(pointer) {
  if (pointer === '') return [];
  if (typeof pointer !== 'string' || pointer[0] !== '/')
    throw new PatchError(`bad pointer ${pointer}`);
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** @param {unknown} v @returns {v is Record<string, any>} an object or an array */
const isObj = (v) => v !== null && typeof v === 'object';
/** @param {any} v @returns {any} */
const copy = (v) => (isObj(v) ? JSON.parse(JSON.stringify(v)) : v);

/** @param {any[]} arr @param {string} token @param {boolean} forAdd */
function arrayIndex(arr, token, forAdd) {
  if (forAdd && token === '-') return arr.length;
  if (!/^(0|[1-9][0-9]*)$/.test(token)) throw new PatchError(`bad array index ${token}`);
  const i = Number(token);
  if (i > arr.length || (!forAdd && i === arr.length))
    throw new PatchError(`index ${i} out of range`);
  return i;
}

/** @param {any} doc @param {string[]} path @returns {Record<string, any>} */
function parentOf(doc, path) {
  let node = doc;
  for (let n = 0; n < path.length - 1; n++) {
    const t = path[n];
    if (Array.isArray(node)) node = node[arrayIndex(node, t, false)];
    else if (isObj(node) && Object.prototype.hasOwnProperty.call(node, t)) node = node[t];
    else throw new PatchError(`path not found at ${t}`);
  }
  if (!isObj(node)) throw new PatchError('parent is not a container');
  return node;
}

/** @param {any} doc @param {string[]} path @returns {any} */
export function getAt(doc, path) {
  let node = doc;
  for (const t of path) {
    if (Array.isArray(node)) node = node[arrayIndex(node, t, false)];
    else if (isObj(node) && Object.prototype.hasOwnProperty.call(node, t)) node = node[t];
    else throw new PatchError(`path not found at ${t}`);
  }
  return node;
}

/** @param {any} doc @param {string[]} path @param {any} value @returns {any} */
function add(doc, path, value) {
  if (!path.length) return value;
  const parent = parentOf(doc, path);
  const last = path[path.length - 1];
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, last, true), 0, value);
  else parent[last] = value;
  return doc;
}

/** @param {any} doc @param {string[]} path @returns {any} the value removed */
function remove(doc, path) {
  if (!path.length) throw new PatchError('cannot remove the root');
  const parent = parentOf(doc, path);
  const last = path[path.length - 1];
  if (Array.isArray(parent)) return parent.splice(arrayIndex(parent, last, false), 1)[0];
  if (!Object.prototype.hasOwnProperty.call(parent, last))
    throw new PatchError(`no member ${last}`);
  const old = parent[last];
  delete parent[last];
  return old;
}

/** @param {unknown} a @param {unknown} b @returns {boolean} */
function equal(a, b) {
  if (a === b) return true;
  if (!isObj(a) || !isObj(b) || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && equal(a[k], b[k]));
}

/** @param {any} doc @param {PatchOp} op @returns {any} */
export function applyOp(doc, op) {
  if (!isObj(op)) throw new PatchError('op is not an object');
  const path = parsePointer(op.path);
  switch (op.op) {
    case 'add':
      if (!('value' in op)) throw new PatchError('add without value');
      return add(doc, path, copy(op.value));
    case 'remove':
      remove(doc, path);
      return doc;
    case 'replace': {
      if (!('value' in op)) throw new PatchError('replace without value');
      if (!path.length) return copy(op.value);
      getAt(doc, path); // must exist
      const parent = parentOf(doc, path);
      const last = path[path.length - 1];
      if (Array.isArray(parent)) parent[arrayIndex(parent, last, false)] = copy(op.value);
      else parent[last] = copy(op.value);
      return doc;
    }
    case 'move': {
      const from = parsePointer(op.from);
      if (op.path === op.from) {
        getAt(doc, from);
        return doc;
      }
      if (op.path.startsWith(op.from + '/')) throw new PatchError('cannot move into own child');
      const value = getAt(doc, from);
      remove(doc, from);
      return add(doc, path, value);
    }
    case 'copy':
      return add(doc, path, copy(getAt(doc, parsePointer(op.from))));
    case 'test':
      if (!equal(getAt(doc, path), op.value)) throw new PatchError(`test failed at ${op.path}`);
      return doc;
    default:
      throw new PatchError(`unknown op ${op.op}`);
  }
}

/**
 * `doc` with `ops` applied; typed as it came (the server's patches keep a view a view).
 * @template T
 * @param {T} doc
 * @param {PatchOp[]} ops
 * @returns {T}
 */
export function applyPatch(doc, ops) {
  if (!Array.isArray(ops)) throw new PatchError('ops is not a list');
  for (const op of ops) doc = applyOp(doc, op);
  return doc;
}
