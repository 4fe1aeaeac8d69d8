"""No connection ever receives text or totals it may not see, checked on the raw frames."""

import asyncio
import random
import re

import pytest
from support.client import Client, create_session
from support.server import Server, serve


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


async def play_random_breakout(server: Server, seed: int) -> None:
    """A breakout event of random people, organisations and group size, every person doing
    random work of each phase at the same time; then each participant's raw frames are read."""
    rng = random.Random(seed)
    count, size = rng.randint(10, 16), rng.randint(4, 6)
    orgs = [rng.choice(["Health Board", "Council", "Union", None]) for _ in range(count)]
    settings = {
        "groups": {"size": size},
        "rank": {"voter": "person", "budget": 2, "own_pair_max": 1},
        "plenary": {"top": 1, "budget": 2, "own_group_max": 1},
    }
    created = await create_session(server.base_url, settings=settings)
    code = created["code"]
    host = await Client.open(server.ws_url, code, "host", token=created["host_token"])
    people = [
        await Client.open(server.ws_url, code, name=f"R{seed}n{i}", org=orgs[i])
        for i in range(count)
    ]
    author: dict[str, Client] = {}

    async def own(person: Client, index: int) -> None:
        await person.until(lambda v: v["me"].get("group") is not None)
        written = rng.randint(1, 3)
        for k in range(written):
            text = f"tok{seed}x{index}x{k}q"
            await person.cmd("idea.add", {"text": text})
            author[text] = person
        await person.until(lambda v: len(v["me"]["ideas"]) == written)
        if rng.random() < 0.5:  # an edit: the new text must stay as private as the old
            first = person.me["ideas"][0]
            text = f"tok{seed}x{index}xeditq"
            await person.cmd("idea.edit", {"idea_id": first["id"], "text": text})
            author[text] = person

    await host.cmd("phase.start", {"phase": "own"})
    await asyncio.gather(*(own(p, i) for i, p in enumerate(people)))
    await host.cmd("phase.start", {"phase": "pair"})

    async def pair(person: Client) -> None:
        await person.until(lambda v: v["me"]["pair"] is not None and bool(v["me"]["pair"]["pool"]))
        pool = [i["id"] for i in person.me["pair"]["pool"]]
        if not person.me["pair"]["shortlist"]:
            pick = rng.sample(pool, rng.randint(1, min(2, len(pool))))
            await person.request("pair.shortlist", {"idea_ids": pick})
        await person.until(lambda v: bool(v["me"]["pair"]["shortlist"]))
        await person.cmd("pair.confirm")

    await asyncio.gather(*(pair(p) for p in people))
    await host.cmd("phase.start", {"phase": "explain"})
    await host.cmd("phase.start", {"phase": "rank"})

    async def vote(person: Client) -> None:
        await person.until(lambda v: v["phase"]["name"] == "rank" and bool(v["me"]["votes_left"]))
        mine = person.me["pair"]["id"] if person.me["pair"] else None
        ideas = [i["id"] for i in person.view["ideas"] if i["pair_id"] != mine]
        for idea in rng.sample(ideas, min(2, len(ideas))):
            await person.request("vote.set", {"idea_id": idea, "points": 1})

    await asyncio.gather(*(vote(p) for p in people))
    await host.until(lambda v: v["progress"]["done"] > 0)
    await asyncio.sleep(0.3)
    before_plenary = {p: len(p.frames) for p in people}
    await host.cmd("phase.start", {"phase": "plenary"})
    await asyncio.sleep(0.3)
    groups = {p: p.me["group"]["id"] for p in people}
    for person in people:
        seen = "".join(person.frames[: before_plenary[person]])
        for text, writer in author.items():
            if groups[writer] != groups[person]:
                assert text not in seen, (seed, person.pid, text)
        # no totals before a reveal, of any group (its own included)
        for frame in person.frames[: before_plenary[person]]:
            assert not re.search(r'"points":[1-9]', frame), (seed, person.pid, frame[:300])
    plenary = {i["text"] for i in people[0].view["ideas"]}
    for person in people:  # from the plenary on, only what reached it is shown around
        later = "".join(person.frames[before_plenary[person] :])
        for text, writer in author.items():
            if groups[writer] != groups[person] and text not in plenary:
                assert text not in later, (seed, person.pid, text)
    await asyncio.gather(*(c.close() for c in [host, *people]))


@pytest.mark.parametrize("seed", [1, 2, 3])
async def test_random_breakout_sessions_show_no_group_anothers_work_on_any_frame(
    seed: int,
) -> None:
    """Version 2's privacy on the wire: before the plenary a participant receives no other
    group's texts and no totals; from it, only the ideas that reached it. One seed runs with
    every step of a push a slice of its own."""
    env = {"OPERA_PUSH_SLICE": "0"} if seed == 3 else {}
    with serve("memory://", env=env) as srv:
        await play_random_breakout(srv, seed)
