"""The plenary: each group's best ideas on one board, and one vote by everyone.

- `phase.start plenary` makes the plenary board: each group's top `plenary.top` visible
  ideas by the group's ranking (points, then ballots, then organisations, then creation),
  exactly that many or all the group has, group by group, each in its group's rank order.
  Each keeps its `group_rank` (the group's shared rank: 1, 2, 2, 4). The group round's
  results are frozen from then on. Everyone seated gets a person ballot with
  `plenary.budget` of the plenary board.
- Skipping from Rank to Arrange makes the same board with no plenary vote: points and ranks
  stay the group round's.
- `plenary.focus` spotlights a group's ideas on the plenary board; it leaves the timers alone.
"""

from __future__ import annotations

from . import marks
from .commands import GroupRefArgs
from .outcome import not_found
from .rank import plenary_ballot, ranking
from .rules import Ctx, Verdict
from .settings import budget_for
from .state import Room


def enter_plenary(room: Room, vote: bool) -> None:
    """Make the plenary board (once, with groups); with `vote`, the plenary ballots too."""
    if not room.grouped or room.plenary is not None:
        return
    top = room.setting("plenary", "top")
    board: list[str] = []
    for group in room.groups:
        ranks, places = ranking(room, group.id)
        best = sorted(places, key=places.__getitem__)[:top]
        for idea_id in best:
            idea = room.ideas[idea_id]
            idea.on_plenary = True
            idea.group_rank = ranks[idea_id]
        board.extend(best)
    room.plenary = board
    room.plenary_current = None
    room.plenary_voted = vote
    room.plenary_revealed = False
    if vote:
        room.plenary_budget = budget_for(room.setting("plenary", "budget"), len(board))
        for participant in room.participants.values():
            if participant.seated:
                plenary_ballot(room, participant)
    room.votes_version += 1
    marks.touch_everyone()


def plenary_focus(room: Room, ctx: Ctx, args: GroupRefArgs) -> Verdict:
    board = room.plenary or []
    if not any(room.ideas[idea_id].group_id == args.group_id for idea_id in board):
        return not_found("group_not_on_board")

    def apply() -> None:
        room.plenary_current = args.group_id

    return apply
