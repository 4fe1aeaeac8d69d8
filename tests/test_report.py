"""The after-event pack, GET /api/sessions/{code}/report.html and report.md, on a real server
played by real WebSocket clients: who may open it, every section and what it holds, hostile
text escaped, nobody named (small organisations merged), the appendix, groups."""

from __future__ import annotations

import asyncio
import csv
import html
import io
import re
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from opera.engine.state import Room
from opera.report import ticket_for, ticket_valid
from support.client import Client, create_session
from support.play import agree_shortlists
from support.server import Server, serve

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> & "quotes"'
SECTIONS = [
    "The focus question",
    "The community",
    "The collective learning",
    "Key themes",
    "Personal reflections and practical steps",
    "Feedback",
    "What the facilitator changed",
]


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with serve("memory://") as running:
        yield running


@dataclass
class Played:
    created: dict[str, Any]
    pids: list[str]  # the participants' ids, which no pack may hold
    names: list[str]


async def played(
    server: Server, extra: str = "", finish: bool = False, **settings: Any
) -> tuple[dict[str, Any], list[Client]]:
    """A session played to Arrange: 4 people from 3 organisations, 2 ideas each, the first
    of each pool shortlisted, votes, one cluster with an owner and an action; `extra` ends
    every board idea's text. With `finish`, a fifth person joins and is removed in the lobby,
    the host adds a minute in Arrange, three people reflect and give feedback, and the
    session is Done."""
    created = await create_session(
        server.base_url,
        question=f"How might we {HOSTILE}?",
        title=f"Day {HOSTILE}",
        settings={"rank": {"voter": "person", "budget": 2}, **settings},
    )
    code, ws = created["code"], server.ws_url
    host = await Client.open(ws, code, "host", token=created["host_token"])
    orgs = ["Health Board", "Council", "council", "Charity"]
    people = [await Client.open(ws, code, name=f"Name{i}", org=orgs[i]) for i in range(4)]
    if finish:
        leaver = await Client.open(ws, code, name="Leaver", org="Council")
        await host.cmd("participant.remove", {"participant_id": leaver.pid})
    await host.cmd("phase.start", {"phase": "own"})
    for i, person in enumerate(people):
        await person.cmd("idea.add", {"text": f"board idea {i} {HOSTILE}{extra}"})
        await person.cmd("idea.add", {"text": f"unshared idea {i}"})
    await host.cmd("phase.start", {"phase": "pair"})
    for person in people:
        await person.until(lambda v: v["me"]["pair"] is not None)
    for person in people:  # each pair shortlists its members' "board idea"s only
        pool = person.me["pair"]["pool"]
        chosen = [idea["id"] for idea in pool if idea["text"].startswith("board idea")]
        await person.cmd("pair.shortlist", {"idea_ids": chosen})
    for person in people:
        await person.until(lambda v: bool(v["me"]["pair"]["shortlist"]))
        await person.cmd("pair.confirm")
    await host.cmd("phase.start", {"phase": "explain"})
    await host.cmd("phase.start", {"phase": "rank"})
    view = await host.until(lambda v: len(v["ideas"]) == 4)
    ideas = [idea["id"] for idea in view["ideas"]]
    for person in people:
        mine = person.me["pair"]["id"]
        theirs = [i["id"] for i in view["ideas"] if i["pair_id"] != mine]
        await person.cmd("vote.set", {"idea_id": theirs[0], "points": 1})
    await host.cmd("rank.reveal")
    await host.cmd("phase.start", {"phase": "arrange"})
    await host.cmd("cluster.create", {"label": f"Cluster {HOSTILE}", "idea_ids": ideas[:2]})
    view = await host.until(lambda v: len(v["clusters"]) == 1)
    args = {"cluster_id": view["clusters"][0]["id"], "owner": f"Owner {HOSTILE}"}
    await host.cmd("cluster.update", {**args, "action": "Pilot it in March"})
    if finish:
        await reflect(host, people)
    for client in (host, *people):
        await client.close()
    return created, people


async def reflect(host: Client, people: list[Client]) -> None:
    """A minute more in Arrange, then Reflect: three of the four answer both prompts and
    score the day 3, 4 and 5; then Done."""
    await host.cmd("timer.add", {"seconds": 60})
    await host.cmd("phase.start", {"phase": "reflect"})
    for i, person in enumerate(people[:3]):
        await person.until(lambda v: v["phase"]["name"] == "reflect")
        await person.cmd("reflection.set", {"prompt": 0, "text": f"key {i} {HOSTILE}"})
        await person.cmd("reflection.set", {"prompt": 1, "text": f"step {i}"})
        await person.cmd("feedback.set", {"score": 3 + i, "text": f"feedback {i}"})
    await host.cmd("phase.start", {"phase": "done"})


@pytest.fixture(scope="module")
def finished(server: Server) -> Played:
    """One session played to Done, shared by the tests that only read its pack."""
    with ThreadPoolExecutor(1) as pool:  # outside any test's event loop
        created, people = pool.submit(asyncio.run, played(server, finish=True)).result()
    return Played(created, [p.pid for p in people], ["Name0", "Name1", "Name2", "Name3"])


def url(server: Server, created: dict[str, Any], tail: str = "") -> str:
    return f"{server.base_url}/api/sessions/{created['code']}/report.html{tail}"


def bearer(created: dict[str, Any]) -> dict[str, str]:
    return {"Authorization": f"Bearer {created['host_token']}"}


def visible_text(page: str) -> str:
    """The page's text as a reader sees it: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def section(page: str, key: str) -> str:
    """One section of the page, by its id, up to the next one."""
    start = page.index(f'<section id="{key}"')
    end = page.find("<section id=", start + 1)
    return page[start : end if end > 0 else None]


def items(part: str) -> list[str]:
    """The texts of a part's plain list items."""
    return [html.unescape(text) for text in re.findall(r"<li>([^<]*)</li>", part)]


async def test_the_report_holds_the_result_and_escapes_every_text(
    server: Server, finished: Played
) -> None:
    created = finished.created
    async with httpx.AsyncClient() as http:
        answer = await http.get(url(server, created), headers=bearer(created))
        export = await http.get(
            f"{server.base_url}/api/sessions/{created['code']}/export.csv", headers=bearer(created)
        )
        style = await http.get(f"{server.base_url}/api/report.css")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/html")
    assert answer.headers["cache-control"] == "no-store"
    page = answer.text
    assert "<script" not in page and "<img" not in page and "onerror=alert(1)>" not in page
    assert html.escape(HOSTILE, quote=True) in page  # shown as text, not run
    text = visible_text(page)
    assert f"Day {HOSTILE}" in text and f"How might we {HOSTILE}?" in text
    assert created["code"] in text
    day = time.gmtime()
    assert time.strftime(f"{day.tm_mday} %B %Y", day) in text  # "1 December 2026"
    facts = dict(re.findall(r"<dt>([^<]+)</dt><dd>([^<]+)</dd>", page))
    assert facts["People"] == "4"
    assert facts["Organisations"] == "3"  # "Council" and "council" are one
    assert facts["Ideas written"] == "8" and facts["Ideas on the board"] == "4"
    # the ranked ideas in the CSV's order, with points, ballots and organisations
    table = list(csv.DictReader(io.StringIO(export.text)))
    ranked = re.findall(
        r'<tr><td class="n">(\d+)</td><td>([^<]*)</td><td class="n">(\d+)</td>'
        r'<td class="n">(\d+)</td><td class="n">(\d+)</td>',
        page,
    )
    assert [html.unescape(r[1]) for r in ranked] == [row["idea"] for row in table]
    assert [(r[0], r[2], r[3], r[4]) for r in ranked] == [
        (row["rank"], row["points"], row["votes"], row["breadth"]) for row in table
    ]  # breadth: organisations backing it, small ones merged (engine/breadth.py)
    assert f"Cluster {HOSTILE}" in text and f"Owner {HOSTILE}" in text
    assert "Pilot it in March" in text
    assert "unshared idea" not in text  # no appendix unless asked
    for name in ("Name0", "Name1", "Name2", "Name3"):
        assert name not in text  # no author anywhere
    assert style.status_code == 200 and "@media print" in style.text and "@page" in style.text
    assert '<link rel="stylesheet" href="/api/report.css">' in page


async def test_the_pack_has_every_section_in_order_and_names_nobody(
    server: Server, finished: Played
) -> None:
    from opera.engine.record import wording

    created = finished.created
    async with httpx.AsyncClient() as http:
        page = (await http.get(url(server, created), headers=bearer(created))).text
        export = f"{server.base_url}/api/sessions/{created['code']}/export.json"
        data = (await http.get(export, headers=bearer(created))).json()
    assert re.findall(r"<h2>([^<]+)</h2>", page) == SECTIONS
    assert "<h1>Day &lt;script&gt;" in page and 'class="question"' in section(page, "question")
    # four people of three organisations, none with 3 or more: all counted as "other"
    community = section(page, "community")
    assert "4 people from 3 organisations took part." in community
    assert "(3 organisations)" in community
    assert re.findall(r"<tr><td>([^<]+)</td><td class=\"n\">(\d+)</td></tr>", community) == [
        ("Other organisations", "4")
    ]
    for org in ("Health Board", "Council", "Charity"):
        assert org not in page
    # the collective learning: a chart of points with a dot per backing organisation
    learning = section(page, "learning")
    chart = learning[learning.index("<svg") : learning.index("</svg>")]
    top = max(data["ideas"], key=lambda idea: (idea["points"], -idea["rank"]))
    assert chart.count("<circle") == sum(idea["breadth"] for idea in data["ideas"]) > 0
    assert f">{top['points']}</text>" in chart
    # the themes with owner, action and their ideas' support
    themes = visible_text(section(page, "themes"))
    assert f"Owner Owner {HOSTILE}" in " ".join(themes.split())
    assert "Pilot it in March" in themes
    support = re.findall(r"\(rank (\d+), (\d+) points?, backed by (\d+) organisations?\)", themes)
    clustered = [idea for idea in data["ideas"] if idea["cluster"] is not None]
    assert sorted(support) == sorted(
        (str(idea["rank"]), str(idea["points"]), str(idea["breadth"])) for idea in clustered
    )
    # reflections per prompt, in the export's shuffled order; feedback averaged
    reflections = section(page, "reflections")
    answers = re.findall(r'<ul class="answers">(.*?)</ul>', reflections)
    assert [items(part) for part in answers] == [r["texts"] for r in data["reflections"]]
    assert sorted(data["reflections"][0]["texts"]) == [f"key {i} {HOSTILE}" for i in range(3)]
    feedback = section(page, "feedback")
    assert "Average score 4 out of 5, from 3 people" in feedback
    assert sorted(items(feedback)) == ["feedback 0", "feedback 1", "feedback 2"]
    assert feedback.count("<rect") == 1 + 3  # the labels' clip, and a bar per score given
    # the record, worded as everyone may read it, in order with its time
    record = re.findall(r'<li><span class="at">(\d\d:\d\d)</span> ([^<]+)</li>', page)
    assert [html.unescape(sentence) for _, sentence in record] == [
        wording(entry) for entry in data["record"]
    ]
    sentences = [sentence for _, sentence in record]
    for expected in ("A participant was removed", "The totals were revealed", "Reflect started"):
        assert expected in sentences
    # nobody named, no participant's id, no token anywhere
    for secret in [*finished.names, "Leaver", *finished.pids, created["host_token"]]:
        assert secret not in page
    for svg in re.findall(r"<svg.*?</svg>", page):
        assert "href" not in svg and "<script" not in svg and "style=" not in svg
        assert 'viewBox="0 0 680 ' in svg and 'role="img" aria-label="Chart: ' in svg


async def test_the_json_export_holds_the_record_and_the_reflections(
    server: Server, finished: Played
) -> None:
    created = finished.created
    async with httpx.AsyncClient() as http:
        export = f"{server.base_url}/api/sessions/{created['code']}/export.json"
        answer = await http.get(export, headers=bearer(created))
    data = answer.json()
    kinds = [entry["kind"] for entry in data["record"]]
    assert kinds[0] == "participant.remove" and "rank.reveal" in kinds and "timer.add" in kinds
    assert [entry["phase"] for entry in data["record"] if entry["kind"] == "phase.start"] == [
        "own",
        "pair",
        "explain",
        "rank",
        "arrange",
        "reflect",
        "done",
    ]
    times = [entry["at"] for entry in data["record"]]
    assert times == sorted(times) and all(isinstance(at, float) for at in times)
    assert [item["prompt"] for item in data["reflections"]] == data["session"]["settings"][
        "reflect"
    ]["prompts"]
    for secret in [*finished.names, "Leaver", *finished.pids]:
        assert secret not in answer.text


async def test_report_md_is_the_same_pack_in_markdown(server: Server, finished: Played) -> None:
    created = finished.created
    md_url = f"{server.base_url}/api/sessions/{created['code']}/report.md"
    async with httpx.AsyncClient() as http:
        answer = await http.get(md_url, headers=bearer(created))
        page = (await http.get(url(server, created), headers=bearer(created))).text
        bare = await http.get(md_url)
        link = await http.post(md_url.replace("report.md", "report-link"), headers=bearer(created))
        by_ticket = await http.get(link.json()["url"].replace("/report.html?", "/report.md?"))
        full = await http.get(md_url + "?appendix=1", headers=bearer(created))
    assert answer.status_code == 200 and bare.status_code == 401
    assert answer.headers["content-type"].startswith("text/markdown")
    assert answer.headers["cache-control"] == "no-store"
    assert by_ticket.status_code == 200 and by_ticket.text == answer.text
    text = answer.text
    assert re.findall(r"^## (.+)$", text, re.MULTILINE) == SECTIONS
    assert text.startswith("# Day \\<script\\>")  # Markdown's marks escaped
    assert "| Other organisations | 4 |" in text and "4 people from 3 organisations" in text
    assert "Average score 4 out of 5, from 3 people" in text
    assert "| 5 | 1 |" in text and "| 1 | 0 |" in text  # the feedback spread
    assert "- step 0" in text and "- feedback 2" in text
    record = re.findall(r"<li><span class=\"at\">(\d\d:\d\d)</span> ([^<]+)</li>", page)
    for at, sentence in record:
        assert f"1. {at} {html.unescape(sentence)}" in text
    rows = re.findall(r'<tr><td class="n">(\d+)</td><td>([^<]*)</td>', section(page, "learning"))
    md_rows = re.findall(r"^\| (\d+) \| (.+?) \| \d+ \| \d+ \| \d+ \|", text, re.MULTILINE)
    assert [r[0] for r in md_rows] == [r[0] for r in rows]
    for secret in [*finished.names, "Leaver", *finished.pids, "Council", "Charity"]:
        assert secret not in text
    assert "unshared idea" not in text
    appendix = full.text[full.text.index("## Appendix: ideas that did not reach the board") :]
    assert sorted(re.findall(r"^- (unshared idea \d)$", appendix, re.MULTILINE)) == [
        f"unshared idea {i}" for i in range(4)
    ]


def test_small_organisations_are_merged_and_never_named() -> None:
    """Organisations of 3 or more are listed, largest first; the rest (and people naming
    none) are one "Other organisations" row, in the page and in the Markdown."""
    from engine.scenario import Session
    from opera.report import markdown, render

    s = Session()
    orgs = ["Big Council"] * 4 + ["Health Board"] * 3 + ["Tiny Trust"] * 2 + ["Solo", None]
    s.people(len(orgs), orgs)
    page, text = render(s.room, appendix=False), markdown(s.room, appendix=False)
    community = section(page, "community")
    rows = re.findall(r'<tr><td>([^<]+)</td><td class="n">(\d+)</td></tr>', community)
    assert rows == [("Big Council", "4"), ("Health Board", "3"), ("Other organisations", "4")]
    assert "11 people from 4 organisations took part." in community
    assert "(2 organisations and 1 person naming none)" in community
    assert "| Big Council | 4 |\n| Health Board | 3 |\n| Other organisations | 4 |" in text
    for name in ("Tiny Trust", "Solo"):
        assert name not in page and name not in text
    # before Done the reflections and feedback are not in yet, and say so
    assert "once the session is finished" in section(page, "reflections")
    assert "once the session is finished" in section(page, "feedback")


def test_the_pack_says_what_the_ranking_puts_first() -> None:
    from engine.scenario import Session
    from opera.report import markdown, render

    for order, words in (("points", "ranked by the points"), ("breadth", "ranked by the breadth")):
        s = Session({"rank": {"order": order}})
        s.people(4, ["A", "B"])
        s.write_ideas(["p0", "p1", "p2", "p3"], each=1)
        s.phase("pair")
        s.confirm_all(size=1)
        s.phase("rank")
        learning = section(render(s.room, appendix=False), "learning")
        assert f"The ideas on the board, {words}" in learning, order
        assert f"The ideas on the board, {words}" in markdown(s.room, appendix=False), order


def test_before_a_plenary_vote_the_pack_has_each_group_and_says_so() -> None:
    from engine.scenario import Session
    from opera.report import markdown, render

    s = Session({"groups": {"size": 4}})
    pids = s.people(8, ["A", "B", "C"])
    s.host("groups.form")
    s.write_ideas(pids, each=1)
    s.phase("pair")
    s.confirm_all(size=1)
    s.phase("rank")
    page, text = render(s.room, appendix=False), markdown(s.room, appendix=False)
    said = "No plenary vote has taken place: each group's own ranking follows, a page each."
    assert html.escape(said, quote=True) in section(page, "learning") and said in text
    assert "<table" not in section(page, "learning")
    for group in s.room.groups:
        ranked = section(page, f"group-{group.id}")
        assert ranked.count("<tr>") == 1 + len(group.pairs)  # a shortlisted idea a pair
        assert f"## {group.label}\n" in text


async def test_the_appendix_lists_the_other_ideas_shuffled_without_authors(server: Server) -> None:
    created, _ = await played(server)
    async with httpx.AsyncClient() as http:
        answer = await http.get(url(server, created, "?appendix=1"), headers=bearer(created))
    assert answer.status_code == 200
    appendix = answer.text[answer.text.index('<section id="appendix"') :]
    items = [html.unescape(t) for t in re.findall(r"<li>([^<]*)</li>", appendix)]
    assert sorted(items) == [f"unshared idea {i}" for i in range(4)]
    assert "Pair " not in appendix and "Name" not in appendix


def test_the_appendix_order_is_not_the_writing_order() -> None:
    """Shuffled: over a few renders of 30 ideas the order changes (it never follows who wrote
    when); rendered on the engine's room to read the order cheaply."""
    from engine.scenario import Session
    from opera.report import render

    s = Session()
    pids = s.people(3)
    s.write_ideas(pids, each=10)
    orders = set()
    for _ in range(5):
        page = render(s.room, appendix=True)
        appendix = page[page.index('<section id="appendix"') :]
        orders.add(tuple(re.findall(r"<li>([^<]*)</li>", appendix)))
    written = tuple(s.room.ideas[i].text for i in s.room.ideas)
    assert len(orders) > 1 and all(sorted(o) == sorted(written) for o in orders)


async def test_who_may_open_the_report(server: Server) -> None:
    created, _ = await played(server)
    other = await create_session(server.base_url)
    async with httpx.AsyncClient() as http:
        bare = await http.get(url(server, created))
        wrong = await http.get(url(server, created), headers=bearer(other))
        unknown = await http.get(f"{server.base_url}/api/sessions/AAAAAAA/report.html")
        bad = await http.get(url(server, created, "?appendix=yes"), headers=bearer(created))
        token_in_query = await http.get(url(server, created, f"?token={created['host_token']}"))
    assert bare.status_code == 401 and wrong.status_code == 403
    assert unknown.status_code == 404 and bad.status_code == 422
    assert token_in_query.status_code == 401  # the host token never travels in a URL
    for answer in (bare, wrong, unknown, bad):
        assert "board idea" not in answer.text


async def test_a_report_link_opens_without_a_header_for_its_own_choice_only(
    server: Server,
) -> None:
    created, _ = await played(server)
    link_url = f"{server.base_url}/api/sessions/{created['code']}/report-link"
    async with httpx.AsyncClient() as http:
        assert (await http.post(link_url)).status_code == 401
        plain = (await http.post(link_url, headers=bearer(created))).json()
        full = (await http.post(link_url + "?appendix=1", headers=bearer(created))).json()
        assert plain["expires_at"] > time.time() + 200
        opened = await http.get(plain["url"])
        with_appendix = await http.get(full["url"])
        forged = await http.get(plain["url"] + "&appendix=1")  # the ticket says: no appendix
        other = await create_session(server.base_url)
        elsewhere = plain["url"].replace(created["code"], other["code"])
        moved = await http.get(elsewhere)
        tampered = await http.get(re.sub(r"ticket=(\d+)\.", r"ticket=\g<1>9.", plain["url"]))
    assert plain["url"].startswith(url(server, created, "?ticket="))
    assert opened.status_code == 200 and "unshared idea" not in opened.text
    assert with_appendix.status_code == 200 and "unshared idea 0" in with_appendix.text
    assert opened.headers["cache-control"] == "no-store"
    assert forged.status_code == 403 and moved.status_code == 403 and tampered.status_code == 403
    assert "expired" in forged.json()["error"]["message"]


def test_a_ticket_expires() -> None:
    room = Room(
        code="ROOM123", title="", question="q", settings={}, host_key="k" * 64, created_at=0
    )
    ticket, expires = ticket_for(room, False, 1000.0)
    assert ticket_valid(room, ticket, False, expires)
    assert not ticket_valid(room, ticket, False, expires + 1)
    assert not ticket_valid(room, ticket, True, 1000.0)
    assert not ticket_valid(room, "", False, 1000.0)
    other = Room(
        code="ROOM123", title="", question="q", settings={}, host_key="j" * 64, created_at=0
    )
    assert not ticket_valid(other, ticket, False, 1000.0)  # signed with this room's host key


async def breakout(server: Server) -> tuple[dict[str, Any], dict[str, Any]]:
    """support.play's breakout event (14 people of 3 organisations in 3 groups) played to the
    revealed plenary, where one person gave a point to the first plenary idea (of another
    group than theirs). The session and that idea."""
    from support.play import EVENT, Event

    created = await create_session(server.base_url, settings=EVENT)
    event = await Event.open(created, [server.ws_url])
    await event.form()
    await event.own()
    await event.host.cmd("phase.start", {"phase": "pair"})
    await agree_shortlists(event.people, size=2)
    await event.explain()
    await event.rank()
    await event.host.cmd("rank.reveal")
    await event.host.cmd("phase.start", {"phase": "plenary"})
    view = await event.host.until(lambda v: v["phase"]["name"] == "plenary")
    first: dict[str, Any] = view["ideas"][0]
    voter = next(p for p in event.people if p.me["group"]["id"] != first["group_id"])
    await voter.until(lambda v: v["phase"]["name"] == "plenary" and v["me"]["votes_left"])
    await voter.cmd("vote.set", {"idea_id": first["id"], "points": 1})
    await event.host.cmd("rank.reveal")
    for client in (event.host, event.board, *event.people):
        await client.close()
    return created, first


async def test_with_groups_the_plenary_comes_first_then_each_group(server: Server) -> None:
    from support.play import ORGS

    created, first = await breakout(server)
    async with httpx.AsyncClient() as http:
        answer = await http.get(url(server, created), headers=bearer(created))
    page = answer.text
    headings = re.findall(r"<h2>([^<]+)</h2>", page)
    groups = ["Group 1", "Group 2", "Group 3"]
    assert headings == [*SECTIONS[:3], *groups, *SECTIONS[3:]]  # a page per group
    plenary = section(page, "learning")
    assert html.escape(first["text"]) in plenary and "plenary" in plenary
    assert plenary.count("<tr>") == 1 + 2 * 3  # the head, then each group's top 2
    async with httpx.AsyncClient() as http:
        export = f"{server.base_url}/api/sessions/{created['code']}/export.json"
        data = (await http.get(export, headers=bearer(created))).json()
    backing = re.findall(
        r'<td class="n">(\d+)</td><td class="n">(\d+)</td><td>[^<]*</td></tr>', plenary
    )  # organisations, then groups, for each plenary idea
    voted = [idea for idea in data["ideas"] if idea["plenary_rank"] is not None]
    assert backing == [(str(i["breadth"]), str(i["breadth_groups"])) for i in voted]
    assert backing[0] == ("1", "1")  # one voter: their organisation, their group
    sizes = [
        re.search(r"<p>(\d+) people from (\d+) organisations", section(page, f"group-g{n}"))
        for n in (1, 2, 3)
    ]
    assert [(m[1], m[2]) if m else None for m in sizes] == [("5", "3"), ("5", "3"), ("4", "3")]
    for n in (1, 2, 3):
        ranked = section(page, f"group-g{n}")
        assert ranked.count('<td class="n">1</td>') >= 1  # each group's own ranking
        assert "<svg" in ranked
        # 4 or 5 of each organisation in the room, 1 or 2 in a group: named only above
        assert "none with 3 or more people here." in ranked
        assert not any(org in ranked for org in ORGS)
    community = section(page, "community")
    assert all(f"<tr><td>{org}</td>" in community for org in ORGS)
    facts = dict(re.findall(r"<dt>([^<]+)</dt><dd>([^<]+)</dd>", page))
    assert facts["Groups"] == "3" and facts["People"] == "14"


# -- in the host's language (?lang=, else the browser's Accept-Language) -------------------


def headings(page: str) -> list[str]:
    return [html.unescape(h) for h in re.findall(r"<h2>([^<]*)</h2>", page)]


async def test_the_report_in_finnish_is_finnish_for_the_reader(
    server: Server, finished: Played
) -> None:
    from opera import lang

    fi = lang.table("fi")
    created = finished.created
    async with httpx.AsyncClient() as http:
        answer = await http.get(url(server, created, "?lang=fi"), headers=bearer(created))
        md = await http.get(
            url(server, created, "?lang=fi").replace(".html", ".md"), headers=bearer(created)
        )
    page = answer.text
    assert answer.status_code == 200 and answer.headers["content-language"] == "fi"
    assert '<html lang="fi">' in page
    keys = ["question", "community", "learning", "themes", "reflections", "feedback", "record"]
    assert headings(page) == [fi[f"h_{key}"] for key in keys]
    assert not set(SECTIONS) & set(headings(page))
    text = visible_text(page)
    day = time.gmtime()
    assert f"{day.tm_mday}. {fi['month_12' if day.tm_mon == 12 else f'month_{day.tm_mon}']}" in text
    assert "4 henkilöä" in text  # "4 people", counted the Finnish way
    assert "Average score" not in text and "took part" not in text
    assert re.findall(r"^## (.+)$", md.text, re.MULTILINE) == headings(page)
    assert re.search(r"^1\. \d\d\.\d\d ", md.text, re.MULTILINE)  # times as 14.05


async def test_the_french_pack_spaces_its_colons(server: Server, finished: Played) -> None:
    created = finished.created
    async with httpx.AsyncClient() as http:
        md = await http.get(
            url(server, created, "?lang=fr").replace(".html", ".md"), headers=bearer(created)
        )
    facts = [line for line in md.text.splitlines() if line.startswith("- ") and ":" in line]
    assert facts and all("\u00a0:" in line for line in facts), facts[:3]


async def test_the_browser_language_chooses_when_the_link_does_not(
    server: Server, finished: Played
) -> None:
    created = finished.created
    german = {**bearer(created), "Accept-Language": "nl, de-DE;q=0.9, en;q=0.5"}
    async with httpx.AsyncClient() as http:
        answer = await http.get(url(server, created), headers=german)
        unknown = await http.get(url(server, created, "?lang=xx"), headers=bearer(created))
        link_url = f"{server.base_url}/api/sessions/{created['code']}/report-link?lang=de"
        link = (await http.post(link_url, headers=bearer(created))).json()["url"]
        opened = await http.get(link)  # a page opened from a link sends no header of ours
    assert '<html lang="de">' in answer.text and "Wer dabei war" in answer.text
    assert '<html lang="en">' in unknown.text and "The community" in unknown.text
    assert "lang=de" in link and '<html lang="de">' in opened.text


async def test_the_csv_headers_stay_fixed_in_every_language(
    server: Server, finished: Played
) -> None:
    from opera.engine.export import COLUMNS

    created = finished.created
    export = f"{server.base_url}/api/sessions/{created['code']}/export"
    async with httpx.AsyncClient() as http:
        english = (await http.get(f"{export}.csv", headers=bearer(created))).text
        finnish = (await http.get(f"{export}.csv?lang=fi", headers=bearer(created))).text
        markdown = (await http.get(f"{export}.md?lang=de", headers=bearer(created))).text
        data = (await http.get(f"{export}.json?lang=fi", headers=bearer(created))).json()
    assert finnish.splitlines()[0] == english.splitlines()[0] == ",".join(COLUMNS)
    fi_rows = list(csv.DictReader(io.StringIO(finnish)))
    en_rows = list(csv.DictReader(io.StringIO(english)))
    assert [row["pair"] for row in fi_rows] == [
        row["pair"].replace("Pair ", "Pari ") for row in en_rows
    ]
    assert all(row["pair"].startswith("Pari ") for row in fi_rows)
    assert [row["status"] for row in fi_rows] == [row["status"] for row in en_rows]  # values
    assert all(idea["pair"].startswith("Pari ") for idea in data["ideas"])
    assert "**Leitfrage:**" in markdown and "| Platz | Idee |" in markdown
