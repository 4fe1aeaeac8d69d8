"""Breakout groups (version 2): forming, choosing, moving, newcomers, per-group rounds."""

from __future__ import annotations

import json
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st
from opera.engine import room_from_dict, room_to_dict
from opera.engine.pairing import least_same_org_pairs, same_org_pairs

from .scenario import Session

ORGS = ["NHS", "Council", "Union"]


def grouped(count: int = 14, size: int = 5, **more: object) -> Session:
    s = Session(settings={"groups": {"size": size}, **more})
    s.people(count, orgs=ORGS)
    return s


def sizes(s: Session) -> list[int]:
    return [len(group.members) for group in s.room.groups]


def to_pair(s: Session) -> None:
    s.phase("own")
    for pid in [p.id for p in s.room.participants.values() if p.seated]:
        s.ok(pid, "idea.add", {"text": f"{pid} thinks"})
    s.phase("pair")


def to_rank(s: Session) -> None:
    to_pair(s)
    s.confirm_all(size=1)
    s.phase("explain")
    s.phase("rank")


def test_groups_are_formed_at_phase_start_own_with_sizes_within_one() -> None:
    s = grouped(14, 5)
    assert not s.room.grouped and s.board()["groups"] == []
    s.phase("own")
    assert s.room.grouped and len(s.room.groups) == 3
    assert max(sizes(s)) - min(sizes(s)) <= 1 and sum(sizes(s)) == 14
    assert [g["label"] for g in s.board()["groups"]] == ["Group 1", "Group 2", "Group 3"]


def test_groups_form_deals_everyone_anew_and_takes_a_count() -> None:
    s = grouped(12, 4)
    s.host("groups.form", {"count": 2})
    assert sizes(s) == [6, 6]
    s.host("groups.form")
    assert sizes(s) == [4, 4, 4]


def test_groups_form_count_is_at_most_half_the_participants() -> None:
    s = grouped(6, 4)
    assert s.code("host", "groups.form", {"count": 4}) == "limit_reached"
    assert s.code("host", "groups.form", {"count": 0}) == "bad_request"
    assert s.code("host", "groups.form", {"count": 3}) is None


def test_groups_form_is_the_hosts_in_the_lobby_with_groups_on() -> None:
    s = Session()
    s.people(4)
    assert s.code("host", "groups.form") == "conflict"
    s = grouped(8, 4)
    assert s.code("p0", "groups.form") == "forbidden"
    s.phase("own")
    assert s.code("host", "groups.form") == "wrong_phase"


@settings(max_examples=60, deadline=None)
@given(
    orgs=st.lists(st.sampled_from(["A", "B", "C", "D", None]), min_size=8, max_size=60),
    size=st.integers(4, 12),
    seed=st.integers(0, 1000),
)
def test_mix_spreads_every_organisation_evenly(
    orgs: list[str | None], size: int, seed: int
) -> None:
    s = Session(settings={"groups": {"size": size}})
    for i, org in enumerate(orgs):
        s.join(f"p{i}", org=org)
    s.counter = seed
    s.host("groups.form")
    assert max(sizes(s)) - min(sizes(s)) <= 1
    kinds = {org for org in orgs}
    for kind in kinds:
        per_group = [
            sum(1 for pid in g.members if s.room.participants[pid].org == kind)
            for g in s.room.groups
        ]
        assert max(per_group) - min(per_group) <= 1, (kind, per_group)


def test_a_newcomer_after_forming_goes_to_the_smallest_group_fewest_of_their_org() -> None:
    s = grouped(9, 4)
    s.host("groups.form", {"count": 2})  # 5 and 4
    small = min(s.room.groups, key=lambda g: len(g.members))
    s.join("new", org="NHS")
    assert s.room.participants["new"].group_id == small.id
    s.join("next", org="NHS")  # now 5 and 5: the group with fewer NHS people, then Group 1
    counts = [
        sum(1 for pid in g.members if s.room.participants[pid].org == "NHS" and pid != "next")
        for g in s.room.groups
    ]
    chosen = s.room.participants["next"].group_id
    fewest = min(range(2), key=lambda i: counts[i])
    assert chosen == s.room.groups[fewest].id


def test_group_choose_joins_that_group_until_it_is_one_above_the_smallest() -> None:
    s = grouped(6, 4, groups={"size": 4, "assign": "choose"})
    s.host("groups.form", {"count": 2})
    assert sizes(s) == [0, 0]
    s.ok("p0", "group.choose", {"group_id": "g1"})
    assert s.code("p1", "group.choose", {"group_id": "g1"}) == "limit_reached"
    s.ok("p1", "group.choose", {"group_id": "g2"})
    s.ok("p1", "group.choose", {"group_id": "g2"})  # again: a no-op
    assert s.code("p2", "group.choose", {"group_id": "g9"}) == "not_found"
    assert s.code("p0", "group.choose", {"group_id": "g2"}) == "limit_reached"  # 0 and 2
    s.ok("p2", "group.choose", {"group_id": "g1"})
    s.ok("p0", "group.choose", {"group_id": "g2"})  # choosing again is allowed in the lobby
    assert sizes(s) == [1, 2]


def test_whoever_has_not_chosen_at_phase_start_own_is_placed() -> None:
    s = grouped(6, 4, groups={"size": 4, "assign": "choose"})
    s.host("groups.form", {"count": 2})
    s.ok("p0", "group.choose", {"group_id": "g1"})
    s.phase("own")
    assert sorted(sizes(s)) == [3, 3]
    assert s.room.participants["p0"].group_id == "g1" and s.room.participants["p0"].chose
    assert not s.room.participants["p1"].chose


def test_group_choose_after_the_lobby_is_the_wrong_phase() -> None:
    s = grouped(6, 4, groups={"size": 4, "assign": "choose"})
    s.host("groups.form", {"count": 2})
    for i in range(6):
        s.ok(f"p{i}", "group.choose", {"group_id": f"g{i % 2 + 1}"})
    s.phase("own")
    outcome = s.cmd("p0", "group.choose", {"group_id": "g2"})
    assert outcome.refusal is not None and outcome.refusal.code == "wrong_phase"
    assert outcome.refusal.reason == "group_choose_phase"
    assert s.room.participants["p0"].group_id == "g1"


@settings(max_examples=60, deadline=None)
@given(
    orgs=st.lists(st.sampled_from(["A", "B", "C", "D", None]), min_size=8, max_size=40),
    size=st.integers(4, 10),
)
def test_pairs_in_every_group_have_the_fewest_same_org_pairs_it_allows(
    orgs: list[str | None], size: int
) -> None:
    """Pairs are made inside each group, and mix organisations as well as that group's
    people allow (pairing.py's bound, which its own tests check against every grouping)."""
    s = Session(settings={"groups": {"size": size}})
    for i, org in enumerate(orgs):
        s.join(f"p{i}", org=org)
    s.phase("own")  # forms the groups (mix)
    s.phase("pair")
    for group in s.room.groups:
        people = {pid: s.room.participants[pid].org for pid in group.members}
        pairs = [s.room.pairs[s.room.pair_index[i]].members for i in group.pairs]
        assert sorted(pid for pair in pairs for pid in pair) == sorted(people)
        counts = Counter(org for org in people.values() if org is not None)
        unknown = sum(1 for org in people.values() if org is None)
        least = least_same_org_pairs(list(counts.values()), unknown)
        assert same_org_pairs(pairs, people) == least, (group.id, people, pairs)


def test_group_choose_needs_assign_choose_and_formed_groups() -> None:
    s = grouped(6, 4)
    assert s.code("p0", "group.choose", {"group_id": "g1"}) == "conflict"
    s = grouped(6, 4, groups={"size": 4, "assign": "choose"})
    assert s.code("p0", "group.choose", {"group_id": "g1"}) == "conflict"


def test_phase_start_own_with_a_group_under_two_people_is_a_conflict_naming_it() -> None:
    s = grouped(3, 4, groups={"size": 4, "assign": "choose"})
    s.host("groups.form", {"count": 1})
    s.join("x")
    s.host("group.move", {"participant_id": "x", "group_id": "g1"})
    outcome = s.cmd("host", "phase.start", {"phase": "own"})
    assert outcome.refusal is None
    s = Session(settings={"groups": {"size": 4}})
    s.people(1)
    outcome = s.cmd("host", "phase.start", {"phase": "own"})
    assert outcome.refusal is not None and outcome.refusal.code == "conflict"
    assert "Group 1" in outcome.refusal.message


def test_group_move_takes_the_persons_own_ideas_along() -> None:
    s = grouped(8, 4)
    s.phase("own")
    mover = s.room.groups[0].members[0]
    s.ok(mover, "idea.add", {"text": "travels with me"})
    s.host("group.move", {"participant_id": mover, "group_id": "g2"})
    assert mover in s.room.groups[1].members and mover not in s.room.groups[0].members
    assert [i["text"] for i in s.me(mover)["ideas"]] == ["travels with me"]
    assert s.me(mover)["group"] == {"id": "g2", "label": "Group 2"}
    s.phase("pair")
    pair = s.room.pair_of(mover)
    assert pair is not None and pair.group_id == "g2"
    assert any(s.room.ideas[i].text == "travels with me" for i in pair.pool)


def test_group_move_refusals() -> None:
    s = grouped(8, 4)
    s.host("groups.form")
    assert s.code("p0", "group.move", {"participant_id": "p1", "group_id": "g2"}) == "forbidden"
    assert s.code("host", "group.move", {"participant_id": "zz", "group_id": "g2"}) == "not_found"
    assert s.code("host", "group.move", {"participant_id": "p1", "group_id": "g7"}) == "not_found"
    home = s.room.participants["p1"].group_id
    before = room_to_dict(s.room)
    assert s.code("host", "group.move", {"participant_id": "p1", "group_id": home}) is None
    after = room_to_dict(s.room)
    for data in (before, after):
        del data["seq"], data["acked"], data["last_at"]
    assert before == after  # to their own group: a no-op ack
    s.phase("own")
    s.phase("pair")
    assert s.code("host", "group.move", {"participant_id": "p1", "group_id": "g1"}) == (
        "wrong_phase"
    )
    s.join("late")
    s2 = grouped(8, 4)
    s2.phase("own")
    s2.join("late")
    assert s2.code("host", "group.move", {"participant_id": "late", "group_id": "g1"}) == (
        "conflict"
    )


def test_pairs_never_cross_groups_and_are_numbered_across_the_session() -> None:
    s = grouped(14, 5)
    to_pair(s)
    labels = [pair.label for pair in s.room.pairs]
    assert labels == [f"Pair {n}" for n in range(1, len(labels) + 1)]
    for pair in s.room.pairs:
        assert {s.room.participants[pid].group_id for pid in pair.members} == {pair.group_id}


def test_pairs_inside_a_group_mix_organisations() -> None:
    s = grouped(12, 4)
    to_pair(s)
    for pair in s.room.pairs:
        orgs = [s.room.participants[pid].org for pid in pair.members]
        assert len(set(orgs)) == len(orgs)


def test_a_groups_view_holds_only_its_pairs_board_and_progress() -> None:
    s = grouped(12, 4)
    to_pair(s)
    g1 = s.room.groups[0]
    s.ok(g1.members[0], "pair.shortlist", {"idea_ids": s.room.pair_of(g1.members[0]).pool[:1]})
    view = s.view(g1.members[0])
    assert {p["id"] for p in view["pairs"]} == set(g1.pairs)
    assert view["progress"]["of"] == len(g1.pairs)
    assert view["groups"] == []
    board = s.board()
    assert board["pairs"] == [] and board["ideas"] == []
    assert [g["progress"]["of"] for g in board["groups"]] == [2, 2, 2]
    assert board["progress"] == {"done": 0, "of": 6}


def test_each_group_has_its_own_board_explain_order_and_budget() -> None:
    s = grouped(12, 4, rank={"budget": "50%"})
    to_pair(s)
    s.confirm_all(size=2)
    s.phase("explain")
    for group in s.room.groups:
        assert set(group.explain_order) == set(group.pairs)
        assert len(group.board) == 4
        view = s.view(group.members[0])
        assert [i["id"] for i in view["ideas"]] == group.board
        assert {i["group_id"] for i in view["ideas"]} == {group.id}
    s.phase("rank")
    assert [g.budget for g in s.room.groups] == [2, 2, 2]


def test_explain_focus_by_a_member_of_the_pairs_group_sets_its_ends_at() -> None:
    s = grouped(8, 4)
    to_pair(s)
    s.confirm_all(size=1)
    s.phase("explain")
    g1, g2 = s.room.groups
    timer = s.room.phase.ends_at
    assert timer is not None
    s.ok(g1.members[0], "explain.focus", {"pair_id": g1.explain_order[0]})
    view = s.view(g1.members[1])
    assert view["explain"]["current"] == g1.explain_order[0]
    assert view["explain"]["ends_at"] == s.at + 60
    assert s.room.phase.ends_at == timer  # the phase timer is left alone
    assert s.code(g2.members[0], "explain.focus", {"pair_id": g1.explain_order[0]}) == ("not_found")
    assert s.view(g2.members[0])["explain"]["current"] is None
    host = s.hostv()["groups"][0]["explain"]
    assert host["current"] == g1.explain_order[0]


def test_explain_timer_defaults_to_the_longest_group_order() -> None:
    s = grouped(10, 5)
    to_pair(s)
    s.confirm_all(size=1)
    s.phase("explain")
    longest = max(len(g.explain_order) for g in s.room.groups)
    assert s.room.phase.ends_at == s.at + 60 * longest


def test_pause_resume_and_add_move_every_groups_explain_ends_at() -> None:
    s = grouped(8, 4)
    to_pair(s)
    s.confirm_all(size=1)
    s.phase("explain")
    g1 = s.room.groups[0]
    s.host("explain.focus", {"pair_id": g1.explain_order[0]})
    ends = g1.explain_ends_at
    assert ends is not None
    s.host("timer.pause")
    assert s.view(g1.members[0])["explain"]["ends_at"] is None
    s.tick(100)
    s.host("timer.resume")
    assert g1.explain_ends_at is not None and g1.explain_ends_at > ends
    moved = g1.explain_ends_at
    s.host("timer.add", {"seconds": 30})
    assert g1.explain_ends_at == moved + 30


def test_explain_focus_without_groups_stays_the_hosts() -> None:
    s = Session()
    pids = s.to_rank(4)
    del pids
    s2 = Session()
    people = s2.people(4)
    s2.write_ideas(people)
    s2.phase("pair")
    s2.confirm_all()
    s2.phase("explain")
    pair_id = s2.room.groups[0].explain_order[0]
    assert s2.code(people[0], "explain.focus", {"pair_id": pair_id}) == "forbidden"
    s2.host("explain.focus", {"pair_id": pair_id})
    assert s2.board()["explain"]["ends_at"] == s2.room.phase.ends_at


def test_a_vote_on_another_groups_idea_is_not_found() -> None:
    s = grouped(8, 4, rank={"voter": "person"})
    to_rank(s)
    g1, g2 = s.room.groups
    assert s.code(g1.members[0], "vote.set", {"idea_id": g2.board[0], "points": 1}) == ("not_found")
    assert s.code(g1.members[0], "vote.set", {"idea_id": g1.board[-1], "points": 1}) in (
        None,
        "limit_reached",
    )


def test_rank_progress_is_per_group_and_summed_for_the_board() -> None:
    s = grouped(8, 4, rank={"voter": "person", "own_pair_max": 1})
    to_rank(s)
    g1 = s.room.groups[0]
    voter = g1.members[0]
    mine = s.room.participants[voter].pair_id
    idea = next(i for i in g1.board if s.room.ideas[i].pair_id != mine)
    s.ok(voter, "vote.set", {"idea_id": idea, "points": 1})
    assert s.view(voter)["progress"] == {"done": 1, "of": 4}
    assert s.view(s.room.groups[1].members[0])["progress"] == {"done": 0, "of": 4}
    assert s.board()["progress"] == {"done": 1, "of": 8}


def test_latecomers_are_admitted_into_the_smallest_group() -> None:
    s = grouped(9, 4)
    s.phase("own")
    s.join("late", org="NHS")
    assert s.room.participants["late"].group_id is None
    smallest = min(sizes(s))
    s.host("participant.admit", {"participant_id": "late"})
    group = s.room.group_of("late")
    assert group is not None and len(group.members) == smallest + 1


def test_setting_groups_size_to_zero_in_the_lobby_undoes_the_groups() -> None:
    s = grouped(8, 4)
    s.host("groups.form")
    s.host("session.configure", {"settings": {"groups": {"size": 0}}})
    assert not s.room.grouped and sizes(s) == [8]


def test_groups_settings_are_locked_from_own_on() -> None:
    s = grouped(8, 4)
    s.phase("own")
    outcome = s.cmd("host", "session.configure", {"settings": {"groups": {"size": 5}}})
    assert outcome.refusal is not None and outcome.refusal.code == "conflict"


def test_pairs_shuffle_shuffles_inside_every_group() -> None:
    s = grouped(12, 4)
    to_pair(s)
    s.host("pairs.shuffle")
    for pair in s.room.pairs:
        assert {s.room.participants[pid].group_id for pid in pair.members} == {pair.group_id}


def test_groups_survive_a_snapshot() -> None:
    s = grouped(12, 4)
    to_rank(s)
    loaded = room_from_dict(json.loads(json.dumps(room_to_dict(s.room))))
    assert room_to_dict(loaded) == room_to_dict(s.room)
    assert Counter(p.group_id for p in loaded.participants.values()) == Counter(
        p.group_id for p in s.room.participants.values()
    )
