"""Browser tests: Debian's Chromium driven by Python Playwright against the real server.

One server and one browser per module; one browser context per person. Without a Chromium
the tests are skipped, except in CI (`CI` set), where that is a failure.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, expect, sync_playwright
from support.server import Server, serve

from e2e.helpers import CHROMIUM, CHROMIUM_ARGS, Devices, Room

expect.set_options(timeout=10_000)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if CHROMIUM:
        return
    if os.environ.get("CI"):
        return  # the `browser` fixture fails loudly
    skip = pytest.mark.skip(reason="no chromium on PATH")
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with serve(store="memory://") as srv:
        yield srv


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM:
        pytest.fail("CI needs Debian's chromium for the browser tests")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def devices(browser: Browser) -> Iterator[Devices]:
    d = Devices(browser)
    yield d
    for p in d.people:
        p.context.close()


@pytest.fixture
def make_room(server: Server) -> Callable[..., Room]:
    def make(question: str = "How might we share the load fairly?", **body: Any) -> Room:
        r = httpx.post(
            f"{server.base_url}/api/sessions",
            json={"title": "Partnership day", "question": question, **body},
            timeout=10,
        )
        assert r.status_code == 201, r.text
        return Room(**{k: r.json()[k] for k in Room.__dataclass_fields__})

    return make
