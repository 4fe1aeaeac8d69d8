"""RFC 6902 JSON Patch between two views.

Views keep arrays in creation order and never re-sort them, so an array changes by losing
some elements and gaining new ones at the end. Arrays of objects with an `id` are matched by
id: removals become `remove` ops, survivors are diffed in place, newcomers are appended. Any
other reordering falls back to one `replace` of the array, which is always correct.

Equal subtrees are skipped with Python's own `==`, which takes 1 for True and 1.0 for 1: the
views never hold a bool, an int and a float in the same place, so that cannot hide a change.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from opera.pointer import pointer

Op = dict[str, Any]

_FEW = 8  # a list change with more ops than half its length plus this is one replace


def diff(old: Any, new: Any, path: str = "") -> list[Op]:
    ops: list[Op] = []
    _diff(old, new, path, ops)
    return ops


def _diff(old: Any, new: Any, path: str, ops: list[Op]) -> None:
    # Deep equality runs in C and is far cheaper than walking equal subtrees in Python: most
    # of a view is unchanged between two pushes.
    if old is new or (type(old) is type(new) and old == new):
        return
    if isinstance(old, dict) and isinstance(new, dict):
        _diff_dict(old, new, path, ops)
    elif isinstance(old, list) and isinstance(new, list):
        _diff_list(old, new, path, ops)
    else:
        ops.append({"op": "replace", "path": path, "value": new})


def _diff_dict(old: dict[str, Any], new: dict[str, Any], path: str, ops: list[Op]) -> None:
    for key in old:
        if key not in new:
            ops.append({"op": "remove", "path": path + pointer(key)})
    for key, value in new.items():
        if key in old:
            before = old[key]
            if before is not value and (type(before) is not type(value) or before != value):
                _diff(before, value, path + pointer(key), ops)
        else:
            ops.append({"op": "add", "path": path + pointer(key), "value": value})


def _ids(items: list[Any]) -> list[str] | None:
    """The items' ids when every item is an object with a distinct string `id`."""
    ids = []
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            return None
        ids.append(item["id"])
    return ids if len(set(ids)) == len(ids) else None


def _in_place(old: list[Any], new: list[Any], path: str, start: int = 0) -> list[Op] | None:
    """Ops for two lists of the same length whose items are the same objects but for some
    changed in place (the same `id`): the host's list of 2,000 people after a push that
    rebuilt one group's ten (see ViewCache). None when they differ any other way. `start`:
    the lists are the items from there of longer ones."""
    ops: list[Op] = []
    for index, (before, after) in enumerate(zip(old, new, strict=True), start):
        if before is after:
            continue
        if not (isinstance(before, dict) and isinstance(after, dict)):
            return None
        item_id = before.get("id")
        if not isinstance(item_id, str) or after.get("id") != item_id:
            return None
        if before != after:
            _diff(before, after, f"{path}/{index}", ops)
    return ops


def _diff_list(old: list[Any], new: list[Any], path: str, ops: list[Op]) -> None:
    if len(old) == len(new):
        in_place = _in_place(old, new, path)
        if in_place is not None:
            ops.extend(_fewer(in_place, new, path))
            return
    old_ids, new_ids = _ids(old), _ids(new)
    if old_ids is None or new_ids is None:
        _diff_plain_list(old, new, path, ops)
        return
    kept = set(new_ids)
    survivors = [i for i, item_id in enumerate(old_ids) if item_id in kept]
    if [old_ids[i] for i in survivors] != new_ids[: len(survivors)]:
        ops.append({"op": "replace", "path": path, "value": new})
        return
    mine: list[Op] = []
    for index in range(len(old) - 1, -1, -1):
        if old_ids[index] not in kept:
            mine.append({"op": "remove", "path": f"{path}/{index}"})
    for position, index in enumerate(survivors):
        before, after = old[index], new[position]
        # the same object: a piece the views share with the last push (see ViewCache)
        if before is not after and before != after:
            _diff(before, after, f"{path}/{position}", mine)
    for item in new[len(survivors) :]:
        mine.append({"op": "add", "path": path + "/-", "value": item})
    ops.extend(_fewer(mine, new, path))


def _fewer(mine: list[Op], new: list[Any], path: str) -> list[Op]:
    if len(mine) > len(new) // 2 + _FEW:
        # A wholesale change (the board filling up, a reveal): one array is smaller to send
        # and far cheaper for a thousand phones to apply than thousands of operations.
        return [{"op": "replace", "path": path, "value": new}]
    return mine


def _diff_plain_list(old: list[Any], new: list[Any], path: str, ops: list[Op]) -> None:
    if len(old) <= len(new) and old == new[: len(old)]:
        for item in new[len(old) :]:
            ops.append({"op": "add", "path": path + "/-", "value": item})
    elif old != new:
        ops.append({"op": "replace", "path": path, "value": new})


class Pieces:
    """The ops of `diff(old, new)`, in the same order, computed in pieces: `steps`, run one
    at a time in order, each walk at most `size` items of a long list (a few milliseconds),
    then `ops` holds them all. The hub runs the steps of the host's diff between commands:
    2,000 people, 1,000 pairs and 2,000 ideas rebuilt by a burst's votes took 13 to 30 ms in
    one piece. Objects and lists nested deeper than `depth` are one step each."""

    def __init__(self, old: Any, new: Any, size: int = 256, depth: int = 2) -> None:
        self.ops: list[Op] = []
        self.steps: list[Callable[[], None]] = []
        self._size = size
        self._plan(old, new, "", depth)

    def _plan(self, old: Any, new: Any, path: str, depth: int) -> None:
        if old is new:
            return
        if depth and isinstance(old, dict) and isinstance(new, dict):
            for key in old:
                if key not in new:
                    self.steps.append(functools.partial(self._remove, path + pointer(key)))
            for key, value in new.items():
                if key in old:
                    self._plan(old[key], value, path + pointer(key), depth - 1)
                else:
                    self.steps.append(functools.partial(self._add, path + pointer(key), value))
        elif isinstance(old, list) and isinstance(new, list) and len(old) == len(new) > self._size:
            self._plan_list(old, new, path)
        else:
            self.steps.append(functools.partial(_diff, old, new, path, self.ops))

    def _remove(self, path: str) -> None:
        self.ops.append({"op": "remove", "path": path})

    def _add(self, path: str, value: Any) -> None:
        self.ops.append({"op": "add", "path": path, "value": value})

    def _plan_list(self, old: list[Any], new: list[Any], path: str) -> None:
        """`_diff_list` of two lists of the same length: the in-place ops a slice at a time,
        then as `_diff_list` would have them (or, when they are not in place, its own)."""
        mine: list[Op] = []
        failed: list[bool] = []

        def piece(start: int) -> None:
            if failed:
                return
            end = start + self._size
            ops = _in_place(old[start:end], new[start:end], path, start)
            if ops is None:
                failed.append(True)
            else:
                mine.extend(ops)

        def end() -> None:
            if failed:
                _diff_list(old, new, path, self.ops)
            else:
                self.ops.extend(_fewer(mine, new, path))

        for start in range(0, len(new), self._size):
            self.steps.append(functools.partial(piece, start))
        self.steps.append(end)
