"""A push in slices (hub.py): with `OPERA_PUSH_SLICE=0` every step of a push is a slice of
its own, so the commands of a burst are read and folded between the steps of nearly every
push, and the steps that follow build from a room that moved on. Whatever a step sends
must still hold exactly what its seq says: every client's patches apply in order with
seqs that never go back, the patched views equal a fresh `sync` in every phase of a
breakout event with its plenary, and no one ever receives another group's ideas."""

import asyncio
import json

from support.client import Client, create_session
from support.play import EVENT, Event, agree_shortlists, views_match_sync
from support.server import serve

SLICED = {"OPERA_PUSH_SLICE": "0", "OPERA_PUSH_INTERVAL": "0.02"}


def patch_seqs(client: Client) -> list[int]:
    frames = (json.loads(text) for text in client.frames)
    return [frame["seq"] for frame in frames if frame["type"] == "patch"]


async def burst_of_votes(people: list[Client], points: int) -> None:
    async def vote(person: Client) -> None:
        await person.until(lambda v: bool(v["me"]["votes_left"]))
        group = person.me["group"]["id"] if person.view["plenary"] else None
        mine = person.me["pair"]["id"] if person.me["pair"] else None
        ideas = [
            i["id"]
            for i in person.view["ideas"]
            if (i["group_id"] != group if group else i["pair_id"] != mine)
        ]
        for idea in ideas[:points]:
            await person.cmd("vote.set", {"idea_id": idea, "points": 1})

    await asyncio.gather(*(vote(p) for p in people))


async def test_a_push_in_slices_keeps_every_view_whole() -> None:
    with serve("memory://", env=SLICED) as srv:
        created = await create_session(srv.base_url, settings=EVENT)
        event = await Event.open(created, [srv.ws_url])
        host, board, people = event.host, event.board, event.people
        clients = [host, board, *people]
        try:
            await event.form()
            await host.cmd("phase.start", {"phase": "own"})
            await asyncio.gather(*(event.write(p, 4) for p in people))
            await views_match_sync(clients)
            await host.cmd("phase.start", {"phase": "pair"})
            await agree_shortlists(people, size=2)
            await views_match_sync(clients)
            await host.cmd("phase.start", {"phase": "rank"})
            await burst_of_votes(people, 2)
            await views_match_sync(clients)
            await host.cmd("phase.start", {"phase": "plenary"})
            await burst_of_votes(people, 2)
            await host.until(lambda v: v["progress"]["done"] == len(people))
            await views_match_sync(clients)
            for client in clients:
                seqs = patch_seqs(client)
                assert seqs == sorted(seqs), client.welcome.get("role")
            for person in people:  # before the plenary, only one's own group's texts
                own_group = {p.pid for p in event.members(event.group_of(person))}
                before_plenary = "".join(
                    person.frames[
                        : person.frames.index(
                            next(f for f in person.frames if '"plenary":{"current"' in f)
                        )
                    ]
                )
                for text, author in event.texts.items():
                    if author not in own_group:
                        assert text not in before_plenary, (person.pid, text)
        finally:
            await event.close()
