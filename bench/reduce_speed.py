"""How fast the engine folds commands: 100,000 random commands into a room of 500 people.

Run with `uv run python bench/reduce_speed.py` (target: under 5 seconds). The log is made
first (random people sending random commands of the current phase, some of them refused),
then folded from scratch; only that fold is timed.
"""

from __future__ import annotations

import random
import time
from typing import Any

from opera.engine import Room, reduce

PEOPLE = 500
COMMANDS = 100_000
ORGS = ["NHS", "Council", "Charity", "Union", "Management", None]

# (phase, share of the commands)
PLAN = [("own", 0.25), ("pair", 0.25), ("explain", 0.02), ("rank", 0.3), ("arrange", 0.18)]


class LogMaker:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.entries: list[dict[str, Any]] = []
        self.at = 1_700_000_000.0
        self.room: Room | None = None
        self.commands = 0

    def add(self, entry: dict[str, Any]) -> None:
        self.at += 0.01
        entry["at"] = self.at
        self.entries.append(entry)
        self.room, _ = reduce(self.room, entry)

    def cmd(self, sender: str, name: str, args: dict[str, Any]) -> None:
        self.commands += 1
        self.add(
            {
                "kind": "cmd",
                "sender": sender,
                "id": f"c{self.commands}",
                "name": name,
                "args": args,
                "seed": self.rng.getrandbits(63),
            }
        )

    def person(self) -> str:
        return f"p{self.rng.randrange(PEOPLE)}"

    def run(self) -> list[dict[str, Any]]:
        self.add(
            {
                "kind": "create",
                "code": "BENCH",
                "title": "Speed",
                "question": "How might we go faster?",
                "settings": {"own": {"max_ideas": 5}},
                "host_key": "h" * 64,
            }
        )
        for i in range(PEOPLE):
            org = ORGS[i % len(ORGS)]
            self.add({"kind": "join", "pid": f"p{i}", "key": f"k{i}", "name": f"P {i}", "org": org})
        for phase, share in PLAN:
            self.cmd("host", "phase.start", {"phase": phase})
            for _ in range(int(COMMANDS * share) - 1):
                getattr(self, phase)()
        return self.entries

    def own(self) -> None:
        roll = self.rng.random()
        who = self.person()
        assert self.room is not None
        mine = self.room.participants[who].ideas
        if roll < 0.7 or not mine:
            self.cmd(who, "idea.add", {"text": f"idea {self.commands} " + "x" * 40})
        elif roll < 0.9:
            self.cmd(who, "idea.edit", {"idea_id": self.rng.choice(mine), "text": "edited"})
        else:
            self.cmd(who, "idea.delete", {"idea_id": self.rng.choice(mine)})

    def pair(self) -> None:
        assert self.room is not None
        who = self.person()
        pair = self.room.pair_of(who)
        roll = self.rng.random()
        if pair is None or roll < 0.1:
            self.cmd(who, "pair.write", {"text": "merged idea"})
        elif roll < 0.5:
            pool = pair.pool
            picked = self.rng.sample(pool, min(len(pool), self.rng.randint(1, 4)))
            self.cmd(who, "pair.shortlist", {"idea_ids": picked})
        else:
            self.cmd(who, "pair.confirm", {})

    def explain(self) -> None:
        assert self.room is not None
        order = self.room.groups[0].explain_order or ["pr1"]
        self.cmd("host", "explain.focus", {"pair_id": self.rng.choice(order)})

    def rank(self) -> None:
        assert self.room is not None
        board = self.room.board or ["i1"]
        points = self.rng.choice([0, 1, 1, 1, 2])
        self.cmd(self.person(), "vote.set", {"idea_id": self.rng.choice(board), "points": points})

    def arrange(self) -> None:
        assert self.room is not None
        board = self.room.board or ["i1"]
        clusters = list(self.room.clusters)
        roll = self.rng.random()
        if roll < 0.05 or not clusters:
            ids = self.rng.sample(board, min(len(board), 3))
            self.cmd("host", "cluster.create", {"label": "group", "idea_ids": ids})
        elif roll < 0.85:
            self.cmd(
                "host",
                "idea.place",
                {
                    "idea_id": self.rng.choice(board),
                    "cluster_id": self.rng.choice([*clusters, None]),
                    "index": self.rng.randrange(5),
                },
            )
        elif roll < 0.95:
            cluster_id = self.rng.choice(clusters)
            self.cmd("host", "cluster.update", {"cluster_id": cluster_id, "owner": "Sam"})
        else:
            self.cmd("host", "timer.add", {"seconds": 30})


def main() -> None:
    entries = LogMaker(seed=7).run()
    commands = sum(1 for entry in entries if entry["kind"] == "cmd")
    start = time.perf_counter()
    room: Room | None = None
    refused = 0
    for entry in entries:
        room, outcome = reduce(room, entry)
        refused += outcome.refusal is not None
    seconds = time.perf_counter() - start
    print(
        f"folded {commands:,} commands ({refused:,} refused) into a room of {PEOPLE} people "
        f"in {seconds:.2f} s ({seconds / len(entries) * 1e6:.1f} µs an entry)"
    )


if __name__ == "__main__":
    main()
