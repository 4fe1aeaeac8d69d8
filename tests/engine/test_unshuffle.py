"""pairs.unshuffle: back to the pairs, pools and shortlists from before the last shuffle,
while nobody has changed the new pairs; in every breakout group; the same after a snapshot."""

from __future__ import annotations

from typing import Any

from opera.engine import reduce
from opera.engine.snapshot import room_from_dict, room_to_dict

from .scenario import Session


def pairing(s: Session) -> list[tuple[str, list[str], list[str], list[str], list[str]]]:
    """Everything a shuffle changes, pair by pair."""
    return [
        (p.id, list(p.members), list(p.pool), list(p.shortlist), list(p.confirmed))
        for p in s.room.pairs
    ]


def shortlisted_session(count: int = 6, **settings: Any) -> Session:
    """Pair, with every pair's shortlist confirmed."""
    s = Session(settings=dict(settings))
    pids = s.people(count, ["NHS", "Council", "Charity"])
    s.write_ideas(pids)
    s.phase("pair")
    s.confirm_all()
    return s


def test_unshuffle_brings_back_pairs_shortlists_and_confirmations() -> None:
    s = shortlisted_session()
    before = pairing(s)
    history = list(s.room.pair_history)
    s.host("pairs.shuffle")
    assert pairing(s) != before
    assert not any(p["confirmed"] for p in s.board()["pairs"])
    s.host("pairs.unshuffle")
    assert pairing(s) == before
    assert all(p["confirmed"] for p in s.board()["pairs"])
    assert s.room.pair_history == history  # the shuffle's partners count as never met
    for pid, person in s.room.participants.items():
        pair = s.room.pair_of(pid)
        assert pair is not None and pid in pair.members
        assert s.me(pid)["pair"]["id"] == person.pair_id
    for pair in s.room.pairs:
        assert all(s.room.ideas[i].pair_id == pair.id for i in pair.pool)


def test_a_second_undo_has_nothing_to_undo() -> None:
    s = shortlisted_session()
    assert s.code("host", "pairs.unshuffle") == "conflict"  # no shuffle yet
    s.host("pairs.shuffle")
    s.host("pairs.unshuffle")
    refused = s.cmd("host", "pairs.unshuffle").refusal
    assert refused is not None and refused.code == "conflict"
    assert "no shuffle to undo" in refused.message


def test_undo_goes_back_one_shuffle_only() -> None:
    s = shortlisted_session()
    s.host("pairs.shuffle")
    middle = pairing(s)
    s.host("pairs.shuffle")
    s.host("pairs.unshuffle")
    assert pairing(s) == middle


def test_any_change_to_the_new_pairs_makes_the_undo_a_conflict() -> None:
    changes = [
        lambda s, pid: s.ok(pid, "pair.write", {"text": "merged idea"}),
        lambda s, pid: s.ok(pid, "pair.shortlist", {"idea_ids": s.room.pair_of(pid).pool[:1]}),
        lambda s, pid: s.host("participant.remove", {"participant_id": pid}),
    ]
    for change in changes:
        s = shortlisted_session()
        s.host("pairs.shuffle")
        change(s, "p0")
        now = pairing(s)
        refused = s.cmd("host", "pairs.unshuffle").refusal
        assert refused is not None and refused.code == "conflict"
        assert "changed since" in refused.message
        assert pairing(s) == now  # refused: nothing moved back
    s = shortlisted_session()
    s.host("pairs.shuffle")
    pair = s.room.pair_of("p0")
    assert pair is not None
    s.ok("p0", "pair.shortlist", {"idea_ids": pair.pool[:1]})
    s.ok("p0", "pair.confirm")
    assert s.code("host", "pairs.unshuffle") == "conflict"


def test_a_latecomer_placed_in_a_new_pair_blocks_the_undo() -> None:
    s = Session()
    pids = s.people(4)
    s.write_ideas(pids)
    s.phase("pair")
    s.host("pairs.shuffle")
    s.latecomer("late")  # joins the smallest unconfirmed pair
    assert s.room.pair_of("late") is not None
    assert s.code("host", "pairs.unshuffle") == "conflict"


def test_timers_and_notices_do_not_block_the_undo() -> None:
    s = shortlisted_session()
    before = pairing(s)
    s.host("pairs.shuffle")
    s.host("timer.pause")
    s.host("notice.set", {"text": "Back at 11"})
    s.host("pairs.unshuffle")
    assert pairing(s) == before


def test_unshuffle_is_refused_outside_pair() -> None:
    s = shortlisted_session()
    s.host("pairs.shuffle")
    s.phase("explain")
    assert s.code("host", "pairs.unshuffle") == "wrong_phase"
    assert s.code("p0", "pairs.unshuffle") == "forbidden"


def test_unshuffle_works_inside_every_group() -> None:
    s = Session(settings={"groups": {"size": 4}})
    pids = s.people(12, ["NHS", "Council", "Charity"])
    s.host("groups.form", {"count": 3})
    s.write_ideas(pids)
    s.phase("pair")
    s.confirm_all()
    before = pairing(s)
    groups_before = [list(g.pairs) for g in s.room.groups]
    s.host("pairs.shuffle")
    s.host("pairs.unshuffle")
    assert pairing(s) == before
    assert [list(g.pairs) for g in s.room.groups] == groups_before
    for pair in s.room.pairs:  # pairs never cross groups
        assert {s.room.participants[pid].group_id for pid in pair.members} == {pair.group_id}


def test_a_snapshot_taken_after_a_shuffle_still_undoes_it() -> None:
    s = shortlisted_session()
    before = pairing(s)
    s.host("pairs.shuffle")
    loaded = room_from_dict(room_to_dict(s.room))
    entry = s.entry("host", "pairs.unshuffle")
    loaded, outcome = reduce(loaded, entry)
    assert outcome.refusal is None
    s.fold(entry)
    assert pairing(s) == before
    assert room_to_dict(loaded) == room_to_dict(s.room)  # every process folds it alike
