"""Makes `bench/` importable here too, for its labelled idea sets (see tests/bench/conftest.py,
which does the same for the load generator's tests), and a real server for the route."""

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.server import Server, serve

ROOT = str(Path(__file__).resolve().parents[2])
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)
if "bench" in sys.modules and getattr(sys.modules["bench"], "__file__", None) is None:
    del sys.modules["bench"]


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with serve("memory://") as running:
        yield running
