"""The HTTP fallback (SSE + POST) over the wire: the same frames and guarantees as /ws.

The whole session with some people on the fallback is tests/live/test_session.py's.
"""

import asyncio
import json
import signal
import socket
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
from support.client import Client, create_session
from support.fallback import Fallback, open_fallback
from support.play import views_match_sync
from support.redis import redis_url  # noqa: F401
from support.server import Server, free_port, serve


def frames_of(client: Client, kind: str) -> list[dict[str, object]]:
    return [json.loads(f) for f in client.frames if f'"type":"{kind}"' in f]


async def test_a_reader_that_comes_back_with_last_event_id_misses_nothing(server: Server) -> None:
    created = await create_session(server.base_url)
    code = created["code"]
    host = await Client.open(server.ws_url, code, "host", token=created["host_token"])
    writer = await Client.open(server.ws_url, code, name="Writer")
    stream = Fallback(server.base_url, code)
    reader = await Client.over(stream, name="Reader")
    await host.cmd("phase.start", {"phase": "own"})
    await reader.until(lambda v: v["phase"]["name"] == "own")
    await reader.cmd("idea.add", {"text": "before the cut"})
    last = stream.last
    await stream.cut()  # a proxy drops the response; the server goes on
    for i in range(5):
        await writer.cmd("idea.add", {"text": f"while away {i}"})
    await host.until(lambda v: v["progress"]["done"] == 2)
    states_before = len(frames_of(reader, "state"))
    stream.resume()  # Last-Event-ID: the id of the last event read
    await host.cmd("phase.start", {"phase": "pair"})
    await reader.until(lambda v: v["phase"]["name"] == "pair" and v["me"]["pair"] is not None)
    assert stream.last > last
    assert len(frames_of(reader, "state")) == states_before  # replayed, not resynced
    assert len(reader.me["pair"]["pool"]) == 6
    await views_match_sync([reader, writer])
    # an id the stream no longer holds cannot resume: 410, say hello again
    async with httpx.AsyncClient(base_url=server.base_url) as http:
        forged = {**stream.auth, "last-event-id": str(stream.last + 50)}
        assert (await http.get(f"/live/{code}/stream", headers=forged)).status_code == 410
        assert (await http.get(f"/live/{code}/stream", headers=stream.auth)).status_code == 410
    await asyncio.gather(host.close(), writer.close(), reader.close())


async def test_a_retried_command_is_applied_once_over_the_fallback(server: Server) -> None:
    created = await create_session(server.base_url)
    code = created["code"]
    host = await open_fallback(server.base_url, code, "host", token=created["host_token"])
    ada = await open_fallback(server.base_url, code, name="Ada")
    await host.cmd("phase.start", {"phase": "own"})
    await ada.until(lambda v: v["phase"]["name"] == "own")
    first = await ada.cmd("idea.add", {"text": "only once"}, cmd_id="retry-1")
    assert await ada.cmd("idea.add", {"text": "only once"}, cmd_id="retry-1") == first
    await ada.close()
    # the answer was lost with the stream: the phone resumes with its token and sends again
    again = await open_fallback(server.base_url, code, token=ada.token)
    assert again.pid == ada.pid
    assert await again.cmd("idea.add", {"text": "only once"}, cmd_id="retry-1") == first
    await host.until(lambda v: v["progress"]["done"] == 1)
    assert [i["text"] for i in again.me["ideas"]] == ["only once"]
    await asyncio.gather(host.close(), again.close())


async def test_bad_input_over_post_is_answered_as_over_the_socket(server: Server) -> None:
    created = await create_session(server.base_url)
    code = created["code"]
    host = await open_fallback(server.base_url, code, "host", token=created["host_token"])
    board = await open_fallback(server.base_url, code, "board")
    dana_stream = Fallback(server.base_url, code)
    dana = await Client.over(dana_stream, name="Dana")
    await host.cmd("phase.start", {"phase": "own"})
    before = await dana.sync()
    for raw in ["{", "[]", "42", json.dumps({"type": "nope"}), json.dumps({"type": "hello"})]:
        await dana.send_raw(raw)
    answer = await dana.request("idea.add", {"text": 5})
    assert answer["type"] == "error" and answer["code"] == "bad_request"
    assert (await board.request("phase.start", {"phase": "own"}))["code"] == "forbidden"
    assert (await dana.request("phase.start", {"phase": "pair"}))["code"] == "forbidden"
    await dana.until(lambda v: len(frames_of(dana, "error")) == 7)
    assert all(e["message"] for e in frames_of(dana, "error"))
    assert await dana.sync() == before  # nothing changed
    async with httpx.AsyncClient(base_url=server.base_url) as http:
        many = "\n".join([json.dumps({"type": "sync"})] * 33)
        post = f"/live/{code}/frames"
        answer = await http.post(post, content=many, headers=dana_stream.auth)
        assert answer.status_code == 400
        # past the middleware (app.py's Shortcut), and still with the headers every answer has
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]
        # and the body limit: 70,000 bytes of empty lines are refused before any is handled
        answer = await http.post(post, content=b"\n" * 70_000, headers=dana_stream.auth)
        assert (answer.status_code, answer.json()["error"]["reason"]) == (413, "body_too_large")
        assert (
            await http.post(post, content="{}", headers={"authorization": "Bearer x"})
        ).status_code == 410
        huge = json.dumps(
            {"type": "cmd", "id": "x", "name": "idea.add", "args": {"text": "a" * 17000}}
        )
        answer = await http.post(post, content=huge, headers=dana_stream.auth)
        assert answer.status_code == 413 and answer.json()["code"] == 1009
        assert await asyncio.wait_for(dana.closed, 10) == (1009, "frame too large")
        # the hello's refusals: the close codes of the socket, with an HTTP status
        cases = [
            ("QQQQQQQ", {"type": "hello", "role": "board"}, 404, 4404),
            (code, {"type": "sync"}, 400, 4400),
            (code, {"type": "hello", "role": "host", "token": "wrong"}, 401, 4401),
            (code, {"type": "hello", "role": "participant", "token": "made-up"}, 401, 4401),
        ]
        for room, hello, status, close in cases:
            answer = await http.post(f"/live/{room}", content=json.dumps(hello))
            assert (answer.status_code, answer.json()["code"]) == (status, close), hello
        foreign = {"origin": "https://evil.example"}
        answer = await http.post(
            f"/live/{code}", json={"type": "hello", "role": "board"}, headers=foreign
        )
        assert (answer.status_code, answer.json()["code"]) == (403, 1008)
    assert (await host.request("idea.add", {"text": "host idea"}))["code"] == "forbidden"
    assert await host.cmd("phase.start", {"phase": "pair"}) > 0  # the others carry on
    await asyncio.gather(host.close(), board.close(), dana.close())


async def test_a_slow_stream_reader_is_dropped_without_stalling_others() -> None:
    env = {
        "OPERA_RATE_PER_SECOND": "100000",
        "OPERA_RATE_BURST": "100000",
        "OPERA_SEND_QUEUE_FRAMES": "32",
        "OPERA_SYNC_INTERVAL": "0",
        "OPERA_BOARD_LIMIT": "100",
    }
    with serve("memory://", env=env) as srv:
        created = await create_session(srv.base_url)
        code = created["code"]
        host = await open_fallback(srv.base_url, code, "host", token=created["host_token"])
        await host.cmd("session.configure", {"question": "q" * 400})
        watcher = await open_fallback(srv.base_url, code, name="Watcher")
        async with httpx.AsyncClient(base_url=srv.base_url) as http:
            opened = await http.post(f"/live/{code}", json={"type": "hello", "role": "board"})
            secret = opened.json()["stream"]
            auth = {"authorization": f"Bearer {secret}"}
            # the slow one: a GET with tiny buffers that reads nothing after its headers
            sock = socket.socket()
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            sock.connect(("127.0.0.1", srv.port))
            head = f"GET /live/{code}/stream HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {secret}"
            sock.sendall(f"{head}\r\n\r\n".encode())
            syncs = "\n".join([json.dumps({"type": "sync"})] * 32)
            dropped = False
            for _ in range(400):  # each sync asks for a full state it will never read
                answer = await http.post(f"/live/{code}/frames", content=syncs, headers=auth)
                if answer.status_code == 410:
                    dropped = True
                    break
            assert dropped, "the stream of a reader that stopped was never dropped"
            started = time.monotonic()
            await host.cmd("phase.start", {"phase": "own"})
            await watcher.cmd("idea.add", {"text": "still served"})
            await host.until(lambda v: v["progress"]["done"] == 1, timeout=5)
            assert time.monotonic() - started < 3
            sock.close()
        await asyncio.gather(host.close(), watcher.close())


async def test_the_fallback_and_the_socket_on_two_processes_over_redis(redis_url: str) -> None:  # noqa: F811
    a, b = Server(store=redis_url, port=free_port()), Server(store=redis_url, port=free_port())
    with ThreadPoolExecutor(2) as starting:  # side by side: a start is seconds on a busy machine
        list(starting.map(lambda server: server.start(timeout=60), (a, b)))
    try:
        created = await create_session(a.base_url)
        code = created["code"]
        host = await Client.open(a.ws_url, code, "host", token=created["host_token"])
        on_socket = await Client.open(a.ws_url, code, name="Socket")
        on_stream = await open_fallback(b.base_url, code, name="Stream")
        await host.cmd("phase.start", {"phase": "own"})
        await on_stream.until(lambda v: v["phase"]["name"] == "own", timeout=10)
        await on_stream.cmd("idea.add", {"text": "from b"})
        await on_socket.cmd("idea.add", {"text": "from a"})
        await host.until(
            lambda v: v["progress"]["done"] == 2 and v["participants"]["online"] == 2, timeout=10
        )
        await host.cmd("phase.start", {"phase": "pair"})
        for person in (on_socket, on_stream):
            await person.until(
                lambda v: v["me"]["pair"] is not None and len(v["me"]["pair"]["pool"]) == 2,
                timeout=10,
            )
        assert on_socket.me["pair"]["id"] == on_stream.me["pair"]["id"]
        await views_match_sync([on_socket, on_stream])
        await asyncio.gather(host.close(), on_socket.close(), on_stream.close())
    finally:
        a.kill()
        b.kill()


async def test_the_stream_is_unbuffered_server_sent_events(server: Server) -> None:
    created = await create_session(server.base_url)
    async with httpx.AsyncClient(base_url=server.base_url) as http:
        opened = await http.post(
            f"/live/{created['code']}", json={"type": "hello", "role": "board"}
        )
        assert opened.status_code == 201
        auth = {"authorization": f"Bearer {opened.json()['stream']}"}
        async with http.stream("GET", f"/live/{created['code']}/stream", headers=auth) as r:
            assert r.headers["content-type"].startswith("text/event-stream")
            assert "no-store" in r.headers["cache-control"]
            assert "content-length" not in r.headers
            assert r.headers["x-content-type-options"] == "nosniff"
            lines: list[str] = []
            async for line in r.aiter_lines():
                lines.append(line)
                if line.startswith("data: ") and '"type":"state"' in line:
                    break
    assert lines[lines.index("id: 1") + 1].startswith('data: {"type":"welcome"')
    assert "id: 2" in lines


async def test_a_stopping_server_closes_streams_with_1012_at_once() -> None:
    with serve("memory://") as srv:
        created = await create_session(srv.base_url)
        stream = Fallback(srv.base_url, created["code"])
        reader = await Client.over(stream, name="Reader")
        started = time.monotonic()
        assert srv.proc is not None
        srv.proc.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(reader.closed, 10) == (1012, "server restarting")
        assert time.monotonic() - started < 2  # not uvicorn's 5-s grace for open responses
        srv.proc.wait(10)
        await stream.http.aclose()
