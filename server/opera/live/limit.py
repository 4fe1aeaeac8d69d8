"""Rate limits: a token bucket per connection, windowed caps per address (guessing codes,
creating sessions, joining), and a cap on connections open at once per address (boards)."""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from typing import Protocol, runtime_checkable

logger = logging.getLogger(__name__)


@runtime_checkable
class SharedCounts(Protocol):
    """A store every process shares (Redis) that counts events per key over a window."""

    async def tally(self, key: str, window: float) -> float:
        """Counts one event for `key`; returns the events of every process in the last
        `window` seconds (an estimate: the current window and the previous one, weighted)."""
        ...


class Bucket:
    """Token bucket: `burst` frames at once, refilled at `rate` a second."""

    def __init__(self, rate: float, burst: int) -> None:
        self.rate = rate
        self.burst = float(burst)
        self.tokens = float(burst)
        self.stamp = time.monotonic()
        self.refused = 0  # frames refused in a row; a flood that goes on is closed

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            self.refused = 0
            return True
        self.refused += 1
        return False


class PerAddress:
    """Events per client address in the last `window` seconds, capped at `limit`.

    Used for unknown room codes (only misses count; docs/security.md has the arithmetic),
    for creating sessions (nobody fills the disk from one address) and for joins (nobody
    fills a room from one address). An address is never counted past its limit, so what is
    kept per address stays bounded.
    """

    def __init__(self, limit: int, window: float = 60.0) -> None:
        self.limit = limit
        self.window = window
        self._events: dict[str, deque[float]] = {}
        # With a shared store every process's events count: the total the store last gave
        # for an address (when, how many). The checks stay synchronous, so another process's
        # event is seen here once this process counts again: an address gets at most one
        # event more per other process than the limit, not the limit once per process.
        self._store: SharedCounts | None = None
        self._name = ""
        self._shared: dict[str, tuple[float, float]] = {}
        self._tallies: set[asyncio.Task[None]] = set()

    def share(self, store: SharedCounts, name: str) -> None:
        """Counts this limit's events in `store`, under `name`, with every other process."""
        self._store, self._name = store, name

    def _recent(self, address: str) -> deque[float]:
        events = self._events.setdefault(address, deque())
        cutoff = time.monotonic() - self.window
        while events and events[0] < cutoff:
            events.popleft()
        if not events:
            del self._events[address]
            return deque()
        return events

    def blocked(self, address: str) -> bool:
        return max(len(self._recent(address)), self._shared_count(address)) >= self.limit

    def count(self, address: str) -> None:
        self._recent(address)
        self._events.setdefault(address, deque()).append(time.monotonic())
        if self._store is not None:
            task = asyncio.get_running_loop().create_task(self._tally(self._store, address))
            self._tallies.add(task)
            task.add_done_callback(self._tallies.discard)

    def _shared_count(self, address: str) -> float:
        known = self._shared.get(address)
        if known is None:
            return 0.0
        if time.monotonic() - known[0] > self.window:
            del self._shared[address]
            return 0.0
        return known[1]

    async def _tally(self, store: SharedCounts, address: str) -> None:
        try:
            total = await store.tally(f"{self._name}:{address}", self.window)
        except Exception as exc:  # the store is down: this process's own count still holds
            logger.debug("shared limit %s not counted: %s", self._name, exc)
            return
        now = time.monotonic()
        self._shared[address] = (now, total)
        if len(self._shared) > 10_000:  # what is kept per address stays bounded
            cutoff = now - self.window
            self._shared = {a: k for a, k in self._shared.items() if k[0] >= cutoff}


class OpenPerAddress:
    """Connections open at once per client address, capped at `limit` (board connections:
    a venue has a few projectors, not hundreds of boards behind one address)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._open: dict[str, int] = {}

    def take(self, address: str) -> bool:
        held = self._open.get(address, 0)
        if held >= self.limit:
            return False
        self._open[address] = held + 1
        return True

    def give(self, address: str) -> None:
        left = self._open.get(address, 0) - 1
        if left > 0:
            self._open[address] = left
        else:
            self._open.pop(address, None)
