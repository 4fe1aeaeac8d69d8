"""What each viewer may see: the board, the host, and each participant.

`public_view` is the projector's view and the base of every participant's view;
`private_overlay` is what one participant adds to it (JSON Pointer -> value), so
`participant_view` can never disagree with the two. Views are fresh JSON-safe objects.

Privacy: an idea's text reaches only its author before Pair, only its pair during Pair,
and everyone only once it is on the board (from Explain). Points and ranks are null for
everyone but the host until `rank.reveal`. The host sees no pool and no Own idea either.

Fields added to the protocol's view (extra fields, all optional for clients):

- `rank: {budget, voter, revealed}` in every view: the budget fixed at `phase.start rank`
  (null before), the voter kind in force, and whether totals are revealed.
- `me.waiting` (version 2): true while a latecomer waits to be let in; a waiting person's
  view holds only `session`, `phase`, `participants` and `me` (`waiting_view`).
- `me.pair.label`: the pair's label ("Pair 3"); `me.pair.members[].org`: the partners'
  organisations ("You are with Sam, Health Board").
- Host view only:
  - `participants.list: [{id, name, org, online, done, waiting}]` (participants not
    removed, join order); `done` is the person's tick in the sense of `progress` (online in
    Lobby, has an idea in Own, confirmed in Pair, pair spotlighted in Explain, has voted in
    Rank; null in Arrange and Done, and for waiting people);
  - every idea on the board, hidden ones included with `hidden: true` (`hidden` is on every
    host idea); `votes` (ballots backing it), `orgs` (distinct organisations of those
    ballots' members) and `place` (1-based position in the ranked order: points, then
    votes, then orgs, then creation; null when hidden): integers from `phase.start rank`
    on, null before.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from typing import Any

from .rank import ranking
from .state import Idea, Pair, Participant, Room

__all__ = [
    "EVERYONE",
    "WAITING",
    "apply_overlay",
    "base_view",
    "host_view",
    "participant_view",
    "private_overlay",
    "public_view",
    "view_key",
    "waiting_view",
]


def public_view(room: Room, online: AbstractSet[str]) -> dict[str, Any]:
    """The board's view, and the base of every participant's view."""
    return _view(room, online, host=False)


def host_view(room: Room, online: AbstractSet[str]) -> dict[str, Any]:
    return _view(room, online, host=True)


def participant_view(room: Room, pid: str, online: AbstractSet[str]) -> dict[str, Any]:
    base = base_view(room, view_key(room, pid), online)
    return apply_overlay(base, private_overlay(room, pid))


# Keys of the base views (see `view_key`): every connection's view is one of these bases, plus
# a participant's private overlay.
EVERYONE = "all"
WAITING = "waiting"


def view_key(room: Room, pid: str | None) -> str:
    """Which base view a connection's view is built on: the board's (pid None) or a
    participant's. Views are defined by role and waiting status alone, so a connection whose
    key changes needs a fresh `state`."""
    if pid is not None and room.participants[pid].waiting:
        return WAITING
    return EVERYONE


def base_view(room: Room, key: str, online: AbstractSet[str]) -> dict[str, Any]:
    """The base view named by `key` (see `view_key`)."""
    if key == WAITING:
        return waiting_view(room, online)
    return public_view(room, online)


def waiting_view(room: Room, online: AbstractSet[str]) -> dict[str, Any]:
    """The base view of every waiting latecomer: the session, the phase and the counts."""
    return {
        "session": _session(room),
        "phase": _phase(room),
        "participants": _people(room, online, host=False),
    }


def private_overlay(room: Room, pid: str) -> dict[str, Any]:
    """JSON Pointer -> value: `/me`, and the names of the participant's own pair."""
    pair = room.pair_of(pid)
    overlay: dict[str, Any] = {"/me": _me(room, pid, pair)}
    if room.participants[pid].waiting:
        return overlay
    if pair is not None and room.settings["anonymous"]:
        overlay[f"/pairs/{room.pair_index[pair.id]}/members"] = _members(room, pair)
    return overlay


def apply_overlay(view: dict[str, Any], overlay: dict[str, Any]) -> dict[str, Any]:
    """A copy of `view` with every pointer set, sharing what the overlay does not touch."""
    result = dict(view)
    for pointer, value in overlay.items():
        parts = pointer.split("/")[1:]
        node: Any = result
        for part in parts[:-1]:
            if isinstance(node, list):
                index = int(part)
                node[index] = _copy(node[index])
                node = node[index]
            else:
                node[part] = _copy(node[part])
                node = node[part]
        last = parts[-1]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value
    return result


def _settings(settings: dict[str, Any]) -> dict[str, Any]:
    return {k: dict(v) if isinstance(v, dict) else v for k, v in settings.items()}


def _copy(node: Any) -> Any:
    if isinstance(node, list):
        return list(node)
    if isinstance(node, dict):
        return dict(node)
    return node


def _session(room: Room) -> dict[str, Any]:
    return {
        "code": room.code,
        "title": room.title,
        "question": room.question,
        "settings": _settings(room.settings),
    }


def _phase(room: Room) -> dict[str, Any]:
    return {
        "name": room.phase.name,
        "ends_at": room.phase.ends_at,
        "paused_left": room.phase.paused_left,
    }


def _online_count(room: Room, online: AbstractSet[str]) -> int:
    """Admitted participants online: waiting latecomers count nowhere."""
    participants = room.participants
    count = 0
    for pid in online:
        p = participants.get(pid)
        if p is not None and p.seated:
            count += 1
    return count


def _people(room: Room, online: AbstractSet[str], host: bool) -> dict[str, Any]:
    people: dict[str, Any] = {"total": room.active, "online": _online_count(room, online)}
    if host:
        people["list"] = [
            {
                "id": p.id,
                "name": p.name,
                "org": p.org,
                "online": p.id in online,
                "done": None if p.waiting else _done(room, p, online),
                "waiting": p.waiting,
            }
            for p in room.participants.values()
            if not p.removed
        ]
    return people


def _view(room: Room, online: AbstractSet[str], host: bool) -> dict[str, Any]:
    people = _people(room, online, host)
    online_count = people["online"]
    show_names = host or not room.settings["anonymous"]
    pairs = []
    confirmed_pairs = 0
    for pair in room.pairs:
        confirmed = pair.is_confirmed
        confirmed_pairs += confirmed
        pairs.append(
            {
                "id": pair.id,
                "label": pair.label,
                "members": _members(room, pair) if show_names else [],
                "confirmed": confirmed,
            }
        )
    ideas, voted, clustered = _ideas(room, host)
    view: dict[str, Any] = {
        "session": _session(room),
        "phase": _phase(room),
        "participants": people,
        "progress": _progress(room, online_count, confirmed_pairs, voted, clustered),
        "pairs": pairs,
        "ideas": ideas,
        "clusters": [
            {
                "id": c.id,
                "label": c.label,
                "idea_ids": list(c.idea_ids),
                "owner": c.owner,
                "action": c.action,
            }
            for c in room.clusters.values()
        ],
        "explain": {"order": list(room.explain_order), "current": room.explain_current},
        "rank": {
            "budget": room.budget,
            "voter": room.settings["rank"]["voter"],
            "revealed": room.revealed,
        },
    }
    return view


def _ideas(room: Room, host: bool) -> tuple[list[dict[str, Any]], int, int]:
    """The board's ideas for this viewer, and how many are voted and voted-and-clustered."""
    show_totals = room.revealed or (host and room.budget is not None)
    ranks, places = ranking(room) if show_totals else ({}, {})
    ideas: list[dict[str, Any]] = []
    voted = clustered = 0
    for idea_id in room.board:
        idea = room.ideas[idea_id]
        if idea.hidden and not host:
            continue
        if idea.points > 0 and not idea.hidden:
            voted += 1
            clustered += idea.cluster_id is not None
        ideas.append(_idea(idea, host, show_totals, ranks, places))
    return ideas, voted, clustered


def _idea(
    idea: Idea, host: bool, show_totals: bool, ranks: dict[str, int], places: dict[str, int]
) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": idea.id,
        "text": idea.text,
        "pair_id": idea.pair_id,
        "points": idea.points if show_totals else None,
        "rank": ranks.get(idea.id) if show_totals else None,
        "cluster_id": idea.cluster_id,
    }
    if host:
        item["hidden"] = idea.hidden
        item["votes"] = len(idea.votes_by) if show_totals else None
        item["orgs"] = len(idea.org_counts) if show_totals else None
        item["place"] = places.get(idea.id) if show_totals else None
    return item


def _progress(
    room: Room, online_count: int, confirmed_pairs: int, voted: int, clustered: int
) -> dict[str, int]:
    name = room.phase.name
    if name == "lobby":
        return {"done": online_count, "of": room.active}
    if name == "own":
        return {"done": room.own_writers, "of": room.active}
    if name == "pair":
        return {"done": confirmed_pairs, "of": len(room.pairs)}
    if name == "explain":
        return {"done": len(room.explain_seen), "of": len(room.explain_order)}
    if name == "rank":
        return {"done": room.ballots_voted, "of": len(room.ballots)}
    return {"done": clustered, "of": voted}


def _done(room: Room, person: Participant, online: AbstractSet[str]) -> bool | None:
    """One person's tick in the host's list, in the sense of `progress` for the phase; None
    in Arrange and Done, where progress counts ideas, not people."""
    name = room.phase.name
    if name == "lobby":
        return person.id in online
    if name == "own":
        return bool(person.ideas)
    pair = room.pair_of(person.id)
    if name == "pair":
        return pair is not None and bool(pair.shortlist) and person.id in pair.confirmed
    if name == "explain":
        return pair is not None and pair.id in room.explain_seen
    if name == "rank":
        ballot = room.ballots.get(person.ballot_id) if person.ballot_id is not None else None
        return ballot is not None and ballot.total > 0
    return None


def _members(room: Room, pair: Pair) -> list[dict[str, str]]:
    return [{"id": pid, "name": room.participants[pid].name} for pid in pair.members]


def _me(room: Room, pid: str, pair: Pair | None) -> dict[str, Any]:
    me = room.participants[pid]
    ideas = room.ideas
    mine = [ideas[i] for i in me.ideas]
    ballot = room.ballots.get(me.ballot_id) if me.ballot_id is not None else None
    votes: dict[str, int] = dict(ballot.votes) if ballot is not None else {}
    left = (room.budget or 0) - ballot.total if ballot is not None else 0
    return {
        "id": me.id,
        "name": me.name,
        "org": me.org,
        "ideas": [{"id": i.id, "text": i.text} for i in mine if not i.hidden],
        "pair": _my_pair(room, pair) if pair is not None else None,
        "votes": votes,
        "votes_left": left,
        "waiting": me.waiting,
    }


def _my_pair(room: Room, pair: Pair) -> dict[str, Any]:
    ideas = room.ideas
    pool = [ideas[i] for i in pair.pool]
    return {
        "id": pair.id,
        "label": pair.label,
        "members": [
            {"id": pid, "name": room.participants[pid].name, "org": room.participants[pid].org}
            for pid in pair.members
        ],
        "pool": [{"id": i.id, "text": i.text} for i in pool if not i.hidden],
        "shortlist": [i for i in pair.shortlist if not ideas[i].hidden],
        "confirmed": list(pair.confirmed),
    }
