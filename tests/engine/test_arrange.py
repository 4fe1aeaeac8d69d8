"""Arrange: clusters with label, owner and action; placing; parking; who may arrange."""

from __future__ import annotations

from .scenario import Session


def arrange_session(**settings: object) -> tuple[Session, list[str]]:
    s = Session(settings={"rank": {"voter": "person", "budget": 3}, **settings})
    pids = s.to_rank(6)
    for pid in pids[:3]:
        s.ok(pid, "vote.set", {"idea_id": s.foreign_idea(pid), "points": 1})
    s.phase("arrange")
    return s, pids


def clusters(s: Session) -> list[dict[str, object]]:
    result: list[dict[str, object]] = s.board()["clusters"]
    return result


def test_arrange_starts_with_no_cluster_and_every_idea_parked() -> None:
    s, _ = arrange_session()
    assert clusters(s) == []
    assert all(i["cluster_id"] is None for i in s.board()["ideas"])


def test_cluster_create_with_ideas() -> None:
    s, _ = arrange_session()
    a, b = s.room.board[:2]
    outcome = s.host("cluster.create", {"label": " Transport ", "idea_ids": [a, b]})
    cid = f"c{outcome.seq}"
    assert clusters(s) == [
        {"id": cid, "label": "Transport", "idea_ids": [a, b], "owner": None, "action": None}
    ]
    ideas = {i["id"]: i["cluster_id"] for i in s.board()["ideas"]}
    assert ideas[a] == ideas[b] == cid


def test_cluster_create_moves_ideas_out_of_other_clusters() -> None:
    s, _ = arrange_session()
    a, b = s.room.board[:2]
    first = f"c{s.host('cluster.create', {'label': 'One', 'idea_ids': [a, b]}).seq}"
    second = f"c{s.host('cluster.create', {'label': 'Two', 'idea_ids': [b]}).seq}"
    by_id = {c["id"]: c["idea_ids"] for c in clusters(s)}
    assert by_id == {first: [a], second: [b]}


def test_cluster_create_with_an_unknown_idea_is_not_found() -> None:
    s, _ = arrange_session()
    assert s.code("host", "cluster.create", {"label": "X", "idea_ids": ["i9999"]}) == "not_found"


def test_cluster_create_with_a_repeated_idea_is_bad_request() -> None:
    s, _ = arrange_session()
    a = s.room.board[0]
    assert s.code("host", "cluster.create", {"label": "X", "idea_ids": [a, a]}) == "bad_request"


def test_a_long_label_is_limit_reached() -> None:
    s, _ = arrange_session()
    assert s.code("host", "cluster.create", {"label": "L" * 81}) == "limit_reached"


def test_an_empty_label_is_bad_request() -> None:
    s, _ = arrange_session()
    assert s.code("host", "cluster.create", {"label": "  "}) == "bad_request"


def test_cluster_update_sets_label_owner_action() -> None:
    s, _ = arrange_session()
    cid = f"c{s.host('cluster.create', {'label': 'One'}).seq}"
    s.host("cluster.update", {"cluster_id": cid, "label": "Uno", "owner": "Sam", "action": "Call"})
    assert clusters(s)[0] == {
        "id": cid,
        "label": "Uno",
        "idea_ids": [],
        "owner": "Sam",
        "action": "Call",
    }
    s.host("cluster.update", {"cluster_id": cid, "owner": None})
    assert clusters(s)[0]["owner"] is None and clusters(s)[0]["action"] == "Call"


def test_cluster_update_limits_and_unknown_cluster() -> None:
    s, _ = arrange_session()
    cid = f"c{s.host('cluster.create', {'label': 'One'}).seq}"
    assert s.code("host", "cluster.update", {"cluster_id": "c1", "owner": "x"}) == "not_found"
    assert s.code("host", "cluster.update", {"cluster_id": cid, "owner": "o" * 81}) == (
        "limit_reached"
    )
    assert s.code("host", "cluster.update", {"cluster_id": cid, "action": "a" * 281}) == (
        "limit_reached"
    )
    assert s.code("host", "cluster.update", {"cluster_id": cid}) == "bad_request"
    assert s.code("host", "cluster.update", {"cluster_id": cid, "label": None}) == "bad_request"


def test_cluster_delete_parks_its_ideas() -> None:
    s, _ = arrange_session()
    a = s.room.board[0]
    cid = f"c{s.host('cluster.create', {'label': 'One', 'idea_ids': [a]}).seq}"
    s.host("cluster.delete", {"cluster_id": cid})
    assert clusters(s) == []
    assert s.room.ideas[a].cluster_id is None
    assert s.code("host", "cluster.delete", {"cluster_id": cid}) == "not_found"


def test_idea_place_with_an_index() -> None:
    s, _ = arrange_session()
    a, b, c = s.room.board[:3]
    cid = f"c{s.host('cluster.create', {'label': 'One', 'idea_ids': [a, b]}).seq}"
    s.host("idea.place", {"idea_id": c, "cluster_id": cid, "index": 0})
    assert clusters(s)[0]["idea_ids"] == [c, a, b]
    s.host("idea.place", {"idea_id": c, "cluster_id": cid, "index": 99})
    assert clusters(s)[0]["idea_ids"] == [a, b, c]
    s.host("idea.place", {"idea_id": a, "cluster_id": cid, "index": 1})
    assert clusters(s)[0]["idea_ids"] == [b, a, c]


def test_idea_place_moves_between_clusters_and_parks_with_null() -> None:
    s, _ = arrange_session()
    a = s.room.board[0]
    one = f"c{s.host('cluster.create', {'label': 'One', 'idea_ids': [a]}).seq}"
    two = f"c{s.host('cluster.create', {'label': 'Two'}).seq}"
    s.host("idea.place", {"idea_id": a, "cluster_id": two})
    assert {c["id"]: c["idea_ids"] for c in clusters(s)} == {one: [], two: [a]}
    s.host("idea.place", {"idea_id": a, "cluster_id": None})
    assert s.room.ideas[a].cluster_id is None
    assert all(c["idea_ids"] == [] for c in clusters(s))


def test_idea_place_unknown_idea_or_cluster_is_not_found() -> None:
    s, _ = arrange_session()
    assert s.code("host", "idea.place", {"idea_id": "i999", "cluster_id": None}) == "not_found"
    a = s.room.board[0]
    assert s.code("host", "idea.place", {"idea_id": a, "cluster_id": "c999"}) == "not_found"


def test_unvoted_ideas_can_be_placed_too() -> None:
    s, _ = arrange_session()
    unvoted = next(i for i in s.room.board if s.room.ideas[i].points == 0)
    assert s.code("host", "cluster.create", {"label": "X", "idea_ids": [unvoted]}) is None


def test_only_the_host_arranges_by_default() -> None:
    s, pids = arrange_session()
    assert s.code(pids[0], "cluster.create", {"label": "Mine"}) == "forbidden"
    assert s.code(pids[0], "idea.place", {"idea_id": s.room.board[0], "cluster_id": None}) == (
        "forbidden"
    )


def test_everyone_arranges_when_allowed() -> None:
    s, pids = arrange_session(arrange={"by": "everyone"})
    assert s.code(pids[0], "cluster.create", {"label": "Ours"}) is None


def test_arranging_only_during_arrange() -> None:
    s = Session(settings={"arrange": {"by": "everyone"}})
    s.to_rank(4)
    assert s.code("host", "cluster.create", {"label": "Early"}) == "wrong_phase"
    assert s.code("p0", "cluster.create", {"label": "Early"}) == "wrong_phase"
    s.phase("done")
    assert s.code("host", "cluster.create", {"label": "Late"}) == "wrong_phase"


def test_arrange_progress_counts_voted_ideas_in_a_cluster() -> None:
    s, _ = arrange_session()
    voted = [i for i in s.room.board if s.room.ideas[i].points > 0]
    assert s.board()["progress"] == {"done": 0, "of": len(voted)}
    unvoted = [i for i in s.room.board if s.room.ideas[i].points == 0]
    s.host("cluster.create", {"label": "X", "idea_ids": [voted[0], *unvoted[:1]]})
    assert s.board()["progress"] == {"done": 1, "of": len(voted)}
    s.phase("done")
    assert s.board()["progress"] == {"done": 1, "of": len(voted)}


def test_a_hidden_idea_leaves_its_cluster() -> None:
    s, _ = arrange_session()
    a, b = s.room.board[:2]
    s.host("cluster.create", {"label": "X", "idea_ids": [a, b]})
    s.host("idea.hide", {"idea_id": a})
    assert clusters(s)[0]["idea_ids"] == [b]
    assert s.code("host", "idea.place", {"idea_id": a, "cluster_id": None}) == "not_found"
