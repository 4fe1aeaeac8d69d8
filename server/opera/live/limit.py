"""Rate limits: a token bucket per connection, and a cap on guessing room codes."""

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

    Used for unknown room codes (with 23**7 codes and 30 misses a minute, finding a live room
    by guessing takes centuries; typos stay far below the limit) and for creating sessions
    (nobody fills the disk from one address).
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
