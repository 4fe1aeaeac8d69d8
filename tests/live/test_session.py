"""A whole OPERA session over real WebSockets, lobby to export, with an odd number of people;
and the same with the host, the board and some people on the HTTP fallback (SSE + POST)."""

import asyncio
import csv
import io

import httpx
import pytest
from support.client import Client, Refused, create_session
from support.fallback import open_fallback
from support.server import Server

ORGS = ["Health Board", "Council", "Health Board", "Charity", "Union"]


@pytest.mark.parametrize("on_fallback", [0, 3], ids=["websockets", "3-of-5-on-the-fallback"])
async def test_whole_session_with_five_people_ends_in_a_ranked_export(
    server: Server, on_fallback: int
) -> None:
    created = await create_session(server.base_url, title="Care records", question="How might we?")
    code = created["code"]
    host_token = created["host_token"]

    async def join(role: str, index: int, **hello: str) -> Client:
        if index < on_fallback:
            return await open_fallback(server.base_url, code, role, **hello)
        return await Client.open(server.ws_url, code, role, **hello)

    host = await join("host", 0, token=host_token)
    board = await join("board", 0)
    people = [await join("participant", i, name=f"Person {i}", org=ORGS[i]) for i in range(5)]
    await board.until(lambda v: v["participants"] == {"total": 5, "online": 5})
    assert board.view["progress"] == {"done": 5, "of": 5}  # lobby: online of participants

    await host.cmd("phase.start", {"phase": "own"})
    for i, person in enumerate(people):
        await person.cmd("idea.add", {"text": f"idea {i}a"})
        await person.cmd("idea.add", {"text": f"idea {i}b"})
    # (the lobby's progress is online of participants, also 5 of 5: wait for Own's)
    await board.until(lambda v: v["phase"]["name"] == "own" and v["progress"]["done"] == 5)
    assert board.view["progress"]["of"] == 5
    assert board.view["ideas"] == []

    await host.cmd("phase.start", {"phase": "pair"})
    await host.until(lambda v: len(v["pairs"]) == 2)
    sizes = sorted(len(p["members"]) for p in host.view["pairs"])
    assert sizes == [2, 3]  # an odd count makes one trio
    pairs: dict[str, list[Client]] = {}
    for person in people:
        await person.until(lambda v: v["me"]["pair"] is not None)
        pairs.setdefault(person.me["pair"]["id"], []).append(person)
    for members in pairs.values():
        pool = members[0].me["pair"]["pool"]
        assert len(pool) == 2 * len(members)
        shortlist = [idea["id"] for idea in pool[:3]]
        await members[0].cmd("pair.shortlist", {"idea_ids": shortlist})
        for member in members:
            await member.cmd("pair.confirm")
    await board.until(lambda v: all(p["confirmed"] for p in v["pairs"]))
    assert board.view["progress"] == {"done": 2, "of": 2}

    await host.cmd("phase.start", {"phase": "explain"})
    await board.until(lambda v: len(v["ideas"]) == 6)
    await host.until(lambda v: v["phase"]["name"] == "explain")  # the host's frame comes last
    for pair_id in host.view["explain"]["order"]:
        await host.cmd("explain.focus", {"pair_id": pair_id})
    await board.until(lambda v: v["progress"] == {"done": 2, "of": 2})

    await host.cmd("phase.start", {"phase": "rank"})
    ideas = [idea["id"] for idea in board.view["ideas"]]
    await people[0].until(lambda v: v["me"]["votes_left"] == 2)  # 25% of 6, rounded up
    for members in pairs.values():
        voter = members[0]
        own = {idea["id"] for idea in voter.me["pair"]["pool"]}
        others = [i for i in ideas if i not in own]
        await voter.cmd("vote.set", {"idea_id": others[0], "points": 1})
        await voter.cmd("vote.set", {"idea_id": others[1], "points": 1})
        try:
            await voter.cmd("vote.set", {"idea_id": others[2], "points": 1})
            raise AssertionError("a third vote went over the budget")
        except Refused as refused:
            assert refused.code == "limit_reached"
    assert all(idea["points"] is None for idea in board.view["ideas"])
    await host.until(lambda v: sum(i["points"] for i in v["ideas"]) == 4)
    await host.cmd("rank.reveal")
    await board.until(lambda v: all(i["points"] is not None for i in v["ideas"]))

    await host.cmd("phase.start", {"phase": "arrange"})
    top = max(board.view["ideas"], key=lambda i: i["points"])
    await host.cmd("cluster.create", {"label": "Shared records", "idea_ids": [top["id"]]})
    await host.until(lambda v: len(v["clusters"]) == 1)
    cluster_id = host.view["clusters"][0]["id"]
    await host.cmd("cluster.update", {"cluster_id": cluster_id, "owner": "Sam", "action": "Pilot"})
    await host.cmd("phase.start", {"phase": "done"})
    await board.until(lambda v: v["phase"]["name"] == "done")
    for person in people:  # on either transport, everyone sees the same
        await person.until(lambda v: v["phase"]["name"] == "done")
        assert person.view["ideas"] == people[-1].view["ideas"] == board.view["ideas"]

    async with httpx.AsyncClient() as http:
        auth = {"Authorization": f"Bearer {created['host_token']}"}
        url = f"{server.base_url}/api/sessions/{code}"
        answer = await http.get(f"{url}/export.csv", headers=auth)
        assert answer.status_code == 200
        assert "care-records" in answer.headers["content-disposition"]
        rows = list(csv.DictReader(io.StringIO(answer.text)))
        assert [r["rank"] for r in rows][:1] == ["1"]
        assert len(rows) == 6
        assert {r["cluster"] for r in rows} >= {"Shared records"}
        assert all(r["pair"].startswith("Pair ") for r in rows)
        assert not any("Person" in value for row in rows for value in row.values())
        data = (await http.get(f"{url}/export.json", headers=auth)).json()
        assert {i["id"] for i in data["ideas"]} == set(ideas)
        markdown = (await http.get(f"{url}/export.md", headers=auth)).text
        assert "Shared records" in markdown
        info = (await http.get(url)).json()
        assert info["phase"] == "done"
        assert info["participants"] == {"total": 5, "online": 5}

    await asyncio.gather(*(c.close() for c in [host, board, *people]))
