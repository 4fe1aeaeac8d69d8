"""Explain: confirmed shortlists on the board, a seeded order, focus with a time box."""

from __future__ import annotations

from .scenario import Session


def explain_session(count: int = 6, confirm: bool = True) -> Session:
    s = Session()
    pids = s.people(count)
    s.write_ideas(pids)
    s.phase("pair")
    if confirm:
        s.confirm_all()
    return s


def test_the_board_is_empty_until_explain() -> None:
    s = explain_session()
    assert s.board()["ideas"] == []
    s.phase("explain")
    assert len(s.board()["ideas"]) == 6


def test_explain_puts_every_confirmed_shortlist_on_the_board_in_creation_order() -> None:
    s = explain_session()
    expected = sorted((i for p in s.room.pairs for i in p.shortlist), key=lambda i: int(i[1:]))
    s.phase("explain")
    ideas = s.board()["ideas"]
    assert [i["id"] for i in ideas] == expected
    pair_of = {i: p.id for p in s.room.pairs for i in p.pool}
    assert all(i["pair_id"] == pair_of[i["id"]] for i in ideas)


def test_unconfirmed_shortlists_and_unpicked_pool_ideas_stay_off_the_board() -> None:
    s = explain_session(confirm=False)
    first, second = s.room.pairs[:2]
    s.ok(first.members[0], "pair.shortlist", {"idea_ids": first.pool[:1]})
    for pid in first.members:
        s.ok(pid, "pair.confirm")
    s.ok(second.members[0], "pair.shortlist", {"idea_ids": second.pool[:1]})  # not confirmed
    unpicked = s.room.ideas[first.pool[1]].text
    s.phase("explain")
    assert [i["id"] for i in s.board()["ideas"]] == first.pool[:1]
    assert s.board()["explain"]["order"] == [first.id]
    assert unpicked not in str(s.board())
    assert unpicked not in str(s.view(second.members[0]))
    assert unpicked in str(s.view(first.members[1]))  # still in the pair's own pool


def test_explain_order_is_seeded_and_holds_every_pair_on_the_board() -> None:
    s = explain_session(count=12)
    s.phase("explain")
    order = s.board()["explain"]["order"]
    assert sorted(order) == sorted(p.id for p in s.room.pairs)
    again = explain_session(count=12)
    again.phase("explain")
    assert again.board()["explain"]["order"] == order


def test_explain_current_is_null_until_focus() -> None:
    s = explain_session()
    s.phase("explain")
    assert s.board()["explain"]["current"] is None


def test_focus_spotlights_a_pair_and_restarts_the_timer() -> None:
    s = explain_session()
    s.phase("explain")
    pair_id = s.room.groups[0].explain_order[1]
    outcome = s.host("explain.focus", {"pair_id": pair_id})
    view = s.board()
    assert view["explain"]["current"] == pair_id
    at = s.log[outcome.seq - 1]["at"]
    assert view["phase"]["ends_at"] == at + 60
    assert view["phase"]["paused_left"] is None


def test_focus_on_a_pair_not_on_the_board_is_not_found() -> None:
    s = explain_session()
    s.phase("explain")
    assert s.code("host", "explain.focus", {"pair_id": "pr99"}) == "not_found"


def test_focus_only_during_explain_and_by_the_host() -> None:
    s = explain_session()
    assert s.code("host", "explain.focus", {"pair_id": "pr1"}) == "wrong_phase"
    s.phase("explain")
    assert s.code("p0", "explain.focus", {"pair_id": "pr1"}) == "forbidden"


def test_explain_progress_counts_pairs_spotlighted() -> None:
    s = explain_session()
    s.phase("explain")
    assert s.board()["progress"] == {"done": 0, "of": 3}
    first = s.room.groups[0].explain_order[0]
    s.host("explain.focus", {"pair_id": first})
    s.host("explain.focus", {"pair_id": first})
    s.host("explain.focus", {"pair_id": s.room.groups[0].explain_order[2]})
    assert s.board()["progress"] == {"done": 2, "of": 3}


def test_explain_timer_defaults_to_seconds_per_pair_for_every_pair() -> None:
    s = explain_session()
    outcome = s.phase("explain")
    assert s.board()["phase"]["ends_at"] == s.log[outcome.seq - 1]["at"] + 3 * 60


def test_hide_takes_an_idea_off_board_participant_views_and_keeps_it_for_the_host() -> None:
    s = explain_session()
    s.phase("explain")
    idea = s.room.board[0]
    assert s.code("p0", "idea.hide", {"idea_id": idea}) == "forbidden"
    s.host("idea.hide", {"idea_id": idea})
    assert idea not in [i["id"] for i in s.board()["ideas"]]
    author_pair = s.room.ideas[idea].pair_id
    pair = s.room.pairs[s.room.pair_index[author_pair or ""]]
    assert idea not in str(s.view(pair.members[0]))
    hidden = [i for i in s.hostv()["ideas"] if i["id"] == idea]
    assert hidden and hidden[0]["hidden"] is True


def test_hide_is_refused_before_explain_and_for_ideas_not_on_the_board() -> None:
    s = explain_session()
    idea = s.room.pairs[0].pool[0]
    assert s.code("host", "idea.hide", {"idea_id": idea}) == "wrong_phase"
    s.phase("explain")
    off_board = next(i for i in s.room.ideas if not s.room.ideas[i].on_board)
    assert s.code("host", "idea.hide", {"idea_id": off_board}) == "not_found"


def test_seconds_per_pair_sets_the_focus_time_box() -> None:
    s = Session(settings={"explain": {"seconds_per_pair": 90}})
    pids = s.people(4)
    s.write_ideas(pids)
    s.phase("pair")
    s.confirm_all()
    s.phase("explain")
    outcome = s.host("explain.focus", {"pair_id": s.room.groups[0].explain_order[0]})
    assert s.board()["phase"]["ends_at"] == s.log[outcome.seq - 1]["at"] + 90
