"""`scope` and `ViewCache`: what the hub rebuilds after an entry is all that changed.

Random breakout sessions (the property tests' driver), checked after every entry:

- an entry refused or repeated changes no view;
- an entry `scope` confines to some groups changes no base view in use but those groups'
  and the board's (so the hub may keep every other base as it was);
- the host's and the board's views built with a cache that forgot only those groups are
  the views built from nothing.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from opera.engine import (
    Room,
    ViewCache,
    base_views,
    host_view,
    rebases,
    reduce,
    scope,
    touched_keys,
    view_key,
)
from opera.engine.state import PHASES

from .scenario import Session
from .test_plenary import voted_groups
from .test_properties import SEGMENTS, SETTINGS, Driver

GROUPED = SETTINGS.map(
    lambda s: {**s, "groups": {**s["groups"], "size": 4 if s["groups"]["size"] < 5 else 5}}
)


def keys_in_use(room: Room) -> set[str]:
    people = (p.id for p in room.participants.values() if not p.removed)
    return {view_key(room, pid) for pid in people} | {view_key(room, None)}


def frozen(view: Any) -> Any:
    """A copy that later changes to the room cannot reach."""
    return json.loads(json.dumps(view))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    room_settings=GROUPED,
    people=st.integers(4, 14),
    segments=SEGMENTS,
    skips=st.lists(st.integers(0, 7), min_size=len(PHASES), max_size=len(PHASES)),
    diligence=st.lists(st.integers(0, 3), min_size=len(PHASES), max_size=len(PHASES)),
    online_every=st.integers(1, 3),
)
def test_a_scoped_entry_changes_only_its_groups_views(
    room_settings: dict[str, Any],
    people: int,
    segments: list[list[tuple[int, int, int]]],
    skips: list[int],
    diligence: list[int],
    online_every: int,
) -> None:
    driver = Driver(room_settings, people)
    cache = ViewCache()
    pending = list(driver.initial)
    steps: list[tuple[int, int, int]] = [(-1, 0, 0)]
    for index, segment in enumerate(segments):
        if index and skips[index]:
            steps.append((-2, index, 0))
        if diligence[index]:
            steps.append((-3, 0, diligence[index]))
        steps.extend(segment)
    last_online: set[str] = set()
    for op, a, b in steps:
        if op == -2:
            pending.append(driver.cmd("host", "phase.start", {"phase": PHASES[a]}))
        elif op == -3:
            pending.extend(driver.diligent(b))
        elif op >= 0:
            pending.extend(driver.entries(op, a, b))
        for entry in pending:
            room = driver.room
            assert room is not None
            online = {pid for i, pid in enumerate(room.participants) if i % online_every == 0}
            if online != last_online:  # presence changed: the hub forgets everything
                cache.forget(None)
                last_online = online
            keys = keys_in_use(room)
            before = frozen(base_views(room, keys, online))
            driver.room, outcome = reduce(room, entry)
            driver.log.append(entry)
            room = driver.room
            groups = scope(room, entry, outcome)
            cache.forget(groups)
            if groups is not None:
                assert keys_in_use(room) == keys  # nobody changed base
                after = base_views(room, keys, online)
                for key in keys - set(touched_keys(keys, groups)):
                    assert after[key] == before[key], (entry, key)
            assert host_view(room, online, cache) == host_view(room, online)
            board = view_key(room, None)
            assert base_views(room, [board], online, cache) == base_views(room, [board], online)
        pending = []


def test_a_members_idea_is_scoped_to_their_group_and_a_refusal_to_none() -> None:
    s = Session({"groups": {"size": 4, "assign": "mix"}})
    for i in range(8):
        s.join(f"p{i}", org=f"O{i % 2}")
    s.cmd("host", "phase.start", {"phase": "own"})
    group = s.room.participants["p0"].group_id
    assert group is not None
    added = s.cmd("p0", "idea.add", {"text": "Shared transport"})
    assert scope(s.room, s.log[-1], added) == frozenset({group})
    refused = s.cmd("p0", "vote.set", {"idea_id": "i1", "points": 1})
    assert not refused.applied
    assert scope(s.room, s.log[-1], refused) == frozenset()
    started = s.cmd("host", "phase.start", {"phase": "pair"})
    assert scope(s.room, s.log[-1], started) is None
    keys = ["group:" + g.id for g in s.room.groups] + ["board", "waiting"]
    assert touched_keys(keys, frozenset({group})) == ["group:" + group, "board"]


def test_a_plenary_vote_is_scoped_to_its_voters_group_and_moves_nobody() -> None:
    """In the plenary everyone is on one base, which the hub rebuilds for any change; a vote
    also changes its voter's tick in the host's list, so only that group's pieces go."""
    s = voted_groups(top=2, budget=3)
    s.phase("plenary")
    cache = ViewCache()
    online = set(s.room.participants)
    host_view(s.room, online, cache)
    voter = s.room.groups[1].members[2]
    other = next(i for i in s.room.plenary or [] if s.room.ideas[i].group_id != "g2")
    voted = s.cmd(voter, "vote.set", {"idea_id": other, "points": 1})
    groups = scope(s.room, s.log[-1], voted)
    assert groups == frozenset({"g2"})
    everyone = view_key(s.room, voter)
    assert view_key(s.room, None) == everyone  # the board is on it too
    assert touched_keys([everyone, "waiting"], groups) == [everyone]
    assert not rebases(s.log[-1], voted)
    cache.forget(groups)
    assert host_view(s.room, online, cache) == host_view(s.room, online)
    revealed = s.cmd("host", "rank.reveal")
    assert scope(s.room, s.log[-1], revealed) is None and rebases(s.log[-1], revealed)


def test_only_entries_that_may_move_someone_rebase() -> None:
    s = Session({"groups": {"size": 4, "assign": "mix"}})
    for i in range(8):
        s.join(f"p{i}", org=f"O{i % 2}")
    joined = s.join("p8", org="O0")
    assert rebases(s.log[-1], joined)
    s.cmd("host", "phase.start", {"phase": "own"})
    added = s.cmd("p0", "idea.add", {"text": "Shared transport"})
    assert not rebases(s.log[-1], added)
    refused = s.cmd("host", "group.move", {"participant_id": "p0", "group_id": "nowhere"})
    assert not refused.applied and not rebases(s.log[-1], refused)
    target = next(g.id for g in s.room.groups if "p0" not in g.members)
    moved = s.cmd("host", "group.move", {"participant_id": "p0", "group_id": target})
    assert moved.applied and rebases(s.log[-1], moved)
