"""Who a client is, the same over both edges: one address for the per-address limits, one
key for a token (`opera.live.identity`)."""

import asyncio
import hashlib
from pathlib import Path

import pytest
from opera.live.identity import key_of
from support.client import Client, create_session
from support.fallback import Fallback, open_fallback
from support.server import serve


async def test_joins_over_the_socket_and_the_fallback_count_for_one_address() -> None:
    with serve("memory://", env={"OPERA_JOIN_LIMIT": "2"}) as srv:
        code = (await create_session(srv.base_url))["code"]
        by_socket = await Client.open(srv.ws_url, code, name="Ann")
        by_stream = await open_fallback(srv.base_url, code, name="Bo")
        with pytest.raises(Exception, match="4429"):  # the socket's close code
            await Client.open(srv.ws_url, code, name="Cy")
        third = Fallback(srv.base_url, code)
        with pytest.raises(Exception, match="429"):
            await Client.over(third, name="Di")
        assert third.close_code == 4429
        await third.close()
        # both people are in, with their tokens, and come back by token over either edge
        again = await open_fallback(srv.base_url, code, token=by_socket.token)
        assert again.pid == by_socket.pid and again.welcome["you"]["name"] == "Ann"
        await asyncio.gather(by_socket.close(), by_stream.close(), again.close())


async def test_the_log_keeps_each_token_as_its_key(tmp_path: Path) -> None:
    with serve(f"file://{tmp_path}") as srv:
        created = await create_session(srv.base_url)
        code, host_token = created["code"], created["host_token"]
        ann = await Client.open(srv.ws_url, code, name="Ann")
        bo = await open_fallback(srv.base_url, code, name="Bo")
        host = await open_fallback(srv.base_url, code, "host", token=host_token)
        await host.until(lambda v: v["participants"]["total"] == 2)
        stored = b"".join(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()).decode()
        for token in (host_token, ann.token, bo.token):
            assert token not in stored
            assert key_of(token) == hashlib.sha256(token.encode()).hexdigest()
            assert key_of(token) in stored
        await asyncio.gather(ann.close(), bo.close(), host.close())
