"""Steps of a session that many tests share, played by real clients."""

from __future__ import annotations

import asyncio

import jsonpatch

from support.client import Client


async def agree_shortlists(people: list[Client], size: int | None = None) -> None:
    """Pair: in every pair one member puts the first `size` pool ideas (all by default) on
    the shortlist, and every member confirms it once they see it."""
    for person in people:
        await person.until(lambda v: v["me"]["pair"] is not None)
    done: set[str] = set()
    for person in people:
        pair = person.me["pair"]
        if pair["id"] in done:
            continue
        done.add(pair["id"])
        shortlist = [idea["id"] for idea in pair["pool"]][:size]
        await person.cmd("pair.shortlist", {"idea_ids": shortlist})
    for person in people:
        await person.until(lambda v: bool(v["me"]["pair"]["shortlist"]))
        await person.cmd("pair.confirm")


ORGS = ["Health Board", "Council", "Charity"]
EVENT = {
    "groups": {"size": 5},
    "rank": {"voter": "person", "budget": 2, "own_pair_max": 1},
    "plenary": {"top": 2, "budget": 3, "own_group_max": 1},
}


class Event:
    """A breakout event played by real clients: 14 people from 3 organisations in 3 groups,
    spread over the given servers' WebSocket addresses (one process, or several)."""

    def __init__(
        self, code: str, ws_urls: list[str], host: Client, board: Client, people: list[Client]
    ) -> None:
        self.code = code
        self.ws_urls = ws_urls
        self.host = host
        self.board = board
        self.people = people
        self.texts: dict[str, str] = {}  # idea text -> its author's pid

    @classmethod
    async def open(cls, created: dict[str, str], ws_urls: list[str], count: int = 14) -> Event:
        code = created["code"]
        host = await Client.open(ws_urls[0], code, "host", token=created["host_token"])
        board = await Client.open(ws_urls[-1], code, "board")
        people = [
            await Client.open(
                ws_urls[i % len(ws_urls)], code, name=f"Person{i:02d}", org=ORGS[i % len(ORGS)]
            )
            for i in range(count)
        ]
        return cls(code, ws_urls, host, board, people)

    async def close(self) -> None:
        """Close every client, so a failed test leaves no open socket for the next one."""
        clients = [self.host, self.board, *self.people]
        await asyncio.gather(*(c.close() for c in clients), return_exceptions=True)

    def group_of(self, person: Client) -> str:
        group: str = person.me["group"]["id"]
        return group

    def members(self, group_id: str) -> list[Client]:
        return [p for p in self.people if p.me["group"]["id"] == group_id]

    async def form(self) -> None:
        await self.host.cmd("groups.form")
        for person in self.people:
            await person.until(lambda v: v["me"].get("group") is not None)
        # the host's frame of a push goes out after the phones' (hub.py): wait for it too
        everyone = len(self.people)
        await self.host.until(lambda v: sum(g["size"] for g in v["groups"]) == everyone)

    async def own(self, each: int = 2) -> None:
        await self.host.cmd("phase.start", {"phase": "own"})
        for person in self.people:
            await self.write(person, each)

    async def write(self, person: Client, each: int) -> None:
        for n in range(each):
            text = f"secret {person.pid} number {n}"
            await person.cmd("idea.add", {"text": text})
            self.texts[text] = person.pid

    async def explain(self) -> None:
        """Each group steps through its own pairs, sent by one of its members."""
        await self.host.cmd("phase.start", {"phase": "explain"})
        for group in {self.group_of(p) for p in self.people}:
            speaker = self.members(group)[0]
            await speaker.until(lambda v: v["phase"]["name"] == "explain")
            for pair_id in speaker.view["explain"]["order"]:
                await speaker.cmd("explain.focus", {"pair_id": pair_id})

    async def rank(self) -> None:
        """Everyone gives a point to the first idea on their group's board not of their pair."""
        await self.host.cmd("phase.start", {"phase": "rank"})
        for person in self.people:
            await person.until(lambda v: v["phase"]["name"] == "rank" and v["me"]["votes_left"])
            mine = person.me["pair"]["id"] if person.me["pair"] else None
            idea = next(i["id"] for i in person.view["ideas"] if i["pair_id"] != mine)
            await person.cmd("vote.set", {"idea_id": idea, "points": 1})


async def views_match_sync(clients: list[Client]) -> None:
    """The patch invariant: once the room has been quiet for a second, every client's patched
    view equals the view a fresh `sync` returns."""
    await asyncio.sleep(1.2)
    for client in clients:
        patched = client.snapshot()
        fresh = await client.sync()
        diff = jsonpatch.make_patch(patched, fresh).patch
        assert not diff, (client.welcome.get("you", client.welcome.get("role")), diff[:5])
