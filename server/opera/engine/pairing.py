"""Making pairs: one trio when the count is odd, partners from different organisations.

A grouping's *same-organisation pairs* are the two-person sets inside a group (a pair, or
any two of a trio) whose members name the same organisation. People who gave no
organisation are unknown: they never make a same-organisation pair with anyone.

- With no history (the first pairing) `make_pairs` gives the fewest same-organisation pairs
  possible, by construction: the trio is chosen to leave the best remainder, then the people
  are laid out by organisation, largest first, and person i is paired with person i + n/2,
  which crosses organisations whenever the counts allow.
- With a history (a shuffle), repeating a pair that was together before is avoided first,
  then same-organisation pairs: exactly for up to 10 people (every grouping is tried), by
  swapping members between groups for larger rooms.
- All choices among equals come from `rng`, so the entry's seed fixes the result.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator, Sequence
from collections.abc import Set as AbstractSet
from itertools import combinations, combinations_with_replacement

__all__ = ["least_same_org_pairs", "make_pairs", "same_org_pairs"]

Person = tuple[str, str | None]  # (pid, organisation key or None)

EXACT_MAX = 10  # up to this many people a shuffle tries every grouping
_REPEAT = 1_000_000  # a repeated pair weighs more than any number of same-org pairs
_SWAP_PASSES = 6


def make_pairs(
    people: Sequence[Person],
    rng: random.Random,
    history: AbstractSet[frozenset[str]] = frozenset(),
    *,
    mix_orgs: bool = True,
) -> list[list[str]]:
    """Groups of two (and one of three when the count is odd) covering everyone once."""
    orgs: dict[str, str | None] = {pid: (org if mix_orgs else None) for pid, org in people}
    ids = [pid for pid, _ in people]
    if len(ids) <= 3:
        rng.shuffle(ids)
        return [ids] if ids else []
    if history and len(ids) <= EXACT_MAX:
        return _exact(ids, orgs, rng, history)
    groups = _construct(ids, orgs, rng)
    if history:
        _untangle(groups, orgs, rng, history)
    return groups


def same_org_pairs(groups: Sequence[Sequence[str]], orgs: dict[str, str | None]) -> int:
    """How many two-person sets inside the groups share an organisation."""
    return sum(_same(group, orgs) for group in groups)


def least_same_org_pairs(counts: Sequence[int], unknown: int = 0) -> int:
    """The fewest same-organisation pairs any grouping of these people can have.

    `counts` are the sizes of the organisations; `unknown` people gave none.
    """
    sizes = sorted([c for c in counts if c > 0] + [1] * unknown, reverse=True)
    total = sum(sizes)
    if total <= 3:
        return _trio_only(sizes)  # one group holds everyone
    if total % 2 == 0:
        return max(0, sizes[0] - total // 2)
    return min(cost for cost, _ in _trio_choices(sizes, total))


def _trio_only(sizes: list[int]) -> int:
    return sum(c * (c - 1) // 2 for c in sizes)


def _trio_choices(sizes: Sequence[int], total: int) -> Iterator[tuple[int, tuple[int, ...]]]:
    """(total cost, group indices) for every way of taking the trio from the 4 largest groups.

    Taking it from smaller groups never leaves a better remainder, so these suffice.
    """
    top = list(sizes[:4])
    beyond = sizes[4] if len(sizes) > 4 else 0
    half = (total - 3) // 2
    for combo in combinations_with_replacement(range(len(top)), 3):
        take = Counter(combo)
        if any(take[g] > top[g] for g in take):
            continue
        inside = sum(t * (t - 1) // 2 for t in take.values())
        largest_left = max([top[g] - take[g] for g in range(len(top))] + [beyond])
        yield inside + max(0, largest_left - half), combo


def _buckets(ids: list[str], orgs: dict[str, str | None], rng: random.Random) -> list[list[str]]:
    by_org: dict[str, list[str]] = {}
    for pid in ids:
        org = orgs[pid]
        by_org.setdefault(f"o:{org}" if org is not None else f"u:{pid}", []).append(pid)
    buckets = list(by_org.values())
    for bucket in buckets:
        rng.shuffle(bucket)
    rng.shuffle(buckets)
    buckets.sort(key=len, reverse=True)  # stable: equal sizes keep the random order
    return buckets


def _construct(ids: list[str], orgs: dict[str, str | None], rng: random.Random) -> list[list[str]]:
    buckets = _buckets(ids, orgs, rng)
    groups: list[list[str]] = []
    if len(ids) % 2 == 1:
        sizes = [len(bucket) for bucket in buckets]
        choices = list(_trio_choices(sizes, len(ids)))
        best = min(cost for cost, _ in choices)
        combo = rng.choice([combo for cost, combo in choices if cost == best])
        groups.append([buckets[g].pop() for g in combo])
        buckets = [bucket for bucket in buckets if bucket]
        buckets.sort(key=len, reverse=True)
    flat = [pid for bucket in buckets for pid in bucket]
    half = len(flat) // 2
    groups.extend([flat[i], flat[i + half]] for i in range(half))
    rng.shuffle(groups)
    return groups


def _same(group: Sequence[str], orgs: dict[str, str | None]) -> int:
    count = 0
    for a, b in combinations(group, 2):
        org = orgs[a]
        if org is not None and org == orgs[b]:
            count += 1
    return count


def _cost(
    group: Sequence[str], orgs: dict[str, str | None], history: AbstractSet[frozenset[str]]
) -> int:
    repeats = sum(1 for a, b in combinations(group, 2) if frozenset((a, b)) in history)
    return repeats * _REPEAT + _same(group, orgs)


def _exact(
    ids: list[str],
    orgs: dict[str, str | None],
    rng: random.Random,
    history: AbstractSet[frozenset[str]],
) -> list[list[str]]:
    # Each two-person set's weight once, not once per grouping: 10 people have 945 groupings
    # (9 have 8,820), and a breakout event pairs 200 groups in one phase.start.
    weight = {(a, b): _cost((a, b), orgs, history) for a, b in combinations(ids, 2)}
    best = _Best()
    if len(ids) % 2 == 0:
        best.match(ids, [], 0, weight)
    else:
        for trio in combinations(ids, 3):
            rest = [pid for pid in ids if pid not in trio]
            cost = sum(weight[two] for two in combinations(trio, 2))
            best.match(rest, [list(trio)], cost, weight)
    chosen = [list(group) for group in rng.choice(best.groupings)]
    for group in chosen:
        rng.shuffle(group)
    rng.shuffle(chosen)
    return chosen


class _Best:
    """The cheapest groupings, in the order the search meets them (the seed picks one).

    The search makes every grouping in one fixed order (a trio from `combinations`, then
    each person in turn with every later partner) and drops a part-made grouping once it
    costs more than the best so far: weights are never negative, so it could not end equal
    to the best, and the list of the cheapest (and the seed's choice) is what trying every
    grouping gives."""

    def __init__(self) -> None:
        self.cost: int | None = None
        self.groupings: list[list[list[str]]] = []

    def match(
        self,
        rest: list[str],
        made: list[list[str]],
        cost: int,
        weight: dict[tuple[str, str], int],
    ) -> None:
        if self.cost is not None and cost > self.cost:
            return
        if not rest:
            if self.cost is None or cost < self.cost:
                self.cost, self.groupings = cost, [made]
            else:
                self.groupings.append(made)
            return
        first = rest[0]
        for i in range(1, len(rest)):
            two = (first, rest[i])
            self.match(rest[1:i] + rest[i + 1 :], [*made, list(two)], cost + weight[two], weight)


def _untangle(
    groups: list[list[str]],
    orgs: dict[str, str | None],
    rng: random.Random,
    history: AbstractSet[frozenset[str]],
) -> None:
    """Swap members between groups while that lowers repeats (then same-org pairs)."""
    for _ in range(_SWAP_PASSES):
        improved = False
        for g in groups:
            if _cost(g, orgs, history) < _REPEAT:
                continue
            others = [h for h in groups if h is not g]
            rng.shuffle(others)
            for h in others:
                if _swap_better(g, h, orgs, history):
                    improved = True
                    break
        if not improved:
            return


def _swap_better(
    g: list[str],
    h: list[str],
    orgs: dict[str, str | None],
    history: AbstractSet[frozenset[str]],
) -> bool:
    before = _cost(g, orgs, history) + _cost(h, orgs, history)
    for i in range(len(g)):
        for j in range(len(h)):
            g[i], h[j] = h[j], g[i]
            if _cost(g, orgs, history) + _cost(h, orgs, history) < before:
                return True
            g[i], h[j] = h[j], g[i]
    return False
