"""Explain: every confirmed shortlist goes on the board; pairs present in a seeded order."""

from __future__ import annotations

import random

from .commands import ExplainFocusArgs
from .outcome import not_found
from .rules import Ctx, Verdict
from .state import Room


def enter_explain(room: Room, rng: random.Random) -> None:
    """Put every confirmed shortlist on the board at once, in the order ideas were created."""
    confirmed = [pair for pair in room.pairs if pair.is_confirmed]
    on_board = [room.ideas[idea_id] for pair in confirmed for idea_id in pair.shortlist]
    on_board.sort(key=lambda idea: idea.seq)
    for idea in on_board:
        idea.on_board = True
    room.board = [idea.id for idea in on_board]
    order = [pair.id for pair in confirmed]
    rng.shuffle(order)
    room.explain_order = order
    room.explain_current = None
    room.explain_seen = []
    room.votes_version += 1
    room.touched_all = True


def explain_focus(room: Room, ctx: Ctx, args: ExplainFocusArgs) -> Verdict:
    if args.pair_id not in room.explain_order:
        return not_found("That pair has no shortlist on the board.")

    def apply() -> None:
        room.explain_current = args.pair_id
        if args.pair_id not in room.explain_seen:
            room.explain_seen.append(args.pair_id)
        room.phase.ends_at = ctx.at + room.setting("explain", "seconds_per_pair")
        room.phase.paused_left = None

    return apply
