"""Crash safety: SIGKILL the server while commands flow; every acknowledged command survives."""

import asyncio
import random
from pathlib import Path
from typing import Any

import pytest
from support.client import Client, Refused, create_session
from support.play import agree_shortlists
from support.server import Server, free_port

KILL_POINTS = 20
SETTINGS = {
    "own": {"max_ideas": 50},
    "rank": {"voter": "person", "budget": 8, "own_pair_max": 4, "max_per_idea": 1},
}


async def add_ideas(person: Client, tag: str, acked: list[str]) -> None:
    for n in range(50):
        text = f"{tag}-{n}"
        try:
            await person.cmd("idea.add", {"text": text})
        except (Refused, ConnectionError, TimeoutError, Exception):
            return
        acked.append(text)


async def cast_votes(person: Client, ideas: list[str], acked: list[str]) -> None:
    for idea in ideas:
        try:
            await person.cmd("vote.set", {"idea_id": idea, "points": 1})
        except Exception:
            return
        acked.append(idea)


async def start_room(server: Server) -> tuple[dict[str, Any], Client, list[Client]]:
    created = await create_session(server.base_url, settings=SETTINGS)
    host = await Client.open(server.ws_url, created["code"], "host", token=created["host_token"])
    people = [
        await Client.open(server.ws_url, created["code"], name=f"P{i}", org=f"O{i}")
        for i in range(4)
    ]
    await host.cmd("phase.start", {"phase": "own"})
    return created, host, people


async def to_rank(host: Client, people: list[Client]) -> list[str]:
    for i, person in enumerate(people):
        for n in range(4):
            await person.cmd("idea.add", {"text": f"seed {i}-{n}"})
    await host.cmd("phase.start", {"phase": "pair"})
    await agree_shortlists(people, size=4)
    await host.cmd("phase.start", {"phase": "rank"})
    await host.until(lambda v: len(v["ideas"]) == 8)
    return [i["id"] for i in host.view["ideas"]]


@pytest.mark.slow
async def test_acknowledged_commands_survive_sigkill_at_20_random_points(tmp_path: Path) -> None:
    # frequent snapshots, so kills also land during snapshot writes and restarts replay tails
    snapshots = {"OPERA_SNAPSHOT_EVERY": "7", "OPERA_SNAPSHOT_SECONDS": "0"}
    server = Server(store=f"file://{tmp_path / 'data'}", port=free_port(), env=snapshots)
    server.start()
    rng = random.Random(7)
    checks: list[tuple[str, str, str, list[str]]] = []  # code, token, kind, acked
    try:
        for point in range(KILL_POINTS):
            created, host, people = await start_room(server)
            in_rank = point % 2 == 1
            ideas = await to_rank(host, people) if in_rank else []
            acked: list[list[str]] = [[] for _ in people]
            if in_rank:
                flows = [
                    cast_votes(p, rng.sample(ideas, 8), acked[i]) for i, p in enumerate(people)
                ]
            else:
                flows = [add_ideas(p, f"k{point}p{i}", acked[i]) for i, p in enumerate(people)]
            tasks = [asyncio.create_task(flow) for flow in flows]
            await asyncio.sleep(rng.uniform(0.01, 0.25))
            server.kill()
            await asyncio.gather(*tasks, return_exceptions=True)
            for person, done in zip(people, acked, strict=True):
                checks.append((created["code"], person.token, "vote" if in_rank else "idea", done))
            server.start()
            await asyncio.gather(*(c.close() for c in [host, *people]), return_exceptions=True)
        assert sum(len(done) for *_, done in checks) > KILL_POINTS, "too little was acknowledged"
        assert len(list((tmp_path / "data").glob("*.snap.json"))) >= KILL_POINTS // 2
        for code, token, kind, done in checks:
            again = await Client.open(server.ws_url, code, token=token)
            me = again.me
            if kind == "idea":
                texts = [idea["text"] for idea in me["ideas"]]
                assert set(done) <= set(texts), (code, set(done) - set(texts))
                assert len(texts) == len(set(texts)), "an idea was applied twice"
            else:
                assert all(me["votes"].get(idea) == 1 for idea in done), (code, done, me["votes"])
            await again.close()
    finally:
        server.kill()
