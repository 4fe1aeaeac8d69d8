"""deploy/Caddyfile carries the HTTP fallback: the config as Debian's `caddy` reads it, and a
fallback client through the running proxy, its events passed on as they come."""

from __future__ import annotations

import asyncio
import json
import subprocess
import time
from pathlib import Path
from typing import Any

from opera.live.stream import HEARTBEAT
from support.client import Client, create_session
from support.fallback import open_fallback
from support.server import serve
from test_deploy import DEPLOY, proxy


def adapted() -> list[dict[str, Any]]:
    """The routes of the repository's Caddyfile, adapted to JSON by caddy itself."""
    answer = subprocess.run(
        ["caddy", "adapt", "--config", str(DEPLOY / "Caddyfile"), "--adapter", "caddyfile"],
        capture_output=True,
        check=True,
    )
    config = json.loads(answer.stdout)
    routes: list[dict[str, Any]] = config["apps"]["http"]["servers"]["srv0"]["routes"]
    return routes


def test_the_stream_is_unbuffered_pinned_and_outlives_its_heartbeats() -> None:
    live = [r for r in adapted() if r.get("match") == [{"path": ["/live/*"]}]]
    assert len(live) == 1
    proxy_ = live[0]["handle"][0]
    assert proxy_["handler"] == "reverse_proxy"
    assert proxy_["flush_interval"] == -1  # never buffered
    # a stream and its POSTs reach the process that holds it
    assert proxy_["load_balancing"]["selection_policy"]["policy"] == "cookie"
    # a quiet stream still gets a heartbeat well within the read timeout (nanoseconds)
    assert proxy_["transport"]["read_timeout"] >= 3 * HEARTBEAT * 1e9
    assert "stream_timeout" not in proxy_


async def test_a_fallback_client_through_the_proxy_sees_changes_at_once(tmp_path: Path) -> None:
    with serve("memory://") as app, proxy(tmp_path, [app, app]) as base:
        created = await create_session(base)
        code = created["code"]
        ws_base = base.replace("http", "ws", 1)
        host = await Client.open(ws_base, code, "host", token=created["host_token"])
        reader = await open_fallback(base, code, name="Behind a proxy")
        for phase in ("own", "pair"):
            started = time.monotonic()
            await host.cmd("phase.start", {"phase": phase})
            await reader.until(lambda v, phase=phase: v["phase"]["name"] == phase, timeout=5)
            assert time.monotonic() - started < 1.5  # passed on, not held in a buffer
        await asyncio.gather(host.close(), reader.close())
        # caddy 2.6 notices a reader that left at the next event it passes on (at most a
        # heartbeat later) and waits for it when stopped: stop the app first, which ends it
        app.kill()
