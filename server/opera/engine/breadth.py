"""Breadth of support: how many organisations back an idea (and, in the plenary, how many
groups), counted so that no small delegation is ever singled out.

The rule (`SMALL` = 3): an organisation counts on its own when at least 3 of its people take
part (seated: admitted and not removed) at the round's reveal (before it, for the host's
eyes only, now). Organisations with fewer than
3 people count together, as one "other": "other" adds 1 to an idea's breadth when any of them
backs it, and only when they have at least 3 people between them; otherwise their backing
adds nothing to breadth (their points still count). People with no organisation are no
organisation and add nothing. So whenever breadth moves, whoever moved it is one of at least
3 people: a delegation of one or two is never told apart.

An organisation backs an idea when a ballot with one of its people on it gives the idea a
point (the ballot's organisations as counted for the tie-break, `Idea.org_counts`).
Groups in the plenary: the same rule over groups (a group's people: its seated members),
from the ballots of the plenary vote.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .state import Idea, Room

SMALL = 3  # fewer people than this are never told apart
# Keys of `Room.breadth_frozen`: the sizes at each round's reveal.
GROUP, PLENARY, GROUPS = "group", "plenary", "plenary_groups"


@dataclass(frozen=True, slots=True)
class Standing:
    """Which organisations count on their own, and whether "other" counts at all."""

    sizes: Mapping[str, int]  # org key -> seated people
    own: frozenset[str]  # the organisations with at least SMALL people
    other: bool  # the smaller ones have at least SMALL people between them


def standing(room: Room, plenary: bool = False) -> Standing:
    """The organisations' standing for a round: as frozen at its reveal, else as now
    (counted once per log entry)."""
    return _cached(room, PLENARY if plenary else GROUP, org_sizes)


def _cached(room: Room, round_: str, sizes: Callable[[Room], dict[str, int]]) -> Standing:
    """The standing as frozen at the round's reveal, else from `sizes` now, counted once per
    log entry (a view asks for it once per idea: 600 plenary ideas over 200 groups)."""
    frozen = room.breadth_frozen.get(round_)
    stamp: Any = "frozen" if frozen is not None else (room.seq, room.active)
    cached = room.breadth_cache.get(round_)
    if cached is not None and cached[0] == stamp:
        result: Standing = cached[1]
        return result
    result = _standing(frozen if frozen is not None else sizes(room))
    room.breadth_cache[round_] = (stamp, result)
    return result


def org_sizes(room: Room) -> dict[str, int]:
    """Seated people per organisation key."""
    sizes: dict[str, int] = {}
    for person in room.participants.values():
        if person.seated and person.org_key is not None:
            sizes[person.org_key] = sizes.get(person.org_key, 0) + 1
    return sizes


def group_sizes(room: Room) -> dict[str, int]:
    return {group.id: len(group.members) for group in room.groups}


def freeze(room: Room, plenary: bool) -> None:
    """At a round's reveal: its breadth is counted with the sizes of this moment from now
    on, so no later join, admission or removal moves a number once it is public (comparing
    two moments could otherwise tell a small delegation apart)."""
    if plenary:
        room.breadth_frozen[PLENARY] = org_sizes(room)
        room.breadth_frozen[GROUPS] = group_sizes(room)
    else:
        room.breadth_frozen[GROUP] = org_sizes(room)


def _standing(sizes: Mapping[str, int]) -> Standing:
    own = frozenset(key for key, size in sizes.items() if size >= SMALL)
    pooled = sum(size for key, size in sizes.items() if key not in own)
    return Standing(sizes, own, pooled >= SMALL)


def count(backers: Iterable[str], standing_: Standing) -> int:
    """Breadth of these backers (organisation keys or group ids) under the rule above."""
    own = small = 0
    for key in backers:
        if key in standing_.own:
            own += 1
        else:
            small = 1
    return own + (small if standing_.other else 0)


def breadth(room: Room, idea: Idea, plenary: bool) -> int:
    """How many organisations back the idea in the round (the plenary's, or the groups')."""
    backers = idea.plenary_org_counts if plenary else idea.org_counts
    return count(backers, standing(room, plenary))


def group_breadth(room: Room, idea: Idea) -> int:
    """How many groups' members back a plenary idea in the plenary vote."""
    groups = {room.plenary_ballots[ballot_id].group_id for ballot_id in idea.plenary_votes_by}
    return count(groups, _cached(room, GROUPS, group_sizes))


_HIDDEN: Mapping[str, int | None] = {"breadth": None, "breadth_groups": None}  # read only


def fields(room: Room, idea: Idea, show: bool, plenary: bool) -> Mapping[str, int | None]:
    """An idea's `breadth` and `breadth_groups` in a view: null until its totals show;
    `breadth_groups` only for the plenary vote's ideas."""
    if not show:
        return _HIDDEN
    return {
        "breadth": breadth(room, idea, plenary),
        "breadth_groups": group_breadth(room, idea) if plenary else None,
    }
