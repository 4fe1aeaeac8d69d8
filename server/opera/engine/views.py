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
- `me.own_done`: the participant's own "I'm done" mark in Own (`own.done`); in Own,
  `progress.finished` counts those marks beside `done` (people with an idea).
- `me.pair.label`: the pair's label ("Pair 3"); `me.pair.members[].org`: the partners'
  organisations ("You are with Sam, Health Board").
- Host view only:
  - `participants.list: [{id, name, org, online, done, waiting, ideas, own_done}]`
    (participants not removed, join order); `done` is the person's tick in the sense of
    `progress` (online in Lobby, has an idea in Own, confirmed in Pair, pair spotlighted in
    Explain, has voted in Rank; null in Arrange and Done, and for waiting people); `ideas`
    how many Own ideas they wrote (a count, never a text); `own_done` their "I'm done";
  - every idea on the board, hidden ones included with `hidden: true` (`hidden` is on every
    host idea); `votes` (ballots backing it), `orgs` (distinct organisations of those
    ballots' members) and `place` (1-based position in the ranked order: points, then
    votes, then orgs, then creation; null when hidden): integers from `phase.start rank`
    on, null before.
- `ideas[].place` in every view, with the totals (after `rank.reveal`; the host's from
  Rank on): the idea's 1-based position in the ranked order (points, ballots,
  organisations, creation), the order of every export. `ideas` itself is never re-sorted:
  a client showing the ranking sorts by `place`.
Version 2 (breakout groups, the plenary, notices):

- Views are defined by role, group and waiting status alone (`view_key`): one base view per
  group (its pairs, its board, its Explain, its progress and budget), one for the board
  (every group's progress, no pairs or ideas), one for the host, one for waiting people;
  from `phase.start plenary` on everyone's base is the plenary view (`ideas` is the
  plenary board, with `group_id` and `group_rank`). Without groups there is one group and
  the base view is everyone's, as in version 1.
- `session.notice`, `groups` (host and board; `[]` without groups and in participants'
  views), `pairs[].group_id`, `ideas[].group_id`/`group_rank`, `explain.ends_at`,
  `plenary`, `me.group`, `me.waiting`; the host's `groups[].explain` during Explain and
  `participants.list[].group_id`.
- Reflect: `me.reflections` ({"0": text, ...}, the author's alone) and `me.feedback`
  ({score, text}, the author's alone); `progress` in Reflect is session-wide in every
  view: people with at least one answer, of participants. The host list's `done` is null
  in Reflect (no mark of who answered).
- `record` (issue 14) in every view but a waiting person's: what the facilitator changed,
  the same list for everyone, the host included (see record.py).
- `ideas[].breadth` and `ideas[].breadth_groups` (issue 14), with the totals: how many
  organisations back the idea (small ones merged, see breadth.py), and for the plenary
  vote's ideas how many groups' members; null when totals do not show.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any

from opera.pointer import assigned

from .breadth import fields as breadth_fields
from .explain import spotlight_ends_at
from .outcome import Outcome
from .rank import PLENARY, rank_started, ranking
from .record import record_view
from .reflect import my_feedback, my_reflections
from .reflect import progress as reflect_progress
from .settings import copy_settings
from .state import Ballot, Group, Idea, Pair, Participant, Room

__all__ = [
    "BOARD",
    "EVERYONE",
    "WAITING",
    "ViewCache",
    "apply_overlay",
    "base_view",
    "base_views",
    "host_view",
    "participant_view",
    "private_overlay",
    "public_view",
    "scope",
    "touched_keys",
    "view_key",
    "waiting_view",
]

# Keys of the base views (see `view_key`): every connection's view is one of these, plus a
# participant's private overlay. Views are defined by role, group and waiting status alone.
EVERYONE = "all"  # everyone without groups, and everyone from the plenary on
BOARD = "board"  # the projector's, with groups before the plenary
WAITING = "waiting"  # every waiting latecomer
GROUP = "group:"  # + a group id: that group's members, with groups before the plenary


def view_key(room: Room, pid: str | None) -> str:
    """Which base view a connection's view is built on: the board's (pid None) or a
    participant's. A connection whose key changes needs a fresh `state`."""
    if pid is not None and room.participants[pid].waiting:
        return WAITING
    if not room.grouped or room.plenary is not None:
        return EVERYONE
    group_id = room.participants[pid].group_id if pid is not None else None
    if group_id is None:  # the board, or someone yet to choose a group (lobby)
        return BOARD
    return GROUP + group_id


# Commands that, with groups formed and before the plenary, change nothing outside one group:
# its base view and its pieces of the host's and the board's (its people, pairs, board ideas,
# progress). The group is the sender's, or for `explain.focus` the spotlit pair's.
_IN_GROUP = frozenset(
    {
        "idea.add",
        "idea.edit",
        "idea.delete",
        "own.done",
        "pair.write",
        "pair.shortlist",
        "pair.confirm",
        "vote.set",
        "explain.focus",
    }
)


def scope(room: Room, entry: Mapping[str, Any], outcome: Outcome) -> frozenset[str] | None:
    """The groups whose part of the views one folded entry may have changed: none for an
    entry refused or repeated (it changes nothing), one for a group's own work
    (`_IN_GROUP`), None for any other (any view, any group). Called after folding it."""
    if not outcome.applied:
        return frozenset()
    if entry.get("kind") != "cmd" or entry.get("name") not in _IN_GROUP:
        return None
    if not room.grouped:
        return None
    if room.plenary is not None and entry["name"] != "vote.set":
        return None  # a plenary vote changes the plenary's views and its voter's group's pieces
    group_id: str | None
    if entry["name"] == "explain.focus":
        group_id = room.pairs[room.pair_index[entry["args"]["pair_id"]]].group_id
    else:
        sender = room.participants.get(outcome.sender or "")
        group_id = sender.group_id if sender is not None else None
    return frozenset({group_id}) if group_id is not None else None


def rebases(entry: Mapping[str, Any], outcome: Outcome) -> bool:
    """Whether a folded entry may put someone's connection on another base view (a
    latecomer let in, groups formed, a group chosen or changed, the plenary) or remove
    someone. Never a refused or repeated entry, nor a group's own work (`_IN_GROUP`), in a
    group or not: in the plenary and without groups those change every view (`scope` None),
    but nobody's base."""
    if not outcome.applied:
        return False
    return entry.get("kind") != "cmd" or entry.get("name") not in _IN_GROUP


def touched_keys(keys: Iterable[str], groups: AbstractSet[str] | None) -> list[str]:
    """The base views among `keys` a change to these groups (None: any) reaches: the groups'
    own, the board's (which counts every group's progress) and everyone's (in use from the
    plenary on, when every change is everyone's)."""
    if groups is None:
        return list(keys)
    return [
        key
        for key in keys
        if key in (BOARD, EVERYONE) or (key.startswith(GROUP) and key[len(GROUP) :] in groups)
    ]


def base_views(
    room: Room, keys: Iterable[str], online: AbstractSet[str], cache: ViewCache | None = None
) -> dict[str, Any]:
    """Several base views at once, sharing what they have in common (counts, session, each
    group's pieces; `cache` keeps those pieces for the next call, see `ViewCache`)."""
    parts = cache if cache is not None else ViewCache()
    shared = parts.shared(room, online)
    return {key: _base(room, key, online, shared, parts) for key in keys}


def base_view(
    room: Room, key: str, online: AbstractSet[str], cache: ViewCache | None = None
) -> dict[str, Any]:
    view: dict[str, Any] = base_views(room, [key], online, cache)[key]
    return view


def public_view(room: Room, online: AbstractSet[str]) -> dict[str, Any]:
    """The board's view (without groups, also the base of every participant's)."""
    return base_view(room, view_key(room, None), online)


def host_view(
    room: Room, online: AbstractSet[str], cache: ViewCache | None = None
) -> dict[str, Any]:
    parts = cache if cache is not None else ViewCache()
    return _view(room, online, parts.shared(room, online), parts, host=True)


def participant_view(room: Room, pid: str, online: AbstractSet[str]) -> dict[str, Any]:
    base = base_view(room, view_key(room, pid), online)
    return apply_overlay(base, private_overlay(room, pid))


def waiting_view(room: Room, online: AbstractSet[str]) -> dict[str, Any]:
    """The base view of every waiting latecomer: the session, the phase and the counts."""
    shared = _shared(room, online)
    return _waiting(shared)


def private_overlay(room: Room, pid: str) -> dict[str, Any]:
    """JSON Pointer -> value: `/me`, and the names of the participant's own pair (at its
    index in the pairs this participant's base view holds)."""
    pair = room.pair_of(pid)
    overlay: dict[str, Any] = {"/me": _me(room, pid, pair)}
    if room.participants[pid].waiting:
        return overlay
    if pair is not None and room.settings["anonymous"]:
        if view_key(room, pid) == EVERYONE:
            index = room.pair_index[pair.id]
        else:
            index = room.group(pair.group_id).pairs.index(pair.id)
        overlay[f"/pairs/{index}/members"] = _members(room, pair)
    return overlay


def apply_overlay(view: dict[str, Any], overlay: dict[str, Any]) -> dict[str, Any]:
    """A copy of `view` with every pointer set, sharing what the overlay does not touch."""
    result = dict(view)
    for path, value in overlay.items():
        result = assigned(result, path, value)
    return result


# -- the parts ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Shared:
    session: dict[str, Any]
    phase: dict[str, Any]
    people: dict[str, Any]  # {total, online}
    online: frozenset[str]  # seated participants online


def seated_online(room: Room, online: AbstractSet[str]) -> frozenset[str]:
    """The connected participants who count as online: admitted (not waiting), not removed."""
    participants = room.participants
    return frozenset(pid for pid in online if pid in participants and participants[pid].seated)


def people_counts(room: Room, online: AbstractSet[str]) -> dict[str, int]:
    """`participants` as every view and `GET /api/sessions/{code}` give it: {total, online}."""
    return {"total": room.active, "online": len(seated_online(room, online))}


def _shared(room: Room, online: AbstractSet[str]) -> _Shared:
    here = seated_online(room, online)
    settings = copy_settings(room.settings)
    notice = room.notice
    return _Shared(
        session={
            "code": room.code,
            "title": room.title,
            "question": room.question,
            "settings": settings,
            "notice": {"text": notice.text, "at": notice.at} if notice is not None else None,
        },
        phase={
            "name": room.phase.name,
            "ends_at": room.phase.ends_at,
            "paused_left": room.phase.paused_left,
        },
        people={"total": room.active, "online": len(here)},  # as people_counts
        online=here,
    )


def _waiting(shared: _Shared) -> dict[str, Any]:
    return {
        "session": dict(shared.session),
        "phase": dict(shared.phase),
        "participants": dict(shared.people),
    }


def _base(
    room: Room, key: str, online: AbstractSet[str], shared: _Shared, parts: ViewCache
) -> dict[str, Any]:
    if key == WAITING:
        return _waiting(shared)
    if key == BOARD:
        return _view(room, online, shared, parts, board=True)
    if key.startswith(GROUP):
        return _view(room, online, shared, parts, group=room.group(key[len(GROUP) :]))
    return _view(room, online, shared, parts)


def _view(
    room: Room,
    online: AbstractSet[str],
    shared: _Shared,
    parts: ViewCache,
    *,
    host: bool = False,
    group: Group | None = None,
    board: bool = False,
) -> dict[str, Any]:
    """One view. `group`: that group's members' base; `board`: the projector's with groups
    (no pairs, no ideas before the plenary); `host`: everything the host sees; neither:
    everyone's without groups or from the plenary on. The host's people, pairs and board
    ideas and every group's progress come from `parts`, group by group."""
    plenary = room.plenary is not None
    # the groups' counts: for the host and the board, and for choosing one in the lobby
    shown = host or board or room.phase.name == "lobby"
    only = group if group is not None else (room.groups[0] if not room.grouped else None)
    people = dict(shared.people)
    if host:
        people["list"] = parts.people(room, online, shared)
    show_names = host or not room.settings["anonymous"]
    if host:
        pairs = parts.pairs(room, online, shared)
    elif group is not None:
        pairs = [_pair(room, room.pairs[room.pair_index[i]], show_names) for i in group.pairs]
    elif board and not plenary:
        pairs = []
    else:
        pairs = [_pair(room, pair, show_names) for pair in room.pairs]
    if plenary:
        ideas = _plenary_ideas(room, host)
    elif host:
        ideas = parts.ideas(room, online, shared)
    elif group is not None:
        ideas = _board_ideas(room, group.board, host)
    elif board:
        ideas = []
    else:
        ideas = _board_ideas(room, room.board, host)
    if only is not None and not plenary:
        explain = {
            "order": list(only.explain_order),
            "current": only.explain_current,
            "ends_at": spotlight_ends_at(room, only),
        }
    else:
        explain = {"order": [], "current": None, "ends_at": None}
    return {
        "session": dict(shared.session),
        "phase": dict(shared.phase),
        "participants": people,
        "progress": _progress(room, shared, group, parts),
        "groups": parts.groups(room, online, shared, host) if room.grouped and shown else [],
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
        "explain": explain,
        "rank": _rank(room, only),
        "plenary": {"current": room.plenary_current} if plenary else None,
        "record": record_view(room),  # what the facilitator changed: one list for every view
    }


def _rank(room: Room, group: Group | None) -> dict[str, Any]:
    """The round in force: the plenary's once it is voted, else the group round's."""
    if room.plenary_voted:
        return {"budget": room.plenary_budget, "voter": "person", "revealed": room.plenary_revealed}
    return {
        "budget": group.budget if group is not None else None,
        "voter": room.settings["rank"]["voter"],
        "revealed": room.revealed,
    }


def _board_ideas(room: Room, board: list[str], host: bool) -> list[dict[str, Any]]:
    """Ideas of group boards, with the group round's totals (each group ranks its own)."""
    show = room.revealed or (host and rank_started(room))
    grouped = room.grouped
    ideas: list[dict[str, Any]] = []
    for idea_id in board:
        idea = room.ideas[idea_id]
        if idea.hidden and not host:
            continue
        ranks, places = ranking(room, idea.group_id or "") if show else ({}, {})
        ideas.append(
            _idea(
                idea,
                host,
                show,
                idea.points,
                len(idea.votes_by),
                len(idea.org_counts),
                ranks,
                places,
                grouped,
            )
        )
        ideas[-1].update(breadth_fields(room, idea, show, False))
    return ideas


def _plenary_ideas(room: Room, host: bool) -> list[dict[str, Any]]:
    """The plenary board: the plenary's totals, or the groups' when the vote was skipped."""
    voted = room.plenary_voted
    show = (room.plenary_revealed or host) if voted else (room.revealed or host)
    ideas: list[dict[str, Any]] = []
    for idea_id in room.plenary or []:
        idea = room.ideas[idea_id]
        if idea.hidden and not host:
            continue
        if voted:
            ranks, places = ranking(room, PLENARY) if show else ({}, {})
            tally = (idea.plenary_points, len(idea.plenary_votes_by), len(idea.plenary_org_counts))
        else:  # the group results stand: rank is the group rank
            ranks = {idea.id: idea.group_rank or 0}
            places = ranking(room, idea.group_id or "")[1] if show else {}
            tally = (idea.points, len(idea.votes_by), len(idea.org_counts))
        ideas.append(_idea(idea, host, show, *tally, ranks, places, True))
        ideas[-1].update(breadth_fields(room, idea, show, voted))
    return ideas


def _idea(
    idea: Idea,
    host: bool,
    show: bool,
    points: int,
    votes: int,
    orgs: int,
    ranks: dict[str, int],
    places: dict[str, int],
    grouped: bool,
) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": idea.id,
        "text": idea.text,
        "pair_id": idea.pair_id,
        "points": points if show else None,
        "rank": ranks.get(idea.id) if show else None,
        "cluster_id": idea.cluster_id,
        "group_id": idea.group_id if grouped else None,
        "group_rank": idea.group_rank,
        # the position in the ranking's tie-break order, the order of every export: shown
        # with the totals, so a board sorts by it instead of guessing the tie-break
        "place": places.get(idea.id) if show else None,
    }
    if host:
        item["hidden"] = idea.hidden
        item["votes"] = votes if show else None
        item["orgs"] = orgs if show else None
    return item


def _group_item(room: Room, group: Group, progress: dict[str, int], host: bool) -> dict[str, Any]:
    """A group's entry in `groups` (the host's has its Explain during Explain)."""
    item: dict[str, Any] = {
        "id": group.id,
        "label": group.label,
        "size": len(group.members),
        "progress": None if room.plenary is not None else progress,
    }
    if host and room.phase.name == "explain":
        item["explain"] = {
            "order": list(group.explain_order),
            "current": group.explain_current,
            "ends_at": spotlight_ends_at(room, group),
        }
    return item


def _progress(room: Room, shared: _Shared, group: Group | None, parts: ViewCache) -> dict[str, int]:
    """A group's progress for its members; the sum over groups for the host and the board
    (without groups: the one group's); session-wide from the plenary on."""
    name = room.phase.name
    if name == "reflect":  # session-wide, a count of people, never who
        return reflect_progress(room)
    if room.plenary is not None:
        if name == "plenary":
            return {"done": room.plenary_voters, "of": room.active}
        return _clustered(room, room.plenary)
    if group is not None:
        return _group_progress(room, group, shared.online)
    return parts.total(room, shared)


def _group_progress(room: Room, group: Group, online: frozenset[str]) -> dict[str, int]:
    """Version 1's progress, for one group."""
    name = room.phase.name
    members = group.members
    if name == "lobby":
        return {"done": sum(1 for pid in members if pid in online), "of": len(members)}
    if name == "own":  # done: have written; finished: said "I'm done" (own.done)
        people = [room.participants[pid] for pid in members]
        writers = sum(1 for person in people if person.ideas)
        finished = sum(1 for person in people if person.own_done)
        return {"done": writers, "of": len(members), "finished": finished}
    if name == "pair":
        pairs = [room.pairs[room.pair_index[pair_id]] for pair_id in group.pairs]
        pairs = [pair for pair in pairs if pair.members]  # an emptied pair leaves `of`
        return {"done": sum(pair.is_confirmed for pair in pairs), "of": len(pairs)}
    if name == "explain":
        return {"done": len(group.explain_seen), "of": len(group.explain_order)}
    if name == "rank":
        ballots = _group_ballots(room, group)
        return {"done": sum(1 for b in ballots if b.total > 0), "of": len(ballots)}
    return _clustered(room, group.board)


def _group_ballots(room: Room, group: Group) -> list[Ballot]:
    ids = dict.fromkeys(
        room.participants[pid].ballot_id
        for pid in group.members
        if room.participants[pid].ballot_id is not None
    )
    return [room.ballots[ballot_id] for ballot_id in ids if ballot_id is not None]


def _clustered(room: Room, board: list[str]) -> dict[str, int]:
    """Arrange and Done: voted ideas in a cluster, of voted ideas."""
    plenary = room.plenary_voted and board is room.plenary
    voted = clustered = 0
    for idea_id in board:
        idea = room.ideas[idea_id]
        points = idea.plenary_points if plenary else idea.points
        if points > 0 and not idea.hidden:
            voted += 1
            clustered += idea.cluster_id is not None
    return {"done": clustered, "of": voted}


def _person(room: Room, p: Participant, online: AbstractSet[str]) -> dict[str, Any]:
    """One entry of the host's `participants.list`."""
    return {
        "id": p.id,
        "name": p.name,
        "org": p.org,
        "online": p.id in online,
        "done": None if p.waiting else _done(room, p, online),
        "ideas": len(p.ideas),
        "own_done": p.own_done,
        "waiting": p.waiting,
        "group_id": p.group_id if room.grouped else None,
    }


def _pair(room: Room, pair: Pair, show_names: bool) -> dict[str, Any]:
    return {
        "id": pair.id,
        "label": pair.label,
        "members": _members(room, pair) if show_names else [],
        "confirmed": pair.is_confirmed,
        "group_id": pair.group_id if room.grouped else None,
    }


# -- the groups' pieces, kept between pushes ---------------------------------------------------


@dataclass(slots=True)
class _Part:
    """One group's pieces of the host's and the board's views; the host's are built only
    when a host view asks for them."""

    progress: dict[str, int]
    items: dict[bool, dict[str, Any]] = field(default_factory=dict)  # host? -> `groups` entry
    people: dict[str, dict[str, Any]] | None = None  # pid -> host list entry
    pairs: dict[str, dict[str, Any]] | None = None  # pair id -> host pair
    ideas: dict[str, dict[str, Any]] | None = None  # idea id -> host board idea


class ViewCache:
    """Every group's pieces of the host's and the board's views, as last built.

    The host's view holds every group's people, pairs and board ideas, and the host's and
    the board's hold every group's progress: rebuilt whole for each push, that is work for
    the whole event when one group changed. With a cache, a view takes each group's pieces
    from it and builds only the missing ones; `forget` drops the pieces of the groups a
    folded entry changed (`scope`), as soon as it is folded. Unchanged pieces are the same
    objects as in the view built before (views are read-only to their users). What every
    view shares (`_shared`: the session, the phase, the counts, who is online) is kept too,
    until a `forget(None)`: only entries out of `scope` and presence change it, so the
    caller forgets everything when who is online changes. The cache also drops every piece
    when the room object, the phase or the totals' visibility change, so a missed `forget`
    of those cannot serve a stale piece.
    """

    def __init__(self) -> None:
        self._parts: dict[str, _Part] = {}
        self._shared: tuple[Room, _Shared] | None = None
        self._checked: _Shared | None = None  # the shared part the pieces were checked for
        self._epoch: tuple[Any, ...] = ()
        self._total: dict[str, int] | None = None  # `total`, until a group is forgotten
        # the host's lists as last assembled (kind -> items, id -> position), and the
        # groups forgotten since: a scoped entry adds or removes no person, pair or idea
        self._lists: dict[str, tuple[list[dict[str, Any]], dict[str, int], set[str]]] = {}

    def forget(self, groups: AbstractSet[str] | None) -> None:
        """Drop these groups' pieces (None: every group's, and the shared part)."""
        if groups:
            self._total = None
        if groups is None:
            self._parts.clear()
            self._shared = None
            self._lists.clear()
            self._total = None
        else:
            for group_id in groups:
                self._parts.pop(group_id, None)
            for kept in self._lists.values():
                kept[2].update(groups)

    def shared(self, room: Room, online: AbstractSet[str]) -> _Shared:
        if self._shared is None or self._shared[0] is not room:
            self._shared = (room, _shared(room, online))
        return self._shared[1]

    def _check(self, room: Room, shared: _Shared) -> None:
        if shared is not self._checked:  # once per view built, not once per group
            self._checked = shared
            epoch = (id(room), room.phase.name, room.revealed, room.plenary is None, shared.online)
            if epoch != self._epoch:
                self._parts.clear()
                self._lists.clear()
                self._total = None
                self._epoch = epoch

    def total(self, room: Room, shared: _Shared) -> dict[str, int]:
        """The sum of every group's progress: the host's and the board's, summed once per
        push however many views show it (it walks all 200 groups)."""
        self._check(room, shared)
        if self._total is None:
            total: dict[str, int] = {}
            for each in room.groups:
                for name, count in self.part(room, each, shared).progress.items():
                    total[name] = total.get(name, 0) + count
            self._total = total or {"done": 0, "of": 0}
        return self._total

    def part(self, room: Room, group: Group, shared: _Shared) -> _Part:
        self._check(room, shared)
        part = self._parts.get(group.id)
        if part is None:
            part = self._parts[group.id] = _Part(_group_progress(room, group, shared.online))
        return part

    def warm(
        self, room: Room, online: AbstractSet[str], group_ids: Iterable[str], host: bool
    ) -> None:
        """Build these groups' pieces now (their progress; `host`: also their people, pairs
        and board ideas), so that a view built later only puts them together: the hub
        builds them a few groups at a time, between commands."""
        shared = self.shared(room, online)
        for group_id in group_ids:
            if group_id not in room.group_index:
                continue
            self.part(room, room.group(group_id), shared)
            if host:
                self._host_people(room, group_id, online, shared)
                self._host_pairs(room, group_id, shared)
                self._host_ideas(room, group_id, shared)

    def groups(
        self, room: Room, online: AbstractSet[str], shared: _Shared, host: bool
    ) -> list[dict[str, Any]]:
        result = []
        for group in room.groups:
            part = self.part(room, group, shared)
            item = part.items.get(host)
            if item is None:
                item = part.items[host] = _group_item(room, group, part.progress, host)
            result.append(item)
        return result

    def people(self, room: Room, online: AbstractSet[str], shared: _Shared) -> list[dict[str, Any]]:
        """The host's `participants.list`: participants not removed, join order."""
        again = self._reuse(
            "people", room, shared, lambda g: self._host_people(room, g, online, shared)
        )
        if again is not None:
            return again
        result = []
        groups: dict[str | None, dict[str, dict[str, Any]]] = {}
        for p in room.participants.values():
            if p.removed:
                continue
            built = groups.get(p.group_id)
            if built is None:
                built = groups[p.group_id] = self._host_people(room, p.group_id, online, shared)
            entry = built.get(p.id)
            result.append(entry if entry is not None else _person(room, p, online))
        return self._keep("people", result)

    def pairs(self, room: Room, online: AbstractSet[str], shared: _Shared) -> list[dict[str, Any]]:
        again = self._reuse("pairs", room, shared, lambda g: self._host_pairs(room, g, shared))
        if again is not None:
            return again
        result = []
        groups: dict[str | None, dict[str, dict[str, Any]]] = {}
        for pair in room.pairs:
            built = groups.get(pair.group_id)
            if built is None:
                built = groups[pair.group_id] = self._host_pairs(room, pair.group_id, shared)
            entry = built.get(pair.id)
            result.append(entry if entry is not None else _pair(room, pair, True))
        return self._keep("pairs", result)

    def ideas(self, room: Room, online: AbstractSet[str], shared: _Shared) -> list[dict[str, Any]]:
        """The host's board: every group's board ideas, hidden ones included."""
        again = self._reuse("ideas", room, shared, lambda g: self._host_ideas(room, g, shared))
        if again is not None:
            return again
        result = []
        groups: dict[str | None, dict[str, dict[str, Any]]] = {}
        for idea_id in room.board:
            group_id = room.ideas[idea_id].group_id
            built = groups.get(group_id)
            if built is None:
                built = groups[group_id] = self._host_ideas(room, group_id, shared)
            entry = built.get(idea_id)
            result.append(entry if entry is not None else _board_ideas(room, [idea_id], True)[0])
        return self._keep("ideas", result)

    def _reuse(
        self,
        kind: str,
        room: Room,
        shared: _Shared,
        rebuilt: Callable[[str], dict[str, dict[str, Any]]],
    ) -> list[dict[str, Any]] | None:
        """The list as last assembled with the items of the groups forgotten since rebuilt
        in place (a new list: the last view keeps its own), or None to assemble afresh."""
        self._check(room, shared)
        kept = self._lists.get(kind)
        if kept is None:
            return None
        items, index, owed = kept
        result = list(items)
        for group_id in owed:
            if group_id not in room.group_index:
                return None
            for item_id, item in rebuilt(group_id).items():
                at = index.get(item_id)
                if at is None:
                    return None
                result[at] = item
        self._lists[kind] = (result, index, set())
        return result

    def _keep(self, kind: str, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        self._lists[kind] = (items, {item["id"]: i for i, item in enumerate(items)}, set())
        return items

    def _group(self, room: Room, group_id: str | None, shared: _Shared) -> _Part | None:
        if group_id is None or group_id not in room.group_index:
            return None
        return self.part(room, room.group(group_id), shared)

    def _host_people(
        self, room: Room, group_id: str | None, online: AbstractSet[str], shared: _Shared
    ) -> dict[str, dict[str, Any]]:
        part = self._group(room, group_id, shared)
        if part is None:
            return {}
        if part.people is None:
            members = (room.participants[pid] for pid in room.group(group_id or "").members)
            part.people = {p.id: _person(room, p, online) for p in members}
        return part.people

    def _host_pairs(
        self, room: Room, group_id: str | None, shared: _Shared
    ) -> dict[str, dict[str, Any]]:
        part = self._group(room, group_id, shared)
        if part is None:
            return {}
        if part.pairs is None:
            pairs = (room.pairs[room.pair_index[i]] for i in room.group(group_id or "").pairs)
            part.pairs = {pair.id: _pair(room, pair, True) for pair in pairs}
        return part.pairs

    def _host_ideas(
        self, room: Room, group_id: str | None, shared: _Shared
    ) -> dict[str, dict[str, Any]]:
        part = self._group(room, group_id, shared)
        if part is None:
            return {}
        if part.ideas is None:
            ideas = _board_ideas(room, room.group(group_id or "").board, True)
            part.ideas = {idea["id"]: idea for idea in ideas}
        return part.ideas


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
        group = room.group_of(person.id)
        return pair is not None and group is not None and pair.id in group.explain_seen
    if name in ("rank", "plenary"):
        ballot = _ballot(room, person)
        return ballot is not None and ballot.total > 0
    return None


def _ballot(room: Room, person: Participant) -> Ballot | None:
    """The person's ballot in the round in force."""
    if room.plenary_voted:
        if person.plenary_ballot_id is None:
            return None
        return room.plenary_ballots.get(person.plenary_ballot_id)
    return room.ballots.get(person.ballot_id) if person.ballot_id is not None else None


def _members(room: Room, pair: Pair) -> list[dict[str, str]]:
    return [{"id": pid, "name": room.participants[pid].name} for pid in pair.members]


def _me(room: Room, pid: str, pair: Pair | None) -> dict[str, Any]:
    me = room.participants[pid]
    ideas = room.ideas
    mine = [ideas[i] for i in me.ideas]
    ballot = _ballot(room, me)
    votes: dict[str, int] = dict(ballot.votes) if ballot is not None else {}
    left = ballot.budget - ballot.total if ballot is not None else 0
    group = room.group_of(pid) if room.grouped else None
    return {
        "id": me.id,
        "name": me.name,
        "org": me.org,
        "ideas": [{"id": i.id, "text": i.text} for i in mine if not i.hidden],
        "pair": _my_pair(room, pair) if pair is not None else None,
        "votes": votes,
        "votes_left": left,
        "waiting": me.waiting,
        "own_done": me.own_done,
        "group": {"id": group.id, "label": group.label} if group is not None else None,
        "reflections": my_reflections(me),
        "feedback": my_feedback(me),
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
