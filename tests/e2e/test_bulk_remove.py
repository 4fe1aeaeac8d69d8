"""Removing many at once from the console (issue 9 item 5): a lobby flooded from one address
is emptied with the search and one "Remove the N shown", asked twice; so is a waiting list."""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import ExitStack

import pytest
from playwright.sync_api import expect
from websockets.sync.client import ClientConnection, connect

from e2e.helpers import LAPTOP, PHONE, Devices, Room

pytestmark = pytest.mark.e2e


def bot(stack: ExitStack, room: Room, name: str) -> ClientConnection:
    """A scripted joiner on a raw socket: joins, then just holds the connection."""
    base = room.join_url.split("/j/")[0].replace("http", "ws", 1)
    ws = stack.enter_context(connect(f"{base}/ws/{room.code}", compression=None))
    ws.send(json.dumps({"type": "hello", "role": "participant", "name": name}))
    assert json.loads(ws.recv(10))["type"] == "welcome"
    return ws


def close_code(ws: ClientConnection) -> int | None:
    try:
        while True:
            ws.recv(10)
    except Exception:
        return ws.close_code


def test_a_flooded_lobby_is_emptied_in_one_step(
    devices: Devices, make_room: Callable[..., Room]
) -> None:
    room = make_room()
    stack = ExitStack()
    hp = devices.open("host", room.host_url, LAPTOP).page
    ana = devices.open("Ana", room.join_url, PHONE).page
    ana.get_by_role("textbox", name="Your name").fill("Ana")
    ana.get_by_role("button", name="Join").click()
    bots = [bot(stack, room, f"spam{i}") for i in range(13)]
    expect(hp.get_by_text("14 online of 14")).to_be_visible()
    hp.get_by_role("textbox", name="Find a person").fill("spam")
    hp.get_by_role("button", name="Remove the 13 shown").click()
    hp.get_by_role("button", name="Really remove 13 people? They lose their places.").click()
    expect(hp.get_by_text("1 online of 1")).to_be_visible()
    # the search box goes with the crowd, and no hidden search hides Ana
    expect(hp.locator(".people").get_by_text("Ana")).to_have_count(1)
    assert all(close_code(ws) == 4401 for ws in bots)
    expect(ana.get_by_text("You are in, Ana.")).to_be_visible()

    hp.get_by_role("button", name="Start Own").click()
    late = [bot(stack, room, f"late{i}") for i in range(3)]
    expect(hp.get_by_text("3 people are waiting to join")).to_be_visible()
    hp.get_by_role("button", name="Remove all 3 waiting").click()
    hp.get_by_role("button", name="Really remove 3 people? They lose their places.").click()
    expect(hp.get_by_role("heading", name="Waiting to join")).to_have_count(0)
    assert all(close_code(ws) == 4401 for ws in late)
    expect(ana.get_by_role("textbox", name="Your idea")).to_be_visible()
    assert devices.all_errors() == []
    stack.close()
