"""`opera.pointer` against the independent `jsonpointer` package (what the test clients'
`jsonpatch` resolves paths with), and the sharing `assigned` promises the hub."""

import copy
from typing import Any

import jsonpointer
import pytest
from hypothesis import given
from hypothesis import strategies as st
from opera.pointer import PointerError, assigned, keys, pointer, resolve

KEY = st.text(alphabet="ab~/01 ", max_size=5)
DOC: Any = st.recursive(
    st.none() | st.integers() | st.text(max_size=3),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEY, inner, max_size=3),
    max_leaves=12,
)


def places(doc: Any, path: list[str | int]) -> list[list[str | int]]:
    """Every place in `doc`, as its keys."""
    found = [path]
    if isinstance(doc, dict):
        for key, value in doc.items():
            found += places(value, [*path, key])
    elif isinstance(doc, list):
        for at, value in enumerate(doc):
            found += places(value, [*path, at])
    return found


@given(st.lists(KEY | st.integers(0, 20), max_size=4))
def test_a_pointer_is_written_and_read_back_as_jsonpointer_does(path: list[str | int]) -> None:
    written = pointer(*path)
    assert written == jsonpointer.JsonPointer.from_parts(path).path
    assert keys(written) == [str(key) for key in path]


@given(DOC)
def test_every_place_resolves_to_what_jsonpointer_finds(doc: Any) -> None:
    for path in places(doc, []):
        assert resolve(doc, pointer(*path)) == jsonpointer.resolve_pointer(doc, pointer(*path))


@pytest.mark.parametrize("path", ["a", "/missing", "/list/2", "/list/01", "/list/-", "/n/x"])
def test_a_pointer_to_nothing_is_refused(path: str) -> None:
    with pytest.raises(PointerError):
        resolve({"list": [1, 2], "n": 3}, path)


def test_assigned_copies_only_the_way_to_the_value() -> None:
    pairs = [{"id": "a", "members": ["x"]}, {"id": "b", "members": ["y"]}]
    view = {"pairs": pairs, "phase": {"name": "pair"}}
    before = copy.deepcopy(view)
    mine = assigned(view, "/pairs/1/members", ["Ann", "Bo"])
    assert mine == {**before, "pairs": [pairs[0], {"id": "b", "members": ["Ann", "Bo"]}]}
    assert view == before  # the shared view is untouched
    assert mine["phase"] is view["phase"] and mine["pairs"][0] is pairs[0]
    assert assigned(view, "/me", {"id": "p1"})["me"] == {"id": "p1"}
    with pytest.raises(PointerError):  # a pair the view does not hold yet
        assigned(view, "/pairs/2/members", ["Cy"])
    assert view == before
