"""The hub rebuilds only what a batch changed: checked against views built from nothing.

A `sync` answers from the same hub, so it would repeat a view the hub forgot to rebuild.
Here a breakout event is played to the middle of Rank (each group's own work: ideas,
shortlists, spotlights and votes by its members, the batches `opera.engine.scope` confines
to one group), then the server is restarted: the restarted server folds the log afresh,
and every connection it gives a state (host, board, each person) must hold exactly what
the first server's patches had built. A group's work reaches its own members only.
"""

import asyncio
import json
from pathlib import Path

from support.client import Client, create_session
from support.play import EVENT, Event, agree_shortlists
from support.server import Server, free_port


def same(a: dict[str, object], b: dict[str, object]) -> bool:
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


async def test_patched_views_equal_the_views_of_a_restarted_server(tmp_path: Path) -> None:
    server = Server(store=f"file://{tmp_path / 'data'}", port=free_port())
    server.start()
    try:
        created = await create_session(server.base_url, settings=EVENT)
        event = await Event.open(created, [server.ws_url])
        host, board, people = event.host, event.board, event.people
        await event.form()
        await event.own(each=1)
        # one group's idea reaches no other group's members
        writer = people[0]
        others = [p for p in people if event.group_of(p) != event.group_of(writer)]
        await asyncio.sleep(0.3)
        heard = [len(p.frames) for p in others]
        await writer.cmd("idea.add", {"text": "only for my group"})
        await host.until(
            lambda v: (
                v["progress"]["done"] == 14
                and sum(p["ideas"] for p in v["participants"]["list"]) == 15
            )
        )
        await asyncio.sleep(0.3)
        assert [len(p.frames) for p in others] == heard
        await host.cmd("phase.start", {"phase": "pair"})
        await agree_shortlists(people, size=1)
        await board.until(lambda v: v["progress"]["done"] == v["progress"]["of"] > 0)
        await event.explain()
        await event.rank()
        await host.until(lambda v: v["progress"]["done"] == 14)
        await asyncio.sleep(1.2)  # quiet: every patch is in
        tokens = {p.pid: p.token for p in people}
        patched = {p.pid: p.snapshot() for p in people}
        patched["host"], patched["board"] = host.snapshot(), board.snapshot()
        assert any(i["points"] is not None for i in patched["host"]["ideas"])  # host totals
        server.kill()
        server.start()
        again = {
            "host": await Client.open(
                server.ws_url, event.code, "host", token=created["host_token"]
            ),
            "board": await Client.open(server.ws_url, event.code, "board"),
        }
        for pid, token in tokens.items():
            again[pid] = await Client.open(server.ws_url, event.code, token=token)
        await asyncio.sleep(1.2)  # everyone is back online
        for who, client in again.items():
            assert same(client.snapshot(), patched[who]), who
        await asyncio.gather(*(c.close() for c in again.values()))
    finally:
        server.kill()
