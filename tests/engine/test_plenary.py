"""The plenary (version 2): the cut, the person ballots and caps, reveal per round, skipping,
Arrange on the plenary board, exports with groups; and notice.set in every session."""

from __future__ import annotations

import csv
import io

from opera.engine import export

from .scenario import Session
from .test_groups import grouped, to_rank


def voted_groups(top: int = 2, **more: object) -> Session:
    """Three groups of four in Rank, each with a board of two; in each group the first
    ballot backs the board's last idea of another pair."""
    s = grouped(
        12,
        4,
        rank={"voter": "person", "budget": 4, "own_pair_max": 4},
        plenary={"top": top, **more},
    )
    to_rank(s)
    for group in s.room.groups:
        voter = group.members[0]
        s.ok(voter, "vote.set", {"idea_id": group.board[-1], "points": 1})
    return s


def test_phase_start_plenary_without_groups_is_a_conflict() -> None:
    s = Session()
    s.to_rank(4)
    assert s.code("host", "phase.start", {"phase": "plenary"}) == "conflict"


def test_the_plenary_board_is_each_groups_top_in_group_order() -> None:
    s = voted_groups(top=2)
    expected = []
    for group in s.room.groups:
        last = group.board[-1]
        rest = [i for i in group.board if i != last]
        expected += [last, rest[0]]  # the voted idea first, then the earliest unvoted one
    s.phase("plenary")
    assert s.room.plenary == expected
    view = s.view("p0")
    assert [i["id"] for i in view["ideas"]] == expected
    assert [i["group_rank"] for i in view["ideas"]] == [1, 2] * 3
    assert {i["group_id"] for i in view["ideas"]} == {"g1", "g2", "g3"}
    assert view["plenary"] == {"current": None}


def test_a_group_with_fewer_ideas_than_plenary_top_adds_all_it_has() -> None:
    s = voted_groups(top=10)
    s.phase("plenary")
    assert len(s.room.plenary or []) == 6


def test_hidden_ideas_do_not_reach_the_plenary() -> None:
    s = voted_groups(top=1)
    g1 = s.room.groups[0]
    s.host("idea.hide", {"idea_id": g1.board[-1]})
    s.phase("plenary")
    assert g1.board[-1] not in (s.room.plenary or [])
    assert len(s.room.plenary or []) == 3


def test_plenary_ballots_are_person_ballots_with_plenary_budget() -> None:
    s = voted_groups(top=2, budget=3)
    s.phase("plenary")
    assert s.room.plenary_budget == 3
    me = s.me("p0")
    assert me["votes"] == {} and me["votes_left"] == 3
    assert s.view("p0")["rank"] == {"budget": 3, "voter": "person", "revealed": False}


def test_plenary_own_group_max_caps_points_on_ones_own_group() -> None:
    s = voted_groups(top=2, budget=4, own_group_max=1)
    s.phase("plenary")
    voter = s.room.groups[0].members[1]
    own = [i for i in s.room.plenary or [] if s.room.ideas[i].group_id == "g1"]
    other = [i for i in s.room.plenary or [] if s.room.ideas[i].group_id != "g1"]
    s.ok(voter, "vote.set", {"idea_id": own[0], "points": 1})
    assert s.code(voter, "vote.set", {"idea_id": own[1], "points": 1}) == "limit_reached"
    s.ok(voter, "vote.set", {"idea_id": other[0], "points": 1})
    assert s.code(voter, "vote.set", {"idea_id": other[1], "points": 2}) == "limit_reached"


def test_a_plenary_vote_on_an_idea_off_the_plenary_board_is_not_found() -> None:
    s = voted_groups(top=1)
    s.phase("plenary")
    off = next(i for i in s.room.board if i not in (s.room.plenary or []))
    assert s.code("p0", "vote.set", {"idea_id": off, "points": 1}) == "not_found"


def test_plenary_totals_are_hidden_until_the_plenary_reveal() -> None:
    s = voted_groups()
    s.host("rank.reveal")  # the group round
    s.phase("plenary")
    first = (s.room.plenary or [])[0]
    s.ok("p1", "vote.set", {"idea_id": first, "points": 1})
    assert all(i["points"] is None for i in s.view("p0")["ideas"])
    assert s.hostv()["ideas"][0]["points"] == 1
    s.host("rank.reveal")
    assert s.board()["ideas"][0]["points"] == 1 and s.board()["ideas"][0]["rank"] == 1
    assert s.code("p1", "vote.set", {"idea_id": first, "points": 0}) == "wrong_phase"


def test_plenary_progress_counts_people_with_a_plenary_point() -> None:
    s = voted_groups()
    s.phase("plenary")
    s.ok("p1", "vote.set", {"idea_id": (s.room.plenary or [])[0], "points": 1})
    assert s.board()["progress"] == {"done": 1, "of": 12}
    assert s.view("p5")["progress"] == {"done": 1, "of": 12}
    assert all(g["progress"] is None for g in s.board()["groups"])


def test_plenary_focus_spotlights_a_group_and_refuses_one_without_ideas() -> None:
    s = voted_groups()
    s.phase("plenary")
    timer = s.room.phase.ends_at
    s.host("plenary.focus", {"group_id": "g2"})
    assert s.board()["plenary"] == {"current": "g2"}
    assert s.room.phase.ends_at == timer
    assert s.code("host", "plenary.focus", {"group_id": "g9"}) == "not_found"
    assert s.code("p0", "plenary.focus", {"group_id": "g1"}) == "forbidden"


def test_plenary_focus_outside_the_plenary_is_the_wrong_phase() -> None:
    s = voted_groups()
    outcome = s.cmd("host", "plenary.focus", {"group_id": "g1"})  # still in Rank
    assert outcome.refusal is not None and outcome.refusal.code == "wrong_phase"
    assert outcome.refusal.reason == "plenary_focus_phase"
    s.phase("plenary")
    s.phase("arrange")
    assert s.code("host", "plenary.focus", {"group_id": "g1"}) == "wrong_phase"
    assert s.board()["plenary"] == {"current": None}


def test_group_results_are_frozen_at_the_plenary() -> None:
    s = voted_groups()
    s.phase("plenary")
    g1 = s.room.groups[0]
    idea = s.room.ideas[g1.board[-1]]
    assert idea.points == 1
    s.host("participant.remove", {"participant_id": g1.members[0]})
    assert idea.points == 1


def test_skipping_the_plenary_forms_the_board_with_the_group_results() -> None:
    s = voted_groups(top=1)
    s.host("rank.reveal")
    s.phase("arrange")
    assert s.room.plenary is not None and not s.room.plenary_voted
    ideas = s.board()["ideas"]
    assert [i["rank"] for i in ideas] == [1, 1, 1]
    assert [i["points"] for i in ideas] == [1, 1, 1]
    rows = export.rows(s.room)
    assert all(row["plenary_rank"] is None for row in rows)
    assert [row["group"] for row in rows] == ["Group 1"] * 2 + ["Group 2"] * 2 + ["Group 3"] * 2


def test_arrange_with_groups_works_on_the_plenary_board() -> None:
    s = voted_groups(top=1)
    s.phase("plenary")
    s.phase("arrange")
    plenary = s.room.plenary or []
    off = next(i for i in s.room.board if i not in plenary)
    assert s.code("host", "cluster.create", {"label": "x", "idea_ids": [off]}) == "not_found"
    s.host("cluster.create", {"label": "Care", "idea_ids": plenary[:2]})
    assert [i["id"] for i in s.hostv()["ideas"]] == plenary


def test_plenary_settings_are_locked_from_the_plenary_on() -> None:
    s = voted_groups()
    s.host("session.configure", {"settings": {"plenary": {"top": 1}}})
    s.phase("plenary")
    outcome = s.cmd("host", "session.configure", {"settings": {"plenary": {"top": 2}}})
    assert outcome.refusal is not None and outcome.refusal.code == "conflict"


def test_the_export_with_groups_puts_plenary_ideas_first_then_the_rest_by_group() -> None:
    s = voted_groups(top=1)
    s.phase("plenary")
    plenary = s.room.plenary or []
    s.ok("p1", "vote.set", {"idea_id": plenary[2], "points": 1})
    s.host("rank.reveal")
    rows = export.rows(s.room)
    tied = sorted(plenary[:2], key=lambda i: s.room.ideas[i].seq)  # ties: creation order
    assert [row["id"] for row in rows[:3]] == [plenary[2], *tied]
    assert rows[0]["plenary_rank"] == 1 and rows[0]["plenary_points"] == 1
    assert rows[0]["group_rank"] == 1 and rows[0]["group_points"] == 1
    rest = rows[3:]
    assert len(rest) == 3 and all(row["plenary_rank"] is None for row in rest)
    assert [row["group"] for row in rest] == ["Group 1", "Group 2", "Group 3"]
    header = next(csv.reader(io.StringIO(export.to_csv(s.room))))
    for column in ("group", "group_rank", "group_points", "plenary_rank", "plenary_points"):
        assert column in header
    data = export.to_json(s.room)
    assert data["groups"] == [{"id": f"g{n}", "label": f"Group {n}", "size": 4} for n in (1, 2, 3)]
    assert data["reflections"] == []
    markdown = export.to_markdown(s.room)
    assert (
        markdown.index("## Plenary") < markdown.index("## Group 1") < markdown.index("## Group 3")
    )


def test_pair_labels_are_unique_across_the_export() -> None:
    s = voted_groups()
    labels = {pair.label for pair in s.room.pairs}
    assert len(labels) == len(s.room.pairs)


def test_notice_set_shows_a_note_on_every_screen_and_empty_clears_it() -> None:
    s = Session()
    s.people(2)
    s.host("notice.set", {"text": "  Back at 11:15  "})
    for view in (s.board(), s.hostv(), s.view("p0")):
        assert view["session"]["notice"] == {"text": "Back at 11:15", "at": s.at}
    s.host("notice.set", {"text": ""})
    assert s.board()["session"]["notice"] is None
    assert s.code("host", "notice.set", {"text": "x" * 281}) == "limit_reached"
    assert s.code("p0", "notice.set", {"text": "hi"}) == "forbidden"
