"""Fixtures for the room log tests: one factory per backend, each on fresh storage."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from opera.log import RoomLog, open_log
from support.redis import redis_server, redis_url  # noqa: F401  (fixtures)

BACKENDS = ["memory", "file", "redis"]
TEST_TTL = 600  # seconds: test rooms do not linger on a shared Redis

MakeLog = Callable[[], RoomLog]


@pytest.fixture
def room() -> str:
    """A room code no other test uses (the Redis server may be shared)."""
    return "T" + uuid.uuid4().hex[:12]


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    backend: str = request.param
    if backend == "memory":
        return "memory://"
    if backend == "file":
        return f"file://{tmp_path / 'store'}"
    if backend == "redis":
        url: str = request.getfixturevalue("redis_url")
        return f"{url}{'&' if '?' in url else '?'}ttl={TEST_TTL}"
    raise AssertionError(backend)


@pytest.fixture
async def make_log(store_url: str) -> AsyncIterator[MakeLog]:
    """Opens logs on the test's store; every one is closed at the end."""
    opened: list[RoomLog] = []

    def make() -> RoomLog:
        log = open_log(store_url)
        opened.append(log)
        return log

    yield make
    for log in opened:
        await log.close()


@pytest.fixture
def log(make_log: MakeLog) -> RoomLog:
    return make_log()
