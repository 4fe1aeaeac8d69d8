"""bench/scrape.py reads the real server's /metrics: what one command and one push recorded."""

from __future__ import annotations

import httpx
from support.client import Client, create_session
from support.server import serve

from bench import scrape

TOKEN = "bench-scrape-token"


async def read(base_url: str) -> dict[str, scrape.Histogram]:
    async with httpx.AsyncClient() as http:
        page = await http.get(f"{base_url}/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert page.status_code == 200
    return scrape.parse(page.text)


async def test_a_command_between_two_scrapes_is_one_ack_and_its_push() -> None:
    with serve("memory://", env={"OPERA_METRICS_TOKEN": TOKEN}) as server:
        created = await create_session(server.base_url)
        token = created["host_token"]
        host = await Client.open(server.ws_url, created["code"], "host", token=token)
        before = await read(server.base_url)
        await host.cmd("phase.start", {"phase": "own"})
        await host.until(lambda v: v["phase"]["name"] == "own")
        after = await read(server.base_url)
        await host.close()
    ack = scrape.between(before["opera_ack_seconds"], after["opera_ack_seconds"])
    assert ack["n"] == 1 and ack["mean_ms"] > 0
    assert ack["p50"] == ack["p95"] and ack["p95"].startswith("<= ")
    pushes = scrape.between(before["opera_fanout_seconds"], after["opera_fanout_seconds"])
    assert pushes["n"] >= 1
    phases = scrape.by_phase([("lobby", before), ("own", after), ("end", after)])
    assert phases["opera_ack_seconds"] == {"lobby": ack}
