"""A phone whose WebSockets are refused takes part over the HTTP fallback (SSE + POST):
it joins, writes, votes and resumes after going offline, and shows only a small mark.

Every WebSocket the phone opens is closed at once by the browser's own routing (as by a
proxy that strips upgrades); the host and a second participant are protocol clients on
WebSockets, so both transports meet in one room.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Page, WebSocketRoute, expect
from support.client import Client
from support.server import Server

from e2e.helpers import PHONE, Devices, Loop, Room

pytestmark = pytest.mark.e2e

BANNER = "Reconnecting… your ideas are safe on this phone"


@pytest.fixture
def loop() -> Iterator[Loop]:
    runner = Loop()
    yield runner
    runner.stop()


def add_idea(page: Page, text: str) -> None:
    page.get_by_role("textbox", name="Your idea").fill(text)
    page.get_by_role("button", name="Add idea").click()


def test_a_phone_without_websockets_takes_part_over_the_fallback(
    server: Server, devices: Devices, make_room: Callable[..., Room], loop: Loop
) -> None:
    room = make_room()
    host = loop.run(Client.open(server.ws_url, room.code, "host", token=room.host_token))
    ben = loop.run(Client.open(server.ws_url, room.code, name="Ben", org="Council"))

    context = devices.browser.new_context(viewport=PHONE)
    refused: list[str] = []

    def refuse(ws: WebSocketRoute) -> None:
        refused.append(ws.url)
        ws.close(code=1000, reason="blocked")  # as a proxy that cuts every upgrade

    context.route_web_socket("**/ws/**", refuse)
    page = context.new_page()
    streams: list[str] = []
    page.on("request", lambda r: streams.append(r.url) if "/live/" in r.url else None)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(room.join_url)
    page.get_by_role("textbox", name="Your name").fill("Aino")
    page.get_by_role("textbox", name="Organisation").fill("Health Board")
    page.get_by_role("button", name="Join").click()
    expect(page.get_by_text("You are in, Aino.")).to_be_visible(timeout=15_000)
    expect(page.get_by_text("Slow network mode")).to_be_visible()
    assert len(refused) >= 3 and any(url.endswith("/stream") for url in streams)
    loop.run(host.until(lambda v: v["participants"]["online"] == 2))

    loop.run(host.cmd("phase.start", {"phase": "own"}))
    add_idea(page, "Written over the fallback")
    expect(
        page.locator("#main .card:not(.pending) .card-text", has_text="Written over the fallback")
    ).to_have_count(1)
    loop.run(ben.cmd("idea.add", {"text": "Ben's shared rota"}))
    loop.run(ben.cmd("idea.add", {"text": "Ben's second thought"}))

    # offline: queued on the phone, sent once when the network is back, on the fallback again
    context.set_offline(True)
    expect(page.get_by_role("status").filter(has_text=BANNER)).to_be_visible()
    add_idea(page, "Written while offline")
    expect(page.locator("#main .card.pending", has_text="Written while offline")).to_be_visible()
    context.set_offline(False)
    expect(page.get_by_text(BANNER)).to_have_count(0, timeout=20_000)
    card = page.locator("#main .card:not(.pending) .card-text", has_text="Written while offline")
    expect(card).to_have_count(1)
    loop.run(host.until(lambda v: v["progress"]["done"] == 2))

    # Pair: Ben puts all four on the shortlist, both confirm (Aino on the page)
    loop.run(host.cmd("phase.start", {"phase": "pair"}))
    loop.run(ben.until(lambda v: v["me"]["pair"] is not None and len(v["me"]["pair"]["pool"]) == 4))
    pool = [idea["id"] for idea in ben.me["pair"]["pool"]]
    loop.run(ben.cmd("pair.shortlist", {"idea_ids": pool}))
    loop.run(ben.cmd("pair.confirm"))
    page.get_by_role("button", name="Confirm shortlist").click()
    expect(page.get_by_text("You confirmed the shortlist.")).to_be_visible()
    loop.run(host.cmd("phase.start", {"phase": "explain"}))
    loop.run(host.cmd("phase.start", {"phase": "rank"}))
    loop.run(host.until(lambda v: v["phase"]["name"] == "rank" and len(v["ideas"]) == 4))
    texts = sorted(i["text"] for i in host.view["ideas"])
    assert texts == [
        "Ben's second thought",
        "Ben's shared rota",
        "Written over the fallback",
        "Written while offline",
    ]
    expect(page.get_by_text("1 vote left")).to_be_visible()
    page.get_by_role("button", name="Vote for Ben's shared rota").click()
    expect(page.get_by_text("0 votes left")).to_be_visible()
    loop.run(host.until(lambda v: sum(i["points"] or 0 for i in v["ideas"]) == 1))
    voted = next(i for i in host.view["ideas"] if i["text"] == "Ben's shared rota")
    assert voted["points"] == 1
    expect(page.get_by_text("Slow network mode")).to_be_visible()  # the only sign of it

    # a reload remembers the network: straight onto the fallback, no WebSocket tried first
    tried = len(refused)
    page.reload()
    expect(page.get_by_text("0 votes left")).to_be_visible(timeout=15_000)
    expect(page.get_by_text("Slow network mode")).to_be_visible()
    assert len(refused) == tried
    assert errors == []
    loop.run(host.close())
    loop.run(ben.close())
    context.close()
