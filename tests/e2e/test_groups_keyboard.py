"""The phone in a breakout event by keyboard alone, with axe-core in every phase.

One phone in real Chromium (360 px) does everything with Tab, Space and Enter: join, the
lobby with its group, Own, Pair (tick and confirm), the group's own Explain (Next pair), the
group's Rank vote, the plenary vote with the own-group cap refused in words, Arrange and
Done. Its group stays on top in large type and the group's colour in every phase, with the
pair and partner in Pair. The three other people and the host are WebSocket clients (fast,
and the same server).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, Request, expect
from support.client import Client
from support.play import agree_shortlists
from support.server import Server

from e2e.helpers import PHONE, Devices, Loop, Room, axe_problems
from e2e.test_keyboard_xss import keyboard_join, tab_to

pytestmark = pytest.mark.e2e

SETTINGS = {
    "groups": {"size": 4, "assign": "mix"},
    "rank": {"voter": "person", "budget": 2},
    "plenary": {"top": 2, "budget": 2, "own_group_max": 1},
}
# with the phone's "Library", mixing puts one Library person in each group
OTHERS = [("Mo", "Library"), ("Noor", "Council"), ("Olli", "Council")]
TEXTS = ["Open on Sundays", "Evening study room"]


def banner(pg: Page, group: str, colour: str | None = None) -> str:
    """The phone's group banner: the label in large type on the group's colour; returns it."""
    name = pg.locator(".group-banner .group-name")
    expect(name).to_have_text(group)
    size = float(name.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))
    assert size >= 24, f"the group's label is {size}px"
    background: str = pg.locator(".group-banner").evaluate(
        "e => getComputedStyle(e).backgroundColor"
    )
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    assert colour is None or background == colour, (background, colour)
    return background


def weight(loaded: list[Request]) -> int:
    """Bytes of document, style sheets and scripts loaded (as test_client.py counts them)."""
    total = 0
    for request in loaded:
        response = request.response()
        if response and request.resource_type in ("document", "stylesheet", "script"):
            total += len(response.body())
    return total


def phase_is(pg: Page, phase: str) -> None:
    expect(pg.locator(".phase-pill").first).to_have_text(phase)


def test_group_phone_by_keyboard_alone(
    server: Server, devices: Devices, make_room: Callable[..., Room]
) -> None:
    problems: list[str] = []
    room = make_room(question="How might we open the library longer?", settings=SETTINGS)
    loop = Loop()
    host = loop.run(Client.open(server.ws_url, room.code, "host", token=room.host_token))
    kp = devices.open("Keys", "about:blank", PHONE).page
    loaded: list[Request] = []
    kp.on("requestfinished", lambda r: loaded.append(r))
    kp.goto(room.join_url)
    keyboard_join(kp, "Keys")
    others = [loop.run(Client.open(server.ws_url, room.code, name=n, org=o)) for n, o in OTHERS]

    # ---- lobby: the group on top once the host forms them
    loop.run(host.cmd("groups.form", {"count": 2}))  # two groups of two
    for person in others:
        loop.run(person.until(lambda v: v["me"]["group"] is not None))
    seen = loop.run(host.until(lambda v: len(v["participants"]["list"]) == 4))
    me = next(p for p in seen["participants"]["list"] if p["name"] == "Keys")
    label = next(g["label"] for g in host.view["groups"] if g["id"] == me["group_id"])
    colour = banner(kp, label)
    mate = next(p for p in others if p.me["group"]["id"] == me["group_id"])
    rest = [p for p in others if p is not mate]
    problems += axe_problems(kp, "phone lobby in a group")
    # the group part is fetched, the plenary's not yet: the phone's lobby stays under 100 KB
    kp.wait_for_load_state("networkidle")
    assert 0 < weight(loaded) < 100_000, weight(loaded)
    assert not any("plenary.js" in r.url for r in loaded)

    # ---- Own: two ideas by keyboard
    loop.run(host.cmd("phase.start", {"phase": "own"}))
    phase_is(kp, "Own")
    banner(kp, label, colour)
    for text in TEXTS:
        tab_to(kp, kp.get_by_role("textbox", name="Your idea"))
        kp.keyboard.type(text)
        tab_to(kp, kp.get_by_role("button", name="Add idea"))
        kp.keyboard.press("Enter")
        expect(kp.locator("#main .card-text", has_text=text)).to_have_count(1)
    for person in others:
        loop.run(person.cmd("idea.add", {"text": f"{person.me['name']}'s idea"}))
    problems += axe_problems(kp, "phone own in a group")

    # ---- Pair: the pair and the partner in the banner; tick with Space, confirm with Enter
    loop.run(host.cmd("phase.start", {"phase": "pair"}))
    phase_is(kp, "Pair")
    banner(kp, label, colour)
    expect(kp.locator(".group-banner")).to_contain_text(re.compile(r"Pair \d+ · with "))
    expect(kp.locator(".group-banner")).to_contain_text(f"with {mate.me['name']}")
    pool = [*TEXTS, f"{mate.me['name']}'s idea"]
    for text in pool:
        box = kp.get_by_role("checkbox", name=text)
        tab_to(kp, box)
        kp.keyboard.press("Space")
        expect(box).to_be_checked()
    confirm = kp.get_by_role("button", name="Confirm shortlist")
    tab_to(kp, confirm)
    kp.keyboard.press("Enter")
    expect(kp.get_by_text("You confirmed the shortlist.")).to_be_visible()
    loop.run(mate.until(lambda v: len(v["me"]["pair"]["shortlist"]) == len(pool)))
    loop.run(mate.cmd("pair.confirm"))
    loop.run(agree_shortlists(rest))
    problems += axe_problems(kp, "phone pair in a group")

    # ---- Explain: the group steps on by itself; the pair's time box runs
    loop.run(host.cmd("phase.start", {"phase": "explain"}))
    phase_is(kp, "Explain")
    banner(kp, label, colour)
    step = kp.get_by_role("button", name="Next pair")
    tab_to(kp, step)
    kp.keyboard.press("Enter")
    expect(kp.get_by_role("timer", name="This pair's time")).to_have_text(re.compile(r"^\d+:\d\d$"))
    expect(kp.get_by_text("That was the last pair of your group.")).to_be_visible()
    problems += axe_problems(kp, "phone explain in a group")

    # ---- Rank: the group's own vote
    loop.run(host.cmd("phase.start", {"phase": "rank"}))
    phase_is(kp, "Rank")
    banner(kp, label, colour)
    expect(kp.get_by_text("2 votes left")).to_be_visible()
    vote = kp.get_by_role("button", name=f"Vote for {TEXTS[0]}")
    tab_to(kp, vote)
    kp.keyboard.press("Enter")
    expect(vote).to_have_attribute("aria-pressed", "true")
    expect(kp.get_by_text("1 vote left")).to_be_visible()
    problems += axe_problems(kp, "phone rank in a group")

    # ---- the plenary: one vote for an own group's idea, the second refused in words
    loop.run(host.cmd("phase.start", {"phase": "plenary"}))
    phase_is(kp, "Plenary")
    banner(kp, label, colour)
    expect(
        kp.get_by_text("At most 1 vote for your own group's ideas.", exact=False)
    ).to_be_visible()
    own = kp.locator(".card.mine")
    expect(own).to_have_count(2)
    expect(kp.locator(".card:not(.mine)")).to_have_count(2)
    for i in (0, 1):
        tab_to(kp, own.nth(i).get_by_role("button", name=re.compile("^Vote for")))
        kp.keyboard.press("Enter")
        if i == 0:
            expect(kp.get_by_text("1 vote left")).to_be_visible()
    refusal = own.nth(1).locator(".refusal")
    expect(refusal).to_contain_text("at most 1 vote to your own group's ideas")
    expect(kp.locator("#announce")).to_contain_text("Not sent: ")
    expect(kp.get_by_text("1 vote left")).to_be_visible()
    other = kp.locator(".card:not(.mine)").first.get_by_role("button", name=re.compile("^Vote for"))
    tab_to(kp, other)
    kp.keyboard.press("Enter")
    expect(kp.get_by_text("0 votes left")).to_be_visible()
    problems += axe_problems(kp, "phone plenary")

    # ---- Arrange over the plenary board, then Done: still in the group's colour
    loop.run(host.cmd("rank.reveal"))
    loop.run(host.cmd("phase.start", {"phase": "arrange"}))
    phase_is(kp, "Arrange")
    banner(kp, label, colour)
    problems += axe_problems(kp, "phone arrange in a group")
    loop.run(host.cmd("phase.start", {"phase": "done"}))
    phase_is(kp, "Done")
    banner(kp, label, colour)
    problems += axe_problems(kp, "phone done in a group")

    for client in [host, *others]:
        loop.run(client.close())
    loop.stop()
    assert problems == []
    assert devices.all_errors() == []
