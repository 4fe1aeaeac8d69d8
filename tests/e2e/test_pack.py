"""The after-event pack in Chromium: a finished session's report.html opened from a report
link, every section there, axe-clean, nothing outside A4's printable width, no request
anywhere else, and the PDFs Chromium prints (A4 and Letter) with the sections in order,
each major one on a page of its own; read back from the PDF with pypdf."""

from __future__ import annotations

import asyncio
import base64
import io
import os
import re
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, expect
from pypdf import PdfReader
from support.client import Client, create_session
from support.play import agree_shortlists
from support.server import Server
from test_report import SECTIONS, breakout, played

from e2e.helpers import SCREENSHOTS, axe_problems, dom_text
from e2e.test_report_print import A4_PX, LONG

APPENDIX = "Appendix: ideas that did not reach the board"
OWN_PAGE = [*SECTIONS[2:], APPENDIX]  # each starts a new page; the first two share page 1
A4_PAGE = (794, 1123)  # 210 x 297 mm at 96 px an inch
MARGIN = 57  # 15 mm


def pdf_pages(pdf: bytes) -> list[str]:
    """Each page's text, ligatures undone and white space made single."""
    reader = PdfReader(io.BytesIO(pdf))
    texts = (unicodedata.normalize("NFKC", page.extract_text()) for page in reader.pages)
    return [" ".join(text.split()) for text in texts]


def page_of(pages: list[str], heading: str) -> int:
    return next(i for i, text in enumerate(pages) if heading in text)


def opened_by(pages: list[str], heading: str) -> int:
    """The page that begins with the heading (after its number at the foot, "3 / 8", which
    comes first in the text)."""
    start = re.compile(r"\d+ / \d+ " + re.escape(heading))
    return next(i for i, text in enumerate(pages) if start.match(text))


@pytest.fixture(scope="module")
def finished(server: Server) -> tuple[dict[str, Any], list[Client]]:
    """A session played to Done (test_report's, with a 140-letter word in every idea)."""
    with ThreadPoolExecutor(1) as pool:  # Playwright's sync API holds this thread's loop
        return pool.submit(asyncio.run, played(server, extra=LONG, finish=True)).result()


def test_the_console_opens_the_pack_in_a_new_tab(
    browser: Browser, finished: tuple[dict[str, Any], list[Client]]
) -> None:
    created, _ = finished
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    console = context.new_page()
    console.goto(created["host_url"])
    with console.expect_popup() as opened:
        console.get_by_role("button", name="Print report").click()
    pack = opened.value
    pack.wait_for_url("**/report.html?ticket=*")  # a ticket, never the host key
    assert created["host_token"] not in pack.url
    expect(pack.locator("h2").first).to_have_text(SECTIONS[0])
    expect(pack.locator("#feedback")).to_contain_text("Average score 4 out of 5")
    assert APPENDIX not in pack.locator("main section > h2").all_inner_texts()
    # ticking the appendix box adds the ideas that never reached the board
    console.get_by_role("checkbox", name="Add every idea that did not reach the board").check()
    with console.expect_popup() as opened:
        console.get_by_role("button", name="Print report").click()
    pack = opened.value
    pack.wait_for_url("**/report.html?ticket=*&appendix=1")
    expect(pack.locator("main section > h2").last).to_have_text(APPENDIX)
    context.close()


def test_the_pack_prints_every_section_in_order(
    server: Server, browser: Browser, finished: tuple[dict[str, Any], list[Client]]
) -> None:
    created, people = finished
    link = httpx.post(
        f"{server.base_url}/api/sessions/{created['code']}/report-link?appendix=1",
        headers={"Authorization": f"Bearer {created['host_token']}"},
    ).json()["url"]
    context = browser.new_context(viewport={"width": A4_PX, "height": 1000})
    page = context.new_page()
    elsewhere: list[str] = []
    page.on(
        "request", lambda r: None if r.url.startswith(server.base_url) else elsewhere.append(r.url)
    )
    page.goto(link)
    assert axe_problems(page, "pack") == []
    page.emulate_media(media="print")
    headings = page.locator("main section > h2").all_inner_texts()
    assert headings == [*SECTIONS, APPENDIX]
    for key in ("question", "community", "learning", "themes", "reflections", "feedback"):
        assert page.locator(f"#{key}").is_visible()
    assert page.locator("svg.chart").count() == 3  # organisations, ranked ideas, feedback
    assert page.locator("#reflections ul.answers li").count() == 6
    assert page.locator("#record ol.record li").count() >= 9
    wide = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('body *')]"
        ".map((e) => e.getBoundingClientRect().right))"
    )
    assert wide <= A4_PX, f"something is {wide} px wide on a {A4_PX} px page"
    text = dom_text(page)
    for secret in ("Name0", "Name3", "Leaver", *(p.pid for p in people)):
        assert secret not in text
    for paper in ("A4", "Letter"):
        pages = pdf_pages(page.pdf(format=paper))
        starts = [page_of(pages, heading) for heading in [*SECTIONS, APPENDIX]]
        assert starts[0] == starts[1] == 0, paper  # the question and the community: page 1
        assert starts == sorted(starts), paper  # in order
        opens = [opened_by(pages, heading) for heading in OWN_PAGE]  # a page each
        assert opens == sorted(set(opens)) and opens[0] == 1, (paper, opens)
    assert elsewhere == []  # no request outside the server: no font, no script, no image
    context.close()
    if os.environ.get("OPERA_SCREENSHOTS"):
        with ThreadPoolExecutor(1) as pool:
            shown = pool.submit(asyncio.run, showcase(server)).result()
        two_pages(browser, shown)


IDEAS = [
    "Shared transport for care workers between villages",
    "One phone number for every service in the county",
    "Carers' cafés in every library",
    "A single assessment shared by health and the council",
    "Volunteer drivers with their fuel paid",
    "Evening GP hours twice a week",
    "Young people trained as digital helpers",
    "A pooled budget for small repairs at home",
    "A community larder run with the food bank",
    "Walking groups led by physiotherapists",
    "A map of every free activity near you",
    "A joint rota for weekend cover",
]
ORGS = ["County Council"] * 4 + ["Health Board"] * 3 + ["Age Concern"] * 3
ORGS += ["Fire Service", "Library Trust"]


async def showcase(server: Server) -> str:
    """A believable finished session for the screenshot: 12 people of 5 organisations, an
    idea each, votes spread, two themes, reflections and feedback. Its report link."""
    created = await create_session(
        server.base_url,
        title="Rural support partnership day",
        question="How might we make it easier for older people in rural areas to get support?",
        settings={"rank": {"voter": "person", "budget": 3}},
    )
    code, ws = created["code"], server.ws_url
    host = await Client.open(ws, code, "host", token=created["host_token"])
    people = [await Client.open(ws, code, name=f"P{i}", org=org) for i, org in enumerate(ORGS)]
    await host.cmd("phase.start", {"phase": "own"})
    for person, idea in zip(people, IDEAS, strict=True):
        await person.cmd("idea.add", {"text": idea})
    await host.cmd("phase.start", {"phase": "pair"})
    await agree_shortlists(people)
    await host.cmd("phase.start", {"phase": "explain"})
    await host.cmd("phase.start", {"phase": "rank"})
    board = (await host.until(lambda v: len(v["ideas"]) == len(IDEAS)))["ideas"]
    order = sorted(board, key=lambda idea: IDEAS.index(idea["text"]))
    for i, person in enumerate(people):
        mine = person.me["pair"]["id"]
        theirs = [idea["id"] for idea in order[: 4 + i % 5] if idea["pair_id"] != mine]
        for idea_id in theirs[i % 2 :: 2][:3]:
            await person.cmd("vote.set", {"idea_id": idea_id, "points": 1})
    await host.cmd("rank.reveal")
    await host.cmd("phase.start", {"phase": "arrange"})
    themes = [
        ("Getting about", order[0::4], "Transport partnership", "Pilot a shared rota by March"),
        ("One front door", order[1::4], "Council customer services", "Test one number in June"),
    ]
    for n, (label, ideas, owner, action) in enumerate(themes, start=1):
        await host.cmd("cluster.create", {"label": label, "idea_ids": [i["id"] for i in ideas]})
        view = await host.until(lambda v, n=n: len(v["clusters"]) == n)
        cluster = view["clusters"][-1]["id"]
        await host.cmd("cluster.update", {"cluster_id": cluster, "owner": owner, "action": action})
    await host.cmd("phase.start", {"phase": "reflect"})
    for i, person in enumerate(people[:9]):
        await person.until(lambda v: v["phase"]["name"] == "reflect")
        await person.cmd("reflection.set", {"prompt": 0, "text": "We need each other more."})
        await person.cmd("feedback.set", {"score": 3 + i % 3, "text": ""})
    await host.cmd("phase.start", {"phase": "done"})
    for client in (host, *people):
        await client.close()
    async with httpx.AsyncClient() as http:
        auth = {"Authorization": f"Bearer {created['host_token']}"}
        answer = await http.post(f"{server.base_url}/api/sessions/{code}/report-link", headers=auth)
    url: str = answer.json()["url"]
    return url


def two_pages(browser: Browser, link: str) -> None:
    """docs/screenshots/pack-pages.png: the pack's first two printed pages side by side,
    each the print layout cut at the page break and set on an A4 sheet."""
    width, height = A4_PAGE[0] - 2 * MARGIN, A4_PAGE[1] - 2 * MARGIN
    context = browser.new_context(viewport={"width": width, "height": 1000})
    pack = context.new_page()
    pack.goto(link)
    pack.emulate_media(media="print")
    second = pack.locator("#learning").bounding_box()
    assert second is not None
    cuts = [(0.0, second["y"]), (second["y"], second["y"] + second["height"])]
    images = []
    for top, bottom in cuts:
        clip = {"x": 0, "y": top, "width": width, "height": min(bottom - top, height)}
        shot = pack.screenshot(clip=clip, full_page=True)
        images.append(base64.b64encode(shot).decode())
    context.close()
    sheets = "".join(
        f'<div class="sheet"><img src="data:image/png;base64,{image}" alt=""></div>'
        for image in images
    )
    style = (
        "body{margin:0;padding:24px;background:#d9dde2;display:flex;gap:24px}"
        f".sheet{{width:{width}px;height:{height}px;padding:{MARGIN}px;background:#fff;"
        "box-shadow:0 2px 8px #0004;overflow:hidden}"
    )
    context = browser.new_context(viewport={"width": 2 * A4_PAGE[0] + 72, "height": 1171})
    sheet = context.new_page()
    sheet.set_content(f"<style>{style}</style>{sheets}")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    sheet.screenshot(path=str(SCREENSHOTS / "pack-pages.png"))
    context.close()


def test_a_breakout_pack_prints_a_page_per_group_after_the_plenary(
    server: Server, browser: Browser
) -> None:
    with ThreadPoolExecutor(1) as pool:
        created, _ = pool.submit(asyncio.run, breakout(server)).result()
    link = httpx.post(
        f"{server.base_url}/api/sessions/{created['code']}/report-link",
        headers={"Authorization": f"Bearer {created['host_token']}"},
    ).json()["url"]
    context = browser.new_context(viewport={"width": A4_PX, "height": 1000})
    page = context.new_page()
    page.goto(link)
    page.emulate_media(media="print")
    groups = ["Group 1", "Group 2", "Group 3"]
    assert page.locator("main section > h2").all_inner_texts() == [
        *SECTIONS[:3],
        *groups,
        *SECTIONS[3:],
    ]
    assert page.locator("#learning th", has_text="Groups").count() == 1
    assert page.locator("svg.chart").count() == 2 + 3  # organisations, plenary, each group
    wide = page.evaluate("() => document.documentElement.scrollWidth")
    assert wide <= A4_PX
    pages = pdf_pages(page.pdf(format="A4"))
    opens = [opened_by(pages, heading) for heading in [*SECTIONS[2:3], *groups, SECTIONS[3]]]
    assert opens == sorted(set(opens)), opens  # in order, each on a page of its own
    assert axe_problems(page, "breakout pack") == []
    context.close()
