"""Per-address limits counted in Redis: behind two processes one address gets the documented
number, not that number once per process (it was 40 session creations a minute, not 20)."""

from __future__ import annotations

import asyncio

import httpx
from support.redis import RedisServer, redis_server  # noqa: F401  (fixture)
from support.server import Server, free_port

LIMIT = 5


async def test_two_processes_share_the_creation_limit_of_an_address(
    redis_server: RedisServer,  # noqa: F811
) -> None:
    env = {"OPERA_CREATE_LIMIT": str(LIMIT)}
    apps = [Server(store=redis_server.url, port=free_port(), env=env) for _ in range(2)]
    for app in apps:
        app.start()
    try:
        statuses: list[list[int]] = [[], []]
        async with httpx.AsyncClient(timeout=10) as http:
            for attempt in range(4 * LIMIT):  # alternately, as a proxy's least_conn does
                which = attempt % 2
                body = {"question": f"Shared limit {attempt}?"}
                answer = await http.post(f"{apps[which].base_url}/api/sessions", json=body)
                statuses[which].append(answer.status_code)
                await asyncio.sleep(0.1)
        created = sum(s.count(201) for s in statuses)
        # one more per other process at most: a process learns the other's count when it counts
        assert LIMIT <= created <= LIMIT + 1, statuses
        for mine in statuses:
            assert set(mine) <= {201, 429}, statuses
            assert mine[-3:] == [429, 429, 429], statuses  # both processes refuse now
    finally:
        for app in apps:
            app.kill()
