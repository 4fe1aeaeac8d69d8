"""The session: create, join, configure, remove, retries, seq, credentials."""

from __future__ import annotations

import pytest
from opera.engine import reduce, refusal

from .scenario import Session


def test_create_is_offset_one_with_default_settings() -> None:
    s = Session()
    assert s.room.seq == 1
    view = s.board()
    assert view["session"]["code"] == "ROOM1"
    assert view["session"]["settings"]["rank"]["budget"] == "25%"
    assert view["phase"]["name"] == "lobby"


def test_a_room_must_start_with_create() -> None:
    with pytest.raises(ValueError):
        reduce(None, {"kind": "join", "pid": "p1", "key": "k", "name": "A", "at": 0.0})


def test_a_second_create_is_a_conflict() -> None:
    s = Session()
    entry = dict(s.log[0])
    assert s.fold(entry).refusal is not None


def test_seq_counts_every_entry_refused_or_not() -> None:
    s = Session()
    s.join("p1")
    refused = s.cmd("p1", "idea.add", {"text": "too early"})
    assert refused.refusal is not None and refused.seq == 3
    assert s.room.seq == 3
    assert s.cmd("host", "phase.start", {"phase": "own"}).seq == 4


def test_join_adds_a_participant() -> None:
    s = Session()
    s.join("p1", name="  Ann  ", org=" NHS ")
    assert s.me("p1")["name"] == "Ann" and s.me("p1")["org"] == "NHS"
    assert s.board()["participants"] == {"total": 1, "online": 0}
    assert s.room.pid_for_key("key-p1") == "p1"


def test_join_refusals() -> None:
    s = Session()
    s.join("p1")
    assert s.join("p1").refusal is not None  # same pid
    bad = {"kind": "join", "pid": "bad id!", "key": "k", "name": "A", "org": None, "at": 1.0}
    assert refusal(s.room, bad) is not None and refusal(s.room, bad).code == "bad_request"  # type: ignore[union-attr]
    long_name = {"kind": "join", "pid": "p2", "key": "k2", "name": "N" * 61, "org": None, "at": 1.0}
    outcome = s.fold(long_name)
    assert outcome.refusal is not None and outcome.refusal.code == "limit_reached"
    empty = {"kind": "join", "pid": "p3", "key": "k3", "name": "  ", "org": None, "at": 1.0}
    assert s.fold(empty).refusal is not None


def test_commands_from_strangers_are_forbidden() -> None:
    s = Session()
    s.phase("own")
    assert s.code("nobody", "idea.add", {"text": "hi"}) == "forbidden"


def test_session_configure_changes_title_question_and_settings() -> None:
    s = Session()
    s.host(
        "session.configure",
        {"title": "New", "question": "How might we share?", "settings": {"own": {"minutes": 7}}},
    )
    session = s.board()["session"]
    assert session["title"] == "New" and session["question"] == "How might we share?"
    assert session["settings"]["own"] == {"minutes": 7, "max_ideas": 10, "max_chars": 280}


def test_session_configure_refusals() -> None:
    s = Session()
    s.join("p1")
    assert s.code("p1", "session.configure", {"title": "Mine"}) == "forbidden"
    assert s.code("host", "session.configure", {"settings": {"own": {"nope": 1}}}) == (
        "bad_request"
    )
    assert s.code("host", "session.configure", {"settings": {"rank": {"voter": "cat"}}}) == (
        "bad_request"
    )
    assert s.code("host", "session.configure", {"question": " "}) == "bad_request"
    assert s.code("host", "session.configure", {"question": "q" * 501}) == "limit_reached"
    assert s.code("host", "session.configure", {"title": "t" * 121}) == "limit_reached"


def test_the_question_can_be_edited_in_any_phase() -> None:
    s = Session()
    s.phase("arrange")
    s.host("session.configure", {"question": "How might we finish?"})
    assert s.board()["session"]["question"] == "How might we finish?"


def test_participant_remove_revokes_the_key_and_forbids_commands() -> None:
    s = Session()
    s.people(2)
    s.phase("own")
    s.host("participant.remove", {"participant_id": "p0"})
    assert s.room.pid_for_key("key-p0") is None
    assert s.room.pid_for_key("key-p1") == "p1"
    assert s.code("p0", "idea.add", {"text": "still here?"}) == "forbidden"
    assert s.board()["participants"]["total"] == 1
    assert [p["id"] for p in s.hostv()["participants"]["list"]] == ["p1"]


def test_participant_remove_unknown_or_twice_is_not_found() -> None:
    s = Session()
    s.people(1)
    assert s.code("host", "participant.remove", {"participant_id": "ghost"}) == "not_found"
    s.host("participant.remove", {"participant_id": "p0"})
    assert s.code("host", "participant.remove", {"participant_id": "p0"}) == "not_found"
    assert s.code("p0", "participant.remove", {"participant_id": "p0"}) == "forbidden"


def test_participants_remove_takes_a_whole_list_at_once() -> None:
    s = Session()
    s.people(5)
    s.phase("own")
    s.join("late")  # waiting for admission
    s.host("participants.remove", {"participant_ids": ["p0", "p2", "p2", "late"]})
    assert [p["id"] for p in s.hostv()["participants"]["list"]] == ["p1", "p3", "p4"]
    assert s.board()["participants"]["total"] == 3
    assert s.room.pid_for_key("key-p2") is None
    assert s.code("p0", "idea.add", {"text": "still here?"}) == "forbidden"


def test_participants_remove_is_all_or_nothing_and_for_the_host_only() -> None:
    s = Session()
    s.people(3)
    refused = ["p0", "ghost"]
    assert s.code("host", "participants.remove", {"participant_ids": refused}) == "not_found"
    assert s.board()["participants"]["total"] == 3
    assert s.code("host", "participants.remove", {"participant_ids": []}) == "bad_request"
    assert s.code("p1", "participants.remove", {"participant_ids": ["p0"]}) == "forbidden"
    s.host("participants.remove", {"participant_ids": ["p0"]})
    assert s.code("host", "participants.remove", {"participant_ids": ["p0"]}) == "not_found"


def test_a_retried_command_id_is_applied_once_and_answered_with_its_seq() -> None:
    s = Session()
    s.people(1)
    s.phase("own")
    first = s.cmd("p0", "idea.add", {"text": "once"}, cmd_id="same")
    again = s.cmd("p0", "idea.add", {"text": "once"}, cmd_id="same")
    assert again.duplicate_of == first.seq and again.refusal is None
    assert len(s.me("p0")["ideas"]) == 1
    assert s.room.acked_ids("p0")["same"] == first.seq


def test_retry_ids_are_scoped_to_the_sender() -> None:
    s = Session()
    s.people(2)
    s.phase("own")
    s.cmd("p0", "idea.add", {"text": "a"}, cmd_id="x")
    other = s.cmd("p1", "idea.add", {"text": "b"}, cmd_id="x")
    assert other.duplicate_of is None and other.refusal is None


def test_a_refused_command_is_not_remembered() -> None:
    s = Session()
    s.people(1)
    refused = s.cmd("p0", "idea.add", {"text": "early"}, cmd_id="r1")
    assert refused.refusal is not None
    s.phase("own")
    again = s.cmd("p0", "idea.add", {"text": "now"}, cmd_id="r1")
    assert again.refusal is None and again.duplicate_of is None


def test_the_retry_record_keeps_the_last_256_ids() -> None:
    s = Session()
    s.people(1)
    s.phase("own")
    s.host("session.configure", {"settings": {"own": {"max_ideas": 50}}})
    for n in range(300):
        s.cmd("host", "timer.add", {"seconds": 1}, cmd_id=f"t{n}")
    record = s.room.acked_ids("host")
    assert len(record) == 256
    assert "t299" in record and "t43" not in record and "t44" in record
    assert s.cmd("host", "timer.add", {"seconds": 1}, cmd_id="t43").duplicate_of is None


def test_a_retried_command_after_a_phase_change_still_gets_its_ack() -> None:
    s = Session()
    s.people(1)
    s.phase("own")
    first = s.cmd("p0", "idea.add", {"text": "x"}, cmd_id="late-retry")
    s.phase("pair")
    assert s.cmd("p0", "idea.add", {"text": "x"}, cmd_id="late-retry").duplicate_of == first.seq


def test_an_unknown_entry_kind_is_refused() -> None:
    s = Session()
    outcome = s.fold({"kind": "party", "at": 1.0})
    assert outcome.refusal is not None and outcome.refusal.code == "bad_request"


def test_refusal_never_refuses_a_retry_reduce_would_acknowledge() -> None:
    s = Session()
    s.people(1)
    s.phase("own")
    first = s.cmd("p0", "idea.add", {"text": "x"}, cmd_id="again")
    s.phase("pair")
    retry = s.entry("p0", "idea.add", {"text": "x"}, cmd_id="again")
    assert refusal(s.room, retry) is None
    assert s.fold(retry).duplicate_of == first.seq
