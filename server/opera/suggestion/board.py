"""The ideas a suggestion groups: the board's visible ideas, exactly as the export lists them.

Reading them through `export.rows` keeps one rule for which ideas are on the board (hidden
ones are not); when breakout groups make the board the plenary board, the export follows and
so does this. They are sorted by id, so the answer does not move with the ranking.
"""

from __future__ import annotations

from opera.engine import Room, export

# An idea as the suggestion sees it: its id and its text.
Idea = tuple[str, str]


def _order(idea: Idea) -> tuple[int, str]:
    return (len(idea[0]), idea[0])  # "i9" before "i10"


def board_ideas(room: Room) -> tuple[Idea, ...]:
    return tuple(sorted(((row["id"], row["idea"]) for row in export.rows(room)), key=_order))
