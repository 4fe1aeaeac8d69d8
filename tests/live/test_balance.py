"""After a restart the other process holds every connection; it hands the surplus over
(1012, a few a second) until each holds about its share."""

from __future__ import annotations

import asyncio
import time

from support.client import Client, create_session
from support.redis import RedisServer, redis_server  # noqa: F401  (fixture)
from support.server import Server, free_port

PEOPLE = 30
SLACK = 4  # balance.SLACK: connections over the share that are left alone


async def test_a_process_with_every_connection_hands_some_to_the_restarted_one(
    redis_server: RedisServer,  # noqa: F811
) -> None:
    a, b = (Server(store=redis_server.url, port=free_port()) for _ in range(2))
    a.start()
    try:
        created = await create_session(a.base_url)
        code = created["code"]
        host = await Client.open(a.ws_url, code, "host", token=created["host_token"])
        people = [await Client.open(a.ws_url, code, name=f"P{i}") for i in range(PEOPLE)]
        on_b: list[Client] = []
        moved: list[float] = []

        async def follow(person: Client) -> None:
            """Reconnects as the page would, where the proxy's least_conn would send it."""
            close_code, reason = await person.closed
            assert close_code == 1012, (close_code, reason)
            moved.append(time.monotonic())
            on_b.append(await Client.open(b.ws_url, code, token=person.token))

        watchers = [asyncio.create_task(follow(p)) for p in people]
        await asyncio.to_thread(b.start)
        started = time.monotonic()
        await asyncio.sleep(8)
        still_on_a = [p for p in people if not p.closed.done()]
        share = (PEOPLE + 1) / 2  # the host stays on a
        print(f"\nmoved {len(moved)} of {PEOPLE} in {moved[-1] - started:.1f} s" if moved else "")
        assert len(still_on_a) + 1 <= share + SLACK + 1, len(still_on_a)
        assert len(on_b) == len(moved) >= PEOPLE / 2 - SLACK - 1, len(on_b)
        assert not host.closed.done()  # the host is never asked to move
        assert max(moved) - min(moved) >= 0.5  # spread out, not all at once
        # the moved ones resumed as themselves and nobody is moved twice
        assert {c.pid for c in on_b} <= {p.pid for p in people}
        assert not any(c.closed.done() for c in on_b)
        for task in watchers:
            task.cancel()
        await asyncio.gather(*watchers, return_exceptions=True)
        await asyncio.gather(*(c.close() for c in [host, *on_b, *still_on_a]))
    finally:
        a.kill()
        b.kill()


async def test_with_rebalance_off_nobody_is_moved(
    redis_server: RedisServer,  # noqa: F811
) -> None:
    """OPERA_REBALANCE=0 (the bench splits people itself): the lopsided process keeps them."""
    off = {"OPERA_REBALANCE": "0"}
    a, b = (Server(store=redis_server.url, port=free_port(), env=off) for _ in range(2))
    a.start()
    try:
        created = await create_session(a.base_url)
        code = created["code"]
        host = await Client.open(a.ws_url, code, "host", token=created["host_token"])
        people = [await Client.open(a.ws_url, code, name=f"P{i}") for i in range(PEOPLE)]
        await asyncio.to_thread(b.start)
        await asyncio.sleep(5)  # the rebalancer, were it on, moves some within 1 to 4 s
        assert [p for p in people if p.closed.done()] == []
        assert not host.closed.done()
        await asyncio.gather(*(c.close() for c in [host, *people]))
    finally:
        a.kill()
        b.kill()
