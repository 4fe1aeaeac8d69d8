"""The after-event pack as data: what `report.html` and `report.md` both show, section by
section, built once from the room so that the two never say different things.

Sections, in order: the focus question (with the date, code and counts), the community
(organisations and how many people from each; an organisation with fewer than `SMALL` people
is merged into "Other organisations", so nobody is singled out by it), the collective
learning (ranked ideas with points and breadth of support; with breakout groups the
plenary's), a page per group, the key themes (clusters with owner and action), the personal
reflections and practical steps (per prompt, shuffled, from Done on), the feedback, the
record of what the facilitator changed, and the opt-in appendix.

Nothing here holds a participant's name or id: people are counted, never listed.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from opera.engine.export import group_rows, rows
from opera.engine.record import wording
from opera.engine.reflect import exported_feedback, exported_reflections
from opera.engine.state import Room
from opera.lang import ENGLISH, Words

__all__ = ["NO_ORG", "OTHER", "SMALL", "Community", "Pack", "Ranking", "Theme", "build"]

SMALL = 3  # an organisation with fewer people than this is counted under OTHER
OTHER = ENGLISH("other_organisations")  # in the pack's language: Pack.other
NO_ORG = ENGLISH("no_organisation")


@dataclass(slots=True)
class Community:
    people: int
    organisations: int  # distinct organisations named, small ones included
    rows: list[tuple[str, int]]  # (organisation, people), largest first, OTHER last
    merged: int  # how many organisations OTHER holds
    unnamed: int  # people in OTHER who named no organisation


@dataclass(slots=True)
class Ranking:
    key: str  # "learning", or "group-<id>": unique in the page
    heading: str
    rows: list[dict[str, Any]]  # export rows: rank, idea, points, votes, orgs, cluster
    people: int | None = None  # a group's size
    community: Community | None = None  # a group's organisations


@dataclass(slots=True)
class Theme:
    label: str
    owner: str | None
    action: str | None
    points: int
    ideas: list[dict[str, Any]]  # export rows, in the cluster's order


@dataclass(slots=True)
class Pack:
    title: str
    question: str
    date: str
    code: str
    facts: list[tuple[str, str]]
    community: Community
    learning: Ranking | None  # None: breakout groups whose plenary did not vote
    groups: list[Ranking]
    themes: list[Theme]
    order: str  # rank.order: "points" or "breadth", what the ranking puts first
    finished: bool  # Done: the reflections and feedback are in
    reflections: list[dict[str, Any]]  # [{prompt, texts}]
    feedback: dict[str, Any] | None
    record: list[tuple[str, str]] = field(default_factory=list)  # (time, sentence)
    appendix: list[str] | None = None
    words: Words = ENGLISH  # the language the pack is in

    @property
    def other(self) -> str:
        """The row that holds the small organisations, as this language names it."""
        return self.words("other_organisations")


def build(
    room: Room, *, appendix: bool, rng: random.Random | None = None, words: Words = ENGLISH
) -> Pack:
    """The pack of this room in a language; `rng` shuffles the appendix (a fresh system one
    by default)."""
    ranked = rows(room)
    seated = [p for p in room.participants.values() if p.seated]
    community = _community([p.org_key for p in seated], _spellings(room, words), words)
    feedback = exported_feedback(room)
    return Pack(
        title=room.title or words("default_title"),
        question=room.question,
        date=words.date(room.created_at),
        code=room.code,
        facts=_facts(room, ranked, community, words),
        community=community,
        learning=_learning(room, ranked, words),
        groups=_groups(room, ranked, words),
        themes=_themes(room, ranked),
        order=room.setting("rank", "order"),
        finished=feedback is not None,
        reflections=exported_reflections(room),
        feedback=feedback,
        record=[(words.clock(entry["at"]), wording(entry, words)) for entry in room.record],
        appendix=_appendix(room, ranked, rng or random.SystemRandom()) if appendix else None,
        words=words,
    )


def _spellings(room: Room, words: Words) -> dict[str | None, str]:
    """Each organisation as the first person of it spelled it (the list's spelling, with
    `orgs.list`); people who gave none under NO_ORG."""
    names: dict[str | None, str] = {None: words("no_organisation")}
    for person in room.participants.values():
        if person.org_key is not None and person.org:
            names.setdefault(person.org_key, person.org.strip())
    return names


def _community(keys: list[str | None], names: dict[str | None, str], words: Words) -> Community:
    counts = Counter(keys)
    kept = sorted(
        (key for key, n in counts.items() if n >= SMALL),
        key=lambda key: (key is None, -counts[key], names[key].casefold()),
    )
    large = [(names[key], counts[key]) for key in kept]
    small = [n for n in counts.values() if n < SMALL]
    if small:
        large.append((words("other_organisations"), sum(small)))
    named = sum(1 for key in counts if key is not None)
    merged = sum(1 for key, n in counts.items() if n < SMALL and key is not None)
    unnamed = counts[None] if 0 < counts[None] < SMALL else 0
    return Community(len(keys), named, large, merged, unnamed)


def _facts(
    room: Room, ranked: list[dict[str, Any]], community: Community, words: Words
) -> list[tuple[str, str]]:
    facts = [
        (words("fact_date"), words.date(room.created_at)),
        (words("fact_code"), room.code),
        (words("fact_people"), words.number(community.people)),
        (words("fact_organisations"), words.number(community.organisations)),
        (words("fact_written"), words.number(len(room.ideas))),
        (words("fact_on_board"), words.number(len(ranked))),
    ]
    if room.grouped:
        facts.append((words("fact_groups"), words.number(len(room.groups))))
    return facts


def _learning(room: Room, ranked: list[dict[str, Any]], words: Words) -> Ranking | None:
    if not room.grouped:
        return Ranking("learning", words("h_learning"), ranked)
    if not room.plenary_voted:
        return None
    plenary = [row for row in ranked if row["plenary_rank"] is not None]
    return Ranking("learning", words("h_learning"), plenary)


def _groups(room: Room, ranked: list[dict[str, Any]], words: Words) -> list[Ranking]:
    """With breakout groups, each group's own ranking, size and organisations."""
    if not room.grouped:
        return []
    names = _spellings(room, words)
    pages = []
    for group in room.groups:
        keys = [room.participants[pid].org_key for pid in group.members]
        community = _community(keys, names, words)
        shown = group_rows(room, ranked, group.id)
        size = len(group.members)
        key = f"group-{group.id}"
        heading = words.label(group.label) or group.label
        pages.append(Ranking(key, heading, shown, people=size, community=community))
    return pages


def _themes(room: Room, ranked: list[dict[str, Any]]) -> list[Theme]:
    by_id = {row["id"]: row for row in ranked}
    themes = []
    for cluster in room.clusters.values():
        ideas = [by_id[i] for i in cluster.idea_ids if i in by_id]
        points = sum(int(row["points"]) for row in ideas)
        themes.append(Theme(cluster.label, cluster.owner, cluster.action, points, ideas))
    return themes


def _appendix(room: Room, ranked: list[dict[str, Any]], rng: random.Random) -> list[str]:
    """Every idea written that never reached the board (hidden ones did, and stay out),
    shuffled, with neither author nor pair."""
    on_board = {row["id"] for row in ranked}
    texts = [
        idea.text
        for idea in room.ideas.values()
        if idea.id not in on_board and not idea.on_board and not idea.hidden
    ]
    rng.shuffle(texts)
    return texts
