"""Reflect over real sockets (version 2): answers and feedback reach their author alone, on
every raw frame; the host and the board get a count; the exports after Done hold them
shuffled and without names."""

import asyncio
import json

import httpx
from support.client import Client, create_session
from support.server import Server


def received(client: Client, text: str) -> bool:
    return any(text in frame for frame in client.frames)


async def test_answers_are_private_on_every_frame_and_exported_after_done(
    server: Server,
) -> None:
    created = await create_session(server.base_url, settings={"reflect": {"minutes": 3}})
    code = created["code"]
    host = await Client.open(server.ws_url, code, "host", token=created["host_token"])
    board = await Client.open(server.ws_url, code, "board")
    people = [await Client.open(server.ws_url, code, name=f"Ref{i}", org="Org") for i in range(4)]
    await host.cmd("phase.start", {"phase": "arrange"})
    await host.cmd("phase.start", {"phase": "reflect"})
    view = await board.until(lambda v: v["phase"]["name"] == "reflect")
    assert view["progress"] == {"done": 0, "of": 4}
    assert view["phase"]["ends_at"] is not None
    prompts = view["session"]["settings"]["reflect"]["prompts"]
    assert len(prompts) == 2
    late = await Client.open(server.ws_url, code, name="Late")  # waits for the host
    answer = await late.request("reflection.set", {"prompt": 0, "text": "late-words"})
    assert answer["code"] == "forbidden"

    for i, person in enumerate(people[:3]):
        await person.cmd("reflection.set", {"prompt": 0, "text": f"key-secret-{i}"})
        await person.cmd("reflection.set", {"prompt": 1, "text": f"step-secret-{i}"})
        await person.cmd("feedback.set", {"score": 3 + i % 3, "text": f"feedback-secret-{i}"})
    answer = await people[3].request("reflection.set", {"prompt": 2, "text": "x"})
    assert answer["type"] == "error" and answer["code"] == "bad_request"
    await board.until(lambda v: v["progress"] == {"done": 3, "of": 4})
    view = await host.until(lambda v: v["progress"] == {"done": 3, "of": 4})
    assert all(person["done"] is None for person in view["participants"]["list"])
    for i, person in enumerate(people[:3]):
        mine = await person.until(lambda v: len(v["me"]["reflections"]) == 2)
        assert mine["me"]["reflections"] == {"0": f"key-secret-{i}", "1": f"step-secret-{i}"}
        assert mine["me"]["feedback"] == {"score": 3 + i % 3, "text": f"feedback-secret-{i}"}
    change = {"settings": {"reflect": {"prompts": ["Another?"]}}}
    assert (await host.request("session.configure", change))["code"] == "conflict"
    await asyncio.sleep(0.3)
    for i, person in enumerate(people[:3]):
        for other in [host, board, late, *(p for p in people if p is not person)]:
            for what in ("key", "step", "feedback"):
                assert not received(other, f"{what}-secret-{i}"), (i, what)

    async with httpx.AsyncClient() as http:
        auth = {"Authorization": f"Bearer {created['host_token']}"}
        url = f"{server.base_url}/api/sessions/{code}"
        early = (await http.get(f"{url}/export.json", headers=auth)).json()
        assert early["reflections"] == [] and early["feedback"] is None
        await host.cmd("phase.start", {"phase": "done"})
        await board.until(lambda v: v["phase"]["name"] == "done")
        data = (await http.get(f"{url}/export.json", headers=auth)).json()
        assert [item["prompt"] for item in data["reflections"]] == prompts
        assert sorted(data["reflections"][0]["texts"]) == [f"key-secret-{i}" for i in range(3)]
        assert sorted(data["reflections"][1]["texts"]) == [f"step-secret-{i}" for i in range(3)]
        assert data["feedback"]["counts"] == {"1": 0, "2": 0, "3": 1, "4": 1, "5": 1}
        assert data["feedback"]["average"] == 4
        text = json.dumps(data["reflections"]) + json.dumps(data["feedback"])
        assert "Ref" not in text and not any(p.pid in text for p in people)
        again = (await http.get(f"{url}/export.json", headers=auth)).json()
        assert again["reflections"] == data["reflections"]  # a second download, same order
        markdown = (await http.get(f"{url}/export.md", headers=auth)).text
        assert "## Reflections" in markdown and "- key-secret-0" in markdown
        assert "Average 4 of 5 from 3 people" in markdown
    await asyncio.gather(*(c.close() for c in [host, board, late, *people]))
