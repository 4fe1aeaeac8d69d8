"""uvicorn's `websockets-sansio` WebSocket protocol, holding less for each open socket.

A participant's socket stays open for the whole session and mostly sits idle, so what it
holds at rest is what 2,000 people cost. uvicorn's protocol keeps an `asyncio.Queue` for
the frames it hands the app (four 64-slot deques: about 3 KB), an `asyncio.Event` for its
write buffer (a fifth deque), and the handshake's parsed request and response (their
headers, 1.5 KB) for the socket's life. Here the queue is a list with one waiter, the
event a flag with waiters only while someone waits, and the handshake's headers are let go
once the app has accepted. The wire behaviour is uvicorn's own: same parser, same limits
(`ws_max_size`: 1009), same keepalive pings and close handshake; tests/live run on it.
docs/performance.md (memory per connection) has the figures.
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol
from websockets.datastructures import Headers
from websockets.http11 import Request

_NO_HEADERS = Headers()  # stands in for a handshake's headers once they are no longer read


class Inbox:
    """What uvicorn's asyncio.Queue did for one socket: events in order, one reader (the
    app's `receive`); uvicorn stops reading the socket while one is waiting, so it is short."""

    __slots__ = ("_items", "_waiter")

    def __init__(self) -> None:
        self._items: list[Any] = []
        self._waiter: asyncio.Future[None] | None = None

    def put_nowait(self, item: Any) -> None:
        self._items.append(item)
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    def empty(self) -> bool:
        return not self._items

    def qsize(self) -> int:
        return len(self._items)

    async def get(self) -> Any:
        while not self._items:
            self._waiter = asyncio.get_running_loop().create_future()
            try:
                await self._waiter
            finally:
                self._waiter = None
        return self._items.pop(0)


class Gate:
    """asyncio.Event's set, clear, is_set and wait for the write buffer, with no deque
    until a sender waits (the buffer is full: rare)."""

    __slots__ = ("_open", "_waiters")

    def __init__(self) -> None:
        self._open = True
        self._waiters: list[asyncio.Future[None]] | None = None

    def is_set(self) -> bool:
        return self._open

    def set(self) -> None:
        self._open = True
        waiters, self._waiters = self._waiters, None
        for waiter in waiters or ():
            if not waiter.done():
                waiter.set_result(None)

    def clear(self) -> None:
        self._open = False

    async def wait(self) -> bool:
        if not self._open:
            waiter = asyncio.get_running_loop().create_future()
            if self._waiters is None:
                self._waiters = []
            self._waiters.append(waiter)
            await waiter
        return True


class LeanSocket(WebSocketsSansIOProtocol):
    """The protocol class for `uvicorn.run(ws=...)` (OPERA_WS=lean, the default)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.queue = Inbox()  # type: ignore[assignment]
        self.writable = Gate()  # type: ignore[assignment]

    def handle_connect(self, event: Request) -> None:
        super().handle_connect(event)
        # The scope has copied what the app reads; websockets' parser keeps the request
        # alive in its generator for the socket's life, so its headers are dropped here.
        event.headers = _NO_HEADERS

    def start_keepalive(self) -> None:
        # called once the 101 response is written, which nothing reads again (not `send`:
        # that runs for every frame of a push)
        self.response = None  # type: ignore[assignment]
        super().start_keepalive()
