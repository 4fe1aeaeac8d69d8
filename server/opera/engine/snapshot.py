"""A room as a JSON-safe dict and back: loading a snapshot and folding the rest of the log
gives the same room as folding the whole log. Caches are not kept (and dirty marks are
an `Outcome`'s, never the room's)."""

from __future__ import annotations

import copy
import re
from dataclasses import fields
from operator import attrgetter
from typing import Any, TypeVar

from .settings import copy_settings, validate_settings
from .state import Ballot, Cluster, Group, Idea, Notice, Pair, Participant, Phase, Room

# 2: breakout groups, the plenary, notices, latecomers; 3: `acked` as two lists per sender.
SNAPSHOT_VERSION = 3

_SCALARS = (
    "code",
    "title",
    "question",
    "host_key",
    "created_at",
    "seq",
    "last_at",
    "active",
    "own_writers",
    "shuffles",
    "grouped",
    "revealed",
    "ballots_voted",
    "plenary_voted",
    "plenary_current",
    "plenary_budget",
    "plenary_revealed",
    "plenary_voters",
    "votes_version",
)
_ADDED = ("reflect_seed",)  # scalars absent from older snapshots (their default stands)


R = TypeVar("R", Ballot, Cluster, Group, Idea, Notice, Pair, Participant, Phase)
Record = Ballot | Cluster | Group | Idea | Notice | Pair | Participant | Phase
_KINDS: tuple[type[Record], ...] = (Ballot, Cluster, Group, Idea, Notice, Pair, Participant, Phase)
_FIELDS = {kind: tuple(f.name for f in fields(kind)) for kind in _KINDS}
_GET = {kind: attrgetter(*names) for kind, names in _FIELDS.items()}  # every kind has >= 2
# The fields that hold a list or a dict (their annotation says so; the others hold scalars,
# which tests/engine/test_snapshot.py checks): only those are copied.
_CONTAINERS = {
    kind: tuple(f.name for f in fields(kind) if re.search(r"\b(list|dict)\[", str(f.type)))
    for kind in _KINDS
}


def _record(item: Record) -> dict[str, Any]:
    """A dataclass as a dict. Its fields hold scalars or flat lists and dicts of scalars, so
    copying its containers makes it independent of the live room (asdict's deep copy costs
    several times more, and snapshots of big rooms are taken on the event loop)."""
    kind = type(item)
    record = dict(zip(_FIELDS[kind], _GET[kind](item), strict=True))
    for name in _CONTAINERS[kind]:
        value = record[name]
        if value is not None:
            record[name] = value.copy()
    return record


def room_to_dict(room: Room) -> dict[str, Any]:
    data: dict[str, Any] = {"version": SNAPSHOT_VERSION}
    for name in _SCALARS + _ADDED:
        data[name] = getattr(room, name)
    data["settings"] = copy_settings(room.settings)
    data["phase"] = _record(room.phase)
    data["participants"] = [_record(p) for p in room.participants.values()]
    data["ideas"] = [_record(i) for i in room.ideas.values()]
    data["pairs"] = [_record(p) for p in room.pairs]
    data["pair_history"] = [list(two) for two in room.pair_history]
    data["unshuffle"] = copy.deepcopy(room.unshuffle)
    data["waiting"] = list(room.waiting)
    data["board"] = list(room.board)
    data["groups"] = [_record(g) for g in room.groups]
    data["plenary"] = list(room.plenary) if room.plenary is not None else None
    data["notice"] = _record(room.notice) if room.notice is not None else None
    data["ballots"] = [_record(b) for b in room.ballots.values()]
    data["plenary_ballots"] = [_record(b) for b in room.plenary_ballots.values()]
    data["clusters"] = [_record(c) for c in room.clusters.values()]
    data["record"] = list(room.record)  # entries are never changed once made
    data["breadth_frozen"] = {name: dict(sizes) for name, sizes in room.breadth_frozen.items()}
    # Two flat lists per sender, not [id, seq] pairs: 2,000 senders remember 256 ids each, and
    # half a million two-item lists cost most of a big room's snapshot to decode (7x more).
    data["acked"] = {
        sender: [list(record), list(record.values())] for sender, record in room.acked.items()
    }
    return data


def room_from_dict(data: dict[str, Any]) -> Room:
    if data.get("version") == 1:
        data = _from_version_1(data)
    if data.get("version") == 2:
        data = _from_version_2(data)
    if data.get("version") != SNAPSHOT_VERSION:
        raise ValueError(f"unknown snapshot version {data.get('version')!r}")
    room = Room(
        code=data["code"],
        title=data["title"],
        question=data["question"],
        settings=validate_settings(data["settings"]),  # fills settings added since
        host_key=data["host_key"],
        created_at=data["created_at"],
    )
    for name in _SCALARS:
        setattr(room, name, data[name])
    for name in _ADDED:
        if name in data:
            setattr(room, name, data[name])
    room.phase = Phase(**data["phase"])
    room.participants = {p["id"]: _fresh(Participant, p) for p in data["participants"]}
    room.keys = {p.key: p.id for p in room.participants.values() if not p.removed}
    room.ideas = {i["id"]: _fresh(Idea, i) for i in data["ideas"]}
    room.pairs = [_fresh(Pair, p) for p in data["pairs"]]
    room.pair_index = {pair.id: index for index, pair in enumerate(room.pairs)}
    room.pair_history = [list(two) for two in data["pair_history"]]
    room.unshuffle = copy.deepcopy(data.get("unshuffle"))  # absent in older snapshots
    room.waiting = list(data["waiting"])
    room.board = list(data["board"])
    room.groups = [_fresh(Group, g) for g in data["groups"]]
    room.group_index = {group.id: index for index, group in enumerate(room.groups)}
    room.plenary = list(data["plenary"]) if data["plenary"] is not None else None
    room.notice = Notice(**data["notice"]) if data["notice"] is not None else None
    room.ballots = {b["id"]: _fresh(Ballot, b) for b in data["ballots"]}
    room.plenary_ballots = {b["id"]: _fresh(Ballot, b) for b in data["plenary_ballots"]}
    room.clusters = {c["id"]: _fresh(Cluster, c) for c in data["clusters"]}
    room.record = [dict(entry) for entry in data.get("record", [])]  # absent before issue 14
    room.breadth_frozen = {k: dict(v) for k, v in data.get("breadth_frozen", {}).items()}
    room.acked = {
        sender: dict(zip(ids, seqs, strict=True)) for sender, (ids, seqs) in data["acked"].items()
    }
    return room


def _fresh(kind: type[R], record: dict[str, Any]) -> R:
    """The record as a dataclass with containers of its own, so the room never shares a list
    or dict with the snapshot (copying only the containers: a dict comprehension over every
    field was half of loading a 2,000-person room's snapshot)."""
    item = kind(**record)
    for name in _CONTAINERS[kind]:
        value = getattr(item, name)
        if value is not None:
            setattr(item, name, value.copy())
    return item


def _from_version_2(old: dict[str, Any]) -> dict[str, Any]:
    """`acked` was a list of [id, seq] pairs per sender."""
    acked = {
        sender: [[cmd_id for cmd_id, _ in record], [seq for _, seq in record]]
        for sender, record in old["acked"].items()
    }
    return dict(old, version=3, acked=acked)


def _from_version_1(old: dict[str, Any]) -> dict[str, Any]:
    """A snapshot from before groups (version 1): the session is its one group."""
    data = dict(old, version=2)
    seated = [p["id"] for p in old["participants"] if not p["removed"]]
    data["participants"] = [
        dict(p, group_id="g1" if not p["removed"] else None) for p in old["participants"]
    ]
    data["pairs"] = [dict(p, group_id="g1") for p in old["pairs"]]
    data["ideas"] = [dict(i, group_id="g1" if i["on_board"] else None) for i in old["ideas"]]
    data["ballots"] = [dict(b, group_id="g1", budget=old["budget"] or 0) for b in old["ballots"]]
    current = old["explain_current"]
    group = {
        "id": "g1",
        "label": "Group 1",
        "members": seated,
        "pairs": [p["id"] for p in old["pairs"]],
        "board": list(old["board"]),
        "explain_order": list(old["explain_order"]),
        "explain_current": current,
        "explain_seen": list(old["explain_seen"]),
        "explain_ends_at": old["phase"]["ends_at"] if current is not None else None,
        "budget": old["budget"],
    }
    data.update(groups=[group], grouped=False, waiting=[], plenary=None, notice=None)
    data.update(plenary_ballots=[], plenary_voted=False, plenary_current=None)
    data.update(plenary_budget=None, plenary_revealed=False, plenary_voters=0)
    return data
