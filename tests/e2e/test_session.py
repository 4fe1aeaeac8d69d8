"""A whole OPERA session in real browsers: host, board and five phones.

Checks what every screen shows in every phase, privacy (no phone, board or host page ever
holds another person's Own idea before Pair, and Pair pools stay inside the pair), and runs
axe-core on every page in every phase (no serious or critical violation).
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from support.server import Server

from e2e.helpers import (
    LAPTOP,
    PHONE,
    PROJECTOR,
    Devices,
    Person,
    axe_problems,
    dom_text,
    finish,
    shot,
)

pytestmark = pytest.mark.e2e

PEOPLE = [
    ("Aino", "City Council"),
    ("Ben", "Health Board"),
    ("Chidi", "Food Bank"),
    ("Dana", "City Council"),
    ("Eero", "Nurses Union"),
]


def idea(name: str, n: int) -> str:
    return f"{name} idea {n}: " + {1: "shared minutes", 2: "rotate the chair"}[n]


def timer(page: Page) -> None:
    expect(page.get_by_role("timer").first).to_have_text(re.compile(r"\d+:\d\d"))


def phase_is(page: Page, phase: str) -> None:
    expect(page.locator(".phase-pill").first).to_have_text(phase)


def test_whole_session(server: Server, devices: Devices, tmp_path: Path) -> None:
    problems: list[str] = []
    base = server.base_url

    # ---- start page: start a session, land in the host console
    host = devices.open("host", f"{base}/", LAPTOP)
    hp = host.page
    problems += axe_problems(hp, "start page")
    hp.get_by_role("textbox", name="Title").fill("Partnership day")
    hp.get_by_role("textbox", name="Question").fill(
        "How might we make our partnership meetings fairer for everyone in the room?"
    )
    hp.get_by_role("button", name="Start session").click()
    # the host key went to the tab's session storage, never into the address (issue 9)
    hp.wait_for_url(re.compile(r"/h/[^/#]+$"))
    code = hp.url.split("/h/")[1]
    expect(hp.get_by_role("button", name="Start Own")).to_be_enabled()
    expect(hp.get_by_text(code).first).to_be_visible()

    board = devices.open("board", f"{base}/b/{code}", PROJECTOR)
    bp = board.page
    expect(bp.locator(".lobby-code")).to_have_text(code)
    bp.wait_for_function(
        "() => { const i = document.querySelector('img.qr');"
        " return i && i.complete && i.naturalWidth > 0 }"
    )
    expect(bp.get_by_text("0 people have joined")).to_be_visible()

    # ---- participants: the first finds the room by its code on the start page
    phones: list[Person] = []
    for i, (name, org) in enumerate(PEOPLE):
        if i == 0:
            person = devices.open(name, f"{base}/", PHONE)
            person.page.get_by_role("textbox", name="Room code").fill(code.lower())
            person.page.get_by_role("button", name="Join", exact=True).click()
            person.page.wait_for_url(re.compile(r"/j/"))
        else:
            person = devices.open(name, f"{base}/j/{code}", PHONE)
        pg = person.page
        if i == 1:
            problems += axe_problems(pg, "phone join form")
        pg.get_by_role("textbox", name="Your name").fill(name)
        pg.get_by_role("textbox", name="Organisation").fill(org)
        pg.get_by_role("button", name="Join").click()
        expect(pg.get_by_text(f"You are in, {name}.")).to_be_visible()
        phones.append(person)

    expect(bp.get_by_text("5 people have joined")).to_be_visible()
    for name, _org in PEOPLE:
        expect(hp.locator(".people").get_by_text(name, exact=True)).to_be_visible()
    expect(hp.get_by_text("5 online of 5")).to_be_visible()
    shot(bp, "board-lobby")
    shot(hp, "host-lobby")
    shot(phones[0].page, "phone-lobby")
    problems += axe_problems(bp, "board lobby")
    problems += axe_problems(hp, "host lobby")
    problems += axe_problems(phones[0].page, "phone lobby")

    # ---- Own: write alone; nobody else sees a word
    hp.get_by_role("button", name="Start Own").click()
    for person in phones:
        pg = person.page
        phase_is(pg, "Own")
        timer(pg)
        expect(pg.get_by_text("Only you can see these until Pair.")).to_be_visible()
        for n in (1, 2):
            pg.get_by_role("textbox", name="Your idea").fill(idea(person.name, n))
            pg.get_by_role("button", name="Add idea").click()
        for n in (1, 2):
            expect(pg.locator(".card-text", has_text=idea(person.name, n))).to_have_count(1)
    # edit and delete
    ap = phones[0].page
    ap.get_by_role("textbox", name="Your idea").fill("Aino draft to delete")
    ap.get_by_role("button", name="Add idea").click()
    ap.get_by_role("button", name="Delete idea: Aino draft to delete").click()
    expect(ap.get_by_text("Aino draft to delete")).to_have_count(0)
    ap.get_by_role("button", name=f"Edit idea: {idea('Aino', 2)}").click()
    ap.get_by_role("textbox", name="Edit your idea").fill("Aino idea 2: rotate the chair monthly")
    ap.get_by_role("button", name="Save").click()
    expect(ap.locator(".card-text", has_text="rotate the chair monthly")).to_have_count(1)
    texts = {p.name: [idea(p.name, 1), idea(p.name, 2)] for p in phones}
    texts["Aino"][1] = "Aino idea 2: rotate the chair monthly"

    expect(bp.get_by_text("5 of 5 have written")).to_be_visible()
    expect(bp.locator(".dot.on")).to_have_count(5)
    expect(hp.get_by_text("5 of 5 have written")).to_be_visible()
    timer(bp)
    all_ideas = [t for ts in texts.values() for t in ts]
    for person in phones:
        seen = dom_text(person.page)
        for other, ts in texts.items():
            if other != person.name:
                for t in ts:
                    assert t not in seen, f"{person.name} sees {other}'s idea in Own"
    for page, who in ((bp, "board"), (hp, "host")):
        seen = dom_text(page)
        assert not [t for t in all_ideas if t in seen], f"{who} shows idea text in Own"
    shot(ap, "phone-own")
    shot(bp, "board-own")
    shot(hp, "host-own")
    problems += axe_problems(ap, "phone own")
    problems += axe_problems(bp, "board own")
    problems += axe_problems(hp, "host own")

    # ---- Pair: partners, shared pool, shortlist, confirmations
    hp.get_by_role("button", name="Start Pair").click()
    partners: dict[str, list[str]] = {}
    for person in phones:
        pg = person.page
        phase_is(pg, "Pair")
        line = pg.locator(".partner")
        expect(line).to_contain_text("You are with")
        names = line.inner_text()
        partners[person.name] = [n for n, _ in PEOPLE if n in names and n != person.name]
    groups: list[list[str]] = []
    for name, others in partners.items():
        group = sorted([name, *others])
        if group not in groups:
            groups.append(group)
    assert sorted(len(g) for g in groups) == [2, 3], groups
    by_name = {p.name: p for p in phones}
    for group in groups:
        for name in group:
            seen = dom_text(by_name[name].page)
            for other, ts in texts.items():
                for t in ts:
                    assert (t in seen) == (other in group), f"{name} and {other}'s idea {t!r}"
    expect(hp.locator(".pairs-list li")).to_have_count(2)
    assert not [t for t in all_ideas if t in dom_text(hp)]

    shortlisted: dict[str, list[str]] = {}
    for group in groups:
        lead, partner = by_name[group[0]].page, by_name[group[1]].page
        picks = [texts[group[0]][0], texts[group[1]][0]]
        for t in picks:
            lead.get_by_role("checkbox", name=t).check()
            expect(lead.get_by_role("checkbox", name=t)).to_be_checked()
        merged = f"Merged by {group[0]}: one agenda, two chairs"
        lead.get_by_role("textbox", name="Shared idea").fill(merged)
        lead.get_by_role("button", name="Add to pool").click()
        expect(partner.get_by_role("checkbox", name=merged)).to_be_visible()
        lead.get_by_role("checkbox", name=merged).check()
        lead.get_by_role("button", name=f"Move up: {merged}").click()
        order = [re.compile(re.escape(x)) for x in (picks[0], merged, picks[1])]
        expect(lead.locator(".shortlist li")).to_have_text(order)
        expect(partner.locator(".shortlist li").nth(1)).to_contain_text(merged)
        lead.get_by_role("button", name="Confirm shortlist").click()
        expect(partner.get_by_text(f"{group[0]} confirmed.")).to_be_visible()
        if group is groups[0]:
            shot(partner, "phone-pair")
            problems += axe_problems(partner, "phone pair")
        for other in group[1:]:
            by_name[other].page.get_by_role("button", name="Confirm shortlist").click()
        expect(lead.get_by_text("Your shortlist is final.", exact=False)).to_be_visible()
        shortlisted[group[0]] = [picks[0], merged, picks[1]]
    expect(bp.get_by_text("2 of 2 pairs confirmed")).to_be_visible()
    expect(hp.locator(".pairs-list").get_by_text("confirmed", exact=True)).to_have_count(2)
    assert not [t for t in all_ideas if t in dom_text(bp)]
    shot(bp, "board-pair")
    shot(hp, "host-pair")
    problems += axe_problems(bp, "board pair")
    problems += axe_problems(hp, "host pair")

    # ---- Explain: every shortlist on the board, a spotlight, nothing else
    hp.get_by_role("button", name="Start Explain").click()
    on_board = [t for ts in shortlisted.values() for t in ts]
    for t in on_board:
        expect(bp.get_by_text(t, exact=True)).to_be_visible()
    board_text = dom_text(bp)
    for t in all_ideas:
        if t not in on_board:
            assert t not in board_text, f"unshortlisted {t!r} reached the board"
    hp.get_by_role("button", name="Next pair").click()
    spotlight = bp.locator(".current-pair")
    expect(spotlight).to_be_visible()
    expect(spotlight.locator(".card")).to_have_count(3)
    for person in phones:
        phase_is(person.page, "Explain")
        expect(person.page.get_by_text("Speaking now")).to_be_visible()
        # at 360 px every pill of the pair headings is one line (they wrap whole)
        lines = person.page.evaluate(
            """() => [...document.querySelectorAll('.pair-head .badge')].map((b) =>
                b.getBoundingClientRect().height / parseFloat(getComputedStyle(b).lineHeight))"""
        )
        assert lines and max(lines) < 1.6, lines
    # the phone's sticky header leaves most of a 740 px screen to the work
    header = phones[0].page.locator(".phone-header").bounding_box()
    assert header and header["height"] < 0.2 * PHONE["height"], header
    timer(bp)
    shot(bp, "board-explain")
    shot(hp, "host-explain")
    shot(phones[0].page, "phone-explain")
    problems += axe_problems(bp, "board explain")
    problems += axe_problems(hp, "host explain")
    problems += axe_problems(phones[0].page, "phone explain")

    # ---- Rank: budget, own-pair rule refused kindly, hidden totals, reveal
    hp.get_by_role("button", name="Start Rank").click()
    g1, g2 = groups
    p1, p2 = by_name[g1[0]].page, by_name[g2[0]].page
    expect(p1.get_by_text("2 votes left")).to_be_visible()
    expect(p1.get_by_text("At most 1 vote for your own pair's ideas.")).to_be_visible()
    own1 = shortlisted[g1[0]]
    own2 = shortlisted[g2[0]]
    p1.get_by_role("button", name=f"Vote for {own1[1]}").click()
    expect(p1.get_by_text("1 vote left")).to_be_visible()
    p1.get_by_role("button", name=f"Vote for {own1[0]}").click()
    refusal = p1.locator(".refusal")
    expect(refusal).to_be_visible()
    expect(refusal).to_contain_text("Not sent:")
    expect(p1.get_by_text("1 vote left")).to_be_visible()
    p1.get_by_role("button", name=f"Vote for {own2[0]}").click()
    expect(p1.get_by_text("0 votes left")).to_be_visible()
    # pair ballot: the partner sees the same votes
    expect(by_name[g1[1]].page.get_by_text("0 votes left")).to_be_visible()
    partner_vote = by_name[g1[1]].page.get_by_role("button", name=f"Vote for {own2[0]}")
    expect(partner_vote).to_have_attribute("aria-pressed", "true")
    p2.get_by_role("button", name=f"Vote for {own1[1]}").click()
    p2.get_by_role("button", name=f"Vote for {own2[1]}").click()
    expect(p2.get_by_text("0 votes left")).to_be_visible()
    expect(bp.get_by_text("2 of 2 have voted")).to_be_visible()
    assert "points" not in dom_text(bp), "the board shows totals before the reveal"
    for person in phones:
        assert "points" not in dom_text(person.page)
    expect(hp.locator(".ranked li").first).to_contain_text(own1[1])
    expect(hp.locator(".ranked li").first).to_contain_text("2 points")
    shot(p1, "phone-rank")
    shot(bp, "board-rank")
    problems += axe_problems(p1, "phone rank")
    problems += axe_problems(bp, "board rank")
    hp.get_by_role("button", name="Reveal results").click()
    ranked = bp.locator(".ranked li")
    expect(ranked.first).to_contain_text(own1[1])
    expect(ranked.first).to_contain_text("2 points")
    expect(ranked).to_have_count(6)
    expect(p2.locator(".badge", has_text="#1")).to_have_count(1)
    shot(bp, "board-reveal")
    shot(hp, "host-rank")
    problems += axe_problems(bp, "board reveal")
    problems += axe_problems(hp, "host rank")

    # ---- Arrange: create a cluster, move by keyboard, drag by mouse, owner and action
    hp.get_by_role("button", name="Start Arrange").click()
    hp.get_by_role("textbox", name="Cluster label").fill("Meeting rules")
    hp.get_by_role("button", name="Create cluster").click()
    column = bp.locator(".column", has=bp.get_by_role("heading", name="Meeting rules"))
    expect(column).to_be_visible()
    move = hp.get_by_role("button", name=f"Move “{own1[1]}” to")
    move.focus()
    hp.keyboard.press("Enter")
    target = hp.get_by_role("button", name="Meeting rules", exact=True)
    expect(target).to_be_visible()
    for _ in range(6):
        if target.evaluate("e => e === document.activeElement"):
            break
        hp.keyboard.press("Tab")
    hp.keyboard.press("Enter")
    expect(column.get_by_text(own1[1])).to_be_visible()
    # after the move the focus stays on the moved card's "Move to…" button
    expect(hp.get_by_role("button", name=f"Move “{own1[1]}” to")).to_be_focused()

    card = hp.locator("[data-idea]", has_text=own2[0])
    grip = card.locator("[data-grip]")
    drop = hp.locator("section.column[aria-label='Meeting rules']")
    grip.scroll_into_view_if_needed()
    g = grip.bounding_box()
    d = drop.bounding_box()
    assert g and d
    hp.mouse.move(g["x"] + g["width"] / 2, g["y"] + g["height"] / 2)
    hp.mouse.down()
    hp.mouse.move(g["x"] + 40, g["y"] + 20, steps=4)
    hp.mouse.move(d["x"] + d["width"] / 2, d["y"] + 40, steps=12)
    hp.mouse.up()
    expect(column.get_by_text(own2[0])).to_be_visible()
    expect(column.locator(".card")).to_have_count(2)

    hp.get_by_role("textbox", name="Owner for Meeting rules").fill("Aino")
    hp.get_by_role("textbox", name="Owner for Meeting rules").press("Enter")
    hp.get_by_role("textbox", name="Next action for Meeting rules").fill("Draft the rota by Friday")
    hp.get_by_role("textbox", name="Next action for Meeting rules").press("Enter")
    expect(column.get_by_text("Owner: Aino")).to_be_visible()
    expect(column.get_by_text("Next: Draft the rota by Friday")).to_be_visible()
    pcol = phones[2].page.locator(".column", has_text="Meeting rules")
    expect(pcol.get_by_text(own2[0])).to_be_visible()
    expect(bp.get_by_text("Parked (no votes)")).to_be_visible()
    shot(bp, "board-arrange")
    shot(hp, "host-arrange")
    shot(phones[2].page, "phone-arrange")
    problems += axe_problems(bp, "board arrange")
    problems += axe_problems(hp, "host arrange")
    problems += axe_problems(phones[2].page, "phone arrange")

    # ---- Done: thanks, the result, downloads
    finish(hp)
    for person in phones:
        expect(person.page.get_by_text("Thank you for taking part!")).to_be_visible()
    expect(phones[0].page.locator(".ranked li").first).to_contain_text(own1[1])
    phase_is(bp, "Done")
    with hp.expect_download() as dl:
        hp.get_by_role("button", name="Download CSV").click()
    rows = list(csv.DictReader(io.StringIO(Path(dl.value.path()).read_text(encoding="utf-8"))))
    assert {"rank", "idea", "points", "cluster", "pair"} <= set(rows[0])
    assert rows[0]["idea"] == own1[1]
    assert rows[0]["cluster"] == "Meeting rules"
    assert len(rows) == 6
    with hp.expect_download() as dl:
        hp.get_by_role("button", name="Download JSON").click()
    exported = json.loads(Path(dl.value.path()).read_text(encoding="utf-8"))
    assert len(exported["ideas"]) == 6
    with hp.expect_download() as dl:
        hp.get_by_role("button", name="Download Markdown").click()
    assert own1[1] in Path(dl.value.path()).read_text(encoding="utf-8")
    shot(bp, "board-done")
    shot(hp, "host-done")
    shot(phones[0].page, "phone-done")
    problems += axe_problems(bp, "board done")
    problems += axe_problems(hp, "host done")
    problems += axe_problems(phones[0].page, "phone done")

    # no organisation next to ideas anywhere on the board (names appear in this test's ideas)
    board_text = dom_text(bp)
    assert not [org for _, org in PEOPLE if org in board_text]

    assert problems == []
    assert devices.all_errors() == []
    assert all(not p.dialogs for p in devices.people)
