"""The room log: the interface every backend implements, its errors, and `open_log`.

A room's log is an ordered list of JSON-safe dicts. The log gives each entry its offset:
consecutive integers 1, 2, 3 ... per room, with no gaps. Backends are chosen by URL scheme
and imported only when used, so only `log/redis.py` ever imports redis.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncGenerator, AsyncIterator
from typing import Any, Protocol, runtime_checkable

import orjson

Entry = dict[str, Any]
Item = tuple[int, Entry]

# Room codes become file names and Redis hash tags: no dots, slashes, braces or spaces.
ROOM_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,64}")


class LogError(Exception):
    """Base class of every error a room log raises."""


class LogCorrupt(LogError):
    """Stored data is damaged; the message names the file (or key) and the line (or id)."""


class LogUnavailable(LogError):
    """The store cannot be reached (Redis down); the caller may retry later."""


class LogClosed(LogError):
    """The log was closed; nothing more can be appended or read through it."""


class LogLost(LogUnavailable):
    """The store no longer holds entries this process saw (Redis lost its log tail).

    Nothing was appended by the call that raised it; the room must be reloaded from what the
    store has before anything else is acknowledged.
    """


class InvalidRoom(LogError, ValueError):
    """A room code that no room can have (it must match `[A-Za-z0-9_-]{1,64}`)."""


@runtime_checkable
class RoomLog(Protocol):
    async def append(self, room: str, entry: dict[str, Any]) -> int:
        """Adds `entry` at the end of the room's log; returns its offset once it is durable."""
        ...

    async def read(self, room: str, after: int = 0) -> list[tuple[int, dict[str, Any]]]:
        """Every entry after offset `after` that is in the log now, in order."""
        ...

    def follow(self, room: str, after: int = 0) -> AsyncIterator[tuple[int, dict[str, Any]]]:
        """Every entry after `after`, in order, then each new one; ends when the log closes."""
        ...

    async def exists(self, room: str) -> bool:
        """True when the room has at least one entry (False for an invalid code)."""
        ...

    async def save_snapshot(self, room: str, offset: int, state: dict[str, Any]) -> None:
        """Stores `state` as the room folded up to `offset`; an older snapshot never wins."""
        ...

    async def load_snapshot(self, room: str) -> tuple[int, dict[str, Any]] | None:
        """The newest snapshot as (offset, state), or None."""
        ...

    async def delete(self, room: str) -> bool:
        """Removes every entry and snapshot of the room; True if there was anything.

        A `follow` of the room in this process ends. Unload the room first: this only deletes.
        """
        ...

    async def rooms_older_than(self, seconds: float) -> list[str]:
        """Codes of the rooms last appended to more than `seconds` ago (for retention)."""
        ...

    async def close(self) -> None:
        """Waits for pending appends, ends every `follow`, releases the store."""
        ...


@runtime_checkable
class Paged(Protocol):
    """A store that hands a long read over page by page as it comes (Redis: the next round
    trip is under way while the caller folds this page, so a big room's load waits on Redis
    and folds at the same time, and never holds the whole log as a list)."""

    def pages(
        self, room: str, after: int = 0
    ) -> AsyncGenerator[list[tuple[int, dict[str, Any]]], None]:
        """What `read(room, after)` returns, in consecutive non-empty pieces, in order."""
        ...


@runtime_checkable
class Probed(Protocol):
    """A store that can tell whether it takes a write now (for `GET /readyz`)."""

    async def probe(self) -> None:
        """Writes a little to the store; raises LogError when it cannot."""
        ...


@runtime_checkable
class SharedPresence(Protocol):
    """A store that several server processes share also shares who is connected.

    Presence is not in the log: each process reports the participants connected to it, and
    a report older than `ttl` seconds (a process that died) no longer counts.
    """

    async def beat(self, room: str, node: str, pids: list[str], ttl: float) -> set[str]:
        """Records `node`'s connected participants; returns those of every live node."""
        ...


def check_room(room: str) -> str:
    if not isinstance(room, str) or not ROOM_PATTERN.fullmatch(room):
        raise InvalidRoom(f"invalid room code {room!r}: expected [A-Za-z0-9_-]{{1,64}}")
    return room


def valid_room(room: str) -> bool:
    return isinstance(room, str) and ROOM_PATTERN.fullmatch(room) is not None


def check_after(after: int) -> int:
    if isinstance(after, bool) or not isinstance(after, int) or after < 0:
        raise ValueError(f"after must be an int >= 0, not {after!r}")
    return after


def check_snapshot_offset(offset: int, end: int) -> int:
    if isinstance(offset, bool) or not isinstance(offset, int) or not 1 <= offset <= end:
        raise ValueError(f"snapshot offset {offset!r} is not in the log (1..{end})")
    return offset


def encode(value: dict[str, Any], what: str = "entry") -> str:
    """Compact JSON for an entry or a snapshot; TypeError/ValueError if it is not JSON-safe."""
    if not isinstance(value, dict):
        raise TypeError(f"a log {what} must be a dict, not {type(value).__name__}")
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def decode(text: str | bytes) -> dict[str, Any]:
    value = loads(text)
    if not isinstance(value, dict):
        raise ValueError("not a JSON object")
    return value


def loads(text: str | bytes) -> Any:
    """What `json.loads` gives, and its errors, but two to four times faster for what
    `encode` wrote: a big room's load parses 37 MB of entries.

    orjson parses, and its value is kept only when it encodes back to the very bytes: then
    `json.loads` reads the same value from them. Anything else goes to `json.loads`: what
    orjson refuses (NaN, lone surrogates, damage, for json's own error message), integers
    beyond 64 bits (which orjson turns into floats), text written in another layout."""
    try:
        data = text.encode() if isinstance(text, str) else text
        value = orjson.loads(data)
        if orjson.dumps(value) == data.strip():  # a snapshot file ends with a newline
            return value
    except (orjson.JSONDecodeError, orjson.JSONEncodeError, UnicodeEncodeError):
        pass
    return json.loads(text)


STORE_SCHEMES = ("memory", "file", "redis", "rediss", "unix")


def store_scheme(url: str) -> str:
    """The backend a store URL names; ValueError with what to write instead if none."""
    scheme, sep, _ = url.partition("://")
    if not sep:
        raise ValueError(f"not a store URL: {url!r} (memory://, file://PATH, redis://HOST:PORT/DB)")
    if scheme.lower() not in STORE_SCHEMES:
        raise ValueError(
            f"unknown store {scheme}://: use memory://, file://PATH or redis://HOST:PORT/DB"
        )
    return scheme.lower()


def open_log(url: str) -> RoomLog:
    """Opens the backend named by the URL: `memory://`, `file://PATH`, `redis://HOST:PORT/DB`.

    `file://data` is the folder `data` (relative), `file:///var/opera` an absolute one.
    Redis URLs take `?ttl=SECONDS`, the idle time after which a room expires (default 7 days).
    """
    scheme = store_scheme(url)
    rest = url.partition("://")[2]
    if scheme == "memory":
        from opera.log.memory import MemoryLog

        return MemoryLog()
    if scheme == "file":
        from opera.log.file import FileLog

        if not rest:
            raise ValueError("file:// needs a folder: file://PATH")
        return FileLog(rest)
    if scheme in ("redis", "rediss", "unix"):
        from opera.log.redis import RedisLog

        return RedisLog.from_url(url)
    raise AssertionError(scheme)  # store_scheme admits only the schemes above
