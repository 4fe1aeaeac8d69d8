"""The whole participant flow by keyboard alone, and hostile text shown as text everywhere."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, expect

from e2e.helpers import LAPTOP, PHONE, PROJECTOR, Devices, Person, Room, finish

MakeRoom = Callable[..., Room]

pytestmark = pytest.mark.e2e

PAYLOAD = "<img src=x onerror=alert(1)>"
LABEL = "<script>alert(2)</script>"


def tab_to(page: Page, target: Locator, limit: int = 80) -> None:
    """Press Tab until `target` has the focus (it must be reachable by keyboard)."""
    expect(target).to_be_visible()
    for _ in range(limit):
        if target.evaluate("e => e === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{target} is not reachable with Tab")


def focus_ring(target: Locator) -> str:
    style: str = target.evaluate("e => getComputedStyle(e).outlineStyle")
    return style


def keyboard_join(page: Page, name: str) -> None:
    tab_to(page, page.get_by_role("textbox", name="Your name"))
    page.keyboard.type(name)
    tab_to(page, page.get_by_role("textbox", name="Organisation"))
    page.keyboard.type("Library")
    join = page.get_by_role("button", name="Join")
    tab_to(page, join)
    assert focus_ring(join) != "none"
    page.keyboard.press("Enter")
    expect(page.get_by_text(f"You are in, {name}.")).to_be_visible()


def test_participant_flow_by_keyboard_alone(devices: Devices, make_room: MakeRoom) -> None:
    room = make_room(
        question="How might we open the library longer?", settings={"arrange": {"by": "everyone"}}
    )
    host = devices.open("host", room.host_url, LAPTOP)
    hp = host.page
    kb = devices.open("Keys", room.join_url, PHONE)
    mouse = devices.open("Mo", room.join_url, PHONE)
    kp = kb.page
    keyboard_join(kp, "Keys")
    mouse.page.get_by_role("textbox", name="Your name").fill("Mo")
    mouse.page.get_by_role("button", name="Join").click()
    expect(hp.get_by_text("2 online of 2")).to_be_visible()

    # Own: write two ideas, edit one, all by keyboard
    hp.get_by_role("button", name="Start Own").click()
    for text in ("Open on Sundays", "Evening study room"):
        tab_to(kp, kp.get_by_role("textbox", name="Your idea"))
        kp.keyboard.type(text)
        tab_to(kp, kp.get_by_role("button", name="Add idea"))
        kp.keyboard.press("Enter")
        expect(kp.locator("#main .card-text", has_text=text)).to_have_count(1)
    edit = kp.get_by_role("button", name="Edit idea: Evening study room")
    tab_to(kp, edit)
    kp.keyboard.press("Enter")
    expect(kp.get_by_role("textbox", name="Edit your idea")).to_be_focused()
    kp.keyboard.press("End")
    kp.keyboard.type(" with wifi")
    tab_to(kp, kp.get_by_role("button", name="Save"))
    kp.keyboard.press("Enter")
    expect(kp.locator("#main .card-text", has_text="Evening study room with wifi")).to_be_visible()
    mouse.page.get_by_role("textbox", name="Your idea").fill("Mo's quiet corner")
    mouse.page.get_by_role("button", name="Add idea").click()

    # Pair: tick, write a shared idea, reorder, confirm
    hp.get_by_role("button", name="Start Pair").click()
    expect(kp.get_by_text("You are with Mo")).to_be_visible()
    box = kp.get_by_role("checkbox", name="Open on Sundays")
    tab_to(kp, box)
    kp.keyboard.press("Space")
    expect(box).to_be_checked()
    tab_to(kp, kp.get_by_role("textbox", name="Shared idea"))
    kp.keyboard.type("Sunday study room")
    tab_to(kp, kp.get_by_role("button", name="Add to pool"))
    kp.keyboard.press("Enter")
    shared = kp.get_by_role("checkbox", name="Sunday study room")
    tab_to(kp, shared)
    kp.keyboard.press("Space")
    expect(shared).to_be_checked()
    up = kp.get_by_role("button", name="Move up: Sunday study room")
    tab_to(kp, up)
    kp.keyboard.press("Enter")
    expect(kp.locator(".shortlist li").first).to_contain_text("Sunday study room")
    confirm = kp.get_by_role("button", name="Confirm shortlist")
    tab_to(kp, confirm)
    kp.keyboard.press("Enter")
    expect(mouse.page.get_by_text("Keys confirmed.")).to_be_visible()
    mouse.page.get_by_role("button", name="Confirm shortlist").click()
    expect(kp.get_by_text("Mo confirmed.")).to_be_visible()

    # Explain, Rank: vote by keyboard
    hp.get_by_role("button", name="Start Explain").click()
    expect(kp.locator(".phase-pill")).to_have_text("Explain")
    expect(kp.locator("#main .card-text", has_text="Sunday study room")).to_be_visible()
    hp.get_by_role("button", name="Start Rank").click()
    expect(kp.get_by_text("1 vote left")).to_be_visible()
    vote = kp.get_by_role("button", name="Vote for Sunday study room")
    tab_to(kp, vote)
    kp.keyboard.press("Enter")
    expect(vote).to_have_attribute("aria-pressed", "true")
    expect(kp.get_by_text("0 votes left")).to_be_visible()
    # and take it back
    kp.keyboard.press("Enter")
    expect(kp.get_by_text("1 vote left")).to_be_visible()
    kp.keyboard.press("Enter")
    expect(kp.get_by_text("0 votes left")).to_be_visible()

    hp.get_by_role("button", name="Reveal results").click()

    # Arrange, open to everyone: move an idea with the "Move to…" menu
    hp.get_by_role("button", name="Start Arrange").click()
    hp.get_by_role("textbox", name="Cluster label").fill("Weekends")
    hp.get_by_role("button", name="Create cluster").click()
    expect(kp.get_by_role("heading", name="Weekends")).to_be_visible()
    move = kp.get_by_role("button", name="Move “Sunday study room” to")
    tab_to(kp, move)
    kp.keyboard.press("Enter")
    tab_to(kp, kp.get_by_role("button", name="Weekends", exact=True))
    kp.keyboard.press("Enter")
    column = kp.locator(".column", has=kp.get_by_role("heading", name="Weekends"))
    expect(column.get_by_text("Sunday study room")).to_be_visible()
    expect(kp.get_by_role("button", name="Move “Sunday study room” to")).to_be_focused()
    # ... and the phone starts a cluster of its own, which everyone sees
    expect(kp.get_by_text("start a cluster with a label")).to_be_visible()
    tab_to(kp, kp.get_by_role("textbox", name="Cluster label"))
    kp.keyboard.type("Evenings")
    kp.keyboard.press("Enter")
    expect(hp.get_by_role("textbox", name="Label of cluster Evenings")).to_be_visible()
    expect(kp.get_by_role("heading", name="Evenings")).to_be_visible()

    finish(hp)
    expect(kp.get_by_text("Thank you for taking part!")).to_be_visible()
    expect(kp.locator(".ranked li").first).to_contain_text("Sunday study room")
    # a total always says what it counts ("2 points", "1 point"), never a bare number
    expect(kp.locator(".ranked li .rank-pts").first).to_have_text(re.compile(r"^\d+ points?$"))
    assert devices.all_errors() == []


def no_markup(person: Person) -> None:
    page = person.page
    assert page.locator("img[src='x']").count() == 0, person.name
    assert page.locator("main script, #app script").count() == 0, person.name
    assert page.locator("i", has_text="Ann").count() == 0, person.name


def test_hostile_text_is_shown_as_text_everywhere(devices: Devices, make_room: MakeRoom) -> None:
    room = make_room(question="<b>How</b> might we stay safe?")
    host = devices.open("host", room.host_url, LAPTOP)
    board = devices.open("board", room.board_url, PROJECTOR)
    hp, bp = host.page, board.page
    ann = devices.open("ann", room.join_url, PHONE)
    bob = devices.open("bob", room.join_url, PHONE)
    for person, name in ((ann, "<i>Ann</i>"), (bob, "Bob")):
        person.page.get_by_role("textbox", name="Your name").fill(name)
        person.page.get_by_role("textbox", name="Organisation").fill("<u>Org</u>")
        person.page.get_by_role("button", name="Join").click()
        expect(person.page.get_by_text(f"You are in, {name}.")).to_be_visible()
    expect(hp.locator(".people").get_by_text("<i>Ann</i>", exact=True)).to_be_visible()
    expect(bp.get_by_role("heading", name="<b>How</b> might we stay safe?")).to_be_visible()

    hp.get_by_role("button", name="Start Own").click()
    ann.page.get_by_role("textbox", name="Your idea").fill(PAYLOAD)
    ann.page.get_by_role("button", name="Add idea").click()
    expect(ann.page.locator("#main .card-text", has_text=PAYLOAD)).to_be_visible()
    bob.page.get_by_role("textbox", name="Your idea").fill("A plain idea")
    bob.page.get_by_role("button", name="Add idea").click()

    hp.get_by_role("button", name="Start Pair").click()
    expect(bob.page.get_by_text("You are with <i>Ann</i>")).to_be_visible()
    bob.page.get_by_role("checkbox", name=PAYLOAD).check()
    bob.page.get_by_role("checkbox", name="A plain idea").check()
    bob.page.get_by_role("button", name="Confirm shortlist").click()
    expect(ann.page.get_by_text("Bob confirmed.")).to_be_visible()
    ann.page.get_by_role("button", name="Confirm shortlist").click()

    hp.get_by_role("button", name="Start Explain").click()
    for page in (bp, hp, ann.page, bob.page):
        expect(page.get_by_text(PAYLOAD, exact=True).first).to_be_visible()
    hp.get_by_role("button", name="Start Rank").click()
    bob.page.get_by_role("button", name=f"Vote for {PAYLOAD}").click()
    expect(bob.page.get_by_text("0 votes left")).to_be_visible()
    hp.get_by_role("button", name="Reveal results").click()
    expect(bp.locator(".ranked li").first).to_contain_text(PAYLOAD)

    hp.get_by_role("button", name="Start Arrange").click()
    hp.get_by_role("textbox", name="Cluster label").fill(LABEL)
    hp.get_by_role("button", name="Create cluster").click()
    hp.get_by_role("button", name=f"Move “{PAYLOAD}” to").click()
    hp.get_by_role("button", name=LABEL, exact=True).click()
    column = bp.locator(".column", has=bp.get_by_role("heading", name=LABEL))
    expect(column.get_by_text(PAYLOAD, exact=True)).to_be_visible()
    expect(ann.page.get_by_role("heading", name=LABEL)).to_be_visible()

    for person in devices.people:
        no_markup(person)
        assert person.dialogs == [], f"{person.name}: a dialog fired"
    assert devices.all_errors() == []
