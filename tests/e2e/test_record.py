"""The record and breadth through the pages (issue 14): "What the facilitator changed" opens
by keyboard on the phone (fetched only then), the board and the console, says what the host
did without names or idea texts, and is axe-clean; after the reveal the phone and the board
show each idea's breadth as dots."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from playwright.sync_api import Page, Request, expect
from websockets.sync.client import ClientConnection, connect

from e2e.helpers import LAPTOP, PHONE, Devices, Room, axe_problems

pytestmark = pytest.mark.e2e

SETTINGS = {
    "rank": {"voter": "person", "budget": "100%", "own_pair_max": 10},
    "join": {"late": "open"},
}


class Socket:
    """A real WebSocket client of the room (the host, or a participant), commands acked."""

    def __init__(self, ws: ClientConnection) -> None:
        self.ws = ws
        self.count = 0
        self.view: dict[str, Any] = {}

    def cmd(self, name: str, args: dict[str, Any] | None = None) -> None:
        self.count += 1
        cid = f"e2e{self.count}"
        self.ws.send(json.dumps({"type": "cmd", "id": cid, "name": name, "args": args or {}}))
        while True:
            frame = json.loads(self.ws.recv(timeout=10))
            if frame.get("id") == cid:
                assert frame["type"] == "ack", frame
                return

    def sync(self) -> dict[str, Any]:
        self.ws.send(json.dumps({"type": "sync"}))
        while True:
            frame = json.loads(self.ws.recv(timeout=10))
            if frame["type"] == "state":
                view: dict[str, Any] = frame["view"]
                return view


@contextmanager
def socket(room: Room, hello: dict[str, Any]) -> Iterator[Socket]:
    ws_url = room.join_url.split("/j/")[0].replace("http", "ws", 1)
    with connect(f"{ws_url}/ws/{room.code}") as ws:
        ws.send(json.dumps({"type": "hello", **hello}))
        yield Socket(ws)


def to_reveal(room: Room, host: Socket, people: list[Socket]) -> tuple[str, str]:
    """Own, Pair, Explain (one idea hidden), Rank with every vote on one idea, the reveal;
    gives the backed idea and the label of the pair whose idea was hidden."""
    host.cmd("phase.start", {"phase": "own"})
    for i, person in enumerate(people):
        person.cmd("idea.add", {"text": f"Secret idea {i}"})
    host.cmd("phase.start", {"phase": "pair"})
    for person in people:
        pair = person.sync()["me"]["pair"]
        if pair["members"][0]["id"] == person.sync()["me"]["id"]:
            person.cmd("pair.shortlist", {"idea_ids": [i["id"] for i in pair["pool"]]})
    for person in people:
        person.cmd("pair.confirm")
    host.cmd("phase.start", {"phase": "explain"})
    view = host.sync()
    ideas = view["ideas"]
    host.cmd("idea.hide", {"idea_id": ideas[0]["id"]})
    hidden_from = next(p["label"] for p in view["pairs"] if p["id"] == ideas[0]["pair_id"])
    host.cmd("phase.start", {"phase": "rank"})
    backed: str = ideas[1]["id"]
    for person in people:
        person.cmd("vote.set", {"idea_id": backed, "points": 1})
    host.cmd("rank.reveal")
    return backed, hidden_from


def join(page: Page, name: str, org: str) -> None:
    page.get_by_role("textbox", name="Your name").fill(name)
    page.get_by_role("textbox", name="Organisation").fill(org)
    page.get_by_role("button", name="Join").click()


def open_record_by_keyboard(page: Page, hidden_from: str) -> None:
    button = page.get_by_role("button", name="What the facilitator changed")
    button.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="What the facilitator changed")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("listitem")).to_have_count(6)
    expect(dialog.get_by_text("Explain started, skipping")).to_have_count(0)
    expect(dialog.get_by_text(f"An idea from {hidden_from} was hidden")).to_be_visible()
    expect(dialog.get_by_text("The totals were revealed")).to_be_visible()
    text = dialog.inner_text()
    assert "Secret idea" not in text and "Secretname" not in text, text
    assert axe_problems(page, "record dialog") == []
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    expect(button).to_be_focused()


def test_record_dialog_by_keyboard_and_breadth_dots_after_the_reveal(
    devices: Devices, make_room: Callable[..., Room]
) -> None:
    room = make_room(settings=SETTINGS)
    token = room.host_url.split("#", 1)[1]
    board = devices.open("board", room.board_url, LAPTOP).page
    console = devices.open("host", room.host_url, LAPTOP).page
    with (
        socket(room, {"role": "host", "token": token}) as host,
        socket(room, {"role": "participant", "name": "Secretname A", "org": "NHS"}) as a,
        socket(room, {"role": "participant", "name": "Secretname B", "org": "NHS"}) as b,
        socket(room, {"role": "participant", "name": "Secretname C", "org": "Tiny Trust"}) as c,
        socket(room, {"role": "participant", "name": "Secretname D", "org": "NHS"}) as d,
    ):
        backed, hidden_from = to_reveal(room, host, [a, b, c, d])
        # a latecomer's phone (join.late: open), of NHS: 4 NHS, and Tiny Trust alone
        requests: list[Request] = []
        phone = devices.open("phone", room.join_url, PHONE).page
        phone.on("request", lambda r: requests.append(r))
        join(phone, "Secretname E", "NHS")
        expect(phone.get_by_role("button", name="What the facilitator changed")).to_be_visible()
        assert not [r for r in requests if r.url.endswith("/ui/record.js")]

        # breadth: NHS counts, Tiny Trust (one person, no other small organisation) does not
        text = host.sync()["ideas"][1]["text"]
        assert host.sync()["ideas"][1]["id"] == backed
        card = phone.get_by_role("listitem").filter(has_text=text)
        expect(card.get_by_text("backed by 1 organisation")).to_be_attached()
        expect(card.locator(".breadth-marks")).to_have_text("●")
        row = board.get_by_role("listitem").filter(has_text=text)
        expect(row.get_by_text("backed by 1 organisation")).to_be_attached()
        expect(row.locator(".breadth-marks")).to_have_text("●")

        open_record_by_keyboard(phone, hidden_from)
        assert [r for r in requests if r.url.endswith("/ui/record.js")]
        open_record_by_keyboard(board, hidden_from)
        open_record_by_keyboard(console, hidden_from)
    assert devices.all_errors() == []


def test_the_console_picks_rank_order_before_rank_and_the_record_says_so(
    devices: Devices, make_room: Callable[..., Room]
) -> None:
    room = make_room()
    token = room.host_url.split("#", 1)[1]
    console = devices.open("host", room.host_url, LAPTOP).page
    order = console.get_by_role("combobox", name="Rank ideas by")
    expect(order).to_have_value("points")
    order.focus()
    order.select_option("breadth")
    with socket(room, {"role": "host", "token": token}) as host:
        expect(order).to_have_value("breadth")
        assert host.sync()["session"]["settings"]["rank"]["order"] == "breadth"
        console.get_by_role("button", name="What the facilitator changed").click()
        dialog = console.get_by_role("dialog", name="What the facilitator changed")
        expect(dialog.get_by_text("Settings changed: rank.order")).to_be_visible()
        assert axe_problems(console, "console lobby with the record") == []
        host.cmd("notice.set", {"text": "Secret notice"})  # the open dialog follows
        expect(dialog.get_by_role("listitem")).to_have_count(2)
        expect(dialog.get_by_text("A notice was posted")).to_be_visible()
    assert devices.all_errors() == []
