"""The record of what the facilitator changed: one entry per applied host change, in order,
with its time, the same list in every view, and nothing private in any entry."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from opera.engine import room_from_dict, room_to_dict
from opera.engine.record import MORE, SHOWN, wording
from opera.engine.settings import SETTING_PATHS
from opera.engine.state import PHASES

from .scenario import Session
from .test_groups import to_pair


def kinds(s: Session) -> list[str]:
    return [entry["kind"] for entry in s.board()["record"]]


def last(s: Session) -> dict[str, Any]:
    entry: dict[str, Any] = s.board()["record"][-1]
    return entry


def test_a_new_session_has_an_empty_record_in_every_view() -> None:
    s = Session()
    s.join("p0")
    assert s.board()["record"] == s.hostv()["record"] == s.view("p0")["record"] == []


def test_phase_changes_are_recorded_with_their_time_and_the_phases_skipped() -> None:
    s = Session()
    s.people(4)
    s.phase("own")
    at_own = s.at
    s.phase("own", minutes=2)  # a restart
    s.phase("explain")  # skips Pair
    s.phase("done")  # skips Rank, Arrange and Reflect (no plenary without groups)
    assert s.board()["record"] == [
        {"kind": "phase.start", "at": at_own, "phase": "own", "from": "lobby", "skipped": []},
        {"kind": "phase.start", "at": at_own + 1, "phase": "own", "from": "own", "skipped": []},
        {
            "kind": "phase.start",
            "at": at_own + 2,
            "phase": "explain",
            "from": "own",
            "skipped": ["pair"],
        },
        {
            "kind": "phase.start",
            "at": at_own + 3,
            "phase": "done",
            "from": "explain",
            "skipped": ["rank", "arrange", "reflect"],
        },
    ]
    words = [wording(entry) for entry in s.board()["record"]]
    assert words == [
        "Own started",
        "Own was restarted",
        "Explain started, skipping Pair",
        "The session was finished, skipping Rank, Arrange, Reflect",
    ]


def test_timer_changes_are_recorded() -> None:
    s = Session()
    s.people(2)
    s.phase("own")
    s.host("timer.pause")
    s.host("timer.add", {"seconds": 120})
    s.host("timer.resume")
    s.host("timer.add", {"seconds": -30})
    record = s.board()["record"][1:]
    assert [e["kind"] for e in record] == ["timer.pause", "timer.add", "timer.resume", "timer.add"]
    assert [e.get("seconds") for e in record] == [None, 120.0, None, -30.0]
    assert [wording(e) for e in record] == [
        "The timer was paused",
        "2 minutes added to the timer",
        "The timer was resumed",
        "30 seconds taken off the timer",
    ]


def test_a_refused_host_command_and_participants_commands_add_nothing() -> None:
    s = Session()
    s.people(4)
    s.phase("own")
    s.ok("p0", "idea.add", {"text": "mine"})
    assert s.code("host", "timer.resume") == "conflict"  # not paused
    assert s.code("host", "phase.start", {"phase": "lobby"}) == "conflict"
    assert kinds(s) == ["phase.start"]


def test_shuffle_and_its_undo_are_recorded() -> None:
    s = Session()
    s.people(6)
    s.write_ideas(["p0"], each=1)
    s.phase("pair")
    s.host("pairs.shuffle")
    s.host("pairs.unshuffle")
    assert kinds(s)[-2:] == ["pairs.shuffle", "pairs.unshuffle"]
    assert [wording(e) for e in s.board()["record"][-2:]] == [
        "The pairs were shuffled",
        "The shuffle was undone",
    ]


def test_hiding_an_idea_names_its_pair_never_its_text_and_once() -> None:
    s = Session()
    s.to_rank(6)
    idea = s.room.ideas[s.room.board[0]]
    label = s.room.pairs[s.room.pair_index[idea.pair_id or ""]].label
    s.host("idea.hide", {"idea_id": idea.id})
    s.host("idea.hide", {"idea_id": idea.id})  # already hidden: a no-op ack
    assert kinds(s).count("idea.hide") == 1
    entry = last(s)
    assert entry == {"kind": "idea.hide", "at": entry["at"], "pair": label, "group": None}
    assert idea.text not in json.dumps(s.view("p0")["record"])
    assert wording(entry) == f"An idea from {label} was hidden"


def test_removals_are_counted_never_named() -> None:
    s = Session()
    s.people(6, orgs=["NHS"])
    s.host("participant.remove", {"participant_id": "p0"})
    s.host("participants.remove", {"participant_ids": ["p1", "p2"]})
    record = s.board()["record"]
    assert [(e["kind"], e["count"]) for e in record] == [
        ("participant.remove", 1),
        ("participant.remove", 2),
    ]
    assert [wording(e) for e in record] == [
        "A participant was removed",
        "2 participants were removed",
    ]
    text = json.dumps(s.view("p3")["record"])
    assert "Name p0" not in text and "NHS" not in text


def test_admitting_a_latecomer_is_recorded() -> None:
    s = Session()
    s.people(2)
    s.phase("own")
    s.latecomer("late")
    assert last(s)["kind"] == "participant.admit"
    assert wording(last(s)) == "A latecomer was let in"


def test_a_waiting_latecomer_sees_no_record() -> None:
    s = Session()
    s.people(2)
    s.phase("own")
    s.join("late")
    assert "record" not in s.view("late")


def test_forming_groups_and_moving_someone_are_recorded_with_labels_only() -> None:
    s = Session(settings={"groups": {"size": 4}})
    s.people(8, orgs=["NHS", "Council"])
    s.host("groups.form")
    person = s.room.participants["p0"]
    other = next(g for g in s.room.groups if g.id != person.group_id)
    s.host("group.move", {"participant_id": "p0", "group_id": other.id})
    s.host("group.move", {"participant_id": "p0", "group_id": other.id})  # no-op
    record = s.board()["record"]
    assert [e["kind"] for e in record] == ["groups.form", "group.move"]
    assert record[0]["groups"] == 2 and record[1]["group"] == other.label
    assert wording(record[1]) == f"A participant was moved to {other.label}"


def test_a_hidden_idea_in_groups_names_its_pair_and_group() -> None:
    s = Session(settings={"groups": {"size": 4}})
    s.people(8, orgs=["NHS", "Council"])
    to_pair(s)
    s.confirm_all(size=1)
    s.phase("explain")
    idea = s.room.ideas[s.room.board[-1]]
    s.host("idea.hide", {"idea_id": idea.id})
    group = s.room.group(idea.group_id or "")
    pair = s.room.pairs[s.room.pair_index[idea.pair_id or ""]]
    assert (last(s)["pair"], last(s)["group"]) == (pair.label, group.label)
    assert wording(last(s)) == f"An idea from {pair.label} ({group.label}) was hidden"


def test_settings_edits_name_the_paths_changed_and_nothing_when_nothing_changed() -> None:
    s = Session()
    s.host("session.configure", {"title": "New title", "settings": {"rank": {"budget": 3}}})
    s.host("session.configure", {"settings": {"rank": {"budget": 3}}})  # the same again
    s.host("session.configure", {"settings": {"reflect": {"prompts": ["A secret prompt?"]}}})
    record = s.board()["record"]
    assert [e["changed"] for e in record] == [["title", "rank.budget"], ["reflect.prompts"]]
    assert "secret" not in json.dumps(record)  # paths, never values
    assert wording(record[0]) == "Settings changed: title, rank.budget"


def test_the_reveal_is_recorded_once_per_round() -> None:
    s = Session()
    s.to_rank(4)
    s.host("rank.reveal")
    s.host("rank.reveal")  # a no-op ack
    assert kinds(s).count("rank.reveal") == 1
    assert last(s)["round"] == "group"
    assert wording(last(s)) == "The totals were revealed"


def test_notices_posted_and_cleared_without_their_text() -> None:
    s = Session()
    s.host("notice.set", {"text": "Coffee at 11"})
    s.host("notice.set", {"text": ""})
    s.host("notice.set", {"text": ""})  # nothing to clear
    record = s.board()["record"]
    assert [e["cleared"] for e in record] == [False, True]
    assert "Coffee" not in json.dumps(record)  # the notice itself is on every screen
    assert [wording(e) for e in record] == ["A notice was posted", "The notice was cleared"]


def test_every_view_holds_the_same_list_and_a_snapshot_keeps_it() -> None:
    s = Session()
    s.to_rank(4)
    s.host("timer.pause")
    record = s.hostv()["record"]
    assert record == s.board()["record"] == s.view("p0")["record"] == s.view("p3")["record"]
    assert [e["kind"] for e in record] == ["phase.start"] * 4 + ["timer.pause"]
    again = room_from_dict(json.loads(json.dumps(room_to_dict(s.room))))
    assert again.record == s.room.record


def test_the_record_only_grows_at_its_end() -> None:
    s = Session()
    s.people(2)
    s.phase("own")
    before = s.board()["record"]
    s.host("timer.add", {"seconds": 60})
    after = s.board()["record"]
    assert after[: len(before)] == before and len(after) == len(before) + 1


def test_a_view_shows_the_first_entries_then_one_marker() -> None:
    s = Session()
    for n in range(SHOWN + 3):
        s.host("notice.set", {"text": f"note {n}"})
    record = s.board()["record"]
    assert len(record) == SHOWN + 1 and record[-1]["kind"] == MORE
    assert len(s.room.record) == SHOWN + 3  # the exports hold every entry
    assert wording(record[-1]) == "More changes are in the export"


# -- the privacy property -------------------------------------------------------------------

NAMES = ["Alice Secretname", "Bob Hiddenname", "Cy Privatename", "Dee Quietname"]
ORGS = ["Secret Org", "Hidden Trust", None]
HOST_OPS = [
    ("phase.start", lambda s, n: {"phase": _next_phase(s, n)}),
    ("timer.pause", lambda s, n: {}),
    ("timer.resume", lambda s, n: {}),
    ("timer.add", lambda s, n: {"seconds": 30 * (n % 5 - 1)}),
    ("pairs.shuffle", lambda s, n: {}),
    ("pairs.unshuffle", lambda s, n: {}),
    ("idea.hide", lambda s, n: {"idea_id": _pick(s.room.board, n)}),
    ("participant.remove", lambda s, n: {"participant_id": _pick(list(s.room.participants), n)}),
    ("participant.admit", lambda s, n: {"participant_id": _pick(s.room.waiting, n)}),
    ("rank.reveal", lambda s, n: {}),
    ("notice.set", lambda s, n: {"text": "" if n % 2 else "Secret notice words"}),
    ("session.configure", lambda s, n: {"settings": {"rank": {"budget": 1 + n % 3}}}),
    ("groups.form", lambda s, n: {}),
    (
        "group.move",
        lambda s, n: {
            "participant_id": _pick(list(s.room.participants), n),
            "group_id": _pick([g.id for g in s.room.groups], n // 3),
        },
    ),
]


def _next_phase(s: Session, n: int) -> str:
    """Mostly the next phase (so ideas reach the board), now and then a restart."""
    phases = [name for name in PHASES if name != "plenary" or s.room.grouped]
    here = phases.index(s.room.phase.name)
    return phases[min(here + (n % 4 != 0), len(phases) - 1)]


def _pick(items: list[str], n: int) -> str:
    return items[n % len(items)] if items else "none"


def _allowed(s: Session) -> set[str]:
    """Every string a record entry may hold: kinds, phase names, setting paths, labels."""
    labels = {pair.label for pair in s.room.pairs} | {group.label for group in s.room.groups}
    kinds = {"phase.start", "timer.pause", "timer.resume", "timer.add", "pairs.shuffle"}
    kinds |= {"pairs.unshuffle", "idea.hide", "participant.remove", "participant.admit"}
    kinds |= {"groups.form", "group.move", "session.configure", "rank.reveal", "notice.set"}
    rounds = {"group", "plenary"}
    return labels | kinds | rounds | set(PHASES) | set(SETTING_PATHS) | {"title", "question"}


def _strings(node: Any) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [text for value in node.values() for text in _strings(value)]
    if isinstance(node, list):
        return [text for value in node for text in _strings(value)]
    return []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    ops=st.lists(
        st.lists(st.tuples(st.integers(0, len(HOST_OPS) - 1), st.integers(0, 50)), max_size=4),
        min_size=9,
        max_size=9,
    ),
    grouped=st.booleans(),
)
def test_no_entry_a_participant_receives_names_a_person_or_quotes_a_text(
    ops: list[list[tuple[int, int]]], grouped: bool
) -> None:
    """The session walks every phase; in each, random host commands (refused or not)."""
    s = Session(settings={"groups": {"size": 4 if grouped else 0}})
    for i, name in enumerate(NAMES * (2 if grouped else 1)):
        s.join(f"p{i}", name=name, org=ORGS[i % len(ORGS)])
    private = set(NAMES) | {org for org in ORGS if org} | {"Secret notice words"}
    for step in ops:
        _take_part(s)
        for index, n in step:
            if n % 7 == 0:  # a latecomer now and then, with a name of their own
                s.join(f"late{len(s.room.participants)}", name="Eve Latename", org="Late Org")
                private |= {"Eve Latename", "Late Org"}
            name, args = HOST_OPS[index]
            s.cmd("host", name, args(s, n))
            private |= {idea.text for idea in s.room.ideas.values()}
            _check(s, private)
        s.cmd("host", "phase.start", {"phase": _next_phase(s, 1)})
        _check(s, private)
    assert s.room.phase.name == "done"


def _take_part(s: Session) -> None:
    """What participants do in the phase: ideas, shortlists and a few votes."""
    name = s.room.phase.name
    for pid, person in s.room.participants.items():
        if not person.seated:
            continue
        if name == "own" and not person.ideas:
            s.ok(pid, "idea.add", {"text": f"Private idea of {person.name}"})
        if name in ("rank", "plenary") and s.room.board:
            s.cmd(pid, "vote.set", {"idea_id": s.room.board[0], "points": 1})
    if name == "pair":
        for pair in s.room.pairs:
            for pid in pair.members[:1]:
                s.cmd(pid, "pair.shortlist", {"idea_ids": pair.pool[:1]})
            for pid in pair.members:
                s.cmd(pid, "pair.confirm")


def _check(s: Session, private: set[str]) -> None:
    """Every entry is made of allowed words and holds no secret; and (breadth being a total)
    no idea's breadth reaches a participant before its round's reveal."""
    allowed = _allowed(s)
    for pid, person in s.room.participants.items():
        if person.removed:
            continue
        view = s.view(pid)
        for text in _strings(view.get("record", [])):
            assert text in allowed, text
            assert not any(secret in text for secret in private), text
        if not view.get("rank", {}).get("revealed", True):
            for idea in view.get("ideas", []):
                assert idea["breadth"] is None and idea["breadth_groups"] is None, idea
