"""The baseline: the least a server can do to fan one message out to N WebSocket clients.

It holds the connections and, when the trigger connection says `go`, sends one small
patch-shaped frame to every client of that room with `websockets.asyncio.server.broadcast()`
(permessage-deflate off); with `"bytes": N` in the `go`, a frame of N bytes (the floor of a
phase start, whose patch carries the whole board to everyone). The load generator measures
it with the same client processes, the same clients and the same clock as the real server, so
the ratio of the two fan-out times is the price of everything the real server does on top
(views, privacy, patches).

Run: python -m bench.baseline --host 127.0.0.1 --port 8799
"""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
import time
from collections import defaultdict
from typing import Any

from websockets.asyncio.server import ServerConnection, broadcast, serve

ROOMS: dict[str, set[ServerConnection]] = defaultdict(set)


def _frame(seq: int, size: int = 0) -> str:
    ops: list[dict[str, Any]] = [
        {"op": "replace", "path": "/explain/current", "value": f"pr{seq}"},
        {"op": "replace", "path": "/phase/ends_at", "value": round(time.time() + 60.0, 3)},
    ]
    frame = json.dumps({"type": "patch", "seq": seq, "ops": ops}, separators=(",", ":"))
    if size > len(frame):
        ops.append({"op": "add", "path": "/board", "value": "i" * (size - len(frame) - 36)})
        frame = json.dumps({"type": "patch", "seq": seq, "ops": ops}, separators=(",", ":"))
    return frame


async def handler(ws: ServerConnection) -> None:
    path = ws.request.path if ws.request is not None else "/"
    hello: dict[str, Any] = json.loads(await ws.recv())
    if hello.get("role") == "trigger":
        async for raw in ws:
            msg = json.loads(raw)
            if msg.get("type") == "go":
                broadcast(ROOMS[msg["room"]], _frame(int(msg["seq"]), int(msg.get("bytes", 0))))
        return
    room = path.rsplit("/", 1)[-1]
    you = {"id": "x", "token": "x", "name": hello.get("name", "")}
    await ws.send(json.dumps({"type": "welcome", "role": "participant", "you": you}))
    await ws.send(json.dumps({"type": "state", "seq": 0, "view": {"n": 0}}))
    ROOMS[room].add(ws)
    try:
        await ws.wait_closed()
    finally:
        ROOMS[room].discard(ws)


async def main(host: str, port: int) -> None:
    stop = asyncio.get_running_loop().create_future()
    for sig in (signal.SIGINT, signal.SIGTERM):
        asyncio.get_running_loop().add_signal_handler(sig, stop.set_result, None)
    async with serve(handler, host, port, compression=None, max_size=2**20, backlog=4096):
        print(f"baseline listening on ws://{host}:{port}", flush=True)
        await stop


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8799)
    ns = parser.parse_args()
    asyncio.run(main(ns.host, ns.port))
