"""Host console controls seen on the board and the phones: the timer (pause, resume, add a
minute), editing the question, hiding an idea, the next pair by key, and the host page
without its key."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import expect
from support.client import Client
from support.play import agree_shortlists
from support.server import Server

from e2e.helpers import LAPTOP, PHONE, PROJECTOR, Devices, Loop, Room, axe_problems

pytestmark = pytest.mark.e2e


def test_timer_question_and_hiding(devices: Devices, make_room: Callable[..., Room]) -> None:
    room = make_room(settings={"own": {"minutes": 3}})
    hp = devices.open("host", room.host_url, LAPTOP).page
    bp = devices.open("board", room.board_url, PROJECTOR).page
    pages = []
    for name in ("Ana", "Bo"):
        pg = devices.open(name, room.join_url, PHONE).page
        pg.get_by_role("textbox", name="Your name").fill(name)
        pg.get_by_role("button", name="Join").click()
        expect(pg.get_by_text(f"You are in, {name}.")).to_be_visible()
        pages.append(pg)

    # the Own timer comes from the settings; pause, resume, add a minute
    hp.get_by_role("button", name="Start Own").click()
    board_timer = bp.get_by_role("timer")
    expect(board_timer).to_have_text(re.compile(r"^(3:00|2:5\d)$"))
    hp.get_by_role("button", name="Pause timer").click()
    expect(board_timer).to_contain_text("Paused")
    expect(pages[0].get_by_role("timer")).to_contain_text("Paused")
    expect(hp.get_by_role("button", name="Resume timer")).to_be_enabled()
    expect(hp.get_by_role("button", name="Pause timer")).to_be_disabled()
    hp.get_by_role("button", name="Resume timer").click()
    expect(board_timer).to_have_text(re.compile(r"^(3:00|2:5\d)$"))
    hp.get_by_role("button", name="Add a minute").click()
    expect(board_timer).to_have_text(re.compile(r"^(4:00|3:5\d)$"))

    # the question can be edited and every screen follows
    hp.get_by_role("button", name="Edit question").click()
    hp.get_by_role("textbox", name="Question").fill("How might we share the load better?")
    hp.get_by_role("button", name="Save").click()
    for page in (bp, *pages):
        expect(
            page.get_by_role("heading", name="How might we share the load better?")
        ).to_be_visible()

    for pg, text in zip(pages, ("Ana's offensive idea", "Bo's good idea"), strict=True):
        pg.get_by_role("textbox", name="Your idea").fill(text)
        pg.get_by_role("button", name="Add idea").click()
    hp.get_by_role("button", name="Start Pair").click()
    for text in ("Ana's offensive idea", "Bo's good idea"):
        pages[0].get_by_role("checkbox", name=text).check()
        expect(pages[1].get_by_role("checkbox", name=text)).to_be_checked()
    for pg in pages:
        pg.get_by_role("button", name="Confirm shortlist").click()
    expect(hp.get_by_text("1 of 1 pairs confirmed")).to_be_visible()

    # moderation: hide an idea (two steps) and it leaves the board and the phones
    hp.get_by_role("button", name="Start Explain").click()
    expect(bp.get_by_text("Ana's offensive idea")).to_be_visible()
    hp.get_by_role("button", name="Hide idea: Ana's offensive idea").click()
    hp.get_by_role("button", name=re.compile("Really hide")).click()
    expect(bp.get_by_text("Ana's offensive idea")).to_have_count(0)
    expect(pages[1].locator("#main").get_by_text("Ana's offensive idea")).to_have_count(0)
    expect(bp.get_by_text("Bo's good idea")).to_be_visible()
    expect(hp.get_by_text("Hidden", exact=True)).to_be_visible()
    # the board's light theme, on request, passes axe too
    light = devices.open("board-light", room.board_url + "?theme=light", PROJECTOR).page
    expect(light.get_by_text("Bo's good idea")).to_be_visible()
    assert light.evaluate("() => document.documentElement.dataset.theme") == "light"
    assert axe_problems(light, "board light theme") == []
    assert axe_problems(hp, "host explain with a hidden idea") == []
    assert devices.all_errors() == []


def test_host_page_without_its_key(devices: Devices, make_room: Callable[..., Room]) -> None:
    room = make_room()
    page = devices.open("stranger", room.host_url.split("#")[0], LAPTOP).page
    expect(page.get_by_text("This page needs the host link with its key")).to_be_visible()
    wrong = devices.open("guesser", room.host_url.split("#")[0] + "#not-the-key", LAPTOP).page
    expect(wrong.get_by_text("This host key is not valid for this session.")).to_be_visible()
    assert axe_problems(wrong, "host wrong key") == []


def test_next_pair_by_key(server: Server, devices: Devices, make_room: Callable[..., Room]) -> None:
    """S on the console spotlights the next pair in Explain, as "Next pair" does."""
    room = make_room()
    loop = Loop()
    host = loop.run(Client.open(server.ws_url, room.code, "host", token=room.host_token))
    people = [loop.run(Client.open(server.ws_url, room.code, name=f"P{i}")) for i in range(4)]
    loop.run(host.cmd("phase.start", {"phase": "own"}))
    for person in people:
        loop.run(person.cmd("idea.add", {"text": f"idea of {person.me['name']}"}))
    loop.run(host.cmd("phase.start", {"phase": "pair"}))
    loop.run(agree_shortlists(people))
    loop.run(host.cmd("phase.start", {"phase": "explain"}))
    order = loop.run(host.until(lambda v: len(v["explain"]["order"]) == 2))["explain"]["order"]
    loop.run(host.cmd("explain.focus", {"pair_id": order[0]}))
    page = devices.open("host", room.host_url, LAPTOP).page
    expect(page.locator(".pairs-list li[aria-current=true]")).to_contain_text("Speaking now")
    page.keyboard.press("s")
    loop.run(host.until(lambda v: v["explain"]["current"] == order[1]))
    expect(page.get_by_role("button", name="Next pair")).to_be_disabled()  # the last one
    for client in [host, *people]:
        loop.run(client.close())
    loop.stop()
