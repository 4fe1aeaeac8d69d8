"""Latecomers (version 2): after the lobby a newcomer waits until the host lets them in."""

from __future__ import annotations

import json

from opera.engine import room_from_dict, room_to_dict

from .scenario import Session


def pair_time(count: int = 4, **settings: object) -> Session:
    s = Session(settings=dict(settings))
    pids = s.people(count, orgs=["NHS", "Council"])
    s.write_ideas(pids)
    s.phase("pair")
    return s


def test_a_join_in_the_lobby_never_waits() -> None:
    s = Session()
    s.join("p0")
    assert s.me("p0")["waiting"] is False
    assert s.room.waiting == [] and s.room.active == 1


def test_a_newcomer_after_the_lobby_waits_for_the_host() -> None:
    s = pair_time()
    s.join("late")
    assert s.me("late")["waiting"] is True
    assert s.room.waiting == ["late"]
    assert s.room.pair_of("late") is None


def test_a_waiting_person_sees_only_the_session_the_phase_the_counts_and_their_me() -> None:
    s = pair_time()
    s.join("late")
    view = s.view("late")
    assert set(view) == {"session", "phase", "participants", "me"}
    me = view["me"]
    assert me["waiting"] is True and me["pair"] is None
    assert me["ideas"] == [] and me["votes"] == {} and me["votes_left"] == 0
    dumped = json.dumps(view)
    assert not [i for i in s.room.ideas.values() if i.text in dumped]  # no pool, no Own idea


def test_a_waiting_person_counts_nowhere() -> None:
    s = pair_time()
    before = s.board({"p0"})
    s.join("late")
    after = s.board({"p0", "late"})
    assert after["participants"] == before["participants"] == {"total": 4, "online": 1}
    assert after["progress"] == before["progress"]
    assert s.view("late", {"late"})["participants"]["total"] == 4


def test_the_host_list_shows_waiting_people() -> None:
    s = pair_time()
    s.join("late", name="Robin")
    people = {p["id"]: p for p in s.hostv()["participants"]["list"]}
    assert people["late"]["waiting"] is True and people["late"]["name"] == "Robin"
    assert people["late"]["done"] is None
    assert people["p0"]["waiting"] is False


def test_a_waiting_person_may_send_nothing() -> None:
    s = pair_time()
    s.join("late")
    assert s.code("late", "pair.write", {"text": "let me in"}) == "forbidden"
    assert s.code("late", "pair.confirm") == "forbidden"
    assert s.code("late", "idea.add", {"text": "x"}) == "forbidden"


def test_participant_admit_lets_a_latecomer_in() -> None:
    s = pair_time()
    s.join("late")
    s.host("participant.admit", {"participant_id": "late"})
    assert s.me("late")["waiting"] is False
    assert s.room.waiting == [] and s.room.active == 5
    assert s.board()["participants"]["total"] == 5


def test_participant_admit_is_the_hosts_and_names_a_waiting_person() -> None:
    s = pair_time()
    s.join("late")
    assert s.code("p0", "participant.admit", {"participant_id": "late"}) == "forbidden"
    assert s.code("host", "participant.admit", {"participant_id": "nobody"}) == "not_found"
    assert s.code("host", "participant.admit", {"participant_id": "p0"}) == "conflict"
    assert s.code("host", "participant.admit", {}) == "bad_request"


def test_an_admitted_latecomer_joins_the_smallest_unconfirmed_pair() -> None:
    s = pair_time(6)
    first, second, third = s.room.pairs
    s.ok(first.members[0], "pair.shortlist", {"idea_ids": first.pool[:1]})
    for pid in first.members:
        s.ok(pid, "pair.confirm")
    s.latecomer("late")
    pair = s.room.pair_of("late")
    assert pair is not None and pair.id in (second.id, third.id)
    s.latecomer("later")
    other = s.room.pair_of("later")
    assert other is not None and other.id != pair.id and other.id != first.id


def test_an_admitted_latecomer_with_every_pair_confirmed_has_no_pair() -> None:
    s = pair_time()
    s.confirm_all()
    s.latecomer("late")
    assert s.me("late")["pair"] is None
    assert s.code("late", "pair.write", {"text": "hello"}) == "conflict"


def test_no_join_admission_or_resume_clears_a_confirmation() -> None:
    s = pair_time()
    pair = s.room.pairs[0]
    s.ok(pair.members[0], "pair.shortlist", {"idea_ids": pair.pool[:1]})
    s.ok(pair.members[0], "pair.confirm")  # half confirmed: still open to a latecomer
    s.confirm_all()
    confirmed = [p.id for p in s.room.pairs if p.is_confirmed]
    for name in ("a", "b", "c"):
        s.latecomer(name)
    assert [p.id for p in s.room.pairs if p.is_confirmed] == confirmed
    s.phase("explain")
    assert len(s.board()["ideas"]) == 2 * len(confirmed)


def test_an_admitted_latecomer_joins_a_half_confirmed_pair_keeping_its_confirmations() -> None:
    s = pair_time()
    pair = s.room.pairs[0]
    s.ok(pair.members[0], "pair.shortlist", {"idea_ids": pair.pool[:1]})
    s.ok(pair.members[0], "pair.confirm")
    other = s.room.pairs[1]
    s.ok(other.members[0], "pair.shortlist", {"idea_ids": other.pool[:1]})
    for pid in other.members:
        s.ok(pid, "pair.confirm")
    s.latecomer("late")
    assert s.room.pair_of("late") is pair
    assert pair.confirmed == [pair.members[0]]


def test_join_late_open_admits_at_once() -> None:
    s = pair_time(**{"join": {"late": "open"}})
    s.join("late")
    assert s.me("late")["waiting"] is False and s.room.pair_of("late") is not None


def test_join_late_closed_refuses_the_join() -> None:
    s = pair_time(**{"join": {"late": "closed"}})
    outcome = s.join("late")
    assert outcome.refusal is not None and outcome.refusal.code == "forbidden"
    assert "late" not in s.room.participants


def test_join_late_closed_still_lets_everyone_join_the_lobby() -> None:
    s = Session(settings={"join": {"late": "closed"}})
    assert s.join("p0").refusal is None


def test_changing_join_late_to_open_admits_everyone_waiting() -> None:
    s = pair_time()
    s.join("late")
    s.join("later")
    s.host("session.configure", {"settings": {"join": {"late": "open"}}})
    assert s.room.waiting == [] and s.room.active == 6
    assert not s.me("late")["waiting"] and not s.me("later")["waiting"]


def test_removing_a_waiting_person_changes_no_count() -> None:
    s = pair_time()
    s.join("late")
    s.host("participant.remove", {"participant_id": "late"})
    assert s.room.waiting == [] and s.room.active == 4
    assert s.code("host", "participant.admit", {"participant_id": "late"}) == "not_found"


def test_an_admitted_latecomer_in_rank_gets_a_ballot() -> None:
    s = Session()
    s.to_rank(4)
    s.join("late")
    assert s.room.participants["late"].ballot_id is None
    s.host("participant.admit", {"participant_id": "late"})
    assert s.me("late")["votes_left"] == s.room.groups[0].budget


def test_waiting_people_survive_a_snapshot() -> None:
    s = pair_time()
    s.join("late")
    loaded = room_from_dict(json.loads(json.dumps(room_to_dict(s.room))))
    assert loaded.waiting == ["late"] and loaded.participants["late"].waiting
    assert room_to_dict(loaded) == room_to_dict(s.room)
