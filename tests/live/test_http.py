"""The HTTP routes of the contract: sessions, exports, QR, health, pages, errors."""

import asyncio
import json

import httpx
import pytest
from support.client import create_session
from support.server import Server, serve


def error_code(answer: httpx.Response) -> str:
    code: str = answer.json()["error"]["code"]
    assert answer.json()["error"]["message"]
    return code


async def test_creating_a_session_returns_codes_and_links(server: Server) -> None:
    created = await create_session(server.base_url, title="Partnership day")
    code = created["code"]
    assert len(created["host_token"]) >= 22  # at least 128 random bits
    assert created["join_url"] == f"{server.base_url}/j/{code}"
    assert created["board_url"] == f"{server.base_url}/b/{code}"
    assert created["host_url"] == f"{server.base_url}/h/{code}#{created['host_token']}"
    assert set(code) <= set("34679ACDEFGHJKMNPQRTWXY")
    async with httpx.AsyncClient() as http:
        info = (await http.get(f"{server.base_url}/api/sessions/{code}")).json()
    assert info == {
        "code": code,
        "title": "Partnership day",
        "question": "How might we share care records?",
        "phase": "lobby",
        "participants": {"total": 0, "online": 0},
        "join_url": created["join_url"],
        "join_loopback": True,  # the test server listens on 127.0.0.1
        "phone_urls": [],
        "orgs": [],  # the host's list of organisations for the join form, none set
    }
    async with httpx.AsyncClient() as http:
        lower = await http.get(f"{server.base_url}/api/sessions/{code.lower()}")
    assert lower.status_code == 200  # codes are typed on phones: case does not matter


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"question": ""},
        {"question": "   "},
        {"question": 5},
        {"question": "q", "title": ["x"]},
        {"question": "q", "surprise": 1},
        {"question": "q", "settings": {"own": {"max_ideas": "ten"}}},
        {"question": "q", "settings": {"nope": 1}},
        {"question": "q", "settings": {"rank": {"budget": "25"}}},
        {"question": "q" * 5000},
    ],
)
async def test_bad_session_bodies_get_422_bad_request(server: Server, body: object) -> None:
    async with httpx.AsyncClient() as http:
        answer = await http.post(f"{server.base_url}/api/sessions", json=body)
    assert answer.status_code == 422, answer.text
    assert error_code(answer) == "bad_request"


async def test_malformed_json_gets_422(server: Server) -> None:
    async with httpx.AsyncClient() as http:
        answer = await http.post(f"{server.base_url}/api/sessions", content=b"{nope")
    assert answer.status_code == 422
    assert error_code(answer) == "bad_request"


async def test_unknown_codes_get_404_before_any_token_check(server: Server) -> None:
    async with httpx.AsyncClient() as http:
        for path in ["QQQQQQQ", "QQQQQQQ/export.csv", "QQQQQQQ/qr.svg", "..%2f..%2fetc"]:
            answer = await http.get(f"{server.base_url}/api/sessions/{path}")
            assert answer.status_code == 404, path
            assert error_code(answer) == "not_found"


async def test_exports_need_the_host_token(server: Server) -> None:
    created = await create_session(server.base_url, title="Ünïcode & co")
    url = f"{server.base_url}/api/sessions/{created['code']}"
    async with httpx.AsyncClient() as http:
        for ext in ["csv", "md", "json"]:
            answer = await http.get(f"{url}/export.{ext}")
            assert answer.status_code == 401 and error_code(answer) == "unauthorized"
            answer = await http.get(f"{url}/export.{ext}", headers={"Authorization": "Bearer x"})
            assert answer.status_code == 403 and error_code(answer) == "forbidden"
            auth = {"Authorization": f"Bearer {created['host_token']}"}
            answer = await http.get(f"{url}/export.{ext}", headers=auth)
            assert answer.status_code == 200
            disposition = answer.headers["content-disposition"]
            assert disposition.startswith('attachment; filename="n-code-co-')
            assert disposition.endswith(f'.{ext}"')
        csv_text = (await http.get(f"{url}/export.csv", headers=auth)).text
        assert csv_text.splitlines()[0].startswith("rank,idea,points,cluster,pair")


async def test_qr_health_and_pages(server: Server) -> None:
    created = await create_session(server.base_url)
    code = created["code"]
    async with httpx.AsyncClient() as http:
        qr = await http.get(f"{server.base_url}/api/sessions/{code}/qr.svg")
        assert qr.status_code == 200
        assert qr.headers["content-type"].startswith("image/svg+xml")
        assert qr.text.lstrip().startswith("<svg")
        health = await http.get(f"{server.base_url}/healthz")
        assert health.json() == {"status": "ok"}
        for path in ["/", f"/j/{code}", f"/b/{code}", f"/h/{code}"]:
            page = await http.get(server.base_url + path)
            assert page.status_code == 200, path
            assert page.headers["content-type"].startswith("text/html")
            assert "script-src 'self'" in page.headers["content-security-policy"]
        missing = await http.get(f"{server.base_url}/no/such/page")
        assert missing.status_code == 404 and error_code(missing) == "not_found"


async def test_creating_sessions_is_capped_per_address() -> None:
    with serve("memory://", env={"OPERA_CREATE_LIMIT": "3"}) as srv:
        for _ in range(3):
            await create_session(srv.base_url)
        async with httpx.AsyncClient() as http:
            answer = await http.post(f"{srv.base_url}/api/sessions", json={"question": "q"})
        assert answer.status_code == 429
        assert error_code(answer) == "rate_limited"


async def post_raw(server: Server, head: str, body: bytes = b"") -> tuple[bytes, bytes]:
    """Send a request by hand; the status line and the body of the answer (read to the end:
    an answer to an oversized body closes the connection)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    writer.write(head.encode() + body)
    answer = await asyncio.wait_for(reader.read(), 10)
    writer.close()
    status, _, rest = answer.partition(b"\r\n")
    return status, rest.partition(b"\r\n\r\n")[2]


async def test_a_declared_body_over_the_limit_is_refused_before_it_is_sent(server: Server) -> None:
    head = (
        "POST /api/sessions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        "Content-Length: 400000000\r\n\r\n"
    )
    status, body = await post_raw(server, head, b'{"question": "')  # and 400 MB never follow
    assert status.startswith(b"HTTP/1.1 413")
    assert json.loads(body)["error"]["code"] == "too_large"


async def test_a_chunked_body_over_the_limit_is_answered_while_it_is_still_coming(
    server: Server,
) -> None:
    """No Content-Length: the bytes are counted as they arrive, and the answer comes before
    the body's end (here it never ends); the rest would be discarded, not kept."""
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    writer.write(
        b"POST /api/sessions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Transfer-Encoding: chunked\r\n\r\n"
    )
    chunk = b"a" * 16384
    for _ in range(16):  # 256 KB, four times the limit, and no last chunk
        writer.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        await writer.drain()
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10)
    assert head.startswith(b"HTTP/1.1 413")
    length = int(head.lower().split(b"content-length: ")[1].split(b"\r\n")[0])
    assert json.loads(await reader.readexactly(length))["error"]["code"] == "too_large"
    writer.close()


async def test_bodies_under_the_limit_are_served_and_the_limit_is_a_setting() -> None:
    with serve("memory://", env={"OPERA_MAX_BODY_BYTES": "2048"}) as srv:
        async with httpx.AsyncClient() as http:
            fits = {"question": "q" * 500, "title": "t" * 120, "settings": {"anonymous": True}}
            fits = await http.post(f"{srv.base_url}/api/sessions", json=fits)
            assert fits.status_code == 201
            over = await http.post(
                f"{srv.base_url}/api/sessions", json={"question": "q", "title": "t" * 3000}
            )
            assert over.status_code == 413 and error_code(over) == "too_large"


async def test_refused_creations_count_against_the_create_limit() -> None:
    with serve("memory://", env={"OPERA_CREATE_LIMIT": "3"}) as srv:
        async with httpx.AsyncClient() as http:
            for _ in range(3):
                bad = await http.post(f"{srv.base_url}/api/sessions", content=b"{nope")
                assert bad.status_code == 422
            answer = await http.post(f"{srv.base_url}/api/sessions", json={"question": "q"})
        assert answer.status_code == 429 and error_code(answer) == "rate_limited"


async def test_json_nested_2500_deep_gets_422_not_500(server: Server) -> None:
    deep = '{"question": "q", "settings": ' + "[" * 2500 + "]" * 2500 + "}"
    shallow_but_too_deep = '{"question": "q", "settings": {"a": ' + "[" * 20 + "]" * 20 + "}}"
    async with httpx.AsyncClient() as http:
        for body in [deep, shallow_but_too_deep]:
            answer = await http.post(f"{server.base_url}/api/sessions", content=body.encode())
            assert answer.status_code == 422 and error_code(answer) == "bad_request"
            assert "nested" in answer.json()["error"]["message"]
        lone = await http.post(
            f"{server.base_url}/api/sessions", content=b'{"question": "\\ud800 care"}'
        )
        assert lone.status_code == 422 and error_code(lone) == "bad_request"
