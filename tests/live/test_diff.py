"""The view diff: applying its patch to the old view gives the new one, for any change."""

import copy

import jsonpatch
from hypothesis import given, settings
from hypothesis import strategies as st
from opera.live.diff import Pieces, diff

scalars = st.none() | st.booleans() | st.integers(-5, 5) | st.text(max_size=3)
keys = st.sampled_from(["a", "b", "c/d", "e~f", "id"])
documents = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=20,
)
ideas = st.lists(
    st.fixed_dictionaries({"id": st.sampled_from("pqrstuvw"), "points": st.integers(0, 3)}),
    max_size=8,
    unique_by=lambda idea: idea["id"],
)


def check(old: object, new: object) -> list[dict[str, object]]:
    ops = diff(old, new)
    patched = jsonpatch.apply_patch({"v": copy.deepcopy(old)}, prefixed(ops))["v"]
    assert patched == new and type(patched) is type(new)
    return ops


def prefixed(ops: list[dict[str, object]]) -> list[dict[str, object]]:
    return [{**op, "path": "/v" + str(op["path"])} for op in ops]


@settings(max_examples=300, deadline=None)
@given(documents, documents)
def test_any_two_documents(old: object, new: object) -> None:
    check(old, new)


@settings(max_examples=300, deadline=None)
@given(ideas, ideas)
def test_lists_of_objects_with_ids(
    old: list[dict[str, object]], new: list[dict[str, object]]
) -> None:
    check({"ideas": old}, {"ideas": new})


def test_an_unchanged_view_gives_no_ops() -> None:
    view = {"ideas": [{"id": "i1", "points": None}], "phase": {"name": "own"}}
    assert diff(view, copy.deepcopy(view)) == []


def test_removals_and_appends_are_ops_not_a_rewrite() -> None:
    old = {"ideas": [{"id": f"i{n}", "t": n} for n in range(20)]}
    new = {"ideas": [i for i in old["ideas"] if i["id"] != "i3"] + [{"id": "i99", "t": 0}]}
    ops = check(old, new)
    assert ops == [
        {"op": "remove", "path": "/ideas/3"},
        {"op": "add", "path": "/ideas/-", "value": {"id": "i99", "t": 0}},
    ]


def test_a_wholesale_change_is_one_replace() -> None:
    old = {"ideas": [{"id": f"i{n}", "points": None, "rank": None} for n in range(50)]}
    new = {"ideas": [{"id": f"i{n}", "points": n, "rank": 50 - n} for n in range(50)]}
    assert check(old, new) == [{"op": "replace", "path": "/ideas", "value": new["ideas"]}]


def test_a_change_of_type_is_a_replace() -> None:
    assert check({"a": None}, {"a": 0}) == [{"op": "replace", "path": "/a", "value": 0}]
    assert check({"a": [1]}, {"a": {"0": 1}}) == [
        {"op": "replace", "path": "/a", "value": {"0": 1}}
    ]


def pieces(old: object, new: object, size: int) -> list[dict[str, object]]:
    done = Pieces(old, new, size=size)
    for step in done.steps:
        step()
    return done.ops


@settings(max_examples=300, deadline=None)
@given(documents, documents, st.integers(1, 3))
def test_the_diff_in_pieces_is_the_diff(old: object, new: object, size: int) -> None:
    assert pieces(old, new, size) == diff(old, new)


@settings(max_examples=300, deadline=None)
@given(ideas, ideas, st.integers(1, 3))
def test_a_long_list_in_pieces_is_the_same_ops(
    old: list[dict[str, object]], new: list[dict[str, object]], size: int
) -> None:
    """Lists longer than a piece are walked a slice at a time (the host's 2,000 people)."""
    same_length = [{**idea, "points": 9} if i % 3 == 0 else idea for i, idea in enumerate(old)]
    for before, after in [(old, new), (old, same_length)]:
        view_old = {"participants": {"list": before, "total": 1}, "ideas": before}
        view_new = {"participants": {"list": after, "total": 2}, "ideas": after}
        assert pieces(view_old, view_new, size) == diff(view_old, view_new)


def test_pieces_of_a_long_list_walk_a_slice_each() -> None:
    old = [{"id": f"p{i}", "done": False} for i in range(10)]
    new = [dict(item, done=True) if i in (2, 7) else item for i, item in enumerate(old)]
    done = Pieces({"list": old}, {"list": new}, size=4)
    assert len(done.steps) == 4  # three slices of at most four, then the list's end
    for step in done.steps:
        step()
    assert done.ops == [
        {"op": "replace", "path": "/list/2/done", "value": True},
        {"op": "replace", "path": "/list/7/done", "value": True},
    ]
