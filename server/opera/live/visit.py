"""A visit: one client's life in a room over one connection, whatever carries its frames:
admission, hello, auth and resume by token, commands applied at most once per id, rate
limits, `sync`. (The API's "session" is the room; a visit is one connection to it.)

Both edges drive this: the WebSocket (endpoint.py) and the SSE stream with POSTed frames
(stream.py). An edge hands in each client frame's text and supplies how to send a frame and
how to close; a refusal that ends the connection is raised as `Closed` with the close code
of the contract, which each edge carries its own way. Nothing is applied here: a command is
checked, stamped with its sender, the server time and a seed, appended to the room's log,
and answered once this process's replica has folded it.
"""

from __future__ import annotations

import asyncio
import secrets
import time
from typing import Any
from urllib.parse import urlsplit

from starlette.datastructures import Headers, State

from opera import metrics
from opera.engine import refusal
from opera.live import protocol
from opera.live.connection import Close, Connection, Send
from opera.live.identity import key_of
from opera.live.limit import Bucket, OpenPerAddress, PerAddress
from opera.live.protocol import CloseCode
from opera.live.rooms import LoadedRoom, Rooms
from opera.log.base import LogError, LogUnavailable
from opera.settings import Settings

# A flood that keeps going after this many refused frames in a row is closed with 4429.
FLOOD_CLOSE_AFTER = 200


class Closed(Exception):
    """The connection ends with this close code and reason."""

    def __init__(self, code: CloseCode, reason: str) -> None:
        super().__init__(f"{code} {reason}")
        self.code = code
        self.reason = reason[:120]


def origin_allowed(headers: Headers, settings: Settings) -> bool:
    """The public URL's origin when OPERA_PUBLIC_URL is set, else same origin; or one of
    OPERA_ALLOWED_ORIGINS. Clients that send no Origin (not browsers) are let through: the
    check exists to stop other sites' pages. With a public URL, an Origin that merely equals
    the Host header is not enough: a page on a foreign name that resolves to this server (DNS
    rebinding) sends exactly that."""
    origin = headers.get("origin")
    if origin is None:
        return True
    origin = origin.rstrip("/")
    if origin in settings.origins:
        return True
    if settings.public_url:
        public = urlsplit(settings.public_url)
        return origin == f"{public.scheme}://{public.netloc}"
    return urlsplit(origin).netloc == headers.get("host", "")


async def admit(state: State, code: str, address: str) -> tuple[LoadedRoom, bool]:
    """The room a connection asks for, marked busy (the caller calls `rooms.idle` when the
    connection ends), and whether the address may only come in with a token.

    Only misses count, and an address past the guess limit is still let in with a valid token
    (the host, people resuming): a mistyping crowd behind one address must not lock out the
    room it is in. Past the limit a known code without a token is answered like an unknown
    one, so guessing learns nothing."""
    rooms: Rooms = state.rooms
    guesses: PerAddress = state.guesses
    guarded = guesses.blocked(address)
    try:
        loaded = await rooms.get(code)
    except LogError:
        raise Closed(CloseCode.TRY_AGAIN, _STORAGE_GONE) from None
    if loaded is None:
        if guarded:
            raise Closed(CloseCode.TOO_MANY_REQUESTS, _TOO_MANY_GUESSES)
        guesses.count(address)
        raise Closed(CloseCode.UNKNOWN_SESSION, "no such session")
    rooms.busy(loaded.replica.code)
    return loaded, guarded


class Visit:
    """Hello, then frames until the edge finishes it. `open` and `receive` raise `Closed`."""

    def __init__(
        self,
        state: State,
        loaded: LoadedRoom,
        address: str,
        guarded: bool,
        send: Send,
        close: Close,
    ) -> None:
        self.state = state
        self.loaded = loaded
        self.settings: Settings = state.settings
        self.address = address
        self.guarded = guarded  # the address guessed too many codes: only tokens get in
        self.bucket = Bucket(self.settings.rate_per_second, self.settings.rate_burst)
        self.conn: Connection | None = None
        self.board_seat = False  # holds one of the address's board places
        self.last_sync = -self.settings.sync_interval
        self.later_sync: asyncio.Task[None] | None = None
        self._send = send
        self._close = close

    async def open(self, text: str | None) -> Connection:
        """The first frame, which must be `hello`: the connection attached to the hub, with
        `welcome` and `state` queued on it."""
        try:
            frame = protocol.parse(text or "")
        except protocol.BadFrame as err:
            raise Closed(CloseCode.BAD_FIRST_FRAME, str(err)) from None
        if not isinstance(frame, protocol.Hello):
            raise Closed(CloseCode.BAD_FIRST_FRAME, "the first frame must be hello")
        self.conn = await self._welcome(frame)
        return self.conn

    async def finish(self) -> None:
        """The connection has ended: give back what it held."""
        if self.later_sync is not None:
            self.later_sync.cancel()
        if self.board_seat:
            boards: OpenPerAddress = self.state.boards
            boards.give(self.address)
            self.board_seat = False
        if self.conn is not None:
            self.loaded.hub.detach(self.conn)
            await self.conn.finish()
        rooms: Rooms = self.state.rooms
        rooms.idle(self.loaded.replica.code)

    async def _welcome(self, hello: protocol.Hello) -> Connection:
        room = self.loaded.room
        you: dict[str, Any] | None = None
        pid: str | None = None
        if self.guarded and not self._known(hello):
            raise Closed(CloseCode.TOO_MANY_REQUESTS, _TOO_MANY_GUESSES)
        if hello.role == "host":
            if not self._known(hello):
                raise Closed(CloseCode.BAD_TOKEN, "wrong host token")
        elif hello.role == "board":
            boards: OpenPerAddress = self.state.boards
            if not boards.take(self.address):
                raise Closed(CloseCode.TOO_MANY_REQUESTS, "too many boards from here")
            self.board_seat = True
        elif hello.role == "participant":
            if hello.token:
                pid = room.pid_for_key(key_of(hello.token))
                if pid is None:
                    raise Closed(CloseCode.BAD_TOKEN, "unknown or revoked token")
                you = {"id": pid, "token": hello.token, "name": room.participants[pid].name}
            else:
                joins: PerAddress = self.state.joins
                if joins.blocked(self.address):
                    raise Closed(CloseCode.TOO_MANY_REQUESTS, "too many joins from here")
                you = await self._join(hello)
                joins.count(self.address)
                pid = you["id"]
        limits = self.settings.send_queue_frames, self.settings.send_queue_bytes
        conn = Connection(hello.role, pid, self._send, self._close, *limits)
        welcome: dict[str, Any] = {"type": "welcome", "role": hello.role}
        if you is not None:
            welcome["you"] = you
        welcome["server_time"] = time.time()
        conn.push(protocol.encode(welcome))
        self.loaded.hub.attach(conn)  # queues `state` right behind `welcome`
        return conn

    def _known(self, hello: protocol.Hello) -> bool:
        """Whether the hello carries a valid token: the host's, or a participant's."""
        if not hello.token:
            return False
        key, room = key_of(hello.token), self.loaded.room
        if hello.role == "host":
            return secrets.compare_digest(key, room.host_key)
        return hello.role == "participant" and room.pid_for_key(key) is not None

    async def _join(self, hello: protocol.Hello) -> dict[str, Any]:
        token = secrets.token_urlsafe(24)
        pid = "p" + secrets.token_hex(8)
        name = (hello.name or "").strip()
        org = (hello.org or "").strip() or None
        entry: dict[str, Any] = {"kind": "join", "pid": pid, "key": key_of(token)}
        entry.update(name=name, org=org, at=time.time())
        refused = refusal(self.loaded.room, entry)
        if refused is not None:
            raise Closed(_join_refused(refused.code), refused.message)
        try:
            outcome = await self.loaded.replica.append(entry)
        except LogError:
            raise Closed(CloseCode.TRY_AGAIN, _STORAGE_GONE) from None
        if outcome.refusal is not None:
            raise Closed(_join_refused(outcome.refusal.code), outcome.refusal.message)
        return {"id": pid, "token": token, "name": self.loaded.room.participants[pid].name}

    async def receive(self, text: str | None) -> None:
        """One frame after `hello`, answered on the connection as it is handled."""
        assert self.conn is not None
        conn = self.conn
        try:
            frame: protocol.Hello | protocol.Cmd | protocol.Sync | protocol.BadFrame
            frame = protocol.parse(text or "")
            cmd_id = frame.id if isinstance(frame, protocol.Cmd) else None
        except protocol.BadFrame as err:
            frame, cmd_id = err, err.cmd_id
        if not self.bucket.take():
            if self.bucket.refused > FLOOD_CLOSE_AFTER:
                raise Closed(CloseCode.TOO_MANY_REQUESTS, "too many requests")
            conn.push(metrics.refused(protocol.error("rate_limited", "slow_down", cmd_id)))
        elif isinstance(frame, protocol.BadFrame):
            bad = protocol.error("bad_request", "bad_frame", cmd_id, detail=str(frame))
            conn.push(metrics.refused(bad))
        elif isinstance(frame, protocol.Sync):
            await self._sync()
        elif isinstance(frame, protocol.Cmd):
            conn.push(await metrics.answered(self._command(frame)))
        else:
            conn.push(protocol.error("bad_request", "hello_again"))

    async def _sync(self) -> None:
        """Answer a `sync` now, or, within OPERA_SYNC_INTERVAL of the last answer, with one
        later `state` for all the syncs asked meanwhile: each is a full view (hundreds of
        kilobytes in a big room), and a client asking in a loop pulled gigabytes."""
        if self.later_sync is not None:
            return
        wait = self.last_sync + self.settings.sync_interval - time.monotonic()
        if wait <= 0:
            await self._resync()
        else:
            self.later_sync = asyncio.create_task(self._resync(wait))

    async def _resync(self, wait: float = 0.0) -> None:
        assert self.conn is not None
        try:
            if wait > 0:
                await asyncio.sleep(wait)
            await self.loaded.replica.caught_up()
        except LogError:
            self.conn.push(protocol.error("unavailable", "storage_down"))
            return
        finally:
            self.later_sync = None
        self.last_sync = time.monotonic()
        self.loaded.hub.resync(self.conn)

    def _settled(self, entry: dict[str, Any]) -> tuple[str | None, bool]:
        """The answer this replica gives without the log (the original `ack` of a retried
        id, or a refusal; None when the command must be appended), and whether it refuses."""
        room, cmd_id = self.loaded.replica.room, entry["id"]
        done = room.acked_ids(entry["sender"]).get(cmd_id)
        if done is not None:
            return protocol.ack(cmd_id, done), False
        refused = refusal(room, entry)
        if refused is None:
            return None, False
        return protocol.refused(refused, cmd_id), True

    async def _command(self, cmd: protocol.Cmd) -> str:
        assert self.conn is not None
        if self.conn.role == "board":
            return protocol.error("forbidden", "board_read_only", cmd.id)
        sender = "host" if self.conn.role == "host" else str(self.conn.pid)
        replica = self.loaded.replica
        entry: dict[str, Any] = {"kind": "cmd", "sender": sender, "id": cmd.id}
        entry.update(name=cmd.name, args=cmd.args, at=time.time(), seed=secrets.randbits(63))
        answer, refused = self._settled(entry)
        if refused:
            # This replica may not have folded yet what another process acknowledged before
            # the command was sent (the host's `phase.start` on process a, a participant's
            # `idea.add` on b: `wrong_phase`). A refusal is judged again once caught up.
            try:
                await replica.caught_up()
            except LogError:
                return protocol.error("unavailable", "storage_down", cmd.id)
            answer, _ = self._settled(entry)
        if answer is not None:
            return answer
        try:
            outcome = await replica.append(entry)  # LogLost if the store lost it meanwhile
        except LogUnavailable:
            return protocol.error("unavailable", "storage_down", cmd.id)
        if outcome.duplicate_of is not None:
            return protocol.ack(cmd.id, outcome.duplicate_of)
        if outcome.refusal is not None:
            return protocol.refused(outcome.refusal, cmd.id)
        return protocol.ack(cmd.id, outcome.seq)


_TOO_MANY_GUESSES = "too many unknown room codes from here: wait a minute"
_STORAGE_GONE = "storage unavailable: reconnect in a moment"


def _join_refused(code: str) -> CloseCode:
    """The close code for a refused join: `forbidden` is a session closed to newcomers."""
    return CloseCode.JOIN_CLOSED if code == "forbidden" else CloseCode.BAD_FIRST_FRAME
