"""GET /api/sessions/{code}/clusters/suggest on a real server, with a session played over
real WebSockets to Explain and Arrange, and the suggestion accepted with `cluster.create`."""

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from support.client import Client, create_session
from support.play import agree_shortlists
from support.server import Server

from bench.suggest_ideas import ENGLISH

THEMES = ["transport", "workforce", "carers", "housing", "discharge", "loneliness"]
PEOPLE = 6
PER_PERSON = 4


@dataclass
class Room:
    server: Server
    code: str
    token: str
    host: Client
    people: list[Client]

    def url(self, code: str | None = None) -> str:
        return f"{self.server.base_url}/api/sessions/{code or self.code}/clusters/suggest"

    async def get(self, token: str | None = None, **params: Any) -> httpx.Response:
        headers = {"Authorization": f"Bearer {token or self.token}"}
        # The first suggestion of a server also imports numpy and the word lists: seconds
        # on a loaded machine, more than httpx's default 5 s wait.
        async with httpx.AsyncClient(timeout=60) as http:
            return await http.get(self.url(), headers=headers, params=params)

    def board(self) -> set[str]:
        return {idea["id"] for idea in self.host.view["ideas"] if not idea.get("hidden")}


def texts() -> list[str]:
    """Four ideas from each of six themes, dealt so each person writes on several themes."""
    return [ENGLISH[THEMES[at % 6]][at // 6] for at in range(PEOPLE * PER_PERSON)]


def error_code(answer: httpx.Response) -> str:
    code: str = answer.json()["error"]["code"]
    return code


@pytest.fixture
async def room(server: Server) -> AsyncIterator[Room]:
    settings = {"pair": {"shortlist_max": 20}}
    created = await create_session(server.base_url, settings=settings)
    code, token = created["code"], created["host_token"]
    host = await Client.open(server.ws_url, code, "host", token=token)
    people = [await Client.open(server.ws_url, code, name=f"P{i}") for i in range(PEOPLE)]
    yield Room(server, code, token, host, people)
    for client in [host, *people]:
        await client.close()


async def play_to_explain(room: Room) -> None:
    """Own, Pair (every idea on the shortlist), Explain; before Explain the answer is 409."""
    await assert_wrong_phase(room)
    await room.host.cmd("phase.start", {"phase": "own"})
    for at, text in enumerate(texts()):
        await room.people[at % PEOPLE].cmd("idea.add", {"text": text})
    await assert_wrong_phase(room)
    await room.host.cmd("phase.start", {"phase": "pair"})
    await agree_shortlists(room.people)
    await assert_wrong_phase(room)
    await room.host.cmd("phase.start", {"phase": "explain"})
    await room.host.until(lambda v: len(v["ideas"]) == PEOPLE * PER_PERSON, 15)


async def assert_wrong_phase(room: Room) -> None:
    answer = await room.get()
    assert answer.status_code == 409, answer.text
    assert error_code(answer) == "wrong_phase"
    assert answer.json()["error"]["message"]


async def test_only_the_host_gets_suggestions(room: Room) -> None:
    await play_to_explain(room)
    async with httpx.AsyncClient() as http:
        bare = await http.get(room.url())
        unknown = await http.get(room.url("3333333"), headers={"Authorization": "Bearer x"})
    assert (bare.status_code, error_code(bare)) == (401, "unauthorized")
    assert unknown.status_code == 404
    wrong = await room.get(token="not-the-host-token")
    assert (wrong.status_code, error_code(wrong)) == (403, "forbidden")
    participant = await room.get(token=room.people[0].token)
    assert participant.status_code == 403
    assert room.people[0].token and "idea" not in participant.text


@pytest.mark.parametrize(
    "params",
    [{"k": "0"}, {"k": "abc"}, {"k": "201"}, {"k": "-1"}, {"k": "2.5"}, {"lang": "xx"}, {"n": "3"}],
)
async def test_bad_parameters_get_422(room: Room, params: dict[str, str]) -> None:
    # Checked before the phase: a bad request says so in any phase.
    answer = await room.get(**params)
    assert answer.status_code == 422, answer.text
    assert error_code(answer) == "bad_request"


async def test_the_board_is_suggested_stably_and_accepted_with_cluster_create(room: Room) -> None:
    await play_to_explain(room)
    answer = await room.get()
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert set(body) == {"clusters", "method"}
    assert "TF-IDF" in body["method"] and "language en" in body["method"]
    placed = [idea_id for cluster in body["clusters"] for idea_id in cluster["idea_ids"]]
    assert len(placed) == len(set(placed))
    assert set(placed) <= room.board()
    assert len(body["clusters"]) >= 2
    text = {idea["id"]: idea["text"].casefold() for idea in room.host.view["ideas"]}
    for cluster in body["clusters"]:
        assert len(cluster["idea_ids"]) >= 2
        first_word = cluster["label"].split(",")[0].split()[0].casefold()
        assert any(first_word in text[idea_id] for idea_id in cluster["idea_ids"]), cluster
    assert (await room.get()).json() == body  # the same board, the same answer

    await room.host.cmd("phase.start", {"phase": "rank"})
    await room.host.cmd("phase.start", {"phase": "arrange"})
    assert (await room.get()).json() == body  # votes and phases do not move it
    for cluster in body["clusters"]:
        args = {"label": cluster["label"], "idea_ids": cluster["idea_ids"]}
        await room.host.cmd("cluster.create", args)
    view = await room.host.until(lambda v: len(v["clusters"]) == len(body["clusters"]), 15)
    made = {c["label"]: sorted(c["idea_ids"]) for c in view["clusters"]}
    assert made == {c["label"]: sorted(c["idea_ids"]) for c in body["clusters"]}


async def test_k_and_hidden_ideas(room: Room) -> None:
    await play_to_explain(room)
    three = (await room.get(k="3")).json()["clusters"]
    assert len(three) == 3
    assert sorted(i for c in three for i in c["idea_ids"]) == sorted(room.board())
    hidden = sorted(room.board())[0]
    await room.host.cmd("idea.hide", {"idea_id": hidden})
    await room.host.until(lambda v: hidden not in {i["id"] for i in v["ideas"] if not i["hidden"]})
    after = (await room.get(k="3", lang="en")).json()["clusters"]
    assert sorted(i for c in after for i in c["idea_ids"]) == sorted(room.board())
    assert hidden not in {i for c in after for i in c["idea_ids"]}


async def test_many_at_once_are_all_answered(room: Room) -> None:
    await play_to_explain(room)
    answers = await asyncio.gather(*(room.get(k=str(k)) for k in range(1, 9)))
    for k, answer in enumerate(answers, start=1):
        assert answer.status_code == 200, answer.text
        clusters = answer.json()["clusters"]
        assert len(clusters) == k
        assert sorted(i for c in clusters for i in c["idea_ids"]) == sorted(room.board())
