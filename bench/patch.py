"""A small, fast RFC 6902 JSON Patch applier that mutates the document in place.

The `jsonpatch` package deep-copies the document on every call, which costs a simulated
client far more than the server's work for a large view. Values in the operations come from
a freshly parsed frame, so they can be inserted without copying (`copy` still deep-copies).
"""

from __future__ import annotations

import copy
from typing import Any


class PatchError(Exception):
    """An operation that cannot be applied to the document."""


def _tokens(pointer: str) -> list[str]:
    if pointer == "":
        return []
    if pointer[0] != "/":
        raise PatchError(f"bad pointer {pointer!r}")
    parts = pointer[1:].split("/")
    if "~" in pointer:
        parts = [p.replace("~1", "/").replace("~0", "~") for p in parts]
    return parts


def _index(container: list[Any], token: str, *, for_add: bool) -> int:
    if for_add and token == "-":
        return len(container)
    if not token.isdigit() or (len(token) > 1 and token[0] == "0"):
        raise PatchError(f"bad array index {token!r}")
    i = int(token)
    limit = len(container) if for_add else len(container) - 1
    if i > limit:
        raise PatchError(f"array index {i} out of range")
    return i


def _walk(doc: Any, tokens: list[str]) -> Any:
    node = doc
    for token in tokens:
        if isinstance(node, dict):
            if token not in node:
                raise PatchError(f"missing key {token!r}")
            node = node[token]
        elif isinstance(node, list):
            node = node[_index(node, token, for_add=False)]
        else:
            raise PatchError(f"cannot descend into {type(node).__name__}")
    return node


def _get(doc: Any, pointer: str) -> Any:
    return _walk(doc, _tokens(pointer))


def _add(doc: Any, tokens: list[str], value: Any) -> Any:
    if not tokens:
        return value
    parent = _walk(doc, tokens[:-1])
    last = tokens[-1]
    if isinstance(parent, dict):
        parent[last] = value
    elif isinstance(parent, list):
        parent.insert(_index(parent, last, for_add=True), value)
    else:
        raise PatchError("add into a scalar")
    return doc


def _remove(doc: Any, tokens: list[str]) -> tuple[Any, Any]:
    if not tokens:
        raise PatchError("cannot remove the root")
    parent = _walk(doc, tokens[:-1])
    last = tokens[-1]
    if isinstance(parent, dict):
        if last not in parent:
            raise PatchError(f"remove of missing key {last!r}")
        return doc, parent.pop(last)
    if isinstance(parent, list):
        return doc, parent.pop(_index(parent, last, for_add=False))
    raise PatchError("remove from a scalar")


def _replace(doc: Any, tokens: list[str], value: Any) -> Any:
    if not tokens:
        return value
    parent = _walk(doc, tokens[:-1])
    last = tokens[-1]
    if isinstance(parent, dict):
        if last not in parent:
            raise PatchError(f"replace of missing key {last!r}")
        parent[last] = value
    elif isinstance(parent, list):
        parent[_index(parent, last, for_add=False)] = value
    else:
        raise PatchError("replace in a scalar")
    return doc


def apply_ops(doc: Any, ops: list[dict[str, Any]]) -> Any:
    """Apply `ops` to `doc` in place and return the (possibly new) root."""
    for op in ops:
        kind = op.get("op")
        path = op.get("path")
        if not isinstance(path, str):
            raise PatchError(f"operation without a path: {op!r}")
        if kind == "replace":
            doc = _replace(doc, _tokens(path), op["value"])
        elif kind == "add":
            doc = _add(doc, _tokens(path), op["value"])
        elif kind == "remove":
            doc, _ = _remove(doc, _tokens(path))
        elif kind == "move":
            doc, value = _remove(doc, _tokens(op["from"]))
            doc = _add(doc, _tokens(path), value)
        elif kind == "copy":
            doc = _add(doc, _tokens(path), copy.deepcopy(_get(doc, op["from"])))
        elif kind == "test":
            if _get(doc, path) != op["value"]:
                raise PatchError(f"test failed at {path!r}")
        else:
            raise PatchError(f"unknown operation {kind!r}")
    return doc
