"""The host's commands on the session itself: configure, remove a participant, hide an idea."""

from __future__ import annotations

from typing import Any

from .admission import admit_all
from .arrange import unplace
from .commands import IdeaRefArgs, ParticipantRefArgs, SessionConfigureArgs
from .outcome import bad_request, conflict, not_found
from .pair import leave_pair
from .rank import drop_ballot, refund_idea
from .rules import QUESTION_MAX, TITLE_MAX, Ctx, Verdict, nothing, too_long
from .settings import SettingsError, validate_settings
from .state import Participant, Room

RANK_LOCKED = ("voter", "budget", "max_per_idea", "own_pair_max")


def session_configure(room: Room, ctx: Ctx, args: SessionConfigureArgs) -> Verdict:
    settings: dict[str, Any] | None = None
    if args.settings is not None:
        try:
            settings = validate_settings(args.settings, base=room.settings)
        except SettingsError as error:
            return bad_request(f"session.configure: {error.message}.")
    refused = too_long(args.title or "", TITLE_MAX, "A title") or too_long(
        args.question or "", QUESTION_MAX, "A question"
    )
    if refused:
        return refused
    if settings is not None and room.budget is not None:
        for name in RANK_LOCKED:
            if settings["rank"][name] != room.settings["rank"][name]:
                return conflict(f"rank.{name} cannot change once Rank has started.")

    def apply() -> None:
        if args.title is not None:
            room.title = args.title
        if args.question is not None:
            room.question = args.question
        if settings is not None and settings != room.settings:
            room.settings = settings
            room.touched_all = True
            if settings["join"]["late"] == "open":
                admit_all(room)

    return apply


def participant_remove(room: Room, ctx: Ctx, args: ParticipantRefArgs) -> Verdict:
    participant = room.participants.get(args.participant_id)
    if participant is None or participant.removed:
        return not_found("There is no such participant.")
    return lambda: remove(room, participant)


def remove(room: Room, participant: Participant) -> None:
    participant.removed = True
    room.keys.pop(participant.key, None)
    room.touched.add(participant.id)
    if participant.waiting:  # never counted, never seated
        room.waiting.remove(participant.id)
        return
    room.active -= 1
    if participant.ideas:
        room.own_writers -= 1
    leave_pair(room, participant.id)
    if participant.ballot_id is not None:
        ballot = room.ballots[participant.ballot_id]
        if ballot.id.startswith("person:"):
            drop_ballot(room, ballot)
        else:
            ballot.members.remove(participant.id)
        participant.ballot_id = None


def idea_hide(room: Room, ctx: Ctx, args: IdeaRefArgs) -> Verdict:
    idea = room.ideas.get(args.idea_id)
    if idea is None or not idea.on_board:
        return not_found("That idea is not on the board.")
    if idea.hidden:
        return nothing

    def apply() -> None:
        idea.hidden = True
        refund_idea(room, idea)
        unplace(room, idea)
        room.votes_version += 1
        room.touched_all = True

    return apply
