"""Malformed commands are bad_request with a readable message; which error wins."""

from __future__ import annotations

import pytest
from opera.engine.commands import COMMAND_NAMES, Command, parse_args, parse_command
from opera.engine.outcome import Refusal

from .scenario import Session


def test_command_names_match_the_models() -> None:
    names = set()
    for model in Command.__origin__.__args__:  # type: ignore[attr-defined]
        names.add(model.model_fields["name"].annotation.__args__[0])
    assert names == set(COMMAND_NAMES)
    assert len(COMMAND_NAMES) == 32


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("no.such", {}),
        ("idea.add", {}),
        ("idea.add", {"text": 5}),
        ("idea.add", {"text": "ok", "extra": 1}),
        ("idea.add", "text"),
        ("vote.set", {"idea_id": "i1", "points": True}),
        ("vote.set", {"idea_id": "i1", "points": "1"}),
        ("vote.set", {"idea_id": "bad id", "points": 1}),
        ("vote.set", {"idea_id": "i" * 33, "points": 1}),
        ("phase.start", {"phase": "later"}),
        ("phase.start", {"phase": "own", "minutes": 0}),
        ("timer.add", {"seconds": "10"}),
        ("idea.place", {"idea_id": "i1"}),
        ("idea.place", {"idea_id": "i1", "cluster_id": None, "index": -1}),
        ("pair.shortlist", {"idea_ids": "i1"}),
        ("idea.add", {"text": "x" * 10_001}),
    ],
)
def test_malformed_commands_are_bad_request(name: str, args: object) -> None:
    parsed = parse_command(name, args)
    assert isinstance(parsed, Refusal)
    assert parsed.code == "bad_request"
    assert parsed.message.endswith(".")


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("vote.set", {"idea_id": "i1", "points": 2}),
        ("idea.add", {"text": "  trimmed  "}),
        ("idea.place", {"idea_id": "i1", "cluster_id": None}),
        ("pair.shortlist", {"idea_ids": ["i1", "i2"]}),
        ("timer.pause", None),
        ("session.configure", {"settings": {"rank": {"budget": 3}}}),
        ("vote.set", {"idea_id": "i1", "points": True}),
        ("vote.set", {"points": 1, "extra": 2}),
        ("idea.add", {"text": "   "}),
        ("pair.shortlist", {"idea_ids": ["ok", "bad id"]}),
        ("no.such", {}),
        (7, {}),
        ("idea.add", "text"),
    ],
)
def test_parse_args_is_what_parse_command_gives_as_args(name: object, args: object) -> None:
    """The reducer validates only the arguments (parse_args): the same values, the same
    refusals, word for word."""
    command = parse_command(name, args)
    found = parse_args(name, args)
    if isinstance(command, Refusal):
        assert found == command
    else:
        assert not isinstance(found, Refusal)
        assert type(found) is type(command.args) and found == command.args


def test_the_message_names_the_argument() -> None:
    parsed = parse_command("vote.set", {"idea_id": "i1", "points": "two"})
    assert isinstance(parsed, Refusal)
    assert parsed.message.startswith("vote.set: points")


def test_args_may_be_omitted_for_commands_without_arguments() -> None:
    assert not isinstance(parse_command("timer.pause", None), Refusal)


def test_a_command_without_an_id_is_bad_request() -> None:
    s = Session()
    entry = s.entry("host", "timer.pause")
    del entry["id"]
    assert s.fold(entry).refusal == Refusal("bad_request", "bad_command_id")


def test_a_command_id_longer_than_64_is_bad_request() -> None:
    s = Session()
    outcome = s.cmd("host", "phase.start", {"phase": "own"}, cmd_id="x" * 65)
    assert outcome.refusal is not None and outcome.refusal.code == "bad_request"


# -- which error wins: bad_request, forbidden, wrong_phase, not_found, limit_reached, conflict


def test_bad_request_wins_over_forbidden() -> None:
    s = Session()
    s.people(1)
    assert s.code("p0", "phase.start", {"phase": "nope"}) == "bad_request"


def test_forbidden_wins_over_wrong_phase() -> None:
    s = Session()
    s.people(1)
    assert s.code("p0", "rank.reveal") == "forbidden"
    assert s.code("host", "idea.add", {"text": "x"}) == "forbidden"


def test_wrong_phase_wins_over_not_found() -> None:
    s = Session()
    s.people(1)
    assert s.code("p0", "idea.edit", {"idea_id": "i999", "text": "x"}) == "wrong_phase"
    assert s.code("p0", "vote.set", {"idea_id": "i999", "points": 1}) == "wrong_phase"


def test_not_found_wins_over_limit_reached() -> None:
    s = Session(settings={"own": {"max_chars": 10}})
    s.people(1)
    s.phase("own")
    assert s.code("p0", "idea.edit", {"idea_id": "i999", "text": "x" * 50}) == "not_found"


def test_not_found_wins_over_limit_reached_for_votes() -> None:
    s = Session()
    pids = s.to_rank(4)
    assert s.code(pids[0], "vote.set", {"idea_id": "i999", "points": 9}) == "not_found"


def test_limit_reached_wins_over_conflict() -> None:
    s = Session(settings={"pair": {"shortlist_max": 1}})
    pids = s.people(2)
    s.write_ideas(pids)
    s.phase("pair")
    pair = s.room.pairs[0]
    assert s.code(pair.members[0], "pair.shortlist", {"idea_ids": pair.pool[:2]}) == (
        "limit_reached"
    )


def test_another_persons_own_idea_is_not_found() -> None:
    s = Session()
    s.people(2)
    s.phase("own")
    idea = f"i{s.ok('p0', 'idea.add', {'text': 'mine'}).seq}"
    assert s.code("p1", "idea.delete", {"idea_id": idea}) == "not_found"
