"""Shared test set-up: makes `tests/support` importable as `support`."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

# The longest test files, longest first. With two xdist workers and `--dist loadfile` files are
# handed out in collection order, so starting these first keeps both workers busy to the end
# (at the end of the default order one worker ran test_deploy.py alone for minutes).
FIRST = (
    "live/test_delete.py",
    "live/test_storage.py",
    "live/test_crash.py",
    "live/test_hardening.py",
    "test_deploy.py",
    "bench/test_bench.py",
    "e2e/test_groups.py",
    "live/test_redis.py",
    "engine/test_properties.py",
    "e2e/test_session.py",
    "live/test_bad_input.py",
    "live/test_groups_redis.py",
    "live/test_fallback.py",
)


def _rank(item: pytest.Item) -> int:
    path = item.path.as_posix()
    return next((n for n, name in enumerate(FIRST) if path.endswith("tests/" + name)), len(FIRST))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=_rank)  # stable: the rest keep their order
