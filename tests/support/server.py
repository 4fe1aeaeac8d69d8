"""Runs the real `opera serve` as a subprocess on a free port, for tests that need a server."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import httpx


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class Server:
    """One `opera serve` process; `restart()` starts it again on the same port and store."""

    store: str
    port: int
    env: dict[str, str] = field(default_factory=dict)
    proc: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60.0) -> None:
        # Generous: on a loaded 2-core machine with two test workers a cold start took 20 s.
        # Test modules create many sessions from 127.0.0.1; tests of the cap set their own.
        env = {**os.environ, "OPERA_CREATE_LIMIT": "100000", **self.env}
        args = ["--host", "127.0.0.1", "--port", str(self.port), "--store", self.store]
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "opera", "serve", *args],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=None if os.environ.get("OPERA_TEST_SERVER_LOG") else subprocess.DEVNULL,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"opera serve exited with {self.proc.returncode}")
            try:
                if httpx.get(f"{self.base_url}/healthz", timeout=1.0).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
        self.kill()
        raise RuntimeError(f"opera serve did not answer /healthz within {timeout} s")

    def kill(self) -> None:
        """SIGKILL: a crash, nothing flushed that was not already."""
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)

    def stop(self) -> int | None:
        """SIGTERM: a graceful shutdown; returns the exit code."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        return self.proc.returncode if self.proc else None

    def restart(self) -> None:
        self.kill()
        self.start()


@contextmanager
def serve(store: str = "memory://", env: dict[str, str] | None = None) -> Iterator[Server]:
    server = Server(store=store, port=free_port(), env=env or {})
    server.start()
    try:
        yield server
    finally:
        server.kill()
