"""Suggested clusters in the host console: asked for in the background from Explain, then in
Arrange previewed, renamed, accepted one by keyboard and the rest with "Accept all", and seen
as clusters on the board."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from e2e.helpers import LAPTOP, PHONE, PROJECTOR, Devices, Room, axe_problems

pytestmark = pytest.mark.e2e

IDEAS = {
    "Ana": ["Free bus to the clinic", "Pay care workers a fair wage", "A later bus on Fridays"],
    "Bo": [
        "Training days for new care workers",
        "Bus pass for patients going to the clinic",
        "Care workers paid for their travel time",
    ],
}
BUSES = [IDEAS["Ana"][0], IDEAS["Ana"][2], IDEAS["Bo"][1]]
WORKERS = [IDEAS["Ana"][1], IDEAS["Bo"][0], IDEAS["Bo"][2]]


def test_suggest_rename_and_accept(devices: Devices, make_room: Callable[..., Room]) -> None:
    room = make_room(settings={"pair": {"shortlist_max": 10}})
    hp = devices.open("host", room.host_url, LAPTOP).page
    bp = devices.open("board", room.board_url, PROJECTOR).page
    phones = {}
    for name in IDEAS:
        pg = devices.open(name, room.join_url, PHONE).page
        pg.get_by_role("textbox", name="Your name").fill(name)
        pg.get_by_role("button", name="Join").click()
        expect(pg.get_by_text(f"You are in, {name}.")).to_be_visible()
        phones[name] = pg
    hp.get_by_role("button", name="Start Own").click()
    for name, texts in IDEAS.items():
        for text in texts:
            phones[name].get_by_role("textbox", name="Your idea").fill(text)
            phones[name].get_by_role("button", name="Add idea").click()
            expect(phones[name].get_by_text(text)).to_be_visible()
    hp.get_by_role("button", name="Start Pair").click()
    for text in IDEAS["Ana"] + IDEAS["Bo"]:
        phones["Ana"].get_by_role("checkbox", name=text).check()
        expect(phones["Bo"].get_by_role("checkbox", name=text)).to_be_checked()
    for pg in phones.values():
        pg.get_by_role("button", name="Confirm shortlist").click()
    expect(hp.get_by_text("1 of 1 pairs confirmed")).to_be_visible()
    # as Explain starts, the console asks once in the background (the server warms up)
    with hp.expect_request(lambda r: r.url.endswith("/clusters/suggest")):
        hp.get_by_role("button", name="Start Explain").click()
    hp.get_by_role("button", name="Start Rank").click()
    hp.get_by_role("button", name="Start Arrange").click()

    # the preview: two clusters, named from the ideas' words, with their ideas
    hp.get_by_role("button", name="Suggest clusters").click()
    first = hp.get_by_role("textbox", name="Name of suggested cluster 1")
    second = hp.get_by_role("textbox", name="Name of suggested cluster 2")
    expect(first).to_have_value("Clinic, bus")
    expect(second).to_have_value("Care workers")
    preview = hp.locator(".suggest")
    for text in BUSES + WORKERS:
        expect(preview.get_by_text(text, exact=True)).to_be_visible()
    assert axe_problems(hp, "host arrange with suggested clusters") == []

    # rename the first and accept it by keyboard
    first.fill("Getting to the clinic")
    accept = hp.get_by_role("button", name="Accept the suggested cluster Getting to the clinic")
    accept.focus()
    hp.keyboard.press("Enter")
    column = bp.locator(".column", has=bp.get_by_role("heading", name="Getting to the clinic"))
    for text in BUSES:
        expect(column.get_by_text(text)).to_be_visible()
    expect(hp.get_by_role("textbox", name="Name of suggested cluster 1")).to_have_value(
        "Care workers"
    )

    # the rest in one click; the preview is gone
    hp.get_by_role("button", name="Accept all").click()
    workers = bp.locator(".column", has=bp.get_by_role("heading", name="Care workers"))
    for text in WORKERS:
        expect(workers.get_by_text(text)).to_be_visible()
    expect(hp.get_by_role("button", name="Accept all")).to_have_count(0)
    expect(hp.get_by_role("textbox", name="Name of suggested cluster 1")).to_have_count(0)
    assert devices.all_errors() == []
