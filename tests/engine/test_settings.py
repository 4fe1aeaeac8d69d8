"""Settings: the defaults of OPERA.md, any subset, unknown keys and bad values refused."""

from __future__ import annotations

from typing import Any

import pytest
from opera.engine.settings import DEFAULTS, SETTING_PATHS, SettingsError, validate_settings


def test_defaults() -> None:
    settings = validate_settings({})
    assert settings == DEFAULTS
    assert settings["rank"] == {
        "minutes": 5,
        "voter": "pair",
        "budget": "25%",
        "max_per_idea": 1,
        "own_pair_max": 1,
        "order": "points",
    }
    assert settings["anonymous"] is True
    assert settings["arrange"]["by"] == "host"


def test_every_path_names_a_default() -> None:
    for path in SETTING_PATHS:
        node: Any = DEFAULTS
        for part in path.split("."):
            node = node[part]
    assert len(SETTING_PATHS) == 26


def test_a_subset_keeps_the_other_defaults() -> None:
    settings = validate_settings({"rank": {"voter": "person"}})
    assert settings["rank"]["voter"] == "person"
    assert settings["rank"]["budget"] == "25%"
    assert settings["own"] == DEFAULTS["own"]


def test_a_base_is_kept_under_a_subset() -> None:
    base = validate_settings({"own": {"minutes": 2}})
    assert validate_settings({"own": {"max_ideas": 3}}, base=base)["own"]["minutes"] == 2


@pytest.mark.parametrize("budget", [1, 7, "25%", "100%", " 10 % "])
def test_good_budgets(budget: object) -> None:
    validate_settings({"rank": {"budget": budget}})


@pytest.mark.parametrize(
    "partial",
    [
        {"nope": 1},
        {"own": {"nope": 1}},
        {"own": 5},
        {"own": {"minutes": 0}},
        {"own": {"minutes": "5"}},
        {"own": {"max_ideas": 0}},
        {"own": {"max_ideas": 2.5}},
        {"own": {"max_ideas": True}},
        {"pair": {"mix_orgs": "yes"}},
        {"rank": {"voter": "team"}},
        {"rank": {"budget": 0}},
        {"rank": {"budget": "0%"}},
        {"rank": {"budget": "101%"}},
        {"rank": {"budget": "lots"}},
        {"arrange": {"by": "anyone"}},
        {"anonymous": "no"},
    ],
)
def test_bad_settings_raise(partial: dict[str, Any]) -> None:
    with pytest.raises(SettingsError) as error:
        validate_settings(partial)
    assert error.value.message


def test_percent_budgets_are_normalised() -> None:
    assert validate_settings({"rank": {"budget": " 10 % "}})["rank"]["budget"] == "10%"
