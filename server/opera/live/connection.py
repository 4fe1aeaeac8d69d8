"""One WebSocket as the hub sees it: who it speaks for, what it was sent, and its sending.

A frame is sent inline when the socket takes it at once, which is nearly always: a push to
a thousand people then costs a thousand plain calls instead of a thousand task switches
(the difference ARCHITECTURE.md measured between a send loop and a writer per client). Once
a socket is full, the send that found it full is handed to the connection's writer task, and
later frames queue behind it, up to a bound in frames and in bytes (a `state` of a big room
is hundreds of kilobytes: a bound in frames alone let one reader that stopped hold 175 MB): a
connection that passes either is dropped (it reconnects and resyncs) instead of stalling the
room or growing the server's memory. Bytes are counted as characters of the JSON text, which
is what the queue holds.

A connection holds no task, event or queue until its socket first fills: those cost 2 to
3 KB each (an asyncio.Event or a deque is a 64-slot block), and at 2,000 people that was a
tenth of the server's memory per connection (docs/performance.md, memory per connection).
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Awaitable, Callable, Coroutine, Generator
from typing import Any

from opera import metrics
from opera.live.protocol import CloseCode

logger = logging.getLogger("opera.connection")

Send = Callable[[str], Coroutine[Any, Any, None]]
Close = Callable[[CloseCode, str], Coroutine[Any, Any, None]]


class Connection:
    __slots__ = (
        "_blocked",
        "_blocked_size",
        "_close",
        "_closer",
        "_closing",
        "_limit",
        "_limit_bytes",
        "_queue",
        "_queued",
        "_send",
        "_sending",
        "_writer",
        "base",
        "overlay",
        "pid",
        "role",
        "stale",
    )

    def __init__(
        self,
        role: str,
        pid: str | None,
        send: Send,
        close: Close,
        limit: int,
        limit_bytes: int,
    ) -> None:
        self.role = role
        self.pid = pid
        self.overlay: dict[str, Any] = {}  # private pointers -> values as last sent
        self.base: dict[str, Any] | None = None  # a host's view as last sent
        self.stale = False  # its overlay must be recomputed at the next push
        self._send = send
        self._close = close
        self._limit = limit
        self._limit_bytes = limit_bytes
        self._queue: deque[str] | None = None  # made when a frame first waits
        self._queued = 0  # characters held: the queue and the send the socket is blocked on
        self._blocked_size = 0
        self._blocked: tuple[Coroutine[Any, Any, None], Any] | None = None
        self._sending = False  # the writer owns the socket: frames must queue
        self._closing = False
        self._closer: asyncio.Task[None] | None = None
        self._writer: asyncio.Task[None] | None = None  # only while the socket is full

    def push(self, frame: str) -> None:
        if self._closing:
            return
        if self._sending:
            queue = self._queue
            if queue is None:
                queue = self._queue = deque()
            if len(queue) >= self._limit or self._queued + len(frame) > self._limit_bytes:
                logger.info("dropping a %s connection that stopped reading", self.role)
                metrics.dropped()
                self.close(CloseCode.TOO_SLOW, "too slow: reconnect to resync")
                return
            queue.append(frame)
            self._queued += len(frame)
            return
        sending = self._send(frame)
        try:
            waiting_on = sending.send(None)
        except StopIteration:
            return  # sent at once
        except Exception:  # the socket went away: the endpoint's read loop cleans up
            self._closing = True
            return
        self._blocked = (sending, waiting_on)
        self._queued = self._blocked_size = len(frame)
        self._sending = True
        self._writer = asyncio.create_task(self._write())

    def close(self, code: CloseCode, reason: str) -> None:
        if not self._closing:
            self._closing = True
            self._queue = None
            self._queued = 0
            if self._writer is not None:
                self._writer.cancel()
            self._closer = asyncio.create_task(self._close(code, reason))

    async def _write(self) -> None:
        """Finish the send that found the socket full, then the frames queued behind it;
        the task ends once the queue is empty (the next full socket starts another)."""
        try:
            if self._blocked is not None:
                sending, waiting_on = self._blocked
                self._blocked = None
                await _resume(sending, waiting_on)
                self._queued -= self._blocked_size
            while self._queue:
                frame = self._queue[0]
                await self._send(frame)
                self._queue.popleft()
                self._queued -= len(frame)
            self._queue = None
            self._sending = False
            self._writer = None
        except asyncio.CancelledError:
            raise
        except Exception:  # the socket went away: the endpoint's read loop cleans up
            self._closing = True

    async def finish(self) -> None:
        self._closing = True
        if self._writer is not None:
            self._writer.cancel()
            await asyncio.gather(self._writer, return_exceptions=True)
        if self._blocked is not None:
            self._blocked[0].close()


class _Resume(Awaitable[None]):
    """Awaiting this drives `coroutine`, which ran up to its first suspension outside any
    task (it yielded `waiting_on`), to its end inside the awaiting task."""

    def __init__(self, coroutine: Coroutine[Any, Any, None], waiting_on: Any) -> None:
        self.coroutine = coroutine
        self.waiting_on = waiting_on

    def __await__(self) -> Generator[Any, Any, None]:
        waiting_on = self.waiting_on
        while True:
            try:
                sent = yield waiting_on  # the task waits on the same future, then resumes us
            except BaseException as exc:  # cancelled: let the coroutine clean up
                try:
                    waiting_on = self.coroutine.throw(exc)
                except StopIteration:
                    return
                continue
            try:
                waiting_on = self.coroutine.send(sent)
            except StopIteration:
                return


def _resume(coroutine: Coroutine[Any, Any, None], waiting_on: Any) -> _Resume:
    return _Resume(coroutine, waiting_on)
