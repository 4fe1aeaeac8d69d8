"""A real `opera serve` process per test module (memory store unless a test needs more)."""

from collections.abc import Iterator

import pytest
from support.server import Server, serve


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with serve("memory://") as running:
        yield running
