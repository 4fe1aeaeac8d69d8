"""How fast a big room loads: 200,000 log entries of 2,000 people in groups of 10.

    uv run python -m bench.log_load [--entries 200000] [--people 2000] [--runs 5]
                                    [--stores file redis] [--tail 499] [--out FILE]
                                    [--gc server|default] [--profile PREFIX]

The log is a whole long event made by folding with the real reducer, so every entry is one
the server could have written: 2,000 joins, then Own (ideas added, edited, deleted, done),
Pair (shortlists, merged ideas, confirms), Explain (spotlights), Rank (votes changed many
times), the plenary (spotlights and votes), Arrange (clusters, moves) and Reflect. It is
written through the store's own `append` (file:// in a temporary folder, redis:// on a
private redis-server), then loaded cold `--runs` times, each time in a fresh process, by
`Rooms.get` (what `opera serve` does when the first person opens the room): first with no
snapshot (every entry folded), then with a snapshot `--tail` entries before the end (the
most `snapshot_every = 500` leaves to fold). Each load's room must equal the room the
maker folded (`room_to_dict`, compared by digest), or the bench fails.

Timed: wall seconds of `Rooms.get` in the child, imports and the store's client set up
before, and the child's CPU seconds over the same span (`time.process_time`, all its threads;
not Redis's own): on a machine other programs share, the CPU figure moves far less. The
child sets the garbage collector as `opera serve` does before any room loads (`gc.freeze()`,
thresholds 50,000/20/20; `--gc default` leaves Python's 700/10/10, as the bench did before). The
file's pages are in the OS cache (a restart on the same machine); Redis is on the loopback.
Prints one JSON object (medians and every run); `--out` also writes it.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import hashlib
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from opera.engine import Room, reduce, room_to_dict
from opera.log import open_log
from opera.log.base import RoomLog

CODE = "MEGA777"  # a code the server accepts (rooms.CODE)
SERVER_GC = (50_000, 20, 20)  # the collector's thresholds `opera serve` sets (app.py)
ORGS = ["Health Board", "Council", "Charity", "Union", "University", None]
TEXT = "a sentence of ordinary length about how the town could travel with less noise"

# (phase, share of the entries after the joins). Rank and Own are the busy phases: people
# change their votes and retype their ideas many times in a long event.
PLAN = [
    ("own", 0.30),
    ("pair", 0.18),
    ("explain", 0.02),
    ("rank", 0.26),
    ("plenary", 0.13),
    ("arrange", 0.07),
    ("reflect", 0.04),
]


class LogMaker:
    """Entries of one long session, each folded as it is made (so its choices are valid)."""

    def __init__(self, people: int, entries: int, tail: int, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.people = people
        self.total = entries
        self.snap_at = entries - tail
        self.entries: list[dict[str, Any]] = []
        self.snapshot: dict[str, Any] | None = None
        self.at = 1_790_000_000.0
        self.room: Room | None = None
        self.names: Counter[str] = Counter()
        self.refused: Counter[str] = Counter()

    def add(self, entry: dict[str, Any]) -> None:
        self.at += 0.05  # 200,000 entries in under three hours
        entry["at"] = round(self.at, 3)
        self.entries.append(entry)
        self.room, outcome = reduce(self.room, entry)
        name = entry["name"] if entry["kind"] == "cmd" else entry["kind"]
        self.names[name] += 1
        if outcome.refusal is not None:
            self.refused[name] += 1
        if len(self.entries) == self.snap_at:
            self.snapshot = room_to_dict(self.room)

    def cmd(self, sender: str, name: str, args: dict[str, Any] | None = None) -> None:
        n = len(self.entries)
        self.add(
            {
                "kind": "cmd",
                "sender": sender,
                "id": f"c{n}",
                "name": name,
                "args": args or {},
                "seed": self.rng.getrandbits(63),
            }
        )

    @property
    def state(self) -> Room:
        assert self.room is not None
        return self.room

    def person(self) -> str:
        return f"p{self.rng.randrange(self.people)}"

    def run(self) -> list[dict[str, Any]]:
        self.add(
            {
                "kind": "create",
                "code": CODE,
                "title": "Town travel",
                "question": "How might the town travel with less noise?",
                "settings": {"groups": {"size": 10, "assign": "mix"}},
                "host_key": "h" * 64,
            }
        )
        for i in range(self.people):
            org = ORGS[i % len(ORGS)]
            self.add({"kind": "join", "pid": f"p{i}", "key": f"k{i:08d}", "name": f"Person {i}",
                      "org": org})  # fmt: skip
        left = self.total - len(self.entries) - len(PLAN) - 2
        for phase, share in PLAN:
            self.cmd("host", "phase.start", {"phase": phase})
            end = len(self.entries) + int(left * share)
            while len(self.entries) < min(end, self.total - 2):
                getattr(self, phase)()
            if phase == "pair":
                self.agree()
        self.cmd("host", "rank.reveal")
        while len(self.entries) < self.total - 1:
            self.reflect()
        self.cmd("host", "phase.start", {"phase": "done"})
        return self.entries

    def own(self) -> None:
        who = self.person()
        mine = self.state.participants[who].ideas
        roll = self.rng.random()
        if (roll < 0.3 and len(mine) < 6) or not mine:
            self.cmd(who, "idea.add", {"text": f"{who}: {TEXT} ({len(self.entries)})"})
        elif roll < 0.9:
            text = f"{who}, again: {TEXT[: self.rng.randrange(20, len(TEXT))]}"
            self.cmd(who, "idea.edit", {"idea_id": self.rng.choice(mine), "text": text})
        elif roll < 0.95:
            self.cmd(who, "idea.delete", {"idea_id": self.rng.choice(mine)})
        else:
            self.cmd(who, "own.done", {"done": self.rng.random() < 0.8})

    def pair(self) -> None:
        who = self.person()
        pair = self.state.pair_of(who)
        roll = self.rng.random()
        if pair is None or roll < 0.15:
            self.cmd(who, "pair.write", {"text": f"Merged by {who}: {TEXT}"})
        elif roll < 0.8:
            picked = self.rng.sample(pair.pool, min(len(pair.pool), self.rng.randint(1, 4)))
            self.cmd(who, "pair.shortlist", {"idea_ids": picked})
        else:
            self.cmd(who, "pair.confirm")

    def agree(self) -> None:
        """The end of Pair: every pair settles on a shortlist and both confirm it."""
        for pair in list(self.state.pairs):
            if not pair.shortlist and pair.pool:
                self.cmd(pair.members[0], "pair.shortlist", {"idea_ids": pair.pool[:2]})
            for pid in pair.members:
                if pid not in pair.confirmed:
                    self.cmd(pid, "pair.confirm")

    def explain(self) -> None:
        group = self.rng.choice(self.state.groups)
        if group.explain_order and group.members:
            pair_id = self.rng.choice(group.explain_order)
            self.cmd(group.members[0], "explain.focus", {"pair_id": pair_id})
        else:
            self.cmd("host", "timer.add", {"seconds": 30})

    def rank(self) -> None:
        self.vote(plenary=False)

    def plenary(self) -> None:
        room = self.state
        if self.rng.random() < 0.02 and room.plenary:
            idea = room.ideas[self.rng.choice(room.plenary)]
            self.cmd("host", "plenary.focus", {"group_id": idea.group_id})
        else:
            self.vote(plenary=True)

    def vote(self, plenary: bool) -> None:
        """A vote taken back or moved: a budget spent keeps changing in a long Rank."""
        room = self.state
        who = self.person()
        me = room.participants[who]
        ballots = room.plenary_ballots if plenary else room.ballots
        ballot_id = me.plenary_ballot_id if plenary else me.ballot_id
        ballot = ballots.get(ballot_id) if ballot_id is not None else None
        if ballot is not None and ballot.votes and ballot.total >= ballot.budget:
            idea_id = self.rng.choice(list(ballot.votes))
            self.cmd(who, "vote.set", {"idea_id": idea_id, "points": 0})
            return
        if plenary:
            board = room.plenary or []
        else:
            group = room.groups[room.group_index[me.group_id]] if me.group_id else None
            board = [
                i for i in (group.board if group else []) if room.ideas[i].pair_id != me.pair_id
            ]
        if board:
            idea_id = self.rng.choice(board)
            self.cmd(who, "vote.set", {"idea_id": idea_id, "points": 1})
        else:
            self.cmd("host", "timer.add", {"seconds": 30})

    def arrange(self) -> None:
        room = self.state
        board = room.plenary if room.plenary is not None else room.board
        clusters = list(room.clusters)
        roll = self.rng.random()
        if board and (roll < 0.03 or not clusters):
            ids = self.rng.sample(board, min(len(board), 3))
            self.cmd("host", "cluster.create", {"label": f"Theme {len(clusters)}", "idea_ids": ids})
        elif board and roll < 0.85:
            args = {
                "idea_id": self.rng.choice(board),
                "cluster_id": self.rng.choice([*clusters, None]),
                "index": self.rng.randrange(5),
            }
            self.cmd("host", "idea.place", args)
        elif clusters:
            cluster_id = self.rng.choice(clusters)
            self.cmd("host", "cluster.update", {"cluster_id": cluster_id, "owner": "Sam"})
        else:
            self.cmd("host", "timer.add", {"seconds": 30})

    def reflect(self) -> None:
        who = self.person()
        if self.rng.random() < 0.7:
            text = f"What {who} takes home: {TEXT[: self.rng.randrange(10, len(TEXT))]}"
            self.cmd(who, "reflection.set", {"prompt": self.rng.randrange(2), "text": text})
        else:
            self.cmd(who, "feedback.set", {"score": self.rng.randint(1, 5), "text": "Good"})


def digest(room: Room) -> str:
    """The room as a snapshot would keep it, hashed: two rooms with one digest are equal."""
    text = json.dumps(room_to_dict(room), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


async def write(url: str, maker: LogMaker, chunk: int = 2000) -> float:
    """Appends every entry through the store's API (concurrently, as a busy room does)."""
    log = open_log(url)
    start = time.perf_counter()
    try:
        for first in range(0, len(maker.entries), chunk):
            batch = maker.entries[first : first + chunk]
            await asyncio.gather(*(log.append(CODE, entry) for entry in batch))
    finally:
        await log.close()
    return time.perf_counter() - start


async def snapshot(url: str, maker: LogMaker) -> None:
    assert maker.snapshot is not None
    log = open_log(url)
    try:
        await log.save_snapshot(CODE, maker.snap_at, maker.snapshot)
    finally:
        await log.close()


async def load_once(url: str, collector: str) -> dict[str, Any]:
    """Child process: one cold load by the server's own path, timed."""
    from opera.live.rooms import Rooms
    from opera.settings import Settings

    if collector == "server":  # what `opera serve` does at start-up (app.py, lifespan)
        gc.collect()
        gc.freeze()
        gc.set_threshold(*SERVER_GC)
    log: RoomLog = open_log(url)
    rooms = Rooms(log, Settings())
    start, cpu = time.perf_counter(), time.process_time()
    live = await rooms.get(CODE)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    assert live is not None, "the room did not load"
    result = {"seconds": seconds, "cpu": cpu, "seq": live.room.seq, "digest": digest(live.room)}
    await live.hub.stop()
    await log.close()
    return result


def load_in_child(url: str, profile: str | None, collector: str) -> dict[str, Any]:
    args = [sys.executable, "-m", "bench.log_load", "--load", url, "--gc", collector]
    if profile:
        args = [sys.executable, "-m", "cProfile", "-o", profile, "-m", "bench.log_load",
                "--load", url, "--gc", collector]  # fmt: skip
    out = subprocess.run(args, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise RuntimeError(f"load failed: {out.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def measure(
    url: str, runs: int, expect: str, seq: int, profile: str | None, collector: str
) -> dict[str, Any]:
    seconds, cpu = [], []
    if profile:  # one more load, under cProfile, not counted
        load_in_child(url, f"{profile}.prof", collector)
    for _ in range(runs):
        found = load_in_child(url, None, collector)
        if found["digest"] != expect or found["seq"] != seq:
            raise RuntimeError(f"the loaded room differs from the folded one: {found}")
        seconds.append(round(found["seconds"], 3))
        cpu.append(round(found.get("cpu", 0.0), 3))
    return {
        "median_s": statistics.median(seconds),
        "min_s": min(seconds),
        "max_s": max(seconds),
        "runs_s": seconds,
        "cpu_median_s": statistics.median(cpu),
        "cpu_runs_s": cpu,
    }


def store_url(store: str, folder: Path, redis_url: str | None) -> str:
    if store == "file":
        return f"file://{folder / 'rooms'}"
    assert redis_url is not None
    return redis_url


def drop_snapshot(store: str, url: str, folder: Path) -> None:
    if store == "file":
        (folder / "rooms" / f"{CODE}.snap.json").unlink(missing_ok=True)
    else:
        import redis

        redis.Redis.from_url(url).delete(f"opera:{{{CODE}}}:snap")


def bench_store(
    store: str,
    maker: LogMaker,
    runs: int,
    redis_url: str | None,
    profile: str | None,
    collector: str,
) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="opera-logload-") as where:
        folder = Path(where)
        url = store_url(store, folder, redis_url)
        written = asyncio.run(write(url, maker))
        expect_full, seq = digest(maker.state), len(maker.entries)
        drop_snapshot(store, url, folder)  # a maker's own load never saved one, but be sure
        prefix = f"{profile}-{store}" if profile else None
        full = measure(url, runs, expect_full, seq, f"{prefix}-full" if prefix else None, collector)
        asyncio.run(snapshot(url, maker))
        snap = measure(url, runs, expect_full, seq, f"{prefix}-snap" if prefix else None, collector)
        sizes: dict[str, int] = {}
        if store == "file":
            for path in (folder / "rooms").iterdir():
                sizes[path.name] = path.stat().st_size
        return {"write_s": round(written, 1), "no_snapshot": full, "snapshot": snap,
                "bytes": sizes}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=200_000)
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tail", type=int, default=499, help="entries after the snapshot")
    parser.add_argument("--stores", nargs="+", default=["file", "redis"])
    parser.add_argument("--profile", help="also one load of each case under cProfile: PREFIX-*")
    parser.add_argument("--out", help="also write the JSON here")
    parser.add_argument(
        "--gc",
        choices=["server", "default"],
        default="server",
        help="the collector as `opera serve` sets it (default) or as Python starts",
    )
    parser.add_argument("--load", help=argparse.SUPPRESS)  # the child: one load of this URL
    args = parser.parse_args()
    if args.load:
        print(json.dumps(asyncio.run(load_once(args.load, args.gc))))
        return
    start = time.perf_counter()
    maker = LogMaker(args.people, args.entries, args.tail)
    maker.run()
    made = time.perf_counter() - start
    refused = sum(maker.refused.values())
    result: dict[str, Any] = {
        "bench": "log_load",
        "entries": len(maker.entries),
        "people": args.people,
        "groups": len(maker.state.groups),
        "ideas": len(maker.state.ideas),
        "tail": args.tail,
        "gc": args.gc,
        "refused": refused,
        "by_name": dict(maker.names.most_common()),
        "made_s": round(made, 1),
        "loadavg_before": [round(x, 2) for x in os.getloadavg()],
        "stores": {},
    }
    for store in args.stores:
        if store == "redis":
            sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
            from support.redis import start_redis

            with start_redis() as server:
                result["stores"][store] = bench_store(
                    store, maker, args.runs, server.url, args.profile, args.gc
                )
        else:
            result["stores"][store] = bench_store(
                store, maker, args.runs, None, args.profile, args.gc
            )
        print(store, json.dumps(result["stores"][store]), file=sys.stderr)
    result["loadavg_after"] = [round(x, 2) for x in os.getloadavg()]
    text = json.dumps(result)
    print(text)
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(text + "\n")


if __name__ == "__main__":
    main()
