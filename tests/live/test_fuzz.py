"""A fuzzer over the wire protocol: hostile frames from a participant and from a board, sent to
a real server over real sockets, change nothing in the room, crash nothing, and a normal
client is served afterwards.

The room is in the Lobby, where no participant command applies, so every frame, however
close to a valid command it is, must be refused. About OPERA_FUZZ_FRAMES frames are sent
(3,000 by default, a minute or so; set it higher for a longer hunt).
"""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from opera.engine import commands
from support.client import Client, create_session
from support.server import Server, free_port
from websockets.asyncio.client import connect

FRAMES = int(os.environ.get("OPERA_FUZZ_FRAMES", "3000"))
PER_EXAMPLE = 30  # frames per example, on average

ARG_KEYS = sorted(
    {
        field
        for model in vars(commands).values()
        if isinstance(model, type) and issubclass(model, commands.Args)
        for field in model.model_fields
    }
)
HOSTILE = [
    "",
    " ",
    "\x00",
    "\ud800",  # a lone surrogate: valid JSON as an escape, not valid Unicode
    "\udfff x",
    "\u202eevil",  # right-to-left override
    "😀" * 200,
    "a" * 300,
    "<script>alert(1)</script>",
    "=HYPERLINK(1)",
    "../../etc/passwd",
    "i1",
    "p1",
    "host",
    "__proto__",
]
text = st.one_of(st.text(max_size=24), st.sampled_from(HOSTILE))
number = st.one_of(
    st.integers(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
)
scalar = st.one_of(st.none(), st.booleans(), number, text)
value = st.recursive(
    scalar,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(text, inner, max_size=4),
    max_leaves=12,
)
name = st.one_of(st.sampled_from(commands.COMMAND_NAMES), text)
args = st.one_of(
    st.dictionaries(st.one_of(st.sampled_from(ARG_KEYS), text), value, max_size=4), value
)
command = st.fixed_dictionaries(
    {"type": st.just("cmd"), "id": st.one_of(text, number, st.none()), "name": name, "args": args}
)
other = st.fixed_dictionaries(
    {"type": st.one_of(st.sampled_from(["hello", "sync", "cmd", "state", "ack"]), value)},
    optional={
        "role": st.one_of(st.sampled_from(["host", "participant", "board"]), value),
        "token": value,
        "name": value,
        "id": value,
        "args": value,
    },
)
raw = st.one_of(
    st.text(max_size=80),
    st.binary(max_size=80),
    st.integers(min_value=17, max_value=3000).map(lambda n: "[" * n + "]" * n),
    st.integers(min_value=17, max_value=2000).map(lambda n: '{"a":' * n + "1" + "}" * n),
    st.just("1" * 5000),
    st.just('{"type": "cmd", "id": "\\ud800", "name": "idea.add", "args": {"text": "x"}}'),
)
frame = st.one_of(command.map(json.dumps), other.map(json.dumps), raw)


@pytest.fixture(scope="module")
def room() -> Iterator[tuple[Server, dict[str, Any], str, dict[str, Any]]]:
    """A Lobby with two participants who left; the fuzzing participant's token; the host
    view and seq everything is compared with."""
    env = {"OPERA_RATE_PER_SECOND": "100000", "OPERA_RATE_BURST": "100000"}
    server = Server(store="memory://", port=free_port(), env=env)
    server.start(timeout=60)  # the machine may be busy: a slow start is not a finding
    try:

        async def prepare() -> tuple[dict[str, Any], str, dict[str, Any]]:
            created = await create_session(server.base_url)
            code = created["code"]
            ana = await Client.open(server.ws_url, code, name="Ana", org="Council")
            fuzz = await Client.open(server.ws_url, code, name="Fuzz")
            await asyncio.gather(ana.close(), fuzz.close())
            return created, fuzz.token, await host_view(server, created)

        yield server, *asyncio.run(prepare())
    finally:
        server.kill()


async def host_view(server: Server, created: dict[str, Any]) -> dict[str, Any]:
    """The host's view once nobody else is online (presence follows closed sockets)."""
    host = await Client.open(server.ws_url, created["code"], "host", token=created["host_token"])
    try:
        await host.until(lambda v: v["participants"]["online"] == 0)
        view = await host.sync()  # a sync flushes what is pending: its seq is the room's
        return {"seq": host.seq, "view": view}
    finally:
        await host.close()


async def fuzz(server: Server, code: str, hello: dict[str, Any], frames: list[str | bytes]) -> None:
    async with connect(f"{server.ws_url}/ws/{code}", compression=None) as ws:
        await ws.send(json.dumps(hello))
        for item in frames:
            await ws.send(item)
        # a probe with a known id: the connection still answers, in order, after all that
        probe = {"type": "cmd", "id": "probe", "name": "idea.add", "args": {"text": "x"}}
        await ws.send(json.dumps(probe))
        received: list[dict[str, Any]] = []
        async with asyncio.timeout(10):
            while not any(f.get("id") == "probe" for f in received):
                received.append(json.loads(await ws.recv()))
    kinds = {f["type"] for f in received}
    assert kinds <= {"welcome", "state", "patch", "error"}, kinds  # never an ack
    answer = next(f for f in received if f.get("id") == "probe")
    expected = "forbidden" if hello["role"] == "board" else "wrong_phase"
    assert answer["code"] == expected, answer


@settings(
    max_examples=max(FRAMES // PER_EXAMPLE, 1),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    role=st.sampled_from(["participant", "board"]),
    frames=st.lists(frame, min_size=1, max_size=2 * PER_EXAMPLE),
)
def test_hostile_frames_change_nothing(
    room: tuple[Server, dict[str, Any], str, dict[str, Any]],
    role: str,
    frames: list[str | bytes],
) -> None:
    server, created, token, before = room
    hello: dict[str, Any] = {"type": "hello", "role": role}
    if role == "participant":
        hello["token"] = token

    async def attack() -> dict[str, Any]:
        await fuzz(server, created["code"], hello, frames)
        return await host_view(server, created)

    assert asyncio.run(attack()) == before


def test_the_fuzzed_room_still_serves_a_normal_session(
    room: tuple[Server, dict[str, Any], str, dict[str, Any]],
) -> None:
    server, created, _, _ = room

    async def session() -> None:
        code = created["code"]
        host = await Client.open(server.ws_url, code, "host", token=created["host_token"])
        newcomer = await Client.open(server.ws_url, code, name="After the storm")
        await host.cmd("phase.start", {"phase": "own"})
        await newcomer.cmd("idea.add", {"text": "still served"})
        assert [i["text"] for i in (await newcomer.sync())["me"]["ideas"]] == ["still served"]
        await asyncio.gather(host.close(), newcomer.close())

    asyncio.run(session())
