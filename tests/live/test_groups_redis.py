"""The breakout event on two processes over one Redis; and a SIGKILL in the middle of a
group's Pair (file store) loses no acknowledged command."""

import asyncio
import json
from pathlib import Path

from support.client import Client, create_session
from support.play import EVENT, Event
from support.redis import redis_server, redis_url  # noqa: F401
from support.server import Server, free_port

from .test_groups import play_event
from .test_redis import two_servers  # noqa: F401  (the fixture: two processes on one Redis)


async def test_a_breakout_event_split_over_two_processes(
    two_servers: tuple[Server, Server],  # noqa: F811
) -> None:
    a, b = two_servers
    created = await create_session(a.base_url, settings=EVENT)
    event = await Event.open(created, [a.ws_url, b.ws_url])
    try:
        await play_event(event, b.base_url, created)
        other_board = await Client.open(a.ws_url, event.code, "board")
        try:
            await asyncio.sleep(1.2)
            assert json.dumps(other_board.view, sort_keys=True) == json.dumps(
                await event.board.sync(), sort_keys=True
            )
        finally:
            await other_board.close()
    finally:
        await event.close()


async def test_a_sigkill_during_a_groups_pair_loses_no_acknowledged_command(
    tmp_path: Path,
) -> None:
    server = Server(store=f"file://{tmp_path / 'data'}", port=free_port())
    server.start()
    try:
        created = await create_session(server.base_url, settings=EVENT)
        event = await Event.open(created, [server.ws_url], count=12)
        await event.form()
        await event.own(each=1)
        await event.host.cmd("phase.start", {"phase": "pair"})
        group = event.group_of(event.people[0])
        members = event.members(group)
        for person in members:
            await person.until(lambda v: v["me"]["pair"] is not None)
        acked: dict[str, list[str]] = {p.token: [] for p in members}

        async def write(person: Client) -> None:
            for n in range(40):
                text = f"merged {person.pid} {n}"
                try:
                    await person.cmd("pair.write", {"text": text})
                except Exception:
                    return
                acked[person.token].append(text)

        tasks = [asyncio.create_task(write(p)) for p in members]
        await asyncio.sleep(0.3)
        server.kill()
        await asyncio.gather(*tasks, return_exceptions=True)
        assert sum(len(texts) for texts in acked.values()) > 0
        server.start()
        for token, texts in acked.items():
            again = await Client.open(server.ws_url, event.code, token=token)
            assert again.me["group"]["id"] == group
            pool = [idea["text"] for idea in again.me["pair"]["pool"]]
            assert set(texts) <= set(pool)
            assert len(pool) == len(set(pool))
            await again.close()
    finally:
        server.kill()
