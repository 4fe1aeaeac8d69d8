"""A small, fast RFC 6902 JSON Patch applier that mutates the document in place.

The `jsonpatch` package deep-copies the document on every call, which costs a simulated
client far more than the server's work for a large view. Values in the operations come from
a freshly parsed frame, so they can be inserted without copying (`copy` still deep-copies).
"""

from __future__ import annotations

import copy
from typing import Any

from opera.pointer import PointerError, index, keys, resolve, walk


class PatchError(Exception):
    """An operation that cannot be applied to the document."""


def _add(doc: Any, tokens: list[str], value: Any) -> Any:
    if not tokens:
        return value
    parent = walk(doc, tokens[:-1])
    last = tokens[-1]
    if isinstance(parent, dict):
        parent[last] = value
    elif isinstance(parent, list):
        parent.insert(index(parent, last, end=True), value)
    else:
        raise PatchError("add into a scalar")
    return doc


def _remove(doc: Any, tokens: list[str]) -> tuple[Any, Any]:
    if not tokens:
        raise PatchError("cannot remove the root")
    parent = walk(doc, tokens[:-1])
    last = tokens[-1]
    if isinstance(parent, dict):
        if last not in parent:
            raise PatchError(f"remove of missing key {last!r}")
        return doc, parent.pop(last)
    if isinstance(parent, list):
        return doc, parent.pop(index(parent, last))
    raise PatchError("remove from a scalar")


def _replace(doc: Any, tokens: list[str], value: Any) -> Any:
    if not tokens:
        return value
    parent = walk(doc, tokens[:-1])
    last = tokens[-1]
    if isinstance(parent, dict):
        if last not in parent:
            raise PatchError(f"replace of missing key {last!r}")
        parent[last] = value
    elif isinstance(parent, list):
        parent[index(parent, last)] = value
    else:
        raise PatchError("replace in a scalar")
    return doc


def apply_ops(doc: Any, ops: list[dict[str, Any]]) -> Any:
    """Apply `ops` to `doc` in place and return the (possibly new) root."""
    try:
        for op in ops:
            doc = _apply(doc, op)
    except PointerError as err:  # a path that names nothing in the document
        raise PatchError(str(err)) from None
    return doc


def _apply(doc: Any, op: dict[str, Any]) -> Any:
    kind = op.get("op")
    path = op.get("path")
    if not isinstance(path, str):
        raise PatchError(f"operation without a path: {op!r}")
    if kind == "replace":
        return _replace(doc, keys(path), op["value"])
    if kind == "add":
        return _add(doc, keys(path), op["value"])
    if kind == "remove":
        return _remove(doc, keys(path))[0]
    if kind == "move":
        doc, value = _remove(doc, keys(op["from"]))
        return _add(doc, keys(path), value)
    if kind == "copy":
        return _add(doc, keys(path), copy.deepcopy(resolve(doc, op["from"])))
    if kind == "test":
        if resolve(doc, path) != op["value"]:
            raise PatchError(f"test failed at {path!r}")
        return doc
    raise PatchError(f"unknown operation {kind!r}")
