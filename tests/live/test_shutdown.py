"""SIGTERM: clients get 1012 (server restarting), resume after the restart, nothing lost."""

import asyncio
from pathlib import Path

from support.client import Client, create_session
from support.server import Server, free_port


async def test_sigterm_closes_with_1012_and_clients_resume(tmp_path: Path) -> None:
    server = Server(store=f"file://{tmp_path}", port=free_port())
    server.start()
    try:
        created = await create_session(server.base_url)
        code = created["code"]
        host = await Client.open(server.ws_url, code, "host", token=created["host_token"])
        gus = await Client.open(server.ws_url, code, name="Gus")
        await host.cmd("phase.start", {"phase": "own"})
        await gus.cmd("idea.add", {"text": "kept through a restart"})
        server.stop()  # uvicorn re-raises SIGTERM after its graceful shutdown
        assert (await asyncio.wait_for(gus.closed, 10))[0] == 1012
        assert (await asyncio.wait_for(host.closed, 10))[0] == 1012
        server.start()
        again = await Client.open(server.ws_url, code, token=gus.token)
        assert again.pid == gus.pid
        assert [i["text"] for i in again.me["ideas"]] == ["kept through a restart"]
        assert again.view["phase"]["name"] == "own"
        await again.close()
    finally:
        server.kill()
