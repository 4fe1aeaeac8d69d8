"""Server memory per connected participant: the server's RSS with 0, 500, 1,000 and 2,000
people connected, and the slope of RSS over N (least squares) as the cost of one connection.

    uv run python -m bench.memory --targets opera,starlette,websockets --runs 3
    uv run python -m bench.memory --targets opera --trace    # where it goes (tracemalloc)

Targets (`NAME[:WS]`; WS is `lean` (opera/wire.py) or uvicorn's `websockets-sansio`,
`websockets`, `wsproto`; the default is `lean` for opera, `websockets-sansio` for starlette):
  opera       the real server (`opera serve --store memory://`); everyone joins one room as a
              new participant through `hello`, as a phone does, and gets `welcome` and `state`
  starlette   a bare Starlette WebSocket route under uvicorn: accept, read the hello, send a
              welcome and a small state, then read until the client goes
  websockets  raw `websockets` `serve()` (bench/baseline.py), permessage-deflate off

Each step connects the next batch through the bench's client processes (bench/worker.py),
waits for the server to settle and reads its RSS. With --trace the server starts tracemalloc
once its imports are done and, at each step, dumps a tracemalloc snapshot and the count of
live objects by type (on SIGUSR1, a handler only this bench installs); the result then names
the lines that allocate per connection. Traced runs give the breakdown, not the RSS figures.
Nothing is timed. Results: bench/results/memory/.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import signal
import sys
import time
import tracemalloc
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the measuring side's modules: a server started by the bench skips them
    from bench.serverproc import ServerProc

HOST = "127.0.0.1"
OUT = Path("bench/results/memory")
TMP = Path("bench/results/tmp/memory")  # servers' logs and snapshots (not kept in git)
WS_IMPLS = ("lean", "websockets-sansio", "websockets", "wsproto")
DUMP_ENV = "BENCH_MEMORY_DUMP"  # the directory a traced server writes its snapshots to
FRAMES_ENV = "BENCH_MEMORY_FRAMES"  # frames per trace; tracing starts once imports are done
SETTLE_S = 3.0
CHUNK = 250  # people connected per call: a bigger room makes every join dearer (its pushes)

# ---------------------------------------------------------------------- the servers


def _bare_app() -> Any:
    """The least a Starlette app can do per participant (what the real server is held to)."""
    from starlette.applications import Starlette
    from starlette.routing import WebSocketRoute
    from starlette.websockets import WebSocket

    state = json.dumps({"type": "state", "seq": 0, "view": {"n": 0}})

    async def participant(ws: WebSocket) -> None:
        await ws.accept()
        hello = json.loads(await ws.receive_text())
        you = {"id": "x", "token": "x", "name": hello.get("name", "")}
        await ws.send_text(json.dumps({"type": "welcome", "role": "participant", "you": you}))
        await ws.send_text(state)
        while (await ws.receive())["type"] != "websocket.disconnect":
            pass

    return Starlette(routes=[WebSocketRoute("/ws/{code}", participant)])


def _install_dump(directory: Path) -> None:
    """On SIGUSR1: collect, then write a tracemalloc snapshot and live objects by type."""
    count = Counter[str]()

    def dump(_signum: int, _frame: Any) -> None:
        step = count["dumps"]
        count["dumps"] += 1
        gc.collect()
        # objects first: the snapshot's own traces are tuples, they would be counted
        types = Counter(type(o).__qualname__ for o in gc.get_objects())
        tasks = sum(1 for o in gc.get_objects() if isinstance(o, asyncio.Task))
        info = {"types": dict(types.most_common(200)), "tasks": tasks}
        tracemalloc.take_snapshot().dump(str(directory / f"{step}.snap"))
        tmp = directory / f"{step}.json.tmp"
        tmp.write_text(json.dumps(info))
        tmp.rename(directory / f"{step}.json")  # the bench waits for this name

    signal.signal(signal.SIGUSR1, dump)


def _trace() -> None:
    """Start tracemalloc now, when the bench asked: after the imports, which are not per
    connection and would take minutes to trace on a busy machine."""
    dump_dir = os.environ.get(DUMP_ENV)
    if dump_dir:
        _install_dump(Path(dump_dir))
        tracemalloc.start(int(os.environ.get(FRAMES_ENV, "1")))


def serve(kind: str, port: int, ws: str, server_path: str = "") -> None:
    """Run one target server in this process (the bench starts it as a subprocess)."""
    if kind == "opera":
        args = ["serve", "--host", HOST, "--port", str(port), "--store", "memory://"]
        if server_path:  # the server of another tree (a checkout of an older commit)
            sys.path.insert(0, server_path)
            sys.modules.pop("opera", None)
        else:
            args += ["--ws", ws]
        from opera.cli import main

        _trace()
        main(args)
    elif kind == "starlette":
        import uvicorn
        from opera.wire import LeanSocket

        _trace()
        uvicorn.run(
            _bare_app(), host=HOST, port=port, ws=LeanSocket if ws == "lean" else ws,
            ws_per_message_deflate=False, log_level="warning", backlog=4096,
        )  # fmt: skip
    elif kind == "websockets":
        from bench.baseline import main as baseline

        _trace()
        asyncio.run(baseline(HOST, port))
    else:
        raise SystemExit(f"unknown target {kind!r}")


# ---------------------------------------------------------------------- the measurement


def slope(points: list[tuple[int, float]]) -> float:
    """Least-squares slope of y over x."""
    n = len(points)
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    sxx = sum((x - mx) ** 2 for x, _ in points)
    return sum((x - mx) * (y - my) for x, y in points) / sxx if sxx else 0.0


class Bench:
    def __init__(
        self,
        steps: list[int],
        client_procs: int,
        out: Path,
        server_path: str = "",
        rooms: int = 1,
    ) -> None:
        from bench.run import Controller, Options

        self.server_path = server_path
        self.rooms = rooms
        self.steps = steps
        self.out = out
        self.ctl = Controller(Options(participants=max(steps), client_procs=client_procs, out=out))
        # memory only: nothing pinned, so the run takes whichever core is free
        self.ctl.server_cores, self.ctl.client_cores = [], []

    async def run(self, target: str, trace: bool, frames: int = 1) -> dict[str, Any]:
        kind, _, ws = target.partition(":")
        ws = ws or ("lean" if kind == "opera" else "websockets-sansio")
        from bench.serverproc import ServerProc, free_port

        port = free_port()
        dump_dir = TMP / f"dump-{kind}-{ws}"
        argv = [sys.executable, "-m", "bench.memory", "serve", kind, "--port", str(port)]
        argv += ["--ws", ws]
        if self.server_path:  # an older tree (the before figures): its own default wiring
            argv[-2:] = ["--server-path", self.server_path]
            ws = f"as of {self.server_path}"
        if trace:
            dump_dir.mkdir(parents=True, exist_ok=True)
            for old in dump_dir.iterdir():
                old.unlink()
            os.environ[DUMP_ENV], os.environ[FRAMES_ENV] = str(dump_dir), str(frames)
        server = ServerProc(argv, [], TMP / f"{kind}-{ws.replace('/', '_')}.log")
        server.start()
        os.environ.pop(DUMP_ENV, None)
        try:
            codes = await self.open(kind, port, server)
            rows = await self.steps_of(kind, port, codes, server, dump_dir if trace else None)
        finally:
            await self.ctl.all_workers("close", {"timeout": 5.0}, 120.0)
            await server.stop()
        result: dict[str, Any] = {
            "target": kind,
            "ws": ws if kind != "websockets" else "websockets (asyncio)",
            "traced": trace,
            "rooms": self.rooms,
            "steps": rows,
            "rss_per_conn_kb": round(slope([(r["n"], r["rss_kb"]) for r in rows]), 2),
        }
        if trace:
            result.update(breakdown(dump_dir, rows))
        return result

    async def open(self, kind: str, port: int, server: ServerProc) -> list[str]:
        """Wait for the server; for the real one, make the rooms everyone joins."""
        if kind != "opera":
            await server.wait_tcp(port, 60.0)
            return [f"mem{r}" for r in range(self.rooms)]
        import httpx

        base = f"http://{HOST}:{port}"
        await server.wait_http(f"{base}/healthz", 90.0)
        codes = []
        async with httpx.AsyncClient(base_url=base, timeout=60.0) as http:
            body = {"title": "Memory", "question": "How much does one phone cost the server?"}
            for _ in range(self.rooms):
                resp = await http.post("/api/sessions", json=body)
                resp.raise_for_status()
                codes.append(str(resp.json()["code"]))
        return codes

    async def steps_of(
        self, kind: str, port: int, codes: list[str], server: ServerProc, dump_dir: Path | None
    ) -> list[dict[str, Any]]:
        """At each step: connect up to the step's count, settle, read RSS (and dump). A
        join that times out on a busy machine is left out of N (its socket is closed)."""
        rows = []
        asked = live = 0
        for n in self.steps:
            while n > asked:
                per_room = max(1, min(CHUNK, n - asked) // len(codes))
                joined = await self.ctl.connect_all(
                    port, "/ws/", codes, f"M{asked}-", per_room=per_room
                )
                asked += per_room * len(codes)
                live += joined["joined"]
                if asked - live > asked // 10:
                    raise RuntimeError(f"{kind}: {asked - live} failed: {joined['failures']}")
            await asyncio.sleep(SETTLE_S)
            row: dict[str, Any] = {"n": live, "asked": asked}
            row["rss_kb"] = round(server.rss() / 1024, 1)
            if dump_dir is not None:
                row["dump"] = await self.dump(server, dump_dir, len(rows))
            rows.append(row)
            print(f"{kind}: {live} connected, RSS {row['rss_kb'] / 1024:.1f} MiB", file=sys.stderr)
        return rows

    async def dump(self, server: ServerProc, dump_dir: Path, step: int) -> str:
        assert server.popen is not None
        server.popen.send_signal(signal.SIGUSR1)
        done = dump_dir / f"{step}.json"
        deadline = time.monotonic() + 120.0
        while not done.exists():
            if time.monotonic() > deadline or not server.alive():
                raise TimeoutError(f"no snapshot from the server; see {server.log_path}")
            await asyncio.sleep(0.2)
        return str(done)


def _package(filename: str) -> str:
    """Where an allocating line lives: a package under site-packages, an opera package,
    or the standard library's package or module."""
    if "site-packages/" in filename:
        return filename.split("site-packages/")[1].split("/")[0]
    if "/opera/" in filename:
        parts = filename.split("/opera/")[1].split("/")
        return "opera." + (parts[0] if len(parts) > 1 else parts[0].removesuffix(".py"))
    path = Path(filename)
    return path.parent.name if path.parent.name not in ("", "lib", "python3.11") else path.stem


def breakdown(dump_dir: Path, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Per connection, by allocating line and by live object type: last step minus first."""
    first, last = rows[0], rows[-1]
    n = last["n"] - first["n"]
    a = tracemalloc.Snapshot.load(str(dump_dir / "0.snap"))
    b = tracemalloc.Snapshot.load(str(dump_dir / f"{len(rows) - 1}.snap"))
    lines = [
        {"where": str(d.traceback[0]), "bytes": round(d.size_diff / n), "blocks": d.count_diff / n}
        for d in b.compare_to(a, "lineno")[:40]
        if d.size_diff > 0
    ]
    packages: Counter[str] = Counter()
    for d in b.compare_to(a, "filename"):
        packages[_package(d.traceback[0].filename)] += d.size_diff
    traced = [sum(s.size for s in snap.statistics("filename")) for snap in (a, b)]
    types_a = json.loads(Path(first["dump"]).read_text())
    types_b = json.loads(Path(last["dump"]).read_text())
    per_type = {
        t: round((k - types_a["types"].get(t, 0)) / n, 2)
        for t, k in types_b["types"].items()
        if k - types_a["types"].get(t, 0) >= n
    }
    return {
        "traced_per_conn_bytes": round((traced[1] - traced[0]) / n),
        "tasks_per_conn": round((types_b["tasks"] - types_a["tasks"]) / n, 2),
        "by_package": {k: round(v / n) for k, v in packages.most_common() if abs(v) >= n * 10},
        "objects_per_conn": dict(sorted(per_type.items(), key=lambda kv: -kv[1])),
        "lines": lines,
    }


async def measure(ns: argparse.Namespace) -> list[dict[str, Any]]:
    bench = Bench(ns.steps, ns.client_procs, ns.out, ns.server_path, ns.rooms)
    bench.ctl.start_workers()
    results = []
    try:
        for _ in range(ns.runs):
            for target in ns.targets:
                result = await bench.run(target, ns.trace, ns.frames)
                print(json.dumps({k: v for k, v in result.items() if k != "lines"}), flush=True)
                results.append(result)
    finally:
        await bench.ctl.stop_workers()
    return results


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m bench.memory", description=__doc__)
    sub = p.add_subparsers(dest="verb")
    srv = sub.add_parser("serve", help="(used by the bench) run one target server")
    srv.add_argument("kind", choices=("opera", "starlette", "websockets"))
    srv.add_argument("--port", type=int, required=True)
    srv.add_argument("--ws", choices=WS_IMPLS, default="lean")
    srv.add_argument("--server-path", default="")
    p.add_argument("--targets", default="opera,starlette,websockets", help="NAME[:WS],...")
    p.add_argument("--steps", default="0,500,1000,2000", help="people connected at each step")
    p.add_argument("--runs", type=int, default=1)
    p.add_argument("--rooms", type=int, default=1, help="people spread over this many rooms")
    p.add_argument("--client-procs", type=int, default=2)
    p.add_argument("--trace", action="store_true", help="tracemalloc breakdown (RSS inflated)")
    p.add_argument("--frames", type=int, default=1, help="with --trace: frames kept per trace")
    p.add_argument(
        "--server-path",
        default="",
        help="opera from this directory (e.g. `git archive COMMIT server | tar -x -C DIR`, "
        "then DIR/server): the before figures",
    )
    p.add_argument("--out", type=Path, default=OUT)
    p.add_argument("--name", default="", help="result file name (default: from the time)")
    ns = p.parse_args(argv)
    if ns.verb == "serve":
        serve(ns.kind, ns.port, ns.ws, ns.server_path)
        return
    ns.targets = [t for t in ns.targets.split(",") if t]
    ns.steps = sorted({int(s) for s in ns.steps.split(",")})
    ns.out.mkdir(parents=True, exist_ok=True)
    TMP.mkdir(parents=True, exist_ok=True)
    from bench.worker import run_loop

    results = run_loop(measure(ns), "uvloop")
    name = ns.name or time.strftime("%Y%m%d-%H%M%S")
    path = ns.out / f"{name}{'-trace' if ns.trace else ''}.json"
    meta = {"argv": sys.argv, "steps": ns.steps, "cpus": os.cpu_count()}
    path.write_text(json.dumps({**meta, "results": results}, indent=1) + "\n")
    print(f"wrote {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
