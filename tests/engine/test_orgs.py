"""orgs.list: the organisations the host sets; joins match them whatever the case."""

from __future__ import annotations

import pytest
from opera.engine.settings import SettingsError, validate_settings

from .scenario import Session

ORGS = ["City Council", "Health Board", "Care Homes Trust"]


def test_a_listed_organisation_is_spelled_as_the_host_listed_it() -> None:
    s = Session(settings={"orgs": {"list": ORGS}})
    s.join("a", org="  city   council ")
    s.join("b", org="CITY COUNCIL")
    s.join("c", org="Parents' Forum")  # Other...: a free organisation stays allowed
    s.join("d", org="   ")
    people = s.room.participants
    assert [people[x].org for x in "abcd"] == [
        "City Council",
        "City Council",
        "Parents' Forum",
        None,
    ]
    assert people["a"].org_key == people["b"].org_key == "city council"
    listed = [p["org"] for p in s.hostv()["participants"]["list"]]
    assert listed == ["City Council", "City Council", "Parents' Forum", None]
    assert s.board()["session"]["settings"]["orgs"]["list"] == ORGS


def test_without_a_list_organisations_are_trimmed_and_compared_case_insensitively() -> None:
    s = Session()
    s.join("a", org=" Health  Board ")
    s.join("b", org="health board")
    people = s.room.participants
    assert people["a"].org == "Health Board" and people["b"].org == "health board"
    assert people["a"].org_key == people["b"].org_key
    s.phase("own")
    s.phase("pair")
    s.phase("explain")
    s.phase("rank")
    assert len(s.room.ballots["pair:pr1"].orgs) == 1  # one organisation, however spelled


def test_the_list_is_trimmed_and_checked() -> None:
    assert validate_settings({"orgs": {"list": ["  NHS  Wales ", "Council"]}})["orgs"]["list"] == [
        "NHS Wales",
        "Council",
    ]
    for bad in (["NHS", "nhs"], [""], ["x" * 61], "NHS", [1], ["a"] * 101):
        with pytest.raises(SettingsError):
            validate_settings({"orgs": {"list": bad}})


def test_the_host_can_set_the_list_in_the_lobby_and_the_view_holds_a_copy() -> None:
    s = Session()
    s.host("session.configure", {"settings": {"orgs": {"list": ORGS}}})
    view = s.board()
    view["session"]["settings"]["orgs"]["list"].append("changed")
    assert s.room.settings["orgs"]["list"] == ORGS  # views share nothing with the room
    assert s.code("host", "session.configure", {"settings": {"orgs": {"list": ["a", "A"]}}}) == (
        "bad_request"
    )
