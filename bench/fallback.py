"""The bench's simulated phone over the HTTP fallback (server/opera/live/stream.py): the
same `Client` (its frames, views, replies and timings) with another way in and out.

The stream is one plain HTTP/1.1 GET read by the client's own `asyncio.Protocol`: chunks and
events are parsed in `data_received` and each frame goes to `Client._on_message`, as a
WebSocket frame does, with no task switch. Client frames are POSTed on a second keep-alive
connection, one request at a time, each with every frame queued meanwhile (as the browser
does). Chosen with `python -m bench --transport fallback` (OPERA_BENCH_TRANSPORT in the
client processes): participants only; the host and the board stay on WebSockets.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
from typing import Any, cast

from bench.wsclient import Client, Meter, open_client

BATCH = 32


def chosen() -> bool:
    return os.environ.get("OPERA_BENCH_TRANSPORT", "websocket") == "fallback"


class _Poster:
    """POSTs on one keep-alive connection, opened again when the server has closed it."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def post(self, path: str, body: bytes, auth: str = "") -> tuple[int, bytes]:
        for attempt in range(2):  # a keep-alive the server closed meanwhile: once more
            try:
                return await self._post(path, body, auth)
            except (OSError, asyncio.IncompleteReadError, ValueError):
                self.close()
                if attempt:
                    raise
        raise AssertionError("unreachable")

    async def _post(self, path: str, body: bytes, auth: str) -> tuple[int, bytes]:
        if self.writer is None or self.reader is None or self.reader.at_eof():
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        head = f"POST {path} HTTP/1.1\r\nHost: {self.host}\r\nContent-Length: {len(body)}\r\n"
        if auth:
            head += f"Authorization: Bearer {auth}\r\n"
        self.writer.write(head.encode() + b"\r\n" + body)
        status_line = await self.reader.readuntil(b"\r\n")
        status = int(status_line.split()[1])
        length = 0
        while (line := await self.reader.readuntil(b"\r\n")) != b"\r\n":
            name, _, value = line.decode("latin-1").partition(":")
            if name.strip().lower() == "content-length":
                length = int(value)
        return status, await self.reader.readexactly(length) if length else b""

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


class FallbackClient(Client):
    """One simulated phone on SSE + POST."""

    def __init__(
        self, host: str, port: int, code: str, hello: dict[str, Any], meter: Meter, room: str
    ) -> None:
        super().__init__(f"ws://{host}:{port}/ws/{code}", hello, meter, room=room)
        self.host, self.port, self.code = host, port, code
        self.poster = _Poster(host, port)
        self.secret = ""
        self.outbox: list[bytes] = []
        self.posting = False
        self._buffer = bytearray()  # bytes of the response not parsed yet
        self._headers_done = False
        self._events = bytearray()  # event text not complete yet
        self._close_seen: int | None = None

    async def start(self) -> None:
        status, body = await self.poster.post(f"/live/{self.code}", json.dumps(self.hello).encode())
        if status != 201:
            raise ConnectionError(f"hello refused: {status} {body[:120]!r}")
        self.secret = json.loads(body)["stream"]
        await asyncio.get_running_loop().create_connection(lambda: self, self.host, self.port)

    # -------------------------------------------------------------- the stream (a GET)

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)
        request = (
            f"GET /live/{self.code}/stream HTTP/1.1\r\nHost: {self.host}\r\n"
            f"Authorization: Bearer {self.secret}\r\n\r\n"
        )
        self.transport.write(request.encode())

    def data_received(self, data: bytes) -> None:
        buffer = self._buffer
        buffer += data
        if not self._headers_done:
            end = buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            if not buffer.startswith(b"HTTP/1.1 200"):
                self._fail_ready(f"stream: {bytes(buffer[:40])!r}")
                return
            del buffer[: end + 4]
            self._headers_done = True
        while True:  # chunked: SIZE\r\nDATA\r\n
            end = buffer.find(b"\r\n")
            if end < 0:
                return
            size = int(buffer[:end], 16)
            if len(buffer) < end + 2 + size + 2:
                return
            self._events += buffer[end + 2 : end + 2 + size]
            del buffer[: end + 2 + size + 2]
            self._dispatch()

    def _dispatch(self) -> None:
        events = self._events
        while (end := events.find(b"\n\n")) >= 0:
            event = bytes(events[:end])
            del events[: end + 2]
            data = b""
            for line in event.split(b"\n"):
                if line.startswith(b"data: "):
                    data = line[6:]
                elif line == b"event: close":
                    self._close_seen = 1006
            if self._close_seen is not None:
                # the stream's last event: the connection has ended as a closed socket does
                if data:
                    self._close_seen = int(json.loads(data)["code"])
                self._abort()
                return
            if data:
                self._on_message(data)

    def eof_received(self) -> bool | None:
        return None

    def connection_lost(self, exc: Exception | None) -> None:
        super().connection_lost(exc)
        self.close_code = self._close_seen or 1006
        self.poster.close()

    def _abort(self) -> None:
        if self.transport is not None and not self.transport.is_closing():
            self.transport.abort()

    # -------------------------------------------------------------- frames out (POSTs)

    def send_json(self, obj: dict[str, Any]) -> None:
        if self.closed:
            return
        self.outbox.append(json.dumps(obj, separators=(",", ":")).encode())
        if not self.posting:
            self.posting = True
            asyncio.get_running_loop().create_task(self._post())

    async def _post(self) -> None:
        try:
            while self.outbox and not self.closed:
                batch, self.outbox = self.outbox[:BATCH], self.outbox[BATCH:]
                path = f"/live/{self.code}/frames"
                with contextlib.suppress(OSError, asyncio.IncompleteReadError, ValueError):
                    await self.poster.post(path, b"\n".join(batch), self.secret)
        finally:
            self.posting = False

    async def close(self, timeout: float = 3.0) -> None:
        self.poster.close()
        self._abort()


async def open_participant(
    host: str,
    port: int,
    path: str,
    hello: dict[str, Any],
    meter: Meter,
    *,
    room: str = "",
    timeout: float = 30.0,
) -> Client:
    """`open_client`'s signature: on the fallback when chosen, else a WebSocket."""
    if not chosen():
        return await open_client(host, port, path, hello, meter, room=room, timeout=timeout)
    client = FallbackClient(host, port, path.rsplit("/", 1)[-1], hello, meter, room)

    async def go() -> Client:
        await client.start()
        await client.ready
        return client

    try:
        return await asyncio.wait_for(go(), timeout)
    except BaseException:
        await client.close()
        raise
