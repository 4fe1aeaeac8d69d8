"""Session settings: the defaults of OPERA.md, their limits, and validation.

Settings are nested objects; `SETTING_PATHS` names every leaf by its dotted path. Any subset
may be given; `validate_settings` fills the rest with defaults (or with `base`) and raises
`SettingsError` on an unknown key or a bad value.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Mapping
from typing import Any

__all__ = [
    "DEFAULTS",
    "SETTING_PATHS",
    "SettingsError",
    "budget_for",
    "copy_settings",
    "org_key",
    "validate_settings",
]


class SettingsError(ValueError):
    """An unknown setting or a bad value; the message names the setting."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


DEFAULTS: dict[str, Any] = {
    "own": {"minutes": 5, "max_ideas": 10, "max_chars": 280},
    "pair": {"minutes": 15, "shortlist_max": 4, "mix_orgs": True},
    "explain": {"seconds_per_pair": 60},
    "rank": {
        "minutes": 5,
        "voter": "pair",
        "budget": "25%",
        "max_per_idea": 1,
        "own_pair_max": 1,
        "order": "points",
    },
    "groups": {"size": 0, "assign": "mix"},
    "plenary": {"top": 3, "budget": "25%", "own_group_max": 1, "minutes": 5},
    "arrange": {"minutes": 15, "by": "host"},
    "reflect": {
        "minutes": 5,
        "prompts": [
            "What is your one key reflection from today?",
            "What is one practical step you will take?",
        ],
    },
    "join": {"late": "admit"},
    "orgs": {"list": []},
    "anonymous": True,
}

_PERCENT = re.compile(r"^\s*(\d{1,3})\s*%\s*$")


def _number(low: float, high: float) -> Callable[[str, object], object]:
    def check(path: str, value: object) -> object:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise SettingsError(f"{path} must be a number")
        if not low < value <= high:
            raise SettingsError(f"{path} must be more than {low:g} and at most {high:g}")
        return value

    return check


def _integer(low: int, high: int) -> Callable[[str, object], object]:
    def check(path: str, value: object) -> object:
        if isinstance(value, bool) or not isinstance(value, int):
            raise SettingsError(f"{path} must be a whole number")
        if not low <= value <= high:
            raise SettingsError(f"{path} must be between {low} and {high}")
        return value

    return check


def _choice(*options: str) -> Callable[[str, object], object]:
    def check(path: str, value: object) -> object:
        if value not in options:
            raise SettingsError(f"{path} must be one of: {', '.join(options)}")
        return value

    return check


def _boolean(path: str, value: object) -> object:
    if not isinstance(value, bool):
        raise SettingsError(f"{path} must be true or false")
    return value


def _budget(path: str, value: object) -> object:
    if isinstance(value, str):
        match = _PERCENT.match(value)
        if match and 1 <= int(match.group(1)) <= 100:
            return f"{int(match.group(1))}%"
        raise SettingsError(f'{path} must be a whole number or a share such as "25%"')
    return _integer(1, 10_000)(path, value)


_MINUTES = _number(0, 600)


def _group_size(path: str, value: object) -> object:
    if value == 0 and not isinstance(value, bool):
        return value
    try:
        return _integer(4, 50)(path, value)
    except SettingsError:
        raise SettingsError(f"{path} must be 0 (no groups) or between 4 and 50") from None


ORGS_MAX = 100  # organisations in orgs.list
ORG_CHARS = 60  # as a participant's organisation (rules.ORG_MAX)


def org_key(org: str) -> str:
    """How organisations are compared: spaces collapsed, case folded ("City  council" is
    "City Council")."""
    return " ".join(org.split()).casefold()


def _org_list(path: str, value: object) -> object:
    """The organisations the host offers: trimmed, none empty or longer than a participant's,
    none twice (case-insensitively)."""
    if not isinstance(value, list) or len(value) > ORGS_MAX:
        raise SettingsError(f"{path} must be a list of at most {ORGS_MAX} organisations")
    names: list[str] = []
    seen: set[str] = set()
    for item in value:
        if not isinstance(item, str) or not item.strip() or len(item.strip()) > ORG_CHARS:
            raise SettingsError(f"{path}: each organisation has 1 to {ORG_CHARS} characters")
        name = " ".join(item.split())
        if org_key(name) in seen:
            raise SettingsError(f"{path}: '{name}' is listed twice")
        seen.add(org_key(name))
        names.append(name)
    return names


PROMPTS_MAX = 4  # reflect.prompts
PROMPT_CHARS = 200


def _prompts(path: str, value: object) -> object:
    """The Reflect prompts: 1 to 4 texts of 1 to 200 characters (trimmed)."""
    if not isinstance(value, list) or not 1 <= len(value) <= PROMPTS_MAX:
        raise SettingsError(f"{path} must be a list of 1 to {PROMPTS_MAX} prompts")
    prompts: list[str] = []
    for item in value:
        if not isinstance(item, str) or not 1 <= len(item.strip()) <= PROMPT_CHARS:
            raise SettingsError(f"{path}: each prompt has 1 to {PROMPT_CHARS} characters")
        prompts.append(item.strip())
    return prompts


_CHECKS: dict[str, Callable[[str, object], object]] = {
    "own.minutes": _MINUTES,
    "own.max_ideas": _integer(1, 50),
    "own.max_chars": _integer(10, 2000),
    "pair.minutes": _MINUTES,
    "pair.shortlist_max": _integer(1, 20),
    "pair.mix_orgs": _boolean,
    "explain.seconds_per_pair": _integer(5, 3600),
    "rank.minutes": _MINUTES,
    "rank.voter": _choice("pair", "person"),
    "rank.budget": _budget,
    "rank.max_per_idea": _integer(1, 100),
    "rank.own_pair_max": _integer(0, 100),
    "rank.order": _choice("points", "breadth"),  # breadth: organisations first (breadth.py)
    "groups.size": _group_size,
    "groups.assign": _choice("mix", "choose"),
    "plenary.top": _integer(1, 10),
    "plenary.budget": _budget,
    "plenary.own_group_max": _integer(0, 100),
    "plenary.minutes": _MINUTES,
    "arrange.minutes": _MINUTES,
    "arrange.by": _choice("host", "everyone"),
    "reflect.minutes": _MINUTES,
    "reflect.prompts": _prompts,
    "join.late": _choice("admit", "open", "closed"),
    "orgs.list": _org_list,
    "anonymous": _boolean,
}

SETTING_PATHS: tuple[str, ...] = tuple(_CHECKS)


def validate_settings(
    partial: Mapping[str, Any] | None, base: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """Full settings: `partial` laid over `base` (the defaults when None), every value checked."""
    result: dict[str, Any] = copy.deepcopy(dict(base) if base is not None else DEFAULTS)
    if partial is None:
        return result
    if not isinstance(partial, Mapping):
        raise SettingsError("settings must be an object")
    for key, value in partial.items():
        section = DEFAULTS.get(key) if isinstance(key, str) else None
        if key not in DEFAULTS:
            raise SettingsError(f"unknown setting '{key}'")
        if isinstance(section, dict):
            if not isinstance(value, Mapping):
                raise SettingsError(f"{key} must be an object")
            for sub, sub_value in value.items():
                path = f"{key}.{sub}"
                if path not in _CHECKS:
                    raise SettingsError(f"unknown setting '{path}'")
                result[key][sub] = _CHECKS[path](path, sub_value)
        else:
            result[key] = _CHECKS[key](key, value)
    return result


def copy_settings(settings: Mapping[str, Any]) -> dict[str, Any]:
    """A copy sharing nothing with `settings` (sections are dicts, `orgs.list` a list)."""
    return {
        k: {n: list(x) if isinstance(x, list) else x for n, x in v.items()}
        if isinstance(v, dict)
        else v
        for k, v in settings.items()
    }


def budget_for(budget: int | str, board_size: int) -> int:
    """The fixed budget: an int as given, or "N%" of the board rounded up, at least 1."""
    if isinstance(budget, int):
        return budget
    share = int(budget.rstrip("%").strip())
    return max(1, -(-share * board_size // 100))
