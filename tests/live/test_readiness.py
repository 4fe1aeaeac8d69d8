"""`/readyz` sees the store: 503 with the reason while it cannot be written, 200 when it can;
`/healthz` (liveness) answers 200 throughout."""

from __future__ import annotations

import contextlib
import resource
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
from support.redis import RedisServer, redis_server  # noqa: F401  (fixture)
from support.server import Server, free_port


def ready(server: Server) -> httpx.Response:
    return httpx.get(f"{server.base_url}/readyz", timeout=5)


def until_status(server: Server, status: int, within: float = 5.0) -> httpx.Response:
    """The answer cached for a second, then the store's state shows."""
    deadline = time.monotonic() + within
    while True:
        answer = ready(server)
        if answer.status_code == status or time.monotonic() > deadline:
            return answer
        time.sleep(0.2)


@contextlib.contextmanager
def running(store: str) -> Iterator[Server]:
    server = Server(store=store, port=free_port())
    server.start()
    try:
        yield server
    finally:
        server.kill()


def test_a_memory_store_is_ready() -> None:
    with running("memory://") as server:
        answer = ready(server)
        assert answer.status_code == 200 and answer.json() == {"status": "ready"}
        assert answer.headers["cache-control"] == "no-store"


def test_not_ready_while_redis_is_stopped_and_ready_again_after(
    redis_server: RedisServer,  # noqa: F811
) -> None:
    with running(redis_server.url) as server:
        assert ready(server).status_code == 200
        redis_server.stop()
        try:
            answer = until_status(server, 503)
            assert answer.status_code == 503, answer.text
            assert answer.json()["status"] == "unavailable"
            assert "store cannot be written" in answer.json()["reason"], answer.json()
            health = httpx.get(f"{server.base_url}/healthz", timeout=5)
            assert health.status_code == 200  # alive: no supervisor should restart it
        finally:
            redis_server.start()
        assert until_status(server, 200).status_code == 200


def test_not_ready_while_the_disk_is_full(tmp_path: Path) -> None:
    folder = tmp_path / "disk"
    folder.mkdir()
    mount = ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder)]
    mounted = subprocess.run(mount, capture_output=True).returncode == 0
    try:
        with running(f"file://{folder}") as server:
            assert ready(server).status_code == 200
            assert server.proc is not None
            if mounted:
                filler = folder / "filler"
                with open(filler, "wb", buffering=0) as out:
                    for size in (65536, 4096, 1):
                        with contextlib.suppress(OSError):
                            while True:
                                out.write(b"\0" * size)
            else:  # not root: no file of the server may grow at all
                resource.prlimit(server.proc.pid, resource.RLIMIT_FSIZE, (0, 0))
            answer = until_status(server, 503)
            assert answer.status_code == 503, answer.text
            assert str(folder) in answer.json()["reason"]
            if mounted:
                filler.unlink()
            else:
                unlimited = (resource.RLIM_INFINITY, resource.RLIM_INFINITY)
                resource.prlimit(server.proc.pid, resource.RLIMIT_FSIZE, unlimited)
            assert until_status(server, 200).status_code == 200
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(folder)], check=True)
