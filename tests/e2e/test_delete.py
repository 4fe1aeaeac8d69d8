"""The host deletes the session from the console (issue 9, data protection): asked twice,
then the console says it is gone, the key leaves the tab, the phones are told there is no
such session, and the server has nothing of it."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
from playwright.sync_api import expect
from support.server import Server

from e2e.helpers import LAPTOP, PHONE, Devices, Room, axe_problems

pytestmark = pytest.mark.e2e


def test_host_deletes_the_session(
    server: Server, devices: Devices, make_room: Callable[..., Room]
) -> None:
    room = make_room()
    hp = devices.open("host", room.host_url, LAPTOP).page
    phone = devices.open("Ana", room.join_url, PHONE).page
    phone.get_by_role("textbox", name="Your name").fill("Ana")
    phone.get_by_role("button", name="Join").click()
    expect(phone.get_by_text("You are in, Ana.")).to_be_visible()
    expect(hp.get_by_text("Ana", exact=True)).to_be_visible()

    hp.get_by_role("button", name="Delete session").click()
    really = hp.get_by_role("button", name="Really delete this session and everything in it?")
    expect(really).to_be_visible()
    assert httpx.get(f"{server.base_url}/api/sessions/{room.code}").status_code == 200
    really.click()

    expect(hp.get_by_text("This session and everything in it have been deleted.")).to_be_visible()
    assert hp.evaluate(f"() => sessionStorage.getItem('opera.host.{room.code}')") is None
    expect(phone.get_by_text(f"There is no session with the code {room.code}.")).to_be_visible()
    assert httpx.get(f"{server.base_url}/api/sessions/{room.code}").status_code == 404
    export = httpx.get(
        f"{server.base_url}/api/sessions/{room.code}/export.json",
        headers={"Authorization": f"Bearer {room.host_token}"},
    )
    assert export.status_code == 404
    assert axe_problems(hp, "host after deleting") == []
    assert devices.all_errors() == []
