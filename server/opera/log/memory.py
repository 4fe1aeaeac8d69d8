"""`memory://`: the reference backend. Nothing survives the process; tests use it by default.

Entries are kept as their JSON text, so every backend hands out fresh dicts and refuses the
same non-JSON values: a caller can never mutate the log through an entry it appended or read.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

from opera.log.base import (
    LogClosed,
    check_after,
    check_room,
    check_snapshot_offset,
    decode,
    encode,
    valid_room,
)


class Signal:
    """Wakes every waiter at once; `changed()` is captured before checking, then awaited."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def changed(self) -> asyncio.Event:
        return self._event

    def notify(self) -> None:
        self._event.set()
        self._event = asyncio.Event()


class _Room:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.snapshot: tuple[int, str] | None = None
        self.signal = Signal()
        self.written = time.time()  # the last append, for retention


class MemoryLog:
    def __init__(self) -> None:
        self._rooms: dict[str, _Room] = {}
        self._closed = False

    async def probe(self) -> None:
        """Memory takes a write as long as the log is open."""
        if self._closed:
            raise LogClosed("the room log is closed")

    def _room(self, room: str) -> _Room:
        check_room(room)
        if self._closed:
            raise LogClosed("the room log is closed")
        found = self._rooms.get(room)
        if found is None:
            found = self._rooms[room] = _Room()
        return found

    async def append(self, room: str, entry: dict[str, Any]) -> int:
        state = self._room(room)
        state.lines.append(encode(entry))
        state.written = time.time()
        state.signal.notify()
        return len(state.lines)

    async def read(self, room: str, after: int = 0) -> list[tuple[int, dict[str, Any]]]:
        check_after(after)
        lines = self._room(room).lines
        return [(offset, decode(lines[offset - 1])) for offset in range(after + 1, len(lines) + 1)]

    async def follow(self, room: str, after: int = 0) -> AsyncIterator[tuple[int, dict[str, Any]]]:
        check_after(after)
        check_room(room)
        last = after
        state = self._room(room)
        while not self._closed and self._rooms.get(room) is state:
            changed = state.signal.changed()
            if len(state.lines) > last:
                for item in await self.read(room, last):
                    last = item[0]
                    yield item
                continue
            await changed.wait()

    async def exists(self, room: str) -> bool:
        if not valid_room(room):
            return False
        state = self._rooms.get(room)
        return state is not None and bool(state.lines)

    async def save_snapshot(self, room: str, offset: int, state: dict[str, Any]) -> None:
        found = self._room(room)
        check_snapshot_offset(offset, len(found.lines))
        if found.snapshot is None or found.snapshot[0] <= offset:
            found.snapshot = (offset, encode(state, "snapshot"))

    async def load_snapshot(self, room: str) -> tuple[int, dict[str, Any]] | None:
        snapshot = self._room(room).snapshot
        return None if snapshot is None else (snapshot[0], decode(snapshot[1]))

    async def delete(self, room: str) -> bool:
        check_room(room)
        state = self._rooms.pop(room, None)
        if state is not None:
            state.signal.notify()
        return state is not None and bool(state.lines)

    async def rooms_older_than(self, seconds: float) -> list[str]:
        cutoff = time.time() - seconds
        return sorted(c for c, s in self._rooms.items() if s.lines and s.written < cutoff)

    async def close(self) -> None:
        self._closed = True
        for state in self._rooms.values():
            state.signal.notify()
