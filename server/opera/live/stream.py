"""The HTTP fallback for networks that block WebSockets: the same frames and the same
`Visit` (visit.py) as `/ws/{code}`, carried by Server-Sent Events one way and POSTs the
other.

- `POST /live/{code}` with the `hello` frame as its body opens a *stream*: 201 and
  `{"stream": SECRET}`, or the refusal's close code as `{"code", "reason"}` with an HTTP
  status. `welcome` and `state` wait on the stream for its reader.
- `GET /live/{code}/stream` (`Authorization: Bearer SECRET`) reads it: `text/event-stream`,
  one event per server frame, `id:` its number on this stream, a comment every HEARTBEAT
  seconds so proxies keep it open, and a last `close` event carrying the close code. With
  `Last-Event-ID` it goes on after that frame: a reader that lost its response (a proxy cut,
  a network blip) misses nothing. A stream that cannot replay from there is closed, 410.
- `POST /live/{code}/frames` (same header) carries client frames, one per line, at most
  MAX_BATCH: each is handled exactly as a WebSocket message, in order, and answered on the
  stream; 204 once all are handled. 410 for a stream that is over: say hello again.

A stream keeps its frames in one deque: those its reader has not had yet (bounded like the
WebSocket's send queue: past it the stream is dropped as too slow), then the last
REPLAY_FRAMES it had, for a resume. A stream without a reader for GRACE seconds is closed.
A stream lives on the process that opened it: behind a proxy, requests of one stream must
reach the same process (deploy/Caddyfile pins them with a cookie).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
import secrets
import time
from collections import deque

from starlette.datastructures import State
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send

from opera import metrics
from opera.http import SECURITY_HEADERS, error_body, http_error, limited
from opera.live.identity import client_address
from opera.live.protocol import CloseCode
from opera.live.visit import Closed, Visit, admit, origin_allowed
from opera.settings import Settings

logger = logging.getLogger("opera.stream")

HEARTBEAT = 15.0  # seconds between comments on a quiet stream
GRACE = 30.0  # seconds a stream waits for a reader before it is closed
REPLAY_FRAMES = 64  # frames already read that are kept for a resume
REPLAY_CHARS = 262_144
MAX_BATCH = 32  # frames in one POST
WRITE_TIMEOUT = 1.0  # for the last event to a reader that may have stopped reading

_STATUS = {  # the HTTP status that answers a close code
    CloseCode.BAD_FIRST_FRAME: 400,
    CloseCode.BAD_TOKEN: 401,
    CloseCode.JOIN_CLOSED: 403,
    CloseCode.UNKNOWN_SESSION: 404,
    CloseCode.TOO_MANY_REQUESTS: 429,
    CloseCode.TRY_AGAIN: 503,
    CloseCode.FOREIGN_ORIGIN: 403,
    CloseCode.TOO_LARGE: 413,
}
_HEADERS = [(b"cache-control", b"no-store, no-transform"), (b"x-accel-buffering", b"no")]


class _Reader:
    """One GET's response, as the stream writes to it."""

    def __init__(self, send: Send) -> None:
        self._send = send
        self.done = asyncio.Event()  # replaced, disconnected, or the stream closed
        self.busy = False  # a write is under way (maybe blocked on a full socket)
        self.ended = False  # the response's last chunk was sent

    async def write(self, data: bytes) -> None:
        self.busy = True
        try:
            await self._send({"type": "http.response.body", "body": data, "more_body": True})
        finally:
            self.busy = False

    async def end(self, data: bytes = b"") -> None:
        if not self.ended:
            self.ended = True
            message = {"type": "http.response.body", "body": data, "more_body": False}
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._send(message), WRITE_TIMEOUT)
        self.done.set()


class Stream:
    """One fallback connection: its visit, its numbered frames, its current reader."""

    def __init__(self, code: str, settings: Settings, streams: dict[str, Stream]) -> None:
        self.secret = secrets.token_urlsafe(24)
        self.code = code
        self.visit: Visit | None = None
        self.lock = asyncio.Lock()  # POSTed frames are handled one at a time, in order
        self._streams = streams
        self._held_frames = settings.send_queue_frames
        self._held_chars = settings.send_queue_bytes
        self._n = 0  # the number of the last frame
        self._kept: deque[tuple[int, str]] = deque()
        self._kept_chars = 0
        self._delivered = 0  # the number of the last frame a reader was given
        self._reader: _Reader | None = None
        self._left = time.monotonic()  # when the last reader went
        self._closed = False
        self._ended = asyncio.Event()
        self._watch: asyncio.Task[None] | None = None

    @property
    def closed(self) -> bool:
        return self._closed

    def start(self, visit: Visit) -> None:
        self.visit = visit
        self._streams[self.secret] = self
        self._watch = asyncio.create_task(self._guard())

    # -- the connection's side (connection.py's Send and Close) ------------------------------

    async def send(self, frame: str) -> None:
        self._n += 1
        self._kept.append((self._n, frame))
        self._kept_chars += len(frame)
        reader = self._reader
        if self._trim() and reader is not None:
            number = self._n
            await reader.write(_event(number, frame))
            self._delivered = max(self._delivered, number)

    async def close(self, code: CloseCode, reason: str) -> None:
        if self._closed:
            return
        self._closed = True
        reader, self._reader = self._reader, None
        if reader is not None and not reader.done.is_set():
            data = json.dumps({"code": code, "reason": reason}, ensure_ascii=False)
            await reader.end(f"event: close\ndata: {data}\n\n".encode())
        self._ended.set()

    def _trim(self) -> bool:
        """Forget read frames past the replay bounds; drop a stream whose unread frames
        pass the send queue's bounds (its reader stopped reading, or went and stayed away).
        False once dropped."""
        kept = self._kept
        while kept and kept[0][0] <= self._delivered:
            if len(kept) <= REPLAY_FRAMES and self._kept_chars <= REPLAY_CHARS:
                break
            self._kept_chars -= len(kept.popleft()[1])
        unread = self._n - self._delivered
        if unread > self._held_frames or self._kept_chars > self._held_chars:
            logger.info("dropping a stream that stopped reading")
            metrics.dropped()
            self.drop(CloseCode.TOO_SLOW, "too slow: reconnect to resync")
            return False
        return True

    def drop(self, code: CloseCode, reason: str) -> None:
        """Close through the connection, so that it stops taking frames first."""
        conn = self.visit.conn if self.visit is not None else None
        if conn is not None:
            conn.close(code, reason)
        else:
            asyncio.get_running_loop().create_task(self.close(code, reason))

    # -- readers ------------------------------------------------------------------------------

    def resumable(self, last: int) -> bool:
        """Whether every frame after `last` is still kept."""
        if last == self._n:
            return True
        return 0 <= last < self._n and bool(self._kept) and self._kept[0][0] <= last + 1

    async def attach(self, reader: _Reader, last: int) -> None:
        """Make `reader` the stream's reader, after giving it every frame after `last`."""
        old, self._reader = self._reader, None
        if old is not None:
            old.done.set()
            if old.busy:  # its socket is full: the connection is blocked writing to it
                self._reader = reader
                self.drop(CloseCode.TOO_SLOW, "too slow: reconnect to resync")
                return
        written = last
        while not reader.done.is_set():
            missing = [(n, frame) for n, frame in self._kept if n > written]
            if not missing:
                self._reader = reader  # no await since the check: nothing can slip between
                self._delivered = max(self._delivered, written)
                return
            for number, frame in missing:
                await reader.write(_event(number, frame))
                written = number

    def detach(self, reader: _Reader) -> None:
        if self._reader is reader:
            self._reader = None
            self._left = time.monotonic()

    async def _guard(self) -> None:
        """Close the stream once it has had no reader for GRACE seconds; then clean up."""
        while not self._ended.is_set():
            if self._reader is None and time.monotonic() - self._left >= GRACE:
                self.drop(CloseCode.NORMAL, "no reader")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._ended.wait(), GRACE / 3)
        self._streams.pop(self.secret, None)
        if self.visit is not None:
            await self.visit.finish()


def _event(number: int, frame: str) -> bytes:
    return f"id: {number}\ndata: {frame}\n\n".encode()


_REGISTRIES: list[dict[str, Stream]] = []  # each app's open streams, for `shutting_down`


def _streams(state: State) -> dict[str, Stream]:
    streams: dict[str, Stream] | None = getattr(state, "streams", None)
    if streams is None:
        streams = state.streams = {}
        _REGISTRIES.append(streams)
    return streams


def shutting_down() -> None:
    """The server is stopping: close every stream with 1012 now, as uvicorn closes its
    WebSockets. Without this a stream, being an HTTP response still under way, held the
    shutdown for its whole grace period and then ended with no close event."""
    for streams in _REGISTRIES:
        for stream in list(streams.values()):
            if not stream.closed:  # called once per connection: the first call does it
                stream.drop(CloseCode.RESTARTING, "server restarting")


def _closed(code: CloseCode, reason: str) -> JSONResponse:
    body = {"code": code, "reason": reason[:120]}
    return JSONResponse(body, _STATUS.get(code, 400), headers={"cache-control": "no-store"})


_GONE = "no such stream (it closed, or lives on another process): say hello again"


def _stream_of(request: Request) -> Stream | JSONResponse:
    """The stream a request's bearer names, or the answer to give instead."""
    settings: Settings = request.app.state.settings
    if not origin_allowed(request.headers, settings):
        return _closed(CloseCode.FOREIGN_ORIGIN, "origin not allowed")
    scheme, _, secret = request.headers.get("authorization", "").partition(" ")
    stream = _streams(request.app.state).get(secret) if scheme.lower() == "bearer" else None
    if stream is None or stream.closed or stream.code != request.path_params["code"]:
        return JSONResponse({"reason": _GONE}, 410, headers={"cache-control": "no-store"})
    return stream


async def hello(request: Request) -> Response:
    """`POST /live/{code}`: the hello frame; opens a stream."""
    state: State = request.app.state
    settings: Settings = state.settings
    if not origin_allowed(request.headers, settings):
        return _closed(CloseCode.FOREIGN_ORIGIN, "origin not allowed")
    text = (await request.body()).decode("utf-8", errors="replace")
    if len(text) > settings.max_frame_bytes:
        return _closed(CloseCode.TOO_LARGE, "frame too large")
    address = client_address(request)
    try:
        loaded, guarded = await admit(state, request.path_params["code"], address)
    except Closed as closed:
        return _closed(closed.code, closed.reason)
    stream = Stream(loaded.replica.code, settings, _streams(state))
    visit = Visit(state, loaded, address, guarded, stream.send, stream.close)
    try:
        await visit.open(text.strip())
    except Closed as closed:
        await visit.finish()
        return _closed(closed.code, closed.reason)
    stream.start(visit)
    return JSONResponse({"stream": stream.secret}, 201, headers={"cache-control": "no-store"})


_DIRECT = {"stream": "GET", "frames": "POST"}
_DIRECT_PATH = re.compile(r"/live/([^/]+)/(stream|frames)")


async def direct(scope: Scope, receive: Receive, send: Send) -> bool:
    """`GET /live/{code}/stream` and `POST /live/{code}/frames` without the middleware and
    router (app.py's `Shortcut`: a stream's every frame went through each layer's `send`,
    and 500 phones' POSTs through every layer); False for any other request. What those
    layers did for these two is done here: the body limit, the security headers, an
    HTTP error's answer."""
    found = _DIRECT_PATH.fullmatch(scope["path"])
    if found is None or _DIRECT[found[2]] != scope["method"]:
        return False
    scope["path_params"] = {"code": found[1]}
    settings: Settings = scope["app"].state.settings
    request = Request(scope, limited(scope, receive, settings.max_body_bytes))
    try:
        response = await (events if found[2] == "stream" else frames)(request)
    except HTTPException as exc:  # the body limit
        response = await http_error(request, exc)
    response.raw_headers = [*response.raw_headers, *SECURITY_HEADERS]
    await response(scope, receive, send)
    return True


async def frames(request: Request) -> Response:
    """`POST /live/{code}/frames`: client frames, one per line."""
    stream = _stream_of(request)
    if isinstance(stream, Response):
        return stream
    settings: Settings = request.app.state.settings
    lines = [line for line in (await request.body()).split(b"\n") if line.strip()]
    if len(lines) > MAX_BATCH:
        return JSONResponse(error_body("bad_request", "too_many_frames", {"n": MAX_BATCH}), 400)
    async with stream.lock:
        assert stream.visit is not None
        for line in lines:
            if len(line) > settings.max_frame_bytes:
                stream.drop(CloseCode.TOO_LARGE, "frame too large")
                return _closed(CloseCode.TOO_LARGE, "frame too large")
            try:
                await stream.visit.receive(line.decode("utf-8", errors="replace"))
            except Closed as closed:
                stream.drop(closed.code, closed.reason)
                return _closed(closed.code, closed.reason)
    return Response(status_code=204)


async def events(request: Request) -> Response:
    """`GET /live/{code}/stream`: the stream's frames as Server-Sent Events."""
    stream = _stream_of(request)
    if isinstance(stream, Response):
        return stream
    last = request.headers.get("last-event-id", "0").strip() or "0"
    if not last.isdigit() or not stream.resumable(int(last)):
        stream.drop(CloseCode.TOO_SLOW, "cannot resume from there: reconnect to resync")
        return JSONResponse({"reason": _GONE}, 410, headers={"cache-control": "no-store"})
    return _EventStream(stream, int(last))


class _EventStream(Response):
    """The response of one GET: replayed frames, then frames as they come, heartbeats."""

    def __init__(self, stream: Stream, last: int) -> None:  # no body, so no Content-Length
        self.status_code = 200
        self.background = None
        self.raw_headers = [(b"content-type", b"text/event-stream; charset=utf-8"), *_HEADERS]
        self.stream = stream
        self.last = last

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = self.raw_headers
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        reader = _Reader(send)
        gone = asyncio.create_task(_disconnected(receive, reader))
        try:
            await reader.write(b"retry: 1000\n\n")
            await self.stream.attach(reader, self.last)
            while not reader.done.is_set():
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(reader.done.wait(), HEARTBEAT)
                if not reader.done.is_set() and not reader.busy:
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(reader.write(b": heartbeat\n\n"), HEARTBEAT)
        finally:
            self.stream.detach(reader)
            gone.cancel()
            await reader.end()


async def _disconnected(receive: Receive, reader: _Reader) -> None:
    while (await receive())["type"] != "http.disconnect":
        pass
    reader.done.set()
