"""What only the Redis backend promises: many processes, expiry, and surviving Redis restarts."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import shutil
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
import redis.asyncio as aioredis
from opera.log import LogLost, LogUnavailable, open_log
from opera.log.redis import RedisLog
from support.redis import RedisServer

WAIT = 10.0

Opener = Callable[..., RedisLog]


def entry(n: int) -> dict[str, Any]:
    return {"kind": "cmd", "id": f"c{n}", "args": {"n": n}}


@pytest.fixture
async def opener() -> AsyncIterator[Opener]:
    """Opens RedisLogs (as separate processes would); all are closed at the end."""
    opened: list[RedisLog] = []

    def open_one(url: str, **options: Any) -> RedisLog:
        log = RedisLog(url, **options)
        opened.append(log)
        return log

    yield open_one
    for log in opened:
        await log.close()


@pytest.fixture
async def raw(redis_url: str) -> AsyncIterator[aioredis.Redis]:
    client = aioredis.Redis.from_url(redis_url, decode_responses=True)
    yield client
    await client.aclose()


async def cut_tail(raw: aioredis.Redis, key: str, count: int) -> None:
    """What an `appendfsync everysec` crash does to a stream: its newest entries are gone and
    their ids will be handed out again."""
    newest = await raw.xrevrange(key, "+", "-", count=count + 1)
    await raw.xdel(key, *(entry_id for entry_id, _ in newest[:count]))
    await raw.execute_command("XSETID", key, newest[count][0] if len(newest) > count else "0-0")


async def take(items: AsyncIterator[tuple[int, dict[str, Any]]], n: int) -> list[Any]:
    async def collect() -> list[Any]:
        return [await anext(items) for _ in range(n)]

    return await asyncio.wait_for(collect(), WAIT)


async def test_two_processes_appending_to_one_room_keep_offsets_consecutive(
    opener: Opener, redis_url: str, room: str
) -> None:
    a, b = opener(redis_url), opener(redis_url)
    offsets = await asyncio.gather(
        *(log.append(room, entry(n)) for n in range(300) for log in [(a, b)[n % 2]])
    )
    assert sorted(offsets) == list(range(1, 301))
    stored = await b.read(room)
    assert [o for o, _ in stored] == list(range(1, 301))
    for n, offset in enumerate(offsets):
        assert stored[offset - 1][1] == entry(n)


async def test_follow_sees_appends_made_by_another_process(
    opener: Opener, redis_url: str, room: str
) -> None:
    a, b = opener(redis_url), opener(redis_url)
    items = a.follow(room)
    waiting = asyncio.ensure_future(take(items, 3))
    await asyncio.sleep(0.05)
    for n in range(3):
        await b.append(room, entry(n))
    assert await waiting == [(1, entry(0)), (2, entry(1)), (3, entry(2))]
    await b.save_snapshot(room, 2, {"seq": 2})
    assert await a.load_snapshot(room) == (2, {"seq": 2})
    await items.aclose()  # type: ignore[attr-defined]


async def test_keys_share_a_hash_tag_and_ids_are_offsets(
    opener: Opener, redis_url: str, raw: aioredis.Redis, room: str
) -> None:
    log = opener(redis_url)
    await log.append(room, entry(1))
    await log.append(room, entry(2))
    await log.save_snapshot(room, 2, {"seq": 2})
    assert log.log_key(room) == f"opera:{{{room}}}:log"
    assert log.snap_key(room) == f"opera:{{{room}}}:snap"
    assert [i for i, _ in await raw.xrange(log.log_key(room))] == ["1-0", "2-0"]
    # the snapshot names the entry it ends at, so one of a history Redis lost is not used
    sha = hashlib.sha1(b'{"kind":"cmd","id":"c2","args":{"n":2}}').hexdigest()
    snap = {"offset": "2", "state": '{"seq":2}', "h": sha}
    assert await raw.hgetall(log.snap_key(room)) == snap


async def test_keys_expire_after_the_idle_time_and_appends_refresh_it(
    opener: Opener, redis_url: str, raw: aioredis.Redis, room: str
) -> None:
    log = opener(redis_url, ttl=30.0)
    await log.append(room, entry(1))
    await log.save_snapshot(room, 1, {"seq": 1})
    await asyncio.sleep(0.6)
    assert 0 < await raw.pttl(log.log_key(room)) <= 29_400
    await log.append(room, entry(2))
    for key in (log.log_key(room), log.snap_key(room)):
        assert 29_400 < await raw.pttl(key) <= 30_000


async def test_an_idle_room_expires(opener: Opener, redis_url: str, room: str) -> None:
    log = opener(redis_url, ttl=0.5)
    await log.append(room, entry(1))
    await log.save_snapshot(room, 1, {"seq": 1})
    assert await log.exists(room)
    await asyncio.sleep(0.7)
    assert not await log.exists(room)
    assert await log.read(room) == []
    assert await log.load_snapshot(room) is None


async def test_open_log_reads_the_ttl_from_the_url(redis_url: str) -> None:
    log = open_log(f"{redis_url}?ttl=120")
    assert isinstance(log, RedisLog)
    assert log.ttl == 120.0
    assert "ttl" not in log.url
    await log.close()


async def test_redis_restart_loses_nothing_appended(
    redis_server: RedisServer, opener: Opener, room: str
) -> None:
    log = opener(redis_server.url)
    for n in range(1, 51):
        await log.append(room, entry(n))
    await log.save_snapshot(room, 40, {"seq": 40})
    redis_server.restart()
    assert await log.read(room) == [(n, entry(n)) for n in range(1, 51)]
    assert await log.load_snapshot(room) == (40, {"seq": 40})
    assert await log.append(room, entry(51)) == 51


async def test_a_redis_crash_keeps_what_is_older_than_a_second(
    redis_server: RedisServer, opener: Opener, room: str
) -> None:
    """appendfsync everysec: a SIGKILL loses at most the last second of writes."""
    log = opener(redis_server.url)
    for n in range(1, 21):
        await log.append(room, entry(n))
    await asyncio.sleep(2.2)  # a second for the fsync, plus slack for a busy machine
    redis_server.restart(kill=True)
    assert await log.read(room) == [(n, entry(n)) for n in range(1, 21)]


async def test_calls_during_an_outage_raise_log_unavailable(
    redis_server: RedisServer, opener: Opener, room: str
) -> None:
    log = opener(redis_server.url)
    assert await log.append(room, entry(1)) == 1
    redis_server.stop()
    url = f"127.0.0.1:{redis_server.port}"
    with pytest.raises(LogUnavailable, match=rf"Redis at .*{url}.* is unavailable"):
        await log.append(room, entry(2))
    with pytest.raises(LogUnavailable):
        await asyncio.gather(*(log.append(room, entry(n)) for n in range(5)))
    with pytest.raises(LogUnavailable):
        await log.read(room)
    with pytest.raises(LogUnavailable):
        await log.exists(room)
    with pytest.raises(LogUnavailable):
        await log.load_snapshot(room)
    redis_server.start()
    assert await log.append(room, entry(2)) == 2
    assert await log.read(room) == [(1, entry(1)), (2, entry(2))]


async def test_follow_resumes_after_a_redis_restart(
    redis_server: RedisServer, opener: Opener, room: str, caplog: pytest.LogCaptureFixture
) -> None:
    log, other = opener(redis_server.url), opener(redis_server.url)
    items = log.follow(room)
    for n in range(1, 4):
        await other.append(room, entry(n))
    assert await take(items, 3) == [(n, entry(n)) for n in range(1, 4)]
    waiting = asyncio.ensure_future(take(items, 3))
    with caplog.at_level(logging.WARNING, logger="opera.log.redis"):
        redis_server.stop()
        await asyncio.sleep(0.3)
        assert "unavailable" in caplog.text
        redis_server.start()
    for n in range(4, 7):
        await other.append(room, entry(n))
    assert await waiting == [(n, entry(n)) for n in range(4, 7)]
    await items.aclose()  # type: ignore[attr-defined]


async def test_follow_reports_a_redis_that_lost_entries(
    redis_server: RedisServer, opener: Opener, room: str
) -> None:
    log = opener(redis_server.url)
    items = log.follow(room)
    for n in range(1, 4):
        await log.append(room, entry(n))
    assert len(await take(items, 3)) == 3
    redis_server.stop()
    shutil.rmtree(redis_server.folder)  # Redis comes back empty
    redis_server.start()
    with pytest.raises(LogLost, match="lost the end of room"):
        await take(items, 1)


async def test_an_append_after_the_tail_was_lost_is_refused_and_adds_nothing(
    opener: Opener, redis_url: str, raw: aioredis.Redis, room: str
) -> None:
    """Redis reused offsets after losing its tail; an ack by offset then named another entry."""
    log = opener(redis_url)
    for n in range(1, 11):
        assert await log.append(room, entry(n)) == n
    await cut_tail(raw, log.log_key(room), 3)
    with pytest.raises(LogLost, match="nothing was appended"):
        await log.append(room, entry(11))
    with pytest.raises(LogLost):  # and every later append, until the room is reloaded
        await log.append(room, entry(11))
    assert [i for i, _ in await raw.xrange(log.log_key(room))] == [f"{n}-0" for n in range(1, 8)]
    assert await log.load_snapshot(room) is None  # a reload starts here
    assert [o for o, _ in await log.read(room)] == list(range(1, 8))
    assert await log.append(room, entry(11)) == 8


async def test_another_process_refilling_the_lost_offsets_is_noticed(
    opener: Opener, redis_url: str, raw: aioredis.Redis, room: str
) -> None:
    seen, other = opener(redis_url), opener(redis_url)
    for n in range(1, 6):
        await seen.append(room, entry(n))
    await cut_tail(raw, seen.log_key(room), 2)
    # another process that never saw 4 and 5 appends there: same offsets, other entries
    assert [await other.append(room, entry(100 + n)) for n in range(3)] == [4, 5, 6]
    with pytest.raises(LogLost):
        await seen.append(room, entry(6))
    assert len(await seen.read(room)) == 6


async def test_follow_stops_when_an_append_finds_the_tail_lost(
    opener: Opener, redis_url: str, raw: aioredis.Redis, room: str
) -> None:
    log = opener(redis_url)
    items = log.follow(room)
    for n in range(1, 4):
        await log.append(room, entry(n))
    assert len(await take(items, 3)) == 3
    waiting = asyncio.ensure_future(take(items, 1))
    await cut_tail(raw, log.log_key(room), 1)
    with pytest.raises(LogLost):
        await log.append(room, entry(4))
    with pytest.raises(LogLost):
        await waiting


async def test_a_quiet_follow_notices_a_lost_tail_or_a_deleted_room(
    opener: Opener, redis_url: str, raw: aioredis.Redis, room: str
) -> None:
    log = opener(redis_url, block_seconds=0.3)
    for n in range(1, 4):
        await log.append(room, entry(n))
    items = log.follow(room)
    assert len(await take(items, 3)) == 3
    await cut_tail(raw, log.log_key(room), 1)  # no append, no restart: only time passes
    with pytest.raises(LogLost):
        await take(items, 1)
    other, deleted = opener(redis_url, block_seconds=0.3), room + "d"
    await other.append(deleted, entry(1))
    items = log.follow(deleted)
    assert len(await take(items, 1)) == 1
    await other.delete(deleted)  # by another process
    with pytest.raises(LogLost):
        await take(items, 1)


async def test_a_snapshot_beyond_what_redis_holds_is_not_used(
    opener: Opener, redis_url: str, raw: aioredis.Redis, room: str
) -> None:
    log = opener(redis_url)
    for n in range(1, 6):
        await log.append(room, entry(n))
    await log.save_snapshot(room, 5, {"seq": 5})
    await cut_tail(raw, log.log_key(room), 1)
    assert await log.load_snapshot(room) is None
    await log.append(room, entry(50))  # offset 5 again, another entry
    assert await log.load_snapshot(room) is None


async def test_an_unreachable_redis_is_reported_clearly(room: str) -> None:
    from support.server import free_port

    log = RedisLog(f"redis://:secret@127.0.0.1:{free_port()}/0")
    with pytest.raises(LogUnavailable) as raised:
        await log.append(room, entry(1))
    assert "secret" not in str(raised.value)
    assert "***" in str(raised.value)
    await log.close()
