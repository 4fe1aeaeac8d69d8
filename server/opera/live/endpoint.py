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
from opera.live.limit import Bucket, PerAddress
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
    """Same origin, or one of OPERA_ALLOWED_ORIGINS. Clients that send no Origin (not
    browsers) are let through: the check exists to stop other sites' pages."""
    origin = ws.headers.get("origin")
    if origin is None:
        return True
    origin = origin.rstrip("/")
    if origin in settings.origins:
        return True
    if settings.public_url and origin == settings.public_url.rstrip("/"):
        return True
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
    if guesses.blocked(address):
        await ws.close(protocol.TOO_MANY_REQUESTS, "too many unknown room codes")
        return
    try:
        live = await rooms.get(ws.path_params["code"])
    except LogError:
        await ws.close(protocol.TRY_AGAIN, "storage unavailable: reconnect in a moment")
        return
    if live is None:
        guesses.count(address)
        await ws.close(protocol.UNKNOWN_SESSION, "no such session")
        return
    rooms.busy(live.replica.code)
    try:
        await Session(ws, live, settings).run()
    finally:
        rooms.idle(live.replica.code)


class Session:
    """One connection's life: hello, then frames until it closes."""

    def __init__(self, ws: WebSocket, live: Live, settings: Settings) -> None:
        self.ws = ws
        self.live = live
        self.settings = settings
        self.bucket = Bucket(settings.rate_per_second, settings.rate_burst)
        self.conn: Connection | None = None

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
        if hello.role == "host":
            if not hello.token or not secrets.compare_digest(key_of(hello.token), room.host_key):
                await self.ws.close(protocol.BAD_TOKEN, "wrong host token")
                return None
        elif hello.role == "participant":
            if hello.token:
                pid = room.pid_for_key(key_of(hello.token))
                if pid is None:
                    await self.ws.close(protocol.BAD_TOKEN, "unknown or revoked token")
                    return None
                you = {"id": pid, "token": hello.token, "name": room.participants[pid].name}
            else:
                you = await self._join(hello)
                if you is None:
                    return None
                pid = you["id"]
        conn = Connection(hello.role, pid, self._send, self._close, self.settings.send_queue_frames)
        welcome: dict[str, Any] = {"type": "welcome", "role": hello.role}
        if you is not None:
            welcome["you"] = you
        welcome["server_time"] = time.time()
        conn.push(protocol.encode(welcome))
        self.live.hub.attach(conn)  # queues `state` right behind `welcome`
        return conn

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
                try:
                    await self.live.replica.caught_up()
                except LogError:
                    conn.push(protocol.error("unavailable", _STORAGE_DOWN))
                    continue
                self.live.hub.resync(conn)
            elif isinstance(frame, protocol.Cmd):
                conn.push(await metrics.answered(self._command(frame)))
            else:
                conn.push(protocol.error("bad_request", "hello was already said."))

    async def _command(self, cmd: protocol.Cmd) -> str:
        assert self.conn is not None
        if self.conn.role == "board":
            return protocol.error("forbidden", "The board only shows; it cannot act.", cmd.id)
        sender = "host" if self.conn.role == "host" else str(self.conn.pid)
        replica = self.live.replica
        done = replica.room.acked_ids(sender).get(cmd.id)
        if done is not None:
            return protocol.ack(cmd.id, done)
        entry: dict[str, Any] = {"kind": "cmd", "sender": sender, "id": cmd.id}
        entry.update(name=cmd.name, args=cmd.args, at=time.time(), seed=secrets.randbits(63))
        refused = refusal(replica.room, entry)
        if refused is not None:
            return protocol.error(refused.code, refused.message, cmd.id)
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
_STORAGE_DOWN = "The server cannot save right now; nothing was changed. Try again in a moment."


def _join_refused(code: str) -> int:
    """The close code for a refused join: `forbidden` is a session closed to newcomers."""
    return protocol.JOIN_CLOSED if code == "forbidden" else protocol.BAD_FIRST_FRAME
