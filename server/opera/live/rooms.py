"""The rooms this process serves: loaded on first use, unloaded when idle."""

from __future__ import annotations

import asyncio
import re
import secrets
from dataclasses import dataclass
from typing import Any

from opera.engine import Room
from opera.live.hub import Hub
from opera.live.replica import Replica
from opera.log.base import RoomLog, SharedPresence
from opera.settings import Settings

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
class Live:
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
        self._live: dict[str, Live] = {}
        self._loading: dict[str, asyncio.Lock] = {}
        self._unload: dict[str, asyncio.TimerHandle] = {}
        self._stopping: set[asyncio.Task[None]] = set()
        self.node = secrets.token_hex(6)  # this process, in shared presence

    async def create(self, entry: dict[str, Any]) -> str:
        """Append a `create` entry under a fresh code; returns the code."""
        for _ in range(20):
            code = new_code()
            if not await self.log.exists(code):
                entry = {**entry, "code": code}
                await self.log.append(code, entry)
                return code
        raise RuntimeError("no free room code found")

    async def get(self, code: str) -> Live | None:
        normal = normal_code(code)
        if normal is None:
            return None
        live = self._live.get(normal)
        if live is not None:
            return live
        lock = self._loading.setdefault(normal, asyncio.Lock())
        async with lock:
            live = self._live.get(normal)
            if live is None:
                live = await self._load(normal)
        self._loading.pop(normal, None)
        if live is not None:
            self.idle(normal)
        return live

    async def _load(self, code: str) -> Live | None:
        if not await self.log.exists(code):
            return None
        every, seconds = self.settings.snapshot_every, self.settings.snapshot_seconds
        replica = await Replica.load(self.log, code, every, seconds)
        if replica is None:
            return None
        hub = Hub(replica, self.settings.push_interval)
        if isinstance(self.log, SharedPresence):
            hub.share_presence(self.log, self.node)
        replica.start()
        live = self._live[code] = Live(replica, hub)
        return live

    def busy(self, code: str) -> None:
        """A connection arrived: keep the room loaded."""
        timer = self._unload.pop(code, None)
        if timer is not None:
            timer.cancel()

    def idle(self, code: str) -> None:
        """Unload the room after a while unless a connection arrives meanwhile."""
        live = self._live.get(code)
        if live is None or live.hub.connections or code in self._unload:
            return
        loop = asyncio.get_running_loop()
        self._unload[code] = loop.call_later(self.settings.room_idle_seconds, self._drop, code)

    def _drop(self, code: str) -> None:
        self._unload.pop(code, None)
        live = self._live.get(code)
        if live is not None and not live.hub.connections:
            del self._live[code]
            self._stopping.add(asyncio.create_task(live.stop()))
            self._stopping = {task for task in self._stopping if not task.done()}

    async def close(self, code: int, reason: str) -> None:
        for timer in self._unload.values():
            timer.cancel()
        for live in self._live.values():
            live.hub.close_all(code, reason)
            await live.stop()
        self._live.clear()
