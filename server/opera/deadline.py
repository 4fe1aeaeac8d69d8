"""An HTTP protocol that gives every request a deadline for its headers (slowloris).

uvicorn closes a keep-alive connection that stays idle after a response, but waits forever
for the headers of a request that was begun (or of the first one, on a connection that sent
nothing): 2,000 connections that each send half a request then hold 2,000 file descriptors.
Here a connection has OPERA_HEADER_TIMEOUT seconds from its opening, and from the first byte
of each later request, to finish the headers; then it is closed. A WebSocket upgrade has
finished its headers; `hello` has its own timeout after that.
"""

from __future__ import annotations

import asyncio

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from opera.live import stream


class HeaderDeadline(HttpToolsProtocol):
    timeout = 5.0  # per server: see `with_timeout`

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        self._deadline: asyncio.TimerHandle | None = None
        super().connection_made(transport)
        self._arm()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._arm()

    def on_headers_complete(self) -> None:
        self._disarm()
        super().on_headers_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        if self._deadline is None:
            self._deadline = self.loop.call_later(self.timeout, self._expire)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def shutdown(self) -> None:
        stream.shutting_down()  # the HTTP fallback's streams end with 1012, like WebSockets
        super().shutdown()

    def _expire(self) -> None:
        self._deadline = None
        if not self.transport.is_closing():
            self.transport.close()


def with_timeout(seconds: float) -> type[HeaderDeadline]:
    """The protocol class for `uvicorn.run(http=...)`, with this server's timeout."""
    return type("HeaderDeadline", (HeaderDeadline,), {"timeout": seconds})
