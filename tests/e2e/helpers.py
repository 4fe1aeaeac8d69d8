"""Helpers shared by the browser tests (the fixtures are in conftest.py)."""

from __future__ import annotations

import asyncio
import os
import shutil
import threading
from collections.abc import Coroutine
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from playwright.sync_api import Browser, BrowserContext, Page

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PHONE = {"width": 360, "height": 740}
LAPTOP = {"width": 1280, "height": 900}
PROJECTOR = {"width": 1600, "height": 900}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
T = TypeVar("T")


@dataclass
class Person:
    """One browser context (a person's device) with one page."""

    name: str
    context: BrowserContext
    page: Page
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@dataclass
class Devices:
    browser: Browser
    people: list[Person] = field(default_factory=list)

    def open(self, name: str, url: str, viewport: dict[str, int] = LAPTOP, **kw: Any) -> Person:
        context = self.browser.new_context(viewport=viewport, **kw)
        page = context.new_page()
        person = Person(name, context, page)

        def on_console(msg: Any) -> None:
            if msg.type == "error":
                person.errors.append(f"console: {msg.text}")

        def on_dialog(dialog: Any) -> None:
            person.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("pageerror", lambda exc: person.errors.append(f"pageerror: {exc}"))
        page.on("console", on_console)
        page.on("dialog", on_dialog)
        page.goto(url)
        self.people.append(person)
        return person

    def all_errors(self) -> list[str]:
        out = []
        for p in self.people:
            # a refused command is logged by nobody; the only expected console noise is a
            # failed WebSocket while a test takes the network or the server away
            out += [
                f"{p.name}: {e}"
                for e in p.errors
                if "WebSocket" not in e and "net::ERR_INTERNET_DISCONNECTED" not in e
            ]
        return out


@dataclass
class Room:
    code: str
    host_token: str
    join_url: str
    board_url: str
    host_url: str


class Loop:
    """An asyncio loop in a thread: the sync Playwright test drives real clients through it."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def run(self, coro: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(60)

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)
        self.loop.close()


def start_from_menu(page: Page, label: str, confirm: str) -> None:
    """On the console, a phase past the method's next one: from the "Other phases" menu,
    then the question that says what is lost."""
    page.get_by_role("button", name="Other phases").click()
    page.get_by_role("button", name=label, exact=True).click()
    page.get_by_role("dialog").get_by_role("button", name=confirm, exact=True).click()


def finish(page: Page) -> None:
    """Finish the session from the console (from the menu, confirmed)."""
    start_from_menu(page, "Finish", "Finish the session")


def shot(page: Page, name: str) -> None:
    """Save a README screenshot when OPERA_SCREENSHOTS=1 (kept out of normal runs)."""
    if os.environ.get("OPERA_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.evaluate("() => window.scrollTo(0, 0)")
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), animations="disabled")


def dom_text(page: Page) -> str:
    """Every text node in the page, shown or not (for privacy checks)."""
    text: str = page.evaluate("() => document.documentElement.textContent")
    return text


_AXE: Any = None


def axe_problems(page: Page, label: str) -> list[str]:
    """Serious or critical axe-core violations on the page, as readable lines."""
    global _AXE
    if _AXE is None:
        from axe_playwright_python.sync_playwright import Axe

        _AXE = Axe()
    results = _AXE.run(page)
    out = []
    for v in results.response["violations"]:
        if v.get("impact") in ("serious", "critical"):
            targets = [n["target"] for n in v["nodes"]][:3]
            out.append(f"{label}: {v['id']} ({v['impact']}) {v['help']}: {targets}")
    return out
