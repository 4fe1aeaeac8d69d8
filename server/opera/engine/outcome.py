"""What folding one entry gave: applied, refused (with a protocol error code) or a duplicate."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

# In the protocol's order: when several checks fail, the first of these wins.
ErrorCode = Literal[
    "bad_request",
    "forbidden",
    "wrong_phase",
    "not_found",
    "limit_reached",
    "rate_limited",
    "conflict",
]
ERROR_CODES: tuple[str, ...] = get_args(ErrorCode)


@dataclass(frozen=True, slots=True)
class Refusal:
    code: ErrorCode
    message: str  # a sentence a participant can read


@dataclass(frozen=True, slots=True)
class Outcome:
    seq: int  # this entry's offset
    refusal: Refusal | None = None
    duplicate_of: int | None = None  # a retried command id: the original seq
    sender: str | None = None
    cmd_id: str | None = None

    @property
    def applied(self) -> bool:
        return self.refusal is None and self.duplicate_of is None


def bad_request(message: str) -> Refusal:
    return Refusal("bad_request", message)


def forbidden(message: str) -> Refusal:
    return Refusal("forbidden", message)


def wrong_phase(message: str) -> Refusal:
    return Refusal("wrong_phase", message)


def not_found(message: str) -> Refusal:
    return Refusal("not_found", message)


def limit_reached(message: str) -> Refusal:
    return Refusal("limit_reached", message)


def conflict(message: str) -> Refusal:
    return Refusal("conflict", message)
