"""Breakout groups: forming them, choosing one, moving people, and where newcomers go.

- With `groups.size` 0 the session is one group (`g1`, never shown: `Room.grouped` false).
- `groups.form` (lobby) deals everyone anew into `count` groups, or makes `count` empty ones
  with `assign: choose`. Without it, groups are formed at `phase.start own`; whoever has not
  chosen by then is placed like a newcomer.
- Mix: people are laid out organisation by organisation (people without one are one more
  kind), largest first, and dealt round the groups in turn, so sizes differ by at most one
  and each organisation's people land in consecutive groups: no group has two more of one
  organisation than another.
- A newcomer (and an unplaced chooser) goes to the smallest group; among those, the one with
  fewest of their organisation, then the lowest-numbered.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from . import marks
from .commands import GroupMoveArgs, GroupRefArgs, GroupsFormArgs
from .outcome import Refusal, conflict, limit_reached, not_found
from .rules import Ctx, Verdict, nothing
from .state import Group, Participant, Room

MIN_GROUP = 2  # people a group needs to start Own


def groups_on(room: Room) -> bool:
    return bool(room.setting("groups", "size"))


def default_count(room: Room) -> int:
    size: int = room.setting("groups", "size")
    return max(1, -(-room.active // size))


def _seated(room: Room) -> list[Participant]:
    return [p for p in room.participants.values() if p.seated]


def make_groups(room: Room, count: int) -> None:
    """`count` empty groups, numbered from 1; everyone seated is without a group for now."""
    room.groups = [Group(id=f"g{n}", label=f"Group {n}") for n in range(1, count + 1)]
    room.group_index = {group.id: index for index, group in enumerate(room.groups)}
    room.grouped = True
    for person in room.participants.values():  # the removed too: their old group is gone
        person.group_id = None
        person.chose = False
    marks.touch_everyone()


def one_group(room: Room) -> None:
    """Back to a session without groups: everyone seated in the one hidden group."""
    room.groups = [Group(id="g1", label="Group 1")]
    room.group_index = {"g1": 0}
    room.grouped = False
    for person in room.participants.values():
        person.group_id = "g1" if person.seated else None
        person.chose = False
        if person.seated:
            room.groups[0].members.append(person.id)
    marks.touch_everyone()


def deal(people: Sequence[Participant], count: int, rng: random.Random) -> list[list[str]]:
    """The mix rule: organisation by organisation, largest first, dealt round the groups."""
    kinds: dict[str, list[str]] = {}
    for person in people:
        kinds.setdefault(person.org_key or "", []).append(person.id)
    buckets = list(kinds.values())
    for bucket in buckets:
        rng.shuffle(bucket)
    rng.shuffle(buckets)
    buckets.sort(key=len, reverse=True)
    dealt: list[list[str]] = [[] for _ in range(count)]
    for index, pid in enumerate(pid for bucket in buckets for pid in bucket):
        dealt[index % count].append(pid)
    return dealt


def form_mixed(room: Room, count: int, rng: random.Random) -> None:
    make_groups(room, count)
    people = _seated(room)
    for group, members in zip(room.groups, deal(people, count, rng), strict=True):
        keep = set(members)
        group.members = [p.id for p in people if p.id in keep]  # join order
        for pid in group.members:
            room.participants[pid].group_id = group.id


def smallest_group(room: Room, person: Participant) -> Group:
    def weight(group: Group) -> tuple[int, int]:
        same = sum(1 for pid in group.members if room.participants[pid].org_key == person.org_key)
        return len(group.members), same

    return min(room.groups, key=weight)  # min keeps the lowest-numbered among equals


def put_in_group(room: Room, person: Participant, group: Group) -> None:
    if person.group_id is not None:
        room.group(person.group_id).members.remove(person.id)
    group.members.append(person.id)
    person.group_id = group.id
    marks.touch(person.id)


def seat_in_group(room: Room, person: Participant) -> Group:
    """A newcomer's group: the one group without groups, else the smallest."""
    group = smallest_group(room, person) if room.grouped else room.groups[0]
    put_in_group(room, person, group)
    return group


def enter_own(room: Room, rng: random.Random) -> None:
    """Groups are formed at phase.start own if they were not; unplaced choosers are placed."""
    if not groups_on(room):
        return
    if not room.grouped:
        form_mixed(room, default_count(room), rng)
    for person in _seated(room):
        if person.group_id is None:
            put_in_group(room, person, smallest_group(room, person))
    marks.touch_everyone()


def too_small(room: Room) -> Refusal | None:
    """`conflict` naming a group that would start Own with fewer than 2 people."""
    if not groups_on(room):
        return None
    if not room.grouped:
        count = default_count(room)
        if room.active // count < MIN_GROUP:
            return conflict("first_group_too_small", n=MIN_GROUP)
        return None
    sizes = [len(group.members) for group in room.groups]
    for _ in (p for p in _seated(room) if p.group_id is None):
        sizes[sizes.index(min(sizes))] += 1
    for group, size in zip(room.groups, sizes, strict=True):
        if size < MIN_GROUP:
            return conflict("group_too_small", group=group.label, n=MIN_GROUP)
    return None


# -- commands ---------------------------------------------------------------------------


def groups_form(room: Room, ctx: Ctx, args: GroupsFormArgs) -> Verdict:
    if not groups_on(room):
        return conflict("groups_off")
    most = max(1, room.active // MIN_GROUP)
    count = args.count if args.count is not None else min(default_count(room), most)
    if count > most:
        return limit_reached("too_many_groups", people=room.active, n=most)

    def apply() -> None:
        if room.setting("groups", "assign") == "choose":
            make_groups(room, count)
        else:
            form_mixed(room, count, random.Random(ctx.seed))

    return apply


def group_choose(room: Room, ctx: Ctx, args: GroupRefArgs) -> Verdict:
    if room.setting("groups", "assign") != "choose":
        return conflict("groups_by_host")
    if not room.grouped:
        return conflict("groups_not_open")
    if args.group_id not in room.group_index:
        return not_found("no_such_group")
    group = room.group(args.group_id)
    person = room.participants[ctx.sender]
    if person.group_id == group.id:
        return nothing
    # sizes as if the chooser had left their group: one above the smallest is full
    smallest = min(len(g.members) - (g.id == person.group_id) for g in room.groups)
    if len(group.members) > smallest:
        return limit_reached("group_full", group=group.label)

    def apply() -> None:
        put_in_group(room, person, group)
        person.chose = True

    return apply


def group_move(room: Room, ctx: Ctx, args: GroupMoveArgs) -> Verdict:
    if not room.grouped:
        return conflict("no_groups_yet")
    person = room.participants.get(args.participant_id)
    if person is None or person.removed:
        return not_found("no_such_participant")
    if args.group_id not in room.group_index:
        return not_found("no_such_group")
    if person.waiting:
        return conflict("person_waiting", name=person.name)
    group = room.group(args.group_id)
    if person.group_id == group.id:
        return nothing

    def apply() -> None:
        put_in_group(room, person, group)
        marks.touch_everyone()  # both groups' counts change

    return apply
