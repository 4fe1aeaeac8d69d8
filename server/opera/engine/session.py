"""The host's commands on the session itself: configure, remove a participant, hide an idea,
and the notice on every screen.

Settings in use are locked (`conflict`): the rank settings from Rank on, `groups.*` from Own
on, `plenary.*` from the plenary on. Setting `groups.size` to 0 in the lobby undoes formed
groups; `join.late: open` lets everyone waiting in."""

from __future__ import annotations

from typing import Any

from . import marks
from .admission import admit_all
from .arrange import on_current_board, unplace
from .commands import (
    IdeaRefArgs,
    NoticeArgs,
    ParticipantRefArgs,
    ParticipantsRefArgs,
    SessionConfigureArgs,
)
from .groups import one_group
from .outcome import Refusal, bad_request, conflict, not_found
from .pair import leave_pair
from .rank import drop_ballot, rank_started, refund_idea
from .reflect import prompts_locked
from .rules import NOTICE_MAX, QUESTION_MAX, TITLE_MAX, Ctx, Verdict, nothing, too_long
from .settings import SettingsError, validate_settings
from .state import PHASE_INDEX, Notice, Participant, Room

RANK_LOCKED = ("voter", "budget", "max_per_idea", "own_pair_max", "order")


def session_configure(room: Room, ctx: Ctx, args: SessionConfigureArgs) -> Verdict:
    settings: dict[str, Any] | None = None
    if args.settings is not None:
        try:
            settings = validate_settings(args.settings, base=room.settings)
        except SettingsError as error:
            return bad_request("bad_settings", detail=error.message)
    refused = too_long(args.title or "", TITLE_MAX, "title_too_long") or too_long(
        args.question or "", QUESTION_MAX, "question_too_long"
    )
    if refused:
        return refused
    if settings is not None:
        refused = _locked(room, settings)
        if refused:
            return refused

    def apply() -> None:
        if args.title is not None:
            room.title = args.title
        if args.question is not None:
            room.question = args.question
        if settings is not None and settings != room.settings:
            room.settings = settings
            marks.touch_everyone()
            if settings["join"]["late"] == "open":
                admit_all(room)
            if room.grouped and not settings["groups"]["size"]:
                one_group(room)

    return apply


def _locked(room: Room, settings: dict[str, Any]) -> Refusal | None:
    if rank_started(room):
        for name in RANK_LOCKED:
            if settings["rank"][name] != room.settings["rank"][name]:
                return conflict("rank_setting_locked", setting=name)
    for section, first in (("groups", "own"), ("plenary", "plenary")):
        if room.phase_index >= PHASE_INDEX[first] and settings[section] != room.settings[section]:
            return conflict("settings_locked", section=section)
    return prompts_locked(room, settings)


def notice_set(room: Room, ctx: Ctx, args: NoticeArgs) -> Verdict:
    refused = too_long(args.text, NOTICE_MAX, "notice_too_long")
    if refused:
        return refused

    def apply() -> None:
        room.notice = Notice(args.text, ctx.at) if args.text else None

    return apply


def participant_remove(room: Room, ctx: Ctx, args: ParticipantRefArgs) -> Verdict:
    participant = room.participants.get(args.participant_id)
    if participant is None or participant.removed:
        return not_found("no_such_participant")
    return lambda: remove(room, participant)


def participants_remove(room: Room, ctx: Ctx, args: ParticipantsRefArgs) -> Verdict:
    """All or nothing: one unknown or already removed id refuses the whole list."""
    chosen: dict[str, Participant] = {}
    for pid in args.participant_ids:
        participant = room.participants.get(pid)
        if participant is None or participant.removed:
            return not_found("no_such_participant")
        chosen[pid] = participant

    def apply() -> None:
        for participant in chosen.values():
            remove(room, participant)

    return apply


def remove(room: Room, participant: Participant) -> None:
    participant.removed = True
    room.keys.pop(participant.key, None)
    marks.touch(participant.id)
    if participant.waiting:  # never counted, never seated
        room.waiting.remove(participant.id)
        return
    room.active -= 1
    if participant.ideas:
        room.own_writers -= 1
    leave_pair(room, participant.id)
    group = room.group_of(participant.id)
    if group is not None:
        group.members.remove(participant.id)
    if room.grouped:
        marks.touch_everyone()  # a group's size changes
    if participant.ballot_id is not None:
        ballot = room.ballots[participant.ballot_id]
        if room.plenary is not None:  # the group round is frozen: its results stay
            pass
        elif ballot.id.startswith("person:"):
            drop_ballot(room, ballot)
        else:
            ballot.members.remove(participant.id)
        participant.ballot_id = None
    if participant.plenary_ballot_id is not None:
        drop_ballot(room, room.plenary_ballots[participant.plenary_ballot_id])
        participant.plenary_ballot_id = None


def idea_hide(room: Room, ctx: Ctx, args: IdeaRefArgs) -> Verdict:
    idea = room.ideas.get(args.idea_id)
    if idea is None or not on_current_board(room, idea):
        return not_found("idea_not_on_board")
    if idea.hidden:
        return nothing

    def apply() -> None:
        idea.hidden = True
        refund_idea(room, idea)
        unplace(room, idea)
        room.votes_version += 1
        marks.touch_everyone()

    return apply
