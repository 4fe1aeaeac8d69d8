"""The WebSocket implementations behind OPERA_WS: each carries a session the same way (the
lean one is the default, so every test in tests/live runs on it too); and the lean one's
inbox and write gate, which stand in for uvicorn's asyncio.Queue and asyncio.Event."""

from __future__ import annotations

import asyncio
import json

import pytest
from opera.wire import Gate, Inbox
from support.client import Client, create_session
from support.server import serve


@pytest.mark.parametrize("ws", ["lean", "websockets-sansio", "wsproto"])
async def test_each_implementation_joins_pushes_and_closes_a_big_frame_with_1009(
    ws: str,
) -> None:
    with serve("memory://", env={"OPERA_WS": ws}) as server:
        created = await create_session(server.base_url)
        code = created["code"]
        host = await Client.open(server.ws_url, code, "host", token=created["host_token"])
        ada = await Client.open(server.ws_url, code, name="Ada")
        assert ada.welcome["you"]["name"] == "Ada"
        await host.cmd("phase.start", {"phase": "own"})
        assert await ada.cmd("idea.add", {"text": "A shared referral form"}) > 0
        await ada.until(
            lambda v: [i["text"] for i in v["me"]["ideas"]] == ["A shared referral form"]
        )
        await host.until(lambda v: v["phase"]["name"] == "own" and v["participants"]["total"] == 1)
        big = {"type": "cmd", "id": "x", "name": "idea.add", "args": {"text": "a" * 17000}}
        await ada.send_raw(json.dumps(big))
        assert (await asyncio.wait_for(ada.closed, 10))[0] == 1009
        assert await host.cmd("phase.start", {"phase": "pair"}) > 0  # the room carries on
        await host.close()


async def test_the_inbox_hands_out_events_in_order_and_survives_a_cancelled_read() -> None:
    inbox = Inbox()
    reading = asyncio.ensure_future(inbox.get())
    await asyncio.sleep(0)
    reading.cancel()  # the hello's timeout cancels a read
    with pytest.raises(asyncio.CancelledError):
        await reading
    later = asyncio.ensure_future(inbox.get())
    await asyncio.sleep(0)
    inbox.put_nowait({"n": 1})
    inbox.put_nowait({"n": 2})
    assert await asyncio.wait_for(later, 1) == {"n": 1}
    assert inbox.qsize() == 1 and not inbox.empty()
    assert await inbox.get() == {"n": 2}
    assert inbox.empty()


async def test_the_gate_holds_every_sender_while_closed_and_lets_all_go_when_set() -> None:
    gate = Gate()
    assert gate.is_set() and await gate.wait()  # open: no waiting
    gate.clear()
    senders = [asyncio.ensure_future(gate.wait()) for _ in range(3)]
    await asyncio.sleep(0.05)
    assert not any(s.done() for s in senders)
    gate.set()
    assert await asyncio.wait_for(asyncio.gather(*senders), 1) == [True, True, True]
