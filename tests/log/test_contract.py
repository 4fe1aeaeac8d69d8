"""The contract every RoomLog backend keeps: memory, file and Redis run these same tests."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
from opera.log import InvalidRoom, LogClosed, RoomLog

Item = tuple[int, dict[str, Any]]
WAIT = 5.0


async def take(items: AsyncIterator[Item], n: int) -> list[Item]:
    """The next n items of a follow, failing the test if they take more than WAIT seconds."""

    async def collect() -> list[Item]:
        return [await anext(items) for _ in range(n)]

    return await asyncio.wait_for(collect(), WAIT)


def entry(n: int) -> dict[str, Any]:
    return {"kind": "cmd", "id": f"c{n}", "args": {"n": n, "text": "é ✓ \n"}, "at": 1.5}


async def test_offsets_start_at_one_and_read_returns_entries_in_order(
    log: RoomLog, room: str
) -> None:
    assert await log.read(room) == []
    assert [await log.append(room, entry(n)) for n in range(1, 6)] == [1, 2, 3, 4, 5]
    assert await log.read(room) == [(n, entry(n)) for n in range(1, 6)]
    assert await log.read(room, after=3) == [(4, entry(4)), (5, entry(5))]
    assert await log.read(room, after=5) == []
    assert await log.read(room, after=99) == []


async def test_entries_are_copies(log: RoomLog, room: str) -> None:
    appended = {"kind": "join", "tags": ["a"]}
    await log.append(room, appended)
    appended["tags"].append("changed")
    first = await log.read(room)
    first[0][1]["kind"] = "changed"
    assert await log.read(room) == [(1, {"kind": "join", "tags": ["a"]})]


@pytest.mark.parametrize("bad", [{"x": object()}, {"x": float("nan")}, ["not", "a", "dict"]])
async def test_an_entry_that_is_not_json_is_refused_and_takes_no_offset(
    log: RoomLog, room: str, bad: Any
) -> None:
    with pytest.raises((TypeError, ValueError)):
        await log.append(room, bad)
    assert await log.append(room, entry(1)) == 1


async def test_concurrent_appends_get_consecutive_offsets(log: RoomLog, room: str) -> None:
    offsets = await asyncio.gather(*(log.append(room, entry(n)) for n in range(200)))
    assert sorted(offsets) == list(range(1, 201))
    stored = await log.read(room)
    assert [offset for offset, _ in stored] == list(range(1, 201))
    for n, offset in enumerate(offsets):
        assert stored[offset - 1][1] == entry(n)  # each append got the offset of its own entry


async def test_rooms_are_isolated(log: RoomLog, room: str) -> None:
    other = room + "b"
    assert await log.append(room, entry(1)) == 1
    assert await log.append(other, entry(2)) == 1
    assert await log.append(room, entry(3)) == 2
    assert await log.read(room) == [(1, entry(1)), (2, entry(3))]
    assert await log.read(other) == [(1, entry(2))]


async def test_exists(log: RoomLog, room: str) -> None:
    assert not await log.exists(room)
    await log.read(room)
    assert not await log.exists(room)
    await log.append(room, entry(1))
    assert await log.exists(room)
    assert not await log.exists(room + "x")


@pytest.mark.parametrize("code", ["", "../etc", "a/b", "a.b", "{x}", "a b", "x" * 65, "é"])
async def test_invalid_room_codes_are_refused(log: RoomLog, code: str) -> None:
    assert not await log.exists(code)
    with pytest.raises(InvalidRoom):
        await log.append(code, entry(1))
    with pytest.raises(ValueError):  # InvalidRoom is a ValueError too
        await log.read(code)
    with pytest.raises(InvalidRoom):
        await anext(log.follow(code))


async def test_negative_after_is_refused(log: RoomLog, room: str) -> None:
    with pytest.raises(ValueError):
        await log.read(room, after=-1)


async def test_follow_yields_what_is_there_then_new_entries(log: RoomLog, room: str) -> None:
    for n in range(1, 4):
        await log.append(room, entry(n))
    items = log.follow(room)
    assert await take(items, 3) == [(n, entry(n)) for n in range(1, 4)]
    waiting = asyncio.ensure_future(take(items, 2))
    await asyncio.sleep(0.05)
    assert not waiting.done()
    await log.append(room, entry(4))
    await log.append(room, entry(5))
    assert await waiting == [(4, entry(4)), (5, entry(5))]
    await items.aclose()  # type: ignore[attr-defined]


async def test_follow_after_an_offset(log: RoomLog, room: str) -> None:
    for n in range(1, 6):
        await log.append(room, entry(n))
    items = log.follow(room, after=3)
    assert await take(items, 2) == [(4, entry(4)), (5, entry(5))]
    await items.aclose()  # type: ignore[attr-defined]


async def test_follow_a_room_before_its_first_entry(log: RoomLog, room: str) -> None:
    items = log.follow(room)
    waiting = asyncio.ensure_future(take(items, 1))
    await asyncio.sleep(0.05)
    await log.append(room, entry(1))
    assert await waiting == [(1, entry(1))]
    await items.aclose()  # type: ignore[attr-defined]


async def test_follow_is_prompt(log: RoomLog, room: str) -> None:
    """Followers are woken by the append itself: no polling interval."""
    await log.append(room, entry(0))
    items = log.follow(room, after=1)
    loop = asyncio.get_running_loop()
    for n in range(1, 21):
        waiting = asyncio.ensure_future(take(items, 1))
        await asyncio.sleep(0.005)
        await log.append(room, entry(n))
        # From the append's return, not its start: the file store's fsync alone took 0.35 s
        # on a machine at load 30. A follower that polled every second or more still fails.
        appended = loop.time()
        assert await waiting == [(n + 1, entry(n))]
        assert loop.time() - appended < 1.0
    await items.aclose()  # type: ignore[attr-defined]


async def test_many_followers_see_concurrent_appends_in_offset_order(
    log: RoomLog, room: str
) -> None:
    followers = [log.follow(room) for _ in range(5)]
    reading = [asyncio.ensure_future(take(f, 100)) for f in followers]
    await asyncio.sleep(0.05)
    offsets = await asyncio.gather(*(log.append(room, entry(n)) for n in range(100)))
    expected = await log.read(room)
    assert [o for o, _ in expected] == list(range(1, 101))
    for result in await asyncio.gather(*reading):
        assert result == expected
    assert sorted(offsets) == list(range(1, 101))
    for f in followers:
        await f.aclose()  # type: ignore[attr-defined]


async def test_follow_ends_when_the_log_closes(log: RoomLog, room: str) -> None:
    await log.append(room, entry(1))
    items = log.follow(room)
    seen: list[Item] = []
    first = asyncio.Event()

    async def drain() -> None:
        async for item in items:
            seen.append(item)
            first.set()

    draining = asyncio.ensure_future(drain())
    # close once the follower is reading (a fixed sleep raced a loaded machine)
    await asyncio.wait_for(first.wait(), WAIT)
    await log.close()
    await asyncio.wait_for(draining, WAIT)
    assert seen == [(1, entry(1))]


async def test_a_closed_log_refuses_appends(log: RoomLog, room: str) -> None:
    await log.close()
    with pytest.raises(LogClosed):
        await log.append(room, entry(1))


async def test_snapshots_round_trip_and_the_tail_follows(log: RoomLog, room: str) -> None:
    assert await log.load_snapshot(room) is None
    for n in range(1, 8):
        await log.append(room, entry(n))
    state = {"seq": 5, "people": {"p1": {"name": "Ana"}}, "ideas": [1, 2]}
    await log.save_snapshot(room, 5, state)
    state["seq"] = 99
    loaded = await log.load_snapshot(room)
    assert loaded == (5, {"seq": 5, "people": {"p1": {"name": "Ana"}}, "ideas": [1, 2]})
    assert await log.read(room, after=loaded[0]) == [(6, entry(6)), (7, entry(7))]


async def test_a_newer_snapshot_wins(log: RoomLog, room: str) -> None:
    for n in range(1, 8):
        await log.append(room, entry(n))
    await log.save_snapshot(room, 6, {"seq": 6})
    await log.save_snapshot(room, 4, {"seq": 4})  # late writer: ignored
    assert await log.load_snapshot(room) == (6, {"seq": 6})
    await log.save_snapshot(room, 7, {"seq": 7})
    assert await log.load_snapshot(room) == (7, {"seq": 7})


async def test_a_snapshot_beyond_the_log_is_refused(log: RoomLog, room: str) -> None:
    await log.append(room, entry(1))
    with pytest.raises(ValueError):
        await log.save_snapshot(room, 2, {"seq": 2})
    with pytest.raises(ValueError):
        await log.save_snapshot(room, 0, {"seq": 0})
    assert await log.load_snapshot(room) is None


async def test_delete_removes_the_entries_and_the_snapshot(log: RoomLog, room: str) -> None:
    other = room + "x"
    for n in range(1, 4):
        await log.append(room, entry(n))
    await log.append(other, entry(1))
    await log.save_snapshot(room, 2, {"seq": 2})
    assert await log.delete(room) is True
    assert not await log.exists(room)
    assert await log.read(room) == []
    assert await log.load_snapshot(room) is None
    assert await log.read(other) == [(1, entry(1))]  # other rooms keep everything
    assert await log.delete(room) is False  # nothing left to delete
    assert await log.append(room, entry(9)) == 1  # the code can start afresh


async def test_rooms_older_than_lists_rooms_by_their_last_change(log: RoomLog, room: str) -> None:
    await log.append(room, {**entry(1), "at": time.time()})  # entries carry their time
    await asyncio.sleep(0.4)
    fresh = room + "f"
    await log.append(fresh, {**entry(1), "at": time.time()})
    old = await log.rooms_older_than(0.2)
    assert room in old and fresh not in old
    assert room not in await log.rooms_older_than(3600)
