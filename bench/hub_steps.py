"""The steps of the hub's pushes, timed one by one: what a command waits for at most.

    uv run python -m bench.hub_steps [--participants 2000] [--groups 10]

A push runs its steps in slices of OPERA_PUSH_SLICE and reads the commands that came in
between slices (hub.py), so no command waits for more than a slice plus the one step that
runs past it. On `bench.hub_speed`'s room (a real replica, hub and connections whose sockets
only count characters), 200 commands in 200 groups are folded and one push follows, three
times each: Own ideas, group votes, plenary votes. For each kind of step: how many ran, their
CPU in all and the longest (ms), the median of the three pushes. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
from collections.abc import Callable
from typing import Any

from bench.hub_speed import Room


def timed_push(room: Room) -> dict[str, tuple[int, float, float]]:
    """One push, its steps run one at a time: step name -> (count, total ms, longest ms)."""
    hub = room.hub
    hub._finish()  # nothing under way; what the batch changed is still to push
    steps: dict[str, tuple[int, float, float]] = {}
    started = time.process_time()
    hub._begin()
    steps["plan"] = (1, (time.process_time() - started) * 1000, 0.0)
    while hub._steps:
        step = hub._steps.popleft()
        name = getattr(step, "func", step).__name__
        started = time.process_time()
        step()
        took = (time.process_time() - started) * 1000
        n, total, longest = steps.get(name, (0, 0.0, 0.0))
        steps[name] = (n + 1, total + took, max(longest, took))
    hub._done()
    return steps


def three(room: Room, batch: Callable[[int], None]) -> dict[str, Any]:
    pushes = []
    for i in range(3):
        batch(i)
        pushes.append(timed_push(room))
    total = [sum(t for _, t, _ in p.values()) for p in pushes]
    longest = [max(m for _, _, m in p.values()) for p in pushes]
    return {
        "cpu_ms": round(statistics.median(total), 2),
        "longest_step_ms": round(statistics.median(longest), 2),
        "steps": {k: [n, round(t, 2), round(m, 2)] for k, (n, t, m) in pushes[1].items()},
    }


async def main(participants: int, group_size: int) -> dict[str, Any]:
    room = Room(participants, group_size)
    r = room.replica.room
    room.cmd("host", "phase.start", {"phase": "own"})
    room.hub.flush()
    for pid in room.pids:
        room.cmd(pid, "idea.add", {"text": f"An idea of {pid} about transport"})
    room.hub.flush()

    def own(i: int) -> None:
        for g, group in enumerate(r.groups):
            room.cmd(group.members[i % len(group.members)], "idea.add", {"text": f"more {g} {i}"})

    result: dict[str, Any] = {"bench": "hub_steps", "participants": participants}
    result["own"] = three(room, own)
    room.cmd("host", "phase.start", {"phase": "pair"})
    for pair in list(r.pairs):
        if pair.pool:
            room.cmd(pair.members[0], "pair.shortlist", {"idea_ids": pair.pool[:2]})
            for pid in pair.members:
                room.cmd(pid, "pair.confirm")
    room.cmd("host", "phase.start", {"phase": "explain"})
    room.cmd("host", "phase.start", {"phase": "rank"})
    room.hub.flush()

    def group_votes(i: int) -> None:
        for group in r.groups:
            pid = group.members[i % len(group.members)]
            mine = r.participants[pid].pair_id
            ideas = [x for x in group.board if r.ideas[x].pair_id != mine]
            if ideas:
                room.cmd(pid, "vote.set", {"idea_id": ideas[0], "points": 1})

    result["group_vote"] = three(room, group_votes)
    room.cmd("host", "rank.reveal")
    room.cmd("host", "phase.start", {"phase": "plenary"})
    room.hub.flush()

    def plenary_votes(i: int) -> None:
        board = r.plenary or []
        for g, group in enumerate(r.groups):
            pid = group.members[i % len(group.members)]
            ideas = [x for x in board if r.ideas[x].group_id != group.id]
            room.cmd(pid, "vote.set", {"idea_id": ideas[(g + i) % len(ideas)], "points": 1})

    result["plenary_vote"] = three(room, plenary_votes)
    return result


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=2000)
    parser.add_argument("--groups", type=int, default=10, help="groups.size")
    args = parser.parse_args()
    print(json.dumps(asyncio.run(main(args.participants, args.groups))))
