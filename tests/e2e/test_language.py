"""The pages in other languages, in real Chromium against the real server.

The whole phone flow in German (the browser's language, de-AT) and in Finnish (?lang=fi),
driven only by the accessible names and texts of that language's tables: join, Own (add,
edit), Pair (tick, confirm), Explain, Rank (a vote, the own-pair cap refused in that
language's words), Arrange, Done and the record, axe-clean in every phase with <html lang>
set. One room then runs with the board in Welsh and five phones in the five other
languages. The other people and the host are WebSocket clients (fast, and the same server).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from support.client import Client
from support.play import agree_shortlists
from support.server import Server
from web.tables import say

from e2e.helpers import LAPTOP, PHONE, PROJECTOR, Devices, Loop, Room, axe_problems, shot
from e2e.test_groups_keyboard import weight

pytestmark = pytest.mark.e2e

SETTINGS = {"rank": {"voter": "person", "budget": 2, "own_pair_max": 1}}
OTHERS = [("Mikko", "Kirjasto"), ("Anna", "Kunta"), ("Lena", "Kunta")]
IDEAS = {
    "de": ["Sonntags geöffnet", "Ein Lernraum am Abend"],
    "fi": ["Auki sunnuntaisin", "Iltaisin opiskelutila"],
}
EDITED = {"de": "Ein Lernraum bis 22 Uhr", "fi": "Opiskelutila klo 22 asti"}
THEIRS = {  # the other three people's ideas, one each
    "de": ["Mehr Steckdosen an den Tischen", "Eine Ecke für Kinder", "Kaffee im Foyer"],
    "fi": ["Lisää pistorasioita pöytiin", "Lastennurkkaus", "Kahvia aulaan"],
}
QUESTION = {
    "de": "Wie kann die Bibliothek länger offen bleiben?",
    "fi": "Miten kirjasto voisi olla auki pidempään?",
}


def in_language(pg: Page, code: str) -> None:
    expect(pg.locator("html")).to_have_attribute("lang", code)


def phase_is(pg: Page, code: str, phase: str) -> None:
    expect(pg.locator(".phase-pill").first).to_have_text(say(code, f"phase_{phase}"))


def join(pg: Page, code: str, name: str, org: str) -> None:
    """The join form by its labels in `code`."""
    pg.get_by_role("textbox", name=say(code, "your_name")).fill(name)
    pg.get_by_role("textbox", name=say(code, "organisation")).fill(org)
    pg.get_by_role("button", name=say(code, "join"), exact=True).click()
    expect(pg.get_by_text(say(code, "joined_as", name=name))).to_be_visible()


def own(pg: Page, code: str) -> None:
    """Own: two ideas added and one edited, by the names the language gives the controls."""
    for text in IDEAS[code]:
        pg.get_by_role("textbox", name=say(code, "your_idea")).fill(text)
        pg.get_by_role("button", name=say(code, "add_idea")).click()
        expect(pg.locator("#main .card-text", has_text=text)).to_have_count(1)
    pg.get_by_role("button", name=say(code, "edit_idea", text=IDEAS[code][1])).click()
    pg.get_by_role("textbox", name=say(code, "edit_text")).fill(EDITED[code])
    pg.get_by_role("button", name=say(code, "save")).click()
    expect(pg.locator("#main .card-text", has_text=EDITED[code])).to_have_count(1)


def pair(pg: Page, code: str, loop: Loop, mate: Client, rest: list[Client]) -> None:
    """Pair: the partner named, every pool idea ticked, confirmed on both sides."""
    expect(pg.locator(".partner")).to_contain_text(mate.me["name"])
    # the server's "Pair 2" in this language's words
    label = re.escape(say(code, "pair_n", n=99)).replace("99", r"\d+")
    expect(pg.locator(".pair-label")).to_have_text(re.compile(f"{label}$"))
    pool = [
        IDEAS[code][0],
        EDITED[code],
        THEIRS[code][OTHERS.index((mate.me["name"], mate.me["org"]))],
    ]
    for text in pool:
        box = pg.get_by_role("checkbox", name=text)
        box.check()
        expect(box).to_be_checked()
    pg.get_by_role("button", name=say(code, "confirm_shortlist")).click()
    expect(pg.get_by_text(say(code, "you_confirmed"))).to_be_visible()
    loop.run(mate.until(lambda v: len(v["me"]["pair"]["shortlist"]) == len(pool)))
    loop.run(mate.cmd("pair.confirm"))
    expect(pg.get_by_text(say(code, "pair_confirmed"))).to_be_visible()
    loop.run(agree_shortlists(rest))


def rank(pg: Page, code: str, theirs: str) -> None:
    """Rank: one vote for an own idea, the second refused in this language, one elsewhere."""
    expect(pg.get_by_text(say(code, "votes_left", n=2))).to_be_visible()
    expect(pg.get_by_text(say(code, "rank_rule_person", n=1))).to_be_visible()
    pg.get_by_role("button", name=say(code, "vote_for", text=IDEAS[code][0])).click()
    expect(pg.get_by_text(say(code, "votes_left", n=1))).to_be_visible()
    pg.get_by_role("button", name=say(code, "vote_for", text=EDITED[code])).click()
    why = say(code, "err_own_pair_cap_one")
    expect(pg.locator(".refusal")).to_contain_text(why)
    expect(pg.locator("#announce")).to_contain_text(say(code, "refused", message=why))
    pg.get_by_role("button", name=say(code, "vote_for", text=theirs)).click()
    expect(pg.get_by_text(say(code, "votes_left", n=0))).to_be_visible()


def record(pg: Page, code: str) -> None:
    """The record, fetched on the first press, says the host's actions in this language."""
    pg.get_by_role("button", name=say(code, "record_open")).click()
    dialog = pg.get_by_role("dialog", name=say(code, "record_title"))
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text(say(code, "record_phase", phase=say(code, "phase_rank")))
    expect(dialog).to_contain_text(say(code, "record_rank.reveal"))
    dialog.get_by_role("button", name=say(code, "record_close")).click()


@pytest.mark.parametrize(
    ("code", "opening"),
    [("de", {"locale": "de-AT"}), ("fi", {"locale": "en-GB", "query": "?lang=fi"})],
    ids=["de-by-browser", "fi-by-query"],
)
def test_whole_phone_flow_in_a_language(
    server: Server,
    devices: Devices,
    make_room: Callable[..., Room],
    code: str,
    opening: dict[str, str],
) -> None:
    problems: list[str] = []
    room = make_room(question=QUESTION[code], settings=SETTINGS)
    loop = Loop()
    host = loop.run(Client.open(server.ws_url, room.code, "host", token=room.host_token))
    pg = devices.open(
        "phone", room.join_url + opening.get("query", ""), PHONE, locale=opening["locale"]
    ).page
    in_language(pg, code)
    join(pg, code, "Aino", "Kirjasto")
    others = [loop.run(Client.open(server.ws_url, room.code, name=n, org=o)) for n, o in OTHERS]
    problems += axe_problems(pg, f"{code} lobby")

    loop.run(host.cmd("phase.start", {"phase": "own"}))
    phase_is(pg, code, "own")
    own(pg, code)
    for person, text in zip(others, THEIRS[code], strict=True):
        loop.run(person.cmd("idea.add", {"text": text}))
    problems += axe_problems(pg, f"{code} own")

    loop.run(host.cmd("phase.start", {"phase": "pair"}))
    phase_is(pg, code, "pair")
    for person in others:
        loop.run(person.until(lambda v: v["me"]["pair"] is not None))
    mate = next(p for p in others if "Aino" in [m["name"] for m in p.me["pair"]["members"]])
    rest = [p for p in others if p is not mate]
    pair(pg, code, loop, mate, rest)
    problems += axe_problems(pg, f"{code} pair")

    loop.run(host.cmd("phase.start", {"phase": "explain"}))
    phase_is(pg, code, "explain")
    pair_id = mate.me["pair"]["id"]
    loop.run(host.cmd("explain.focus", {"pair_id": pair_id}))
    expect(pg.get_by_text(say(code, "speaking_now"))).to_be_visible()
    problems += axe_problems(pg, f"{code} explain")

    loop.run(host.cmd("phase.start", {"phase": "rank"}))
    phase_is(pg, code, "rank")
    rank(pg, code, THEIRS[code][OTHERS.index((rest[0].me["name"], rest[0].me["org"]))])
    if code == "fi":
        shot(pg, "phone-rank-fi")
    problems += axe_problems(pg, f"{code} rank")

    loop.run(host.cmd("rank.reveal"))  # the ranking shows, the votes go: voting is closed
    expect(pg.get_by_text(say(code, "rank_n", n=1), exact=True).first).to_be_visible()
    expect(pg.locator("#main .vote-card button")).to_have_count(0)
    expect(pg.get_by_text(say(code, "votes_left", n=0))).to_have_count(0)
    loop.run(host.cmd("phase.start", {"phase": "arrange"}))
    phase_is(pg, code, "arrange")
    if code == "de":  # the board beside the phone, in German too
        bp = devices.open("board", room.board_url + "?lang=de", PROJECTOR).page
        in_language(bp, "de")
        phase_is(bp, "de", "arrange")
        expect(bp.get_by_text(IDEAS[code][0]).first).to_be_visible()
        problems += axe_problems(bp, "de board arrange")
        shot(bp, "board-arrange-de")
    expect(pg.get_by_text(say(code, "arrange_watch"))).to_be_visible()
    expect(pg.get_by_text(say(code, "points", n=1)).first).to_be_visible()
    problems += axe_problems(pg, f"{code} arrange")

    loop.run(host.cmd("phase.start", {"phase": "done"}))
    phase_is(pg, code, "done")
    expect(pg.get_by_text(say(code, "done_thanks"))).to_be_visible()
    record(pg, code)
    problems += axe_problems(pg, f"{code} done")
    in_language(pg, code)

    for client in [host, *others]:
        loop.run(client.close())
    loop.stop()
    assert problems == []
    assert devices.all_errors() == []


PHONES = [("en", "Ann"), ("de", "Dora"), ("fi", "Fanni"), ("sv", "Sven"), ("fr", "Flore")]


def board_says(bp: Page, key: str, **values: Any) -> None:
    expect(bp.get_by_text(say("cy", key, **values)).first).to_be_visible()


def test_one_room_a_welsh_board_and_phones_in_five_languages(
    server: Server, devices: Devices, make_room: Callable[..., Room]
) -> None:
    """The board in Welsh (its six plural forms as people join), five phones each in its own
    language, all in the same room at once; the board axe-clean in each phase."""
    problems: list[str] = []
    room = make_room(question="Sut gallwn ni rannu'r gwaith?")
    loop = Loop()
    host = loop.run(Client.open(server.ws_url, room.code, "host", token=room.host_token))
    bp = devices.open("board", room.board_url + "?lang=cy", PROJECTOR).page
    in_language(bp, "cy")
    board_says(bp, "people_joined", n=0)  # zero: "Does neb wedi ymuno" or its like
    problems += axe_problems(bp, "cy board lobby")
    phones: list[tuple[str, Page]] = []
    for count, (code, name) in enumerate(PHONES, start=1):
        pg = devices.open(name, f"{room.join_url}?lang={code}", PHONE).page
        in_language(pg, code)
        join(pg, code, name, "Cyngor")
        phones.append((code, pg))
        board_says(bp, "people_joined", n=count)  # one, two, few (3), other (4, 5)

    loop.run(host.cmd("phase.start", {"phase": "own"}))
    phase_is(bp, "cy", "own")
    board_says(bp, "have_written", done=0, of=5)
    for code, pg in phones:
        phase_is(pg, code, "own")
        expect(pg.get_by_text(say(code, "only_you"))).to_be_visible()
        pg.get_by_role("textbox", name=say(code, "your_idea")).fill(f"{code}: idea")
        pg.get_by_role("button", name=say(code, "add_idea")).click()
    board_says(bp, "have_written", done=5, of=5)
    problems += axe_problems(bp, "cy board own")

    loop.run(host.cmd("phase.start", {"phase": "pair"}))
    phase_is(bp, "cy", "pair")
    for code, pg in phones:
        phase_is(pg, code, "pair")
        expect(pg.get_by_role("button", name=say(code, "confirm_shortlist"))).to_be_visible()
    problems += axe_problems(bp, "cy board pair")
    shot(bp, "board-pair-cy")

    for code, pg in phones:
        in_language(pg, code)
    loop.run(host.close())
    loop.stop()
    assert problems == []
    assert devices.all_errors() == []


def test_the_phone_lobby_stays_light_in_every_language(
    server: Server, devices: Devices, make_room: Callable[..., Room]
) -> None:
    """Under 100 KB at the lobby in each language, plain and in a breakout event, and only
    that language's phone table is fetched (no English underneath, no console strings)."""
    plain = make_room()
    groups = make_room(settings={"groups": {"size": 4, "assign": "mix"}})
    loop = Loop()
    host = loop.run(Client.open(server.ws_url, groups.code, "host", token=groups.host_token))
    weights: dict[str, int] = {}
    for code in ["en", "de", "fi", "sv", "fr", "cy"]:
        for room, kind in ((plain, "plain"), (groups, "breakout")):
            person = devices.open(f"{code}-{kind}", "about:blank", PHONE)
            loaded: list[Any] = []
            person.page.on("requestfinished", lambda r, loaded=loaded: loaded.append(r))
            person.page.goto(f"{room.join_url}?lang={code}")
            join(person.page, code, f"P{code}{kind}", "Org")
            if kind == "breakout":
                if not host.view["groups"]:  # later phones join the one group by themselves
                    loop.run(host.cmd("groups.form", {"count": 1}))
                expect(person.page.locator(".group-banner .group-name")).to_be_visible()
            person.page.wait_for_load_state("networkidle")
            tables = {re.sub(r".*/lang/|\.js.*", "", r.url) for r in loaded if "/lang/" in r.url}
            assert tables == {code, "names"}, (kind, tables)  # names.js: the menu's six names
            weights[f"{code} {kind}"] = weight(loaded)
            person.context.close()
            devices.people.remove(person)
    loop.run(host.close())
    loop.stop()
    heavy = {k: w for k, w in weights.items() if not 0 < w < 100_000}
    assert not heavy, weights
    print("phone lobby bytes:", weights)


def test_lists_and_times_without_the_browsers_data_for_a_language(
    server: Server, devices: Devices
) -> None:
    """Chromium's ICU has no Welsh lists or times: a Welsh page says 'Elin, Tomos' and
    '23:20', never the English 'Elin and Tomos' and '11:20 PM' it would fall back to."""
    page = devices.open("lab", f"{server.base_url}/?lang=cy", LAPTOP).page
    got = page.evaluate(
        """async () => {
      const i18n = await import('/static/js/i18n.js');
      const when = new Date(2026, 11, 1, 23, 20);
      return { list: i18n.list(['Elin', 'Tomos']), clock: i18n.clock(when),
               icu: Intl.ListFormat.supportedLocalesOf('cy').length };
    }"""
    )
    if got["icu"]:  # a browser that knows Welsh words it itself
        assert "and" not in got["list"]
    else:
        assert got["list"] == "Elin, Tomos"
        assert got["clock"] == "23:20"
