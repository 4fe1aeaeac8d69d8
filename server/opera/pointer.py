"""JSON Pointers (RFC 6901): the paths of patch operations and of a participant's overlay.

One place escapes a key (`~` as `~0`, `/` as `~1`), splits a pointer back into its keys and
finds what a pointer names: the hub's diff writes pointers, the views and the hub put a
participant's private values at them, and the bench's patch applier reads them.
"""

from __future__ import annotations

from typing import Any


class PointerError(LookupError):
    """A pointer that is malformed or names nothing in the document."""


def pointer(*keys: str | int) -> str:
    """The pointer to `keys` below the root (`pointer()` is the root, "")."""
    return "".join("/" + str(k).replace("~", "~0").replace("/", "~1") for k in keys)


def keys(path: str) -> list[str]:
    """The keys `path` names, unescaped: `keys("/a~1b/0")` is `["a/b", "0"]`."""
    if path == "":
        return []
    if path[0] != "/":
        raise PointerError(f"bad pointer {path!r}")
    parts = path[1:].split("/")
    if "~" in path:  # rare: most keys need no unescaping, and the split is hot
        parts = [p.replace("~1", "/").replace("~0", "~") for p in parts]
    return parts


def index(items: list[Any], key: str, *, end: bool = False) -> int:
    """The array index `key` names in `items`; with `end`, also one past the last (`-` or
    the length), where an `add` appends."""
    if end and key == "-":
        return len(items)
    if not key.isdigit() or (len(key) > 1 and key[0] == "0"):
        raise PointerError(f"bad array index {key!r}")
    at = int(key)
    if at >= len(items) + (1 if end else 0):
        raise PointerError(f"array index {at} out of range")
    return at


def walk(doc: Any, path: list[str]) -> Any:
    """The value at the keys `path` (from `keys`)."""
    node = doc
    for key in path:
        if isinstance(node, dict):
            if key not in node:
                raise PointerError(f"missing key {key!r}")
            node = node[key]
        elif isinstance(node, list):
            node = node[index(node, key)]
        else:
            raise PointerError(f"cannot descend into {type(node).__name__}")
    return node


def resolve(doc: Any, path: str) -> Any:
    """The value `path` names in `doc`."""
    return walk(doc, keys(path))


def assigned(doc: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A copy of `doc` with `value` at `path` (an existing place, or a new member of an
    object), copying only the containers on the way: everything else is shared with `doc`,
    so the hub encodes the shared parts once for everyone on a base."""
    path_keys = keys(path)
    if not path_keys:
        raise PointerError("cannot assign the root")
    root = dict(doc)
    node: Any = root
    for key in path_keys[:-1]:
        node = _copied(node, key)
    last = path_keys[-1]
    if isinstance(node, list):
        node[index(node, last)] = value
    else:
        node[last] = value
    return root


def _copied(node: dict[str, Any] | list[Any], key: str) -> Any:
    """The container at `key` in `node`, replaced there by a shallow copy of itself."""
    child = walk(node, [key])
    if isinstance(child, list):
        copy: Any = list(child)
    elif isinstance(child, dict):
        copy = dict(child)
    else:
        raise PointerError(f"cannot descend into {type(child).__name__}")
    if isinstance(node, list):
        node[int(key)] = copy
    else:
        node[key] = copy
    return copy
