"""Breadth of support: organisations backing an idea, small ones never singled out, and
`rank.order: breadth` ranking by it."""

from __future__ import annotations

import json
from typing import Any

from opera.engine import room_from_dict, room_to_dict

from .scenario import Session
from .test_groups import to_rank


def voting(orgs: list[str | None], order: str = "points", people: int | None = None) -> Session:
    s = Session(
        settings={
            "rank": {"voter": "person", "budget": "100%", "own_pair_max": 100, "order": order}
        }
    )
    s.to_rank(people or len(orgs), orgs)
    return s


def vote(s: Session, pids: list[str], idea_id: str) -> None:
    for pid in pids:
        s.ok(pid, "vote.set", {"idea_id": idea_id, "points": 1})


def idea_in(view: dict[str, Any], idea_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(i for i in view["ideas"] if i["id"] == idea_id)
    return found


def test_breadth_counts_organisations_of_three_or_more_and_shows_with_the_totals() -> None:
    s = voting(["A", "B", "C"], people=9)  # three of each
    first = s.room.board[0]
    vote(s, ["p0", "p3", "p1", "p2"], first)  # A, A, B, C
    assert idea_in(s.board(), first)["breadth"] is None  # before the reveal
    assert idea_in(s.view("p5"), first)["breadth"] is None
    assert idea_in(s.hostv(), first)["breadth"] == 3  # the host sees totals from Rank on
    s.host("rank.reveal")
    for view in (s.board(), s.view("p5"), s.hostv()):
        assert idea_in(view, first)["breadth"] == 3
        assert idea_in(view, first)["breadth_groups"] is None  # no groups
    assert idea_in(s.board(), s.room.board[1])["breadth"] == 0


def test_organisations_under_three_count_together_as_one_other() -> None:
    # A has 3 people; B, C and D one each: 3 between them, so "other" counts once
    s = voting(["A", "B", "A", "C", "A", "D"])
    x, y, z = s.room.board[:3]
    vote(s, ["p1", "p3"], x)  # B and C: one "other"
    vote(s, ["p0", "p5"], y)  # A and D
    vote(s, ["p1"], z)  # B alone: the lone person of B is one of 3 in "other"
    s.host("rank.reveal")
    board = s.board()
    assert [idea_in(board, i)["breadth"] for i in (x, y, z)] == [1, 2, 1]


def test_small_organisations_under_three_between_them_add_nothing() -> None:
    # A has 4 people; B and C one each: too few to be told apart even together
    s = voting(["A", "B", "A", "C", "A", "A"])
    x, y = s.room.board[:2]
    vote(s, ["p1"], x)  # B's one person
    vote(s, ["p0", "p3"], y)  # A and C
    s.host("rank.reveal")
    board, host = s.board(), s.hostv()
    assert [idea_in(board, i)["breadth"] for i in (x, y)] == [0, 1]
    assert idea_in(board, x)["points"] == 1  # the points still count
    assert idea_in(host, y)["orgs"] == 2  # the host's raw count is unchanged


def test_people_without_an_organisation_add_no_breadth() -> None:
    s = voting(["A", None], people=6)
    x = s.room.board[0]
    vote(s, ["p1", "p3", "p5"], x)  # no organisation
    vote(s, ["p0"], x)
    s.host("rank.reveal")
    assert idea_in(s.board(), x)["breadth"] == 1


def test_breadth_follows_the_people_until_the_reveal_and_then_stays() -> None:
    s = voting(["A", "B", "C"], people=9)
    x = s.room.board[0]
    vote(s, ["p0", "p1"], x)  # A and B
    assert idea_in(s.hostv(), x)["breadth"] == 2
    s.host("participant.remove", {"participant_id": "p4"})  # B now has 2: merged, alone
    assert idea_in(s.hostv(), x)["breadth"] == 1  # the host's, before the reveal: as now
    s.host("rank.reveal")
    assert idea_in(s.board(), x)["breadth"] == 1
    s.latecomer("late", org="B")  # B has 3 again, after the reveal: nothing moves
    for view in (s.board(), s.hostv(), s.view("p2")):
        assert idea_in(view, x)["breadth"] == 1
    again = Session.__new__(Session)
    again.room = room_from_dict(json.loads(json.dumps(room_to_dict(s.room))))
    assert idea_in(again.board(), x)["breadth"] == 1  # a snapshot keeps the frozen sizes


def ranked(view: dict[str, Any]) -> list[tuple[str, int, int, int]]:
    ideas = sorted(view["ideas"], key=lambda i: i["place"])
    return [(i["id"], i["rank"], i["points"], i["breadth"]) for i in ideas]


def orders(order: str) -> tuple[Session, list[str]]:
    """x: 3 points from A only; y: 2 points from A and B; z: 2 points from A and C."""
    s = voting(["A", "B", "C"], order=order, people=9)
    x, y, z, w = s.room.board[:4]
    vote(s, ["p0", "p3", "p6"], x)
    vote(s, ["p0", "p1"], y)
    vote(s, ["p3", "p2"], z)
    s.host("rank.reveal")
    return s, [x, y, z, w]


def test_rank_order_points_is_the_default_ranking() -> None:
    s, (x, y, z, w) = orders("points")
    assert ranked(s.board())[:4] == [(x, 1, 3, 1), (y, 2, 2, 2), (z, 2, 2, 2), (w, 4, 0, 0)]


def test_rank_order_breadth_ranks_organisations_first_then_points_with_shared_ranks() -> None:
    s, (x, y, z, w) = orders("breadth")
    # y and z tie on breadth and points: one rank, creation order within it
    assert ranked(s.board())[:4] == [(y, 1, 2, 2), (z, 1, 2, 2), (x, 3, 3, 1), (w, 4, 0, 0)]
    assert ranked(s.hostv())[:4] == ranked(s.board())[:4]


def test_rank_order_breadth_breaks_equal_breadth_by_points() -> None:
    s = voting(["A", "B", "C"], order="breadth", people=9)
    x, y = s.room.board[:2]
    vote(s, ["p0", "p1"], x)  # A, B: 2 points
    vote(s, ["p0", "p3", "p1"], y)  # A, A, B: 3 points
    s.host("rank.reveal")
    assert [row[:2] for row in ranked(s.board())[:2]] == [(y, 1), (x, 2)]


def test_rank_order_is_chosen_before_rank_and_locked_from_then_on() -> None:
    s = Session()
    s.people(4)
    assert s.code("host", "session.configure", {"settings": {"rank": {"order": "most"}}}) == (
        "bad_request"
    )
    s.host("session.configure", {"settings": {"rank": {"order": "breadth"}}})
    assert s.board()["session"]["settings"]["rank"]["order"] == "breadth"
    s.write_ideas(["p0", "p1", "p2", "p3"], each=1)
    s.phase("pair")
    s.confirm_all(size=1)
    s.phase("explain")
    s.phase("rank")
    refused = s.code("host", "session.configure", {"settings": {"rank": {"order": "points"}}})
    assert refused == "conflict"


def test_plenary_ideas_show_how_many_groups_back_them() -> None:
    s = Session(settings={"groups": {"size": 4}, "plenary": {"own_group_max": 10}})
    s.people(8, orgs=["A", "B"])
    to_rank(s)
    s.phase("plenary")
    board = s.room.plenary or []
    first = s.room.ideas[board[0]]
    voters = [p.id for p in s.room.participants.values()]
    same = [pid for pid in voters if s.room.participants[pid].group_id == first.group_id]
    other = [pid for pid in voters if pid not in same]
    vote(s, same[:2] + other[:1], first.id)
    assert idea_in(s.board(), first.id)["breadth_groups"] is None  # before the reveal
    s.host("rank.reveal")
    shown = idea_in(s.board(), first.id)
    assert shown["breadth_groups"] == 2 and shown["points"] == 3
    assert shown["breadth"] == len({s.room.participants[p].org for p in same[:2] + other[:1]})


def plenary_cut(order: str) -> tuple[Session, str, str]:
    """In the first group, x has 3 points from one organisation, y 2 from two."""
    s = Session(
        settings={
            "groups": {"size": 4},
            "plenary": {"top": 1},
            "rank": {
                "voter": "person",
                "budget": 10,
                "max_per_idea": 2,
                "own_pair_max": 10,
                "order": order,
            },
        }
    )
    s.people(8, orgs=["A", "B"])  # 4 of each: both count on their own
    to_rank(s)
    group = s.room.groups[0]
    x, y = group.board[:2]
    a = [p for p in group.members if s.room.participants[p].org == "A"]
    b = [p for p in group.members if s.room.participants[p].org == "B"]
    s.ok(a[0], "vote.set", {"idea_id": x, "points": 2})
    s.ok(a[1], "vote.set", {"idea_id": x, "points": 1})
    s.ok(a[1], "vote.set", {"idea_id": y, "points": 1})
    s.ok(b[0], "vote.set", {"idea_id": y, "points": 1})
    s.phase("plenary")
    return s, x, y


def test_the_plenary_cut_follows_rank_order() -> None:
    s, x, y = plenary_cut("points")
    assert x in (s.room.plenary or []) and y not in (s.room.plenary or [])
    s, x, y = plenary_cut("breadth")
    assert y in (s.room.plenary or []) and x not in (s.room.plenary or [])
    assert s.room.ideas[y].group_rank == 1
