"""A room as a JSON-safe dict and back: loading a snapshot and folding the rest of the log
gives the same room as folding the whole log. Dirty marks and caches are not kept: a
loaded room has `touched_all` set."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from .settings import validate_settings
from .state import Ballot, Cluster, Idea, Pair, Participant, Phase, Room

SNAPSHOT_VERSION = 1

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
    "explain_current",
    "budget",
    "revealed",
    "ballots_voted",
    "votes_version",
)


_FIELDS = {
    kind: tuple(f.name for f in fields(kind))
    for kind in (Ballot, Cluster, Idea, Pair, Participant, Phase)
}


def _record(item: Ballot | Cluster | Idea | Pair | Participant | Phase) -> dict[str, Any]:
    """A dataclass as a dict. Its fields hold scalars or flat lists and dicts of scalars, so
    one level of copying makes it independent of the live room (asdict's deep copy costs
    several times more, and snapshots of big rooms are taken on the event loop)."""
    record: dict[str, Any] = {}
    for name in _FIELDS[type(item)]:
        value = getattr(item, name)
        if isinstance(value, list):
            value = list(value)
        elif isinstance(value, dict):
            value = dict(value)
        record[name] = value
    return record


def room_to_dict(room: Room) -> dict[str, Any]:
    data: dict[str, Any] = {"version": SNAPSHOT_VERSION}
    for name in _SCALARS:
        data[name] = getattr(room, name)
    data["settings"] = _plain(room.settings)
    data["phase"] = _record(room.phase)
    data["participants"] = [_record(p) for p in room.participants.values()]
    data["ideas"] = [_record(i) for i in room.ideas.values()]
    data["pairs"] = [_record(p) for p in room.pairs]
    data["pair_history"] = [list(two) for two in room.pair_history]
    data["waiting"] = list(room.waiting)
    data["board"] = list(room.board)
    data["explain_order"] = list(room.explain_order)
    data["explain_seen"] = list(room.explain_seen)
    data["ballots"] = [_record(b) for b in room.ballots.values()]
    data["clusters"] = [_record(c) for c in room.clusters.values()]
    data["acked"] = {sender: list(record.items()) for sender, record in room.acked.items()}
    return data


def _plain(settings: dict[str, Any]) -> dict[str, Any]:
    return {k: dict(v) if isinstance(v, dict) else v for k, v in settings.items()}


def room_from_dict(data: dict[str, Any]) -> Room:
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
    room.phase = Phase(**data["phase"])
    room.participants = {p["id"]: Participant(**_lists(p)) for p in data["participants"]}
    room.keys = {p.key: p.id for p in room.participants.values() if not p.removed}
    room.ideas = {i["id"]: Idea(**_lists(i)) for i in data["ideas"]}
    room.pairs = [Pair(**_lists(p)) for p in data["pairs"]]
    room.pair_index = {pair.id: index for index, pair in enumerate(room.pairs)}
    room.pair_history = [list(two) for two in data["pair_history"]]
    room.waiting = list(data.get("waiting", []))
    room.board = list(data["board"])
    room.explain_order = list(data["explain_order"])
    room.explain_seen = list(data["explain_seen"])
    room.ballots = {b["id"]: Ballot(**_lists(b)) for b in data["ballots"]}
    room.clusters = {c["id"]: Cluster(**_lists(c)) for c in data["clusters"]}
    room.acked = {
        sender: {cmd_id: seq for cmd_id, seq in record} for sender, record in data["acked"].items()
    }
    room.touched = set()
    room.touched_all = True
    return room


def _lists(fields: dict[str, Any]) -> dict[str, Any]:
    """Fresh containers, so the room never shares a list or dict with the snapshot."""
    return {
        k: list(v) if isinstance(v, list) else dict(v) if isinstance(v, dict) else v
        for k, v in fields.items()
    }
