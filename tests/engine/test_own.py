"""Own: private ideas, max_ideas, max_chars, no empty text, progress."""

from __future__ import annotations

from .scenario import Session


def own_session(count: int = 3, **settings: object) -> tuple[Session, list[str]]:
    s = Session(settings=dict(settings))
    pids = s.people(count)
    s.phase("own")
    return s, pids


def test_idea_add_makes_an_idea_with_an_id_from_the_offset() -> None:
    s, (a, *_) = own_session()
    outcome = s.ok(a, "idea.add", {"text": "  More buses  "})
    assert s.me(a)["ideas"] == [{"id": f"i{outcome.seq}", "text": "More buses"}]


def test_idea_text_is_seen_by_its_author_alone_during_own() -> None:
    s, (a, b, _) = own_session()
    s.ok(a, "idea.add", {"text": "secret plan"})
    assert "secret plan" in str(s.me(a))
    assert "secret plan" not in str(s.view(b))
    assert "secret plan" not in str(s.board())
    assert "secret plan" not in str(s.hostv())


def test_idea_add_refused_outside_own() -> None:
    s = Session()
    s.people(2)
    assert s.code("p0", "idea.add", {"text": "early"}) == "wrong_phase"
    s.phase("pair")
    assert s.code("p0", "idea.add", {"text": "late"}) == "wrong_phase"


def test_idea_add_refused_for_the_host() -> None:
    s, _ = own_session()
    assert s.code("host", "idea.add", {"text": "host idea"}) == "forbidden"


def test_max_ideas_is_a_limit() -> None:
    s, (a, *_) = own_session(own={"max_ideas": 2})
    s.ok(a, "idea.add", {"text": "one"})
    s.ok(a, "idea.add", {"text": "two"})
    assert s.code(a, "idea.add", {"text": "three"}) == "limit_reached"
    assert len(s.me(a)["ideas"]) == 2


def test_max_chars_is_a_limit() -> None:
    s, (a, *_) = own_session(own={"max_chars": 10})
    assert s.code(a, "idea.add", {"text": "x" * 11}) == "limit_reached"
    assert s.code(a, "idea.add", {"text": "x" * 10}) is None


def test_empty_text_after_trimming_is_bad_request() -> None:
    s, (a, *_) = own_session()
    assert s.code(a, "idea.add", {"text": "   \n "}) == "bad_request"


def test_idea_edit_changes_own_idea_only() -> None:
    s, (a, b, _) = own_session()
    idea = f"i{s.ok(a, 'idea.add', {'text': 'first'}).seq}"
    s.ok(a, "idea.edit", {"idea_id": idea, "text": "second"})
    assert s.me(a)["ideas"] == [{"id": idea, "text": "second"}]
    assert s.code(b, "idea.edit", {"idea_id": idea, "text": "stolen"}) == "not_found"
    assert s.code(a, "idea.edit", {"idea_id": "i999", "text": "x"}) == "not_found"


def test_idea_edit_respects_max_chars() -> None:
    s, (a, *_) = own_session(own={"max_chars": 10})
    idea = f"i{s.ok(a, 'idea.add', {'text': 'short'}).seq}"
    assert s.code(a, "idea.edit", {"idea_id": idea, "text": "y" * 11}) == "limit_reached"


def test_idea_delete_removes_own_idea_only() -> None:
    s, (a, b, _) = own_session()
    idea = f"i{s.ok(a, 'idea.add', {'text': 'gone soon'}).seq}"
    assert s.code(b, "idea.delete", {"idea_id": idea}) == "not_found"
    s.ok(a, "idea.delete", {"idea_id": idea})
    assert s.me(a)["ideas"] == []
    assert s.code(a, "idea.delete", {"idea_id": idea}) == "not_found"


def test_deleting_frees_room_under_max_ideas() -> None:
    s, (a, *_) = own_session(own={"max_ideas": 1})
    idea = f"i{s.ok(a, 'idea.add', {'text': 'one'}).seq}"
    s.ok(a, "idea.delete", {"idea_id": idea})
    assert s.code(a, "idea.add", {"text": "again"}) is None


def test_own_progress_counts_participants_with_an_idea() -> None:
    s, (a, b, _c) = own_session()
    assert s.board()["progress"] == {"done": 0, "of": 3, "finished": 0}
    s.ok(a, "idea.add", {"text": "one"})
    s.ok(a, "idea.add", {"text": "two"})
    s.ok(b, "idea.add", {"text": "three"})
    assert s.board()["progress"] == {"done": 2, "of": 3, "finished": 0}
    idea = s.room.participants[b].ideas[0]
    s.ok(b, "idea.delete", {"idea_id": idea})
    assert s.board()["progress"] == {"done": 1, "of": 3, "finished": 0}
    s.host("participant.remove", {"participant_id": a})
    assert s.board()["progress"] == {"done": 0, "of": 2, "finished": 0}


def test_board_holds_no_ideas_during_own() -> None:
    s, (a, *_) = own_session()
    s.ok(a, "idea.add", {"text": "one"})
    assert s.board()["ideas"] == []
    assert s.hostv()["ideas"] == []
