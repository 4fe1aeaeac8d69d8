"""What every rule of a command is given, and what it must follow.

A rule is `run(room, ctx, args) -> Refusal | Apply`. It makes every check once, in the
protocol's order (not_found, then limit_reached, then conflict), and returns the first
refusal, or else what to apply: a function of no arguments that changes the room and
checks nothing more. `refusal` only asks; `reduce` calls what it gets. The generic checks
(bad_request, forbidden, wrong_phase) are made before the rule by `reduce`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from .outcome import Refusal, limit_reached
from .state import Room

# Limits on texts the settings do not cover (characters, after trimming).
TITLE_MAX = 120
QUESTION_MAX = 500
LABEL_MAX = 80
OWNER_MAX = 80
ACTION_MAX = 280
NOTICE_MAX = 280
NAME_MAX = 60
ORG_MAX = 60
KEY_MAX = 128
# Limits on counts.
PARTICIPANTS_MAX = 5000
POOL_MAX = 100  # ideas in one pair's pool
CLUSTERS_MAX = 200


@dataclass(frozen=True, slots=True)
class Ctx:
    sender: str  # "host" or a pid
    seq: int  # this entry's offset (the seq it gets when folded)
    at: float
    seed: int


# "arrange": the host, or everyone when arrange.by allows; "focus": the host, or (with groups)
# a participant of the pair's own group.
Role = Literal["host", "participant", "arrange", "focus"]
Apply = Callable[[], None]
Verdict = Refusal | Apply
Run = Callable[[Room, Ctx, Any], Verdict]


def nothing() -> None:
    """What to apply when a command is acknowledged but changes nothing (a repeat)."""


@dataclass(frozen=True, slots=True)
class Rule:
    role: Role  # who may send it; "arrange": the host, or everyone when arrange.by allows
    phases: frozenset[str] | None  # None: any phase (or the rule checks the phase itself)
    phase_reason: str  # a key of REASONS; "" when `phases` is None
    run: Run


def too_long(text: str, limit: int, reason: str) -> Refusal | None:
    if len(text) > limit:
        return limit_reached(reason, n=limit)
    return None
