"""Issue 9's attacks on the edge, measured: run against a server tree, print what it cost.

    uv run python -m bench.attack [--tree PATH] [sync-flood|sync-readers|big-body|slowloris|joins]

`--tree` runs the server from another checkout's `server/` folder (a tree exported from an
older commit), so the same attack can be measured before and after a fix. Figures go to
docs/security.md; nothing here is a pass/fail test (tests/live/test_hardening.py is).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import psutil
from websockets.asyncio.client import ClientConnection, connect

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Target:
    """One `opera serve` on a free port, from `tree` (default: this checkout)."""

    def __init__(self, tree: Path | None, env: dict[str, str]) -> None:
        self.port = free_port()
        path = str((tree or ROOT) / "server")
        full = {**os.environ, "PYTHONPATH": path, "OPERA_CREATE_LIMIT": "100000", **env}
        argv = [sys.executable, "-m", "opera", "serve", "--port", str(self.port)]
        argv += ["--store", "memory://"]
        self.popen = subprocess.Popen(argv, env=full, stdout=subprocess.DEVNULL)
        self.proc = psutil.Process(self.popen.pid)
        self.url = f"http://127.0.0.1:{self.port}"
        self.ws = f"ws://127.0.0.1:{self.port}"
        for _ in range(200):
            try:
                httpx.get(f"{self.url}/healthz", timeout=1)
                return
            except httpx.HTTPError:
                time.sleep(0.05)
        raise RuntimeError("server did not start")

    def rss_mb(self) -> float:
        return self.proc.memory_info().rss / 2**20

    def cpu(self) -> float:
        times = self.proc.cpu_times()
        return float(times.user + times.system)

    def stop(self) -> None:
        self.popen.kill()
        self.popen.wait(10)


async def hello(target: Target, code: str, frame: dict[str, Any]) -> ClientConnection:
    ws = await connect(f"{target.ws}/ws/{code}", compression=None, max_size=None)
    await ws.send(json.dumps(frame))
    return ws


async def command(ws: ClientConnection, cmd_id: str, name: str, args: dict[str, Any]) -> None:
    await ws.send(json.dumps({"type": "cmd", "id": cmd_id, "name": name, "args": args}))
    while True:
        frame = json.loads(await ws.recv())
        if frame.get("id") == cmd_id:
            assert frame["type"] == "ack", frame
            return


async def big_room(target: Target, people: int = 200) -> tuple[str, str]:
    """A room in Explain with `people` participants and 4 ideas of 280 characters per pair on
    the board: a public view of about 150 KB, which every board `state` carries."""
    async with httpx.AsyncClient() as http:
        created = (await http.post(f"{target.url}/api/sessions", json={"question": "q"})).json()
    code, token = created["code"], created["host_token"]
    host = await hello(target, code, {"type": "hello", "role": "host", "token": token})
    sockets = []
    for n in range(people):
        frame = {"type": "hello", "role": "participant", "name": f"Person {n:04d}"}
        sockets.append(await hello(target, code, frame))
        assert json.loads(await sockets[-1].recv())["type"] == "welcome"  # joined in the Lobby
    await command(host, "h1", "phase.start", {"phase": "own"})
    for n, ws in enumerate(sockets):
        for k in range(2):
            await command(ws, f"i{k}", "idea.add", {"text": f"{n:04d}-{k} " + "x" * 270})
    await command(host, "h2", "phase.start", {"phase": "pair"})
    views = []
    for ws in sockets:  # the latest `me` of each: state, then patches (applied by hand below)
        await ws.send(json.dumps({"type": "sync"}))
        while True:
            frame = json.loads(await ws.recv())
            if frame["type"] == "state" and frame["view"]["me"]["pair"] is not None:
                views.append(frame["view"]["me"]["pair"])
                break
    done: set[str] = set()
    for ws, pair in zip(sockets, views, strict=True):
        if pair["id"] not in done:
            done.add(pair["id"])
            shortlist = [idea["id"] for idea in pair["pool"]][:4]
            await command(ws, "s", "pair.shortlist", {"idea_ids": shortlist})
    for n, ws in enumerate(sockets):
        await command(ws, f"c{n}", "pair.confirm", {})
    await command(host, "h3", "phase.start", {"phase": "explain"})
    for ws in [host, *sockets]:
        await ws.close()
    return code, token


async def sync_flood(target: Target, boards: int = 12, seconds: float = 25) -> dict[str, Any]:
    """Boards that ask for `sync` 20 times a second (the rate limit lets that through) and
    never read."""
    code, _ = await big_room(target)
    probe = await hello(target, code, {"type": "hello", "role": "board"})
    await probe.recv()
    state = await probe.recv()
    await probe.close()
    before, cpu = target.rss_mb(), target.cpu()
    peak = before
    stalled = []
    for _ in range(boards):
        ws = await connect(f"{target.ws}/ws/{code}", compression=None, max_size=None)
        ws.transport.pause_reading()
        await ws.send(json.dumps({"type": "hello", "role": "board"}))
        stalled.append(ws)
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        for ws in stalled:
            if ws.state.name == "OPEN":
                await ws.send('{"type":"sync"}')
        peak = max(peak, target.rss_mb())
        await asyncio.sleep(0.05)
    for ws in stalled:
        ws.transport.abort()
    return {
        "board_state_bytes": len(state),
        "boards": boards,
        "rss_before_mb": round(before, 1),
        "rss_peak_mb": round(peak, 1),
        "growth_per_board_mb": round((peak - before) / boards, 1),
        f"cpu_seconds_in_{seconds:.0f}s": round(target.cpu() - cpu, 2),
    }


async def sync_readers(target: Target, boards: int = 8, seconds: float = 20) -> dict[str, Any]:
    """Boards that read and ask for `sync` as fast as they can: what they pull."""
    code, _ = await big_room(target)
    pulled = 0
    cpu = target.cpu()

    async def board() -> None:
        nonlocal pulled
        ws = await hello(target, code, {"type": "hello", "role": "board"})
        deadline = time.monotonic() + seconds

        async def ask() -> None:
            while time.monotonic() < deadline:
                await ws.send('{"type":"sync"}')
                await asyncio.sleep(0.05)  # 20 a second: the default rate limit

        asking = asyncio.create_task(ask())
        try:
            while time.monotonic() < deadline:
                try:
                    frame = await asyncio.wait_for(ws.recv(), deadline - time.monotonic())
                except TimeoutError:
                    break
                pulled += len(frame)
        finally:
            asking.cancel()
            await ws.close()

    await asyncio.gather(*(board() for _ in range(boards)))
    return {
        "boards": boards,
        "seconds": seconds,
        "pulled_mb": round(pulled / 2**20, 1),
        "cpu_seconds": round(target.cpu() - cpu, 2),
    }


async def big_body(target: Target, mb: int = 400, at_once: int = 1) -> dict[str, Any]:
    """POST /api/sessions with a body of `mb` megabytes (a declared length), `at_once` of them."""
    before = target.rss_mb()
    peak = before
    statuses: list[str] = []

    async def post() -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", target.port)
        head = f"POST /api/sessions HTTP/1.1\r\nHost: x\r\nContent-Length: {mb * 2**20}\r\n\r\n"
        writer.write(head.encode())
        chunk = b"a" * 2**20
        try:
            for _ in range(mb):
                writer.write(chunk)
                await writer.drain()
        except ConnectionError:
            pass
        try:
            statuses.append((await asyncio.wait_for(reader.readline(), 30)).decode().strip())
        except (ConnectionError, TimeoutError):
            statuses.append("connection closed")
        writer.close()

    async def watch() -> None:
        nonlocal peak
        while True:
            peak = max(peak, target.rss_mb())
            await asyncio.sleep(0.05)

    watching = asyncio.create_task(watch())
    await asyncio.gather(*(post() for _ in range(at_once)))
    await asyncio.sleep(0.5)
    watching.cancel()
    return {
        "body_mb": mb,
        "at_once": at_once,
        "rss_before_mb": round(before, 1),
        "rss_peak_mb": round(peak, 1),
        "answers": statuses,
    }


async def slowloris(target: Target, count: int = 2000, wait: float = 10) -> dict[str, Any]:
    loop = asyncio.get_running_loop()
    socks = []
    for _ in range(count):
        sock = socket.socket()
        sock.setblocking(False)
        await loop.sock_connect(sock, ("127.0.0.1", target.port))
        await loop.sock_sendall(sock, b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        socks.append(sock)
    started = time.monotonic()
    async with httpx.AsyncClient() as http:
        health = (await http.get(f"{target.url}/healthz", timeout=10)).status_code
    await asyncio.sleep(wait)
    still_open = 0
    for sock in socks:
        try:
            data = sock.recv(1)
            if data:
                still_open += 1
        except BlockingIOError:
            still_open += 1
        except ConnectionError:
            pass
        sock.close()
    return {
        "half_open": count,
        "healthz_during": health,
        f"still_open_after_{wait:.0f}s": still_open,
        "seconds": round(time.monotonic() - started, 1),
        "server_open_files": target.proc.num_fds(),
    }


async def joins(target: Target, seconds: float = 5) -> dict[str, Any]:
    """Join as fast as one address can for `seconds`; how many got in."""
    async with httpx.AsyncClient() as http:
        created = (await http.post(f"{target.url}/api/sessions", json={"question": "q"})).json()
    joined = refused = 0
    deadline = time.monotonic() + seconds

    async def joiner(n: int) -> None:
        nonlocal joined, refused
        k = 0
        while time.monotonic() < deadline:
            k += 1
            frame = {"type": "hello", "role": "participant", "name": f"J{n}-{k}"}
            ws = await hello(target, created["code"], frame)
            try:
                first = json.loads(await ws.recv())
                joined += first["type"] == "welcome"
            except Exception:
                refused += 1
            await ws.close()

    await asyncio.gather(*(joiner(n) for n in range(20)))
    return {"seconds": seconds, "joined": joined, "refused": refused}


ATTACKS = {
    "sync-flood": sync_flood,
    "sync-readers": sync_readers,
    "big-body": big_body,
    "slowloris": slowloris,
    "joins": joins,
}


def main() -> None:
    parser = argparse.ArgumentParser(prog="bench.attack")
    parser.add_argument("attacks", nargs="*", default=list(ATTACKS))
    parser.add_argument("--tree", type=Path, help="a tree with server/ to run instead")
    parser.add_argument("--at-once", type=int, default=1, help="big-body: bodies at once")
    args = parser.parse_args()
    for name in args.attacks:
        env = {"OPERA_JOIN_LIMIT": "100000"} if name in ("sync-flood", "sync-readers") else {}
        target = Target(args.tree, env)
        try:
            run = ATTACKS[name]
            kw = {"at_once": args.at_once} if name == "big-body" else {}
            result = asyncio.run(run(target, **kw))  # type: ignore[operator]
        finally:
            target.stop()
        print(json.dumps({"attack": name, "tree": str(args.tree or "."), **result}), flush=True)


if __name__ == "__main__":
    main()
