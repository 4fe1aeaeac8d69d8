"""`redis://HOST:PORT/DB`: one Redis Stream per room, shared by any number of processes.

Keys (the `{CODE}` hash tag keeps a room's keys in one Redis Cluster slot):

    opera:{CODE}:log     the stream; entry ids are `<offset>-0`, field `e` holds the JSON
    opera:{CODE}:snap    a hash: `offset`, `state` (JSON)

Offsets have no gaps even when several processes append to one room: a Lua script reads the
stream's last id and XADDs the next one, atomically. Every append (and snapshot) pushes the
room's expiry back to `ttl` seconds (default 7 days, `?ttl=SECONDS` in the URL): an idle
room's keys vanish together.

Appends from one process are pipelined: while one round trip is in flight, the next appends
queue up and go together in the next one. An append is durable as Redis makes it: with
`appendonly yes` and `appendfsync everysec` a Redis crash may lose the last second
(`appendfsync always` loses nothing, at a cost). When Redis cannot be reached, calls raise
`LogUnavailable`; an append that fails that way MAY still have been applied (the reply was
lost), so callers retry with the same command id, which the reducer answers without
re-applying. `follow` holds one connection per followed room (XREAD BLOCK), survives a Redis
restart by reconnecting with backoff, and resumes after the last offset it yielded.

Redis may come back from a crash without its last second (`everysec`) and then hand out the
lost offsets again, for other entries. This process remembers the SHA-1 of the newest entry it
saw in each room; every append sends it, and the script refuses to add anything when the
stream no longer holds that entry. `follow` checks its last entry the same way after every
reconnect. Either raises `LogLost`: nothing was appended, and the room must be reloaded from
what Redis has (a reload starts with `load_snapshot`, which forgets what was seen before).
Snapshots carry the hash of the entry they end at and are ignored when it no longer matches.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import time
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable
from functools import partial
from typing import Any, TypeVar
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import redis.asyncio as aioredis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError

from opera import metrics
from opera.log.base import (
    Item,
    LogClosed,
    LogCorrupt,
    LogError,
    LogLost,
    LogUnavailable,
    check_after,
    check_room,
    decode,
    encode,
    valid_room,
)

logger = logging.getLogger("opera.log.redis")

T = TypeVar("T")

DEFAULT_TTL = 7 * 24 * 3600.0
PAGE = 5000  # entries per XRANGE / XREAD (a read's page blocks Redis for a few ms)
PAGES = 4  # pages per round trip of a read: offsets have no gaps, so each page's range is known
BATCH = 1000  # appends per pipeline
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)

# KEYS: log, snap. ARGV: entry JSON, ttl in ms, the newest offset the caller saw (0: none)
# and that entry's SHA-1. Returns the entry's offset, or 0 (nothing added) when the stream no
# longer holds the entry the caller saw: Redis lost its tail.
APPEND = """
local seen = tonumber(ARGV[3])
if seen > 0 then
  local found = redis.call('XRANGE', KEYS[1], seen .. '-0', seen .. '-0')
  if #found == 0 or redis.sha1hex(found[1][2][2]) ~= ARGV[4] then return 0 end
end
local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
local n = 1
if #last > 0 then n = tonumber(string.match(last[1][1], '^(%d+)')) + 1 end
redis.call('XADD', KEYS[1], n .. '-0', 'e', ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[2])
return n
"""

# KEYS: log, snap. ARGV: offset, state JSON, ttl in ms, the SHA-1 the caller saw for the
# entry at offset ('' if unknown). Returns 1 stored, 0 an equal or newer snapshot is there,
# -N the log ends at N < offset or (N + 1 > offset) holds another entry than the caller saw.
SAVE_SNAPSHOT = """
local n = tonumber(ARGV[1])
local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
local top = 0
if #last > 0 then top = tonumber(string.match(last[1][1], '^(%d+)')) end
if n > top then return -top - 1 end
local entry = redis.call('XRANGE', KEYS[1], n .. '-0', n .. '-0')
if #entry == 0 then return -top - 1 end
local h = redis.sha1hex(entry[1][2][2])
if ARGV[4] ~= '' and h ~= ARGV[4] then return -top - 1 end
local current = redis.call('HGET', KEYS[2], 'offset')
if current and tonumber(current) > n then return 0 end
redis.call('HSET', KEYS[2], 'offset', ARGV[1], 'state', ARGV[2], 'h', h)
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return 1
"""

# KEYS: log, snap. Returns nil (no snapshot), {offset} (its entry is gone or differs: the
# snapshot belongs to a history Redis lost) or {offset, state}.
LOAD_SNAPSHOT = """
local s = redis.call('HMGET', KEYS[2], 'offset', 'state', 'h')
if not s[1] or not s[2] then return false end
if s[3] then
  local entry = redis.call('XRANGE', KEYS[1], s[1] .. '-0', s[1] .. '-0')
  if #entry == 0 or redis.sha1hex(entry[1][2][2]) ~= s[3] then return {s[1]} end
end
return {s[1], s[2]}
"""

# KEYS: log. ARGV: the first and last offset of a page. Returns {n, text}: the page's n
# entries' JSON joined by newlines (JSON text never holds a raw newline), or {-offset, id} at
# the first stream entry that is not the next offset or not one `e` field: a gap, or damage.
# Why: one string per page instead of three per entry; redis-py's pure-Python reply parser
# spent most of a big room's load on the half-million strings of XRANGE.
READ = """
local rows = redis.call('XRANGE', KEYS[1], ARGV[1] .. '-0', ARGV[2] .. '-0')
local first = tonumber(ARGV[1])
local out = {}
for i, row in ipairs(rows) do
  if row[1] ~= string.format('%d-0', first + i - 1) or row[2][1] ~= 'e' or #row[2] ~= 2 then
    return {-(first + i - 1), row[1]}
  end
  out[i] = row[2][2]
end
return {#rows, table.concat(out, '\\n')}
"""

# One round trip: record this node's connected pids, drop stale nodes, return the rest.
PRESENCE = """
local now = tonumber(ARGV[1])
redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
local all = redis.call('HGETALL', KEYS[1])
local out = {}
for i = 1, #all, 2 do
  local value = all[i + 1]
  local sep = string.find(value, '|', 1, true)
  if tonumber(string.sub(value, 1, sep - 1)) < now then
    redis.call('HDEL', KEYS[1], all[i])
  else
    table.insert(out, string.sub(value, sep + 1))
  end
end
return out
"""


class RedisLog:
    def __init__(
        self,
        url: str = "redis://127.0.0.1:6379/0",
        *,
        ttl: float = DEFAULT_TTL,
        block_seconds: float = 5.0,
        timeout: float = 5.0,
        max_connections: int = 32,
        prefix: str = "opera",
    ) -> None:
        """`max_connections` bounds the command pool; each `follow` holds one more."""
        if ttl <= 0:
            raise ValueError("ttl must be > 0 seconds")
        self.url = url
        self.ttl = ttl
        self.prefix = prefix
        self._where = _safe_url(url)
        self._block_ms = max(1, int(block_seconds * 1000))
        no_retry = Retry(NoBackoff(), 0)  # an append must never be sent twice behind our back
        common: dict[str, Any] = {
            "decode_responses": True,
            "retry": no_retry,
            "socket_connect_timeout": min(timeout, 2.0),
            "protocol": 2,
        }
        self._redis = aioredis.Redis.from_pool(
            aioredis.BlockingConnectionPool.from_url(
                url, max_connections=max_connections, timeout=None, socket_timeout=timeout, **common
            )
        )
        self._followers = aioredis.ConnectionPool.from_url(
            url, socket_timeout=block_seconds + timeout, **common
        )
        self._pending: list[tuple[str, str, asyncio.Future[int]]] = []
        self._writer: asyncio.Task[None] | None = None
        self._closed = False
        self._closing = asyncio.Event()
        self._reading: set[asyncio.Future[Any]] = set()
        self._seen: dict[str, tuple[int, str]] = {}  # room -> newest offset seen, its SHA-1
        self._lost: dict[str, asyncio.Event] = {}  # set when an append found the tail lost

    @classmethod
    def from_url(cls, url: str) -> RedisLog:
        """`redis://HOST:PORT/DB?ttl=SECONDS`; other query options go to redis-py."""
        parts = urlsplit(url)
        query = dict(parse_qsl(parts.query))
        options: dict[str, Any] = {}
        if "ttl" in query:
            options["ttl"] = float(query.pop("ttl"))
        return cls(urlunsplit(parts._replace(query=urlencode(query))), **options)

    def log_key(self, room: str) -> str:
        return f"{self.prefix}:{{{room}}}:log"

    def snap_key(self, room: str) -> str:
        return f"{self.prefix}:{{{room}}}:snap"

    def presence_key(self, room: str) -> str:
        return f"{self.prefix}:{{{room}}}:presence"

    async def beat(self, room: str, node: str, pids: list[str], ttl: float) -> set[str]:
        """Shared presence (see `SharedPresence`): one hash per room, a field per node."""
        check_room(room)
        now = time.time()
        value = f"{now + ttl}|{','.join(pids)}"
        key = self.presence_key(room)
        ttl_ms = max(1, int(ttl * 2000))
        found: list[str] = await self._call(
            lambda: self._redis.eval(PRESENCE, 1, key, now, node, value, ttl_ms)
        )
        return {pid for part in found for pid in part.split(",") if pid}

    # -- the interface -------------------------------------------------------------------

    async def append(self, room: str, entry: dict[str, Any]) -> int:
        check_room(room)
        payload = encode(entry)
        self._check_open()
        if self._alarm(room).is_set():
            raise self._lost_error(room, "its log lost entries this process saw")
        future: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        self._pending.append((room, payload, future))
        if self._writer is None:
            self._writer = asyncio.create_task(self._write_loop())
        return await future

    async def probe(self) -> None:
        """One small write with an expiry: refused when Redis is down, out of memory or
        cannot persist (MISCONF)."""
        self._check_open()
        await self._call(lambda: self._redis.set(f"{self.prefix}:probe", "1", px=10_000))

    async def load(self, node: str, connections: int, ttl: float) -> list[int]:
        """Records how many connections `node` holds (for `ttl` seconds); returns the counts of
        every live process, this one included."""
        mine = f"{self.prefix}:load:{node}"

        async def report() -> list[int]:
            await self._redis.set(mine, connections, px=max(1, int(ttl * 1000)))
            keys = [key async for key in self._redis.scan_iter(f"{self.prefix}:load:*")]
            return [int(n) for n in await self._redis.mget(keys) if n is not None]

        return await self._call(report)

    async def tally(self, key: str, window: float) -> float:
        """Per-address limits counted for every process: one counter per fixed window of
        `window` seconds; the total is this window's count plus the previous window's,
        weighted by how much of it still lies within `window` of now."""
        now = time.time()
        slot = int(now // window)
        current, previous = (f"{self.prefix}:limit:{key}:{n}" for n in (slot, slot - 1))

        async def count() -> tuple[int, str | None]:
            pipe = self._redis.pipeline(transaction=False)
            pipe.incr(current)
            pipe.expire(current, int(window * 2) + 1)
            pipe.get(previous)
            counted, _, before = await pipe.execute()
            return int(counted), before

        counted, before = await self._call(count)
        weight = 1.0 - (now / window - slot)
        return counted + int(before or 0) * weight

    async def read(self, room: str, after: int = 0) -> list[Item]:
        items: list[Item] = []
        async for page in self.pages(room, after):
            items.extend(page)
        return items

    async def pages(self, room: str, after: int = 0) -> AsyncGenerator[list[Item], None]:
        """`read` page by page: while the caller folds one round trip's pages, the next
        round trip is already asked for (Redis works on it meanwhile, on its own core)."""
        check_room(room)
        check_after(after)
        self._check_open()
        fetch = self._fetch(room, after)
        try:
            while True:
                pages = await fetch
                if all(count == PAGE for count, _ in pages):  # more may follow: ask now
                    fetch = self._fetch(room, after + PAGE * len(pages))
                    await asyncio.sleep(0)  # the request goes out before this batch is folded
                for count, text in pages:
                    if count:
                        yield self._lines(room, after, count, text)
                    after += count
                    if count < PAGE:
                        return  # the end (a later page of the batch may see newer appends)
        finally:
            if not fetch.done():
                fetch.cancel()

    def _fetch(self, room: str, after: int) -> asyncio.Future[list[tuple[int, str]]]:
        fetch = asyncio.ensure_future(self._call(partial(self._pages, room, after)))
        fetch.add_done_callback(_retrieve)
        return fetch

    async def _pages(self, room: str, after: int) -> list[tuple[int, str]]:
        """The next PAGES pages after `after`, in one round trip: (count, text) each."""
        key = self.log_key(room)
        async with self._redis.pipeline(transaction=False) as pipe:
            for page in range(PAGES):
                first = after + 1 + page * PAGE
                pipe.eval(READ, 1, key, first, first + PAGE - 1)
            replies: list[Any] = await pipe.execute()
        pages = []
        for count, text in replies:
            if int(count) < 0:  # the id found where offset -count was expected
                raise LogCorrupt(
                    f"Redis stream {key}: id {text}, expected {-int(count)}-0 with one field e"
                )
            pages.append((int(count), text))
        return pages

    def _lines(self, room: str, after: int, count: int, text: str) -> list[Item]:
        """A page of READ: `count` JSON texts joined by newlines, offsets from `after + 1`."""
        if not count:
            return []
        key = self.log_key(room)
        lines = text.encode().split(b"\n")  # bytes: what `decode` checks orjson's value against
        if len(lines) != count:
            raise LogCorrupt(f"Redis stream {key}: an entry after {after}-0 holds a raw newline")
        items: list[Item] = []
        for offset, line in enumerate(lines, start=after + 1):
            try:
                items.append((offset, decode(line)))
            except ValueError as exc:
                raise LogCorrupt(
                    f"Redis stream {key}: entry {offset}-0 is damaged ({exc})"
                ) from None
        self._learn(room, after + count, lines[-1].decode())
        return items

    async def follow(self, room: str, after: int = 0) -> AsyncIterator[Item]:
        check_room(room)
        last = check_after(after)
        if self._closed:
            return
        key = self.log_key(room)
        # One connection of its own: a Redis restart then always shows up as an error here
        # (the pool would reconnect silently), so the check below never misses one.
        client = aioredis.Redis(connection_pool=self._followers, single_connection_client=True)
        alarm = self._alarm(room)
        delay = 0.0
        mark: str | None = None  # the SHA-1 of the entry at `last`, once known
        try:
            while not self._closed:
                if alarm.is_set():  # an append found the tail gone
                    raise self._lost_error(room, "an append found it shorter")
                try:
                    if mark is None or delay:
                        # Starting, or Redis was unreachable: does it still hold the entries
                        # this process saw (at `last`, and its own newest append)?
                        mark = await self._until_closed(self._check_seen(client, room, last, mark))
                        if delay:
                            logger.info("following %s: Redis at %s is back", room, self._where)
                        delay = 0.0
                    reply: Any = await self._until_closed(
                        client.xread({key: f"{last}-0"}, count=PAGE, block=self._block_ms),
                        alarm,
                    )
                    if not reply and not alarm.is_set() and not self._closed:
                        # Quiet for a while: is the entry we saw still there? (A tail lost
                        # without a restart, or the room deleted by another process.)
                        mark = await self._until_closed(self._check_seen(client, room, last, mark))
                except UNREACHABLE as exc:
                    # Warn once per outage, then quietly retry with backoff.
                    level = logging.DEBUG if delay else logging.WARNING
                    delay = min(max(delay * 2, 0.05), 2.0)
                    logger.log(
                        level,
                        "following %s: Redis at %s unavailable (%s); retrying in %.2f s",
                        room,
                        self._where,
                        exc,
                        delay,
                    )
                    await self._until_closed(asyncio.sleep(delay))
                    continue
                for _stream, page in reply or []:
                    for item in self._parse(room, last, page):
                        last = item[0]
                        yield item
                    if page:
                        mark = _sha1(page[-1][1]["e"])
        finally:
            await client.aclose()

    async def exists(self, room: str) -> bool:
        if not valid_room(room):
            return False
        self._check_open()
        found: int = await self._call(lambda: self._redis.exists(self.log_key(room)))
        return found > 0

    async def save_snapshot(self, room: str, offset: int, state: dict[str, Any]) -> None:
        check_room(room)
        if isinstance(offset, bool) or not isinstance(offset, int) or offset < 1:
            raise ValueError(f"snapshot offset {offset!r} is not in the log")
        text = encode(state, "snapshot")
        self._check_open()
        keys = (self.log_key(room), self.snap_key(room))
        seen = self._seen.get(room)
        mark = seen[1] if seen is not None and seen[0] == offset else ""
        done = await self._call(
            lambda: self._eval(SAVE_SNAPSHOT, keys, offset, text, self._ttl_ms(), mark)
        )
        if int(done) < 0:
            raise ValueError(f"snapshot offset {offset} is not in the log (1..{-int(done) - 1})")

    async def load_snapshot(self, room: str) -> tuple[int, dict[str, Any]] | None:
        """The newest snapshot; also where a (re)load starts, so what was seen is forgotten."""
        check_room(room)
        self._check_open()
        self._seen.pop(room, None)
        self._alarm(room).clear()
        key = self.snap_key(room)
        keys = (self.log_key(room), key)
        found: Any = await self._call(lambda: self._eval(LOAD_SNAPSHOT, keys))
        if found is None:
            return None
        if len(found) < 2:
            logger.warning(
                "room %s: the snapshot at %s is ahead of what Redis holds (it lost its log "
                "tail); replaying the log from the start",
                room,
                found[0],
            )
            return None
        try:
            return int(found[0]), decode(found[1])
        except ValueError as exc:
            raise LogCorrupt(f"Redis key {key}: damaged snapshot ({exc})") from None

    async def delete(self, room: str) -> bool:
        check_room(room)
        self._check_open()
        keys = (self.log_key(room), self.snap_key(room), self.presence_key(room))
        removed: int = await self._call(lambda: self._redis.delete(*keys))
        self._seen.pop(room, None)
        self._lost.pop(room, None)
        return removed > 0

    async def rooms_older_than(self, seconds: float) -> list[str]:
        """Scans the streams (an hourly job): a room's age is its last entry's `at`."""
        self._check_open()
        cutoff = time.time() - seconds
        pattern = f"{self.prefix}:{{*}}:log"
        keys: list[str] = await self._call(
            lambda: _collect(self._redis.scan_iter(match=pattern, count=1000, _type="stream"))
        )
        stale = []
        for key in keys:
            room = key[len(self.prefix) + 2 : -len("}:log")]
            last: Any = await self._call(partial(self._redis.xrevrange, key, "+", "-", count=1))
            if valid_room(room) and last and _written_at(last[0][1]) < cutoff:
                stale.append(room)
        return sorted(stale)

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._closing.set()
        if self._writer is not None:
            await asyncio.gather(self._writer, return_exceptions=True)
        # Cancelled XREADs drop their connections; wait until they have.
        await asyncio.gather(*self._reading, return_exceptions=True)
        await self._followers.aclose()  # the pool: ends every follower's connection
        await self._redis.aclose()

    # -- appending -----------------------------------------------------------------------

    async def _write_loop(self) -> None:
        """Sends every pending append in one pipeline, until none is left."""
        try:
            while self._pending:
                batch = [item for item in self._pending[:BATCH] if not item[2].done()]
                del self._pending[:BATCH]
                if batch:
                    await self._write_batch(batch)
        finally:
            self._writer = None

    async def _write_batch(self, batch: list[tuple[str, str, asyncio.Future[int]]]) -> None:
        ttl = self._ttl_ms()
        try:
            async with self._redis.pipeline(transaction=False) as pipe:
                for room, payload, _ in batch:
                    seen, mark = self._seen.get(room, (0, ""))
                    keys = (self.log_key(room), self.snap_key(room))
                    pipe.eval(APPEND, 2, *keys, payload, ttl, seen, mark)
                results: list[Any] = await pipe.execute(raise_on_error=False)
        except UNREACHABLE as exc:
            _fail(batch, self._unavailable(exc))
            return
        except RedisError as exc:  # out of memory, a full disk (MISCONF), read-only
            metrics.store_error("unavailable")
            _fail(batch, LogUnavailable(f"Redis at {self._where} refused the appends: {exc}"))
            return
        for (room, payload, future), result in zip(batch, results, strict=True):
            if isinstance(result, Exception):
                metrics.store_error("unavailable")
                error: LogError = LogUnavailable(f"Redis at {self._where}: {result}")
            elif int(result) == 0:
                error = self._lost_error(room, "the entry this process saw last is gone")
            else:
                self._learn(room, int(result), payload)
                if not future.done():
                    future.set_result(int(result))
                continue
            if not future.done():
                future.set_exception(error)

    # -- helpers -------------------------------------------------------------------------

    def _check_open(self) -> None:
        if self._closed:
            raise LogClosed("the room log is closed")

    def _ttl_ms(self) -> int:
        return max(1, int(self.ttl * 1000))

    def _eval(self, script: str, keys: tuple[str, str], *args: Any) -> Awaitable[Any]:
        return self._redis.eval(script, len(keys), *keys, *args)

    def _unavailable(self, exc: BaseException) -> LogUnavailable:
        metrics.store_error("unavailable")
        return LogUnavailable(f"Redis at {self._where} is unavailable: {exc}")

    def _alarm(self, room: str) -> asyncio.Event:
        alarm = self._lost.get(room)
        if alarm is None:
            alarm = self._lost[room] = asyncio.Event()
        return alarm

    def _lost_error(self, room: str, why: str) -> LogLost:
        """Refuse appends to the room until it is reloaded, and wake its followers."""
        self._alarm(room).set()
        return LogLost(
            f"Redis at {self._where} lost the end of room {room}'s log ({why}; an "
            "appendfsync everysec crash loses up to a second): nothing was appended"
        )

    def _learn(self, room: str, offset: int, text: str) -> None:
        """Remember the newest entry seen in the room, to check on the next append."""
        seen = self._seen.get(room)
        if seen is None or offset > seen[0]:
            self._seen[room] = (offset, _sha1(text))

    async def _call(self, command: Callable[[], Awaitable[T]]) -> T:
        """Runs an idempotent command, once more at once if its connection was stale.

        (A pooled connection whose server restarted fails on first use; appends are never
        retried this way, see the module docstring.)
        """
        try:
            try:
                return await command()
            except UNREACHABLE:
                return await command()
        except UNREACHABLE as exc:
            raise self._unavailable(exc) from exc
        except RedisError as exc:  # out of memory, a full disk (MISCONF), read-only
            metrics.store_error("unavailable")
            raise LogUnavailable(f"Redis at {self._where}: {exc}") from exc

    async def _until_closed(
        self, pending: Awaitable[T], alarm: asyncio.Event | None = None
    ) -> T | None:
        """Awaits `pending`, or cancels it and returns None when the log closes first (or
        `alarm` is set)."""
        task = asyncio.ensure_future(pending)
        self._reading.add(task)
        task.add_done_callback(self._reading.discard)
        closing = asyncio.ensure_future(self._closing.wait())
        stops = [task, closing]
        if alarm is not None:
            stops.append(asyncio.ensure_future(alarm.wait()))
        try:
            await asyncio.wait(stops, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for stop in stops[1:]:
                stop.cancel()
            if not task.done():
                task.cancel()
                task.add_done_callback(_retrieve)
        return task.result() if task.done() and not task.cancelled() else None

    def _parse(self, room: str, after: int, page: Any) -> list[Item]:
        """Stream entries `[(id, {"e": json}), ...]` to items, checking there is no gap."""
        key = self.log_key(room)
        items: list[Item] = []
        expected = after + 1
        for entry_id, fields in page:
            offset = int(entry_id.split("-", 1)[0])
            if offset != expected:
                raise LogCorrupt(f"Redis stream {key}: id {entry_id}, expected {expected}-0")
            try:
                items.append((offset, decode(fields["e"])))
            except (KeyError, ValueError) as exc:
                raise LogCorrupt(
                    f"Redis stream {key}: entry {entry_id} is damaged ({exc})"
                ) from None
            expected += 1
        if items:
            self._learn(room, items[-1][0], page[-1][1]["e"])
        return items

    async def _check_seen(
        self, client: aioredis.Redis, room: str, last: int, mark: str | None
    ) -> str:
        """The SHA-1 of the entry at `last`; LogLost if Redis no longer holds the one seen
        there, or the newest one this process appended or read."""
        checks = [(last, mark)]
        seen = self._seen.get(room)
        if seen is not None and seen[0] > last:
            checks.append(seen)
        key = self.log_key(room)
        result = ""
        for offset, want in checks:
            if offset == 0:
                continue
            found: Any = await client.xrange(key, f"{offset}-0", f"{offset}-0")
            now = _sha1(found[0][1]["e"]) if found else None
            if now is None or (want is not None and now != want):
                raise self._lost_error(room, f"entry {offset}, which this process saw, is gone")
            if offset == last:
                result = now
        return result


def _fail(batch: list[tuple[str, str, asyncio.Future[int]]], error: LogError) -> None:
    for _, _, future in batch:
        if not future.done():
            future.set_exception(error)


def _sha1(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()


def _written_at(fields: dict[str, str]) -> float:
    """The `at` of a stream entry; entries without one count as new (never purged)."""
    try:
        at = json.loads(fields["e"]).get("at")
    except (KeyError, ValueError, AttributeError):
        return time.time()
    return float(at) if isinstance(at, int | float) else time.time()


async def _collect(keys: Any) -> list[str]:
    return [key async for key in keys]


def _retrieve(task: asyncio.Future[Any]) -> None:
    if not task.cancelled():
        with contextlib.suppress(BaseException):
            task.exception()


def _safe_url(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username or ''}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))
