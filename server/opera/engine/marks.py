"""Dirty marks: whose private view one folded entry may have changed.

The rules say it where they change a person's own things (`touch`) or everybody's
(`touch_everyone`), often several calls deep (seating a latecomer, forming groups); the
fold under way collects them (`start` and `stop`, or `collecting` around a block; used by
`reduce` only) and hands them out in its `Outcome`, so the room itself keeps no scratch
state between entries. Outside a fold
(a rule's helper called by a test or by `refusal`, which applies nothing) a mark goes
nowhere.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from dataclasses import dataclass, field


@dataclass(slots=True)
class Marks:
    """What one fold marked: these participants, or (`everyone`) every one."""

    pids: set[str] = field(default_factory=set)
    everyone: bool = False


# The fold under way: reduce is synchronous, so this is the one entry being folded.
_folding: ContextVar[Marks | None] = ContextVar("opera_marks", default=None)


def touch(*pids: str) -> None:
    """These participants' own view (`me`, their pair's names) may have changed."""
    marks = _folding.get()
    if marks is not None:
        marks.pids.update(pids)


def touch_everyone() -> None:
    """Every participant's own view may have changed (a phase, pairs dealt again, ...)."""
    marks = _folding.get()
    if marks is not None:
        marks.everyone = True


def start() -> tuple[Marks, Token[Marks | None]]:
    """Collect the marks of the fold that starts; `stop` it with the token, in a `finally`.
    (What `collecting` does, without a generator per entry: a replay folds 200,000.)"""
    marks = Marks()
    return marks, _folding.set(marks)


def stop(token: Token[Marks | None]) -> None:
    _folding.reset(token)


@contextmanager
def collecting() -> Iterator[Marks]:
    """The marks made while the block runs (one fold)."""
    marks, token = start()
    try:
        yield marks
    finally:
        stop(token)
