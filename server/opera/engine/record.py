"""The record: what the facilitator changed, in order, with its time, for every screen.

Every host command that changes what people see or can do adds one entry when it is
applied and changed something (a no-op ack adds none): phase changes (with the phases
skipped), the timers, a shuffle and its undo, hiding an idea, removing people, admitting a
latecomer, forming groups and moving someone, settings edits (title and question
included), the reveal and notices. Spotlights (`explain.focus`, `plenary.focus`) and the
Arrange commands are not recorded: what they do is on the board for all to see.

An entry is `{"kind", "at", ...params}`: the kind is the command's name
(`participants.remove` is recorded as `participant.remove` with its count) and the params
are safe for everyone: labels ("Pair 3", "Group 2"), counts, phase names and setting
paths, never a person's name or organisation, an idea's text, or a setting's value. So one
list serves every view, the host's included; pages word each kind through their own
strings, and `wording` gives the sentence for the exports, in their language.

Entries are never changed once made and only ever appended, so a view's `record` grows by
`add` operations at its end. Views show the first `SHOWN` entries and then one `more`
marker (`record_view`); the exports hold every entry.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from opera.lang import ENGLISH, Words

from .settings import SETTING_PATHS
from .state import PHASE_INDEX, PHASES, Room

SHOWN = 500  # entries in a view; a session this busy is told to look at the export
MORE = "more"  # the kind of the marker after the SHOWN entries

Entry = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Before:
    """What an entry needs to know from before the command changed the room."""

    phase: str
    settings: Mapping[str, Any]
    title: str
    question: str
    revealed: tuple[bool, bool]  # the group round's, the plenary's
    notice: bool
    people: int  # seated plus waiting
    unchanged: bool  # the command would change nothing (idea.hide, group.move)


def measure(room: Room, name: str, args: Mapping[str, Any]) -> Before | None:
    """What the entry of this command is measured against; None: not recorded."""
    if name not in _PARAMS:
        return None
    return Before(
        phase=room.phase.name,
        settings=room.settings,  # replaced, never changed in place, by session.configure
        title=room.title,
        question=room.question,
        revealed=(room.revealed, room.plenary_revealed),
        notice=room.notice is not None,
        people=room.active + len(room.waiting),
        unchanged=_unchanged(room, name, args),
    )


def _unchanged(room: Room, name: str, args: Mapping[str, Any]) -> bool:
    """The two recorded commands acknowledged as no-ops without a state to compare."""
    if name == "idea.hide":
        idea = room.ideas.get(args.get("idea_id", ""))
        return idea is not None and idea.hidden
    if name == "group.move":
        person = room.participants.get(args.get("participant_id", ""))
        return person is not None and person.group_id == args.get("group_id")
    return False


def note(room: Room, name: str, args: Mapping[str, Any], at: float, was: Before | None) -> None:
    """After an applied host command: add its entry, if it changed anything."""
    if was is None:
        return
    params = _PARAMS[name](room, args, was)
    if params is None:
        return
    kind = "participant.remove" if name == "participants.remove" else name
    room.record.append({"kind": kind, "at": at, **params})


def record_view(room: Room) -> list[Entry]:
    """A view's `record`: the entries themselves (never changed), so views share them."""
    record = room.record
    if len(record) <= SHOWN:
        return list(record)
    return [*record[:SHOWN], {"kind": MORE, "at": record[SHOWN]["at"]}]


# -- the params of each kind -------------------------------------------------------------

Params = Callable[[Room, Mapping[str, Any], Before], Entry | None]


def _phase(room: Room, args: Mapping[str, Any], was: Before) -> Entry:
    start, end = PHASE_INDEX[was.phase], room.phase_index
    skipped = [name for name in PHASES[start + 1 : end] if name != "plenary" or room.grouped]
    return {"phase": room.phase.name, "from": was.phase, "skipped": skipped}


def _always(room: Room, args: Mapping[str, Any], was: Before) -> Entry:
    return {}


def _timer_add(room: Room, args: Mapping[str, Any], was: Before) -> Entry:
    return {"seconds": float(args["seconds"])}


def _hide(room: Room, args: Mapping[str, Any], was: Before) -> Entry | None:
    if was.unchanged:
        return None  # hidden already: a no-op ack
    idea = room.ideas[args["idea_id"]]
    pair = room.pairs[room.pair_index[idea.pair_id]] if idea.pair_id in room.pair_index else None
    group = room.group(idea.group_id) if room.grouped and idea.group_id else None
    return {
        "pair": pair.label if pair is not None else None,
        "group": group.label if group is not None else None,
    }


def _removed(room: Room, args: Mapping[str, Any], was: Before) -> Entry:
    return {"count": was.people - room.active - len(room.waiting)}


def _groups_form(room: Room, args: Mapping[str, Any], was: Before) -> Entry:
    return {"groups": len(room.groups)}


def _group_move(room: Room, args: Mapping[str, Any], was: Before) -> Entry | None:
    if was.unchanged:
        return None  # to the person's own group: a no-op ack
    return {"group": room.group(args["group_id"]).label}


def changed_paths(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    """The dotted settings paths whose values differ."""
    paths = []
    for path in SETTING_PATHS:
        section, _, leaf = path.partition(".")
        if (old[section][leaf] if leaf else old[section]) != (
            new[section][leaf] if leaf else new[section]
        ):
            paths.append(path)
    return paths


def _configure(room: Room, args: Mapping[str, Any], was: Before) -> Entry | None:
    texts = (("title", was.title, room.title), ("question", was.question, room.question))
    changed = [name for name, old, new in texts if old != new]
    if room.settings is not was.settings:
        changed += changed_paths(was.settings, room.settings)
    return {"changed": changed} if changed else None


def _reveal(room: Room, args: Mapping[str, Any], was: Before) -> Entry | None:
    if (room.revealed, room.plenary_revealed) == was.revealed:
        return None  # a second reveal in a round: a no-op ack
    return {"round": "plenary" if room.plenary_revealed != was.revealed[1] else "group"}


def _notice(room: Room, args: Mapping[str, Any], was: Before) -> Entry | None:
    if room.notice is None and not was.notice:
        return None  # clearing no notice
    return {"cleared": room.notice is None}


_PARAMS: dict[str, Params] = {
    "phase.start": _phase,
    "timer.pause": _always,
    "timer.resume": _always,
    "timer.add": _timer_add,
    "pairs.shuffle": _always,
    "pairs.unshuffle": _always,
    "idea.hide": _hide,
    "participant.remove": _removed,
    "participants.remove": _removed,
    "participant.admit": _always,
    "groups.form": _groups_form,
    "group.move": _group_move,
    "session.configure": _configure,
    "rank.reveal": _reveal,
    "notice.set": _notice,
}

RECORDED: frozenset[str] = frozenset(_PARAMS)  # the host commands with a record entry


# -- in words, for the exports (pages word the entries with their own strings) ----------


def wording(entry: Mapping[str, Any], words: Words = ENGLISH) -> str:
    """One entry as a sentence, in English unless `words` say otherwise."""
    kind = entry["kind"]
    if kind == "phase.start":
        phase = words.phase(entry["phase"])
        if entry["phase"] == entry["from"]:
            return words("rec_restarted", phase=phase)
        finished = entry["phase"] == "done"
        said = words("rec_finished") if finished else words("rec_started", phase=phase)
        skipped = ", ".join(words.phase(name) for name in entry["skipped"])
        return words("rec_skipping", said=said, skipped=skipped) if skipped else said
    if kind == "timer.add":
        return _timer_words(entry["seconds"], words)
    if kind == "idea.hide":
        pair, group = words.label(entry["pair"]), words.label(entry["group"])
        where = " (".join(filter(None, (pair, group)))
        where += ")" if pair and group else ""
        return words("rec_hidden_from", where=where) if where else words("rec_hidden")
    if kind == "participant.remove":
        return words.count("rec_removed", entry["count"])
    if kind == "groups.form":
        return words.count("rec_groups_formed", entry["groups"])
    if kind == "group.move":
        return words("rec_moved", group=words.label(entry["group"]) or "")
    if kind == "session.configure":
        return words("rec_settings", changed=", ".join(entry["changed"]))
    if kind == "rank.reveal":
        plenary = entry["round"] == "plenary"
        return words("rec_plenary_revealed" if plenary else "rec_revealed")
    if kind == "notice.set":
        return words("rec_notice_cleared" if entry["cleared"] else "rec_notice_posted")
    return words(_FIXED[kind])


_FIXED = {
    "timer.pause": "rec_paused",
    "timer.resume": "rec_resumed",
    "pairs.shuffle": "rec_shuffled",
    "pairs.unshuffle": "rec_unshuffled",
    "participant.admit": "rec_admitted",
    MORE: "rec_more",
}


def _timer_words(seconds: float, words: Words) -> str:
    amount = abs(seconds)
    added = seconds >= 0
    if amount % 60 == 0:
        key = "rec_minutes_added" if added else "rec_minutes_taken"
        return words.count(key, int(amount // 60))
    if amount == int(amount):
        return words.count("rec_seconds_added" if added else "rec_seconds_taken", int(amount))
    key = "rec_seconds_added" if added else "rec_seconds_taken"  # a fraction: never one
    return words(key, n=words.number(amount))
