"""The record over real sockets: the host's changes reach every screen as one list, in order,
grown by appends at its end, and no frame of it names a person or quotes an idea."""

import asyncio
import json
from typing import Any

from support.client import Client, create_session
from support.server import Server


def record_ops(client: Client) -> list[dict[str, Any]]:
    """Every patch operation on the record that reached this connection."""
    ops = []
    for raw in client.frames:
        frame = json.loads(raw)
        if frame["type"] == "patch":
            ops += [op for op in frame["ops"] if op["path"].startswith("/record")]
    return ops


async def test_every_screen_holds_the_same_safe_record_grown_by_appends(server: Server) -> None:
    created = await create_session(server.base_url, settings={"rank": {"voter": "person"}})
    code = created["code"]
    host = await Client.open(server.ws_url, code, "host", token=created["host_token"])
    board = await Client.open(server.ws_url, code, "board")
    names = [f"Secretname{i}" for i in range(4)]
    people = [
        await Client.open(server.ws_url, code, name=name, org=f"Orgname{i % 2}")
        for i, name in enumerate(names)
    ]
    await host.cmd("phase.start", {"phase": "own"})
    for i, person in enumerate(people):
        await person.cmd("idea.add", {"text": f"Ideatext{i}"})
    await host.cmd("timer.add", {"seconds": 60})
    await host.cmd("phase.start", {"phase": "pair"})
    for person in people:
        pair = (await person.until(lambda v: v["me"]["pair"] is not None))["me"]["pair"]
        pool = (await person.until(lambda v: len(v["me"]["pair"]["pool"]) == 2))["me"]["pair"]
        if person.pid == pair["members"][0]["id"]:
            await person.cmd("pair.shortlist", {"idea_ids": [i["id"] for i in pool["pool"]]})
    for person in people:
        await person.until(lambda v: v["me"]["pair"]["shortlist"])
        await person.cmd("pair.confirm")
    await host.cmd("phase.start", {"phase": "explain"})
    view = await host.until(lambda v: len(v["ideas"]) == 4)
    hidden = view["ideas"][0]
    await host.cmd("idea.hide", {"idea_id": hidden["id"]})
    await host.cmd("notice.set", {"text": "Noticetext"})
    await host.cmd("participant.remove", {"participant_id": people[3].pid})
    await host.cmd("phase.start", {"phase": "rank"})
    await host.cmd("rank.reveal")
    await host.cmd("rank.reveal")  # a no-op ack: no second entry
    kinds = ["phase.start", "timer.add", "phase.start", "phase.start", "idea.hide"]
    kinds += ["notice.set", "participant.remove", "phase.start", "rank.reveal"]

    expected = await host.until(lambda v: len(v["record"]) == len(kinds))
    assert [entry["kind"] for entry in expected["record"]] == kinds
    pair_label = next(p["label"] for p in expected["pairs"] if p["id"] == hidden["pair_id"])
    assert expected["record"][4]["pair"] == pair_label
    assert expected["record"][6]["count"] == 1
    times = [entry["at"] for entry in expected["record"]]
    assert times == sorted(times)
    for client in (board, *people[:3]):
        view = await client.until(lambda v: len(v["record"]) == len(kinds))
        assert view["record"] == expected["record"]
        assert (await client.sync())["record"] == expected["record"]
    await asyncio.sleep(0.2)
    secrets = [*names, "Orgname", "Ideatext", "Noticetext"]
    for client in (board, *people[:3]):
        ops = record_ops(client)
        assert ops and all(op["op"] == "add" and op["path"] == "/record/-" for op in ops), ops
        for op in ops:
            assert not any(secret in json.dumps(op) for secret in secrets), op
    for client in (host, board, *people):
        await client.close()
