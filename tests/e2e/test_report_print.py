"""The printed pack of a finished session in Chromium: opened from a report link (no
header), nothing of the page wider than A4's or Letter's printable width, no UI, and a PDF
of each paper size."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import httpx
from playwright.sync_api import Browser
from support.server import Server
from test_report import played

A4_PX = round(180 / 25.4 * 96)  # 210 mm less 2 x 15 mm margins, at 96 px an inch
LETTER_PX = round((8.5 * 25.4 - 30) / 25.4 * 96)
LONG = " " + "Unbrokenwordwithoutanyspaces" * 5  # 140 letters in one word


def test_the_report_prints_within_a4_and_letter(server: Server, browser: Browser) -> None:
    with ThreadPoolExecutor(1) as pool:  # Playwright's sync API holds this thread's loop
        created, _ = pool.submit(asyncio.run, played(server, extra=LONG, finish=True)).result()
    link = httpx.post(
        f"{server.base_url}/api/sessions/{created['code']}/report-link?appendix=1",
        headers={"Authorization": f"Bearer {created['host_token']}"},
    ).json()["url"]
    errors: list[str] = []
    for width in (A4_PX, LETTER_PX):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if "Security" in m.text else None)
        page.on(
            "response",
            lambda r: errors.append(r.url) if r.status >= 400 and "favicon" not in r.url else None,
        )
        page.goto(link)
        page.emulate_media(media="print")
        assert page.locator("h1").inner_text().startswith("Day <script>")  # text, not markup
        assert page.locator("button, input, select, textarea, nav, script").count() == 0
        assert page.locator("table.ranked tbody tr").count() == 4
        assert page.locator(".appendix li").count() == 4
        wide = page.evaluate(
            "() => Math.max(...[...document.querySelectorAll('body *')]"
            ".map((e) => e.getBoundingClientRect().right))"
        )
        assert wide <= width, f"something is {wide} px wide on a {width} px page"
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width
        assert errors == []  # the style sheet loads under the CSP, nothing is refused
        align = page.evaluate("() => getComputedStyle(document.querySelector('td.n')).textAlign")
        assert align == "right"  # and it applies
        context.close()
    context = browser.new_context()
    page = context.new_page()
    page.goto(link)
    for paper in ("A4", "Letter"):
        assert page.pdf(format=paper).startswith(b"%PDF")
    context.close()
