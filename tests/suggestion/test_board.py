"""Which ideas are suggested: the board's visible ideas, and with breakout groups the
plenary board once it is made (engine sessions from tests/engine)."""

from engine.scenario import Session
from engine.test_plenary import voted_groups
from opera.suggestion.board import board_ideas


def ids(s: Session) -> list[str]:
    return [idea_id for idea_id, _ in board_ideas(s.room)]


def test_without_groups_the_visible_board_in_id_order() -> None:
    s = Session()
    s.to_rank(4)
    board = list(s.room.board)
    assert sorted(ids(s)) == sorted(board)
    assert ids(s) == sorted(board, key=lambda i: (len(i), i))
    s.host("idea.hide", {"idea_id": board[0]})
    assert board[0] not in ids(s)
    assert dict(board_ideas(s.room))[board[1]] == s.room.ideas[board[1]].text


def test_with_groups_the_plenary_board_once_it_is_made() -> None:
    s = voted_groups(top=1)
    every_group_board = {idea_id for group in s.room.groups for idea_id in group.board}
    assert set(ids(s)) == every_group_board  # before the plenary: the groups' boards
    s.phase("plenary")
    plenary = set(s.room.plenary or [])
    assert plenary and plenary < every_group_board
    assert set(ids(s)) == plenary
    s.phase("arrange")
    assert set(ids(s)) == plenary
