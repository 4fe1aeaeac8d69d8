"""The ideas a suggestion groups: the visible ideas of the board in force, the ones
`cluster.create` accepts.

They are read through `export.rows` (one rule for which ideas count: hidden ones do not)
and kept when `arrange.on_current_board` says Arrange may place them: with breakout groups
that is the plenary board once it is made, so the ideas that stayed on the groups' boards
are left out. They are sorted by id, so the answer does not move with the ranking.
"""

from __future__ import annotations

from opera.engine import Room, export
from opera.engine.arrange import on_current_board

# An idea as the suggestion sees it: its id and its text.
Idea = tuple[str, str]


def _order(idea: Idea) -> tuple[int, str]:
    return (len(idea[0]), idea[0])  # "i9" before "i10"


def board_ideas(room: Room) -> tuple[Idea, ...]:
    rows = export.rows(room)
    ideas = [(r["id"], r["idea"]) for r in rows if on_current_board(room, room.ideas[r["id"]])]
    return tuple(sorted(ideas, key=_order))
