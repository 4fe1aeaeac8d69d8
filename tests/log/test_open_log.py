"""`open_log` picks the backend by URL scheme and imports only the one it needs."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from opera.log import RoomLog, open_log
from opera.log.memory import MemoryLog

SERVER = Path(__file__).resolve().parents[2] / "server"


@pytest.mark.parametrize("url", ["", "data", "memory", "ftp://x", "file://", "postgres://db/1"])
def test_bad_store_urls_are_refused_with_a_message(url: str) -> None:
    with pytest.raises(ValueError, match=r"memory://|file://"):
        open_log(url)


async def test_memory_is_the_reference() -> None:
    log = open_log("memory://")
    assert isinstance(log, MemoryLog) and isinstance(log, RoomLog)
    await log.close()


def test_redis_is_imported_only_when_a_redis_store_is_opened(tmp_path: Path) -> None:
    code = (
        "import sys, asyncio\n"
        "from opera.log import open_log\n"
        f"for url in ('memory://', 'file://{tmp_path}'):\n"
        "    asyncio.run(open_log(url).close())\n"
        "assert 'redis' not in sys.modules, 'redis imported'\n"
        "open_log('redis://127.0.0.1:1/0')\n"
        "assert 'redis' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_only_the_redis_backend_imports_redis() -> None:
    importers = [
        path.relative_to(SERVER).as_posix()
        for path in SERVER.rglob("*.py")
        if re.search(r"^\s*(import redis|from redis\b)", path.read_text(), re.M)
    ]
    assert importers == ["opera/log/redis.py"]
