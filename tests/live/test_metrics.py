"""GET /metrics: what an operator watches, behind a token, and nothing of any session."""

from __future__ import annotations

import asyncio

import httpx
from prometheus_client.parser import text_string_to_metric_families
from support.client import Client, create_session
from support.redis import RedisServer, redis_server  # noqa: F401  (fixture)
from support.server import Server, free_port, serve

TOKEN = "metrics-secret-for-the-test"


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """{(sample name, labels): value} of a Prometheus text page."""
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


async def scrape(server: Server) -> str:
    async with httpx.AsyncClient() as http:
        answer = await http.get(
            f"{server.base_url}/metrics", headers={"Authorization": f"Bearer {TOKEN}"}
        )
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/plain; version=0.0.4")
    assert answer.headers["cache-control"] == "no-store"
    return answer.text


async def test_metrics_are_off_unless_a_token_is_set() -> None:
    with serve("memory://") as server:
        async with httpx.AsyncClient() as http:
            answer = await http.get(f"{server.base_url}/metrics")
            assert answer.status_code == 404
            assert answer.json() == (await http.get(f"{server.base_url}/nothing")).json()


async def test_metrics_need_the_token() -> None:
    with serve("memory://", env={"OPERA_METRICS_TOKEN": TOKEN}) as server:
        created = await create_session(server.base_url)
        async with httpx.AsyncClient() as http:
            url = f"{server.base_url}/metrics"
            assert (await http.get(url)).status_code == 401
            for header in (f"Bearer {TOKEN}x", f"Basic {TOKEN}", f"Bearer {created['host_token']}"):
                assert (await http.get(url, headers={"Authorization": header})).status_code == 401
            odd = {"Authorization": "Bearer caf\u00e9".encode("latin-1")}
            assert (await http.get(url, headers=odd)).status_code == 401


async def test_metrics_count_connections_commands_refusals_and_timings() -> None:
    with serve("memory://", env={"OPERA_METRICS_TOKEN": TOKEN}) as server:
        created = await create_session(server.base_url, title="Secret Ward Review")
        code = created["code"]
        host = await Client.open(server.ws_url, code, "host", token=created["host_token"])
        board = await Client.open(server.ws_url, code, "board")
        people = [await Client.open(server.ws_url, code, name=f"Nurse Jo{i}") for i in range(3)]
        refused = await people[0].request("idea.add", {"text": "too early"})
        assert refused["code"] == "wrong_phase"
        await people[0].send_raw("not json")
        await host.cmd("phase.start", {"phase": "own"})
        for i, person in enumerate(people):
            await person.cmd("idea.add", {"text": f"confidential idea {i}"})
        await board.until(lambda v: v["progress"]["done"] == 3)
        page = await scrape(server)
        found = samples(page)
        assert found[("opera_rooms_loaded", ())] == 1
        for role, count in (("host", 1), ("board", 1), ("participant", 3)):
            assert found[("opera_connections", (("role", role),))] == count
        assert found[("opera_commands_total", (("answer", "ack"),))] == 4
        assert found[("opera_commands_total", (("answer", "wrong_phase"),))] == 1
        assert found[("opera_commands_total", (("answer", "bad_request"),))] == 1
        assert found[("opera_ack_seconds_count", ())] == 4
        assert found[("opera_fanout_seconds_count", ())] >= 1
        assert found[("opera_fanout_connections_count", ())] >= 1
        assert found[("opera_send_queue_drops_total", ())] == 0
        assert found[("opera_store_errors_total", (("kind", "unavailable"),))] == 0
        assert any(name == "process_open_fds" for name, _ in found)
        # nothing of the session: no code, title, name, text or token
        secrets = [code, "Secret Ward", "Nurse", "confidential", created["host_token"]]
        secrets += [person.token for person in people] + [person.pid for person in people]
        for secret in secrets:
            assert secret not in page, secret
        await asyncio.gather(*(c.close() for c in [host, board, *people]))
        await asyncio.sleep(0.3)
        found = samples(await scrape(server))
        assert found[("opera_connections", (("role", "participant"),))] == 0


async def test_metrics_count_store_errors(redis_server: RedisServer) -> None:  # noqa: F811
    server = Server(store=redis_server.url, port=free_port(), env={"OPERA_METRICS_TOKEN": TOKEN})
    server.start()
    try:
        created = await create_session(server.base_url)
        host = await Client.open(
            server.ws_url, created["code"], "host", token=created["host_token"]
        )
        redis_server.stop()
        answer = await host.request("phase.start", {"phase": "own"})
        assert answer["code"] == "unavailable"
        found = samples(await scrape(server))
        assert found[("opera_store_errors_total", (("kind", "unavailable"),))] >= 1
        assert found[("opera_commands_total", (("answer", "unavailable"),))] == 1
        redis_server.start()
        await host.close()
    finally:
        server.kill()
