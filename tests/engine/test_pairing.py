"""Pairing quality: the fewest same-organisation pairs possible, one trio, no repeats."""

from __future__ import annotations

import random
from functools import cache
from itertools import combinations

import pytest
from opera.engine.pairing import least_same_org_pairs, make_pairs, same_org_pairs

INF = 10**9


@cache
def exact_least(counts: tuple[int, ...], trio: bool) -> int:
    """Exact fewest same-org pairs, by trying every grouping of a multiset of org sizes.

    The first person left goes with one partner (or two, for the one trio); orgs with the
    same size are interchangeable, so the state is the sorted tuple of sizes.
    """
    if sum(counts) == 0:
        return INF if trio else 0
    sizes = list(counts)
    first = next(i for i, c in enumerate(sizes) if c)
    sizes[first] -= 1
    best = INF
    for j in range(len(sizes)):
        if not sizes[j]:
            continue
        sizes[j] -= 1
        rest = tuple(sorted(sizes))
        best = min(best, (j == first) + exact_least(rest, trio))
        if trio:
            for k in range(j, len(sizes)):
                if not sizes[k]:
                    continue
                sizes[k] -= 1
                inside = (j == first) + (k == first) + (j == k)
                best = min(best, inside + exact_least(tuple(sorted(sizes)), False))
                sizes[k] += 1
        sizes[j] += 1
    return best


def reference(counts: list[int]) -> int:
    total = sum(counts)
    if total <= 3:
        return sum(c * (c - 1) // 2 for c in counts)
    return exact_least(tuple(sorted(c for c in counts if c)), total % 2 == 1)


def people_for(counts: list[int], unknown: int = 0) -> list[tuple[str, str | None]]:
    people: list[tuple[str, str | None]] = []
    for org, count in enumerate(counts):
        people += [(f"o{org}p{i}", f"org{org}") for i in range(count)]
    people += [(f"u{i}", None) for i in range(unknown)]
    return people


def check_groups(groups: list[list[str]], people: list[tuple[str, str | None]]) -> None:
    flat = [pid for group in groups for pid in group]
    assert sorted(flat) == sorted(pid for pid, _ in people)
    sizes = sorted(len(g) for g in groups)
    if len(people) >= 2:
        assert sizes.count(3) == len(people) % 2 and set(sizes) <= {2, 3}


def test_the_formula_matches_an_exact_search_on_small_rooms() -> None:
    rng = random.Random(1)
    for total in range(1, 25):
        for _ in range(30):
            orgs = rng.randint(1, 6)
            counts = [0] * orgs
            for _ in range(total):
                counts[rng.randrange(orgs)] += 1
            assert least_same_org_pairs(counts) == reference(counts), counts


@pytest.mark.parametrize("orgs", [1, 2, 3, 4, 5, 6])
def test_make_pairs_reaches_the_fewest_same_org_pairs_for_2_to_200_people(orgs: int) -> None:
    rng = random.Random(orgs)
    for total in range(2, 201):
        counts = [0] * orgs
        weights = [rng.random() ** 2 + 0.01 for _ in range(orgs)]
        for _ in range(total):
            counts[rng.choices(range(orgs), weights)[0]] += 1
        people = people_for(counts)
        groups = make_pairs(people, random.Random(total))
        check_groups(groups, people)
        found = same_org_pairs(groups, dict(people))
        assert found == least_same_org_pairs(counts), (counts, found)
        if total <= 40:
            assert found == reference(counts)


def test_people_without_an_organisation_pair_with_anyone() -> None:
    rng = random.Random(3)
    for total in range(2, 120):
        unknown = rng.randint(0, total)
        counts = [0, 0]
        for _ in range(total - unknown):
            counts[rng.randrange(2)] += 1
        people = people_for(counts, unknown)
        groups = make_pairs(people, random.Random(total))
        check_groups(groups, people)
        assert same_org_pairs(groups, dict(people)) == least_same_org_pairs(counts, unknown)


def test_every_small_case_against_all_groupings() -> None:
    for total in range(2, 9):
        for counts in _compositions(total, 3):
            people = people_for(list(counts))
            best = min(
                same_org_pairs(grouping, dict(people))
                for grouping in _all_groupings([p for p, _ in people])
            )
            for seed in range(3):
                groups = make_pairs(people, random.Random(seed))
                assert same_org_pairs(groups, dict(people)) == best, counts


def _compositions(total: int, parts: int) -> list[tuple[int, ...]]:
    if parts == 1:
        return [(total,)]
    return [(i, *rest) for i in range(total + 1) for rest in _compositions(total - i, parts - 1)]


def _all_groupings(ids: list[str]) -> list[list[list[str]]]:
    if len(ids) <= 3:
        return [[ids]]
    result: list[list[list[str]]] = []

    def matchings(rest: list[str]) -> list[list[list[str]]]:
        if not rest:
            return [[]]
        out = []
        for i in range(1, len(rest)):
            for m in matchings(rest[1:i] + rest[i + 1 :]):
                out.append([[rest[0], rest[i]], *m])
        return out

    if len(ids) % 2 == 0:
        return matchings(ids)
    for trio in combinations(ids, 3):
        for m in matchings([p for p in ids if p not in trio]):
            result.append([list(trio), *m])
    return result


def _cost(
    groups: list[list[str]], orgs: dict[str, str | None], seen: set[frozenset[str]]
) -> tuple[int, int]:
    repeats = sum(1 for g in groups for a, b in combinations(g, 2) if frozenset((a, b)) in seen)
    return repeats, same_org_pairs(groups, orgs)


def _history(groups: list[list[str]]) -> set[frozenset[str]]:
    return {frozenset(two) for g in groups for two in combinations(g, 2)}


def test_a_shuffle_of_a_small_room_is_the_best_grouping_there_is() -> None:
    rng = random.Random(5)
    for total in range(4, 11):
        for _ in range(4):
            people = [(f"p{i}", rng.choice(["A", "B", "C", None])) for i in range(total)]
            orgs = dict(people)
            seen: set[frozenset[str]] = set()
            for round_ in range(3):
                groups = make_pairs(people, random.Random(round_), seen)
                best = min(_cost(g, orgs, seen) for g in _all_groupings(list(orgs)))
                assert _cost(groups, orgs, seen) == best
                seen |= _history(groups)


def test_a_shuffle_of_a_big_room_repeats_no_pair() -> None:
    rng = random.Random(9)
    for total in (11, 20, 51, 200):
        people = [(f"p{i}", rng.choice(["A", "B", "C", None])) for i in range(total)]
        seen: set[frozenset[str]] = set()
        for round_ in range(3):
            groups = make_pairs(people, random.Random(round_), seen)
            check_groups(groups, people)
            assert _cost(groups, dict(people), seen)[0] == 0
            seen |= _history(groups)


def test_mix_orgs_off_ignores_organisations() -> None:
    people = people_for([6])
    groups = make_pairs(people, random.Random(1), mix_orgs=False)
    check_groups(groups, people)


def test_the_same_seed_gives_the_same_pairs() -> None:
    people = people_for([5, 4, 3], unknown=2)
    assert make_pairs(people, random.Random(42)) == make_pairs(people, random.Random(42))


def test_tiny_rooms() -> None:
    assert make_pairs([], random.Random(1)) == []
    assert make_pairs([("a", None)], random.Random(1)) == [["a"]]
    assert sorted(make_pairs([("a", None), ("b", None), ("c", None)], random.Random(1))[0]) == [
        "a",
        "b",
        "c",
    ]


def test_a_shuffle_picks_what_trying_every_grouping_in_order_picks() -> None:
    """The exact search skips groupings that cost too much; its pick for a seed must stay the
    one trying every grouping gives, or a log folded again would pair people differently."""
    rng = random.Random(11)
    for total in range(4, 11):
        for case in range(6):
            people = [(f"p{i}", rng.choice(["A", "B", None])) for i in range(total)]
            orgs = dict(people)
            seen = {frozenset(rng.sample(list(orgs), 2)) for _ in range(case * 2)}
            if not seen:
                seen = {frozenset(("elsewhere", "someone"))}  # another group's pair
            groupings = _all_groupings(list(orgs))  # every grouping, in the search's order
            costs = [
                sum(
                    1_000_000 * (frozenset(two) in seen)
                    + (orgs[two[0]] is not None and orgs[two[0]] == orgs[two[1]])
                    for g in grouping
                    for two in combinations(g, 2)
                )
                for grouping in groupings
            ]
            best = [g for g, c in zip(groupings, costs, strict=True) if c == min(costs)]
            pick = random.Random(case)
            wanted = [list(group) for group in pick.choice(best)]
            for group in wanted:
                pick.shuffle(group)
            pick.shuffle(wanted)
            assert make_pairs(people, random.Random(case), seen) == wanted, (total, case)
