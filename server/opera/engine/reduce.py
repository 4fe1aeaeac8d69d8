"""Folding log entries into a room: `reduce` applies, `refusal` only checks.

Both run the same checks once (`_judge`: the rule returns a refusal or what to apply), in
the protocol's order: a malformed entry or
arguments (bad_request), the sender's role (forbidden), the phase (wrong_phase), then the
rule's own checks (not_found, limit_reached, conflict). A refused entry changes nothing
but `room.seq`. A command id the sender already had acknowledged is not applied again:
its outcome carries the original seq in `duplicate_of`.

Dirty marks (`Outcome.touched`, `Outcome.touched_all`; the rules make them through
engine/marks.py and the room keeps none), only on applied entries:

- everyone (`touched_all`): create, `phase.start`, `pairs.shuffle`, `pairs.unshuffle`,
  `idea.hide` (votes are refunded), `session.configure` when the settings change (not for
  title or question);
- the sender: `idea.add`, `idea.edit`, `idea.delete`, `own.done` (when it changes);
- every member of the sender's pair: `pair.write`, `pair.shortlist` (when it changes),
  `pair.confirm` (when it is new);
- every member of the ballot (both of a pair with `voter: pair`): `vote.set`;
- the joiner, and the members of the pair they join during Pair: join;
- the removed participant and the remaining members of their pair: `participant.remove`,
  `participants.remove` (each of the list);
- nobody: the timers, `explain.focus`, `rank.reveal`, the cluster commands, `idea.place`
  (these change only the public and host views, which the hub recomputes every batch).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from . import (
    admission,
    arrange,
    explain,
    groups,
    marks,
    own,
    pair,
    phases,
    plenary,
    rank,
    reflect,
    session,
)
from .commands import parse_args
from .outcome import (
    Outcome,
    Refusal,
    bad_request,
    conflict,
    forbidden,
    limit_reached,
    wrong_phase,
)
from .record import measure, note
from .rules import (
    KEY_MAX,
    NAME_MAX,
    ORG_MAX,
    PARTICIPANTS_MAX,
    Apply,
    Ctx,
    Role,
    Rule,
    Run,
    too_long,
)
from .settings import SettingsError, org_key, validate_settings
from .state import RETRY_MEMORY, Participant, Room, phases_from

_ID = re.compile(r"^[A-Za-z0-9_-]{1,32}$")

_ALL_BUT_LOBBY_AND_DONE = phases_from("own", "reflect")
_FROM_EXPLAIN = phases_from("explain")
_FROM_RANK = phases_from("rank")


def _rule(role: Role, phases_: frozenset[str] | None, reason: str, run: Run) -> Rule:
    return Rule(role, phases_, reason, run)


def _only(name: str) -> frozenset[str]:
    return frozenset({name})


RULES: dict[str, Rule] = {
    "session.configure": _rule("host", None, "", session.session_configure),
    "phase.start": _rule("host", None, "", phases.phase_start),
    "timer.pause": _rule("host", _ALL_BUT_LOBBY_AND_DONE, "timer_phase", phases.timer_pause),
    "timer.resume": _rule("host", _ALL_BUT_LOBBY_AND_DONE, "timer_phase", phases.timer_resume),
    "timer.add": _rule("host", _ALL_BUT_LOBBY_AND_DONE, "timer_phase", phases.timer_add),
    "pairs.shuffle": _rule("host", _only("pair"), "shuffle_phase", pair.shuffle_pairs),
    "pairs.unshuffle": _rule("host", _only("pair"), "unshuffle_phase", pair.unshuffle_pairs),
    "explain.focus": _rule(
        "focus",
        _only("explain"),
        "explain_focus_phase",
        explain.explain_focus,
    ),
    "rank.reveal": _rule("host", _FROM_RANK, "reveal_phase", rank.rank_reveal),
    "cluster.create": _rule("arrange", _only("arrange"), "cluster_phase", arrange.cluster_create),
    "cluster.update": _rule("arrange", _only("arrange"), "cluster_phase", arrange.cluster_update),
    "cluster.delete": _rule("arrange", _only("arrange"), "cluster_phase", arrange.cluster_delete),
    "idea.place": _rule("arrange", _only("arrange"), "place_phase", arrange.idea_place),
    "idea.hide": _rule(
        "host",
        _FROM_EXPLAIN,
        "hide_phase",
        session.idea_hide,
    ),
    "participant.remove": _rule("host", None, "", session.participant_remove),
    "participants.remove": _rule("host", None, "", session.participants_remove),
    "participant.admit": _rule("host", None, "", admission.participant_admit),
    "groups.form": _rule("host", _only("lobby"), "groups_form_phase", groups.groups_form),
    "group.choose": _rule("participant", _only("lobby"), "group_choose_phase", groups.group_choose),
    "group.move": _rule(
        "host",
        phases_from("lobby", "own"),
        "group_move_phase",
        groups.group_move,
    ),
    "plenary.focus": _rule(
        "host",
        _only("plenary"),
        "plenary_focus_phase",
        plenary.plenary_focus,
    ),
    "notice.set": _rule("host", None, "", session.notice_set),
    "idea.add": _rule("participant", _only("own"), "idea_add_phase", own.idea_add),
    "idea.edit": _rule("participant", _only("own"), "idea_edit_phase", own.idea_edit),
    "idea.delete": _rule("participant", _only("own"), "idea_delete_phase", own.idea_delete),
    "own.done": _rule("participant", _only("own"), "own_done_phase", own.own_done),
    # pair.* check the phase themselves: a participant with no pair gets `conflict`.
    "pair.write": _rule("participant", None, "", pair.pair_write),
    "pair.shortlist": _rule("participant", None, "", pair.pair_shortlist),
    "pair.confirm": _rule("participant", None, "", pair.pair_confirm),
    "reflection.set": _rule(
        "participant",
        _only("reflect"),
        "reflection_phase",
        reflect.reflection_set,
    ),
    "feedback.set": _rule("participant", _only("reflect"), "feedback_phase", reflect.feedback_set),
    "vote.set": _rule(
        "participant",
        frozenset({"rank", "plenary"}),
        "vote_phase",
        rank.vote_set,
    ),
}


def reduce(room: Room | None, entry: Mapping[str, Any]) -> tuple[Room, Outcome]:
    """Fold one log entry; `room=None` takes the `create` entry and makes the room."""
    if room is None:
        new = _create(entry)
        return new, Outcome(seq=new.seq, touched_all=True)
    room.seq += 1
    seq = room.seq
    kind = entry.get("kind")
    if kind == "cmd":
        return room, _command(room, entry, seq)
    verdict: Refusal | None
    if kind == "join":
        verdict = _judge_join(room, entry)
        if verdict is None:
            made, token = marks.start()
            try:
                _join(room, entry, seq)
            finally:
                marks.stop(token)
            return room, Outcome(seq, touched=frozenset(made.pids), touched_all=made.everyone)
    elif kind == "create":
        verdict = conflict("session_exists")
    else:
        verdict = bad_request("unknown_entry")
    return room, Outcome(seq=seq, refusal=verdict)


def refusal(room: Room, entry: Mapping[str, Any]) -> Refusal | None:
    """What `reduce` would refuse this entry with, without applying anything."""
    kind = entry.get("kind")
    if kind == "cmd":
        if _original(room, entry) is not None:
            return None  # a retry: answered with its original seq, never refused
        judged = _judge(room, entry, room.seq + 1)
        return judged if isinstance(judged, Refusal) else None
    if kind == "join":
        return _judge_join(room, entry)
    if kind == "create":
        return conflict("session_exists")
    return bad_request("unknown_entry")


def _command(room: Room, entry: Mapping[str, Any], seq: int) -> Outcome:
    sender = entry.get("sender")
    cmd_id = entry.get("id")
    known_sender = sender if isinstance(sender, str) else None
    known_id = cmd_id if isinstance(cmd_id, str) else None
    original = _original(room, entry)
    if original is not None:
        return Outcome(seq, None, original, known_sender, known_id)
    judged = _judge(room, entry, seq)
    if isinstance(judged, Refusal):
        return Outcome(seq, judged, None, known_sender, known_id)
    ctx, apply = judged
    name, args = entry["name"], entry.get("args") or {}
    was = measure(room, name, args) if ctx.sender == "host" else None  # for the record
    made, token = marks.start()
    try:
        apply()
    finally:
        marks.stop(token)
    note(room, name, args, ctx.at, was)
    room.last_at = ctx.at
    _remember(room, ctx.sender, known_id or "", seq)
    touched = frozenset(made.pids)
    return Outcome(seq, None, None, ctx.sender, known_id, touched, made.everyone)


def _original(room: Room, entry: Mapping[str, Any]) -> int | None:
    """The seq of this sender's earlier acknowledged command with the same id, if any."""
    sender, cmd_id = entry.get("sender"), entry.get("id")
    if not isinstance(sender, str) or not isinstance(cmd_id, str):
        return None
    record = room.acked.get(sender)
    return record.get(cmd_id) if record is not None else None


def _remember(room: Room, sender: str, cmd_id: str, seq: int) -> None:
    record = room.acked.setdefault(sender, {})
    record[cmd_id] = seq
    if len(record) > RETRY_MEMORY:
        del record[next(iter(record))]


def _judge(room: Room, entry: Mapping[str, Any], seq: int) -> Refusal | tuple[Ctx, Apply]:
    sender = entry.get("sender")
    cmd_id = entry.get("id")
    at = entry.get("at", 0.0)
    seed = entry.get("seed", 0)
    if not isinstance(sender, str) or not sender:
        return bad_request("no_sender")
    if not isinstance(cmd_id, str) or not 1 <= len(cmd_id) <= 64:
        return bad_request("bad_command_id")
    if isinstance(at, bool) or not isinstance(at, (int, float)):
        return bad_request("no_time")
    if isinstance(seed, bool) or not isinstance(seed, int):
        return bad_request("bad_seed")
    name = entry.get("name")
    args = parse_args(name, entry.get("args"))
    if isinstance(args, Refusal):
        return args
    rule = RULES[str(name)]
    refused = _check_role(room, rule, sender) or _check_phase(room, rule)
    if refused:
        return refused
    ctx = Ctx(sender=sender, seq=seq, at=float(at), seed=seed)
    verdict = rule.run(room, ctx, args)
    if isinstance(verdict, Refusal):
        return verdict
    return ctx, verdict


def _check_role(room: Room, rule: Rule, sender: str) -> Refusal | None:
    if sender == "host":
        if rule.role == "participant":
            return forbidden("participants_only")
        return None
    participant = room.participants.get(sender)
    if participant is None or participant.removed:
        return forbidden("not_in_session")
    if participant.waiting:
        return forbidden("wait_for_admission")
    if rule.role == "host" or (rule.role == "focus" and not room.grouped):
        return forbidden("host_only")
    if rule.role == "arrange" and room.setting("arrange", "by") != "everyone":
        return forbidden("host_arranges")
    return None


def _check_phase(room: Room, rule: Rule) -> Refusal | None:
    if rule.phases is None or room.phase.name in rule.phases:
        return None
    return wrong_phase(rule.phase_reason)


# -- create and join -------------------------------------------------------------------


def _create(entry: Mapping[str, Any]) -> Room:
    if entry.get("kind") != "create":
        raise ValueError("a room starts with a create entry")
    try:
        settings = validate_settings(entry.get("settings") or {})
    except SettingsError as error:
        raise ValueError(f"bad settings in the create entry: {error.message}") from error
    at = float(entry.get("at", 0.0))
    return Room(
        code=str(entry["code"]),
        title=str(entry.get("title") or "").strip(),
        question=str(entry.get("question") or "").strip(),
        settings=settings,
        host_key=str(entry["host_key"]),
        created_at=at,
        seq=1,
        last_at=at,
    )


def _judge_join(room: Room, entry: Mapping[str, Any]) -> Refusal | None:
    pid, key, name, org = (entry.get(k) for k in ("pid", "key", "name", "org"))
    at = entry.get("at", 0.0)
    if not isinstance(pid, str) or not _ID.match(pid) or pid == "host":
        return bad_request("bad_participant_id")
    if not isinstance(key, str) or not 1 <= len(key) <= KEY_MAX:
        return bad_request("join_needs_key")
    if not isinstance(name, str) or not name.strip():
        return bad_request("name_missing")
    if org is not None and not isinstance(org, str):
        return bad_request("org_not_text")
    if isinstance(at, bool) or not isinstance(at, (int, float)):
        return bad_request("join_needs_time")
    if pid in room.participants or key in room.keys:
        return conflict("already_joined")
    if admission.join_closed(room):
        return forbidden("session_closed")
    if room.active + len(room.waiting) >= PARTICIPANTS_MAX:
        return limit_reached("too_many_participants", n=PARTICIPANTS_MAX)
    return too_long(name.strip(), NAME_MAX, "name_too_long") or too_long(
        (org or "").strip(), ORG_MAX, "org_too_long"
    )


def _organisation(room: Room, given: str | None) -> str | None:
    """The organisation as shown: spaces collapsed, and spelled as in `orgs.list` when it
    names one of them in any case (a free one stays allowed: "Other...")."""
    org = " ".join((given or "").split()) or None
    if org is None:
        return None
    listed: dict[str, str] = {org_key(name): name for name in room.setting("orgs", "list")}
    return listed.get(org_key(org), org)


def _join(room: Room, entry: Mapping[str, Any], seq: int) -> None:
    org = _organisation(room, entry.get("org"))
    participant = Participant(
        id=entry["pid"],
        name=entry["name"].strip(),
        org=org,
        org_key=org_key(org) if org is not None else None,
        key=entry["key"],
        joined_seq=seq,
    )
    room.participants[participant.id] = participant
    room.keys[participant.key] = participant.id
    room.last_at = float(entry.get("at", 0.0))
    if admission.must_wait(room):
        participant.waiting = True
        room.waiting.append(participant.id)
        marks.touch(participant.id)
    else:
        admission.seat(room, participant)
