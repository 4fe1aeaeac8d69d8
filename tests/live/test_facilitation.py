"""Issue 12's server side over real WebSockets and HTTP: undoing a shuffle, "I'm done" in
Own with the host's idea counts, the host's organisations, ties in the same order on the
board and in the CSV."""

from __future__ import annotations

import csv
import io

import httpx
from support.client import Client, create_session
from support.play import agree_shortlists, views_match_sync
from support.server import Server


async def open_session(
    server: Server, count: int, org_names: list[str | None] | None = None, **settings: object
) -> tuple[dict[str, str], Client, Client, list[Client]]:
    created = await create_session(server.base_url, settings=settings)
    code, ws = created["code"], server.ws_url
    host = await Client.open(ws, code, "host", token=created["host_token"])
    board = await Client.open(ws, code, "board")
    names = org_names or [None]
    people = [
        await Client.open(ws, code, name=f"P{i}", org=names[i % len(names)]) for i in range(count)
    ]
    return created, host, board, people


async def close(*clients: Client) -> None:
    for client in clients:
        await client.close()


def partners(clients: list[Client]) -> dict[str, list[str]]:
    return {c.pid: sorted(m["id"] for m in c.me["pair"]["members"]) for c in clients}


async def test_a_shuffle_is_undone_for_everyone_until_someone_changes_a_pair(
    server: Server,
) -> None:
    _, host, board, people = await open_session(server, 6, ["NHS", "Council", "Charity"])
    await host.cmd("phase.start", {"phase": "own"})
    for person in people:
        await person.cmd("idea.add", {"text": f"idea of {person.pid}"})
    await host.cmd("phase.start", {"phase": "pair"})
    await agree_shortlists(people, size=1)
    await board.until(lambda v: all(p["confirmed"] for p in v["pairs"]))
    before = partners(people)
    shortlists = {p.pid: p.me["pair"]["shortlist"] for p in people}
    await host.cmd("pairs.shuffle")
    await board.until(lambda v: not any(p["confirmed"] for p in v["pairs"]))
    await host.cmd("pairs.unshuffle")
    for person in people:
        await person.until(lambda v: v["me"]["pair"] is not None and v["me"]["pair"]["confirmed"])
    assert partners(people) == before
    assert {p.pid: p.me["pair"]["shortlist"] for p in people} == shortlists
    await board.until(lambda v: all(p["confirmed"] for p in v["pairs"]))
    again = await host.request("pairs.unshuffle")
    assert again["type"] == "error" and again["code"] == "conflict"

    await host.cmd("pairs.shuffle")
    first = people[0]
    await first.until(lambda v: not v["me"]["pair"]["confirmed"])
    await first.cmd("pair.write", {"text": "a merged idea"})
    refused = await host.request("pairs.unshuffle")
    assert refused["type"] == "error" and refused["code"] == "conflict"
    assert "changed since" in refused["message"]
    await views_match_sync([host, board, *people])
    await close(host, board, *people)


async def test_im_done_counts_in_own_and_the_host_sees_counts_not_texts(server: Server) -> None:
    _, host, board, people = await open_session(server, 3)
    await host.cmd("phase.start", {"phase": "own"})
    a, b, _c = people
    await a.cmd("idea.add", {"text": "private thought one"})
    await a.cmd("idea.add", {"text": "private thought two"})
    await a.cmd("own.done", {"done": True})
    await b.cmd("own.done", {"done": True})
    await board.until(lambda v: v["progress"] == {"done": 1, "of": 3, "finished": 2})
    await b.cmd("own.done", {"done": False})  # the second tap
    await board.until(lambda v: v["progress"]["finished"] == 1)
    await a.until(lambda v: v["me"]["own_done"] is True)
    # the host's list says who is done and how many ideas each wrote (the host may get the
    # second tap a moment after the board: wait for it, do not race it)
    await host.until(
        lambda v: (
            [(p["ideas"], p["own_done"]) for p in v["participants"]["list"]]
            == [(2, True), (0, False), (0, False)]
        )
    )
    assert not any("private thought" in frame for frame in host.frames + board.frames)
    refused = await host.request("own.done", {"done": True})
    assert refused["code"] == "forbidden"
    await views_match_sync([host, board, *people])
    await close(host, board, *people)


async def test_the_hosts_organisations_are_one_whatever_the_case(server: Server) -> None:
    orgs = ["City Council", "Health Board"]
    _, host, _board, people = await open_session(
        server, 4, ["city council", " CITY  COUNCIL ", "Parents' Forum", None], orgs={"list": orgs}
    )
    assert people[0].view["session"]["settings"]["orgs"]["list"] == orgs
    view = await host.until(lambda v: len(v["participants"]["list"]) == 4)
    assert [p["org"] for p in view["participants"]["list"]] == [
        "City Council",
        "City Council",
        "Parents' Forum",
        None,
    ]
    assert people[1].me["org"] == "City Council"
    await close(host, _board, *people)


async def test_ties_come_in_the_same_order_on_the_board_and_in_the_csv(server: Server) -> None:
    settings = {"rank": {"voter": "person", "budget": 3, "max_per_idea": 2, "own_pair_max": 3}}
    created, host, board, people = await open_session(
        server, 6, ["NHS", "NHS", "Council", "Council", "Charity", "Charity"], **settings
    )
    await host.cmd("phase.start", {"phase": "own"})
    for person in people:
        await person.cmd("idea.add", {"text": f"idea of {person.pid}"})
    await host.cmd("phase.start", {"phase": "pair"})
    await agree_shortlists(people, size=1)
    await host.cmd("phase.start", {"phase": "explain"})
    await host.cmd("phase.start", {"phase": "rank"})
    view = await board.until(lambda v: len(v["ideas"]) == 3)
    first, second, third = (idea["id"] for idea in view["ideas"])
    nhs = [p for p in people if p.me["org"] == "NHS"]
    others = [p for p in people if p.me["org"] != "NHS"]
    await nhs[0].cmd("vote.set", {"idea_id": first, "points": 2})  # 2 points, 1 ballot
    await nhs[0].cmd("vote.set", {"idea_id": second, "points": 1})  # 2 points, 2 ballots, 1 org
    await nhs[1].cmd("vote.set", {"idea_id": second, "points": 1})
    await others[0].cmd("vote.set", {"idea_id": third, "points": 1})  # 2 ballots, 2 orgs
    await next(p for p in others if p.me["org"] != others[0].me["org"]).cmd(
        "vote.set", {"idea_id": third, "points": 1}
    )
    await host.cmd("rank.reveal")
    view = await board.until(lambda v: all(i["place"] is not None for i in v["ideas"]))
    assert [i["rank"] for i in view["ideas"]] == [1, 1, 1]
    shown = [i["id"] for i in sorted(view["ideas"], key=lambda i: i["place"])]
    async with httpx.AsyncClient() as http:
        answer = await http.get(
            f"{server.base_url}/api/sessions/{created['code']}/export.csv",
            headers={"Authorization": f"Bearer {created['host_token']}"},
        )
    exported = [row["id"] for row in csv.DictReader(io.StringIO(answer.text))]
    assert shown == exported == [third, second, first]
    await close(host, board, *people)
