"""A client process: holds many simulated participants and plays their part of the session.

The controller drives it step by step over a pipe (see `bench.rpc`); every step is bounded
by a timeout, and the process exits when the pipe closes.
"""

from __future__ import annotations

import asyncio
import gc
import os
import random
import resource
import time
from collections import Counter, defaultdict
from collections.abc import Coroutine
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from bench.fallback import open_participant
from bench.rpc import Endpoint
from bench.wsclient import Client, Meter, open_client

T = TypeVar("T")

WORDS = [
    "shared",
    "budget",
    "pilot",
    "weekly",
    "drop-in",
    "joint",
    "training",
    "referral",
    "pathway",
    "carers",
    "volunteers",
    "data",
    "sharing",
    "agreement",
    "outreach",
    "housing",
    "transport",
    "youth",
    "council",
    "charity",
    "union",
    "forum",
    "listening",
    "sessions",
    "mentoring",
    "hub",
    "evaluation",
    "open",
    "days",
    "translation",
    "funding",
    "map",
]


def raise_fd_limit() -> int:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = hard if hard != resource.RLIM_INFINITY else 65536
    if soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def pin(cores: list[int]) -> None:
    if cores and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, set(cores))


def cpu_seconds() -> float:
    t = os.times()
    return t.user + t.system


@dataclass
class Person:
    """One simulated participant and what the server acknowledged to it."""

    room: str
    index: int
    name: str
    org: str
    baseline: bool = False  # a connection to the baseline server: it only listens
    client: Client | None = None
    ideas_acked: list[str] = field(default_factory=list)
    retry_same_seq: int = 0
    retry_other: int = 0
    shortlist: list[str] | None = None  # set by a pair leader once acknowledged
    pair_id: str | None = None
    votes_acked: list[tuple[str, str, int, int]] = field(default_factory=list)
    refusals: Counter[str] = field(default_factory=Counter)
    group: str | None = None  # the breakout group the server dealt this person into


def _me(view: Any) -> dict[str, Any]:
    me = view.get("me") if isinstance(view, dict) else None
    return me if isinstance(me, dict) else {}


def _pair(view: Any) -> dict[str, Any] | None:
    pair = _me(view).get("pair")
    return pair if isinstance(pair, dict) else None


def _group(view: Any) -> str | None:
    group = _me(view).get("group")
    return group.get("id") if isinstance(group, dict) else None


def ballot_of(room: str, view: Any) -> str:
    """The ballot a vote counts on: the pair's or the person's in the group round, the
    person's own in the plenary (a round of its own, so it is named apart)."""
    me = _me(view)
    if view.get("plenary") is not None:
        return f"{room}/plenary/person:{me.get('id')}"
    pair = _pair(view)
    voter = view["session"]["settings"]["rank"]["voter"]
    return (
        f"{room}/pair:{pair['id']}" if voter == "pair" and pair else f"{room}/person:{me.get('id')}"
    )


class Worker:
    def __init__(self, index: int, seed: int) -> None:
        self.index = index
        self.rng = random.Random(seed * 1000 + index)
        self.meter = Meter()
        self.people: list[Person] = []
        self.marks: list[tuple[str, float, float]] = [("start", time.time(), cpu_seconds())]

    # ------------------------------------------------------------------ dispatch

    async def handle(self, op: str, args: dict[str, Any]) -> Any:
        method = getattr(self, f"op_{op}", None)
        if method is None:
            raise ValueError(f"unknown op {op!r}")
        return await method(**args)

    def _clients(
        self, room: str | None = None, group: str | None = None
    ) -> list[tuple[Person, Client]]:
        """Connected people of `room` (of its breakout `group` if given), or every
        participant of the real server."""
        return [
            (p, p.client)
            for p in self.people
            if p.client is not None
            and (p.room == room if room else not p.baseline)
            and (group is None or p.group == group)
        ]

    async def _each(self, coros: list[Any], concurrency: int = 0) -> list[Any]:
        if concurrency <= 0:
            return await asyncio.gather(*coros)
        sem = asyncio.Semaphore(concurrency)

        async def bounded(coro: Any) -> Any:
            async with sem:
                return await coro

        return await asyncio.gather(*(bounded(c) for c in coros))

    # ------------------------------------------------------------------ steps

    async def op_mark(self, phase: str) -> dict[str, Any]:
        # Lazy clients catch up here, between steps, so that no step pays for the last one.
        for _, client in self._clients():
            _ = client.view
        self.meter.phase = phase
        self.marks.append((phase, time.time(), cpu_seconds()))
        return {"worker": self.index, "pid": os.getpid()}

    async def op_connect(
        self,
        host: str,
        port: int,
        people: list[tuple[str, int, str, str]],
        path_prefix: str,
        concurrency: int,
        timeout: float,
        baseline: bool = False,
    ) -> dict[str, Any]:
        """Connect every person given (to the baseline: kept apart from the participants):
        hello as a new participant, wait for `state`."""
        new = [Person(room, i, name, org, baseline) for room, i, name, org in people]
        self.people += new
        gc.unfreeze()
        gc.collect()
        failures: Counter[str] = Counter()

        # participants may be on the HTTP fallback (--transport); the baseline's never are
        opener = open_client if baseline else open_participant

        async def join(person: Person) -> tuple[float, float] | None:
            hello = {"type": "hello", "role": "participant", "name": person.name}
            if person.org:
                hello["org"] = person.org
            started = time.time()
            try:
                person.client = await opener(
                    host,
                    port,
                    f"{path_prefix}{person.room}",
                    hello,
                    self.meter,
                    room=person.room,
                    timeout=timeout,
                )
            except (OSError, ConnectionError, TimeoutError) as exc:
                failures[type(exc).__name__ + ": " + str(exc)[:80]] += 1
                return None
            return started, person.client.ready_at

        results = await self._each([join(p) for p in new], concurrency)
        ok = [r for r in results if r is not None]
        gc.collect()
        gc.freeze()
        return {
            "joined": len(ok),
            "failed": len(results) - len(ok),
            "failures": dict(failures.most_common(5)),
            "first_start": min((r[0] for r in ok), default=None),
            "last_ready": max((r[1] for r in ok), default=None),
            "latencies": [r[1] - r[0] for r in ok],
        }

    async def op_await_seq(
        self, room: str, seq: int, timeout: float, group: str | None = None
    ) -> dict[str, int]:
        """Wait until every client of `room` (of its `group`) has a frame with seq >= `seq`."""
        pairs = self._clients(room, group)
        waits = [c.wait_seq(seq, timeout) for _, c in pairs]
        done = await asyncio.gather(*waits)
        return {"clients": len(pairs), "missing": sum(1 for d in done if not d)}

    async def op_groups(self) -> dict[str, dict[str, int]]:
        """Note each person's breakout group (once dealt) and count them: {room: {group: n}}."""
        out: dict[str, Counter[str]] = defaultdict(Counter)
        for person, client in self._clients():
            person.group = _group(client.view)
            out[person.room][person.group or ""] += 1
        return {room: dict(c) for room, c in out.items()}

    async def op_member_cmd(
        self, room: str, group: str, name: str, args: dict[str, Any]
    ) -> dict[str, Any]:
        """A command sent by a member of `group` (the first one this process holds), as a
        phone stepping its group's Explain does."""
        for _, client in self._clients(room, group):
            reply = await client.command(name, args, timeout=60.0)
            return {"ok": reply.ok, "seq": reply.seq, "code": reply.code, "t": reply.sent_at}
        return {"ok": False, "seq": None, "code": "no member here", "t": time.time()}

    async def op_own(self, ideas: int, spread: float, retry_fraction: float) -> dict[str, Any]:
        """Every person adds `ideas` Own ideas spread over `spread` seconds."""
        codes: Counter[str] = Counter()

        async def write(person: Person, client: Client) -> None:
            for k in range(ideas):
                await asyncio.sleep(self.rng.uniform(0, spread / max(ideas, 1)))
                words = " ".join(self.rng.choice(WORDS) for _ in range(self.rng.randint(4, 10)))
                text = f"{person.name} idea {k}: {words}"
                cmd_id = f"own-{person.index}-{k}"
                reply = await client.command("idea.add", {"text": text}, cmd_id=cmd_id)
                codes[reply.code or "ok"] += 1
                if not reply.ok:
                    continue
                person.ideas_acked.append(text)
                if self.rng.random() < retry_fraction:
                    again = await client.command("idea.add", {"text": text}, cmd_id=cmd_id)
                    if again.ok and again.seq == reply.seq:
                        person.retry_same_seq += 1
                    else:
                        person.retry_other += 1

        await asyncio.gather(*(write(p, c) for p, c in self._clients()))
        return {
            "codes": dict(codes),
            "retries_same_seq": sum(p.retry_same_seq for p in self.people),
            "retries_other": sum(p.retry_other for p in self.people),
        }

    async def op_pair(
        self, write: bool, shortlist: int, spread: float, timeout: float
    ) -> dict[str, Any]:
        """Pair leaders write, shortlist and confirm; the other members confirm that list."""
        codes: Counter[str] = Counter()
        deadline = time.monotonic() + timeout

        def left() -> float:
            return max(0.1, deadline - time.monotonic())

        async def play(person: Person, client: Client) -> str:
            if not await client.wait_view(lambda v: _pair(v) is not None, left()):
                return "no pair"
            pair = _pair(client.view)
            assert pair is not None
            person.pair_id = pair["id"]
            me = _me(client.view)["id"]
            leader = pair["members"][0]["id"] == me if pair.get("members") else True
            if leader:
                ids: list[str] = []
                await asyncio.sleep(self.rng.uniform(0, spread))  # the pair talks first
                if write:
                    text = f"{person.name} merged: " + " ".join(self.rng.sample(WORDS, 5))
                    reply = await client.command("pair.write", {"text": text})
                    codes["write " + (reply.code or "ok")] += 1
                    if reply.ok and await client.wait_view(
                        lambda v: any(i["text"] == text for i in _pair(v)["pool"]), left()
                    ):
                        ids += [i["id"] for i in _pair(client.view)["pool"] if i["text"] == text]
                pool = [i["id"] for i in _pair(client.view)["pool"] if i["id"] not in ids]
                ids = (ids + pool)[:shortlist]
                reply = await client.command("pair.shortlist", {"idea_ids": ids})
                codes["shortlist " + (reply.code or "ok")] += 1
                if not reply.ok:
                    return "shortlist refused"
                person.shortlist = ids
            else:
                if not await client.wait_view(lambda v: bool(_pair(v)["shortlist"]), left()):
                    return "no shortlist"
            for _ in range(5):
                reply = await client.command("pair.confirm", {})
                codes["confirm " + (reply.code or "ok")] += 1
                if reply.ok:
                    break
                await asyncio.sleep(0.5)
            done = await client.wait_view(
                lambda v: {m["id"] for m in _pair(v)["members"]} <= set(_pair(v)["confirmed"]),
                left(),
            )
            return "confirmed" if done else "not confirmed"

        results = await asyncio.gather(*(play(p, c) for p, c in self._clients()))
        return {
            "codes": dict(codes),
            "results": dict(Counter(results)),
            "shortlists": {
                f"{p.room}/{p.pair_id}": p.shortlist for p in self.people if p.shortlist
            },
        }

    async def op_rank(
        self, start_at: float, window: float, own_pair_max: int, timeout: float
    ) -> dict[str, Any]:
        """The vote burst: everyone starts within `window` seconds of `start_at` and votes
        until `votes_left` is 0; `limit_reached` (the partner spent the ballot) is expected.
        In the plenary the ballot is the person's and `own_pair_max` caps their own group's
        ideas (`plenary.own_group_max`)."""
        codes: Counter[str] = Counter()
        messages: Counter[str] = Counter()
        deadline = time.monotonic() + timeout

        async def vote(person: Person, client: Client) -> None:
            delay = start_at - time.time() + self.rng.uniform(0, window * 0.8)
            await asyncio.sleep(max(0.0, delay))
            view = client.view
            pair = _pair(view)
            ballot = ballot_of(person.room, view)
            budget = _me(view).get("votes_left", 0) + sum(_me(view).get("votes", {}).values())
            # The board does not change during Rank: index it once (a phone would too).
            board = [i["id"] for i in view["ideas"]]
            if view.get("plenary") is not None:
                mine = _group(view)
                own_ideas = {i["id"] for i in view["ideas"] if i.get("group_id") == mine}
            else:
                own_ideas = {i["id"] for i in view["ideas"] if pair and i["pair_id"] == pair["id"]}
            for _ in range(budget + 3):
                if time.monotonic() > deadline:
                    break
                me = _me(client.view)
                if me.get("votes_left", 0) <= 0 or not board:
                    break
                votes = me.get("votes", {})
                own_full = sum(votes.get(i, 0) for i in own_ideas) >= own_pair_max
                pick = None
                for _ in range(50):
                    # A skewed choice, so that some ideas gather many votes and ranks tie less.
                    idea = board[min(int(self.rng.expovariate(4.0 / len(board))), len(board) - 1)]
                    if not votes.get(idea) and not (own_full and idea in own_ideas):
                        pick = {"id": idea}
                        break
                if pick is None:
                    break
                reply = await client.command("vote.set", {"idea_id": pick["id"], "points": 1})
                codes[reply.code or "ok"] += 1
                if reply.ok:
                    assert reply.seq is not None
                    person.votes_acked.append((ballot, pick["id"], 1, reply.seq))
                    # As a phone does: the next choice waits for the vote to show in the view
                    # (the ack may come before the frame; a stale budget or cap is refused).
                    voted = pick["id"]
                    await client.wait_view(lambda v, i=voted: bool(_me(v)["votes"].get(i)), 5.0)
                else:
                    person.refusals[reply.code] += 1
                    messages[f"{reply.code}: {reply.message}"] += 1
                    await asyncio.sleep(0.2)

        await asyncio.gather(*(vote(p, c) for p, c in self._clients()))
        return {"codes": dict(codes), "refusals": dict(messages.most_common(5))}

    async def op_sync_check(self, concurrency: int, timeout: float) -> dict[str, Any]:
        """Every client asks for a fresh `state` and compares it with its patched view."""
        result: Counter[str] = Counter()
        examples: list[str] = []

        async def check(person: Person, client: Client) -> None:
            got = await client.sync(timeout)
            if got is None:
                result["no answer"] += 1
                return
            patched, fresh, _seq = got
            if patched == fresh:
                result["equal"] += 1
            else:
                result["differ"] += 1
                if len(examples) < 5:
                    examples.append(f"{person.name}: {describe_diff(patched, fresh)}")

        await self._each([check(p, c) for p, c in self._clients()], concurrency)
        return {"result": dict(result), "examples": examples}

    async def op_final(self) -> dict[str, Any]:
        """What each person's (freshly synced) view holds, to check nothing was lost."""
        lost = dup = extra = 0
        examples: list[str] = []
        ballots: dict[str, list[dict[str, int]]] = defaultdict(list)
        for person, client in self._clients():
            me = _me(client.view)
            texts = Counter(i["text"] for i in me.get("ideas", []))
            for text in person.ideas_acked:
                if texts[text] == 0:
                    lost += 1
                    if len(examples) < 5:
                        examples.append(f"{person.name} lost idea {text!r}")
                elif texts[text] > 1:
                    dup += 1
            extra += sum(n for t, n in texts.items() if t not in person.ideas_acked)
            ballots[ballot_of(person.room, client.view)].append(
                {k: v for k, v in me.get("votes", {}).items() if v}
            )
        return {
            "ideas_acked": sum(len(p.ideas_acked) for p in self.people),
            "ideas_lost": lost,
            "ideas_duplicated": dup,
            "ideas_unexpected": extra,
            "examples": examples,
            "votes_acked": [v for p in self.people for v in p.votes_acked],
            "ballots_seen": dict(ballots),
            "patch_errors": sum(c.patch_errors for _, c in self._clients()),
            "unsolicited_errors": sum(len(c.unsolicited_errors) for _, c in self._clients()),
            "late_replies": sum(c.late_replies for _, c in self._clients()),
            "closed": sum(1 for _, c in self._clients() if c.closed),
            "close_codes": dict(Counter(c.close_code for _, c in self._clients() if c.closed)),
        }

    async def op_fanout(self, actions: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """For each host action: per client, when the batch holding its seq was applied."""
        out = []
        for action in actions:
            seq, sent = action["seq"], action["t"]
            lat: list[float] = []
            missing = 0
            for _, client in self._clients(action["room"], action.get("group")):
                t = first_batch_time(client.frames, seq)
                if t is None:
                    missing += 1
                else:
                    lat.append(t - sent)
            out.append({"latencies": lat, "missing": missing})
        return out

    async def op_burst(self, t0: float, t1: float) -> dict[str, Any]:
        """Pushes received in [t0, t1]: per connection, per room, and the busiest second."""
        per_conn: list[float] = []
        per_conn_frames: list[float] = []
        peak_second = 0
        room_seqs: dict[str, set[int]] = defaultdict(set)
        span = max(t1 - t0, 1e-6)
        for _, client in self._clients():
            window = [(s, t) for s, t, _ in client.frames if t0 <= t <= t1]
            seqs = {s for s, _ in window}
            room_seqs[client.room] |= seqs
            per_conn.append(len(seqs) / span)
            per_conn_frames.append(len(window) / span)
            buckets: dict[int, set[int]] = defaultdict(set)
            for s, t in window:
                buckets[int(t - t0)].add(s)
            peak_second = max([peak_second, *(len(b) for b in buckets.values())])
        return {
            "pushes_per_s": per_conn,
            "frames_per_s": per_conn_frames,
            "peak_pushes_in_a_second": peak_second,
            "room_seqs": {room: sorted(s) for room, s in room_seqs.items()},
        }

    async def op_stats(self) -> dict[str, Any]:
        bytes_by_phase: dict[str, list[int]] = defaultdict(list)
        frames_by_phase: dict[str, list[int]] = defaultdict(list)
        for _, client in self._clients():
            for phase, n in client.bytes_by_phase.items():
                bytes_by_phase[phase].append(n)
            for phase, n in client.frames_by_phase.items():
                frames_by_phase[phase].append(n)
        return {
            "worker": self.index,
            "marks": [*self.marks, ("now", time.time(), cpu_seconds())],
            "cpu_s": round(cpu_seconds(), 2),
            "acks": self.meter.acks,
            "bytes_by_phase": dict(bytes_by_phase),
            "frames_by_phase": dict(frames_by_phase),
            "apply_ms": [round(c.apply_seconds * 1000, 2) for _, c in self._clients()],
        }

    async def op_close(self, timeout: float, baseline_only: bool = False) -> dict[str, int]:
        """Close the baseline's connections, or everyone's."""
        gone = [p for p in self.people if p.baseline or not baseline_only]
        clients = [p.client for p in gone if p.client is not None]
        await self._each([c.close(timeout) for c in clients], 500)
        n = len(clients)
        for person in gone:
            person.client = None
        self.people = [p for p in self.people if p.client is not None]
        gc.unfreeze()
        gc.collect()
        return {"closed": n}


# Frames of one batch (public ops, then the connection's own) arrive back to back; a frame
# with the same seq after a longer gap is a later push (presence carries the current seq).
SAME_BATCH_GAP = 0.1


def first_batch_time(frames: list[tuple[int, float, int]], seq: int) -> float | None:
    """When the first batch with seq >= `seq` was fully applied (its last frame)."""
    batch: int | None = None
    when: float | None = None
    for s, t, _ in frames:
        if batch is None:
            if s >= seq:
                batch, when = s, t
        elif s == batch and when is not None and t - when <= SAME_BATCH_GAP:
            when = t
        else:
            break
    return when


def describe_diff(a: Any, b: Any, path: str = "") -> str:
    """A short description of the first difference between two JSON values."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                return f"{path}/{key} only in {'fresh' if key in b else 'patched'}"
            if a[key] != b[key]:
                return describe_diff(a[key], b[key], f"{path}/{key}")
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return f"{path} length {len(a)} patched vs {len(b)} fresh"
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            if x != y:
                return describe_diff(x, y, f"{path}/{i}")
    return f"{path}: {str(a)[:60]} patched vs {str(b)[:60]} fresh"


def run_loop(coro: Coroutine[Any, Any, T], loop: str = "asyncio") -> T:
    """Run `coro` on the standard loop, or on uvloop when asked and installed."""
    try:
        if loop != "uvloop":
            raise ImportError
        import uvloop
    except ImportError:
        return asyncio.run(coro)
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        return runner.run(coro)


def worker_main(
    conn: Connection, index: int, cores: list[int], seed: int, loop: str, lazy: bool
) -> None:
    """Entry point of a client process (multiprocessing, spawn)."""
    pin(cores)
    raise_fd_limit()
    gc.set_threshold(50_000, 50, 50)
    worker = Worker(index, seed)
    worker.meter.lazy = lazy

    async def main() -> None:
        endpoint = Endpoint(conn, worker.handle)
        endpoint.start()
        assert endpoint.closed is not None
        await endpoint.closed

    run_loop(main(), loop)
