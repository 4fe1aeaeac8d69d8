"""Latecomers: after the lobby a newcomer waits until the host lets them in.

- `join.late: admit` (the default): a participant who joins after the lobby waits
  (`waiting`): they count nowhere (`participants.total`, `online`, progress), have no pair and
  no ballot, may send nothing, and see only the session, the phase, the counts and their own
  `me` until `participant.admit`. `open`: they are admitted at once. `closed`: the join is
  refused (`forbidden`). Changing `join.late` to `open` admits everyone waiting.
- Being seated (joining in the lobby, or being admitted) during Pair puts the person in the
  smallest pair that is not confirmed (one with members), or in none: a confirmed pair's
  shortlist is agreed, and no join, admission or resume ever clears a confirmation.
"""

from __future__ import annotations

from . import marks
from .commands import ParticipantRefArgs
from .groups import seat_in_group
from .outcome import conflict, not_found
from .pair import join_unconfirmed_pair
from .rank import person_ballot, plenary_ballot, rank_started
from .rules import Ctx, Verdict
from .state import Participant, Room


def must_wait(room: Room) -> bool:
    """Whether a newcomer joining now waits for the host."""
    return room.phase.name != "lobby" and room.setting("join", "late") == "admit"


def join_closed(room: Room) -> bool:
    return room.phase.name != "lobby" and room.setting("join", "late") == "closed"


def seat(room: Room, participant: Participant) -> None:
    """Make an admitted participant count, with the pair and ballot the phase gives them."""
    participant.waiting = False
    room.active += 1
    marks.touch(participant.id)
    seat_in_group(room, participant)
    if room.grouped:
        marks.touch_everyone()  # a group's size changes
    if room.phase.name == "pair":
        join_unconfirmed_pair(room, participant.id)
    if rank_started(room) and room.plenary is None:
        person_ballot(room, participant)
    if room.plenary_voted:
        plenary_ballot(room, participant)


def admit_all(room: Room) -> None:
    for pid in room.waiting:
        seat(room, room.participants[pid])
    room.waiting = []


def participant_admit(room: Room, ctx: Ctx, args: ParticipantRefArgs) -> Verdict:
    participant = room.participants.get(args.participant_id)
    if participant is None or participant.removed:
        return not_found("no_such_participant")
    if not participant.waiting:
        return conflict("person_not_waiting", name=participant.name)

    def apply() -> None:
        room.waiting.remove(participant.id)
        seat(room, participant)

    return apply
