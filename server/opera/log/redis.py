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
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from functools import partial
from typing import Any, TypeVar
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import redis.asyncio as aioredis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError

from opera.log.base import (
    Item,
    LogClosed,
    LogCorrupt,
    LogError,
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
PAGE = 5000  # entries per XRANGE / XREAD round trip
BATCH = 1000  # appends per pipeline
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)

# KEYS: log, snap. ARGV: entry JSON, ttl in ms. Returns the entry's offset.
APPEND = """
local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
local n = 1
if #last > 0 then n = tonumber(string.match(last[1][1], '^(%d+)')) + 1 end
redis.call('XADD', KEYS[1], n .. '-0', 'e', ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[2])
return n
"""

# KEYS: log, snap. ARGV: offset, state JSON, ttl in ms.
# Returns 1 stored, 0 an equal or newer snapshot is there, -N the log ends at N < offset.
SAVE_SNAPSHOT = """
local n = tonumber(ARGV[1])
local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
local top = 0
if #last > 0 then top = tonumber(string.match(last[1][1], '^(%d+)')) end
if n > top then return -top - 1 end
local current = redis.call('HGET', KEYS[2], 'offset')
if current and tonumber(current) > n then return 0 end
redis.call('HSET', KEYS[2], 'offset', ARGV[1], 'state', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return 1
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
        future: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        self._pending.append((room, payload, future))
        if self._writer is None:
            self._writer = asyncio.create_task(self._write_loop())
        return await future

    async def read(self, room: str, after: int = 0) -> list[Item]:
        check_room(room)
        check_after(after)
        self._check_open()
        key = self.log_key(room)
        items: list[Item] = []
        while True:
            start = f"{after + 1}-0"
            page: Any = await self._call(partial(self._redis.xrange, key, start, "+", count=PAGE))
            items.extend(self._parse(key, after, page))
            if len(page) < PAGE:
                return items
            after = items[-1][0]

    async def follow(self, room: str, after: int = 0) -> AsyncIterator[Item]:
        check_room(room)
        last = check_after(after)
        if self._closed:
            return
        key = self.log_key(room)
        # One connection of its own: a Redis restart then always shows up as an error here
        # (the pool would reconnect silently), so the check below never misses one.
        client = aioredis.Redis(connection_pool=self._followers, single_connection_client=True)
        delay = 0.0
        try:
            while not self._closed:
                try:
                    if delay:  # Redis was unreachable: did it come back with what we saw?
                        await self._until_closed(self._check_not_behind(client, key, last))
                        logger.info("following %s: Redis at %s is back", room, self._where)
                        delay = 0.0
                    reply: Any = await self._until_closed(
                        client.xread({key: f"{last}-0"}, count=PAGE, block=self._block_ms)
                    )
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
                    for item in self._parse(key, last, page):
                        last = item[0]
                        yield item
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
        done = await self._call(
            lambda: self._eval(SAVE_SNAPSHOT, keys, offset, text, self._ttl_ms())
        )
        if int(done) < 0:
            raise ValueError(f"snapshot offset {offset} is not in the log (1..{-int(done) - 1})")

    async def load_snapshot(self, room: str) -> tuple[int, dict[str, Any]] | None:
        check_room(room)
        self._check_open()
        key = self.snap_key(room)
        found: Any = await self._call(lambda: self._redis.hmget(key, ["offset", "state"]))
        offset, state = found
        if offset is None or state is None:
            return None
        try:
            return int(offset), decode(state)
        except ValueError as exc:
            raise LogCorrupt(f"Redis key {key}: damaged snapshot ({exc})") from None

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
                    pipe.eval(APPEND, 2, self.log_key(room), self.snap_key(room), payload, ttl)
                results: list[Any] = await pipe.execute(raise_on_error=False)
        except UNREACHABLE as exc:
            _fail(batch, self._unavailable(exc))
            return
        except RedisError as exc:
            _fail(batch, LogError(f"Redis at {self._where} refused the appends: {exc}"))
            return
        for (_, _, future), result in zip(batch, results, strict=True):
            if future.done():
                continue
            if isinstance(result, Exception):
                future.set_exception(LogError(f"Redis at {self._where}: {result}"))
            else:
                future.set_result(int(result))

    # -- helpers -------------------------------------------------------------------------

    def _check_open(self) -> None:
        if self._closed:
            raise LogClosed("the room log is closed")

    def _ttl_ms(self) -> int:
        return max(1, int(self.ttl * 1000))

    def _eval(self, script: str, keys: tuple[str, str], *args: Any) -> Awaitable[Any]:
        return self._redis.eval(script, len(keys), *keys, *args)

    def _unavailable(self, exc: BaseException) -> LogUnavailable:
        return LogUnavailable(f"Redis at {self._where} is unavailable: {exc}")

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
        except RedisError as exc:
            raise LogError(f"Redis at {self._where}: {exc}") from exc

    async def _until_closed(self, pending: Awaitable[T]) -> T | None:
        """Awaits `pending`, or cancels it and returns None when the log closes first."""
        task = asyncio.ensure_future(pending)
        self._reading.add(task)
        task.add_done_callback(self._reading.discard)
        closing = asyncio.ensure_future(self._closing.wait())
        try:
            await asyncio.wait((task, closing), return_when=asyncio.FIRST_COMPLETED)
        finally:
            closing.cancel()
            if not task.done():
                task.cancel()
                task.add_done_callback(_retrieve)
        return task.result() if task.done() and not task.cancelled() else None

    def _parse(self, key: str, after: int, page: Any) -> list[Item]:
        """Stream entries `[(id, {"e": json}), ...]` to items, checking there is no gap."""
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
        return items

    async def _check_not_behind(self, client: aioredis.Redis, key: str, last: int) -> None:
        """After Redis came back: if it lost entries this process saw, say so loudly."""
        top: Any = await client.xrevrange(key, "+", "-", count=1)
        end = int(top[0][0].split("-", 1)[0]) if top else 0
        if end < last:
            raise LogCorrupt(
                f"Redis stream {key} ends at {end} after a restart, but offset {last} "
                "was seen before: Redis lost acknowledged entries (use appendfsync always "
                "to rule this out)"
            )


def _fail(batch: list[tuple[str, str, asyncio.Future[int]]], error: LogError) -> None:
    for _, _, future in batch:
        if not future.done():
            future.set_exception(error)


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
