"""Latecomers over real sockets (version 2): the room code on the projector is no key to the
pairs' private ideas. Reproduces issue 9's attack: tokenless joins during Pair."""

import asyncio
import json

import httpx
from support.client import Client, create_session
from support.play import agree_shortlists, views_match_sync
from support.server import Server
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed


def received(client: Client, text: str) -> bool:
    return any(text in frame for frame in client.frames)


async def open_room(server: Server, count: int, **body: object) -> tuple[str, Client, list[Client]]:
    created = await create_session(server.base_url, **body)
    code = created["code"]
    host = await Client.open(server.ws_url, code, "host", token=created["host_token"])
    people = [
        await Client.open(server.ws_url, code, name=f"Person{i}", org=f"Org{i % 3}")
        for i in range(count)
    ]
    await host.cmd("phase.start", {"phase": "own"})
    for i, person in enumerate(people):
        await person.cmd("idea.add", {"text": f"private-idea-{i}"})
        await person.cmd("idea.add", {"text": f"second-idea-{i}"})
    await host.cmd("phase.start", {"phase": "pair"})
    return code, host, people


async def test_tokenless_joiners_during_pair_see_no_pool_and_clear_no_confirmation(
    server: Server,
) -> None:
    code, host, people = await open_room(server, 6)
    await agree_shortlists(people, size=2)
    await host.until(lambda v: v["progress"] == {"done": 3, "of": 3})
    intruders = [await Client.open(server.ws_url, code, name=f"Intruder{i}") for i in range(3)]
    await asyncio.sleep(0.5)
    for intruder in intruders:
        assert intruder.me["waiting"] is True and intruder.me["pair"] is None
        assert set(intruder.view) == {"session", "phase", "participants", "me"}
        assert intruder.view["participants"]["total"] == 6
        for i in range(6):
            assert not received(intruder, f"idea-{i}")
            assert not received(intruder, f"Person{i}")
        answer = await intruder.request("pair.write", {"text": "let me read"})
        assert answer["code"] == "forbidden"
        answer = await intruder.request("pair.confirm")
        assert answer["code"] == "forbidden"
    view = await host.until(lambda v: sum(p["waiting"] for p in v["participants"]["list"]) == 3)
    assert view["progress"] == {"done": 3, "of": 3}
    assert view["participants"]["total"] == 6
    assert all(pair["confirmed"] for pair in view["pairs"])
    await host.cmd("phase.start", {"phase": "explain"})
    view = await host.until(lambda v: v["phase"]["name"] == "explain")
    assert len(view["ideas"]) == 6  # every confirmed shortlist is on the board
    await asyncio.sleep(0.3)
    for intruder in intruders:
        assert not any(received(intruder, f"private-idea-{i}") for i in range(6))
    await asyncio.gather(*(c.close() for c in [host, *people, *intruders]))


async def test_an_admitted_latecomer_gets_a_fresh_state_and_an_unconfirmed_pair(
    server: Server,
) -> None:
    code, host, people = await open_room(server, 4)
    for person in people:
        await person.until(lambda v: v["me"]["pair"] is not None)
    first = people[0]
    pool = [idea["id"] for idea in first.me["pair"]["pool"]][:1]
    await first.cmd("pair.shortlist", {"idea_ids": pool})
    mates = [p for p in people if p.me["pair"]["id"] == first.me["pair"]["id"]]
    for mate in mates:
        await mate.until(lambda v: bool(v["me"]["pair"]["shortlist"]))
        await mate.cmd("pair.confirm")
    others = [p for p in people if p not in mates]
    await host.until(lambda v: v["progress"]["done"] == 1)
    late = await Client.open(server.ws_url, code, name="Robin", org="Org9")
    await host.until(lambda v: any(p["waiting"] for p in v["participants"]["list"]))
    states = sum('"type":"state"' in frame for frame in late.frames)
    await host.cmd("participant.admit", {"participant_id": late.pid})
    view = await late.until(lambda v: v["me"]["waiting"] is False)
    assert sum('"type":"state"' in frame for frame in late.frames) == states + 1
    assert view["me"]["pair"]["id"] == others[0].me["pair"]["id"]
    # the pair's pool (their Own ideas) is theirs to see now, as a member
    await others[0].until(lambda v: len(v["me"]["pair"]["members"]) == 3)
    texts = [i["text"] for i in view["me"]["pair"]["pool"]]
    assert texts == [i["text"] for i in others[0].me["pair"]["pool"]] and len(texts) == 4
    await host.until(lambda v: v["participants"]["total"] == 5)
    assert host.view["progress"] == {"done": 1, "of": 2}
    assert (await host.request("participant.admit", {"participant_id": late.pid}))[
        "code"
    ] == "conflict"
    await late.cmd("pair.write", {"text": "a latecomer's idea"})
    await others[0].until(
        lambda v: "a latecomer's idea" in {i["text"] for i in v["me"]["pair"]["pool"]}
    )
    await views_match_sync([host, late, *people])
    await asyncio.gather(*(c.close() for c in [host, late, *people]))


async def test_changing_join_late_to_open_lets_everyone_waiting_in(server: Server) -> None:
    code, host, people = await open_room(server, 2)
    waiting = [await Client.open(server.ws_url, code, name=f"Late{i}") for i in range(2)]
    await host.until(lambda v: sum(p["waiting"] for p in v["participants"]["list"]) == 2)
    await host.cmd("session.configure", {"settings": {"join": {"late": "open"}}})
    for late in waiting:
        await late.until(lambda v: v["me"]["waiting"] is False and "pairs" in v)
    await host.until(lambda v: v["participants"]["total"] == 4)
    newcomer = await Client.open(server.ws_url, code, name="Straight in")
    assert newcomer.me["waiting"] is False
    await asyncio.gather(*(c.close() for c in [host, *people, *waiting, newcomer]))


async def test_a_closed_session_refuses_a_newcomer_with_4403_before_any_welcome(
    server: Server,
) -> None:
    code, host, people = await open_room(server, 2, settings={"join": {"late": "closed"}})
    frames: list[str] = []
    async with connect(f"{server.ws_url}/ws/{code}", compression=None) as ws:
        await ws.send(json.dumps({"type": "hello", "role": "participant", "name": "Gate"}))
        try:
            async for frame in ws:
                frames.append(str(frame))
        except ConnectionClosed:
            pass
        assert ws.close_code == 4403
    assert frames == []
    again = await Client.open(server.ws_url, code, token=people[0].token)  # a resume still works
    assert again.me["id"] == people[0].pid and again.me["waiting"] is False
    answer = await host.request("participant.admit", {"participant_id": people[0].pid})
    assert answer["code"] == "conflict"
    await asyncio.gather(*(c.close() for c in [host, *people, again]))


async def test_the_session_api_counts_no_waiting_person_online(server: Server) -> None:
    code, host, people = await open_room(server, 4)
    waiting = [await Client.open(server.ws_url, code, name=f"Late{i}") for i in range(2)]
    await host.until(lambda v: sum(p["waiting"] for p in v["participants"]["list"]) == 2)
    async with httpx.AsyncClient() as http:
        answer = (await http.get(f"{server.base_url}/api/sessions/{code}")).json()
    assert answer["participants"] == {"total": 4, "online": 4}
    assert all(person.view["participants"]["online"] == 4 for person in waiting)
    await asyncio.gather(*(c.close() for c in [host, *people, *waiting]))
