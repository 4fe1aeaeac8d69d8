"""Several server processes on one Redis serve the same rooms; faults lose nothing acknowledged."""

import asyncio
import json
import signal
from collections.abc import Iterator
from typing import Any

import pytest
from support.client import Client, create_session
from support.play import agree_shortlists
from support.redis import RedisServer, redis_server, redis_url  # noqa: F401
from support.server import Server, free_port

# Two servers start at once on a machine that may be busy: give them time (a start-up that
# times out is an error at set-up, not a finding of these tests).
STARTUP = 60.0


@pytest.fixture
def two_servers(redis_url: str) -> Iterator[tuple[Server, Server]]:  # noqa: F811
    servers = (
        Server(store=redis_url, port=free_port()),
        Server(store=redis_url, port=free_port()),
    )
    try:
        for server in servers:
            server.start(timeout=STARTUP)
        yield servers
    finally:
        for server in servers:
            server.kill()


def same(a: dict[str, object], b: dict[str, object]) -> bool:
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


async def test_a_session_split_over_two_processes_converges(
    two_servers: tuple[Server, Server],
) -> None:
    a, b = two_servers
    created = await create_session(a.base_url)
    code = created["code"]
    host = await Client.open(a.ws_url, code, "host", token=created["host_token"])
    board_a = await Client.open(a.ws_url, code, "board")
    board_b = await Client.open(b.ws_url, code, "board")
    people = [
        await Client.open((a if i % 2 else b).ws_url, code, name=f"P{i}", org=f"O{i % 3}")
        for i in range(5)
    ]
    # presence crosses processes (eventually consistent within 5 seconds)
    await host.until(lambda v: v["participants"]["online"] == 5, timeout=8)
    await host.cmd("phase.start", {"phase": "own"})
    for i, person in enumerate(people):
        await person.cmd("idea.add", {"text": f"idea {i}"})
    await board_b.until(lambda v: v["progress"]["done"] == 5)
    await host.cmd("phase.start", {"phase": "pair"})
    await agree_shortlists(people)
    await host.cmd("phase.start", {"phase": "rank"})
    await board_b.until(lambda v: len(v["ideas"]) == 5)
    # a retried command id is applied once, whichever process sees the retry
    voter = people[0]
    target = next(i["id"] for i in board_b.view["ideas"] if i["pair_id"] != voter.me["pair"]["id"])
    first = await voter.request("vote.set", {"idea_id": target, "points": 1}, cmd_id="v-1")
    twin = await Client.open(a.ws_url, code, token=voter.token)  # voter itself is on b
    again = await twin.request("vote.set", {"idea_id": target, "points": 1}, cmd_id="v-1")
    assert first["type"] == "ack" and again == first
    await host.until(lambda v: sum(i["points"] for i in v["ideas"]) == 1)
    await host.cmd("rank.reveal")
    await asyncio.sleep(1.5)
    assert same(board_a.view, board_b.view)
    assert same(board_a.view, await board_b.sync())
    for person in [*people, twin]:
        assert same(person.snapshot(), await person.sync())
    assert host.view["session"]["code"] == code
    await asyncio.gather(*(c.close() for c in [host, board_a, board_b, twin, *people]))


async def test_a_command_right_after_another_process_acked_its_cause_is_judged_after_it(
    two_servers: tuple[Server, Server],
) -> None:
    """The race behind a once-failing `wrong_phase`: process b had not folded the host's
    `phase.start` (acknowledged by a) when b's participant sent `idea.add`. b is paused here
    while a acknowledges, so that its follower and the command wake in the same turn."""
    a, b = two_servers
    assert b.proc is not None
    created = await create_session(a.base_url, settings={"own": {"max_ideas": 1}})
    code = created["code"]
    host = await Client.open(a.ws_url, code, "host", token=created["host_token"])
    sam = await Client.open(b.ws_url, code, name="Sam")
    steps: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
        ("phase.start", {"phase": "own"}, {"text": "first"}),
        *(
            ("session.configure", {"settings": {"own": {"max_ideas": n}}}, {"text": f"idea {n}"})
            for n in range(2, 7)
        ),
    ]
    for name, args, idea in steps:
        b.proc.send_signal(signal.SIGSTOP)
        try:
            await host.cmd(name, args)
            sending = asyncio.create_task(sam.request("idea.add", idea))
            await asyncio.sleep(0.05)  # the frame waits in b's socket, the entry in Redis
        finally:
            b.proc.send_signal(signal.SIGCONT)
        answer = await sending
        assert answer["type"] == "ack", (name, answer)
    assert len((await sam.sync())["me"]["ideas"]) == 6
    await asyncio.gather(host.close(), sam.close())


async def test_clients_of_a_killed_process_resume_on_the_other(
    two_servers: tuple[Server, Server],
) -> None:
    a, b = two_servers
    created = await create_session(a.base_url, settings={"own": {"max_ideas": 50}})
    code = created["code"]
    host = await Client.open(b.ws_url, code, "host", token=created["host_token"])
    people = [await Client.open(a.ws_url, code, name=f"K{i}") for i in range(3)]
    await host.cmd("phase.start", {"phase": "own"})  # after the joins: latecomers would wait
    acked: dict[str, list[str]] = {p.token: [] for p in people}

    async def write(person: Client) -> None:
        for n in range(50):
            text = f"{person.pid}-{n}"
            try:
                await person.cmd("idea.add", {"text": text})
            except Exception:
                return
            acked[person.token].append(text)

    tasks = [asyncio.create_task(write(p)) for p in people]
    async with asyncio.timeout(20):  # the kill lands mid-write, once everyone has an ack
        while not all(acked.values()):
            await asyncio.sleep(0.05)
    a.kill()
    await asyncio.gather(*tasks)
    assert all(acked.values())
    for token, texts in acked.items():
        moved = await Client.open(b.ws_url, code, token=token)
        mine = [i["text"] for i in moved.me["ideas"]]
        assert set(texts) <= set(mine)
        assert len(mine) == len(set(mine))
        await moved.cmd("idea.add", {"text": "after the move"})
        await moved.close()
    await host.close()


async def test_a_redis_restart_during_rank_loses_no_acknowledged_vote(
    redis_server: RedisServer,  # noqa: F811
) -> None:
    server = Server(store=redis_server.url, port=free_port())
    server.start(timeout=STARTUP)
    try:
        settings = {"rank": {"voter": "person", "budget": 4, "own_pair_max": 4}}
        created = await create_session(server.base_url, settings=settings)
        code = created["code"]
        host = await Client.open(server.ws_url, code, "host", token=created["host_token"])
        people = [await Client.open(server.ws_url, code, name=f"R{i}") for i in range(4)]
        await host.cmd("phase.start", {"phase": "own"})
        for i, person in enumerate(people):
            await person.cmd("idea.add", {"text": f"idea {i}"})
        await host.cmd("phase.start", {"phase": "pair"})
        await agree_shortlists(people)
        await host.cmd("phase.start", {"phase": "rank"})
        await host.until(lambda v: len(v["ideas"]) == 4)
        ideas = [i["id"] for i in host.view["ideas"]]
        for person in people:
            await person.cmd("vote.set", {"idea_id": ideas[0], "points": 1})
        redis_server.stop()
        during = await people[1].request("vote.set", {"idea_id": ideas[1], "points": 1})
        assert during["type"] == "error" and during["code"] == "unavailable", during
        assert "try again" in during["message"].lower()
        redis_server.start()
        # the same command, retried once Redis is back, goes through
        for _ in range(50):
            retry = await people[1].request("vote.set", {"idea_id": ideas[1], "points": 1})
            if retry["type"] == "ack":
                break
            await asyncio.sleep(0.2)
        assert retry["type"] == "ack"
        for person in people:
            votes = (await person.sync())["me"]["votes"]
            assert votes.get(ideas[0]) == 1
        await host.until(lambda v: v["ideas"][0]["points"] == 4)
        await asyncio.gather(host.close(), *(p.close() for p in people))
    finally:
        server.kill()
