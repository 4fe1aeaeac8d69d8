"""Snapshots: a JSON-safe room, and folding on from a snapshot equals folding from scratch."""

from __future__ import annotations

import json

from opera.engine import Room, reduce, room_from_dict, room_to_dict

from .scenario import Session


def fold(entries: list[dict[str, object]], room: Room | None = None) -> Room:
    for entry in entries:
        room, _ = reduce(room, entry)
    assert room is not None
    return room


def as_pairs(acked: dict[str, list[list[object]]]) -> dict[str, list[list[object]]]:
    """`acked` as versions 1 and 2 kept it: one [id, seq] pair per remembered command."""
    return {
        sender: [list(two) for two in zip(*record, strict=True)] for sender, record in acked.items()
    }


def test_snapshot_at_every_offset_then_folding_the_rest_equals_folding_from_scratch() -> None:
    s = Session(settings={"rank": {"voter": "person"}})
    pids = s.to_rank(7, orgs=["A", "B", None])
    s.ok(pids[0], "vote.set", {"idea_id": s.foreign_idea(pids[0]), "points": 1})
    s.cmd(pids[0], "vote.set", {"idea_id": s.room.board[0], "points": 5})  # refused
    s.host("participant.remove", {"participant_id": pids[1]})
    s.host("rank.reveal")
    s.phase("arrange")
    s.host("cluster.create", {"label": "X", "idea_ids": s.room.board[:2]})
    whole = room_to_dict(s.room)
    for cut in range(1, len(s.log) + 1, 3):
        head = fold(s.log[:cut])
        loaded = room_from_dict(json.loads(json.dumps(room_to_dict(head))))
        assert room_to_dict(fold(s.log[cut:], loaded)) == whole


def test_a_loaded_room_keeps_keys_and_retries() -> None:
    s = Session()
    s.people(2)
    s.host("participant.remove", {"participant_id": "p1"})
    loaded = room_from_dict(room_to_dict(s.room))
    assert loaded.pid_for_key("key-p0") == "p0"
    assert loaded.pid_for_key("key-p1") is None
    assert loaded.acked_ids("host") == s.room.acked_ids("host")


def test_a_version_1_snapshot_loads_as_the_one_group() -> None:
    """Rooms snapshotted before groups existed load as sessions without groups."""
    s = Session(settings={"rank": {"voter": "person"}})
    pids = s.to_rank(5, orgs=["A", "B"])
    s.ok(pids[0], "vote.set", {"idea_id": s.foreign_idea(pids[0]), "points": 1})
    s.host("rank.reveal")
    current = room_to_dict(s.room)
    old = json.loads(json.dumps(current))
    group = old.pop("groups")[0]
    old["version"] = 1
    old.update(
        explain_order=group["explain_order"],
        explain_seen=group["explain_seen"],
        explain_current=group["explain_current"],
        budget=group["budget"],
    )
    for name in ("grouped", "waiting", "plenary", "notice", "plenary_ballots", "plenary_voted"):
        del old[name]
    for name in ("plenary_current", "plenary_budget", "plenary_revealed", "plenary_voters"):
        del old[name]
    old["acked"] = as_pairs(old["acked"])
    for settings_section in ("groups", "plenary", "join"):
        del old["settings"][settings_section]
    for record, names in (
        ("participants", ("plenary_ballot_id", "group_id", "chose", "waiting")),
        ("ideas", ("group_id", "on_plenary", "group_rank", "plenary_points")),
        ("ideas", ("plenary_votes_by", "plenary_org_counts")),
        ("pairs", ("group_id",)),
        ("ballots", ("group_id", "plenary", "budget")),
    ):
        for item in old[record]:
            for name in names:
                del item[name]
    loaded = room_from_dict(old)
    assert room_to_dict(loaded) == current


def test_a_version_2_snapshot_loads_the_same_room() -> None:
    """Version 2 kept each sender's acknowledged ids as [id, seq] pairs."""
    s = Session()
    pids = s.to_rank(4, orgs=["A", "B"])
    s.ok(pids[0], "vote.set", {"idea_id": s.foreign_idea(pids[0]), "points": 1})
    current = room_to_dict(s.room)
    assert current["acked"][pids[0]][0], "the scenario left no acknowledged ids to keep"
    old = json.loads(json.dumps(current))
    old.update(version=2, acked=as_pairs(old["acked"]))
    loaded = room_from_dict(old)
    assert room_to_dict(loaded) == current
    assert loaded.acked_ids(pids[0]) == s.room.acked_ids(pids[0])


def test_only_the_fields_annotated_as_containers_hold_containers() -> None:
    """Snapshots copy the fields whose annotation names a list or dict, and share the rest:
    any other field must hold a scalar, or a snapshot would share it with the live room."""
    from opera.engine.snapshot import _CONTAINERS

    s = Session(settings={"rank": {"voter": "person"}})
    pids = s.to_rank(5, orgs=["A", "B"])
    s.ok(pids[0], "vote.set", {"idea_id": s.foreign_idea(pids[0]), "points": 1})
    s.phase("arrange")
    s.host("cluster.create", {"label": "X", "idea_ids": s.room.board[:2]})
    room = s.room
    items = [room.phase, *room.participants.values(), *room.ideas.values(), *room.pairs]
    items += [*room.groups, *room.ballots.values(), *room.clusters.values()]
    for item in items:
        for name in type(item).__dataclass_fields__:
            value = getattr(item, name)
            if name in _CONTAINERS[type(item)]:
                assert isinstance(value, list | dict), (type(item).__name__, name)
            else:
                assert value is None or isinstance(value, str | int | float), (name, value)
    loaded = room_from_dict(room_to_dict(room))
    idea = room.board[0]
    assert loaded.ideas[idea].votes_by == room.ideas[idea].votes_by
    assert loaded.ideas[idea].votes_by is not room.ideas[idea].votes_by
