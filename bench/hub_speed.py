"""The hub's CPU per push, in one process, without sockets: 2,000 people in 200 groups of 10.

    uv run python -m bench.hub_speed [--participants 2000] [--groups 10] [--repeat 3]

The room is made by folding log entries through a real `Replica` into a real `Hub`; every
person, the host and the board have a real `Connection` whose socket takes each frame at
once (it only counts the characters), so what is timed is the hub's own work for a push:
rebuilding and diffing views, encoding frames, the send loop. Each figure is the process
CPU time of `Hub.flush()` (`time.process_time`, so a busy machine blurs it far less than
wall time), the median of `--repeat` rounds:

- `own_one`: one `idea.add` by a member of one group, then a push;
- `own_40`: 40 `idea.add` in 40 groups, then one push (a burst's batch);
- `focus`: one `explain.focus` by a member;
- `vote`: one `vote.set` in Rank;
- `plenary`: `phase.start plenary` (everyone gets a fresh `state` of the plenary board);
- `plenary_200`: 200 plenary votes across the groups, then one push (a burst's batch).

Run it against another server tree with `PYTHONPATH=/tmp/opera-srv-<commit>/server` to get
the before and after of a change to the hub or the views. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import time
from collections.abc import Callable
from typing import Any

import opera
from opera.engine import reduce
from opera.live.connection import Connection
from opera.live.hub import Hub
from opera.live.replica import Replica
from opera.log.memory import MemoryLog

NAMES = ("own_one", "own_40", "focus", "vote", "plenary", "plenary_200")
ORGS = ["Health Board", "Council", "Charity", "Union", None]


class Room:
    """A room on a real replica and hub, with a counted connection per person."""

    def __init__(self, participants: int, group_size: int) -> None:
        self.at = 1_700_000_000.0
        self.n = 0
        self.rng = random.Random(7)
        create = {
            "kind": "create",
            "code": "HUBSPD",
            "title": "Speed",
            "question": "How might we?",
            "settings": {
                "groups": {"size": group_size, "assign": "mix"},
                "plenary": {"budget": 3, "own_group_max": 1},
            },
            "host_key": "h",
            "at": self.at,
        }
        room, _ = reduce(None, create)
        self.replica = Replica(MemoryLog(), "HUBSPD", room, 10**9, 10**9)
        self.hub = Hub(self.replica, 0.15)
        self.chars = 0
        self.pids = [f"p{i}" for i in range(participants)]
        for i, pid in enumerate(self.pids):
            self.fold({"kind": "join", "pid": pid, "key": f"k{i}", "name": f"Person {i}"})
            self.replica.room.participants[pid].org = None
        self.connect("host", None)
        self.connect("board", None)
        for pid in self.pids:
            self.connect("participant", pid)
        self.hub.flush()

    def connect(self, role: str, pid: str | None) -> None:
        async def send(frame: str) -> None:
            self.chars += len(frame)

        async def close(code: int, reason: str) -> None:
            return None

        self.hub.attach(Connection(role, pid, send, close, 256, 4_000_000))

    def fold(self, entry: dict[str, Any]) -> None:
        self.at += 0.01
        self.n += 1
        entry = {"at": self.at, **entry}
        self.replica._fold(self.replica.room.seq + 1, entry)

    def cmd(self, sender: str, name: str, args: dict[str, Any] | None = None) -> None:
        self.fold(
            {
                "kind": "cmd",
                "sender": sender,
                "id": f"c{self.n}",
                "name": name,
                "args": args or {},
                "seed": self.n * 7919,
            }
        )

    def timed(self, change: Callable[[], None]) -> float:
        """CPU seconds of the push after `change`."""
        change()
        start = time.process_time()
        self.hub.flush()
        return time.process_time() - start

    def group_member(self, index: int) -> str:
        groups = self.replica.room.groups
        return groups[index % len(groups)].members[0]


def round_of(participants: int, group_size: int) -> dict[str, float]:
    room = Room(participants, group_size)
    r = room.replica.room
    room.cmd("host", "phase.start", {"phase": "own"})
    room.hub.flush()
    for pid in room.pids[: participants // 2]:
        room.cmd(pid, "idea.add", {"text": f"An idea of {pid} about transport"})
    room.hub.flush()
    own_one = [
        room.timed(lambda i=i: room.cmd(room.group_member(i), "idea.add", {"text": f"one {i}"}))
        for i in range(50)
    ]

    def forty(start: int) -> None:
        for g in range(start, start + 40):
            room.cmd(room.group_member(g), "idea.add", {"text": f"forty {g}"})

    own_40 = [room.timed(lambda s=s: forty(s * 40)) for s in range(5)]
    room.cmd("host", "phase.start", {"phase": "pair"})
    room.hub.flush()
    for pair in list(r.pairs):
        if pair.pool:
            room.cmd(pair.members[0], "pair.shortlist", {"idea_ids": pair.pool[:1]})
            for pid in pair.members:
                room.cmd(pid, "pair.confirm")
    room.hub.flush()
    room.cmd("host", "phase.start", {"phase": "explain"})
    room.hub.flush()
    focus = []
    for i in range(50):
        group = r.groups[i % len(r.groups)]
        if group.explain_order:
            pair_id = group.explain_order[i // len(r.groups) % len(group.explain_order)]
            focus.append(
                room.timed(
                    lambda g=group, p=pair_id: room.cmd(
                        g.members[0], "explain.focus", {"pair_id": p}
                    )
                )
            )
    room.cmd("host", "phase.start", {"phase": "rank"})
    room.hub.flush()
    vote = []
    for i in range(50):
        group = r.groups[i % len(r.groups)]
        pid = group.members[1]
        mine = r.participants[pid].pair_id
        ideas = [x for x in group.board if r.ideas[x].pair_id != mine]
        if ideas:
            vote.append(
                room.timed(
                    lambda p=pid, x=ideas[0]: room.cmd(p, "vote.set", {"idea_id": x, "points": 1})
                )
            )
    room.cmd("host", "rank.reveal")
    room.hub.flush()
    plenary = room.timed(lambda: room.cmd("host", "phase.start", {"phase": "plenary"}))

    def plenary_votes(start: int) -> None:
        """200 people's plenary votes (a push's batch in a burst by all 2,000)."""
        board = r.plenary or []
        for g in range(start, start + 200):
            group = r.groups[g % len(r.groups)]
            pid = group.members[g // len(r.groups) % len(group.members)]
            ideas = [x for x in board if r.ideas[x].group_id != group.id]
            room.cmd(pid, "vote.set", {"idea_id": ideas[g % len(ideas)], "points": 1})

    plenary_200 = [room.timed(lambda s=s: plenary_votes(s * 200)) for s in range(5)]
    return {
        "own_one": statistics.median(own_one),
        "own_40": statistics.median(own_40),
        "focus": statistics.median(focus),
        "vote": statistics.median(vote),
        "plenary": plenary,
        "plenary_200": statistics.median(plenary_200),
        "plenary_state_chars": room.chars,
    }


def commit() -> str:
    where = os.path.dirname(opera.__file__)
    try:
        out = subprocess.run(
            ["git", "-C", where, "rev-parse", "--short", "HEAD"], capture_output=True, text=True
        )
        return out.stdout.strip() or where
    except OSError:
        return where


async def main(participants: int, group_size: int, repeat: int) -> dict[str, Any]:
    rounds = [round_of(participants, group_size) for _ in range(repeat)]
    result: dict[str, Any] = {
        "bench": "hub_speed",
        "participants": participants,
        "group_size": group_size,
        "server": os.path.dirname(opera.__file__),
        "commit": commit(),
        "loadavg": [round(x, 2) for x in os.getloadavg()],
        "cpu_ms_per_push": {
            name: round(1000 * statistics.median(r[name] for r in rounds), 2) for name in NAMES
        },
        "spread_ms": {name: [round(1000 * r[name], 2) for r in rounds] for name in NAMES},
    }
    return result


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=2000)
    parser.add_argument("--groups", type=int, default=10, help="groups.size")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", help="also write the JSON here")
    args = parser.parse_args()
    result = asyncio.run(main(args.participants, args.groups, args.repeat))
    text = json.dumps(result)
    print(text)
    if args.out:
        with open(args.out, "w") as out:
            out.write(text + "\n")
