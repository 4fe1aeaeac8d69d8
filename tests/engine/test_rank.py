"""Rank: budget, voter pair or person, caps, hidden totals, reveal, ranks and ties."""

from __future__ import annotations

from opera.engine import refusal

from .scenario import Session


def test_budget_is_a_share_of_the_board_rounded_up() -> None:
    s = Session()
    s.to_rank(6)  # 6 ideas on the board, 25% -> 1.5 -> 2
    assert s.room.groups[0].budget == 2
    assert s.board()["rank"]["budget"] == 2


def test_budget_is_at_least_one() -> None:
    s = Session(settings={"rank": {"budget": "1%"}})
    s.to_rank(4)
    assert s.room.groups[0].budget == 1


def test_budget_can_be_a_fixed_number() -> None:
    s = Session(settings={"rank": {"budget": 3}})
    s.to_rank(4)
    assert s.room.groups[0].budget == 3


def test_budget_is_fixed_when_rank_starts() -> None:
    s = Session()
    s.to_rank(6)
    s.host("idea.hide", {"idea_id": s.room.board[0]})
    assert s.room.groups[0].budget == 2


def test_votes_left_is_zero_before_rank_and_the_budget_after() -> None:
    s = Session()
    pids = s.people(4)
    s.write_ideas(pids)
    assert s.me(pids[0])["votes"] == {} and s.me(pids[0])["votes_left"] == 0
    s.phase("pair")
    s.confirm_all()
    s.phase("explain")
    s.phase("rank")
    assert s.me(pids[0])["votes_left"] == s.room.groups[0].budget


def test_with_voter_pair_both_members_share_one_ballot() -> None:
    s = Session()
    s.to_rank(4)
    pair = s.room.pairs[0]
    a, b = pair.members
    idea = s.foreign_idea(a)
    s.ok(a, "vote.set", {"idea_id": idea, "points": 1})
    assert s.me(b)["votes"] == {idea: 1}
    assert s.me(b)["votes_left"] == (s.room.groups[0].budget or 0) - 1
    s.ok(b, "vote.set", {"idea_id": idea, "points": 0})
    assert s.me(a)["votes"] == {}


def test_with_voter_person_everyone_has_a_ballot() -> None:
    s = Session(settings={"rank": {"voter": "person"}})
    s.to_rank(4)
    a, b = s.room.pairs[0].members
    idea = s.foreign_idea(a)
    s.ok(a, "vote.set", {"idea_id": idea, "points": 1})
    assert s.me(b)["votes"] == {}
    assert s.board()["progress"] == {"done": 1, "of": 4}


def test_budget_is_a_limit() -> None:
    s = Session(settings={"rank": {"budget": 1}})
    pids = s.to_rank(6)
    a = pids[0]
    others = [i for i in s.room.board if s.room.ideas[i].pair_id != s.room.participants[a].pair_id]
    s.ok(a, "vote.set", {"idea_id": others[0], "points": 1})
    assert s.code(a, "vote.set", {"idea_id": others[1], "points": 1}) == "limit_reached"
    s.ok(a, "vote.set", {"idea_id": others[0], "points": 0})
    assert s.code(a, "vote.set", {"idea_id": others[1], "points": 1}) is None


def test_max_per_idea_is_a_limit() -> None:
    s = Session(settings={"rank": {"budget": 5, "max_per_idea": 2}})
    pids = s.to_rank(6)
    idea = s.foreign_idea(pids[0])
    assert s.code(pids[0], "vote.set", {"idea_id": idea, "points": 3}) == "limit_reached"
    assert s.code(pids[0], "vote.set", {"idea_id": idea, "points": 2}) is None


def test_own_pair_max_counts_points_on_the_ballots_own_pair() -> None:
    s = Session(settings={"rank": {"budget": 5, "own_pair_max": 1}})
    pids = s.to_rank(6)
    a = pids[0]
    mine = [i for i in s.room.board if s.room.ideas[i].pair_id == s.room.participants[a].pair_id]
    assert len(mine) == 2
    s.ok(a, "vote.set", {"idea_id": mine[0], "points": 1})
    assert s.code(a, "vote.set", {"idea_id": mine[1], "points": 1}) == "limit_reached"


def test_own_pair_max_zero_forbids_voting_for_your_own_pair() -> None:
    s = Session(settings={"rank": {"own_pair_max": 0}})
    pids = s.to_rank(4)
    assert s.code(pids[0], "vote.set", {"idea_id": s.own_idea(pids[0]), "points": 1}) == (
        "limit_reached"
    )


def test_voting_for_an_idea_not_on_the_board_is_not_found() -> None:
    s = Session()
    pids = s.to_rank(4)
    off = next(i for i in s.room.ideas if not s.room.ideas[i].on_board)
    assert s.code(pids[0], "vote.set", {"idea_id": off, "points": 1}) == "not_found"
    assert s.code(pids[0], "vote.set", {"idea_id": "i424242", "points": 1}) == "not_found"


def test_negative_points_are_bad_request() -> None:
    s = Session()
    pids = s.to_rank(4)
    assert s.code(pids[0], "vote.set", {"idea_id": s.room.board[0], "points": -1}) == (
        "bad_request"
    )


def test_votes_only_during_rank() -> None:
    s = Session()
    pids = s.to_rank(4)
    s.phase("arrange")
    assert s.code(pids[0], "vote.set", {"idea_id": s.room.board[0], "points": 1}) == ("wrong_phase")


def test_totals_are_hidden_from_everyone_but_the_host_until_revealed() -> None:
    s = Session()
    pids = s.to_rank(4)
    s.ok(pids[0], "vote.set", {"idea_id": s.foreign_idea(pids[0]), "points": 1})
    assert all(i["points"] is None and i["rank"] is None for i in s.board()["ideas"])
    assert all(i["points"] is None for i in s.view(pids[1])["ideas"])
    host = s.hostv()["ideas"]
    assert sum(i["points"] for i in host) == 1
    assert all(isinstance(i["rank"], int) for i in host)
    s.host("rank.reveal")
    assert sum(i["points"] for i in s.board()["ideas"]) == 1
    assert s.board()["rank"]["revealed"] is True


def test_host_points_are_null_before_rank_and_zero_when_unvoted_after() -> None:
    s = Session()
    pids = s.people(4)
    s.write_ideas(pids)
    s.phase("pair")
    s.confirm_all()
    s.phase("explain")
    assert all(i["points"] is None for i in s.hostv()["ideas"])
    s.phase("rank")
    assert all(i["points"] == 0 and i["rank"] == 1 for i in s.hostv()["ideas"])


def test_reveal_is_refused_before_rank_and_for_participants() -> None:
    s = Session()
    s.people(2)
    assert s.code("host", "rank.reveal") == "wrong_phase"
    assert s.code("p0", "rank.reveal") == "forbidden"


def test_ties_share_a_rank() -> None:
    s = Session(settings={"rank": {"voter": "person", "budget": 10, "own_pair_max": 10}})
    pids = s.to_rank(4)  # 4 ideas on the board
    a, b, c, d = s.room.board
    for pid, idea in [(pids[0], a), (pids[1], a), (pids[2], b), (pids[3], c)]:
        s.ok(pid, "vote.set", {"idea_id": idea, "points": 1})
    ranks = {i["id"]: i["rank"] for i in s.hostv()["ideas"]}
    assert ranks == {a: 1, b: 2, c: 2, d: 4}


def test_within_a_tie_more_ballots_come_first() -> None:
    s = Session(
        settings={"rank": {"voter": "person", "budget": 10, "max_per_idea": 2, "own_pair_max": 10}}
    )
    pids = s.to_rank(4)
    a, b, *_ = s.room.board
    s.ok(pids[0], "vote.set", {"idea_id": a, "points": 2})
    s.ok(pids[1], "vote.set", {"idea_id": b, "points": 1})
    s.ok(pids[2], "vote.set", {"idea_id": b, "points": 1})
    host = {i["id"]: i for i in s.hostv()["ideas"]}
    assert host[a]["rank"] == host[b]["rank"] == 1
    assert host[b]["place"] == 1 and host[a]["place"] == 2
    assert host[b]["votes"] == 2 and host[a]["votes"] == 1


def test_within_a_tie_more_organisations_come_first() -> None:
    s = Session(settings={"rank": {"voter": "person", "budget": 10, "own_pair_max": 10}})
    pids = s.to_rank(4, orgs=["NHS", "NHS", "Council", "Council"])
    a, b, *_ = s.room.board
    same = [p for p in pids if s.room.participants[p].org == "NHS"]
    mixed = [pids[0], pids[2]] if s.room.participants[pids[0]].org == "NHS" else pids[:2]
    orgs_of = {s.room.participants[p].org for p in mixed}
    assert orgs_of == {"NHS", "Council"}
    for pid in same:
        s.ok(pid, "vote.set", {"idea_id": a, "points": 1})
    for pid in mixed:
        s.ok(pid, "vote.set", {"idea_id": b, "points": 1})
    host = {i["id"]: i for i in s.hostv()["ideas"]}
    assert host[a]["points"] == host[b]["points"] == 2
    assert host[b]["orgs"] == 2 and host[a]["orgs"] == 1
    assert host[b]["place"] < host[a]["place"]


def test_rank_progress_counts_ballots_with_a_point() -> None:
    s = Session()
    pids = s.to_rank(6)
    assert s.board()["progress"] == {"done": 0, "of": 3}
    s.ok(pids[0], "vote.set", {"idea_id": s.foreign_idea(pids[0]), "points": 1})
    assert s.board()["progress"] == {"done": 1, "of": 3}


def test_a_late_joiner_with_voter_pair_votes_on_a_ballot_of_their_own() -> None:
    s = Session()
    pids = s.to_rank(4)
    s.latecomer("late")
    assert s.me("late")["votes_left"] == s.room.groups[0].budget
    s.ok("late", "vote.set", {"idea_id": s.room.board[0], "points": 1})
    assert s.me(pids[0])["votes"] == {}
    assert s.board()["progress"] == {"done": 1, "of": 3}


def test_removing_a_person_drops_their_ballot() -> None:
    s = Session(settings={"rank": {"voter": "person"}})
    pids = s.to_rank(4)
    idea = s.foreign_idea(pids[0])
    s.ok(pids[0], "vote.set", {"idea_id": idea, "points": 1})
    s.host("participant.remove", {"participant_id": pids[0]})
    assert s.room.ideas[idea].points == 0
    assert s.board()["progress"] == {"done": 0, "of": 3}


def test_removing_a_pair_member_keeps_the_pair_ballot() -> None:
    s = Session()
    s.to_rank(4)
    a, b = s.room.pairs[0].members
    idea = s.foreign_idea(a)
    s.ok(a, "vote.set", {"idea_id": idea, "points": 1})
    s.host("participant.remove", {"participant_id": a})
    assert s.room.ideas[idea].points == 1
    assert s.me(b)["votes"] == {idea: 1}


def test_hiding_an_idea_gives_its_points_back() -> None:
    s = Session()
    pids = s.to_rank(4)
    idea = s.foreign_idea(pids[0])
    s.ok(pids[0], "vote.set", {"idea_id": idea, "points": 1})
    s.host("idea.hide", {"idea_id": idea})
    assert s.me(pids[0])["votes"] == {}
    assert s.me(pids[0])["votes_left"] == s.room.groups[0].budget


def test_rank_settings_cannot_change_once_rank_started() -> None:
    s = Session()
    s.to_rank(4)
    assert s.code("host", "session.configure", {"settings": {"rank": {"budget": 9}}}) == (
        "conflict"
    )
    assert s.code("host", "session.configure", {"settings": {"rank": {"minutes": 9}}}) is None


def test_rank_reveal_closes_the_vote() -> None:
    s = Session()
    pids = s.to_rank(4)
    s.ok(pids[0], "vote.set", {"idea_id": s.foreign_idea(pids[0]), "points": 1})
    s.host("rank.reveal")
    outcome = s.cmd(pids[0], "vote.set", {"idea_id": s.foreign_idea(pids[0]), "points": 0})
    assert outcome.refusal is not None and outcome.refusal.code == "wrong_phase"
    assert outcome.refusal.message == "Voting is closed."


def test_a_second_reveal_is_a_no_op_ack() -> None:
    s = Session()
    s.to_rank(4)
    s.host("rank.reveal")
    before = s.hostv()
    assert s.code("host", "rank.reveal") is None
    assert s.hostv() == before


def test_vote_limits_are_worded_in_votes_as_the_pages_say() -> None:
    s = Session(settings={"rank": {"budget": 1, "max_per_idea": 1}})
    pids = s.to_rank(6)
    a = pids[0]
    others = [i for i in s.room.board if s.room.ideas[i].pair_id != s.room.participants[a].pair_id]
    s.ok(a, "vote.set", {"idea_id": others[0], "points": 1})
    for args in ({"idea_id": others[1], "points": 1}, {"idea_id": others[0], "points": 2}):
        refused = refusal(s.room, s.entry(a, "vote.set", args))
        assert refused is not None and "1 vote" in refused.message, refused
        assert "point" not in refused.message, refused.message
