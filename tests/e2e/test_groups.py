"""A breakout event in real browsers: host, board and twelve phones (360 px) in three groups.

The start page's group settings, forming with mix (organisations spread), a late joiner,
moving a person by the "Move to group…" menu, every group stepping its own Explain from the
phones, the plenary vote with the own-group cap refused in words, the spotlight, reveal,
Arrange and downloads, with axe-core on a phone, the console and the board along the way
(the console from the lobby to Arrange); then a `choose` session; then the console's stuck
rule (pure, in the browser, and the Lagging mark and the sort on the console) and moving a
person by touch. The phone by keyboard alone, axe-core in every phase: test_groups_keyboard.py.
"""

from __future__ import annotations

import csv
import io
import json
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from support.play import Event
from support.server import Server

from e2e.helpers import (
    LAPTOP,
    PHONE,
    PROJECTOR,
    Devices,
    Loop,
    Person,
    Room,
    axe_problems,
    dom_text,
    finish,
    shot,
)

pytestmark = pytest.mark.e2e

ORGS = ["City Council", "Health Board", "Food Bank"]
# eleven join before forming (3 groups of 4, 4, 3), the twelfth after it
NAMES = ["Aino", "Ben", "Chidi", "Dana", "Eero", "Fatima", "Gwen", "Hugo", "Ines", "Jon", "Kai"]
LATE = ("Lumi", "Food Bank")


def join(devices: Devices, base: str, code: str, name: str, org: str) -> Person:
    person = devices.open(name, f"{base}/j/{code}", PHONE)
    pg = person.page
    pg.get_by_role("textbox", name="Your name").fill(name)
    pg.get_by_role("textbox", name="Organisation").fill(org)
    pg.get_by_role("button", name="Join").click()
    expect(pg.get_by_text(f"You are in, {name}.")).to_be_visible()
    return person


def group_of(pg: Page) -> str:
    banner = pg.locator(".group-name")
    expect(banner).to_have_text(re.compile(r"^Group \d$"))
    return banner.inner_text()


def open_group(hp: Page, gid: str) -> None:
    """Open a group's card on the console (a second click would close it)."""
    button = hp.locator(f".group-card[data-group='{gid}'] .group-open")
    if button.get_attribute("aria-expanded") != "true":
        button.click()
    expect(button).to_have_attribute("aria-expanded", "true")


def phase_is(page: Page, phase: str) -> None:
    expect(page.locator(".phase-pill").first).to_have_text(phase)


def start_event(devices: Devices, base: str, assign: str = "Mix organisations") -> tuple[Page, str]:
    """The start page with groups of about 4, the top 2 of each group to the plenary."""
    host = devices.open("host", f"{base}/", LAPTOP)
    hp = host.page
    hp.get_by_role("textbox", name="Question").fill("How might we share the load fairly?")
    size = hp.get_by_role("spinbutton", name="Groups of about (people)")
    expect(size).to_be_hidden()
    hp.get_by_role("checkbox", name="Run in breakout groups (a large event)").check()
    size.fill("4")
    hp.get_by_role("spinbutton", name="Top ideas per group for the plenary").fill("2")
    hp.get_by_role("combobox", name="Assign people").select_option(label=assign)
    hp.get_by_role("button", name="Start session").click()
    hp.wait_for_url(re.compile(r"/h/[^/#]+$"))
    return hp, hp.url.split("/h/")[1]


def test_breakout_event(server: Server, devices: Devices) -> None:
    problems: list[str] = []
    base = server.base_url
    hp, code = start_event(devices, base)
    bp = devices.open("board", f"{base}/b/{code}", PROJECTOR).page
    phones = {name: join(devices, base, code, name, ORGS[i % 3]) for i, name in enumerate(NAMES)}
    expect(hp.get_by_text("11 people in 3 groups of about 4.")).to_be_visible()
    preview = hp.get_by_role("list", name="How organisations will spread")
    expect(preview).to_contain_text("City Council: 4 people, 1–2 in each group")
    expect(preview).to_contain_text("Food Bank: 3 people, 1 in each group")
    hp.get_by_role("button", name="Form groups").click()

    # ---- forming with mix: every group holds every organisation
    spread = hp.get_by_role("list", name="Organisations in each group")
    expect(spread.locator("li")).to_have_count(3)
    for line in spread.locator("li").all_inner_texts():
        assert all(org in line for org in ORGS), line
    groups: dict[str, list[str]] = {}
    for name, person in phones.items():
        groups.setdefault(group_of(person.page), []).append(name)
    assert sorted(len(v) for v in groups.values()) == [3, 4, 4], groups
    expect(hp.get_by_role("button", name="Form again")).to_be_visible()

    # ---- a late joiner goes to the smallest group
    small = next(g for g, v in groups.items() if len(v) == 3)
    phones[LATE[0]] = join(devices, base, code, *LATE)
    assert group_of(phones[LATE[0]].page) == small
    groups[small].append(LATE[0])
    problems += axe_problems(phones[LATE[0]].page, "phone lobby in a group")

    # ---- move a person with the menu, then back by drag and drop
    mover = groups["Group 1"][0]
    card = hp.locator(".group-card[data-group='g1']")
    open_group(hp, "g1")
    detail = hp.locator(".group-detail")
    detail.get_by_role("combobox", name=f"Move {mover} to another group").select_option("g2")
    expect(phones[mover].page.locator(".group-name")).to_have_text("Group 2")
    open_group(hp, "g2")
    source = hp.locator(".group-detail [data-person]", has_text=mover).locator("span").first
    source.hover()
    hp.mouse.down()
    box = card.bounding_box()
    assert box
    hp.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=8)
    hp.mouse.up()
    expect(phones[mover].page.locator(".group-name")).to_have_text("Group 1")
    problems += axe_problems(hp, "host lobby with groups")

    # ---- Own: the board shows every group's progress, never a text
    hp.get_by_role("button", name="Start Own").click()
    for name, person in phones.items():
        pg = person.page
        phase_is(pg, "Own")
        pg.get_by_role("textbox", name="Your idea").fill(f"{name}'s idea")
        pg.get_by_role("button", name="Add idea").click()
        expect(pg.locator(".card-text", has_text=f"{name}'s idea")).to_have_count(1)
    tiles = bp.get_by_role("list", name="Progress of each group").locator("li")
    expect(tiles).to_have_count(3)
    for i in range(3):
        expect(tiles.nth(i)).to_contain_text("4 of 4")
    expect(hp.locator(".group-card").first).to_contain_text("4 of 4 have written")
    assert "'s idea" not in dom_text(bp) + dom_text(hp)
    shot(bp, "board-group-progress")
    problems += axe_problems(bp, "board own with groups")
    problems += axe_problems(hp, "host own with groups")

    # ---- Pair: the group, the pair and the partner on top; every pair confirms its pool
    hp.get_by_role("button", name="Start Pair").click()
    for person in phones.values():
        pg = person.page
        phase_is(pg, "Pair")
        expect(pg.locator(".group-banner")).to_contain_text(re.compile(r"Pair \d+ · with "))
    shot(phones["Aino"].page, "phone-group-pair")
    problems += axe_problems(phones["Aino"].page, "phone pair in a group")
    problems += axe_problems(bp, "board pair with groups")
    # one member of each pair ticks the whole pool (two editing at once would race)
    done: set[str] = set()
    for person in phones.values():
        pg = person.page
        pair = re.findall(r"Pair \d+", pg.locator(".group-banner").inner_text())[0]
        if pair in done:
            continue
        done.add(pair)
        for box in pg.locator(".pool-item input").all():
            box.check()
            expect(box).to_be_checked()
    for i, person in enumerate(phones.values()):
        pg = person.page
        for box in pg.locator(".pool-item input").all():
            expect(box).to_be_checked()
        pg.get_by_role("button", name="Confirm shortlist").click()
        if i == 6:  # the console mid-way: some groups further on than others
            expect(pg.get_by_text("You confirmed the shortlist.")).to_be_visible()
            open_group(hp, "g1")
            shot(hp, "host-groups")
            problems += axe_problems(hp, "host pair, a group opened")
    for i in range(3):
        expect(hp.locator(".group-card").nth(i)).to_contain_text(
            re.compile(r"(\d) of \1 pairs confirmed")
        )

    # ---- Explain: each group steps through its own pairs from a phone
    hp.get_by_role("button", name="Start Explain").click()
    # the console can step a group too: the first pair of Group 1 from the opened card
    open_group(hp, "g1")
    hp.get_by_role("button", name="Next pair in Group 1").click()
    g1 = phones[groups["Group 1"][0]].page
    expect(g1.locator(".pair-group.current")).to_have_count(1)
    for label, names in groups.items():
        pg = phones[names[0]].page
        phase_is(pg, "Explain")
        heads = pg.locator(".pair-group .pair-head")
        expect(heads).to_have_count(2)
        order = [re.findall(r"Pair \d+", x)[0] for x in heads.all_inner_texts()]
        for label_now in order[1:] if label == "Group 1" else order:
            pg.get_by_role("button", name="Next pair").click()
            expect(pg.locator(".pair-group.current .pair-head")).to_contain_text(label_now)
            # the pair's own minute, not the phase's two (60 s a pair, two pairs)
            box = pg.get_by_role("timer", name="This pair's time")
            expect(box).to_have_text(re.compile(r"^(0:[0-5]\d|1:00)$"))
        expect(pg.get_by_text("That was the last pair of your group.")).to_be_visible()
        # another group's ideas never reach this group
        others = [n for g, v in groups.items() if g != label for n in v]
        assert all(f"{n}'s idea" not in dom_text(pg) for n in others)
    for i in range(3):
        expect(tiles.nth(i)).to_contain_text(re.compile(r"(\d) of \1"))
    # the console opens a group: its board, the pair speaking now, and no other group's ideas
    open_group(hp, "g3")
    detail = hp.locator(".group-detail")
    expect(detail.get_by_role("heading", name="Group 3")).to_be_visible()
    for name in groups["Group 3"]:
        expect(detail.get_by_text(f"{name}'s idea")).to_be_visible()
    expect(detail.locator(".card")).to_have_count(len(groups["Group 3"]))
    expect(detail.get_by_text("Speaking now")).to_have_count(1)
    expect(detail.get_by_text("Every pair of this group has presented.")).to_be_visible()
    problems += axe_problems(phones["Ben"].page, "phone explain in a group")
    problems += axe_problems(hp, "host explain, a group opened")
    problems += axe_problems(bp, "board explain with groups")

    # ---- Rank (no votes: the plenary takes each group's first two), then the plenary
    hp.get_by_role("button", name="Start Rank").click()
    phase_is(phones["Aino"].page, "Rank")
    problems += axe_problems(phones["Aino"].page, "phone rank in a group")
    problems += axe_problems(hp, "host rank with groups")
    hp.get_by_role("button", name="Start Plenary").click()
    voter = groups["Group 1"][0]
    vp = phones[voter].page
    phase_is(vp, "Plenary")
    expect(
        vp.get_by_text("At most 1 vote for your own group's ideas.", exact=False)
    ).to_be_visible()
    expect(vp.locator(".card")).to_have_count(6)
    own = vp.locator(".card.mine")
    expect(own).to_have_count(2)
    expect(vp.get_by_text("2 votes left")).to_be_visible()
    own.nth(0).get_by_role("button", name=re.compile("^Vote for")).click()
    expect(vp.get_by_text("1 vote left")).to_be_visible()
    own.nth(1).get_by_role("button", name=re.compile("^Vote for")).click()
    expect(own.nth(1).locator(".refusal")).to_contain_text(re.compile("own group", re.I))
    expect(vp.get_by_text("1 vote left")).to_be_visible()
    vp.locator(".card:not(.mine)").first.get_by_role("button", name=re.compile("^Vote for")).click()
    expect(vp.get_by_text("0 votes left")).to_be_visible()
    problems += axe_problems(vp, "phone plenary")

    # spotlight a group on the board, then reveal
    hp.get_by_role("button", name="Spotlight Group 2").click()
    expect(bp.locator(".current-pair h2")).to_have_text("Group 2")
    expect(bp.locator(".current-pair .card")).to_have_count(2)
    expect(vp.locator(".pair-group.current h2")).to_contain_text("Presenting now")
    shot(bp, "board-plenary")
    problems += axe_problems(bp, "board plenary")
    problems += axe_problems(hp, "host plenary")
    hp.get_by_role("button", name="Reveal results").click()
    ranked = bp.locator(".ranked li")
    expect(ranked).to_have_count(6)
    expect(ranked.first.locator(".badge")).to_have_text(re.compile(r"^Group \d$"))
    expect(ranked.locator(".bar")).to_have_count(6)

    # ---- Arrange over the plenary board, Done, downloads
    hp.get_by_role("button", name="Start Arrange").click()
    hp.get_by_role("textbox", name="Cluster label").fill("Fair share")
    hp.get_by_role("button", name="Create cluster").click()
    expect(bp.get_by_role("heading", name="Fair share")).to_be_visible()
    expect(bp.locator(".card")).to_have_count(6)
    problems += axe_problems(bp, "board arrange after the plenary")
    problems += axe_problems(hp, "host arrange after the plenary")
    finish(hp)
    with hp.expect_download() as dl:
        hp.get_by_role("button", name="Download CSV").click()
    rows = list(csv.DictReader(io.StringIO(Path(dl.value.path()).read_text(encoding="utf-8"))))
    assert {"group", "group_rank", "plenary_rank", "plenary_points"} <= set(rows[0])
    assert len(rows) == 12 and rows[0]["plenary_rank"] == "1"
    with hp.expect_download() as dl:
        hp.get_by_role("button", name="Download JSON").click()
    exported = json.loads(Path(dl.value.path()).read_text(encoding="utf-8"))
    assert [g["label"] for g in exported["groups"]] == ["Group 1", "Group 2", "Group 3"]
    assert problems == []
    assert devices.all_errors() == []


def test_choose_session_and_notice(server: Server, devices: Devices) -> None:
    """People choose their group; a full group is disabled; the notice reaches every screen."""
    base = server.base_url
    hp, code = start_event(devices, base, "Let people choose their group")
    bp = devices.open("board", f"{base}/b/{code}", PROJECTOR).page
    phones = [join(devices, base, code, n, ORGS[i % 3]) for i, n in enumerate(NAMES[:4])]
    expect(hp.get_by_text("4 people in 1 group of about 4.")).to_be_visible()
    hp.get_by_role("spinbutton", name="Number of groups").fill("2")
    hp.get_by_role("button", name="Form groups").click()
    expect(phones[0].page.get_by_role("heading", name="Choose your group")).to_be_visible()
    first = phones[0].page
    expect(first.get_by_role("button", name=re.compile("^Group 1"))).to_be_enabled()
    first.get_by_role("button", name=re.compile("^Group 1")).click()
    expect(first.locator(".group-name")).to_have_text("Group 1")
    # Group 1 now has one more than Group 2: full for the others
    second = phones[1].page
    expect(second.get_by_role("button", name=re.compile("^Group 1"))).to_be_disabled()
    expect(second.get_by_role("button", name=re.compile("^Group 1"))).to_contain_text("full")
    # by keyboard: the list is a row of buttons
    second.get_by_role("button", name=re.compile("^Group 2")).focus()
    second.keyboard.press("Enter")
    expect(second.locator(".group-name")).to_have_text("Group 2")
    assert axe_problems(first, "phone choose") == []

    hp.get_by_role("button", name="Please come back to the main room").click()
    for person in phones:
        expect(person.page.get_by_role("status").filter(has_text="main room")).to_be_visible()
        # and said by the screen reader (the page's live region)
        expect(person.page.locator("#announce")).to_have_text(
            "Notice: Please come back to the main room"
        )
    expect(bp.locator(".board-notice")).to_have_text("Please come back to the main room")
    hp.get_by_role("button", name="Clear notice").click()
    expect(bp.locator(".board-notice")).to_have_count(0)
    assert devices.all_errors() == []


LAG = """async (cases) => {
  const { lagging, byProgress, LAG_AFTER } = await import('/static/js/host/groups.js');
  const groups = (ps) =>
    ps.map((p, i) => ({ id: `g${i + 1}`, progress: p && { done: p[0], of: p[1] } }));
  return {
    after: LAG_AFTER,
    lags: cases.map(([ps, s]) => [...lagging(groups(ps), s)].sort()),
    order: byProgress(groups([[3, 4], [1, 4], null, [4, 4], [1, 4]])).map((g) => g.id),
  };
}"""
# (progress per group as [done, of] or null, seconds into the phase) -> the groups that lag
LAG_CASES: list[tuple[list[list[int] | None], int, list[str]]] = [
    ([[4, 4], [3, 4], [0, 4]], 119, []),  # not yet two minutes in
    ([[4, 4], [3, 4], [1, 4]], 120, ["g3"]),  # 1/4 is under half of the median 3/4
    ([[4, 4], [4, 4], [2, 4]], 600, []),  # exactly half of the median is not under it
    ([[0, 4], [0, 4], [0, 4]], 600, []),  # a median of 0: nobody lags
    ([None, [2, 2], [1, 2]], 300, ["g1"]),  # no progress counts as 0
    ([[0, 4], [1, 4], [3, 4], [4, 4]], 300, ["g1", "g2"]),  # even count: the upper median 3/4
    ([[0, 0], [5, 5], [5, 5]], 300, ["g1"]),  # a group of nobody yet
]


def test_lag_rule_and_sort(server: Server, devices: Devices) -> None:
    """The console's stuck rule and its sort, as pure functions run in the browser."""
    page = devices.open("lab", f"{server.base_url}/", LAPTOP).page
    got = page.evaluate(LAG, [[ps, s] for ps, s, _ in LAG_CASES])
    assert got["after"] == 120
    assert got["lags"] == [want for _, _, want in LAG_CASES]
    assert got["order"] == ["g3", "g2", "g5", "g1", "g4"]  # slowest first, ties kept in order


def ws_groups(server: Server, make_room: Callable[..., Room], loop: Loop) -> tuple[Room, Event]:
    """Nine people over WebSockets in three groups of three; the console is opened after."""
    room = make_room(settings={"groups": {"size": 4}})
    created = {"code": room.code, "host_token": room.host_token}
    event = loop.run(Event.open(created, [server.ws_url], count=9))
    loop.run(event.form())
    return room, event


def close_all(loop: Loop, event: Event) -> None:
    for client in [event.host, event.board, *event.people]:
        loop.run(client.close())
    loop.stop()


def test_console_marks_lagging_and_sorts(
    server: Server, devices: Devices, make_room: Callable[..., Room]
) -> None:
    """Two minutes into Own, a group under half of the median's progress is marked Lagging;
    sorting by progress puts it first. The console's clock is moved on, not waited for."""
    loop = Loop()
    room, event = ws_groups(server, make_room, loop)
    person = devices.open("host", "about:blank", LAPTOP)
    hp = person.page
    hp.clock.install()
    hp.goto(room.host_url)
    cards = hp.locator(".group-card")
    expect(cards).to_have_count(3)
    loop.run(event.host.cmd("phase.start", {"phase": "own"}))
    expect(hp.locator(".phase-pill").first).to_have_text("Own")
    # Group 1 all write, Group 2 two of three, Group 3 nobody
    for gid, writers in (("g1", 3), ("g2", 2)):
        for member in event.members(gid)[:writers]:
            loop.run(event.write(member, 1))
    expect(hp.locator(".group-card[data-group='g2']")).to_contain_text("2 of 3 have written")
    expect(hp.get_by_text("Lagging")).to_have_count(0)  # not two minutes in yet
    hp.clock.set_system_time(time.time() + 125)
    loop.run(event.host.cmd("notice.set", {"text": "Two minutes left"}))  # any change redraws
    lagging = hp.locator(".group-card.lags")
    expect(lagging).to_have_count(1)
    expect(lagging).to_have_attribute("data-group", "g3")
    expect(lagging.get_by_text("Lagging")).to_be_visible()
    assert [c.get_attribute("data-group") for c in cards.all()] == ["g1", "g2", "g3"]
    hp.get_by_role("combobox", name="Sort").select_option("progress")
    expect(cards.first).to_have_attribute("data-group", "g3")
    assert [c.get_attribute("data-group") for c in cards.all()] == ["g3", "g2", "g1"]
    # a group that catches up loses the mark
    for member in event.members("g3")[:2]:
        loop.run(event.write(member, 1))
    expect(lagging).to_have_count(0)
    assert axe_problems(hp, "host own, a group lagging") == []
    close_all(loop, event)
    assert devices.all_errors() == []


def test_move_by_touch(server: Server, devices: Devices, make_room: Callable[..., Room]) -> None:
    """On a touch screen (no mouse, so no drag and drop), a tap opens a group and the
    "Move to group…" menu moves a person."""
    loop = Loop()
    room, event = ws_groups(server, make_room, loop)
    tablet = devices.open("host", room.host_url, {"width": 1024, "height": 768}, has_touch=True)
    tp = tablet.page
    tp.locator(".group-card[data-group='g1'] .group-open").tap()
    mover = event.members("g1")[0]
    name = mover.me["name"]
    menu = tp.locator(".group-detail").get_by_role("combobox", name=f"Move {name} to another group")
    box = menu.bounding_box()
    assert box and box["height"] >= 24, box  # a target a finger can hit (WCAG 2.5.8)
    menu.tap()
    menu.select_option("g3")
    loop.run(mover.until(lambda v: v["me"]["group"]["id"] == "g3"))
    tp.locator(".group-card[data-group='g3'] .group-open").tap()
    expect(tp.locator(".group-detail [data-person]", has_text=name)).to_be_visible()
    expect(tp.locator(".group-card[data-group='g3']")).to_contain_text("4 people")
    close_all(loop, event)
    assert devices.all_errors() == []
