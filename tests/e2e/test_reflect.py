"""Reflect through the pages (issue 14): the console starts Reflect, the phone shows a text
area per prompt and the 1-5 feedback by keyboard, each answer says "Saved", and the board
and console show only how many have reflected, never the text."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from e2e.helpers import LAPTOP, PHONE, Devices, Room, axe_problems, dom_text, start_from_menu

pytestmark = pytest.mark.e2e


def test_the_phone_reflects_by_keyboard_and_others_see_a_count(
    devices: Devices, make_room: Callable[..., Room]
) -> None:
    room = make_room()
    hp = devices.open("host", room.host_url, LAPTOP).page
    board = devices.open("board", room.board_url, LAPTOP).page
    phones = [devices.open(name, room.join_url, PHONE).page for name in ("Ana", "Ben")]
    for page, name in zip(phones, ("Ana", "Ben"), strict=True):
        page.get_by_role("textbox", name="Your name").fill(name)
        page.get_by_role("button", name="Join").click()
        expect(page.get_by_text(f"You are in, {name}.")).to_be_visible()
    start_from_menu(hp, "Start Reflect", "Skip to Reflect")
    ana = phones[0]
    first = ana.get_by_role("textbox", name="What is your one key reflection from today?")
    expect(first).to_be_visible()
    expect(
        ana.get_by_role("textbox", name="What is one practical step you will take?")
    ).to_be_visible()
    first.focus()
    ana.keyboard.type("Listen before proposing")
    ana.keyboard.press("Tab")  # leaving the box sends it
    expect(ana.get_by_text("Saved")).to_have_count(1)
    ana.keyboard.type("Call the health board")
    ana.keyboard.press("Tab")
    expect(ana.get_by_text("Saved")).to_have_count(2)
    ana.get_by_role("button", name="4 of 5").press("Enter")
    expect(ana.get_by_role("button", name="4 of 5")).to_have_attribute("aria-pressed", "true")
    expect(hp.get_by_text("1 of 2 have reflected")).to_be_visible()
    expect(board.get_by_text("1 of 2 have reflected")).to_be_visible()
    for page in (hp, board, phones[1]):
        text = dom_text(page)
        assert "Listen before proposing" not in text and "Call the health board" not in text
    assert axe_problems(ana, "phone in Reflect") == []
    ana.reload()  # the answers come back from the server
    expect(first).to_have_value("Listen before proposing")
    assert devices.all_errors() == []
