"""Losing the network or the server never loses a person's work.

Offline while typing and adding an idea: the page says so, keeps the text, queues the command
and sends it once (same command id) when the network is back. A crashed server: the phone
reconnects and resumes as the same participant. A reload resumes too. A removed participant
is told so in words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page, expect
from support.server import Server, serve

from e2e.helpers import LAPTOP, PHONE, Devices

pytestmark = pytest.mark.e2e

BANNER = "Reconnecting… your ideas are safe on this phone"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A file store, so a killed server comes back with the room."""
    data: Path = tmp_path_factory.mktemp("data")
    with serve(store=f"file://{data}") as srv:
        yield srv


def create(server: Server) -> dict[str, str]:
    r = httpx.post(
        f"{server.base_url}/api/sessions",
        json={"title": "Offline", "question": "How might we keep everyone's work safe?"},
        timeout=10,
    )
    assert r.status_code == 201, r.text
    room: dict[str, str] = r.json()
    return room


def join(page: Page, name: str, org: str = "") -> None:
    page.get_by_role("textbox", name="Your name").fill(name)
    page.get_by_role("textbox", name="Organisation").fill(org)
    page.get_by_role("button", name="Join").click()
    expect(page.get_by_text(f"You are in, {name}.")).to_be_visible()


def cards(page: Page, text: str) -> int:
    return page.locator("#main .card-text", has_text=text).count()


def test_offline_typing_and_adding_arrives_once(server: Server, devices: Devices) -> None:
    room = create(server)
    host = devices.open("host", room["host_url"], LAPTOP)
    phone = devices.open("Aino", room["join_url"], PHONE)
    pg = phone.page
    join(pg, "Aino", "Council")
    host.page.get_by_role("button", name="Start Own").click()
    box = pg.get_by_role("textbox", name="Your idea")
    expect(box).to_be_visible()

    box.fill("Half typed")
    phone.context.set_offline(True)
    expect(pg.get_by_role("status").filter(has_text=BANNER)).to_be_visible()
    box.press_sequentially(" and finished offline")
    pg.get_by_role("button", name="Add idea").click()
    text = "Half typed and finished offline"
    pending = pg.locator("#main .card.pending", has_text=text)
    expect(pending).to_be_visible()
    expect(pending).to_contain_text("Saved on this phone, waiting to send")
    expect(box).to_have_value("")
    box.fill("A second thought, not sent yet")
    # the queue survives a reload: it is in localStorage
    queue_js = f"() => localStorage.getItem('opera.queue.participant.{room['code']}')"
    queued = pg.evaluate(queue_js)
    assert queued and text in queued
    expect(host.page.get_by_text("0 of 1 have written")).to_be_visible()

    phone.context.set_offline(False)
    expect(pg.get_by_text(BANNER)).to_have_count(0, timeout=20_000)
    expect(pg.locator("#main .card.pending")).to_have_count(0)
    expect(pg.locator("#main .card-text", has_text=text)).to_have_count(1)
    expect(box).to_have_value("A second thought, not sent yet")
    expect(host.page.get_by_text("1 of 1 have written")).to_be_visible()
    assert (
        pg.evaluate(f"() => localStorage.getItem('opera.queue.participant.{room['code']}')") is None
    )

    # a reload resumes the same participant: one idea, the draft kept, one person
    pg.reload()
    expect(pg.locator("#main .card-text", has_text=text)).to_have_count(1)
    expect(pg.get_by_role("textbox", name="Your idea")).to_have_value(
        "A second thought, not sent yet"
    )
    expect(host.page.get_by_text("1 online of 1")).to_be_visible()
    assert devices.all_errors() == []


def test_server_crash_reconnects_and_resumes(server: Server, devices: Devices) -> None:
    room = create(server)
    host = devices.open("host", room["host_url"], LAPTOP)
    phone = devices.open("Ben", room["join_url"], PHONE)
    pg = phone.page
    join(pg, "Ben", "Health Board")
    host.page.get_by_role("button", name="Start Own").click()
    pg.get_by_role("textbox", name="Your idea").fill("Before the crash")
    pg.get_by_role("button", name="Add idea").click()
    expect(pg.locator("#main .card:not(.pending)", has_text="Before the crash")).to_be_visible()

    server.kill()
    expect(pg.get_by_text(BANNER)).to_be_visible()
    pg.get_by_role("textbox", name="Your idea").fill("While the server was down")
    pg.get_by_role("button", name="Add idea").click()
    expect(pg.locator("#main .card.pending", has_text="While the server was down")).to_be_visible()
    server.start()

    expect(pg.get_by_text(BANNER)).to_have_count(0, timeout=30_000)
    for text in ("Before the crash", "While the server was down"):
        expect(pg.locator("#main .card:not(.pending) .card-text", has_text=text)).to_have_count(1)
    expect(host.page.get_by_text("1 online of 1")).to_be_visible(timeout=30_000)
    expect(host.page.locator(".people li")).to_have_count(1)


def test_removed_participant_is_told(server: Server, devices: Devices) -> None:
    room = create(server)
    host = devices.open("host", room["host_url"], LAPTOP)
    phone = devices.open("Chidi", room["join_url"], PHONE)
    join(phone.page, "Chidi")
    hp = host.page
    hp.get_by_role("button", name="Remove Chidi").click()
    hp.get_by_role("button", name=re.compile("Really remove Chidi")).click()
    expect(
        phone.page.get_by_text("You are no longer in this session.", exact=False)
    ).to_be_visible()
    expect(hp.locator(".people li")).to_have_count(0)
    # an unknown room says so instead of a blank page
    lost = devices.open("lost", f"{server.base_url}/j/NOSUCHROOM", PHONE)
    expect(lost.page.get_by_text("There is no session with the code NOSUCHROOM.")).to_be_visible()
