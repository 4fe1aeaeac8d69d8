"""own.done: a person's "I'm done" in Own, counted by progress; the host's list counts ideas."""

from __future__ import annotations

from .scenario import Session


def own_session(count: int = 3) -> tuple[Session, list[str]]:
    s = Session()
    pids = s.people(count)
    s.phase("own")
    return s, pids


def test_progress_counts_who_said_done_beside_who_wrote() -> None:
    s, (a, b, _c) = own_session()
    s.ok(a, "idea.add", {"text": "one"})
    s.ok(a, "own.done", {"done": True})
    s.ok(b, "own.done", {"done": True})  # done with nothing to add is allowed
    assert s.board()["progress"] == {"done": 1, "of": 3, "finished": 2}
    assert s.hostv()["progress"] == {"done": 1, "of": 3, "finished": 2}
    assert s.me(a)["own_done"] is True


def test_a_second_tap_undoes_it() -> None:
    s, (a, _b, _c) = own_session()
    s.ok(a, "own.done", {"done": True})
    s.ok(a, "own.done", {"done": True})  # the same mark again changes nothing
    assert s.board()["progress"]["finished"] == 1
    s.ok(a, "own.done", {"done": False})
    assert s.board()["progress"]["finished"] == 0
    assert s.me(a)["own_done"] is False


def test_writing_more_keeps_the_mark_and_a_removed_person_leaves_the_count() -> None:
    s, (a, b, _c) = own_session()
    s.ok(a, "own.done", {"done": True})
    s.ok(a, "idea.add", {"text": "an afterthought"})
    assert s.board()["progress"]["finished"] == 1
    s.host("participant.remove", {"participant_id": a})
    assert s.board()["progress"] == {"done": 0, "of": 2, "finished": 0}
    assert s.code(b, "own.done", {"done": "yes"}) == "bad_request"
    assert s.code(b, "own.done", {}) == "bad_request"


def test_own_done_belongs_to_participants_during_own() -> None:
    s = Session()
    s.people(2)
    assert s.code("p0", "own.done", {"done": True}) == "wrong_phase"
    s.phase("own")
    assert s.code("host", "own.done", {"done": True}) == "forbidden"
    s.phase("pair")
    assert s.code("p0", "own.done", {"done": True}) == "wrong_phase"


def test_progress_per_group_and_summed_for_the_board() -> None:
    s = Session(settings={"groups": {"size": 4}})
    pids = s.people(8)
    s.host("groups.form", {"count": 2})
    s.phase("own")
    first = s.room.groups[0].members[0]
    s.ok(first, "own.done", {"done": True})
    assert s.view(first)["progress"] == {"done": 0, "of": 4, "finished": 1}
    other = s.room.groups[1].members[0]
    assert s.view(other)["progress"] == {"done": 0, "of": 4, "finished": 0}
    assert s.board()["progress"] == {"done": 0, "of": 8, "finished": 1}
    assert [g["progress"]["finished"] for g in s.board()["groups"]] == [1, 0]
    assert len(pids) == 8


def test_the_host_sees_how_many_ideas_each_person_wrote_never_the_text() -> None:
    s, (a, b, c) = own_session()
    for text in ("secret one", "secret two"):
        s.ok(a, "idea.add", {"text": text})
    s.ok(b, "idea.add", {"text": "secret three"})
    s.ok(b, "own.done", {"done": True})
    people = {p["id"]: p for p in s.hostv()["participants"]["list"]}
    assert [people[x]["ideas"] for x in (a, b, c)] == [2, 1, 0]
    assert [people[x]["own_done"] for x in (a, b, c)] == [False, True, False]
    assert "secret" not in repr(s.hostv())
    assert "participants" in s.board() and "list" not in s.board()["participants"]
    s.phase("pair")  # the counts stay: they are what each person wrote in Own
    people = {p["id"]: p for p in s.hostv()["participants"]["list"]}
    assert [people[x]["ideas"] for x in (a, b, c)] == [2, 1, 0]
