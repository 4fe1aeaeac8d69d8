"""Steps of a session that many tests share, played by real clients."""

from __future__ import annotations

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
