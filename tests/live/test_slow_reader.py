"""A client that stops reading is dropped; the room goes on without waiting for it."""

import asyncio
import json
import socket
import time

import pytest
from support.client import Client, create_session
from support.server import serve
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed


async def test_a_client_that_stops_reading_is_dropped_without_stalling_others() -> None:
    env = {
        "OPERA_RATE_PER_SECOND": "100000",
        "OPERA_RATE_BURST": "100000",
        "OPERA_SEND_QUEUE_FRAMES": "32",
        "OPERA_SYNC_INTERVAL": "0",  # every sync answered: the queue's bound is what is tested
        "OPERA_BOARD_LIMIT": "100",
    }
    with serve("memory://", env=env) as srv:
        created = await create_session(srv.base_url)
        code = created["code"]
        host = await Client.open(srv.ws_url, code, "host", token=created["host_token"])
        await host.cmd("session.configure", {"question": "q" * 400})
        watcher = await Client.open(srv.ws_url, code, name="Watcher")
        # the slow one: reads nothing after hello, with tiny buffers on its side
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        sock.connect(("127.0.0.1", srv.port))
        slow = await connect(f"{srv.ws_url}/ws/{code}", compression=None, max_queue=1, sock=sock)
        slow.transport.pause_reading()  # the client library would otherwise read on its own
        await slow.send(json.dumps({"type": "hello", "role": "board"}))
        for _ in range(20000):  # each sync asks for a full state it will never read
            await slow.send(json.dumps({"type": "sync"}))
        await host.cmd("phase.start", {"phase": "own"})
        started = time.monotonic()
        await watcher.cmd("idea.add", {"text": "still served"})
        await host.until(lambda v: v["progress"]["done"] == 1, timeout=5)
        assert time.monotonic() - started < 3
        # the server closed the slow connection instead of queueing for it forever
        slow.transport.resume_reading()
        with pytest.raises(ConnectionClosed):
            async with asyncio.timeout(20):  # reading what was sent, then the close
                while True:
                    await slow.recv()
        await asyncio.gather(host.close(), watcher.close())
