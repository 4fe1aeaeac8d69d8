"""Explain: every confirmed shortlist goes on its group's board; pairs present in a seeded
order, group by group.

- Each group's board is its confirmed shortlists, in the order the ideas were created;
  `Room.board` is every group's board ideas, in that order too.
- `explain.focus` spotlights a pair: sent by the host, or (with groups) by any member of the
  pair's group (another group's pair: `not_found`). The last focus wins. The group's
  `explain_ends_at` is the focus time plus `seconds_per_pair`; without groups each focus also
  restarts the phase timer (so the two are the same moment), with groups it leaves it alone.
"""

from __future__ import annotations

import random

from . import marks
from .commands import ExplainFocusArgs
from .outcome import not_found
from .rules import Ctx, Verdict
from .state import Group, Room


def enter_explain(room: Room, rng: random.Random) -> None:
    """Put every confirmed shortlist on its group's board at once."""
    room.board = []
    for group in room.groups:
        pairs = [room.pairs[room.pair_index[pair_id]] for pair_id in group.pairs]
        confirmed = [pair for pair in pairs if pair.is_confirmed]
        on_board = [room.ideas[idea_id] for pair in confirmed for idea_id in pair.shortlist]
        on_board.sort(key=lambda idea: idea.seq)
        for idea in on_board:
            idea.on_board = True
            idea.group_id = group.id
        group.board = [idea.id for idea in on_board]
        room.board.extend(group.board)
        order = [pair.id for pair in confirmed]
        rng.shuffle(order)
        group.explain_order = order
        group.explain_current = None
        group.explain_seen = []
        group.explain_ends_at = None
        group.explain_left = None
    room.board.sort(key=lambda idea_id: room.ideas[idea_id].seq)
    room.votes_version += 1
    marks.touch_everyone()


def longest_order(room: Room) -> int:
    return max((len(group.explain_order) for group in room.groups), default=0)


def explain_focus(room: Room, ctx: Ctx, args: ExplainFocusArgs) -> Verdict:
    pair_index = room.pair_index.get(args.pair_id)
    group = room.group(room.pairs[pair_index].group_id) if pair_index is not None else None
    if group is None or args.pair_id not in group.explain_order:
        return not_found("pair_not_on_board")
    if ctx.sender != "host" and room.participants[ctx.sender].group_id != group.id:
        return not_found("pair_not_on_board")
    return lambda: _focus(room, ctx, group, args.pair_id)


def _focus(room: Room, ctx: Ctx, group: Group, pair_id: str) -> None:
    group.explain_current = pair_id
    if pair_id not in group.explain_seen:
        group.explain_seen.append(pair_id)
    group.explain_ends_at = ctx.at + room.setting("explain", "seconds_per_pair")
    group.explain_left = None
    if not room.grouped:
        room.phase.ends_at = group.explain_ends_at
        room.phase.paused_left = None


def spotlight_ends_at(room: Room, group: Group) -> float | None:
    """Without groups the spotlight's end is the phase timer's (which pauses and moves)."""
    if group.explain_current is None:
        return None
    return group.explain_ends_at if room.grouped else room.phase.ends_at


def pause_spotlights(room: Room, at: float) -> None:
    for group in room.groups:
        if group.explain_ends_at is not None:
            group.explain_left = max(0.0, group.explain_ends_at - at)
            group.explain_ends_at = None


def resume_spotlights(room: Room, at: float) -> None:
    for group in room.groups:
        if group.explain_left is not None:
            group.explain_ends_at = at + group.explain_left
            group.explain_left = None


def add_to_spotlights(room: Room, at: float, seconds: float) -> None:
    for group in room.groups:
        if group.explain_left is not None:
            group.explain_left = max(0.0, group.explain_left + seconds)
        elif group.explain_ends_at is not None:
            group.explain_ends_at += seconds
