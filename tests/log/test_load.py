"""Loading a room as the server does (`Replica.load`): its snapshot plus the tail, or the
whole log, on every store; what a crash or an operator leaves behind still loads."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Any

import pytest
import redis.asyncio as aioredis
from opera.engine import Room, reduce, room_to_dict
from opera.live.replica import Replica
from opera.log import LogCorrupt, RoomLog, open_log
from opera.log import redis as redis_log
from opera.log.base import Paged

from .conftest import MakeLog

PEOPLE = 12


def session_log() -> list[dict[str, Any]]:
    """A short whole session made with the reducer: joins, ideas, pairs, votes, clusters."""
    rng = random.Random(3)
    entries: list[dict[str, Any]] = []
    room: Room | None = None

    def add(entry: dict[str, Any]) -> None:
        nonlocal room
        entry = {"at": 1_790_000_000.0 + len(entries), **entry}
        entries.append(entry)
        room, _ = reduce(room, entry)

    def cmd(sender: str, name: str, args: dict[str, Any] | None = None) -> None:
        n = len(entries)
        add({"kind": "cmd", "sender": sender, "id": f"c{n}", "name": name, "args": args or {},
             "seed": n * 7919})  # fmt: skip

    add({"kind": "create", "code": "LOAD", "title": "Load", "question": "How?",
         "settings": {"groups": {"size": 6, "assign": "mix"}}, "host_key": "h"})  # fmt: skip
    for i in range(PEOPLE):
        add({"kind": "join", "pid": f"p{i}", "key": f"k{i}", "name": f"P{i}", "org": "AB"[i % 2]})
    cmd("host", "phase.start", {"phase": "own"})
    for i in range(PEOPLE * 3):
        cmd(f"p{i % PEOPLE}", "idea.add", {"text": f"idea {i}"})
    cmd("host", "phase.start", {"phase": "pair"})
    assert room is not None
    for pair in list(room.pairs):
        cmd(pair.members[0], "pair.shortlist", {"idea_ids": pair.pool[:2]})
        for pid in pair.members:
            cmd(pid, "pair.confirm")
    cmd("host", "phase.start", {"phase": "rank"})
    for i in range(PEOPLE * 4):
        pid = f"p{rng.randrange(PEOPLE)}"
        me = room.participants[pid]
        board = room.groups[room.group_index[me.group_id or ""]].board
        ours = [x for x in board if room.ideas[x].pair_id != me.pair_id]
        cmd(pid, "vote.set", {"idea_id": rng.choice(ours), "points": i % 2})
    cmd("host", "phase.start", {"phase": "plenary"})
    for i in range(PEOPLE):
        cmd(f"p{i}", "vote.set", {"idea_id": rng.choice(room.plenary or []), "points": 1})
    cmd("host", "phase.start", {"phase": "arrange"})
    cmd("host", "cluster.create", {"label": "First", "idea_ids": (room.plenary or [])[:2]})
    return entries


ENTRIES = session_log()


def folded(entries: list[dict[str, Any]]) -> dict[str, Any]:
    room: Room | None = None
    for entry in entries:
        room, _ = reduce(room, entry)
    assert room is not None
    return room_to_dict(room)


async def load(log: RoomLog, room: str) -> dict[str, Any]:
    replica = await Replica.load(log, room, snapshot_every=10**9, snapshot_seconds=0)
    assert replica is not None
    return room_to_dict(replica.room)


async def write(log: RoomLog, room: str, entries: list[dict[str, Any]], snap_at: int) -> None:
    for entry in entries:
        await log.append(room, entry)
    if snap_at:
        # Through JSON, as a store keeps it: the loaded room must not share anything with it.
        state = json.loads(json.dumps(folded(entries[:snap_at])))
        await log.save_snapshot(room, snap_at, state)


async def reopen(store_url: str, make_log: MakeLog, first: RoomLog) -> RoomLog:
    """The store as a restarted process opens it (the memory store's one object is the
    process: there is nothing to reopen)."""
    if store_url == "memory://":
        return first
    await first.close()
    return make_log()


@pytest.mark.parametrize("snap_at", [0, 1, len(ENTRIES) // 2, len(ENTRIES) - 1, len(ENTRIES)])
async def test_a_room_loaded_from_its_snapshot_and_tail_equals_the_whole_fold(
    store_url: str, make_log: MakeLog, room: str, snap_at: int
) -> None:
    first = make_log()
    await write(first, room, ENTRIES, snap_at)
    log = await reopen(store_url, make_log, first)
    snapshot = await log.load_snapshot(room)
    assert (snapshot[0] if snapshot else 0) == snap_at
    assert await load(log, room) == folded(ENTRIES)


@pytest.mark.parametrize("store_url", ["file", "redis"], indirect=True)
async def test_a_missing_snapshot_loads_from_the_whole_log(
    store_url: str, make_log: MakeLog, room: str, tmp_path: Path
) -> None:
    first = make_log()
    await write(first, room, ENTRIES, len(ENTRIES) - 5)
    if store_url.startswith("file://"):
        await first.close()
        (tmp_path / "store" / f"{room}.snap.json").unlink()
    else:
        client = aioredis.Redis.from_url(store_url.split("?")[0])
        assert await client.delete(f"opera:{{{room}}}:snap") == 1
        await client.aclose()
    log = make_log()
    assert await log.load_snapshot(room) is None
    assert await load(log, room) == folded(ENTRIES)


@pytest.mark.parametrize("torn", [b'{"o":999,"e":{"kind":"cm', b"\x00\x00\x00", b'{"o":1}'])
async def test_a_torn_last_line_still_loads_without_it(tmp_path: Path, torn: bytes) -> None:
    folder = tmp_path / "store"
    first = open_log(f"file://{folder}")
    await write(first, "TORN", ENTRIES, len(ENTRIES) // 2)
    await first.close()
    with open(folder / "TORN.jsonl", "ab") as file:
        file.write(torn)  # a crash in the middle of a write: never acknowledged
    log = open_log(f"file://{folder}")
    assert await load(log, "TORN") == folded(ENTRIES)
    assert await log.append("TORN", ENTRIES[-1]) == len(ENTRIES) + 1  # the file goes on
    await log.close()


async def test_a_damaged_line_in_the_tail_stops_the_load_naming_it(tmp_path: Path) -> None:
    """The first use checks a tail line by its head and end only; the load's read parses it."""
    folder = tmp_path / "store"
    first = open_log(f"file://{folder}")
    await write(first, "DAMAGE", ENTRIES, 10)
    await first.close()
    path = folder / "DAMAGE.jsonl"
    lines = path.read_bytes().split(b"\n")
    lines[19] = lines[19].replace(b'"kind":', b'"kind"', 1)  # line 20: whole-looking, not JSON
    path.write_bytes(b"\n".join(lines))
    log = open_log(f"file://{folder}")
    assert await log.exists("DAMAGE")
    with pytest.raises(LogCorrupt, match=rf"{path}: line 20 is damaged: not JSON"):
        await load(log, "DAMAGE")
    await log.close()


@pytest.mark.parametrize("count", [0, 1, 5, 6, 7, 12, 13, 20])
async def test_redis_reads_pages_in_batches_and_misses_nothing(
    redis_url: str, room: str, monkeypatch: pytest.MonkeyPatch, count: int
) -> None:
    """Pages of 3, two a round trip: a log ending inside a page, at a page's end and at a
    batch's end reads whole, from any offset."""
    monkeypatch.setattr(redis_log, "PAGE", 3)
    monkeypatch.setattr(redis_log, "PAGES", 2)
    log = open_log(redis_url)
    wanted = [{"kind": "cmd", "id": f"c{n}", "text": "two\nlines ✓"} for n in range(count)]
    for item in wanted:
        await log.append(room, item)
    for after in range(count + 1):
        assert await log.read(room, after=after) == list(enumerate(wanted, 1))[after:]
        assert isinstance(log, Paged)
        pages = [page async for page in log.pages(room, after=after)]
        assert (
            all(pages)
            and [item for page in pages for item in page] == list(enumerate(wanted, 1))[after:]
        )
    await log.close()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"e": '{"n":'}, "entry 4-0 is damaged"),
        ({"e": '{"n":4}', "x": "1"}, "id 4-0, expected 4-0 with one field e"),
        ({"e": '{"n":4}'}, "id 5-0, expected 4-0"),  # added as 5-0 below: a gap
    ],
)
async def test_redis_names_a_gap_or_a_damaged_entry(
    redis_url: str, room: str, fields: dict[str, str], message: str
) -> None:
    log = open_log(redis_url)
    for n in range(3):
        await log.append(room, {"n": n})
    client = aioredis.Redis.from_url(redis_url, decode_responses=True)
    key = f"opera:{{{room}}}:log"
    await client.xadd(key, fields, id="5-0" if "5-0" in message else "4-0")
    await client.aclose()
    with pytest.raises(LogCorrupt, match=rf"Redis stream {re.escape(key)}: {message}"):
        await log.read(room)
    assert await log.read(room, after=5) == []
    await log.close()
