"""A room's state in this process: loaded from a snapshot, folded from the log, kept live."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from opera.engine import Outcome, Room, reduce, room_from_dict, room_to_dict
from opera.log.base import Item, LogError, LogLost, LogUnavailable, Paged, RoomLog, decode, encode

logger = logging.getLogger("opera.replica")

# Outcomes kept for acks that are awaited after their entry was already folded.
_RECENT_OUTCOMES = 4096
# A snapshot of a big room holds the event loop for 100 to 250 ms (2,000 people: taken and
# encoded), and every ack in flight waits for it: one that falls due in a burst of votes
# waits for a lull of SNAPSHOT_LULL seconds without a folded entry, SNAPSHOT_LATEST at most.
SNAPSHOT_LULL = 0.5
SNAPSHOT_LATEST = 60.0


class Replica:
    """Follows one room's log and folds every entry with the pure reducer.

    `on_fold` is called after each folded entry (the hub schedules a coalesced push from it);
    acks wait on `outcome(offset)`, so an `ack` is only ever sent for a folded entry.
    """

    def __init__(
        self, log: RoomLog, code: str, room: Room, snapshot_every: int, snapshot_seconds: float
    ) -> None:
        self.log = log
        self.code = code
        self.room = room
        self.snapshot_every = snapshot_every
        self.snapshot_seconds = snapshot_seconds
        self._snapshot_time = time.monotonic()
        self.on_fold: Callable[[Outcome, dict[str, Any]], None] = lambda outcome, entry: None
        # Called when the log lost entries folded here (Redis lost its tail): see `lost`.
        self.on_lost: Callable[[LogError], None] = lambda error: None
        self.saving = True  # False once this state must never be written back (lost, deleted)
        self._recent: OrderedDict[int, Outcome] = OrderedDict()
        self._waiters: dict[int, list[asyncio.Future[Outcome]]] = {}
        self._task: asyncio.Task[None] | None = None
        self._snapshot_seq = room.seq
        self._snapshot_task: asyncio.Task[None] | None = None
        self._folded_at = 0.0
        self._due_at: float | None = None  # when a snapshot fell due, while it waits for a lull
        self._lull: asyncio.TimerHandle | None = None

    @classmethod
    async def load(
        cls, log: RoomLog, code: str, snapshot_every: int, snapshot_seconds: float
    ) -> Replica | None:
        """The room as the log has it now, or None when no such room exists."""
        room: Room | None = None
        snapshot = await log.load_snapshot(code)
        after = 0
        if snapshot is not None:
            after, data = snapshot
            room = room_from_dict(data)
        if isinstance(log, Paged):  # folds each page while the store fetches the next
            async with contextlib.aclosing(log.pages(code, after=after)) as pages:
                async for page in pages:
                    room = _fold_all(room, page)
        else:
            room = _fold_all(room, await log.read(code, after=after))
        if room is None:
            return None
        return cls(log, code, room, snapshot_every, snapshot_seconds)

    @property
    def seq(self) -> int:
        return self.room.seq

    def start(self) -> None:
        self._task = asyncio.create_task(self._follow(), name=f"replica-{self.code}")

    async def stop(self) -> None:
        """Stop following; a last snapshot makes the next load quick."""
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        if self._lull is not None:
            self._lull.cancel()  # the last snapshot below covers it
        if self._snapshot_task is not None:
            await asyncio.gather(self._snapshot_task, return_exceptions=True)
        if self.saving and self.room.seq > self._snapshot_seq:
            await self._save(self.room.seq, room_to_dict(self.room))
        for waiters in self._waiters.values():
            for waiter in waiters:
                waiter.cancel()
        self._waiters.clear()

    async def _follow(self) -> None:
        while True:
            try:
                async for offset, entry in self.log.follow(self.code, after=self.room.seq):
                    self._fold(offset, entry)
                return
            except LogLost as err:
                self.lost(err)
                return
            except LogError as err:
                logger.warning("room %s: following the log failed (%s); retrying", self.code, err)
                await asyncio.sleep(1.0)

    def _fold(self, offset: int, entry: dict[str, Any]) -> Outcome | None:
        if offset <= self.room.seq:
            return None  # already folded (a snapshot, a catch-up read or `append` first)
        self.room, outcome = reduce(self.room, entry)
        self._recent[offset] = outcome
        if len(self._recent) > _RECENT_OUTCOMES:
            self._recent.popitem(last=False)
        for waiter in self._waiters.pop(offset, []):
            if not waiter.done():
                waiter.set_result(outcome)
        self.on_fold(outcome, entry)
        # By count and by time: a snapshot of a big room costs 100 ms or more of the event
        # loop, and a burst of votes must not pay it every few hundred entries.
        self._folded_at = now = time.monotonic()
        if (
            self._due_at is None
            and self.room.seq - self._snapshot_seq >= self.snapshot_every
            and now - self._snapshot_time >= self.snapshot_seconds
        ):
            if self.snapshot_seconds == 0:  # asked for after every few entries: at once
                self._snapshot()
            else:
                self._due_at = now
                self._lull = asyncio.get_running_loop().call_later(SNAPSHOT_LULL, self._in_lull)
        return outcome

    def _in_lull(self) -> None:
        """The snapshot that fell due, once no entry came for SNAPSHOT_LULL seconds."""
        loop = asyncio.get_running_loop()
        now = time.monotonic()
        quiet = now - self._folded_at
        if (
            quiet < SNAPSHOT_LULL
            and self._due_at is not None
            and now - self._due_at < SNAPSHOT_LATEST
        ):
            self._lull = loop.call_later(SNAPSHOT_LULL - quiet, self._in_lull)
            return
        self._lull = self._due_at = None
        self._snapshot()

    def lost(self, error: LogError) -> None:
        """The log no longer holds what was folded here: answer no waiting command from this
        state (each gets `error`, so its sender retries), never snapshot it, tell the owner."""
        self.saving = False
        self._recent.clear()
        for waiters in self._waiters.values():
            for waiter in waiters:
                if not waiter.done():
                    waiter.set_exception(error)
        self._waiters.clear()
        self.on_lost(error)

    async def append(self, entry: dict[str, Any]) -> Outcome:
        """Append `entry` to the room's log and return its outcome once this replica has
        folded it: what any process folds from that offset. Raises what the log raises
        (`LogUnavailable`; `LogLost` when the store lost it before it came back here)."""
        offset = await self.log.append(self.code, entry)
        if offset == self.room.seq + 1:
            # The very next entry, everything before it folded: fold it now, from the text the
            # log holds (what every process and every restart folds), instead of through the
            # follow task and back. Those were two turns of the event loop for every command,
            # each behind whatever else was ready: in a burst, a slice of a push or more. The
            # follow task meets it later and skips it.
            outcome = self._fold(offset, decode(encode(entry)))
            assert outcome is not None
            return outcome
        return await self.outcome(offset)

    async def outcome(self, offset: int) -> Outcome:
        """The outcome of the entry at `offset`, once this replica has folded it."""
        if offset <= self.room.seq:
            found = self._recent.get(offset)
            if found is None:
                raise LookupError(f"outcome of entry {offset} is no longer kept")
            return found
        waiter: asyncio.Future[Outcome] = asyncio.get_running_loop().create_future()
        self._waiters.setdefault(offset, []).append(waiter)
        return await waiter

    async def caught_up(self) -> None:
        """Wait until everything in the log now (from any process) is folded here."""
        tail = await self.log.read(self.code, after=self.room.seq)
        if tail:
            await self.outcome(tail[-1][0])

    def _snapshot(self) -> None:
        if self._snapshot_task is not None and not self._snapshot_task.done():
            return
        self._snapshot_seq = self.room.seq
        self._snapshot_time = time.monotonic()
        data = room_to_dict(self.room)  # taken now, synchronously: the room moves on
        self._snapshot_task = asyncio.create_task(self._save(self.room.seq, data))

    async def _save(self, seq: int, data: dict[str, Any]) -> None:
        if not self.saving:
            return
        try:
            await self.log.save_snapshot(self.code, seq, data)
        except (LogError, ValueError) as err:
            # An unavailable store already said so once per outage; a snapshot is only a
            # shortcut (the log is complete), so the next one tries again.
            level = logging.DEBUG if isinstance(err, LogUnavailable) else logging.WARNING
            logger.log(level, "room %s: snapshot at %d not saved: %s", self.code, seq, err)


def _fold_all(room: Room | None, items: list[Item]) -> Room | None:
    for _, entry in items:
        room, _ = reduce(room, entry)
    return room
