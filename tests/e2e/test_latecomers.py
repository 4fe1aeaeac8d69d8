"""Latecomers through the pages (issue 9): after the lobby a newcomer's phone says the
facilitator will let them in and shows nothing of the session's ideas; the console lists
them with Admit and Admit all; once admitted the phone shows the phase. And the host key
leaves the address bar."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from e2e.helpers import LAPTOP, PHONE, Devices, Room, axe_problems, dom_text

pytestmark = pytest.mark.e2e


def join(page: Page, name: str) -> None:
    page.get_by_role("textbox", name="Your name").fill(name)
    page.get_by_role("button", name="Join").click()


def test_latecomers_wait_until_admitted(devices: Devices, make_room: Callable[..., Room]) -> None:
    room = make_room()
    hp = devices.open("host", room.host_url, LAPTOP).page
    early = devices.open("Ana", room.join_url, PHONE).page
    join(early, "Ana")
    expect(early.get_by_text("You are in, Ana.")).to_be_visible()
    hp.get_by_role("button", name="Start Own").click()
    early.get_by_role("textbox", name="Your idea").fill("Ana's private idea")
    early.get_by_role("button", name="Add idea").click()
    expect(hp.get_by_text("1 of 1 have written")).to_be_visible()

    late = [devices.open(name, room.join_url, PHONE).page for name in ("Zoe", "Yan", "Xia")]
    for page, name in zip(late, ("Zoe", "Yan", "Xia"), strict=True):
        join(page, name)
        expect(page.get_by_text("The facilitator will let you in")).to_be_visible()
        expect(page.get_by_role("textbox", name="Your idea")).to_have_count(0)
        assert "Ana's private idea" not in dom_text(page)
    expect(hp.get_by_role("heading", name="Waiting to join")).to_be_visible()
    expect(hp.get_by_text("3 people are waiting to join")).to_be_visible()
    assert axe_problems(hp, "host with a waiting list") == []
    assert axe_problems(late[0], "phone waiting to be admitted") == []

    # one by one: Zoe is let in and gets the Own screen; the others still wait
    hp.get_by_role("button", name="Admit Zoe").click()
    expect(late[0].get_by_role("textbox", name="Your idea")).to_be_visible()
    expect(late[1].get_by_text("The facilitator will let you in")).to_be_visible()
    expect(hp.get_by_text("2 people are waiting to join")).to_be_visible()
    expect(hp.locator(".people").get_by_text("Zoe")).to_have_count(1)

    # all at once
    hp.get_by_role("button", name="Admit all").click()
    for page in late[1:]:
        expect(page.get_by_role("textbox", name="Your idea")).to_be_visible()
    expect(hp.get_by_role("heading", name="Waiting to join")).to_have_count(0)
    expect(hp.get_by_text("1 of 4 have written")).to_be_visible()
    assert devices.all_errors() == []


def test_host_key_leaves_the_address_bar(devices: Devices, make_room: Callable[..., Room]) -> None:
    room = make_room()
    assert "#" in room.host_url
    hp = devices.open("host", room.host_url, LAPTOP).page
    expect(hp.get_by_role("button", name="Start Own")).to_be_visible()
    assert "#" not in hp.url
    assert room.host_token not in hp.url
    # the key lives in this tab's session storage: a reload keeps the console working
    hp.reload()
    expect(hp.get_by_role("button", name="Start Own")).to_be_visible()
    hp.get_by_role("button", name="Start Own").click()
    expect(hp.locator(".phase-pill")).to_have_text("Own")
    assert devices.all_errors() == []
