"""Reflect (version 2): the phase, reflection.set and feedback.set, privacy in every view,
the locked prompts, and the exports from Done on (shuffled, no names, stable)."""

from __future__ import annotations

import json
from typing import Any

from opera.engine import export, reduce, room_from_dict, room_to_dict
from opera.engine.settings import DEFAULTS

from .scenario import Session

PROMPTS = DEFAULTS["reflect"]["prompts"]


def reflecting(count: int = 4, **settings: Any) -> Session:
    """A session of `count` people in Reflect, straight from the lobby."""
    s = Session(settings)
    s.people(count)
    s.phase("reflect")
    return s


def texts(view: Any) -> list[str]:
    """Every string anywhere in a view."""
    if isinstance(view, str):
        return [view]
    if isinstance(view, dict):
        return [t for v in view.values() for t in texts(v)] + [t for k in view for t in texts(k)]
    if isinstance(view, list):
        return [t for v in view for t in texts(v)]
    return []


def test_reflect_comes_between_arrange_and_done_and_runs_its_timer() -> None:
    s = Session({"reflect": {"minutes": 7}})
    s.people(4)
    s.phase("arrange")
    outcome = s.phase("reflect")
    assert s.room.phase.name == "reflect"
    entry_at = s.log[outcome.seq - 1]["at"]
    assert s.room.phase.ends_at == entry_at + 7 * 60
    s.host("timer.add", {"seconds": 30})
    assert s.room.phase.ends_at == entry_at + 7 * 60 + 30
    s.phase("done")
    assert s.code("host", "phase.start", {"phase": "reflect"}) == "conflict"


def test_reflect_may_be_skipped_and_still_draws_the_seed() -> None:
    s = Session()
    s.people(2)
    s.phase("arrange")
    s.phase("done")
    assert s.room.reflect_seed is not None
    assert export.to_json(s.room)["reflections"] == [
        {"prompt": PROMPTS[0], "texts": []},
        {"prompt": PROMPTS[1], "texts": []},
    ]


def test_the_default_prompts_are_the_protocols_two() -> None:
    assert Session().room.setting("reflect", "prompts") == [
        "What is your one key reflection from today?",
        "What is one practical step you will take?",
    ]


def test_prompts_are_one_to_four_texts_of_one_to_200_characters() -> None:
    s = Session()
    for bad in ([], ["a"] * 5, [""], ["  "], ["x" * 201], [3], "one"):
        assert s.code("host", "session.configure", {"settings": {"reflect": {"prompts": bad}}}) == (
            "bad_request"
        )
    s.host("session.configure", {"settings": {"reflect": {"prompts": [" One? ", "x" * 200]}}})
    assert s.room.setting("reflect", "prompts") == ["One?", "x" * 200]


def test_prompts_are_locked_from_reflect_on_but_minutes_are_not() -> None:
    s = reflecting()
    change = {"settings": {"reflect": {"prompts": ["Other?"]}}}
    assert s.code("host", "session.configure", change) == "conflict"
    assert s.room.setting("reflect", "prompts") == PROMPTS
    s.host("session.configure", {"settings": {"reflect": {"minutes": 9}}})
    s.phase("done")
    assert s.code("host", "session.configure", change) == "conflict"


def test_prompts_may_change_before_reflect() -> None:
    s = Session()
    s.people(2)
    s.phase("arrange")
    s.host("session.configure", {"settings": {"reflect": {"prompts": ["Only one?"]}}})
    s.phase("reflect")
    assert s.view("p0")["session"]["settings"]["reflect"]["prompts"] == ["Only one?"]


def test_reflection_set_shows_the_answer_in_the_authors_me_alone() -> None:
    s = reflecting()
    s.ok("p0", "reflection.set", {"prompt": 1, "text": "  Call the council  "})
    assert s.me("p0")["reflections"] == {"1": "Call the council"}
    assert s.me("p1")["reflections"] == {}
    for view in (s.board(), s.hostv(), s.view("p1"), s.view("p2")):
        assert "Call the council" not in texts(view)


def test_reflection_set_with_empty_text_clears_the_answer() -> None:
    s = reflecting()
    s.ok("p0", "reflection.set", {"prompt": 0, "text": "Listen first"})
    s.ok("p0", "reflection.set", {"prompt": 0, "text": "  "})
    assert s.me("p0")["reflections"] == {}
    assert s.board()["progress"] == {"done": 0, "of": 4}


def test_reflection_set_replaces_the_earlier_answer() -> None:
    s = reflecting()
    s.ok("p0", "reflection.set", {"prompt": 0, "text": "First"})
    s.ok("p0", "reflection.set", {"prompt": 0, "text": "Second"})
    assert s.me("p0")["reflections"] == {"0": "Second"}


def test_a_prompt_index_out_of_range_is_a_bad_request() -> None:
    s = reflecting(reflect={"prompts": ["Only one?"]})
    assert s.code("p0", "reflection.set", {"prompt": 1, "text": "x"}) == "bad_request"
    assert s.code("p0", "reflection.set", {"prompt": -1, "text": "x"}) == "bad_request"
    assert s.code("p0", "reflection.set", {"prompt": "0", "text": "x"}) == "bad_request"
    assert s.code("p0", "reflection.set", {"prompt": 0}) == "bad_request"
    assert s.me("p0")["reflections"] == {}


def test_an_answer_longer_than_own_max_chars_is_limit_reached() -> None:
    s = reflecting(own={"max_chars": 20})
    assert s.code("p0", "reflection.set", {"prompt": 0, "text": "x" * 21}) == "limit_reached"
    s.ok("p0", "reflection.set", {"prompt": 0, "text": "x" * 20})


def test_reflection_set_outside_reflect_is_wrong_phase() -> None:
    s = Session()
    s.people(2)
    for phase in ("lobby", "own", "arrange", "done"):
        if phase != "lobby":
            s.phase(phase)
        assert s.code("p0", "reflection.set", {"prompt": 0, "text": "x"}) == "wrong_phase"
        assert s.code("p0", "feedback.set", {"score": 3}) == "wrong_phase"


def test_only_seated_participants_may_reflect() -> None:
    s = reflecting()
    assert s.code("host", "reflection.set", {"prompt": 0, "text": "x"}) == "forbidden"
    assert s.code("host", "feedback.set", {"score": 3}) == "forbidden"
    s.join("late")  # join.late: admit, so they wait
    assert s.code("late", "reflection.set", {"prompt": 0, "text": "x"}) == "forbidden"
    assert s.code("late", "feedback.set", {"score": 3}) == "forbidden"
    s.host("participant.remove", {"participant_id": "p3"})
    assert s.code("p3", "reflection.set", {"prompt": 0, "text": "x"}) == "forbidden"


def test_progress_counts_people_with_an_answer_of_participants_in_every_view() -> None:
    s = reflecting()
    s.ok("p0", "reflection.set", {"prompt": 0, "text": "a"})
    s.ok("p0", "reflection.set", {"prompt": 1, "text": "b"})
    s.ok("p1", "reflection.set", {"prompt": 1, "text": "c"})
    s.ok("p2", "feedback.set", {"score": 5})  # feedback alone is not an answer
    for view in (s.board(), s.hostv(), s.view("p3")):
        assert view["progress"] == {"done": 2, "of": 4}


def test_progress_in_groups_is_session_wide() -> None:
    s = Session({"groups": {"size": 4}})
    s.people(8)
    s.host("groups.form")
    s.phase("reflect")
    s.ok("p0", "reflection.set", {"prompt": 0, "text": "a"})
    for view in (s.board(), s.hostv(), s.view("p1"), s.view("p5")):
        assert view["progress"] == {"done": 1, "of": 8}
    assert all(group["progress"] is None for group in s.hostv()["groups"])


def test_no_screen_marks_who_has_answered() -> None:
    s = reflecting()
    s.ok("p0", "reflection.set", {"prompt": 0, "text": "a"})
    s.ok("p0", "feedback.set", {"score": 2})
    people = s.hostv()["participants"]["list"]
    assert [person["done"] for person in people] == [None] * 4
    s2 = reflecting()  # the same session where nobody answered
    for mine, blank in (
        (s.hostv(), s2.hostv()),
        (s.board(), s2.board()),
        (s.view("p1"), s2.view("p1")),
    ):
        assert mine.pop("progress") == {"done": 1, "of": 4}
        assert blank.pop("progress") == {"done": 0, "of": 4}
        assert mine == blank  # beyond the count, nothing differs: no mark of who


def test_feedback_set_is_the_authors_alone_and_replaced_whole() -> None:
    s = reflecting()
    s.ok("p0", "feedback.set", {"score": 4, "text": "Good pace, more tea"})
    assert s.me("p0")["feedback"] == {"score": 4, "text": "Good pace, more tea"}
    assert s.me("p1")["feedback"] == {"score": None, "text": ""}
    for view in (s.board(), s.hostv(), s.view("p1")):
        assert "Good pace, more tea" not in texts(view)
    s.ok("p0", "feedback.set", {"score": None})
    assert s.me("p0")["feedback"] == {"score": None, "text": ""}


def test_feedback_scores_are_one_to_five_and_sentences_at_most_own_max_chars() -> None:
    s = reflecting(own={"max_chars": 20})
    for bad in (0, 6, 2.5, "3", True):
        assert s.code("p0", "feedback.set", {"score": bad}) == "bad_request"
    assert s.code("p0", "feedback.set", {"text": "x"}) == "bad_request"  # score is required
    assert s.code("p0", "feedback.set", {"score": 3, "text": "x" * 21}) == "limit_reached"
    assert s.me("p0")["feedback"] == {"score": None, "text": ""}


def answered(count: int = 6) -> Session:
    s = reflecting(count)
    for i in range(count):
        s.ok(f"p{i}", "reflection.set", {"prompt": 0, "text": f"key {i}"})
        s.ok(f"p{i}", "reflection.set", {"prompt": 1, "text": f"step {i}"})
        s.ok(f"p{i}", "feedback.set", {"score": 1 + i % 5, "text": f"said {i}"})
    return s


def test_exports_hold_no_reflection_before_done() -> None:
    s = answered()
    data = export.to_json(s.room)
    assert data["reflections"] == [] and data["feedback"] is None
    markdown = export.to_markdown(s.room)
    assert "Reflections" not in markdown and "key 0" not in markdown


def test_the_json_export_holds_every_answer_by_prompt_from_done_without_names() -> None:
    s = answered()
    s.phase("done")
    data = export.to_json(s.room)
    reflections = data["reflections"]
    assert [item["prompt"] for item in reflections] == PROMPTS
    assert sorted(reflections[0]["texts"]) == [f"key {i}" for i in range(6)]
    assert sorted(reflections[1]["texts"]) == [f"step {i}" for i in range(6)]
    assert set(reflections[0]) == {"prompt", "texts"}
    every = json.dumps(data["reflections"]) + json.dumps(data["feedback"])
    for person in s.room.participants.values():
        assert person.name not in every and f'"{person.id}"' not in every


def test_the_feedback_is_counted_and_averaged_with_sentences_from_done() -> None:
    s = answered()
    s.ok("p5", "feedback.set", {"score": None, "text": ""})  # p5 takes it back
    s.phase("done")
    feedback = export.to_json(s.room)["feedback"]
    assert feedback["counts"] == {"1": 1, "2": 1, "3": 1, "4": 1, "5": 1}
    assert feedback["answers"] == 5
    assert feedback["average"] == 3
    assert sorted(feedback["texts"]) == [f"said {i}" for i in range(5)]


def test_no_feedback_has_no_average() -> None:
    s = reflecting()
    s.phase("done")
    assert export.to_json(s.room)["feedback"] == {
        "counts": {"1": 0, "2": 0, "3": 0, "4": 0, "5": 0},
        "answers": 0,
        "average": None,
        "texts": [],
    }
    assert "No scores were given." in export.to_markdown(s.room)


def test_each_prompts_texts_are_shuffled_separately() -> None:
    s = answered(12)
    s.phase("done")
    first, second = (item["texts"] for item in export.to_json(s.room)["reflections"])
    assert first != [f"key {i}" for i in range(12)]  # not join order
    assert [t.split()[1] for t in first] != [t.split()[1] for t in second]  # not each other's


def test_the_shuffle_is_stable_across_folds_snapshots_and_downloads() -> None:
    s = answered(10)
    s.phase("done")
    expected = export.to_json(s.room)["reflections"]
    assert export.to_json(s.room)["reflections"] == expected  # a second download
    room = None
    for entry in s.log:
        room, _ = reduce(room, json.loads(json.dumps(entry)))
    assert room is not None
    assert export.to_json(room)["reflections"] == expected
    loaded = room_from_dict(json.loads(json.dumps(room_to_dict(s.room))))
    assert export.to_json(loaded)["reflections"] == expected


def test_the_shuffle_follows_the_seed_drawn_when_reflect_starts() -> None:
    orders = set()
    for seed in range(4):
        s = Session()
        s.people(8)
        s.counter = seed * 10  # a different seed in the phase.start entry
        s.phase("reflect")
        for i in range(8):
            s.ok(f"p{i}", "reflection.set", {"prompt": 0, "text": f"key {i}"})
        s.phase("done")
        orders.add(tuple(export.to_json(s.room)["reflections"][0]["texts"]))
    assert len(orders) > 1


def test_a_removal_after_done_keeps_the_answers_in_the_export() -> None:
    s = answered()
    s.phase("done")
    before = export.to_json(s.room)
    s.host("participant.remove", {"participant_id": "p2"})
    after = export.to_json(s.room)
    assert after["reflections"] == before["reflections"]
    assert after["feedback"] == before["feedback"]


def test_the_markdown_export_has_a_reflections_section_from_done() -> None:
    s = answered(3)
    s.phase("done")
    markdown = export.to_markdown(s.room)
    section = markdown[markdown.index("## Reflections") :]
    assert f"### {PROMPTS[0]}" in section and f"### {PROMPTS[1]}" in section
    for i in range(3):
        assert f"- key {i}" in section and f"- step {i}" in section and f"- said {i}" in section
    assert "Average 2 of 5 from 3 people (1: 1, 2: 1, 3: 1, 4: 0, 5: 0)." in section
    for person in s.room.participants.values():
        assert person.name not in section


def test_a_retried_reflection_is_applied_once() -> None:
    s = reflecting()
    first = s.cmd("p0", "reflection.set", {"prompt": 0, "text": "a"}, cmd_id="r1")
    s.ok("p0", "reflection.set", {"prompt": 0, "text": "b"})
    again = s.cmd("p0", "reflection.set", {"prompt": 0, "text": "a"}, cmd_id="r1")
    assert again.duplicate_of == first.seq
    assert s.me("p0")["reflections"] == {"0": "b"}
