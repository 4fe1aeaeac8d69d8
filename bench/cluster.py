"""`--processes N`: the same session on N `opera serve` processes sharing one store.

The first process is the `ServerProc` the controller already knows (host, board, exports and
/metrics go there); the others take their share of the participants. With a Redis store and
no URL given, a private Debian `redis-server` runs for the length of the run. Server CPU is
summed over the processes; Redis's own CPU is reported apart, so that the cost of the shared
store is visible on its own (issue 18, goal 4; docs/scaling.md).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psutil

from bench.serverproc import ServerProc, free_port


class Redis:
    """A private redis-server (append-only, fsync every second, as tests/support/redis.py)."""

    def __init__(self, cores: list[int]) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            raise RuntimeError("--processes needs redis-server (apt-get install redis-server)")
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="bench-redis-"))
        argv = [
            binary, "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.folder),
            "--save", "", "--appendonly", "yes", "--appendfsync", "everysec",
            "--logfile", str(self.folder / "redis.log"),
        ]  # fmt: skip
        self.popen = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if cores and hasattr(os, "sched_setaffinity"):
            os.sched_setaffinity(self.popen.pid, set(cores))
        self.proc = psutil.Process(self.popen.pid)
        self._wait()

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def _wait(self, timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.popen.poll() is not None:
                raise RuntimeError(f"redis-server exited with {self.popen.returncode}")
            address = ("127.0.0.1", self.port)
            with contextlib.suppress(OSError), socket.create_connection(address, 0.5) as s:
                s.sendall(b"PING\r\n")
                if s.recv(64).startswith(b"+PONG"):
                    return
            time.sleep(0.05)
        raise RuntimeError(f"redis-server did not answer on port {self.port}")

    def cpu(self) -> float:
        try:
            t = self.proc.cpu_times()
            return float(t.user + t.system)
        except psutil.Error:
            return 0.0

    def stop(self) -> None:
        if self.popen.poll() is None:
            self.popen.terminate()
            try:
                self.popen.wait(15)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait(5)
        shutil.rmtree(self.folder, ignore_errors=True)


class Cluster(ServerProc):
    """N server processes seen as one: CPU and memory summed, stopped together."""

    def __init__(
        self,
        argv_for: Callable[[int, str], list[str]],
        processes: int,
        store: str,
        cores: list[int],
        spread: bool,
        log_dir: Path,
    ) -> None:
        # the controller is already pinned to the clients' cores: add the server's back
        mine = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else set()
        allowed = sorted(mine | set(cores)) if mine else []
        # share: every server process (and Redis) on the server's core, the clients elsewhere;
        # spread: process i on core i, so the servers compete with the clients
        self.pinning = "spread" if spread and allowed else "share"
        self.core_of = [
            [allowed[i % len(allowed)]] if self.pinning == "spread" else cores
            for i in range(processes)
        ]
        self.redis: Redis | None = None
        if store.startswith("redis://") and store != "redis://":
            self.store = store
        else:  # no Redis given: one of our own, on the servers' core(s)
            self.redis = Redis(sorted({c for cs in self.core_of for c in cs}))
            self.store = self.redis.url
        self.ports = [free_port() for _ in range(processes)]
        # the bench splits people itself: the rebalancer would move (1012) the joins that
        # land on one process a second before the other's count reaches Redis
        self.argvs = [["env", "OPERA_REBALANCE=0", *argv_for(p, self.store)] for p in self.ports]
        super().__init__(self.argvs[0], self.core_of[0], log_dir / "opera.log")
        self.port = self.ports[0]
        self.others = [
            ServerProc(argv, self.core_of[i + 1], log_dir / f"opera-{i + 1}.log")
            for i, argv in enumerate(self.argvs[1:])
        ]
        for other in self.others:
            other.metrics_token = self.metrics_token

    def start(self) -> None:
        super().start()
        for other in self.others:
            other.start()

    async def wait_http(self, url: str, timeout: float) -> None:
        await super().wait_http(url, timeout)
        for other, port in zip(self.others, self.ports[1:], strict=True):
            await other.wait_http(url.replace(f":{self.port}/", f":{port}/"), timeout)

    def alive(self) -> bool:
        return super().alive() and all(o.alive() for o in self.others)

    def rss(self) -> int:
        return super().rss() + sum(o.rss() for o in self.others if o.proc is not None)

    def cpu(self) -> float:
        return super().cpu() + sum(o.cpu() for o in self.others)

    def cpu_each(self) -> list[float]:
        return [round(super().cpu(), 2)] + [round(o.cpu(), 2) for o in self.others]

    async def stop(self, timeout: float = 10.0) -> int | None:
        codes = await asyncio.gather(*(o.stop(timeout) for o in self.others))
        code = await super().stop(timeout)
        if self.redis is not None:
            self.redis.stop()
        bad = [c for c in (code, *codes) if c not in (0, None)]
        return bad[0] if bad else code

    def tail(self, lines: int = 20) -> str:
        parts = [super().tail(lines)] + [o.tail(lines) for o in self.others]
        return "\n--- next process ---\n".join(parts)


def server_for(
    argv_for: Callable[[int, str], list[str]],
    processes: int,
    store: str,
    cores: list[int],
    spread: bool,
    log_dir: Path,
) -> ServerProc:
    """One plain server process (the bench as it always was), or a cluster of them."""
    if processes <= 1:
        port = free_port()
        proc = ServerProc(argv_for(port, store), cores, log_dir / "opera.log")
        proc.port = port
        return proc
    return Cluster(argv_for, processes, store, cores, spread, log_dir)


def ports(server: ServerProc | None, port: int) -> list[int]:
    """Where the participants of a connect go: every process of the cluster in turn (worker
    i to process i mod N, and people are dealt to workers round-robin), else `port`."""
    if isinstance(server, Cluster) and port == server.ports[0]:
        return server.ports
    return [port]


def figures(server: ServerProc, stats: list[dict[str, Any]], cpu_total: float) -> dict[str, Any]:
    """Frames the participants received, and server CPU seconds per delivered frame."""
    frames = sum(sum(v) for s in stats for v in s["frames_by_phase"].values())
    out: dict[str, Any] = {
        "processes": 1,
        "pinning": "one process on the server core",
        "frames_delivered": frames,
        "server_cpu_s": round(cpu_total, 2),
        "cpu_ms_per_frame": round(1000 * cpu_total / frames, 4) if frames else None,
    }
    if isinstance(server, Cluster):
        redis_cpu = server.redis.cpu() if server.redis is not None else None
        out.update(
            processes=len(server.ports),
            pinning=server.pinning,
            cores_by_process=server.core_of,
            cpu_s_by_process=server.cpu_each(),
            store=server.store,
            redis_cpu_s=round(redis_cpu, 2) if redis_cpu is not None else None,
            argv=[" ".join(a) for a in server.argvs],
        )
    return out
