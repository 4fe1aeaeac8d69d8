"""The rooms this process serves: loaded on first use, unloaded when idle, deleted on demand.

A room whose log lost entries it had folded (Redis back from a crash without its last second)
is unloaded at once: its host is told, its connections are closed with 1013, and whoever
reconnects gets the room as the store has it. Rooms older than the retention period are
deleted by `retain`, unless someone is connected.
"""

from __future__ import annotations

import asyncio
import logging
import re
import secrets
from collections import Counter
from dataclasses import dataclass
from typing import Any

from opera import metrics
from opera.engine import Room
from opera.live import protocol
from opera.live.connection import Connection
from opera.live.hub import Hub
from opera.live.protocol import CloseCode
from opera.live.replica import Replica
from opera.log.base import LogCorrupt, LogError, RoomLog, SharedPresence
from opera.settings import Settings

logger = logging.getLogger("opera.rooms")

# No 0/O, 1/I/L, 5/S, 8/B, 2/Z, U/V: codes are read off a projector and typed on phones.
ALPHABET = "34679ACDEFGHJKMNPQRTWXY"
CODE_LENGTH = 7  # 23**7 = 3.4e9 codes
CODE = re.compile(f"[{ALPHABET}]{{{CODE_LENGTH}}}")


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normal_code(code: str) -> str | None:
    """The code as stored (upper case), or None when it cannot name any room."""
    code = code.strip().upper()
    return code if CODE.fullmatch(code) else None


@dataclass
class LoadedRoom:
    """A loaded room: its replica (state) and hub (connections)."""

    replica: Replica
    hub: Hub

    @property
    def room(self) -> Room:
        return self.replica.room

    async def stop(self) -> None:
        await self.hub.stop()
        await self.replica.stop()


class Rooms:
    def __init__(self, log: RoomLog, settings: Settings) -> None:
        self.log = log
        self.settings = settings
        self._loaded: dict[str, LoadedRoom] = {}
        self._loading: dict[str, asyncio.Lock] = {}
        self._unload: dict[str, asyncio.TimerHandle] = {}
        self._stopping: set[asyncio.Task[None]] = set()
        self._deleting: set[str] = set()
        self._retention: asyncio.Task[None] | None = None
        self._damaged: set[str] = set()  # rooms whose damage was logged already
        self.node = secrets.token_hex(6)  # this process, in shared presence
        metrics.watch(self.census)

    def connections(self) -> list[Connection]:
        """Every open connection of this process, in every loaded room (for rebalancing)."""
        return [conn for loaded in self._loaded.values() for conn in loaded.hub.connections]

    def census(self) -> tuple[int, Counter[str]]:
        """Rooms loaded, and open connections by role (for /metrics)."""
        roles = Counter(c.role for loaded in self._loaded.values() for c in loaded.hub.connections)
        return len(self._loaded), roles

    async def create(self, entry: dict[str, Any]) -> str:
        """Append a `create` entry under a fresh code; returns the code."""
        for _ in range(20):
            code = new_code()
            if not await self.log.exists(code):
                entry = {**entry, "code": code}
                await self.log.append(code, entry)
                return code
        raise RuntimeError("no free room code found")

    async def get(self, code: str) -> LoadedRoom | None:
        normal = normal_code(code)
        if normal is None or normal in self._deleting:
            return None
        loaded = self._loaded.get(normal)
        if loaded is not None:
            return loaded
        lock = self._loading.setdefault(normal, asyncio.Lock())
        try:
            async with lock:
                loaded = self._loaded.get(normal)
                if loaded is None:
                    loaded = await self._load(normal)
        except LogCorrupt as err:
            self._report_damage(normal, err)
            raise
        finally:
            self._loading.pop(normal, None)
        if loaded is not None:
            self.idle(normal)
        return loaded

    def _report_damage(self, code: str, err: LogCorrupt) -> None:
        """Once per room and process: the message names the file and line and the repair."""
        metrics.store_error("corrupt")
        if code not in self._damaged:
            self._damaged.add(code)
            logger.error("room %s cannot be loaded: %s", code, err)

    async def _load(self, code: str) -> LoadedRoom | None:
        if not await self.log.exists(code):
            return None
        every, seconds = self.settings.snapshot_every, self.settings.snapshot_seconds
        replica = await Replica.load(self.log, code, every, seconds)
        if replica is None:
            return None
        hub = Hub(replica, self.settings.push_interval, self.settings.push_slice)
        if isinstance(self.log, SharedPresence):
            hub.share_presence(self.log, self.node)
        loaded = self._loaded[code] = LoadedRoom(replica, hub)
        replica.on_lost = lambda error: self._lost(loaded, error)
        replica.start()
        self._damaged.discard(code)
        return loaded

    def _lost(self, loaded: LoadedRoom, error: LogError) -> None:
        """The store lost entries this room had folded: drop this state, reload on demand."""
        code = loaded.replica.code
        if self._loaded.get(code) is not loaded:
            return
        metrics.store_error("lost")
        logger.error(
            "room %s: %s. The room is reloaded from what the store holds; its %d connections "
            "were told to reconnect",
            code,
            error,
            len(loaded.hub.connections),
        )
        self._unload_now(code)
        for conn in loaded.hub.connections:
            if conn.role == "host":
                conn.push(protocol.error("unavailable", "log_lost"))
        loaded.hub.close_all(CloseCode.TRY_AGAIN, "the store lost recent changes: reconnect")
        self._stop_later(loaded)

    async def delete(self, code: str) -> bool:
        """Closes the room's connections (4404), unloads it without a last snapshot and
        deletes everything of it from the store; True if the store had anything."""
        self._deleting.add(code)
        try:
            loaded = self._unload_now(code)
            if loaded is not None:
                loaded.replica.saving = False
                loaded.hub.close_all(CloseCode.UNKNOWN_SESSION, "this session was deleted")
                await loaded.stop()
            return await self.log.delete(code)
        finally:
            self._deleting.discard(code)

    async def purge(self, seconds: float) -> list[str]:
        """Deletes the rooms last written more than `seconds` ago that nobody is connected to."""
        deleted = []
        for code in await self.log.rooms_older_than(seconds):
            loaded = self._loaded.get(code)
            if loaded is not None and loaded.hub.connections:
                continue  # a session still running long after its last change
            if await self.delete(code):
                deleted.append(code)
        return deleted

    def start(self) -> None:
        """Starts the retention sweep (OPERA_RETENTION_DAYS; 0 keeps rooms for ever)."""
        if self.settings.retention_days > 0 and self._retention is None:
            self._retention = asyncio.create_task(self.retain(self.settings.retention_days))

    async def retain(self, days: float) -> None:
        """Runs `purge` at start and then regularly (hourly, or more often for short periods)."""
        seconds = days * 86400
        every = min(3600.0, max(1.0, seconds / 4))
        while True:
            try:
                deleted = await self.purge(seconds)
            except LogError as err:
                logger.warning("retention: old rooms not purged this time: %s", err)
            else:
                if deleted:
                    logger.info(
                        "retention: deleted %d rooms older than %g days", len(deleted), days
                    )
            await asyncio.sleep(every)

    def busy(self, code: str) -> None:
        """A connection arrived: keep the room loaded."""
        timer = self._unload.pop(code, None)
        if timer is not None:
            timer.cancel()

    def idle(self, code: str) -> None:
        """Unload the room after a while unless a connection arrives meanwhile."""
        loaded = self._loaded.get(code)
        if loaded is None or loaded.hub.connections or code in self._unload:
            return
        loop = asyncio.get_running_loop()
        self._unload[code] = loop.call_later(self.settings.room_idle_seconds, self._drop, code)

    def _drop(self, code: str) -> None:
        self._unload.pop(code, None)
        loaded = self._loaded.get(code)
        if loaded is not None and not loaded.hub.connections:
            del self._loaded[code]
            self._stop_later(loaded)

    def _unload_now(self, code: str) -> LoadedRoom | None:
        timer = self._unload.pop(code, None)
        if timer is not None:
            timer.cancel()
        return self._loaded.pop(code, None)

    def _stop_later(self, loaded: LoadedRoom) -> None:
        task = asyncio.create_task(loaded.stop())
        task.add_done_callback(_log_failure)
        self._stopping.add(task)
        self._stopping = {task for task in self._stopping if not task.done()}

    async def close(self, code: CloseCode, reason: str) -> None:
        if self._retention is not None:
            self._retention.cancel()
            await asyncio.gather(self._retention, return_exceptions=True)
        for timer in self._unload.values():
            timer.cancel()
        for loaded in self._loaded.values():
            loaded.hub.close_all(code, reason)
            await loaded.stop()
        self._loaded.clear()
        await asyncio.gather(*self._stopping, return_exceptions=True)


def _log_failure(task: asyncio.Task[None]) -> None:
    """A room that fails to stop is logged here, never left as an unretrieved exception."""
    if not task.cancelled():
        error = task.exception()
        if error is not None:
            logger.error("a room failed to stop cleanly", exc_info=error)
