"""Phases and timers.

`phase.start` moves to any later phase or restarts the current one (a new timer only);
going back is a `conflict`. Skipping phases does what entering each would have done, in
order. The timer runs `minutes` (or the phase's default) from the entry's time; Explain's
default is `seconds_per_pair` for every pair on the board; Lobby and Done have no timer.
The timer commands are refused with `wrong_phase` in Lobby and Done. `timer.add` with no
timer, or once time is up, starts the added time from now (a negative amount with no timer
is a `conflict`); on a paused timer it changes the time left.
"""

from __future__ import annotations

import random

from . import marks
from .commands import NoArgs, PhaseStartArgs, TimerAddArgs
from .explain import (
    add_to_spotlights,
    enter_explain,
    longest_order,
    pause_spotlights,
    resume_spotlights,
)
from .groups import enter_own, too_small
from .outcome import conflict
from .pair import enter_pair
from .plenary import enter_plenary
from .rank import enter_rank
from .reflect import enter_reflect
from .rules import Ctx, Verdict
from .state import PHASE_INDEX, PHASES, Room, phases_from

TIMED_PHASES = phases_from("own", "reflect")
_OWN = PHASE_INDEX["own"]


def phase_start(room: Room, ctx: Ctx, args: PhaseStartArgs) -> Verdict:
    target = PHASE_INDEX[args.phase]
    current = room.phase_index
    if target < current:
        return conflict("phase_passed", phase=args.phase)
    if args.phase == "plenary" and not room.setting("groups", "size"):
        return conflict("plenary_without_groups")
    if current < _OWN <= target:
        refused = too_small(room)
        if refused:
            return refused
    return lambda: _start(room, ctx, args, current, target)


def _start(room: Room, ctx: Ctx, args: PhaseStartArgs, current: int, target: int) -> None:
    rng = random.Random(ctx.seed)
    for name in PHASES[current + 1 : target + 1]:
        _enter(room, name, rng, name == args.phase)
    room.phase.name = args.phase
    room.phase.ends_at = _deadline(room, ctx.at, args.minutes)
    room.phase.paused_left = None
    marks.touch_everyone()


def _enter(room: Room, name: str, rng: random.Random, last: bool) -> None:
    if name == "own":
        enter_own(room, rng)
    elif name == "pair":
        enter_pair(room, rng)
    elif name == "explain":
        enter_explain(room, rng)
    elif name == "rank":
        enter_rank(room)
    elif name == "plenary":
        enter_plenary(room, vote=last)  # skipped (rank to arrange): the board, no vote
    elif name == "reflect":
        enter_reflect(room, rng)


def _deadline(room: Room, at: float, minutes: float | None) -> float | None:
    name = room.phase.name
    if name not in TIMED_PHASES:
        return None
    if minutes is not None:
        return at + minutes * 60
    if name == "explain":
        seconds = room.setting("explain", "seconds_per_pair") * longest_order(room)
        return at + seconds if seconds else None
    return at + float(room.setting(name, "minutes")) * 60


def timer_pause(room: Room, ctx: Ctx, args: NoArgs) -> Verdict:
    phase = room.phase
    ends_at = phase.ends_at
    if phase.paused_left is not None:
        return conflict("timer_already_paused")
    if ends_at is None:
        return conflict("no_timer_running")

    def apply() -> None:
        phase.paused_left = max(0.0, ends_at - ctx.at)
        phase.ends_at = None
        if room.grouped:
            pause_spotlights(room, ctx.at)

    return apply


def timer_resume(room: Room, ctx: Ctx, args: NoArgs) -> Verdict:
    phase = room.phase
    left = phase.paused_left
    if left is None:
        return conflict("timer_not_paused")

    def apply() -> None:
        phase.ends_at = ctx.at + left
        phase.paused_left = None
        if room.grouped:
            resume_spotlights(room, ctx.at)

    return apply


def timer_add(room: Room, ctx: Ctx, args: TimerAddArgs) -> Verdict:
    phase = room.phase
    idle = phase.ends_at is None and phase.paused_left is None
    if idle and args.seconds <= 0:
        return conflict("no_timer_to_shorten")
    return lambda: _add(room, ctx, args.seconds)


def _add(room: Room, ctx: Ctx, seconds: float) -> None:
    phase = room.phase
    if room.grouped:
        add_to_spotlights(room, ctx.at, seconds)
    if phase.paused_left is not None:
        phase.paused_left = max(0.0, phase.paused_left + seconds)
    elif phase.ends_at is not None and phase.ends_at > ctx.at:
        phase.ends_at += seconds
    else:  # no timer, or time is up: the added time runs from now
        phase.ends_at = ctx.at + max(0.0, seconds)
