"""Personal data has an end: the host deletes a session, and old sessions are purged."""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

import httpx
import pytest
import redis.asyncio as aioredis
from support.client import Client, create_session
from support.redis import redis_url  # noqa: F401  (fixture)
from support.server import Server, free_port

DAY = 86400


@pytest.fixture(params=["file", "redis"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "file":
        return f"file://{tmp_path / 'data'}"
    url: str = request.getfixturevalue("redis_url")
    return url


async def stored(store: str, code: str) -> list[str]:
    """What the store still holds of the room: file names or Redis keys."""
    if store.startswith("file://"):
        folder = Path(store.removeprefix("file://"))
        return sorted(p.name for p in folder.iterdir() if p.name.startswith(code))
    raw = aioredis.Redis.from_url(store, decode_responses=True)
    keys = sorted([key async for key in raw.scan_iter(match=f"opera:{{{code}}}:*")])
    await raw.aclose()
    return keys


async def test_the_host_deletes_a_session_and_everything_of_it(store: str) -> None:
    # a snapshot after every entry, so there is one to delete too
    env = {"OPERA_SNAPSHOT_EVERY": "1", "OPERA_SNAPSHOT_SECONDS": "0"}
    server = Server(store=store, port=free_port(), env=env)
    server.start()
    try:
        created = await create_session(server.base_url, title="Ward 7 review")
        kept = await create_session(server.base_url, title="Another session")
        code, token = created["code"], created["host_token"]
        host = await Client.open(server.ws_url, code, "host", token=token)
        people = [await Client.open(server.ws_url, code, name=f"Nurse {i}") for i in range(2)]
        board = await Client.open(server.ws_url, code, "board")
        await host.cmd("phase.start", {"phase": "own"})
        await people[0].cmd("idea.add", {"text": "a name and a worry"})
        await asyncio.sleep(0.3)  # the snapshot is written
        assert len(await stored(store, code)) >= 2  # log and snapshot (and presence)
        url = f"{server.base_url}/api/sessions/{code}"
        async with httpx.AsyncClient() as http:
            assert (await http.delete(url)).status_code == 401
            wrong = {"Authorization": f"Bearer {kept['host_token']}"}
            assert (await http.delete(url, headers=wrong)).status_code == 403
            person = {"Authorization": f"Bearer {people[0].token}"}
            assert (await http.delete(url, headers=person)).status_code == 403
            assert (await http.get(url)).status_code == 200  # refusals deleted nothing
            answer = await http.delete(url, headers={"Authorization": f"Bearer {token}"})
            assert answer.status_code == 204 and answer.content == b""
            for client in [host, board, *people]:
                assert (await asyncio.wait_for(client.closed, 5))[0] == 4404
            assert await stored(store, code) == []
            assert (await http.get(url)).status_code == 404
            export = f"{url}/export.json"
            auth = {"Authorization": f"Bearer {token}"}
            assert (await http.get(export, headers=auth)).status_code == 404
            assert (await http.delete(url, headers=auth)).status_code == 404
            assert (await http.get(f"{server.base_url}/api/sessions/{kept['code']}")).is_success
        with pytest.raises(Exception, match="4404"):
            await Client.open(server.ws_url, code, token=people[1].token)
        # and it stays deleted when the server starts again (no last snapshot brought it back)
        server.stop()
        server.start()
        assert await stored(store, code) == []
        async with httpx.AsyncClient() as http:
            assert (await http.get(url)).status_code == 404
    finally:
        server.kill()


async def test_sessions_older_than_the_retention_period_are_purged_at_start(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    server = Server(store=f"file://{data}", port=free_port())  # the default: 30 days
    server.start()
    try:
        old = await create_session(server.base_url)
        recent = await create_session(server.base_url)
        server.stop()
        month_ago = time.time() - 31 * DAY
        os.utime(data / f"{old['code']}.jsonl", (month_ago, month_ago))
        server.start()
        async with httpx.AsyncClient() as http:
            base = f"{server.base_url}/api/sessions"
            for _ in range(100):
                if (await http.get(f"{base}/{old['code']}")).status_code == 404:
                    break
                await asyncio.sleep(0.1)
            assert (await http.get(f"{base}/{old['code']}")).status_code == 404
            assert (await http.get(f"{base}/{recent['code']}")).status_code == 200
        assert not list(data.glob(f"{old['code']}*"))
    finally:
        server.kill()


async def test_redis_sessions_are_purged_unless_someone_is_connected(
    redis_url: str,  # noqa: F811
) -> None:
    env = {"OPERA_RETENTION_DAYS": str(2 / DAY)}  # two seconds
    server = Server(store=redis_url, port=free_port(), env=env)
    server.start()
    try:
        idle = await create_session(server.base_url)
        running = await create_session(server.base_url)
        host = await Client.open(
            server.ws_url, running["code"], "host", token=running["host_token"]
        )
        deadline = time.monotonic() + 15
        while await stored(redis_url, idle["code"]) and time.monotonic() < deadline:
            await asyncio.sleep(0.2)
        assert await stored(redis_url, idle["code"]) == []
        assert await stored(redis_url, running["code"])  # its host is still there
        assert not host.closed.done()
        await host.cmd("phase.start", {"phase": "own"})
        await host.close()
    finally:
        server.kill()


async def test_a_session_deleted_on_one_process_ends_on_the_others(
    redis_url: str,  # noqa: F811
) -> None:
    a, b = Server(store=redis_url, port=free_port()), Server(store=redis_url, port=free_port())
    a.start()
    b.start()
    try:
        created = await create_session(a.base_url)
        code, token = created["code"], created["host_token"]
        person = await Client.open(b.ws_url, code, name="Elsewhere")
        board = await Client.open(b.ws_url, code, "board")
        async with httpx.AsyncClient() as http:
            url = f"{a.base_url}/api/sessions/{code}"
            answer = await http.delete(url, headers={"Authorization": f"Bearer {token}"})
            assert answer.status_code == 204
        # process b finds the room gone within its follow's quiet check (5 s) and lets go
        for client in (person, board):
            assert (await asyncio.wait_for(client.closed, 15))[0] in (1013, 4404)
        with pytest.raises(Exception, match="4404"):
            await Client.open(b.ws_url, code, token=person.token)
        # b's last presence report (ids only, no names) expires on its own within 12 s
        deadline = time.monotonic() + 15
        while await stored(redis_url, code) and time.monotonic() < deadline:
            await asyncio.sleep(0.5)
        assert await stored(redis_url, code) == []
    finally:
        a.kill()
        b.kill()
