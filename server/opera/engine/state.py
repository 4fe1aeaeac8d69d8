"""The room's state: plain mutable dataclasses, updated in place by the reducer.

Every field is JSON-safe (see `snapshot.py`), except the caches marked below, which are
derived and rebuilt on demand.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

# The one source of the phases and their order; every phase set is derived from it.
PhaseName = Literal[
    "lobby", "own", "pair", "explain", "rank", "plenary", "arrange", "reflect", "done"
]
PHASES: tuple[str, ...] = get_args(PhaseName)
PHASE_INDEX: dict[str, int] = {name: index for index, name in enumerate(PHASES)}


def phases_from(first: str, last: str = "done") -> frozenset[str]:
    """The phases from `first` to `last`, both included."""
    return frozenset(PHASES[PHASE_INDEX[first] : PHASE_INDEX[last] + 1])


RETRY_MEMORY = 256  # acknowledged command ids remembered per sender


@dataclass(slots=True)
class Participant:
    id: str
    name: str
    org: str | None
    org_key: str | None  # trimmed and case-folded, for comparing organisations
    key: str  # sha256 of the token
    joined_seq: int
    removed: bool = False
    waiting: bool = False  # a latecomer the host has not let in yet (join.late: admit)
    pair_id: str | None = None
    ballot_id: str | None = None  # the group round's ballot
    plenary_ballot_id: str | None = None
    group_id: str | None = None  # None only while waiting
    chose: bool = False  # picked their group with group.choose (assign: choose)
    ideas: list[str] = field(default_factory=list)  # Own-phase ideas written by them
    held: list[str] = field(default_factory=list)  # ideas that follow them into a pair pool
    own_done: bool = False  # said "I'm done" in Own (own.done)
    reflections: dict[str, str] = field(default_factory=dict)  # prompt index -> answer
    feedback_score: int | None = None  # 1 to 5 (feedback.set)
    feedback_text: str = ""

    @property
    def seated(self) -> bool:
        """Taking part: not removed, and not a latecomer still waiting to be let in."""
        return not self.removed and not self.waiting


@dataclass(slots=True)
class Idea:
    id: str
    seq: int
    text: str
    author: str
    holder: str  # whose pair pool carries the idea (the author, or a partner after removal)
    written_in: str  # "own" or "pair"
    pair_id: str | None = None  # the pool (and later the board pair) it belongs to
    group_id: str | None = None  # its group's, once on the board
    on_board: bool = False
    on_plenary: bool = False
    hidden: bool = False
    cluster_id: str | None = None
    points: int = 0  # the group round's (frozen at phase.start plenary)
    votes_by: dict[str, int] = field(default_factory=dict)  # ballot id -> points (> 0)
    org_counts: dict[str, int] = field(default_factory=dict)  # org key -> backing ballots
    group_rank: int | None = None  # set at phase.start plenary for plenary ideas
    plenary_points: int = 0
    plenary_votes_by: dict[str, int] = field(default_factory=dict)
    plenary_org_counts: dict[str, int] = field(default_factory=dict)


@dataclass(slots=True)
class Pair:
    id: str
    label: str
    members: list[str]  # current members (removed participants leave)
    group_id: str = ""
    pool: list[str] = field(default_factory=list)  # idea ids, creation order
    shortlist: list[str] = field(default_factory=list)
    confirmed: list[str] = field(default_factory=list)  # pids, in confirmation order

    @property
    def is_confirmed(self) -> bool:
        """Shortlist not empty and every current member confirmed it."""
        if not self.shortlist or not self.members:
            return False
        return all(pid in self.confirmed for pid in self.members)


@dataclass(slots=True)
class Ballot:
    id: str  # "pair:<pair id>" or "person:<pid>"
    members: list[str]  # the pids who vote on it
    pair_id: str | None  # the ballot's own pair, for own_pair_max
    orgs: list[str]  # org keys of its members when it was made
    group_id: str = ""  # its group (for own_group_max in the plenary)
    plenary: bool = False  # a plenary ballot (else the group round's)
    budget: int = 0
    votes: dict[str, int] = field(default_factory=dict)  # idea id -> points (> 0)
    total: int = 0
    own_total: int = 0  # points on its own pair's ideas


@dataclass(slots=True)
class Group:
    """One breakout group: a version 1 session of its members from Own to Rank. A session
    without groups is one group (`Room.grouped` false), on the same code path."""

    id: str
    label: str
    members: list[str] = field(default_factory=list)  # seated pids, join order
    pairs: list[str] = field(default_factory=list)  # pair ids, creation order
    board: list[str] = field(default_factory=list)  # idea ids, creation order
    explain_order: list[str] = field(default_factory=list)
    explain_current: str | None = None
    explain_seen: list[str] = field(default_factory=list)
    explain_ends_at: float | None = None
    explain_left: float | None = None  # while the timer is paused
    budget: int | None = None  # fixed at phase.start rank


@dataclass(slots=True)
class Notice:
    text: str
    at: float


@dataclass(slots=True)
class Cluster:
    id: str
    label: str
    idea_ids: list[str] = field(default_factory=list)
    owner: str | None = None
    action: str | None = None


@dataclass(slots=True)
class Phase:
    name: str = "lobby"
    ends_at: float | None = None
    paused_left: float | None = None


@dataclass(slots=True)
class Room:
    code: str
    title: str
    question: str
    settings: dict[str, Any]
    host_key: str
    created_at: float
    seq: int = 1
    last_at: float = 0.0
    phase: Phase = field(default_factory=Phase)
    participants: dict[str, Participant] = field(default_factory=dict)  # join order
    keys: dict[str, str] = field(default_factory=dict)  # key -> pid, active only
    active: int = 0  # admitted participants not removed
    waiting: list[str] = field(default_factory=list)  # latecomers not let in yet, join order
    own_writers: int = 0  # active participants with at least one Own idea
    ideas: dict[str, Idea] = field(default_factory=dict)
    pairs: list[Pair] = field(default_factory=list)
    pair_index: dict[str, int] = field(default_factory=dict)
    pair_history: list[list[str]] = field(default_factory=list)  # sorted pid pairs ever paired
    shuffles: int = 0
    # What pairs.unshuffle restores: {"before": pair records, "after": pair records,
    # "history": len(pair_history)} from the last shuffle; None when there is nothing to undo.
    unshuffle: dict[str, Any] | None = None
    groups: list[Group] = field(default_factory=lambda: [Group(id="g1", label="Group 1")])
    group_index: dict[str, int] = field(default_factory=lambda: {"g1": 0})
    grouped: bool = False  # breakout groups formed (else the one group is the session)
    board: list[str] = field(default_factory=list)  # every group's board ideas, creation order
    revealed: bool = False  # the group round's totals
    ballots: dict[str, Ballot] = field(default_factory=dict)  # the group round's
    ballots_voted: int = 0  # group-round ballots with at least one point
    plenary: list[str] | None = None  # the plenary board (idea ids), from phase.start plenary
    plenary_voted: bool = False  # the plenary vote took place (not skipped)
    plenary_current: str | None = None
    plenary_budget: int | None = None
    plenary_revealed: bool = False
    plenary_ballots: dict[str, Ballot] = field(default_factory=dict)
    plenary_voters: int = 0  # plenary ballots with at least one point
    notice: Notice | None = None
    reflect_seed: int | None = None  # the exports' shuffle of reflections, drawn at Reflect
    clusters: dict[str, Cluster] = field(default_factory=dict)
    # Breadth's sizes (org key or group id -> people) frozen at each round's reveal (breadth.py)
    breadth_frozen: dict[str, dict[str, int]] = field(default_factory=dict)
    # What the facilitator changed (record.py): {kind, at, ...safe params}, append-only.
    record: list[dict[str, Any]] = field(default_factory=list)
    acked: dict[str, dict[str, int]] = field(default_factory=dict)
    # Derived caches, not part of the state.
    votes_version: int = 0
    ranking_cache: dict[str, tuple[Any, dict[str, int], dict[str, int]]] = field(
        default_factory=dict
    )
    # round -> (stamp, breadth.Standing)
    breadth_cache: dict[str, tuple[Any, Any]] = field(default_factory=dict)

    def acked_ids(self, sender: str) -> Mapping[str, int]:
        """The sender's last 256 acknowledged command ids, each with its seq."""
        return self.acked.get(sender, {})

    def pid_for_key(self, key: str) -> str | None:
        """The participant holding this key, or None when unknown or removed."""
        return self.keys.get(key)

    def pair_of(self, pid: str) -> Pair | None:
        participant = self.participants.get(pid)
        if participant is None or participant.pair_id is None:
            return None
        return self.pairs[self.pair_index[participant.pair_id]]

    def group(self, group_id: str) -> Group:
        return self.groups[self.group_index[group_id]]

    def group_of(self, pid: str) -> Group | None:
        group_id = self.participants[pid].group_id
        return self.groups[self.group_index[group_id]] if group_id is not None else None

    def setting(self, section: str, name: str) -> Any:
        return self.settings[section][name]

    @property
    def phase_index(self) -> int:
        return PHASE_INDEX[self.phase.name]
