"""Pair: pairs, pools, pair.write, shortlist, confirmation, late joiners, shuffles."""

from __future__ import annotations

from .scenario import Session


def pair_session(
    count: int = 4, orgs: list[str | None] | None = None, **settings: object
) -> tuple[Session, list[str]]:
    s = Session(settings=dict(settings))
    pids = s.people(count, orgs)
    s.write_ideas(pids)
    s.phase("pair")
    return s, pids


def members(s: Session) -> list[list[str]]:
    return [list(pair.members) for pair in s.room.pairs]


def test_entering_pair_pairs_everyone_once() -> None:
    s, pids = pair_session(6)
    groups = members(s)
    assert sorted(pid for group in groups for pid in group) == sorted(pids)
    assert all(len(group) == 2 for group in groups)


def test_an_odd_count_makes_one_trio() -> None:
    s, _ = pair_session(7)
    assert sorted(len(group) for group in members(s)) == [2, 2, 3]


def test_pairs_have_labels_and_ids_in_order() -> None:
    s, _ = pair_session(6)
    pairs = s.board()["pairs"]
    assert [p["id"] for p in pairs] == ["pr1", "pr2", "pr3"]
    assert [p["label"] for p in pairs] == ["Pair 1", "Pair 2", "Pair 3"]


def test_pairing_prefers_partners_from_different_organisations() -> None:
    s, _ = pair_session(8, orgs=["NHS", "NHS", "Council", "Council"])
    orgs = {p.id: p.org for p in s.room.participants.values()}
    for group in members(s):
        assert orgs[group[0]] != orgs[group[1]]


def test_pairing_does_not_need_anyone_online() -> None:
    s, pids = pair_session(4)
    assert sum(len(g) for g in members(s)) == len(pids)


def test_pool_holds_both_members_ideas_in_creation_order() -> None:
    s, _ = pair_session(4)
    for pair in s.room.pairs:
        expected = sorted(
            (i for pid in pair.members for i in s.room.participants[pid].ideas),
            key=lambda i: int(i[1:]),
        )
        pool = s.me(pair.members[0])["pair"]["pool"]
        assert [item["id"] for item in pool] == expected


def test_pool_texts_reach_the_pair_only() -> None:
    s, _ = pair_session(4)
    first, second = s.room.pairs
    text = s.room.ideas[first.pool[0]].text
    assert text in str(s.view(first.members[1]))
    assert text not in str(s.view(second.members[0]))
    assert text not in str(s.board())
    assert text not in str(s.hostv())


def test_pair_members_see_each_others_names_but_the_board_does_not() -> None:
    s, _ = pair_session(4)
    pair = s.room.pairs[0]
    a, b = pair.members
    view = s.view(a)
    names = [m["name"] for m in view["pairs"][0]["members"]]
    assert names == [s.room.participants[a].name, s.room.participants[b].name]
    partners = [{"id": m["id"], "name": m["name"]} for m in view["me"]["pair"]["members"]]
    assert partners == view["pairs"][0]["members"]
    orgs = [m["org"] for m in view["me"]["pair"]["members"]]  # "You are with Sam, Council"
    assert orgs == [s.room.participants[a].org, s.room.participants[b].org]
    assert all(p["members"] == [] for p in s.board()["pairs"])
    assert view["pairs"][1]["members"] == []
    assert all(p["members"] for p in s.hostv()["pairs"])


def test_without_anonymity_everyone_sees_pair_names() -> None:
    s, _ = pair_session(4, anonymous=False)
    assert all(len(p["members"]) == 2 for p in s.board()["pairs"])


def test_pair_write_adds_to_the_pool_only() -> None:
    s, _ = pair_session(4, own={"max_ideas": 2})
    pair = s.room.pairs[0]
    a = pair.members[0]
    s.ok(a, "pair.shortlist", {"idea_ids": pair.pool[:1]})
    s.ok(a, "pair.confirm")
    outcome = s.ok(a, "pair.write", {"text": "merged idea"})
    me = s.me(pair.members[1])["pair"]
    assert me["pool"][-1] == {"id": f"i{outcome.seq}", "text": "merged idea"}
    assert me["shortlist"] == pair.pool[:1]
    assert me["confirmed"] == [a]
    assert len(s.me(a)["ideas"]) == 2  # not an Own idea, not counted in max_ideas


def test_pair_write_respects_max_chars() -> None:
    s, _ = pair_session(4, own={"max_chars": 10})
    assert s.code(s.room.pairs[0].members[0], "pair.write", {"text": "z" * 11}) == "limit_reached"


def test_pair_commands_are_refused_outside_pair() -> None:
    s = Session()
    s.people(2)
    s.phase("own")
    assert s.code("p0", "pair.write", {"text": "x"}) == "wrong_phase"
    assert s.code("p0", "pair.confirm") == "wrong_phase"


def test_pair_commands_after_pair_are_wrong_phase_for_a_paired_participant() -> None:
    s, pids = pair_session(4)
    s.phase("explain")
    assert s.code(pids[0], "pair.write", {"text": "x"}) == "wrong_phase"


def test_shortlist_holds_pool_ideas_only() -> None:
    s, _ = pair_session(4)
    first, second = s.room.pairs
    assert s.code(first.members[0], "pair.shortlist", {"idea_ids": second.pool[:1]}) == "not_found"
    assert s.code(first.members[0], "pair.shortlist", {"idea_ids": ["i99999"]}) == "not_found"


def test_shortlist_max_is_a_limit() -> None:
    s, _ = pair_session(4, pair={"shortlist_max": 2}, own={"max_ideas": 3})
    pair = s.room.pairs[0]
    assert s.code(pair.members[0], "pair.shortlist", {"idea_ids": pair.pool[:3]}) == "limit_reached"
    assert s.code(pair.members[0], "pair.shortlist", {"idea_ids": pair.pool[:2]}) is None


def test_shortlist_with_a_repeated_idea_is_bad_request() -> None:
    s, _ = pair_session(4)
    pair = s.room.pairs[0]
    ids = [pair.pool[0], pair.pool[0]]
    assert s.code(pair.members[0], "pair.shortlist", {"idea_ids": ids}) == "bad_request"


def test_confirmation_needs_every_member() -> None:
    s, _ = pair_session(4)
    pair = s.room.pairs[0]
    a, b = pair.members
    s.ok(a, "pair.shortlist", {"idea_ids": pair.pool[:2]})
    s.ok(a, "pair.confirm")
    assert s.board()["pairs"][0]["confirmed"] is False
    s.ok(b, "pair.confirm")
    assert s.board()["pairs"][0]["confirmed"] is True
    assert s.me(a)["pair"]["confirmed"] == [a, b]


def test_confirming_an_empty_shortlist_is_a_conflict() -> None:
    s, _ = pair_session(4)
    assert s.code(s.room.pairs[0].members[0], "pair.confirm") == "conflict"


def test_changing_the_shortlist_clears_confirmations() -> None:
    s, _ = pair_session(4)
    pair = s.room.pairs[0]
    a, b = pair.members
    s.ok(a, "pair.shortlist", {"idea_ids": pair.pool[:2]})
    s.ok(a, "pair.confirm")
    s.ok(b, "pair.confirm")
    s.ok(b, "pair.shortlist", {"idea_ids": list(reversed(pair.pool[:2]))})  # order counts
    assert s.me(a)["pair"]["confirmed"] == []
    assert s.board()["pairs"][0]["confirmed"] is False


def test_the_same_shortlist_again_keeps_confirmations() -> None:
    s, _ = pair_session(4)
    pair = s.room.pairs[0]
    a, _b = pair.members
    s.ok(a, "pair.shortlist", {"idea_ids": pair.pool[:2]})
    s.ok(a, "pair.confirm")
    s.ok(a, "pair.shortlist", {"idea_ids": pair.pool[:2]})
    assert s.me(a)["pair"]["confirmed"] == [a]


def test_pair_progress_counts_confirmed_pairs() -> None:
    s, _ = pair_session(6)
    assert s.board()["progress"] == {"done": 0, "of": 3}
    pair = s.room.pairs[1]
    s.ok(pair.members[0], "pair.shortlist", {"idea_ids": pair.pool[:1]})
    for pid in pair.members:
        s.ok(pid, "pair.confirm")
    assert s.board()["progress"] == {"done": 1, "of": 3}


def test_an_admitted_latecomer_during_pair_goes_to_the_smallest_pair() -> None:
    s, _ = pair_session(5)
    small = [p.id for p in s.room.pairs if len(p.members) == 2]
    s.latecomer("late")
    pair = s.room.pair_of("late")
    assert pair is not None and pair.id == small[0]
    assert len(pair.members) == 3


def test_an_admitted_latecomer_never_joins_a_confirmed_pair() -> None:
    # version 2 (latecomers): before, a late joiner unconfirmed the pair they joined
    s, _ = pair_session(4)
    s.confirm_all()
    s.latecomer("late")
    assert s.room.pair_of("late") is None
    assert all(pair.is_confirmed for pair in s.room.pairs)


def test_a_joiner_after_pair_has_no_pair_and_gets_conflict() -> None:
    s, _ = pair_session(4)
    s.phase("explain")
    s.latecomer("late")
    assert s.me("late")["pair"] is None
    assert s.code("late", "pair.write", {"text": "hello"}) == "conflict"
    assert s.code("late", "pair.confirm") == "conflict"


def test_a_removed_participant_keeps_their_ideas_in_the_pool() -> None:
    s, _ = pair_session(4)
    pair = s.room.pairs[0]
    a, b = pair.members
    pool = list(pair.pool)
    s.host("participant.remove", {"participant_id": a})
    me = s.me(b)["pair"]
    assert [i["id"] for i in me["pool"]] == pool
    partner = s.room.participants[b]
    assert me["members"] == [{"id": b, "name": partner.name, "org": partner.org}]


def test_removing_a_member_can_complete_the_confirmation() -> None:
    s, _ = pair_session(4)
    pair = s.room.pairs[0]
    a, b = pair.members
    s.ok(a, "pair.shortlist", {"idea_ids": pair.pool[:1]})
    s.ok(a, "pair.confirm")
    s.host("participant.remove", {"participant_id": b})
    assert s.board()["pairs"][0]["confirmed"] is True


def test_shuffle_makes_new_pairs_without_repeats() -> None:
    s, _ = pair_session(4)
    before = {frozenset(g) for g in members(s)}
    s.host("pairs.shuffle")
    after = {frozenset(g) for g in members(s)}
    assert not before & after


def test_shuffle_avoids_repeats_in_a_bigger_room() -> None:
    s, _ = pair_session(30, orgs=["A", "B", "C", None])
    seen = {frozenset(g) for g in members(s)}
    s.host("pairs.shuffle")
    assert not {frozenset(g) for g in members(s)} & seen


def test_shuffle_rebuilds_pools_and_clears_shortlists() -> None:
    s, _ = pair_session(4)
    s.confirm_all()
    s.host("pairs.shuffle")
    for pair in s.room.pairs:
        mine = sorted(i for pid in pair.members for i in s.room.participants[pid].held)
        assert sorted(pair.pool) == mine
        assert pair.shortlist == [] and pair.confirmed == []


def test_pair_write_ideas_follow_their_writer_on_shuffle() -> None:
    s, _ = pair_session(4)
    writer = s.room.pairs[0].members[0]
    idea = f"i{s.ok(writer, 'pair.write', {'text': 'merged'}).seq}"
    s.host("pairs.shuffle")
    pair = s.room.pair_of(writer)
    assert pair is not None and idea in pair.pool


def test_shuffle_only_during_pair() -> None:
    s = Session()
    s.people(4)
    assert s.code("host", "pairs.shuffle") == "wrong_phase"
    assert s.code("p0", "pairs.shuffle") == "forbidden"


def test_pairing_is_the_same_from_the_same_log() -> None:
    one, _ = pair_session(9, orgs=["A", "B", None])
    two, _ = pair_session(9, orgs=["A", "B", None])
    assert members(one) == members(two)


def test_mix_orgs_off_pairs_without_looking_at_organisations() -> None:
    same_org_pairs = 0
    for seed_offset in range(8):
        s = Session(settings={"pair": {"mix_orgs": False}})
        s.counter = seed_offset * 100
        s.people(4, orgs=["NHS", "NHS", "Council", "Council"])
        s.phase("pair")
        orgs = {p.id: p.org for p in s.room.participants.values()}
        same_org_pairs += sum(orgs[p.members[0]] == orgs[p.members[1]] for p in s.room.pairs)
    assert same_org_pairs > 0  # with mixing on this never happens (see the test above)
