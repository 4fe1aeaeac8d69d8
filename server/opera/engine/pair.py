"""Pair: pairs share one pool of their ideas and agree on a confirmed shortlist.

- Entering Pair pairs every participant not removed (see `pairing.py`).
- A pool holds the Own ideas of its members plus what the pair wrote with `pair.write`.
  Ideas follow the person holding them: on a shuffle each new pair's pool is its members'
  held ideas. When a participant is removed, the ideas they held pass to a remaining member
  of their pair, so they stay in that pair's pool (and follow that member on a shuffle).
- A participant removed during Own never reaches a pool: their ideas were never shared.
  Ideas held by a removed participant whose pair had nobody left drop out of the pools on
  a shuffle.
- A `pair.*` command from a participant with no pair: `conflict` after Pair (a late
  joiner), `wrong_phase` before it.
- `pairs.unshuffle` puts back the pairs, pools, shortlists and confirmations from before
  the last shuffle (in every group), while the pairs are exactly as that shuffle left them:
  any write, shortlist, confirmation, removal or latecomer placed in a pair since makes it
  a `conflict`. One step only: a second undo has nothing to undo.
"""

from __future__ import annotations

import random
from heapq import merge
from typing import Any

from . import marks
from .commands import NoArgs, PairShortlistArgs, TextArgs
from .outcome import Refusal, bad_request, conflict, limit_reached, not_found, wrong_phase
from .own import write_idea
from .pairing import make_pairs
from .rules import POOL_MAX, Ctx, Verdict, too_long
from .state import PHASE_INDEX, Pair, Room

_PAIR = PHASE_INDEX["pair"]


def enter_pair(room: Room, rng: random.Random) -> None:
    """Pair every seated participant (not removed, not waiting), online or not."""
    _form_pairs(room, rng)
    marks.touch_everyone()


def shuffle_pairs(room: Room, ctx: Ctx, args: NoArgs) -> Verdict:
    def apply() -> None:
        before, history = _pair_records(room), len(room.pair_history)
        room.shuffles += 1
        _form_pairs(room, random.Random(ctx.seed))
        room.unshuffle = {"before": before, "after": _pair_records(room), "history": history}
        marks.touch_everyone()

    return apply


def unshuffle_pairs(room: Room, ctx: Ctx, args: NoArgs) -> Verdict:
    saved = room.unshuffle
    if saved is None:
        return conflict("nothing_to_unshuffle")
    if _pair_records(room) != saved["after"]:
        return conflict("unshuffle_stale")

    def apply() -> None:
        _clear_pairs(room)
        for record in saved["before"]:
            pair = Pair(
                id=record["id"],
                label=record["label"],
                members=list(record["members"]),
                group_id=record["group_id"],
                pool=list(record["pool"]),
                shortlist=list(record["shortlist"]),
                confirmed=list(record["confirmed"]),
            )
            room.pair_index[pair.id] = len(room.pairs)
            room.pairs.append(pair)
            room.group(pair.group_id).pairs.append(pair.id)
            for pid in pair.members:
                room.participants[pid].pair_id = pair.id
            for idea_id in pair.pool:
                room.ideas[idea_id].pair_id = pair.id
        del room.pair_history[saved["history"] :]  # the shuffle's new partners never met
        room.unshuffle = None
        marks.touch_everyone()

    return apply


def _pair_records(room: Room) -> list[dict[str, Any]]:
    """Every pair as plain JSON-safe data, for restoring it and for noticing a change."""
    return [
        {
            "id": p.id,
            "label": p.label,
            "members": list(p.members),
            "group_id": p.group_id,
            "pool": list(p.pool),
            "shortlist": list(p.shortlist),
            "confirmed": list(p.confirmed),
        }
        for p in room.pairs
    ]


def _clear_pairs(room: Room) -> None:
    """No pairs: nobody in one, no idea in a pool."""
    for pair in room.pairs:
        for idea_id in pair.pool:
            room.ideas[idea_id].pair_id = None
        for pid in pair.members:
            room.participants[pid].pair_id = None
    room.pairs = []
    room.pair_index = {}
    for group in room.groups:
        group.pairs = []


def _form_pairs(room: Room, rng: random.Random) -> None:
    _clear_pairs(room)
    history = {frozenset(two) for two in room.pair_history}
    for group in room.groups:  # pairs never cross groups
        people = [(pid, room.participants[pid].org_key) for pid in group.members]
        mix = room.setting("pair", "mix_orgs")
        for members in make_pairs(people, rng, history, mix_orgs=mix):
            pair = _new_pair(room, members, group.id)
            for i, a in enumerate(members):
                for b in members[i + 1 :]:
                    two = frozenset((a, b))
                    if two not in history:
                        history.add(two)
                        room.pair_history.append(sorted(two))
            for pid in members:
                pair.pool = list(merge(pair.pool, room.participants[pid].held, key=_seq))
            for idea_id in pair.pool:
                room.ideas[idea_id].pair_id = pair.id


def _seq(idea_id: str) -> int:
    return int(idea_id[1:])


def _new_pair(room: Room, members: list[str], group_id: str) -> Pair:
    number = len(room.pairs) + 1  # numbered across the whole session: "Pair 1" exists once
    pair = Pair(id=f"pr{number}", label=f"Pair {number}", members=list(members))
    pair.group_id = group_id
    room.pair_index[pair.id] = len(room.pairs)
    room.pairs.append(pair)
    room.group(group_id).pairs.append(pair.id)
    for pid in members:
        room.participants[pid].pair_id = pair.id
    return pair


def join_unconfirmed_pair(room: Room, pid: str) -> None:
    """A participant seated during Pair joins the smallest unconfirmed pair with members, or
    none (then `pair.*` gets `conflict`). Their arrival clears no confirmation."""
    group = room.group_of(pid)
    mine = [room.pairs[room.pair_index[i]] for i in group.pairs] if group is not None else []
    open_pairs = [p for p in mine if p.members and not p.is_confirmed]
    if not open_pairs:
        return
    pair = min(open_pairs, key=lambda p: len(p.members))
    pair.members.append(pid)
    room.participants[pid].pair_id = pair.id
    for other in pair.members[:-1]:
        two = sorted((other, pid))
        if two not in room.pair_history:
            room.pair_history.append(two)
    marks.touch(*pair.members)


def leave_pair(room: Room, pid: str) -> None:
    """A removed participant leaves their pair; the ideas they held stay in its pool."""
    pair = room.pair_of(pid)
    if pair is None:
        return
    leaver = room.participants[pid]
    pair.members.remove(pid)
    if pid in pair.confirmed:
        pair.confirmed.remove(pid)
    leaver.pair_id = None
    if pair.members:
        heir = room.participants[pair.members[0]]
        for idea_id in leaver.held:
            room.ideas[idea_id].holder = heir.id
        heir.held = list(merge(heir.held, leaver.held, key=_seq))
        leaver.held = []
    marks.touch(*pair.members)


def _my_pair(room: Room, sender: str) -> Pair | Refusal:
    pair = room.pair_of(sender)
    if room.phase.name == "pair":
        return pair if pair is not None else conflict("not_in_pair")
    if room.phase_index > _PAIR and pair is None:
        return conflict("not_in_pair")
    return wrong_phase("pair_phase")


def pair_write(room: Room, ctx: Ctx, args: TextArgs) -> Verdict:
    pair = _my_pair(room, ctx.sender)
    if isinstance(pair, Refusal):
        return pair
    if len(pair.pool) >= POOL_MAX:
        return limit_reached("pool_full", n=POOL_MAX)
    refused = too_long(args.text, room.setting("own", "max_chars"), "idea_too_long")
    if refused:
        return refused

    def apply() -> None:
        idea = write_idea(room, ctx, args.text, "pair", pair.id)
        pair.pool.append(idea.id)
        marks.touch(*pair.members)

    return apply


def pair_shortlist(room: Room, ctx: Ctx, args: PairShortlistArgs) -> Verdict:
    pair = _my_pair(room, ctx.sender)
    if isinstance(pair, Refusal):
        return pair
    wanted = list(args.idea_ids)
    if len(set(wanted)) != len(wanted):
        return bad_request("shortlisted_twice")
    for idea_id in wanted:
        idea = room.ideas.get(idea_id)
        if idea is None or idea.pair_id != pair.id or idea.hidden:
            return not_found("idea_not_in_pool")
    most = room.setting("pair", "shortlist_max")
    if len(wanted) > most:
        return limit_reached("shortlist_full", n=most)

    def apply() -> None:
        if wanted != pair.shortlist:
            pair.shortlist = wanted
            pair.confirmed = []
            marks.touch(*pair.members)

    return apply


def pair_confirm(room: Room, ctx: Ctx, args: NoArgs) -> Verdict:
    pair = _my_pair(room, ctx.sender)
    if isinstance(pair, Refusal):
        return pair
    if not pair.shortlist:
        return conflict("shortlist_empty")

    def apply() -> None:
        if ctx.sender not in pair.confirmed:
            pair.confirmed.append(ctx.sender)
            marks.touch(*pair.members)

    return apply
