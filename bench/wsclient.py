"""A lean simulated client: one WebSocket connection that keeps a patched view.

It drives `websockets`' sans-I/O `ClientProtocol` from a plain `asyncio.Protocol`, so a frame
is parsed, applied and time-stamped inside `data_received` with no task switch, no queue and
no future per message. One client process can then hold a thousand connections and still
measure the server, not itself. permessage-deflate is not offered (the server turns it off).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, cast

from websockets.client import ClientProtocol
from websockets.frames import Frame, Opcode
from websockets.http11 import Response
from websockets.uri import parse_uri

from bench.patch import PatchError, apply_ops

_ids = itertools.count(1)
_PATCH_PREFIX = b'{"type":"patch","seq":'


@dataclass
class Meter:
    """Process-wide counters shared by every client of one process."""

    phase: str = "connect"
    lazy: bool = True  # apply patches when the view is needed, not as frames arrive
    # (phase, command name, ok, error code or "", latency in seconds)
    acks: list[tuple[str, str, bool, str, float]] = field(default_factory=list)


@dataclass(frozen=True)
class Reply:
    """The answer to one command: an ack, an error, or nothing before the timeout."""

    ok: bool
    seq: int | None
    code: str  # "" when ok, the error code, "timeout" or "closed"
    message: str
    latency: float
    sent_at: float  # wall clock (time.time()) just before the frame was written


class Client(asyncio.Protocol):
    """One simulated browser: handshake, hello, then a view kept with patches."""

    def __init__(
        self,
        url: str,
        hello: dict[str, Any],
        meter: Meter,
        *,
        room: str = "",
        ready_on_open: bool = False,
    ) -> None:
        self.ready_on_open = ready_on_open
        self.ws = ClientProtocol(parse_uri(url), max_size=None)
        self.hello = hello
        self.meter = meter
        self.room = room
        self.transport: asyncio.Transport | None = None
        loop = asyncio.get_running_loop()
        self.ready: asyncio.Future[None] = loop.create_future()
        self._view: Any = None
        self._unapplied: list[bytes] = []  # patch frames received, not yet applied (lazy)
        self._drain_scheduled = False
        self.apply_seconds = 0.0  # CPU this simulated phone spent parsing and applying patches
        self.seq = -1
        self.you: dict[str, Any] | None = None
        # (seq, wall time, 1 for a state frame else 0) of every state/patch frame; the time is
        # when the frame was received (lazy) or received and applied (eager)
        self.frames: list[tuple[int, float, int]] = []
        self.bytes_by_phase: dict[str, int] = {}
        self.frames_by_phase: dict[str, int] = {}
        self.pending: dict[str, tuple[asyncio.Future[Reply], float, float, str]] = {}
        self.waiters: list[tuple[Callable[[Any], bool], asyncio.Future[None]]] = []
        self.seq_waiters: list[tuple[int, asyncio.Future[None]]] = []
        self.sync_waiter: asyncio.Future[tuple[Any, Any, int]] | None = None
        self.patch_errors = 0
        self.unsolicited_errors: list[str] = []
        self.late_replies = 0
        self.closed = False
        self.close_code: int | None = None
        self._fragments: list[bytes] = []
        self.started_at = time.time()
        self.ready_at = 0.0

    # ---------------------------------------------------------------- transport events

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # uvloop's transports implement asyncio.Transport without subclassing it.
        self.transport = cast(asyncio.Transport, transport)
        self.ws.send_request(self.ws.connect())
        self._flush()

    def data_received(self, data: bytes) -> None:
        self.ws.receive_data(data)
        for event in self.ws.events_received():
            if isinstance(event, Frame):
                self._on_frame(event)
            elif isinstance(event, Response):
                if self.ws.handshake_exc is not None:
                    self._fail_ready(f"handshake: {self.ws.handshake_exc}")
                else:
                    self.send_json(self.hello)
                    if self.ready_on_open and not self.ready.done():
                        self.ready_at = time.time()
                        self.ready.set_result(None)
        self._flush()
        if self.ws.close_expected() and self.transport is not None:
            asyncio.get_running_loop().call_later(2.0, self._abort)

    def eof_received(self) -> bool | None:
        self.ws.receive_eof()
        self._flush()
        return None

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        rcvd = self.ws.close_rcvd
        self.close_code = rcvd.code if rcvd is not None else 1006
        self._fail_ready(f"closed ({self.close_code})")
        for fut, _, sent_at, _ in self.pending.values():
            if not fut.done():
                fut.set_result(Reply(False, None, "closed", "connection closed", 0.0, sent_at))
        self.pending.clear()
        for _, fut in [*self.waiters, *self.seq_waiters]:
            if not fut.done():
                fut.set_exception(ConnectionError("connection closed"))
        self.waiters.clear()
        self.seq_waiters.clear()
        if self.sync_waiter is not None and not self.sync_waiter.done():
            self.sync_waiter.set_exception(ConnectionError("connection closed"))

    def _abort(self) -> None:
        if self.transport is not None and not self.transport.is_closing():
            self.transport.abort()

    def _flush(self) -> None:
        transport = self.transport
        if transport is None or transport.is_closing():
            return
        for chunk in self.ws.data_to_send():
            if chunk:
                transport.write(chunk)
            elif transport.can_write_eof():
                transport.write_eof()

    def _fail_ready(self, why: str) -> None:
        if not self.ready.done():
            self.ready.set_exception(ConnectionError(why))

    # ---------------------------------------------------------------- frames

    def _on_frame(self, frame: Frame) -> None:
        if frame.opcode is Opcode.TEXT or frame.opcode is Opcode.BINARY:
            if frame.fin:
                self._on_message(bytes(frame.data))
            else:
                self._fragments = [bytes(frame.data)]
        elif frame.opcode is Opcode.CONT:
            self._fragments.append(bytes(frame.data))
            if frame.fin:
                data, self._fragments = b"".join(self._fragments), []
                self._on_message(data)

    @property
    def view(self) -> Any:
        """The patched view, every frame received so far applied."""
        if self._unapplied:
            self._apply_unapplied()
        return self._view

    def _apply_unapplied(self) -> None:
        started = time.perf_counter()
        frames, self._unapplied = self._unapplied, []
        for data in frames:
            self._apply(json.loads(data))
        self.apply_seconds += time.perf_counter() - started

    def _apply(self, msg: dict[str, Any]) -> None:
        if self._view is None:
            return
        try:
            self._view = apply_ops(self._view, msg["ops"])
        except (PatchError, KeyError, TypeError, IndexError):
            self.patch_errors += 1

    def _on_message(self, data: bytes) -> None:
        phase = self.meter.phase
        self.bytes_by_phase[phase] = self.bytes_by_phase.get(phase, 0) + len(data)
        self.frames_by_phase[phase] = self.frames_by_phase.get(phase, 0) + 1
        if self.meter.lazy and data.startswith(_PATCH_PREFIX):
            # Lazy: note the seq and the time now, parse and apply when the view is needed, so
            # that one process can take in a thousand phones' frames as fast as they arrive.
            end = data.index(b",", len(_PATCH_PREFIX))
            self.seq = int(data[len(_PATCH_PREFIX) : end])
            self.frames.append((self.seq, time.time(), 0))
            self._unapplied.append(data)
            self._check_seq_waiters()
            if self.waiters and not self._drain_scheduled:
                self._drain_scheduled = True
                asyncio.get_running_loop().call_soon(self._drain)
            return
        started = time.perf_counter()
        msg = json.loads(data)
        kind = msg.get("type")
        if kind == "patch":
            self._apply(msg)
            self.apply_seconds += time.perf_counter() - started
            self.seq = msg["seq"]
            self.frames.append((self.seq, time.time(), 0))
            self._check_seq_waiters()
            self._check_waiters()
        elif kind == "state":
            waiter = self.sync_waiter
            if waiter is not None and not waiter.done():
                waiter.set_result((self.view, msg["view"], msg["seq"]))
                self.sync_waiter = None
            self._unapplied.clear()  # a state resets the patch base
            self._view = msg["view"]
            self.seq = msg["seq"]
            self.frames.append((self.seq, time.time(), 1))
            self._check_seq_waiters()
            if not self.ready.done():
                self.ready_at = time.time()
                self.ready.set_result(None)
            self._check_waiters()
        elif kind == "ack" or kind == "error":
            self._on_reply(msg, kind == "ack")
        elif kind == "welcome":
            you = msg.get("you")
            self.you = you if isinstance(you, dict) else None

    def _on_reply(self, msg: dict[str, Any], ok: bool) -> None:
        cmd_id = msg.get("id")
        entry = self.pending.pop(cmd_id, None) if isinstance(cmd_id, str) else None
        if entry is None:
            if ok or cmd_id is not None:
                self.late_replies += 1
            else:
                self.unsolicited_errors.append(f"{msg.get('code')}: {msg.get('message')}")
            return
        fut, started, sent_at, name = entry
        latency = time.perf_counter() - started
        code = "" if ok else str(msg.get("code"))
        self.meter.acks.append((self.meter.phase, name, ok, code, latency))
        if not fut.done():
            seq = msg.get("seq") if ok else None
            fut.set_result(Reply(ok, seq, code, str(msg.get("message", "")), latency, sent_at))

    def _drain(self) -> None:
        self._drain_scheduled = False
        self._check_waiters()

    def _check_seq_waiters(self) -> None:
        if not self.seq_waiters:
            return
        keep = []
        for seq, fut in self.seq_waiters:
            if not fut.done():
                if self.seq >= seq:
                    fut.set_result(None)
                else:
                    keep.append((seq, fut))
        self.seq_waiters = keep

    def _check_waiters(self) -> None:
        if not self.waiters:
            return
        view = self.view
        keep = []
        for pred, fut in self.waiters:
            if fut.done():
                continue
            try:
                hit = pred(view)
            except (KeyError, TypeError, IndexError, AttributeError):
                hit = False
            if hit:
                fut.set_result(None)
            else:
                keep.append((pred, fut))
        self.waiters = keep

    # ---------------------------------------------------------------- API

    def send_json(self, obj: dict[str, Any]) -> None:
        if self.closed:
            return
        self.ws.send_text(json.dumps(obj, separators=(",", ":")).encode())
        self._flush()

    async def command(
        self, name: str, args: dict[str, Any], *, cmd_id: str | None = None, timeout: float = 15.0
    ) -> Reply:
        """Send a command and wait for its ack or error (bounded by `timeout`)."""
        cmd_id = cmd_id or f"c{next(_ids)}"
        loop = asyncio.get_running_loop()
        fut: asyncio.Future[Reply] = loop.create_future()
        sent_at = time.time()
        if self.closed:
            return Reply(False, None, "closed", "connection closed", 0.0, sent_at)
        self.pending[cmd_id] = (fut, time.perf_counter(), sent_at, name)
        self.send_json({"type": "cmd", "id": cmd_id, "name": name, "args": args})
        try:
            return await asyncio.wait_for(fut, timeout)
        except TimeoutError:
            self.pending.pop(cmd_id, None)
            self.meter.acks.append((self.meter.phase, name, False, "timeout", timeout))
            return Reply(False, None, "timeout", "no answer", timeout, sent_at)

    async def wait_view(self, pred: Callable[[Any], bool], timeout: float) -> bool:
        """Wait until `pred(view)` holds; False on timeout or a closed connection."""
        try:
            if self.view is not None and pred(self.view):
                return True
        except (KeyError, TypeError, IndexError, AttributeError):
            pass
        fut: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.waiters.append((pred, fut))
        try:
            await asyncio.wait_for(fut, timeout)
            return True
        except (TimeoutError, ConnectionError):
            return False

    async def wait_seq(self, seq: int, timeout: float) -> bool:
        """Wait until a frame with seq >= `seq` has arrived (no parsing needed)."""
        if self.seq >= seq:
            return True
        fut: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.seq_waiters.append((seq, fut))
        try:
            await asyncio.wait_for(fut, timeout)
            return True
        except (TimeoutError, ConnectionError):
            return False

    async def sync(self, timeout: float) -> tuple[Any, Any, int] | None:
        """Ask for a fresh state; return (patched view before it, fresh view, seq)."""
        if self.closed:
            return None
        fut: asyncio.Future[tuple[Any, Any, int]] = asyncio.get_running_loop().create_future()
        self.sync_waiter = fut
        self.send_json({"type": "sync"})
        try:
            return await asyncio.wait_for(fut, timeout)
        except (TimeoutError, ConnectionError):
            return None

    async def close(self, timeout: float = 3.0) -> None:
        if self.closed or self.transport is None:
            return
        with contextlib.suppress(Exception):
            self.ws.send_close(1000)
            self._flush()
        deadline = time.monotonic() + timeout
        while not self.closed and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        self._abort()


async def open_client(
    host: str,
    port: int,
    path: str,
    hello: dict[str, Any],
    meter: Meter,
    *,
    room: str = "",
    timeout: float = 30.0,
    ready_on_open: bool = False,
) -> Client:
    """Connect, say hello and wait for the first `state` (bounded by `timeout`)."""
    loop = asyncio.get_running_loop()
    holder: list[Client] = []

    def factory() -> Client:
        url = f"ws://{host}:{port}{path}"
        client = Client(url, hello, meter, room=room, ready_on_open=ready_on_open)
        holder.append(client)
        return client

    async def go() -> Client:
        await loop.create_connection(factory, host, port)
        client = holder[0]
        await client.ready
        return client

    try:
        return await asyncio.wait_for(go(), timeout)
    except BaseException:
        if holder:
            holder[0]._abort()
        raise
