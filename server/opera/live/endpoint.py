"""The WebSocket route `/ws/{code}`: handshake, auth, frame checks, rate limits, commands.

Nothing is applied here: a command is checked, stamped with its sender, the server time and a
seed, appended to the room's log, and answered once this process's replica has folded it.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import secrets
import time
from typing import Any
from urllib.parse import urlsplit

from starlette.websockets import WebSocket, WebSocketDisconnect

from opera import metrics
from opera.engine import refusal
from opera.live import protocol
from opera.live.connection import Connection
from opera.live.limit import Bucket, OpenPerAddress, PerAddress
from opera.live.rooms import Live, Rooms
from opera.log.base import LogError, LogUnavailable
from opera.settings import Settings

logger = logging.getLogger("opera.endpoint")

# A flood that keeps going after this many refused frames in a row is closed with 4429.
FLOOD_CLOSE_AFTER = 200


def key_of(token: str) -> str:
    """What the log keeps instead of a token: its SHA-256."""
    return hashlib.sha256(token.encode()).hexdigest()


def client_address(ws: WebSocket) -> str:
    return ws.client.host if ws.client else "unknown"


def origin_allowed(ws: WebSocket, settings: Settings) -> bool:
    """The public URL's origin when OPERA_PUBLIC_URL is set, else same origin; or one of
    OPERA_ALLOWED_ORIGINS. Clients that send no Origin (not browsers) are let through: the
    check exists to stop other sites' pages. With a public URL, an Origin that merely equals
    the Host header is not enough: a page on a foreign name that resolves to this server (DNS
    rebinding) sends exactly that."""
    origin = ws.headers.get("origin")
    if origin is None:
        return True
    origin = origin.rstrip("/")
    if origin in settings.origins:
        return True
    if settings.public_url:
        public = urlsplit(settings.public_url)
        return origin == f"{public.scheme}://{public.netloc}"
    return urlsplit(origin).netloc == ws.headers.get("host", "")


async def websocket_endpoint(ws: WebSocket) -> None:
    rooms: Rooms = ws.app.state.rooms
    settings: Settings = ws.app.state.settings
    guesses: PerAddress = ws.app.state.guesses
    if not origin_allowed(ws, settings):
        await ws.close(code=1008)  # before accept: the upgrade is refused with 403
        return
    await ws.accept()
    address = client_address(ws)
    # Only misses count, and an address past the limit is still let in with a valid token
    # (the host, people resuming): a mistyping crowd behind one address must not lock out
    # the room it is in. Past the limit a known code without a token is answered like an
    # unknown one, so guessing learns nothing.
    guarded = guesses.blocked(address)
    try:
        live = await rooms.get(ws.path_params["code"])
    except LogError:
        await ws.close(protocol.TRY_AGAIN, "storage unavailable: reconnect in a moment")
        return
    if live is None:
        if guarded:
            await ws.close(protocol.TOO_MANY_REQUESTS, _TOO_MANY_GUESSES)
            return
        guesses.count(address)
        await ws.close(protocol.UNKNOWN_SESSION, "no such session")
        return
    rooms.busy(live.replica.code)
    try:
        await Session(ws, live, settings, address, guarded).run()
    finally:
        rooms.idle(live.replica.code)


class Session:
    """One connection's life: hello, then frames until it closes."""

    def __init__(
        self, ws: WebSocket, live: Live, settings: Settings, address: str, guarded: bool
    ) -> None:
        self.ws = ws
        self.live = live
        self.settings = settings
        self.address = address
        self.guarded = guarded  # the address guessed too many codes: only tokens get in
        self.bucket = Bucket(settings.rate_per_second, settings.rate_burst)
        self.conn: Connection | None = None
        self.board_seat = False  # holds one of the address's board places
        self.last_sync = -settings.sync_interval
        self.later_sync: asyncio.Task[None] | None = None

    async def run(self) -> None:
        try:
            hello = await self._hello()
            if hello is None:
                return
            self.conn = await self._welcome(hello)
            if self.conn is None:
                return
            await self._serve()
        except WebSocketDisconnect:
            pass
        finally:
            if self.later_sync is not None:
                self.later_sync.cancel()
            if self.board_seat:
                boards: OpenPerAddress = self.ws.app.state.boards
                boards.give(self.address)
            if self.conn is not None:
                self.live.hub.detach(self.conn)
                await self.conn.finish()

    async def _receive(self, timeout: float | None = None) -> str | None:
        """The next text (or bytes) frame, or None when the client has gone."""
        message = await asyncio.wait_for(self.ws.receive(), timeout)
        if message["type"] == "websocket.disconnect":
            raise WebSocketDisconnect(message.get("code", 1000))
        text = message.get("text")
        if text is None and message.get("bytes") is not None:
            return str(message["bytes"].decode("utf-8", errors="replace"))
        return str(text) if text is not None else None

    async def _hello(self) -> protocol.Hello | None:
        try:
            text = await self._receive(self.settings.hello_timeout)
        except TimeoutError:
            await self.ws.close(protocol.BAD_FIRST_FRAME, "no hello in time")
            return None
        try:
            frame = protocol.parse(text or "")
        except protocol.BadFrame as err:
            await self.ws.close(protocol.BAD_FIRST_FRAME, str(err)[:120])
            return None
        if not isinstance(frame, protocol.Hello):
            await self.ws.close(protocol.BAD_FIRST_FRAME, "the first frame must be hello")
            return None
        return frame

    async def _welcome(self, hello: protocol.Hello) -> Connection | None:
        room = self.live.room
        you: dict[str, Any] | None = None
        pid: str | None = None
        if self.guarded and not self._known(hello):
            await self.ws.close(protocol.TOO_MANY_REQUESTS, _TOO_MANY_GUESSES)
            return None
        if hello.role == "host":
            if not self._known(hello):
                await self.ws.close(protocol.BAD_TOKEN, "wrong host token")
                return None
        elif hello.role == "board":
            boards: OpenPerAddress = self.ws.app.state.boards
            if not boards.take(self.address):
                await self.ws.close(protocol.TOO_MANY_REQUESTS, "too many boards from here")
                return None
            self.board_seat = True
        elif hello.role == "participant":
            if hello.token:
                pid = room.pid_for_key(key_of(hello.token))
                if pid is None:
                    await self.ws.close(protocol.BAD_TOKEN, "unknown or revoked token")
                    return None
                you = {"id": pid, "token": hello.token, "name": room.participants[pid].name}
            else:
                joins: PerAddress = self.ws.app.state.joins
                if joins.blocked(self.address):
                    await self.ws.close(protocol.TOO_MANY_REQUESTS, "too many joins from here")
                    return None
                you = await self._join(hello)
                if you is None:
                    return None
                joins.count(self.address)
                pid = you["id"]
        limits = self.settings.send_queue_frames, self.settings.send_queue_bytes
        conn = Connection(hello.role, pid, self._send, self._close, *limits)
        welcome: dict[str, Any] = {"type": "welcome", "role": hello.role}
        if you is not None:
            welcome["you"] = you
        welcome["server_time"] = time.time()
        conn.push(protocol.encode(welcome))
        self.live.hub.attach(conn)  # queues `state` right behind `welcome`
        return conn

    def _known(self, hello: protocol.Hello) -> bool:
        """Whether the hello carries a valid token: the host's, or a participant's."""
        if not hello.token:
            return False
        key, room = key_of(hello.token), self.live.room
        if hello.role == "host":
            return secrets.compare_digest(key, room.host_key)
        return hello.role == "participant" and room.pid_for_key(key) is not None

    async def _join(self, hello: protocol.Hello) -> dict[str, Any] | None:
        token = secrets.token_urlsafe(24)
        pid = "p" + secrets.token_hex(8)
        name = (hello.name or "").strip()
        org = (hello.org or "").strip() or None
        entry: dict[str, Any] = {"kind": "join", "pid": pid, "key": key_of(token)}
        entry.update(name=name, org=org, at=time.time())
        refused = refusal(self.live.room, entry)
        if refused is not None:
            await self.ws.close(_join_refused(refused.code), refused.message[:120])
            return None
        try:
            offset = await self.live.replica.log.append(self.live.replica.code, entry)
            outcome = await self.live.replica.outcome(offset)
        except LogError:
            await self.ws.close(protocol.TRY_AGAIN, "storage unavailable: reconnect in a moment")
            return None
        if outcome.refusal is not None:
            await self.ws.close(_join_refused(outcome.refusal.code), outcome.refusal.message[:120])
            return None
        return {"id": pid, "token": token, "name": self.live.room.participants[pid].name}

    async def _send(self, frame: str) -> None:
        await self.ws.send_text(frame)

    async def _close(self, code: int, reason: str) -> None:
        try:
            await self.ws.close(code, reason)
        except Exception:  # already closed by the other side
            logger.debug("close after disconnect", exc_info=True)

    async def _serve(self) -> None:
        assert self.conn is not None
        conn = self.conn
        while True:
            text = await self._receive()
            try:
                frame: protocol.Hello | protocol.Cmd | protocol.Sync | protocol.BadFrame
                frame = protocol.parse(text or "")
                cmd_id = frame.id if isinstance(frame, protocol.Cmd) else None
            except protocol.BadFrame as err:
                frame, cmd_id = err, err.cmd_id
            if not self.bucket.take():
                if self.bucket.refused > FLOOD_CLOSE_AFTER:
                    await self.ws.close(protocol.TOO_MANY_REQUESTS, "too many requests")
                    return
                conn.push(metrics.refused(protocol.error("rate_limited", _SLOW_DOWN, cmd_id)))
            elif isinstance(frame, protocol.BadFrame):
                conn.push(metrics.refused(protocol.error("bad_request", str(frame), cmd_id)))
            elif isinstance(frame, protocol.Sync):
                await self._sync()
            elif isinstance(frame, protocol.Cmd):
                conn.push(await metrics.answered(self._command(frame)))
            else:
                conn.push(protocol.error("bad_request", "hello was already said."))

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
            await self.live.replica.caught_up()
        except LogError:
            self.conn.push(protocol.error("unavailable", _STORAGE_DOWN))
            return
        finally:
            self.later_sync = None
        self.last_sync = time.monotonic()
        self.live.hub.resync(self.conn)

    def _settled(self, entry: dict[str, Any]) -> tuple[str | None, bool]:
        """The answer this replica gives without the log (the original `ack` of a retried
        id, or a refusal; None when the command must be appended), and whether it refuses."""
        room, cmd_id = self.live.replica.room, entry["id"]
        done = room.acked_ids(entry["sender"]).get(cmd_id)
        if done is not None:
            return protocol.ack(cmd_id, done), False
        refused = refusal(room, entry)
        if refused is None:
            return None, False
        return protocol.error(refused.code, refused.message, cmd_id), True

    async def _command(self, cmd: protocol.Cmd) -> str:
        assert self.conn is not None
        if self.conn.role == "board":
            return protocol.error("forbidden", "The board only shows; it cannot act.", cmd.id)
        sender = "host" if self.conn.role == "host" else str(self.conn.pid)
        replica = self.live.replica
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
                return protocol.error("unavailable", _STORAGE_DOWN, cmd.id)
            answer, _ = self._settled(entry)
        if answer is not None:
            return answer
        try:
            offset = await replica.log.append(replica.code, entry)
            outcome = await replica.outcome(offset)  # LogLost if the store lost it meanwhile
        except LogUnavailable:
            return protocol.error("unavailable", _STORAGE_DOWN, cmd.id)
        if outcome.duplicate_of is not None:
            return protocol.ack(cmd.id, outcome.duplicate_of)
        if outcome.refusal is not None:
            return protocol.error(outcome.refusal.code, outcome.refusal.message, cmd.id)
        return protocol.ack(cmd.id, outcome.seq)


_SLOW_DOWN = "Too many messages at once: wait a moment and try again."
_TOO_MANY_GUESSES = "too many unknown room codes from here: wait a minute"
_STORAGE_DOWN = "The server cannot save right now; nothing was changed. Try again in a moment."


def _join_refused(code: str) -> int:
    """The close code for a refused join: `forbidden` is a session closed to newcomers."""
    return protocol.JOIN_CLOSED if code == "forbidden" else protocol.BAD_FIRST_FRAME
