"""Phases and timers: forward, restart, no going back, skipping, pause, resume, add."""

from __future__ import annotations

import pytest

from .scenario import Session


def at_of(s: Session, seq: int) -> float:
    at: float = s.log[seq - 1]["at"]
    return at


def test_a_session_starts_in_the_lobby_without_a_timer() -> None:
    s = Session()
    assert s.board()["phase"] == {"name": "lobby", "ends_at": None, "paused_left": None}


@pytest.mark.parametrize(
    ("phase", "minutes"), [("own", 5), ("pair", 15), ("rank", 5), ("arrange", 15)]
)
def test_phase_start_runs_the_default_timer(phase: str, minutes: int) -> None:
    s = Session()
    outcome = s.phase(phase)
    assert s.board()["phase"]["ends_at"] == at_of(s, outcome.seq) + minutes * 60


def test_phase_start_with_minutes() -> None:
    s = Session()
    outcome = s.phase("own", minutes=2.5)
    assert s.board()["phase"]["ends_at"] == at_of(s, outcome.seq) + 150


def test_phase_minutes_setting_changes_the_default() -> None:
    s = Session(settings={"own": {"minutes": 3}})
    outcome = s.phase("own")
    assert s.board()["phase"]["ends_at"] == at_of(s, outcome.seq) + 180


def test_done_has_no_timer() -> None:
    s = Session()
    s.phase("done", minutes=3)
    assert s.board()["phase"] == {"name": "done", "ends_at": None, "paused_left": None}


def test_phases_cannot_go_back() -> None:
    s = Session()
    s.phase("pair")
    assert s.code("host", "phase.start", {"phase": "own"}) == "conflict"
    assert s.room.phase.name == "pair"


def test_restarting_the_current_phase_restarts_the_timer_only() -> None:
    s = Session()
    s.people(4)
    s.phase("pair")
    pairs = [list(p.members) for p in s.room.pairs]
    outcome = s.phase("pair", minutes=1)
    assert [list(p.members) for p in s.room.pairs] == pairs
    assert s.board()["phase"]["ends_at"] == at_of(s, outcome.seq) + 60


def test_an_unknown_phase_is_bad_request() -> None:
    s = Session()
    assert s.code("host", "phase.start", {"phase": "party"}) == "bad_request"


def test_phase_start_is_for_the_host() -> None:
    s = Session()
    s.people(1)
    assert s.code("p0", "phase.start", {"phase": "own"}) == "forbidden"


def test_skipping_from_own_to_rank_pairs_and_puts_confirmed_shortlists_on_the_board() -> None:
    s = Session()
    pids = s.people(4)
    s.write_ideas(pids)
    s.phase("rank")
    assert len(s.room.pairs) == 2
    assert s.board()["ideas"] == []  # nobody could confirm a shortlist
    assert s.room.groups[0].budget == 1


def test_skipping_from_pair_to_rank_puts_confirmed_shortlists_on_the_board() -> None:
    s = Session()
    pids = s.people(4)
    s.write_ideas(pids)
    s.phase("pair")
    s.confirm_all()
    s.phase("rank")
    assert len(s.board()["ideas"]) == 4
    assert sorted(s.board()["explain"]["order"]) == ["pr1", "pr2"]
    assert s.room.groups[0].budget == 1


def test_timer_pause_and_resume() -> None:
    s = Session()
    start = s.phase("own", minutes=1)
    pause = s.host("timer.pause")
    left = at_of(s, start.seq) + 60 - at_of(s, pause.seq)
    assert s.board()["phase"] == {"name": "own", "ends_at": None, "paused_left": left}
    resume = s.host("timer.resume")
    assert s.board()["phase"]["ends_at"] == at_of(s, resume.seq) + left
    assert s.board()["phase"]["paused_left"] is None


def test_pausing_twice_or_resuming_a_running_timer_is_a_conflict() -> None:
    s = Session()
    s.phase("own")
    assert s.code("host", "timer.resume") == "conflict"
    s.host("timer.pause")
    assert s.code("host", "timer.pause") == "conflict"


def test_timer_add_extends_a_running_timer() -> None:
    s = Session()
    start = s.phase("own", minutes=1)
    s.host("timer.add", {"seconds": 30})
    assert s.board()["phase"]["ends_at"] == at_of(s, start.seq) + 90


def test_timer_add_extends_a_paused_timer() -> None:
    s = Session()
    s.phase("own", minutes=1)
    s.host("timer.pause")
    left = s.room.phase.paused_left
    assert left is not None
    s.host("timer.add", {"seconds": 30})
    assert s.board()["phase"]["paused_left"] == left + 30


def test_timer_add_with_no_timer_starts_one_from_now() -> None:
    s = Session()
    s.people(4)
    s.phase("explain")  # no pair on the board: no timer
    assert s.room.phase.ends_at is None
    outcome = s.host("timer.add", {"seconds": 45})
    assert s.board()["phase"]["ends_at"] == at_of(s, outcome.seq) + 45


def test_timers_are_refused_in_the_lobby_and_when_done() -> None:
    s = Session()
    assert s.code("host", "timer.add", {"seconds": 30}) == "wrong_phase"
    assert s.code("host", "timer.pause") == "wrong_phase"
    s.phase("done")
    assert s.code("host", "timer.resume") == "wrong_phase"


def test_timers_are_for_the_host() -> None:
    s = Session()
    s.people(1)
    s.phase("own")
    assert s.code("p0", "timer.pause") == "forbidden"


def test_timer_add_once_time_is_up_runs_from_now() -> None:
    s = Session()
    s.phase("own", minutes=0.01)
    s.tick(60)
    outcome = s.host("timer.add", {"seconds": 60})
    assert s.board()["phase"]["ends_at"] == at_of(s, outcome.seq) + 60
