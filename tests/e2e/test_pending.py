"""The optimistic updates of web/js/pending.js, row by row, against what the server really
does: for each command the table knows, the view a client holds is given to `withPending` in
Chromium, the same command is sent for real, and what the page showed before the ack must be
what the server's view shows after it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import pytest
from playwright.sync_api import Page
from support.client import Client, create_session
from support.play import agree_shortlists
from support.server import Server

from e2e.helpers import LAPTOP, Devices, Loop

pytestmark = pytest.mark.e2e
T = TypeVar("T")
View = dict[str, Any]

PREDICT = """async ([view, cmd]) => {
  const { withPending } = await import('/static/js/pending.js');
  return withPending(view, [cmd]);
}"""


@pytest.fixture
def loop() -> Iterator[Loop]:
    runner = Loop()
    yield runner
    runner.stop()


def strip(value: Any) -> Any:
    """The view without the marks pending.js adds (`pending`: the command on its way)."""
    if isinstance(value, dict):
        return {k: strip(v) for k, v in value.items() if k != "pending"}
    if isinstance(value, list):
        return [strip(v) for v in value]
    return value


# what each command changes, as a person sees it
def own_texts(v: View) -> Any:
    return [i["text"] for i in v["me"]["ideas"]]


def own_ideas(v: View) -> Any:
    return [(i["id"], i["text"]) for i in v["me"]["ideas"]]


def pool_texts(v: View) -> Any:
    return [i["text"] for i in v["me"]["pair"]["pool"]]


def shortlist(v: View) -> Any:
    return v["me"]["pair"]["shortlist"], sorted(v["me"]["pair"]["confirmed"])


def ballot(v: View) -> Any:
    return v["me"]["votes"], v["me"]["votes_left"]


def arranged(v: View) -> Any:
    return (
        [(k["id"], k["label"], k["owner"], k["action"], k["idea_ids"]) for k in v["clusters"]],
        [(i["id"], i["cluster_id"], bool(i.get("hidden"))) for i in v["ideas"]],
    )


class Check:
    def __init__(self, page: Page, loop: Loop) -> None:
        self.page, self.loop = page, loop
        self.names: set[str] = set()

    def __call__(
        self,
        client: Client,
        name: str,
        args: dict[str, Any],
        seen: Callable[[dict[str, Any]], Any],
    ) -> None:
        """`seen(view)`: the part of the view the command changes, as a person sees it."""
        before = self.loop.run(client.sync())  # the view as it stands, every earlier change in
        cmd = {"id": f"pending-{len(self.names)}", "name": name, "args": args}
        shown = self.page.evaluate(PREDICT, [before, cmd])
        self.loop.run(client.cmd(name, args))
        after = self.loop.run(client.sync())
        assert seen(strip(shown)) == seen(after), (name, args)
        assert seen(shown) != seen(before) or name == "cluster.update", f"{name} showed nothing"
        self.names.add(name)


def test_every_optimistic_update_matches_the_server(
    server: Server, devices: Devices, loop: Loop
) -> None:
    page = devices.open("lab", f"{server.base_url}/", LAPTOP).page
    check = Check(page, loop)
    room = loop.run(create_session(server.base_url, settings={"rank": {"budget": 3}}))
    code = room["code"]
    host = loop.run(Client.open(server.ws_url, code, role="host", token=room["host_token"]))
    people = [
        loop.run(Client.open(server.ws_url, code, name=n, org=o))
        for n, o in (("Ana", "NHS"), ("Bo", "Council"), ("Cy", "NHS"), ("Di", "Council"))
    ]
    ana = people[0]

    # Own: add, edit, delete on the author's own list (an added idea shows by its text)
    loop.run(host.cmd("phase.start", {"phase": "own"}))
    check(ana, "idea.add", {"text": "A rota for the weekend"}, own_texts)
    for person in people:
        loop.run(person.cmd("idea.add", {"text": f"{person.me['name']}'s idea"}))
    loop.run(ana.until(lambda v: len(v["me"]["ideas"]) == 2))
    first = ana.me["ideas"][0]["id"]
    check(ana, "idea.edit", {"idea_id": first, "text": "A rota for every weekend"}, own_ideas)
    check(ana, "idea.delete", {"idea_id": ana.me["ideas"][1]["id"]}, own_ideas)

    # Pair: the pool, the shortlist (which clears confirmations), a confirmation
    loop.run(host.cmd("phase.start", {"phase": "pair"}))
    loop.run(ana.until(lambda v: v["me"]["pair"] is not None))
    check(ana, "pair.write", {"text": "Our merged idea"}, pool_texts)
    ids = [i["id"] for i in ana.me["pair"]["pool"]]
    check(ana, "pair.shortlist", {"idea_ids": ids[:2]}, shortlist)
    check(ana, "pair.confirm", {}, shortlist)
    partner = next(p for p in people[1:] if p.me["pair"]["id"] == ana.me["pair"]["id"])
    loop.run(partner.until(lambda v: bool(v["me"]["pair"]["confirmed"])))
    loop.run(partner.cmd("pair.confirm"))
    loop.run(ana.until(lambda v: len(v["me"]["pair"]["confirmed"]) == 2))
    check(ana, "pair.shortlist", {"idea_ids": ids[1::-1]}, shortlist)  # a change clears both
    for person in (ana, partner):
        loop.run(person.cmd("pair.confirm"))
    loop.run(agree_shortlists([p for p in people if p not in (ana, partner)]))

    # Rank: the ballot and the budget left, on another pair's idea
    loop.run(host.cmd("phase.start", {"phase": "explain"}))
    loop.run(host.cmd("phase.start", {"phase": "rank"}))
    board = loop.run(ana.until(lambda v: len(v["ideas"]) > 2))["ideas"]
    other = next(i for i in board if i["pair_id"] != ana.me["pair"]["id"])
    check(ana, "vote.set", {"idea_id": other["id"], "points": 1}, ballot)
    check(ana, "vote.set", {"idea_id": other["id"], "points": 0}, ballot)

    # Arrange, on the console: place, rename, hide, delete
    loop.run(host.cmd("rank.reveal"))
    loop.run(host.cmd("phase.start", {"phase": "arrange"}))
    for label in ("Weekends", "Rotas"):
        loop.run(host.cmd("cluster.create", {"label": label}))
    view = loop.run(host.until(lambda v: len(v["clusters"]) == 2))
    c1, c2 = (c["id"] for c in view["clusters"])
    a, b, c = (i["id"] for i in view["ideas"][:3])
    check(host, "idea.place", {"idea_id": a, "cluster_id": c1}, arranged)
    check(host, "idea.place", {"idea_id": b, "cluster_id": c1, "index": 0}, arranged)
    check(host, "idea.place", {"idea_id": a, "cluster_id": c2}, arranged)
    check(host, "idea.place", {"idea_id": b, "cluster_id": None}, arranged)
    check(host, "cluster.update", {"cluster_id": c1, "label": "Weekend cover"}, arranged)
    check(host, "cluster.update", {"cluster_id": c1, "owner": "Bo", "action": "Draft"}, arranged)
    check(host, "idea.hide", {"idea_id": c}, arranged)
    check(host, "cluster.delete", {"cluster_id": c2}, arranged)

    table = set(
        page.evaluate("async () => Object.keys((await import('/static/js/pending.js')).PENDING)")
    )
    assert check.names == table, "every row of pending.js is checked here"
    for client in (host, *people):
        loop.run(client.close())


def test_a_command_stays_shown_until_its_own_frame(server: Server, devices: Devices) -> None:
    """A batch may arrive as a public frame, then the connection's own one, with one seq: a
    vote acknowledged at seq 5 stays shown after the public frame of seq 5 and goes with the
    frame that carries `me` (else the button would flicker back, and a second press in that
    moment would vote again); an arrangement by the host goes with any frame of its seq."""
    page = devices.open("lab", f"{server.base_url}/", LAPTOP).page
    got = page.evaluate(
        """async () => {
      const { CommandQueue } = await import('/static/js/queue.js');
      const q = new CommandQueue(null, 'lab');
      const names = () => q.pending().map((c) => c.name);
      const vote = q.add('vote.set', { idea_id: 'i1', points: 1 });
      const place = q.add('idea.place', { idea_id: 'i1', cluster_id: null });
      const out = [names()];
      q.applied(q.take(vote.id), 5);
      q.applied(q.take(place.id), 5);
      out.push(names());
      q.seen(5, false);
      out.push(names());
      q.seen(5, true);
      out.push(names());
      // acknowledged after its own frame came: nothing left to show
      const late = q.add('vote.set', { idea_id: 'i2', points: 1 });
      q.applied(q.take(late.id), 5);
      out.push(names());
      return out;
    }"""
    )
    assert got == [
        ["vote.set", "idea.place"],
        ["vote.set", "idea.place"],
        ["vote.set"],
        [],
        [],
    ]
