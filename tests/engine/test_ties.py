"""Ties are ordered the same everywhere: `ideas[].place` in every view after the reveal is the
ranking's tie-break, and every export lists ideas in that order; Markdown says "1 point"."""

from __future__ import annotations

import csv
import io

from opera.engine.export import rows, to_csv, to_json, to_markdown

from .scenario import Session


def tied_session() -> tuple[Session, list[str]]:
    """Four ideas on 2 points each, told apart only by ballots, organisations, creation."""
    s = Session(
        settings={"rank": {"voter": "person", "max_per_idea": 2, "budget": 4, "own_pair_max": 4}}
    )
    pids = s.people(6, ["NHS", "NHS", "Council", "Council", "Charity", "Charity"])
    s.write_ideas(pids, each=1)
    s.phase("pair")
    s.confirm_all(size=1)
    s.phase("explain")
    s.phase("rank")
    first, second, third = s.room.board  # creation order
    s.ok("p0", "vote.set", {"idea_id": first, "points": 2})  # one ballot
    s.ok("p0", "vote.set", {"idea_id": second, "points": 1})  # two ballots, one org
    s.ok("p1", "vote.set", {"idea_id": second, "points": 1})
    s.ok("p2", "vote.set", {"idea_id": third, "points": 1})  # two ballots, two orgs
    s.ok("p4", "vote.set", {"idea_id": third, "points": 1})
    return s, [third, second, first]


def test_every_view_carries_the_tie_break_once_revealed() -> None:
    s, expected = tied_session()
    assert all(i["place"] is None for i in s.board()["ideas"])  # hidden before the reveal
    assert all(i["place"] is None for i in s.view("p3")["ideas"])
    s.host("rank.reveal")
    for view in (s.board(), s.view("p3"), s.hostv()):
        ideas = view["ideas"]
        assert [i["rank"] for i in ideas] == [1, 1, 1]  # one shared rank
        assert [i["id"] for i in sorted(ideas, key=lambda i: i["place"])] == expected
        assert [i["id"] for i in ideas] == s.room.board  # the array itself is not re-sorted


def test_the_csv_json_and_markdown_follow_the_same_order() -> None:
    s, expected = tied_session()
    s.host("rank.reveal")
    table = list(csv.DictReader(io.StringIO(to_csv(s.room))))
    board = sorted(s.board()["ideas"], key=lambda i: i["place"])
    assert [row["id"] for row in table] == [i["id"] for i in board] == expected
    assert [i["id"] for i in to_json(s.room)["ideas"]] == expected
    assert [row["id"] for row in rows(s.room)] == expected
    markdown = to_markdown(s.room)
    texts = [s.room.ideas[i].text for i in expected]
    spots = [markdown.index(f"| {text} |") for text in texts]
    assert spots == sorted(spots)


def test_markdown_says_one_point_not_one_pts() -> None:
    s = Session(settings={"rank": {"voter": "person"}})
    pids = s.people(4)
    s.write_ideas(pids, each=1)
    s.phase("pair")
    s.confirm_all(size=1)
    s.phase("explain")
    s.phase("rank")
    s.ok("p0", "vote.set", {"idea_id": s.room.board[0], "points": 1})
    s.host("rank.reveal")
    s.phase("arrange")
    s.host("cluster.create", {"label": "First", "idea_ids": [s.room.board[0]]})
    markdown = to_markdown(s.room)
    assert "1 pts" not in markdown and "0 pts" not in markdown
    assert "(rank 1, 1 point)" in markdown
    assert "(0 points)" in markdown  # the parked idea
