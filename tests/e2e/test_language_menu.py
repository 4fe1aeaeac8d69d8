"""The language menu on every page: a native select named in the current language, each
language in its own name; the choice changes the page at once, survives a reload, and is kept
per page role (the phone's choice does not move the board, nor the board's the phone);
?lang= overrides it for one visit. The console's downloads follow the console's language.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect
from support.client import Client
from support.server import Server
from web.tables import say, table

from e2e.helpers import LAPTOP, PHONE, PROJECTOR, Devices, Loop, Room, axe_problems

pytestmark = pytest.mark.e2e


def menu(pg: Page, code: str) -> None:
    """The page's menu: named in `code`, showing `code`, every language in its own name."""
    select = pg.get_by_role("combobox", name=say(code, "language"))
    expect(select).to_have_value(code)
    options = select.locator("option")
    expect(options).to_have_count(6)
    for lang, name in table("names").items():
        expect(select.locator(f"option[value={lang}]")).to_have_text(name)
        expect(select.locator(f"option[value={lang}]")).to_have_attribute("lang", lang)


def choose(pg: Page, now: str, new: str) -> None:
    pg.get_by_role("combobox", name=say(now, "language")).select_option(new)
    expect(pg.locator("html")).to_have_attribute("lang", new)
    menu(pg, new)


def test_each_page_role_keeps_its_own_choice(
    server: Server, devices: Devices, make_room: Callable[..., Room]
) -> None:
    room = make_room()
    person = devices.open("phone", room.join_url, PHONE, locale="en-US")
    phone = person.page
    menu(phone, "en")
    phone.get_by_role("textbox", name="Your name").fill("Kaisa")  # kept through the change
    choose(phone, "en", "de")
    expect(phone.get_by_role("textbox", name=say("de", "your_name"))).to_have_value("Kaisa")
    expect(phone.get_by_role("button", name=say("de", "join"), exact=True)).to_be_visible()
    # it fits a 360 px phone: nothing wider than the screen
    width = phone.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], width
    phone.reload()
    expect(phone.locator("html")).to_have_attribute("lang", "de")
    expect(phone.get_by_role("textbox", name=say("de", "your_name"))).to_be_visible()

    # the board in the same browser does not follow the phone; its own choice stays its own
    board = person.context.new_page()
    board.set_viewport_size(PROJECTOR)
    board.goto(room.board_url)
    expect(board.locator("html")).to_have_attribute("lang", "en")
    expect(board.get_by_text(say("en", "people_joined", n=0))).to_be_visible()
    choose(board, "en", "fi")
    expect(board.get_by_text(say("fi", "people_joined", n=0))).to_be_visible()
    assert axe_problems(board, "board after choosing Finnish") == []
    board.reload()
    expect(board.locator("html")).to_have_attribute("lang", "fi")
    phone.reload()
    expect(phone.locator("html")).to_have_attribute("lang", "de")

    # ?lang= wins for that visit only; the remembered choice is back without it
    phone.goto(room.join_url + "?lang=sv")
    expect(phone.get_by_role("textbox", name=say("sv", "your_name"))).to_be_visible()
    phone.goto(room.join_url)
    expect(phone.get_by_role("textbox", name=say("de", "your_name"))).to_be_visible()
    assert devices.all_errors() == []


def test_console_and_start_page_menus_and_downloads_in_the_console_language(
    server: Server, devices: Devices, make_room: Callable[..., Room]
) -> None:
    start = devices.open("start", f"{server.base_url}/", LAPTOP, locale="en-GB").page
    menu(start, "en")
    choose(start, "en", "fr")
    expect(start.get_by_role("heading", name=say("fr", "join_title"))).to_be_visible()
    expect(start.get_by_role("button", name=say("fr", "start_session"))).to_be_visible()
    start.reload()
    expect(start.get_by_role("heading", name=say("fr", "join_title"))).to_be_visible()

    room = make_room()
    loop = Loop()
    host = loop.run(Client.open(server.ws_url, room.code, "host", token=room.host_token))
    console = devices.open("console", room.host_url, LAPTOP, locale="en-GB").page
    expect(console.get_by_role("button", name=say("en", "start_phase_own"))).to_be_visible()
    choose(console, "en", "cy")
    expect(console.get_by_role("button", name=say("cy", "start_phase_own"))).to_be_visible()
    assert axe_problems(console, "console in Welsh") == []
    loop.run(host.cmd("phase.start", {"phase": "done"}))
    with console.expect_request(lambda r: "/export.csv" in r.url) as asked:
        console.get_by_role("button", name=say("cy", "download_csv")).click()
    assert "lang=cy" in asked.value.url
    loop.run(host.close())
    loop.stop()
    assert devices.all_errors() == []
