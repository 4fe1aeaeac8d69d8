"""Bad input gets a clear error or close code, changes nothing, and disturbs nobody else."""

import asyncio
import json

import pytest
from support.client import Client, create_session
from support.server import Server, serve
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidStatus


async def closed_with(server: Server, path: str, *frames: str, **kw: object) -> int | None:
    async with connect(f"{server.ws_url}{path}", compression=None, **kw) as ws:  # type: ignore[arg-type]
        for frame in frames:
            await ws.send(frame)
        with pytest.raises(ConnectionClosed):
            while True:
                await asyncio.wait_for(ws.recv(), 10)
        return ws.close_code


async def test_handshake_refusals_use_the_contract_close_codes(server: Server) -> None:
    created = await create_session(server.base_url)
    code = created["code"]
    assert await closed_with(server, "/ws/QQQQQQQ") == 4404
    assert await closed_with(server, "/ws/not-a-code") == 4404
    assert await closed_with(server, f"/ws/{code}", "not json") == 4400
    assert await closed_with(server, f"/ws/{code}", json.dumps({"type": "sync"})) == 4400
    hello = {"type": "hello", "role": "host", "token": "wrong"}
    assert await closed_with(server, f"/ws/{code}", json.dumps(hello)) == 4401
    assert (
        await closed_with(server, f"/ws/{code}", json.dumps({"type": "hello", "role": "host"}))
        == 4401
    )
    resume = {"type": "hello", "role": "participant", "token": "made-up"}
    assert await closed_with(server, f"/ws/{code}", json.dumps(resume)) == 4401


async def test_frames_over_16_kib_close_with_1009_and_others_carry_on(server: Server) -> None:
    created = await create_session(server.base_url)
    code = created["code"]
    host = await Client.open(server.ws_url, code, "host", token=created["host_token"])
    big = await Client.open(server.ws_url, code, name="Big")
    await big.send_raw(
        json.dumps({"type": "cmd", "id": "x", "name": "idea.add", "args": {"text": "a" * 17000}})
    )
    code_reason = await asyncio.wait_for(big.closed, 10)
    assert code_reason[0] == 1009
    assert await host.cmd("phase.start", {"phase": "own"}) > 0
    await host.close()


async def test_malformed_frames_get_bad_request_and_change_nothing(server: Server) -> None:
    created = await create_session(server.base_url)
    code = created["code"]
    host = await Client.open(server.ws_url, code, "host", token=created["host_token"])
    dana = await Client.open(server.ws_url, code, name="Dana")
    await host.cmd("phase.start", {"phase": "own"})
    before = await dana.sync()
    for raw in ["{", "[]", "42", json.dumps({"type": "nope"}), json.dumps({"no": "type"})]:
        await dana.send_raw(raw)
    cases = [
        ("idea.add", {"text": 5}),
        ("idea.add", {}),
        ("idea.add", {"text": "x", "extra": 1}),
        ("no.such", {}),
        ("vote.set", {"idea_id": "i1", "points": "many"}),
    ]
    for name, args in cases:
        answer = await dana.request(name, args)
        assert answer["type"] == "error" and answer["code"] == "bad_request", (name, answer)
        assert answer["message"]
    answer = await dana.request("idea.add", {"text": "   "})
    assert answer["code"] == "bad_request"
    too_long_id = {"type": "cmd", "id": "x" * 65, "name": "idea.add", "args": {"text": "ok"}}
    await dana.send_raw(too_long_id)
    await asyncio.sleep(0.3)
    errors = [json.loads(f) for f in dana.frames if '"type":"error"' in f]
    assert sum(1 for e in errors if e["code"] == "bad_request") == 12
    assert "id" not in errors[-1]  # an id too long to echo back
    after = await dana.sync()
    assert after == before
    await asyncio.gather(host.close(), dana.close())


async def test_wrong_role_phase_and_someone_elses_idea_are_refused(server: Server) -> None:
    created = await create_session(server.base_url)
    code = created["code"]
    host = await Client.open(server.ws_url, code, "host", token=created["host_token"])
    board = await Client.open(server.ws_url, code, "board")
    eve = await Client.open(server.ws_url, code, name="Eve")
    fay = await Client.open(server.ws_url, code, name="Fay")
    assert (await eve.request("phase.start", {"phase": "own"}))["code"] == "forbidden"
    assert (await board.request("phase.start", {"phase": "own"}))["code"] == "forbidden"
    assert (await eve.request("idea.add", {"text": "too early"}))["code"] == "wrong_phase"
    assert (await host.request("idea.add", {"text": "host idea"}))["code"] == "forbidden"
    await host.cmd("phase.start", {"phase": "own"})
    await fay.cmd("idea.add", {"text": "fay's own"})
    fays = fay.me["ideas"] or (await fay.sync())["me"]["ideas"]
    answer = await eve.request("idea.edit", {"idea_id": fays[0]["id"], "text": "mine now"})
    assert answer["code"] == "not_found"
    answer = await eve.request("idea.delete", {"idea_id": fays[0]["id"]})
    assert answer["code"] == "not_found"
    assert [i["text"] for i in (await fay.sync())["me"]["ideas"]] == ["fay's own"]
    await asyncio.gather(host.close(), board.close(), eve.close(), fay.close())


async def test_a_flood_is_rate_limited_and_others_are_served() -> None:
    with serve("memory://", env={"OPERA_RATE_PER_SECOND": "10", "OPERA_RATE_BURST": "20"}) as srv:
        created = await create_session(srv.base_url)
        code = created["code"]
        host = await Client.open(srv.ws_url, code, "host", token=created["host_token"])
        flood = await Client.open(srv.ws_url, code, name="Flood")
        calm = await Client.open(srv.ws_url, code, name="Calm")
        await host.cmd("phase.start", {"phase": "own"})
        # 10 a second with bursts of 20 are always accepted
        answers = await asyncio.gather(
            *(flood.request("idea.add", {"text": f"t{i}"}) for i in range(10))
        )
        assert all(a["type"] == "ack" for a in answers)
        answers = await asyncio.gather(
            *(flood.request("session.configure", {"title": "x"}) for _ in range(60))
        )
        assert any(a.get("code") == "rate_limited" for a in answers)
        assert await calm.cmd("idea.add", {"text": "calm idea"}) > 0
        await asyncio.gather(host.close(), flood.close(), calm.close())


async def test_an_endless_flood_is_closed_with_4429() -> None:
    with serve("memory://", env={"OPERA_RATE_PER_SECOND": "10", "OPERA_RATE_BURST": "20"}) as srv:
        created = await create_session(srv.base_url)
        flood = await Client.open(srv.ws_url, created["code"], name="Flood")
        # Until the server closes it (bounded): on a loaded machine the server reads slowly and
        # the bucket refills meanwhile, so a fixed number of frames may not be enough.
        for _ in range(4000):
            if flood.closed.done():
                break
            try:
                await flood.send_raw({"type": "sync"})
            except ConnectionClosed:
                break
        assert (await asyncio.wait_for(flood.closed, 10))[0] == 4429


async def test_another_sites_page_cannot_open_a_websocket(server: Server) -> None:
    created = await create_session(server.base_url)
    url = f"{server.ws_url}/ws/{created['code']}"
    with pytest.raises(InvalidStatus) as refused:
        async with connect(url, origin="https://evil.example"):  # type: ignore[arg-type]
            pass
    assert refused.value.response.status_code == 403
    async with connect(url, origin=server.base_url) as ws:  # type: ignore[arg-type]
        await ws.send(json.dumps({"type": "hello", "role": "board"}))
        assert json.loads(await ws.recv())["type"] == "welcome"


async def test_allowed_origins_are_let_in() -> None:
    with serve("memory://", env={"OPERA_ALLOWED_ORIGINS": "https://rooms.example"}) as srv:
        created = await create_session(srv.base_url)
        url = f"{srv.ws_url}/ws/{created['code']}"
        async with connect(url, origin="https://rooms.example") as ws:  # type: ignore[arg-type]
            await ws.send(json.dumps({"type": "hello", "role": "board"}))
            assert json.loads(await ws.recv())["type"] == "welcome"


async def test_no_hello_in_time_closes_with_4400() -> None:
    with serve("memory://", env={"OPERA_HELLO_TIMEOUT": "0.5"}) as srv:
        created = await create_session(srv.base_url)
        assert await closed_with(srv, f"/ws/{created['code']}") == 4400


async def test_guessing_room_codes_is_cut_off() -> None:
    with serve("memory://", env={"OPERA_GUESS_LIMIT": "5"}) as srv:
        for _ in range(5):
            assert await closed_with(srv, "/ws/QQQQQQQ") == 4404
        assert await closed_with(srv, "/ws/QQQQQQQ") == 4429


async def test_json_nested_deeper_than_a_frame_needs_is_a_bad_request(server: Server) -> None:
    created = await create_session(server.base_url)
    dana = await Client.open(server.ws_url, created["code"], name="Dana")
    before = await dana.sync()
    deep = '{"type": "cmd", "id": "d1", "name": "idea.add", "args": {"text": ' + "[" * 2500
    await dana.send_raw(deep + "]" * 2500 + "}}")  # 10 KB: under the frame limit
    args = {"text": "x", "extra": json.loads("[" * 30 + "]" * 30)}
    await dana.send_raw({"type": "cmd", "id": "d2", "name": "idea.add", "args": args})
    await asyncio.sleep(0.3)
    errors = [json.loads(f) for f in dana.frames if '"type":"error"' in f]
    assert [e["code"] for e in errors] == ["bad_request", "bad_request"]
    assert all("nested" in e["message"] for e in errors)
    assert await dana.sync() == before  # the socket stays open and nothing changed
    await dana.close()


async def test_a_lone_surrogate_in_a_command_id_is_a_bad_request(server: Server) -> None:
    created = await create_session(server.base_url)
    host = await Client.open(server.ws_url, created["code"], "host", token=created["host_token"])
    before = await host.sync()
    # json.dumps writes the lone surrogate as the escape \ud800, which is valid JSON
    await host.send_raw({"type": "cmd", "id": "\ud800", "name": "session.configure", "args": {}})
    bad_title = {"title": "care \udfff"}
    await host.send_raw({"type": "cmd", "id": "t1", "name": "session.configure", "args": bad_title})
    await asyncio.sleep(0.3)
    errors = [json.loads(f) for f in host.frames if '"type":"error"' in f]
    assert [e["code"] for e in errors] == ["bad_request", "bad_request"]
    assert "Unicode" in errors[0]["message"]
    assert await host.sync() == before
    assert await host.cmd("session.configure", {"title": "still served"}) > 0
    await host.close()


async def test_a_lone_surrogate_in_hello_closes_with_4400(server: Server) -> None:
    created = await create_session(server.base_url)
    hello = json.dumps({"type": "hello", "role": "participant", "name": "Sam \ud800"})
    assert await closed_with(server, f"/ws/{created['code']}", hello) == 4400
