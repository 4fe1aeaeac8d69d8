"""No connection ever receives text or totals it may not see, checked on the raw frames."""

import asyncio

from support.client import Client, create_session
from support.server import Server


def received(client: Client, text: str) -> bool:
    return any(text in frame for frame in client.frames)


async def test_texts_reach_only_author_then_pair_then_board(server: Server) -> None:
    created = await create_session(server.base_url)
    code = created["code"]
    host = await Client.open(server.ws_url, code, "host", token=created["host_token"])
    board = await Client.open(server.ws_url, code, "board")
    orgs = ["A", "B", "A", "B"]
    people = [await Client.open(server.ws_url, code, name=f"N{i}", org=orgs[i]) for i in range(4)]
    await host.cmd("phase.start", {"phase": "own"})
    for i, person in enumerate(people):
        await person.cmd("idea.add", {"text": f"secret-{i}-kept"})
        await person.cmd("idea.add", {"text": f"secret-{i}-dropped"})
    await host.until(lambda v: v["progress"]["done"] == 4)
    await asyncio.sleep(0.3)
    for i, person in enumerate(people):
        assert [idea["text"] for idea in person.me["ideas"]] == [
            f"secret-{i}-kept",
            f"secret-{i}-dropped",
        ]
        for j, other in enumerate([host, board, *people]):
            if other is not person:
                assert not received(other, f"secret-{i}-"), (i, j)

    await host.cmd("phase.start", {"phase": "pair"})
    for person in people:
        await person.until(lambda v: v["me"]["pair"] is not None)
    partner = {}
    for person in people:
        mates = [p for p in people if p.me["pair"]["id"] == person.me["pair"]["id"]]
        partner[person] = [p for p in mates if p is not person]
        # pair members see each other's names; the board does not
        names = {m["name"] for m in person.me["pair"]["members"]}
        assert names == {p.welcome["you"]["name"] for p in mates}
    await board.until(lambda v: len(v["pairs"]) == len(people) // 2)
    await host.until(lambda v: len(v["pairs"]) == len(people) // 2)
    assert all(p["members"] == [] for p in board.view["pairs"])
    assert all(len(p["members"]) == 2 for p in host.view["pairs"])
    await asyncio.sleep(0.3)
    for i, person in enumerate(people):
        outsiders = [p for p in people if p is not person and p not in partner[person]]
        for mate in partner[person]:
            assert received(mate, f"secret-{i}-kept")
        for other in [host, board, *outsiders]:
            assert not received(other, f"secret-{i}-"), i
    for person in people:
        if person.me["pair"]["shortlist"]:
            continue
        kept = [i["id"] for i in person.me["pair"]["pool"] if i["text"].endswith("-kept")]
        await person.cmd("pair.shortlist", {"idea_ids": kept})
        for mate in [person, *partner[person]]:
            await mate.until(lambda v, kept=kept: v["me"]["pair"]["shortlist"] == kept)
            await mate.cmd("pair.confirm")

    await host.cmd("phase.start", {"phase": "explain"})
    await board.until(lambda v: len(v["ideas"]) == 4)
    await host.cmd("phase.start", {"phase": "rank"})
    await asyncio.sleep(0.3)
    for i in range(4):
        assert received(board, f"secret-{i}-kept")
        for other in [host, board]:
            assert not received(other, f"secret-{i}-dropped")
    voter = people[0]
    target = next(i for i in board.view["ideas"] if i["pair_id"] != voter.me["pair"]["id"])
    await voter.cmd("vote.set", {"idea_id": target["id"], "points": 1})
    await host.until(lambda v: any(i["points"] == 1 for i in v["ideas"]))
    await asyncio.sleep(0.3)
    for client in [board, *people]:
        assert all(i["points"] is None and i["rank"] is None for i in client.view["ideas"])
        assert not any('"points":1' in frame for frame in client.frames)
    await host.cmd("rank.reveal")
    await board.until(lambda v: any(i["points"] == 1 for i in v["ideas"]))
    await asyncio.gather(*(c.close() for c in [host, board, *people]))
