"""A whole breakout event over real WebSockets (PROTOCOL v2): 3 groups of 4 to 5 people from
3 organisations, every phase including the plenary, a latecomer, group.move, the plenary vote
with the own-group cap, the exports; privacy checked on every raw frame."""

import asyncio
import csv
import io

import httpx
from support.client import Client, create_session
from support.play import EVENT, Event, agree_shortlists, views_match_sync
from support.server import Server


def received(client: Client, text: str) -> bool:
    return any(text in frame for frame in client.frames)


async def play_event(event: Event, base_url: str, created: dict[str, str]) -> None:
    host, board, people = event.host, event.board, event.people
    await event.form()
    sizes = sorted(g["size"] for g in host.view["groups"])
    assert sizes == [4, 5, 5]
    # group.move in the lobby: the mover gets a fresh state with their new group
    small = next(g["id"] for g in host.view["groups"] if g["size"] == 4)
    mover = next(p for p in people if event.group_of(p) != small)
    target = small
    await host.cmd("group.move", {"participant_id": mover.pid, "group_id": target})
    await mover.until(lambda v: v["me"]["group"]["id"] == target)
    await host.until(lambda v: sorted(g["size"] for g in v["groups"]) == [4, 5, 5])
    await event.own()
    # a latecomer waits, is let in and lands in the smallest group
    late = await Client.open(event.ws_urls[-1], event.code, name="Latecomer", org="Council")
    assert late.me["waiting"] is True and late.me["group"] is None
    await host.until(lambda v: any(p["waiting"] for p in v["participants"]["list"]))
    smallest = min(g["size"] for g in host.view["groups"])
    await host.cmd("participant.admit", {"participant_id": late.pid})
    await late.until(lambda v: v["me"]["waiting"] is False and v["me"]["group"] is not None)
    await host.until(lambda v: v["participants"]["total"] == 15)
    assert {g["size"] for g in host.view["groups"]} == {5}
    assert smallest == 4
    people.append(late)
    await event.write(late, 2)
    await host.cmd("phase.start", {"phase": "pair"})
    await agree_shortlists(people, size=2)
    await board.until(lambda v: v["progress"]["done"] == v["progress"]["of"] > 0)
    assert board.view["pairs"] == [] and board.view["ideas"] == []
    await event.explain()
    await board.until(
        lambda v: all(g["progress"]["done"] == g["progress"]["of"] for g in v["groups"])
    )
    await event.rank()
    await host.until(lambda v: v["progress"] == {"done": 15, "of": 15})
    await asyncio.sleep(0.3)
    # before the plenary: nobody received another group's text, pair or progress
    groups = {person.pid: event.group_of(person) for person in people}
    for person in people:
        for text, author in event.texts.items():
            if groups[author] != groups[person.pid]:
                assert not received(person, text), (person.pid, text)
        assert person.view["groups"] == []  # no other group's progress either
    await host.cmd("rank.reveal")
    await host.cmd("phase.start", {"phase": "plenary"})
    await board.until(lambda v: v["phase"]["name"] == "plenary" and len(v["ideas"]) == 6)
    plenary = [i["id"] for i in board.view["ideas"]]
    assert [i["group_rank"] for i in board.view["ideas"]][:1] == [1]
    assert all(i["points"] is None for i in board.view["ideas"])
    for person in people:
        await person.until(lambda v: v["phase"]["name"] == "plenary" and v["me"]["votes_left"] == 3)
        assert [i["id"] for i in person.view["ideas"]] == plenary
    # the plenary vote, with the own-group cap
    voter = people[1]
    own = [i["id"] for i in voter.view["ideas"] if i["group_id"] == event.group_of(voter)]
    other = [i["id"] for i in voter.view["ideas"] if i["group_id"] != event.group_of(voter)]
    await voter.cmd("vote.set", {"idea_id": own[0], "points": 1})
    refused = await voter.request("vote.set", {"idea_id": own[1], "points": 1})
    assert refused["code"] == "limit_reached"
    await voter.cmd("vote.set", {"idea_id": other[0], "points": 1})
    for person in people[2:]:
        await person.cmd(
            "vote.set", {"idea_id": other[-1] if person is not late else plenary[0], "points": 1}
        )
    await host.until(lambda v: v["progress"]["done"] >= 14)
    await host.cmd("plenary.focus", {"group_id": board.view["ideas"][0]["group_id"]})
    await host.cmd("rank.reveal")
    await board.until(lambda v: all(i["points"] is not None for i in v["ideas"]))
    await host.cmd("phase.start", {"phase": "arrange"})
    await host.cmd("cluster.create", {"label": "Together", "idea_ids": plenary[:2]})
    await host.cmd("notice.set", {"text": "Thank you all"})
    await host.cmd("phase.start", {"phase": "done"})
    await board.until(lambda v: v["session"]["notice"] is not None)
    # ideas that did not reach the plenary never reached another group's members
    on_plenary = {i["text"] for i in board.view["ideas"]}
    for person in people:
        for text, author in event.texts.items():
            if groups[author] != groups[person.pid] and text not in on_plenary:
                assert not received(person, text), (person.pid, text)
    # who is online crosses processes at the presence beat (two intervals at most)
    for viewer in (host, board):
        await viewer.until(lambda v: v["participants"]["online"] == len(people), timeout=10)
    await views_match_sync([host, board, *people])
    async with httpx.AsyncClient() as http:
        auth = {"Authorization": f"Bearer {created['host_token']}"}
        url = f"{base_url}/api/sessions/{event.code}"
        rows = list(
            csv.DictReader(io.StringIO((await http.get(f"{url}/export.csv", headers=auth)).text))
        )
        assert len(rows) == 12  # every idea that reached a group's board
        assert all(r["plenary_rank"] for r in rows[:6]) and not any(
            r["plenary_rank"] for r in rows[6:]
        )
        assert {r["group"] for r in rows} == {"Group 1", "Group 2", "Group 3"}
        data = (await http.get(f"{url}/export.json", headers=auth)).json()
        assert sorted(g["size"] for g in data["groups"]) == [5, 5, 5]
        markdown = (await http.get(f"{url}/export.md", headers=auth)).text
        assert markdown.index("## Plenary") < markdown.index("## Group 1")


async def test_a_whole_breakout_event_over_websockets(server: Server) -> None:
    created = await create_session(server.base_url, title="Community day", settings=EVENT)
    event = await Event.open(created, [server.ws_url])
    try:
        await play_event(event, server.base_url, created)
    finally:
        await event.close()
