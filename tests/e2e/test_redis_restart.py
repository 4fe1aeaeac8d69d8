"""The store restarting (Redis on a scaled-out deployment) loses nobody's work: the phone says
it is reconnecting, keeps the idea queued, and sends it once when Redis is back."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import expect
from support.redis import RedisServer, redis_server  # noqa: F401
from support.server import Server, free_port

from e2e.helpers import LAPTOP, PHONE, Devices
from e2e.test_offline import BANNER, join

pytestmark = pytest.mark.e2e


@pytest.fixture
def server(redis_server: RedisServer) -> Iterator[Server]:  # noqa: F811
    srv = Server(store=redis_server.url, port=free_port())
    srv.start()
    yield srv
    srv.kill()


def test_an_idea_added_while_redis_restarts_arrives_once(
    server: Server,
    redis_server: RedisServer,  # noqa: F811
    devices: Devices,
) -> None:
    answer = httpx.post(
        f"{server.base_url}/api/sessions", json={"question": "How might we?"}, timeout=10
    )
    room = answer.json()
    host = devices.open("host", room["host_url"], LAPTOP)
    phone = devices.open("Eero", room["join_url"], PHONE)
    page = phone.page
    join(page, "Eero", "Union")
    host.page.get_by_role("button", name="Start Own").click()
    box = page.get_by_role("textbox", name="Your idea")
    expect(box).to_be_visible()

    redis_server.stop()
    box.fill("Written while Redis restarts")
    page.get_by_role("button", name="Add idea").click()
    expect(page.get_by_role("status").filter(has_text=BANNER)).to_be_visible()
    expect(page.locator("#main .card.pending", has_text="Written while Redis")).to_be_visible()
    redis_server.start()

    expect(page.get_by_text(BANNER)).to_have_count(0, timeout=30_000)
    done = page.locator("#main .card:not(.pending) .card-text", has_text="Written while Redis")
    expect(done).to_have_count(1, timeout=30_000)
    expect(host.page.get_by_text("1 of 1 have written")).to_be_visible(timeout=10_000)
