"""`Replica.append`: an entry goes through the room's log and comes back folded.

A real replica follows a real in-memory log, as `opera serve` does with `memory://`; a second
replica on the same log stands for a second process.
"""

import asyncio
from typing import Any

from opera.engine import reduce
from opera.live.replica import Replica
from opera.log.memory import MemoryLog

CODE = "RPLCA34"
CREATE = {
    "kind": "create",
    "code": CODE,
    "title": "Replica",
    "question": "How might we?",
    "settings": {},
    "host_key": "h",
    "at": 1_700_000_000.0,
}


def cmd(sender: str, name: str, cmd_id: str, **args: Any) -> dict[str, Any]:
    entry = {"kind": "cmd", "sender": sender, "id": cmd_id, "name": name, "args": args}
    return {**entry, "at": 1_700_000_001.0, "seed": 7}


async def started(log: MemoryLog) -> Replica:
    replica = await Replica.load(log, CODE, 10**9, 10**9)
    assert replica is not None
    replica.start()
    return replica


async def test_append_answers_with_the_folded_outcome() -> None:
    log = MemoryLog()
    await log.append(CODE, CREATE)
    replica = await started(log)
    try:
        join = {"kind": "join", "pid": "p1", "key": "k1", "name": "Ann", "at": 1_700_000_001.0}
        joined = await replica.append(join)
        assert joined.applied and joined.seq == 2 == replica.seq
        assert replica.room.participants["p1"].name == "Ann"

        started_own = await replica.append(cmd("host", "phase.start", "c1", phase="own"))
        assert started_own.applied and replica.room.phase.name == "own"
        added = await replica.append(cmd("p1", "idea.add", "c2", text="More buses"))
        assert added.applied and added.seq == 4
        assert [i.text for i in replica.room.ideas.values()] == ["More buses"]

        again = await replica.append(cmd("p1", "idea.add", "c2", text="More buses"))
        assert again.duplicate_of == 4 and len(replica.room.ideas) == 1

        refused = await replica.append(cmd("p1", "phase.start", "c3", phase="pair"))
        assert refused.refusal is not None and refused.refusal.code == "forbidden"
        assert replica.room.phase.name == "own"
    finally:
        await replica.stop()


async def test_an_append_on_one_replica_reaches_another() -> None:
    log = MemoryLog()
    await log.append(CODE, CREATE)
    first, second = await started(log), await started(log)
    try:
        outcome = await first.append({"kind": "join", "pid": "p1", "key": "k1", "name": "Bo"})
        await asyncio.wait_for(second.outcome(outcome.seq), 2)
        assert second.room.participants["p1"].name == "Bo"
        expected, _ = reduce(None, CREATE)
        assert second.seq == first.seq == expected.seq + 1
    finally:
        await first.stop()
        await second.stop()


async def test_a_snapshot_due_in_a_burst_waits_for_a_lull(monkeypatch: Any) -> None:
    """A big room's snapshot holds the event loop for 100 ms or more: one that falls due
    while entries keep coming is taken once they stop for SNAPSHOT_LULL seconds."""
    monkeypatch.setattr("opera.live.replica.SNAPSHOT_LULL", 0.3)
    log = MemoryLog()
    await log.append(CODE, CREATE)
    replica = await Replica.load(log, CODE, 2, 0.001)
    assert replica is not None
    replica.start()
    try:
        await replica.append(cmd("host", "phase.start", "c0", phase="own"))
        for i in range(20):  # 1 s of entries, 0.05 s apart: each one long past due
            join = {"kind": "join", "pid": f"p{i}", "key": f"k{i}", "name": "A", "at": 1.7e9}
            await replica.append(join)
            await asyncio.sleep(0.05)
        assert await log.load_snapshot(CODE) is None, "taken in the middle of the burst"
        for _ in range(40):
            await asyncio.sleep(0.05)
            if await log.load_snapshot(CODE) is not None:
                break
        snapshot = await log.load_snapshot(CODE)
        assert snapshot is not None and snapshot[0] == replica.seq == 22
    finally:
        await replica.stop()


async def test_the_next_entry_is_folded_on_its_way_back_not_through_the_follow_task() -> None:
    """An append that gets the very next offset is folded at once (two turns of the event
    loop fewer for every ack); another process's replica still folds it from the log."""
    log = MemoryLog()
    await log.append(CODE, CREATE)
    alone = await Replica.load(log, CODE, 10**9, 10**9)  # never started: no follow task
    other = await started(log)
    assert alone is not None
    try:
        join = {"kind": "join", "pid": "p1", "key": "k1", "name": "Ann", "at": 1_700_000_001.0}
        joined = await asyncio.wait_for(alone.append(join), 1.0)
        assert joined.applied and joined.seq == 2 == alone.seq
        added = await asyncio.wait_for(
            alone.append(cmd("host", "phase.start", "c1", phase="own")), 1.0
        )
        assert added.applied and alone.room.phase.name == "own"
        await asyncio.wait_for(other.outcome(3), 1.0)
        assert other.room.participants["p1"].name == "Ann" and other.room.phase.name == "own"
        # behind an entry it has not folded, an append waits for the follow task as before
        await log.append(CODE, cmd("host", "phase.start", "c2", phase="pair"))
        late = asyncio.ensure_future(alone.append(cmd("p1", "idea.add", "c3", text="x")))
        await asyncio.sleep(0.2)
        assert not late.done()
        late.cancel()
    finally:
        await other.stop()
