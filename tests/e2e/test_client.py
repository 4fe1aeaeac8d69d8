"""The browser-side pieces on their own: the JSON Patch applier (checked against the
`jsonpatch` library on random documents and on RFC 6902 cases), the participant page's
weight, and that no page fetches anything from outside the server."""

from __future__ import annotations

import random
from typing import Any

import jsonpatch
import pytest
from playwright.sync_api import Page, Request

from e2e.helpers import LAPTOP, PHONE, PROJECTOR, Devices, Room

pytestmark = pytest.mark.e2e

APPLY = """async (cases) => {
  const { applyPatch } = await import('/static/js/patch.js');
  return cases.map(([doc, ops]) => {
    try { return { ok: applyPatch(JSON.parse(JSON.stringify(doc)), ops) }; }
    catch (e) { return { error: String(e && e.message) }; }
  });
}"""

KEYS = ["a", "b", "c/d", "e~f", "", "-", "0", "ideas", "me"]


def random_json(rng: random.Random, depth: int = 0) -> Any:
    kind = rng.random()
    if depth > 3 or kind < 0.35:
        return rng.choice([None, True, False, rng.randint(-5, 99), "x", "text ~/", 1.5])
    if kind < 0.65:
        return [random_json(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return {rng.choice(KEYS): random_json(rng, depth + 1) for _ in range(rng.randint(0, 4))}


def mutate(rng: random.Random, doc: Any, depth: int = 0) -> Any:
    if isinstance(doc, dict):
        out = {k: (mutate(rng, v, depth + 1) if rng.random() < 0.6 else v) for k, v in doc.items()}
        for k in list(out):
            if rng.random() < 0.2:
                del out[k]
        if rng.random() < 0.4:
            out[rng.choice(KEYS)] = random_json(rng, depth + 1)
        return out
    if isinstance(doc, list):
        out_list = [mutate(rng, v, depth + 1) if rng.random() < 0.5 else v for v in doc]
        if out_list and rng.random() < 0.3:
            out_list.pop(rng.randrange(len(out_list)))
        if rng.random() < 0.4:
            out_list.insert(rng.randint(0, len(out_list)), random_json(rng, depth + 1))
        if len(out_list) > 1 and rng.random() < 0.3:
            rng.shuffle(out_list)
        return out_list
    return random_json(rng, depth) if rng.random() < 0.5 else doc


def run(page: Page, cases: list[tuple[Any, list[dict[str, Any]]]]) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = page.evaluate(APPLY, cases)
    return result


def test_patch_applier_matches_jsonpatch(server: Any, devices: Devices) -> None:
    page = devices.open("lab", f"{server.base_url}/", LAPTOP).page
    rng = random.Random(6902)
    cases = []
    for _ in range(400):
        a = {"view": random_json(rng), "list": [random_json(rng) for _ in range(3)]}
        b = mutate(rng, a)
        cases.append((a, b, jsonpatch.make_patch(a, b).patch))
    got = run(page, [(a, ops) for a, _, ops in cases])
    for (a, b, ops), res in zip(cases, got, strict=True):
        assert res.get("ok") == b, (a, ops, res)


RFC = [
    ({"foo": "bar"}, [{"op": "add", "path": "/baz", "value": "qux"}], {"foo": "bar", "baz": "qux"}),
    (
        {"foo": ["bar", "baz"]},
        [{"op": "add", "path": "/foo/1", "value": "qux"}],
        {"foo": ["bar", "qux", "baz"]},
    ),
    ({"foo": [1]}, [{"op": "add", "path": "/foo/-", "value": 2}], {"foo": [1, 2]}),
    ({"a/b": 1, "m~n": 2}, [{"op": "remove", "path": "/a~1b"}], {"m~n": 2}),
    ({"a/b": 1, "m~n": 2}, [{"op": "replace", "path": "/m~0n", "value": 3}], {"a/b": 1, "m~n": 3}),
    (
        {"foo": {"bar": "baz", "waldo": "fred"}, "qux": {"corge": "grault"}},
        [{"op": "move", "from": "/foo/waldo", "path": "/qux/thud"}],
        {"foo": {"bar": "baz"}, "qux": {"corge": "grault", "thud": "fred"}},
    ),
    (
        {"foo": ["all", "grass", "cows", "eat"]},
        [{"op": "move", "from": "/foo/1", "path": "/foo/3"}],
        {"foo": ["all", "cows", "eat", "grass"]},
    ),
    ({"a": [1]}, [{"op": "copy", "from": "/a", "path": "/b"}], {"a": [1], "b": [1]}),
    (
        {"a": {"b": [1, {"c": None}]}},
        [{"op": "test", "path": "/a/b/1", "value": {"c": None}}],
        None,
    ),
    ({"": {"": 1}}, [{"op": "replace", "path": "//", "value": 2}], {"": {"": 2}}),
    ({"x": 1}, [{"op": "replace", "path": "", "value": [1]}], [1]),
]
BAD = [
    ({"foo": "bar"}, [{"op": "add", "path": "/baz/bat", "value": "qux"}]),
    ({"foo": [1]}, [{"op": "add", "path": "/foo/2", "value": 3}]),
    ({"foo": [1]}, [{"op": "add", "path": "/foo/01", "value": 3}]),
    ({"foo": [1]}, [{"op": "remove", "path": "/foo/-"}]),
    ({"foo": 1}, [{"op": "remove", "path": "/bar"}]),
    ({"foo": 1}, [{"op": "replace", "path": "/bar", "value": 2}]),
    ({"foo": 1}, [{"op": "test", "path": "/foo", "value": 2}]),
    ({"foo": {"a": 1}}, [{"op": "move", "from": "/foo", "path": "/foo/a/b"}]),
    ({"foo": 1}, [{"op": "frobnicate", "path": "/foo"}]),
    ({"foo": 1}, [{"op": "add", "path": "foo", "value": 1}]),
]


def test_patch_applier_rfc_cases(server: Any, devices: Devices) -> None:
    page = devices.open("lab", f"{server.base_url}/", LAPTOP).page
    got = run(page, [(doc, ops) for doc, ops, _ in RFC])
    for (doc, ops, want), res in zip(RFC, got, strict=True):
        assert "ok" in res, (doc, ops, res)
        assert res["ok"] == (doc if want is None else want), (doc, ops, res)
    for res in run(page, BAD):
        assert "error" in res, res


def test_participant_page_is_light_and_local(server: Any, devices: Devices, make_room: Any) -> None:
    room: Room = make_room()
    base = server.base_url
    seen: list[Request] = []
    person = devices.open("p", "about:blank", PHONE)
    person.page.on("request", lambda r: seen.append(r))
    person.page.goto(room.join_url)
    person.page.get_by_role("textbox", name="Your name").wait_for()
    total = 0
    for req in seen:
        assert req.url.startswith((base, "data:", "ws://127.0.0.1")), req.url
        resp = req.response()
        if resp and req.resource_type in ("document", "stylesheet", "script"):
            total += len(resp.body())
    assert 0 < total < 100_000, total
    # the other pages fetch nothing from elsewhere either
    for url, viewport in (
        (room.board_url, PROJECTOR),
        (room.host_url, LAPTOP),
        (f"{base}/", LAPTOP),
    ):
        other = devices.open("o", "about:blank", viewport)
        urls: list[str] = []
        other.page.on("request", lambda r, urls=urls: urls.append(r.url))
        other.page.goto(url)
        other.page.wait_for_load_state("networkidle")
        assert all(u.startswith((base, "data:")) for u in urls), urls
