"""RFC 6902 JSON Patch between two views.

Views keep arrays in creation order and never re-sort them, so an array changes by losing
some elements and gaining new ones at the end. Arrays of objects with an `id` are matched by
id: removals become `remove` ops, survivors are diffed in place, newcomers are appended. Any
other reordering falls back to one `replace` of the array, which is always correct.
"""

from __future__ import annotations

from typing import Any

Op = dict[str, Any]


def pointer(*parts: str | int) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def diff(old: Any, new: Any, path: str = "") -> list[Op]:
    ops: list[Op] = []
    _diff(old, new, path, ops)
    return ops


def _diff(old: Any, new: Any, path: str, ops: list[Op]) -> None:
    if old is new:
        return
    if isinstance(old, dict) and isinstance(new, dict):
        _diff_dict(old, new, path, ops)
    elif isinstance(old, list) and isinstance(new, list):
        _diff_list(old, new, path, ops)
    elif type(old) is not type(new) or old != new:
        ops.append({"op": "replace", "path": path, "value": new})


def _diff_dict(old: dict[str, Any], new: dict[str, Any], path: str, ops: list[Op]) -> None:
    for key in old:
        if key not in new:
            ops.append({"op": "remove", "path": path + pointer(key)})
    for key, value in new.items():
        if key in old:
            _diff(old[key], value, path + pointer(key), ops)
        else:
            ops.append({"op": "add", "path": path + pointer(key), "value": value})


def _ids(items: list[Any]) -> list[Any] | None:
    ids = []
    for item in items:
        if not isinstance(item, dict) or "id" not in item:
            return None
        ids.append(item["id"])
    return ids


def _diff_list(old: list[Any], new: list[Any], path: str, ops: list[Op]) -> None:
    old_ids, new_ids = _ids(old), _ids(new)
    if old_ids is None or new_ids is None:
        _diff_plain_list(old, new, path, ops)
        return
    kept = set(new_ids)
    survivors = [i for i, item_id in enumerate(old_ids) if item_id in kept]
    if [old_ids[i] for i in survivors] != new_ids[: len(survivors)]:
        ops.append({"op": "replace", "path": path, "value": new})
        return
    for index in range(len(old) - 1, -1, -1):
        if old_ids[index] not in kept:
            ops.append({"op": "remove", "path": f"{path}/{index}"})
    for position, index in enumerate(survivors):
        _diff(old[index], new[position], f"{path}/{position}", ops)
    for item in new[len(survivors) :]:
        ops.append({"op": "add", "path": path + "/-", "value": item})


def _diff_plain_list(old: list[Any], new: list[Any], path: str, ops: list[Op]) -> None:
    if len(old) <= len(new) and old == new[: len(old)]:
        for item in new[len(old) :]:
            ops.append({"op": "add", "path": path + "/-", "value": item})
    elif old != new:
        ops.append({"op": "replace", "path": path, "value": new})
