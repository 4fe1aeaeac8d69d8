"""A server under test, run as a subprocess pinned to its own core and watched with psutil."""

from __future__ import annotations

import asyncio
import contextlib
import os
import secrets
import signal
import socket
import subprocess
import time
from pathlib import Path

import httpx
import psutil


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ServerProc:
    """Start, watch (CPU, peak RSS) and stop one server process."""

    def __init__(self, argv: list[str], cores: list[int], log_path: Path) -> None:
        self.argv = argv
        self.cores = cores
        self.log_path = log_path
        self.popen: subprocess.Popen[bytes] | None = None
        self.proc: psutil.Process | None = None
        self.peak_rss = 0
        self._monitor: asyncio.Task[None] | None = None
        # /metrics is off without a token: the bench reads the server's own timings there
        self.metrics_token = secrets.token_urlsafe(16)

    def start(self) -> None:
        cores = set(self.cores)

        def pin() -> None:
            if cores and hasattr(os, "sched_setaffinity"):
                os.sched_setaffinity(0, cores)

        log = self.log_path.open("wb")
        # 50 rooms (and boards) and 2,000 people come from one address: lift the per-address caps
        env = dict(os.environ, PYTHONUNBUFFERED="1", OPERA_CREATE_LIMIT="100000")
        env.update(OPERA_JOIN_LIMIT="100000", OPERA_BOARD_LIMIT="100000")
        env.update(OPERA_METRICS_TOKEN=self.metrics_token)
        self.popen = subprocess.Popen(
            self.argv, stdout=log, stderr=subprocess.STDOUT, preexec_fn=pin, env=env
        )
        log.close()
        self.proc = psutil.Process(self.popen.pid)
        self._monitor = asyncio.get_running_loop().create_task(self._watch())

    async def _watch(self) -> None:
        while self.alive():
            with contextlib.suppress(psutil.Error):
                self.peak_rss = max(self.peak_rss, self.rss())
            await asyncio.sleep(0.1)

    def alive(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def rss(self) -> int:
        """Resident memory of the server and any children it started, in bytes."""
        assert self.proc is not None
        total = self.proc.memory_info().rss
        for child in self.proc.children(recursive=True):
            with contextlib.suppress(psutil.Error):
                total += child.memory_info().rss
        return int(total)

    def cpu(self) -> float:
        """CPU seconds (user + system) used by the server so far."""
        if self.proc is None:
            return 0.0
        try:
            t = self.proc.cpu_times()
            return float(t.user + t.system + t.children_user + t.children_system)
        except psutil.Error:
            return 0.0

    async def wait_http(self, url: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        async with httpx.AsyncClient(timeout=2.0) as http:
            while time.monotonic() < deadline:
                if not self.alive():
                    raise RuntimeError(f"server exited early; see {self.log_path}")
                with contextlib.suppress(httpx.HTTPError):
                    if (await http.get(url)).status_code == 200:
                        return
                await asyncio.sleep(0.2)
        raise TimeoutError(f"server not ready after {timeout:.0f} s; see {self.log_path}")

    async def wait_tcp(self, port: int, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.alive():
                raise RuntimeError(f"server exited early; see {self.log_path}")
            try:
                _, writer = await asyncio.open_connection("127.0.0.1", port)
                writer.close()
                return
            except OSError:
                await asyncio.sleep(0.1)
        raise TimeoutError(f"server not listening after {timeout:.0f} s; see {self.log_path}")

    async def stop(self, timeout: float = 10.0) -> int | None:
        """SIGINT, then SIGTERM, then SIGKILL, each bounded; returns the exit code."""
        if self._monitor is not None:
            self._monitor.cancel()
        if self.popen is None:
            return None
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL):
            if self.popen.poll() is not None:
                break
            with contextlib.suppress(ProcessLookupError):
                self.popen.send_signal(sig)
            deadline = time.monotonic() + timeout / 2
            while self.popen.poll() is None and time.monotonic() < deadline:
                await asyncio.sleep(0.1)
        return self.popen.poll()

    def tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""
