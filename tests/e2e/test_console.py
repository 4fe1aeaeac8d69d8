"""The console a facilitator can trust (issue 12): the join link's loopback warning and the
copy fallback, the organisations picker it sets for the phones, "I'm done" in Own and its
counts, the guarded phase controls (a skip and Finish ask, saying what is lost), Shuffle with
its undo, Reveal saying that it closes the vote, the keyboard shortcuts and their help, the
pair's colour and number on the phones, and a trio's wording. Three people use browser
phones; two more are WebSocket clients."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect
from support.client import Client
from support.server import Server

from e2e.helpers import LAPTOP, PHONE, Devices, Loop, Room, axe_problems

pytestmark = pytest.mark.e2e
NO_CLIPBOARD = "Object.defineProperty(navigator, 'clipboard', { value: undefined })"


def join(page: Page, name: str, org: str | None = None, other: str | None = None) -> None:
    page.get_by_role("textbox", name="Your name").fill(name)
    if org is not None:
        page.get_by_label("Organisation", exact=True).select_option(label=org)
    if other is not None:
        page.get_by_role("textbox", name="Your organisation").fill(other)
    page.get_by_role("button", name="Join").click()
    expect(page.get_by_text(f"You are in, {name}.")).to_be_visible()


def test_the_console_guards_and_wires(
    server: Server, devices: Devices, make_room: Callable[..., Room]
) -> None:
    room = make_room(settings={"own": {"minutes": 5}})
    hp = devices.open("host", "about:blank", LAPTOP)
    hp.context.add_init_script(NO_CLIPBOARD)
    host = hp.page
    host.goto(room.host_url)

    # the server listens on 127.0.0.1: phones cannot open this join link, and the fix is said
    warning = host.get_by_role("alert").filter(has_text="Phones cannot open this link")
    expect(warning).to_contain_text("Start the server with --host 0.0.0.0")
    # no clipboard API (plain HTTP): the link is selected, and Ctrl+C is the hint
    host.get_by_role("button", name="Copy join link").click()
    expect(host.get_by_text("press Ctrl+C")).to_be_visible()
    link = host.locator("#join-link").inner_text()
    assert host.evaluate("() => getSelection().toString()") == link
    expect(host.get_by_role("button", name="Add a minute")).to_be_disabled()  # no timer

    # the organisations the phones pick from
    host.get_by_role("textbox", name="Organisations people pick from").fill(
        "City Council\nHealth Board"
    )
    host.get_by_role("button", name="Save organisations").click()
    loop = Loop()
    watch = loop.run(Client.open(server.ws_url, room.code, "host", token=room.host_token))
    loop.run(watch.until(lambda v: v["session"]["settings"]["orgs"]["list"]))
    phones = {n: devices.open(n, "about:blank", PHONE).page for n in ("Ana", "Bo", "Cy")}
    for page in phones.values():
        page.goto(room.join_url)
    options = phones["Ana"].get_by_label("Organisation", exact=True).locator("option")
    expect(options).to_have_text(["None", "City Council", "Health Board", "Other…"])
    # "Other…" opens a free field; choosing a listed one again keeps that choice
    picker = phones["Ana"].get_by_label("Organisation", exact=True)
    picker.select_option(label="Other…")
    expect(phones["Ana"].get_by_role("textbox", name="Your organisation")).to_be_visible()
    picker.select_option(label="Health Board")
    expect(phones["Ana"].get_by_role("textbox", name="Your organisation")).to_have_count(0)
    expect(picker).to_have_value("Health Board")
    join(phones["Ana"], "Ana", org="City Council")
    join(phones["Bo"], "Bo", org="Other…", other="Library")
    join(phones["Cy"], "Cy")
    ws = [
        loop.run(Client.open(server.ws_url, room.code, name=n, org="health board"))
        for n in ("Dee", "Eve")
    ]
    people = host.locator(".people")
    expect(people).to_contain_text("Ana · City Council")
    expect(people).to_contain_text("Bo · Library")
    expect(people).to_contain_text("Dee · Health Board")  # the listed spelling
    expect(host.locator(".people").locator("xpath=..").get_by_role("status")).not_to_contain_text(
        "done"
    )  # the lobby's count is of who is online, not "5 of 5 done"

    # the shortcuts' help (? key), axe-clean with the dialog open; Escape closes it
    host.locator("body").press("?")
    help_dialog = host.get_by_role("dialog", name="Keyboard shortcuts")
    expect(help_dialog).to_contain_text("Pause or resume the timer")
    assert axe_problems(host, "console with the shortcuts dialog") == []
    host.keyboard.press("Escape")
    expect(help_dialog).to_have_count(0)

    # a skip asks first and says what is lost; Cancel changes nothing
    host.get_by_role("button", name="Other phases").click()
    expect(host.get_by_role("button", name="Other phases")).to_have_attribute(
        "aria-expanded", "true"
    )
    assert axe_problems(host, "console with the phases menu open") == []
    host.get_by_role("button", name="Start Rank", exact=True).click()
    ask = host.get_by_role("dialog", name="Skip to Rank?")
    for lost in ("Own is skipped", "Pair is skipped", "Explain is skipped", "no going back"):
        expect(ask).to_contain_text(lost)
    expect(ask.get_by_role("button", name="Cancel")).to_be_focused()
    ask.get_by_role("button", name="Cancel").click()
    expect(host.locator(".host-top .phase-pill")).to_have_text("Lobby")

    # N starts the method's next phase; P pauses and resumes; M adds a minute
    expect(host.get_by_role("button", name="Next: Start Own")).to_be_visible()
    host.get_by_role("spinbutton", name="Timer minutes").fill("4")
    host.keyboard.press("Tab")  # shortcuts wait while a field has the focus
    host.keyboard.press("n")
    timer = host.locator(".host-top [role=timer]")
    expect(timer).to_have_text(re.compile(r"^(4:00|3:5\d)$"))
    host.locator("body").press("p")
    expect(timer).to_contain_text("Paused")
    host.locator("body").press("p")
    expect(timer).not_to_contain_text("Paused")
    host.locator("body").press("m")
    expect(timer).to_have_text(re.compile(r"^(5:00|4:5\d)$"))

    # "I'm done" in Own: counted on the console and the board, a second tap undoes it
    ana = phones["Ana"]
    ana.get_by_role("textbox", name="Your idea").fill("Share the vans")
    ana.get_by_role("button", name="Add idea").click()
    done = ana.get_by_role("button", name="I’m done")
    done.click()
    expect(done).to_have_attribute("aria-pressed", "true")
    expect(host.get_by_text("1 is done")).to_be_visible()
    expect(people.locator("li", has_text="Ana")).to_contain_text("1 idea · done")
    done.click()
    expect(done).to_have_attribute("aria-pressed", "false")
    expect(host.get_by_text("0 are done")).to_be_visible()
    for name in ("Bo", "Cy"):
        phones[name].get_by_role("textbox", name="Your idea").fill(f"{name}'s idea")
        phones[name].get_by_role("button", name="Add idea").click()
    for client in ws:
        loop.run(client.cmd("idea.add", {"text": f"{client.me['name']}'s idea"}))

    # Pair: every phone shows its pair's number in its colour; the trio is told "partners"
    host.get_by_role("button", name="Next: Start Pair").click()
    expect(host.locator(".pairs-list li")).to_have_count(2)
    expect(timer).to_have_text(re.compile(r"^(15:00|14:5\d)$"))  # Own's 4 minutes stayed in Own
    for page in phones.values():
        expect(page.locator(".pair-label .pair-mark")).to_have_text(re.compile(r"^\d$"))

    # Shuffle asks, says what goes; Undo brings the same pairs back
    rows = host.locator(".pairs-list li")
    before = rows.all_text_contents()
    host.get_by_role("button", name="Shuffle pairs").click()
    ask = host.get_by_role("dialog", name="Shuffle the pairs?")
    expect(ask).to_contain_text("Every shortlist is thrown away")
    ask.get_by_role("button", name="Shuffle pairs").click()
    expect(rows).not_to_have_text(before)
    host.get_by_role("button", name="Undo shuffle").click()
    expect(rows).to_have_text(before)
    expect(host.get_by_role("button", name="Undo shuffle")).to_have_count(0)
    expect(host.locator(".notice.error")).to_have_count(0)
    view = loop.run(watch.sync())
    pair_of = {m["name"]: p for p in view["pairs"] for m in p["members"]}
    for name, page in phones.items():  # partners see the same number, in the same colour
        label = pair_of[name]["label"]
        expect(page.locator(".pair-label")).to_have_text(f"{label.split()[-1]} {label}")

    # once confirmed, the phone's button says so (not "Confirm shortlist" greyed)
    ana.get_by_role("checkbox", name="Share the vans").check()
    ana.get_by_role("button", name="Confirm shortlist").click()
    expect(ana.get_by_role("button", name="You confirmed this shortlist")).to_be_disabled()

    # a skip from Pair says what is unfinished; confirmed, Rank starts
    host.get_by_role("button", name="Other phases").click()
    host.get_by_role("button", name="Start Rank", exact=True).click()
    ask = host.get_by_role("dialog", name="Skip to Rank?")
    expect(ask).to_contain_text("Pair ends now, with 2 of 2 not done yet.")
    ask.get_by_role("button", name="Skip to Rank").click()
    expect(host.locator(".host-top .phase-pill")).to_have_text("Rank")
    for name, page in phones.items():
        words = "partners" if len(pair_of[name]["members"]) == 3 else "partner"
        expect(page.get_by_text(f"You and your {words} share these votes.")).to_be_visible()

    # Reveal says before the click that it closes the vote
    expect(host.locator("#reveal-hint")).to_contain_text("closes voting")
    host.get_by_role("button", name="Reveal results").click()
    expect(host.locator("#reveal-hint")).to_contain_text("Voting is closed.")

    # Finish from the menu asks, naming what ends
    host.get_by_role("button", name="Next: Start Arrange").click()
    # the menu is opened in Arrange, not just before it arrives (the phase change redraws it)
    expect(host.locator(".host-top .phase-pill")).to_have_text("Arrange")
    host.get_by_role("button", name="Other phases").click()
    host.get_by_role("button", name="Finish", exact=True).click()
    ask = host.get_by_role("dialog", name="Finish the session?")
    expect(ask).to_contain_text("Reflect is skipped")
    expect(ask).to_contain_text("The session ends for everyone")
    ask.get_by_role("button", name="Finish the session").click()
    expect(host.locator(".host-top .phase-pill")).to_have_text("Done")
    assert axe_problems(host, "console done") == []
    for client in [*ws, watch]:
        loop.run(client.close())
    loop.stop()
    assert devices.all_errors() == []
