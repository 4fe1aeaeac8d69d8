"""Error frames and HTTP error bodies carry the refusal's `reason` and `vars` (ours, beside the
protocol's `code` and `message`), and the message is that reason's English sentence."""

import httpx
from opera.engine.outcome import REASONS
from support.client import Client, create_session
from support.server import Server


async def test_a_wrong_phase_refusal_names_its_reason(server: Server) -> None:
    created = await create_session(server.base_url)
    dana = await Client.open(server.ws_url, created["code"], name="Dana")
    answer = await dana.request("idea.add", {"text": "Shared calendars"})
    assert answer["code"] == "wrong_phase"
    assert answer["reason"] == "idea_add_phase" and answer["vars"] == {}
    assert answer["message"] == "Ideas are written during Own." == REASONS["idea_add_phase"]
    await dana.close()


async def test_a_refusal_with_vars_gives_them_and_the_filled_sentence(server: Server) -> None:
    created = await create_session(server.base_url, settings={"own": {"max_ideas": 2}})
    code = created["code"]
    host = await Client.open(server.ws_url, code, "host", token=created["host_token"])
    dana = await Client.open(server.ws_url, code, name="Dana")
    await host.cmd("phase.start", {"phase": "own"})
    for text in ("One", "Two"):
        await dana.cmd("idea.add", {"text": text})
    answer = await dana.request("idea.add", {"text": "Three"})
    assert (answer["code"], answer["reason"], answer["vars"]) == (
        "limit_reached",
        "too_many_ideas",
        {"n": 2},
    )
    assert answer["message"] == "You can write at most 2 ideas."
    await dana.close()
    await host.close()


async def test_the_board_and_a_bad_frame_are_refused_with_reasons(server: Server) -> None:
    created = await create_session(server.base_url)
    board = await Client.open(server.ws_url, created["code"], "board")
    answer = await board.request("phase.start", {"phase": "own"})
    assert (answer["reason"], answer["message"]) == (
        "board_read_only",
        "The board only shows; it cannot act.",
    )
    await board.close()


async def test_http_errors_carry_reason_and_vars(server: Server) -> None:
    async with httpx.AsyncClient() as http:
        missing = await http.get(f"{server.base_url}/api/sessions/QQQQQQQ")
        body = (await http.post(f"{server.base_url}/api/sessions", json={"question": ""})).json()
        page = await http.get(f"{server.base_url}/no-such-page")
    assert missing.status_code == 404
    assert missing.json() == {
        "error": {
            "code": "not_found",
            "message": "There is no session with that code.",
            "reason": "no_such_session",
            "vars": {},
        }
    }
    assert body["error"]["reason"] == "bad_body"
    assert body["error"]["message"] == body["error"]["vars"]["detail"]
    assert page.json()["error"]["reason"] == "http_status"
    assert page.json()["error"]["vars"] == {"detail": "Not Found"}
