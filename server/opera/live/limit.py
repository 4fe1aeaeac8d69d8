"""Rate limits: a token bucket per connection, windowed caps per address (guessing codes,
creating sessions, joining), and a cap on connections open at once per address (boards)."""

from __future__ import annotations

import time
from collections import deque


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
        return len(self._recent(address)) >= self.limit

    def count(self, address: str) -> None:
        self._recent(address)
        self._events.setdefault(address, deque()).append(time.monotonic())


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
