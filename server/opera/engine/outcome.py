"""What folding one entry gave: applied, refused (with a protocol error code) or a duplicate.

A refusal names its `reason`, a stable key of REASONS, and the `vars` its sentence needs; the
English sentence is made here from REASONS and nowhere else. Pages show the sentence for the
reason in the person's own language (web/js/lang/<code>-errors.js, `err_<reason>`), and the
English one when they have none. A count a sentence declines by is the var `n`, so that a
translation can choose its plural form by it.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, get_args

# In the protocol's order: when several checks fail, the first of these wins.
ErrorCode = Literal[
    "bad_request",
    "forbidden",
    "wrong_phase",
    "not_found",
    "limit_reached",
    "rate_limited",
    "conflict",
]
ERROR_CODES: tuple[str, ...] = get_args(ErrorCode)

Vars = Mapping[str, str | int]

# reason -> the English sentence, {name} placeholders filled from the refusal's vars.
REASONS: dict[str, str] = {
    # the log and the command envelope
    "session_exists": "This session already exists.",
    "unknown_entry": "Unknown kind of entry.",
    "no_sender": "A command needs a sender.",
    "bad_command_id": "A command id is 1 to 64 characters.",
    "no_time": "A command needs a time.",
    "bad_seed": "A command's seed is an integer.",
    "unknown_command": "Unknown command '{command}'.",
    "args_not_object": "{command}: args must be an object.",
    "bad_args": "{command}: {detail}.",
    # who may do what
    "participants_only": "Only participants can do that.",
    "not_in_session": "You are not in this session.",
    "wait_for_admission": "Please wait: the facilitator will let you in.",
    "host_only": "Only the host can do that.",
    "host_arranges": "Only the host arranges the board.",
    "board_read_only": "The board only shows; it cannot act.",
    # joining
    "bad_participant_id": "A participant id is 1 to 32 letters, digits, - or _.",
    "join_needs_key": "A join needs a key.",
    "name_missing": "Please give a name.",
    "org_not_text": "An organisation is a text.",
    "join_needs_time": "A join needs a time.",
    "already_joined": "That participant has already joined.",
    "session_closed": "This session is closed to newcomers.",
    "too_many_participants": "A session can have at most {n} participants.",
    "no_such_participant": "There is no such participant.",
    "person_not_waiting": "{name} is not waiting to be let in.",
    # texts too long
    "name_too_long": "A name can be at most {n} characters long.",
    "org_too_long": "An organisation can be at most {n} characters long.",
    "idea_too_long": "An idea can be at most {n} characters long.",
    "answer_too_long": "An answer can be at most {n} characters long.",
    "feedback_too_long": "A feedback sentence can be at most {n} characters long.",
    "label_too_long": "A label can be at most {n} characters long.",
    "owner_too_long": "An owner can be at most {n} characters long.",
    "action_too_long": "An action can be at most {n} characters long.",
    "title_too_long": "A title can be at most {n} characters long.",
    "question_too_long": "A question can be at most {n} characters long.",
    "notice_too_long": "A notice can be at most {n} characters long.",
    # the wrong phase for a command
    "timer_phase": "There is no timer now.",
    "shuffle_phase": "Pairs can only be shuffled during Pair.",
    "unshuffle_phase": "A shuffle can only be undone during Pair.",
    "explain_focus_phase": "A pair can only be spotlighted during Explain.",
    "reveal_phase": "Totals can only be revealed from Rank on.",
    "cluster_phase": "Clusters are made during Arrange.",
    "place_phase": "Ideas are placed during Arrange.",
    "hide_phase": "Ideas can only be hidden once they are on the board.",
    "groups_form_phase": "Groups are formed in the lobby.",
    "group_choose_phase": "Groups are chosen in the lobby.",
    "group_move_phase": "People can only change groups before Pair.",
    "plenary_focus_phase": "Groups are spotlighted during the plenary.",
    "idea_add_phase": "Ideas are written during Own.",
    "idea_edit_phase": "Ideas can only be changed during Own.",
    "idea_delete_phase": "Ideas can only be deleted during Own.",
    "own_done_phase": "You can only say you are done during Own.",
    "pair_phase": "That can only be done during Pair.",
    "reflection_phase": "Reflections are written during Reflect.",
    "feedback_phase": "Feedback is given during Reflect.",
    "vote_phase": "Votes are cast during Rank and the plenary.",
    "voting_closed": "Voting is closed.",
    "suggest_phase": "Clusters are suggested from Explain on.",
    # the session and its phases
    "bad_settings": "session.configure: {detail}.",
    "rank_setting_locked": "rank.{setting} cannot change once Rank has started.",
    "settings_locked": "The {section} settings cannot change once they are in use.",
    "prompts_locked": "reflect.prompts cannot change once Reflect has started.",
    "phase_passed": "The session is already past {phase}; phases cannot go back.",
    "plenary_without_groups": (
        "The plenary brings breakout groups together: this session has none."
    ),
    "timer_already_paused": "The timer is already paused.",
    "no_timer_running": "No timer is running.",
    "timer_not_paused": "The timer is not paused.",
    "no_timer_to_shorten": "No timer is running to shorten.",
    # breakout groups
    "first_group_too_small": "Group 1 would have fewer than {n} people.",
    "group_too_small": "{group} has fewer than {n} people.",
    "groups_off": "Breakout groups are off: set groups.size first.",
    "too_many_groups": "With {people} people there can be at most {n} groups.",
    "groups_by_host": "Groups are assigned by the host in this session.",
    "groups_not_open": "The groups are not open yet.",
    "no_such_group": "There is no such group.",
    "group_full": "{group} is full for now: choose another group.",
    "no_groups_yet": "There are no breakout groups yet.",
    "person_waiting": "{name} is waiting to be let in.",
    # Own
    "too_many_ideas": "You can write at most {n} ideas.",
    "no_such_idea": "You have no idea with that id.",
    # Pair
    "nothing_to_unshuffle": "There is no shuffle to undo.",
    "unshuffle_stale": (
        "The shuffle can no longer be undone: the new pairs have changed since "
        "(an idea written, a shortlist, a confirmation, someone removed or let in)."
    ),
    "not_in_pair": "You are not in a pair.",
    "pool_full": "A pair's pool can hold at most {n} ideas.",
    "shortlisted_twice": "pair.shortlist: an idea can be on the shortlist only once.",
    "idea_not_in_pool": "That idea is not in your pair's pool.",
    "shortlist_full": "A shortlist can hold at most {n} ideas.",
    "shortlist_empty": "Choose a shortlist before confirming it.",
    # Explain, Rank, the plenary
    "idea_not_on_board": "That idea is not on the board.",
    "pair_not_on_board": "That pair has no shortlist on the board.",
    "group_not_on_board": "That group has no idea on the plenary board.",
    "no_ballot": "You have no ballot.",
    # English says "1 vote" but "3 votes": a reason of its own for one vote
    "idea_cap_one": "You can give at most 1 vote to one idea.",
    "idea_cap": "You can give at most {n} votes to one idea.",
    "budget_one": "You have 1 vote in all.",
    "budget": "You have {n} votes in all.",
    "own_pair_cap_one": "You can give at most 1 vote to your own pair's ideas.",
    "own_pair_cap": "You can give at most {n} votes to your own pair's ideas.",
    "own_group_cap_one": "You can give at most 1 vote to your own group's ideas.",
    "own_group_cap": "You can give at most {n} votes to your own group's ideas.",
    # Arrange
    "listed_twice": "cluster.create: an idea can be listed only once.",
    "too_many_clusters": "There can be at most {n} clusters.",
    "cluster_update_empty": "cluster.update: give a label, an owner or an action.",
    "cluster_needs_label": "cluster.update: a cluster needs a label.",
    "no_such_cluster": "There is no such cluster.",
    # Reflect
    "prompt_out_of_range": "reflection.set: prompt must be between 0 and {last}.",
    # the connection
    "bad_frame": "{detail}",
    "hello_again": "hello was already said.",
    "slow_down": "Too many messages at once: wait a moment and try again.",
    "storage_down": "The server cannot save right now; nothing was changed. Try again in a moment.",
    "log_lost": (
        "The server's store lost the last changes (it restarted without its last second) and "
        "the session was reloaded from what it kept. Check the last few actions; people's "
        "phones send again what was not saved."
    ),
    "too_many_frames": "At most {n} frames a request.",
    # HTTP
    "bad_body": "{detail}",
    "body_too_large": "The request body may be at most {n} bytes.",
    "too_many_sessions": "Too many new sessions from here; wait a minute.",
    "too_many_guesses": "Too many unknown room codes; wait a minute.",
    "no_such_session": "There is no session with that code.",
    "host_token_missing": "Send the host token: Authorization: Bearer <token>.",
    "host_token_wrong": "That is not this session's host token.",
    "metrics_token_missing": "Send the metrics token: Authorization: Bearer …",
    "bad_export": "Exports are .csv, .md and .json.",
    "bad_appendix": "appendix is 0 or 1.",
    "report_link_expired": "This report link is not valid or has expired; open the report again.",
    "store_unreachable": "The server cannot reach its storage right now; try again in a moment.",
    "store_damaged": (
        "This session's stored data is damaged; the server's log says how to repair it."
    ),
    "http_status": "{detail}",  # Starlette's own answers: "Not Found", "Method Not Allowed"
}


def placeholders(template: str) -> frozenset[str]:
    """The {names} a template needs."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(template) if name)


def sentence(reason: str, vars: Vars) -> str:
    """The English sentence for a reason (KeyError for a reason or a var that is not there)."""
    return REASONS[reason].format_map(vars)


@dataclass(frozen=True, slots=True)
class Refusal:
    code: ErrorCode
    reason: str  # a key of REASONS
    vars: Vars = field(default_factory=dict)

    def __post_init__(self) -> None:
        sentence(self.reason, self.vars)  # a wrong reason or a missing var fails where it is made

    @property
    def message(self) -> str:
        """A sentence a participant can read, in English."""
        return sentence(self.reason, self.vars)


@dataclass(frozen=True, slots=True)
class Outcome:
    seq: int  # this entry's offset
    refusal: Refusal | None = None
    duplicate_of: int | None = None  # a retried command id: the original seq
    sender: str | None = None
    cmd_id: str | None = None
    # Dirty marks (engine/marks.py): whose private view this entry may have changed.
    touched: frozenset[str] = frozenset()
    touched_all: bool = False

    @property
    def applied(self) -> bool:
        return self.refusal is None and self.duplicate_of is None


def bad_request(reason: str, **vars: str | int) -> Refusal:
    return Refusal("bad_request", reason, vars)


def forbidden(reason: str, **vars: str | int) -> Refusal:
    return Refusal("forbidden", reason, vars)


def wrong_phase(reason: str, **vars: str | int) -> Refusal:
    return Refusal("wrong_phase", reason, vars)


def not_found(reason: str, **vars: str | int) -> Refusal:
    return Refusal("not_found", reason, vars)


def limit_reached(reason: str, **vars: str | int) -> Refusal:
    return Refusal("limit_reached", reason, vars)


def conflict(reason: str, **vars: str | int) -> Refusal:
    return Refusal("conflict", reason, vars)
