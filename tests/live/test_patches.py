"""Patches a client applies add up to the view a fresh `sync` gives; resume; retries."""

import asyncio

from support.client import Client, create_session
from support.play import agree_shortlists, views_match_sync
from support.server import Server, serve


async def play_until_rank(server: Server) -> tuple[Client, Client, list[Client], str]:
    created = await create_session(server.base_url)
    code = created["code"]
    host = await Client.open(server.ws_url, code, "host", token=created["host_token"])
    board = await Client.open(server.ws_url, code, "board")
    people = [
        await Client.open(server.ws_url, code, name=f"P{i}", org=f"O{i % 2}") for i in range(5)
    ]
    await host.cmd("phase.start", {"phase": "own"})
    await asyncio.gather(
        *(p.cmd("idea.add", {"text": f"idea of {i}"}) for i, p in enumerate(people))
    )
    await host.cmd("phase.start", {"phase": "pair"})
    await agree_shortlists(people)
    await host.cmd("phase.start", {"phase": "rank"})
    await board.until(lambda v: len(v["ideas"]) == 5)
    return host, board, people, code


async def test_patched_views_equal_a_fresh_sync_for_every_role(server: Server) -> None:
    host, board, people, _ = await play_until_rank(server)
    ideas = [i["id"] for i in board.view["ideas"]]
    for person in people:
        await person.request("vote.set", {"idea_id": ideas[0], "points": 1})
    await host.cmd("rank.reveal")
    await host.cmd("phase.start", {"phase": "arrange"})
    await host.cmd("cluster.create", {"label": "First", "idea_ids": ideas[:2]})
    await host.cmd("idea.hide", {"idea_id": ideas[-1]})
    await views_match_sync([host, board, *people])  # once the room was quiet for a second
    await asyncio.gather(*(c.close() for c in [host, board, *people]))


async def test_a_dropped_connection_resumes_as_the_same_participant(server: Server) -> None:
    created = await create_session(server.base_url)
    code = created["code"]
    host = await Client.open(server.ws_url, code, "host", token=created["host_token"])
    alice = await Client.open(server.ws_url, code, name="Alice", org="Council")
    await host.cmd("phase.start", {"phase": "own"})
    await alice.cmd("idea.add", {"text": "open data"})
    await host.until(lambda v: v["participants"]["online"] == 1)
    alice.ws.transport.abort()
    await host.until(lambda v: v["participants"]["online"] == 0)
    again = await Client.open(server.ws_url, code, token=alice.token)
    assert again.welcome["you"] == {"id": alice.pid, "token": alice.token, "name": "Alice"}
    assert [i["text"] for i in again.me["ideas"]] == ["open data"]
    await host.until(
        lambda v: v["participants"] == {"total": 1, "online": 1, "list": v["participants"]["list"]}
    )
    await asyncio.gather(host.close(), again.close())


async def test_a_retried_command_id_is_applied_once(server: Server) -> None:
    created = await create_session(server.base_url)
    code = created["code"]
    host = await Client.open(server.ws_url, code, "host", token=created["host_token"])
    bob = await Client.open(server.ws_url, code, name="Bob")
    carol = await Client.open(server.ws_url, code, name="Carol")
    await host.cmd("phase.start", {"phase": "own"})
    first = await bob.request("idea.add", {"text": "one idea"}, cmd_id="retry-1")
    second = await bob.request("idea.add", {"text": "one idea"}, cmd_id="retry-1")
    assert first["type"] == second["type"] == "ack"
    assert first["seq"] == second["seq"]
    await bob.close()
    # after a reconnect, from a new connection of the same participant
    again = await Client.open(server.ws_url, code, token=bob.token)
    third = await again.request("idea.add", {"text": "one idea"}, cmd_id="retry-1")
    assert third == first
    assert [i["text"] for i in (await again.sync())["me"]["ideas"]] == ["one idea"]
    # the same id from another sender is a different command
    other = await carol.request("idea.add", {"text": "carol's"}, cmd_id="retry-1")
    assert other["type"] == "ack" and other["seq"] != first["seq"]
    await asyncio.gather(host.close(), again.close(), carol.close())


async def test_a_hosts_state_is_labelled_with_the_seq_of_what_it_holds() -> None:
    # A long push interval keeps a participant's join waiting for its push while a host
    # connects (the host's own commands are pushed at once: the next test).
    with serve("memory://", env={"OPERA_PUSH_INTERVAL": "3"}) as srv:
        created = await create_session(srv.base_url)
        code, token = created["code"], created["host_token"]
        host = await Client.open(srv.ws_url, code, "host", token=token)
        seq = await host.cmd("session.configure", {"title": "First"})
        ada = await Client.open(srv.ws_url, code, name="Ada")
        late = await Client.open(srv.ws_url, code, "host", token=token)
        assert late.view["session"]["title"] == "First"
        assert late.view["participants"]["total"] == 1
        assert late.seq >= seq + 1
        await asyncio.gather(host.close(), late.close(), ada.close())


async def test_the_hosts_actions_are_pushed_at_once_and_the_rest_at_the_interval() -> None:
    """Everyone looks at the screen when the host starts a phase or spotlights a pair: such a
    change goes out at once, not at the room's next push (OPERA_PUSH_INTERVAL), while a
    participant's change made just after a push waits for the interval, coalesced."""
    with serve("memory://", env={"OPERA_PUSH_INTERVAL": "3"}) as srv:
        created = await create_session(srv.base_url)
        code = created["code"]
        host = await Client.open(srv.ws_url, code, "host", token=created["host_token"])
        ada = await Client.open(srv.ws_url, code, name="Ada")
        bob = await Client.open(srv.ws_url, code, name="Bob")
        await host.cmd("phase.start", {"phase": "own"})
        started = asyncio.get_running_loop().time()
        await bob.until(lambda v: v["phase"]["name"] == "own", timeout=2)
        await ada.cmd("idea.add", {"text": "an idea"})  # just after a push: it waits
        await host.cmd("notice.set", {"text": "Five minutes left"})  # pushed at once
        await bob.until(lambda v: v["session"]["notice"] is not None, timeout=2)
        assert asyncio.get_running_loop().time() - started < 2
        assert bob.view["progress"]["done"] == 1  # folded before the notice: in its push
        await asyncio.gather(host.close(), ada.close(), bob.close())
