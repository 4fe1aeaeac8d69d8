"""Redis memory per room: play whole sessions over real sockets on a real Redis and weigh
the room's keys (the stream and the snapshot) with MEMORY USAGE.

    uv run python -m bench.redis_memory --people 20 100 200

Each size is one session on its own server and Redis: everyone joins in the lobby, writes
two ideas in Own, agrees a shortlist in Pair, and votes in Rank; then Arrange, one cluster.
The server is then stopped gracefully, so the room's snapshot is in Redis too.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path

import redis

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from support.client import Client, create_session
from support.play import agree_shortlists
from support.redis import start_redis
from support.server import serve


async def play(base_url: str, ws_url: str, people: int) -> str:
    created = await create_session(base_url)
    code = created["code"]
    host = await Client.open(ws_url, code, "host", token=created["host_token"])
    clients = [
        await Client.open(ws_url, code, name=f"Person {i}", org=f"Org {i % 5}")
        for i in range(people)
    ]
    await host.cmd("phase.start", {"phase": "own"})
    for i, person in enumerate(clients):
        for j in range(2):
            text = f"Idea {j} of person {i}: a sentence of ordinary length about the question"
            await person.cmd("idea.add", {"text": text})
    await host.cmd("phase.start", {"phase": "pair"})
    await agree_shortlists(clients, size=2)
    await host.cmd("phase.start", {"phase": "rank"})
    view = await clients[0].until(lambda v: bool(v["ideas"]))
    ideas = [idea["id"] for idea in view["ideas"]]
    for i, person in enumerate(clients):
        idea = ideas[(i * 7) % len(ideas)]
        await person.request("vote.set", {"idea_id": idea, "points": 1})
    await host.cmd("phase.start", {"phase": "arrange"})
    await host.cmd("cluster.create", {"label": "First", "idea_ids": ideas[:3]})
    await asyncio.gather(*(c.close() for c in [host, *clients]))
    return code


def weigh(url: str, code: str) -> dict[str, int]:
    client = redis.Redis.from_url(url)
    sizes = {}
    for key in client.scan_iter(f"opera:{{{code}}}:*"):
        sizes[key.decode()] = int(client.memory_usage(key) or 0)
    entries = client.xlen(f"opera:{{{code}}}:log")
    return {"entries": entries, "bytes": sum(sizes.values()), **sizes}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, nargs="+", default=[20, 100, 200])
    args = parser.parse_args()
    results = []
    for people in args.people:
        with start_redis() as server:
            url = server.url
            with serve(url, env={"OPERA_JOIN_LIMIT": "100000"}) as app:
                code = asyncio.run(play(app.base_url, app.ws_url, people))
                app.stop()  # a graceful stop writes the room's last snapshot, as in production
            result = {"people": people, **weigh(url, code)}
        print(json.dumps(result))
        results.append(result)


if __name__ == "__main__":
    main()
