"""The ranked result: rows, and CSV, Markdown and JSON writers.

One row per visible idea on the board (hidden ideas are left out), in ranked order:
points, then ballots backing it (`votes`), then organisations backing it (`orgs`), then
creation (with `rank.order: breadth`, breadth first). Columns: rank, idea, points, cluster,
pair, votes, orgs, owner, action, status (`clustered` or `parked`), id, the group columns,
and `breadth` (organisations backing it with the small ones merged, breadth.py: what every
screen shows) and `breadth_groups` (for a plenary idea, how many groups' members back it).
`cluster` is the cluster's label and `pair` the pair's label, never names. No author is
ever exported.

In the CSV, a cell that starts with =, +, -, @, a tab or a carriage return gets a leading
apostrophe, so a spreadsheet shows it as text instead of running it as a formula.
"""

from __future__ import annotations

import copy
import csv
import io
from datetime import UTC, datetime
from typing import Any

from opera.lang import ENGLISH, Words

from .breadth import breadth, group_breadth
from .rank import PLENARY, ranking
from .reflect import exported_feedback, exported_reflections
from .state import Idea, Room

__all__ = ["COLUMNS", "group_rows", "md_text", "rows", "to_csv", "to_json", "to_markdown"]

COLUMNS: tuple[str, ...] = (
    "rank",
    "idea",
    "points",
    "cluster",
    "pair",
    "votes",
    "orgs",
    "owner",
    "action",
    "status",
    "id",
    "group",
    "group_rank",
    "group_points",
    "plenary_rank",
    "plenary_points",
    "breadth",
    "breadth_groups",
)


def rows(room: Room) -> list[dict[str, Any]]:
    """The ranked rows, best first: with groups, the plenary's ideas first in plenary rank
    order (when the plenary voted), then every other idea that reached a group's board, by
    group and group rank. `rank` and `points` are the plenary's for plenary ideas, the
    group's for the rest."""
    voted = room.plenary_voted
    result: list[dict[str, Any]] = []
    listed: set[str] = set()
    if voted:
        ranks, places = ranking(room, PLENARY)
        for idea_id in sorted(places, key=places.__getitem__):
            idea = room.ideas[idea_id]
            plenary = (ranks[idea_id], idea.plenary_points)
            result.append(_row(room, idea, plenary[0], idea.plenary_points, plenary))
            listed.add(idea_id)
    for group in room.groups:
        ranks, places = ranking(room, group.id)
        for idea_id in sorted(places, key=places.__getitem__):
            if idea_id not in listed:
                idea = room.ideas[idea_id]
                result.append(_row(room, idea, ranks[idea_id], idea.points, None))
    return result


def _row(
    room: Room, idea: Idea, rank: int, points: int, plenary: tuple[int, int] | None
) -> dict[str, Any]:
    cluster = room.clusters.get(idea.cluster_id) if idea.cluster_id is not None else None
    pair = room.pairs[room.pair_index[idea.pair_id]] if idea.pair_id in room.pair_index else None
    grouped = room.grouped
    group = room.group(idea.group_id) if grouped and idea.group_id is not None else None
    group_rank = ranking(room, idea.group_id or "")[0].get(idea.id) if grouped else None
    votes = idea.plenary_votes_by if plenary is not None else idea.votes_by
    orgs = idea.plenary_org_counts if plenary is not None else idea.org_counts
    return {
        "rank": rank,
        "idea": idea.text,
        "points": points,
        "cluster": cluster.label if cluster is not None else None,
        "pair": pair.label if pair is not None else None,
        "votes": len(votes),
        "orgs": len(orgs),
        "breadth": breadth(room, idea, plenary is not None),  # small organisations merged
        "breadth_groups": group_breadth(room, idea) if plenary is not None else None,
        "owner": cluster.owner if cluster is not None else None,
        "action": cluster.action if cluster is not None else None,
        "status": "clustered" if cluster is not None else "parked",
        "id": idea.id,
        "group": group.label if group is not None else None,
        "group_rank": idea.group_rank if idea.group_rank is not None else group_rank,
        "group_points": idea.points if grouped else None,
        "plenary_rank": plenary[0] if plenary is not None else None,
        "plenary_points": plenary[1] if plenary is not None else None,
        "cluster_id": idea.cluster_id,
        "pair_id": idea.pair_id,
        "group_id": idea.group_id if grouped else None,
    }


def _cell(value: Any) -> str:
    if value is None:
        return ""
    text = str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def spoken(row: dict[str, Any], words: Words) -> dict[str, Any]:
    """A row with its default pair and group labels ("Pair 3") in the export's language."""
    return dict(row, pair=words.label(row["pair"]), group=words.label(row["group"]))


def to_csv(room: Room, words: Words = ENGLISH) -> str:
    """The headers are COLUMNS in every language (an interface); default labels follow it."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for row in rows(room):
        said = spoken(row, words)
        writer.writerow([_cell(said[column]) for column in COLUMNS])
    return out.getvalue()


def _date(room: Room) -> str:
    return datetime.fromtimestamp(room.last_at, tz=UTC).strftime("%Y-%m-%d")


def md_text(value: Any) -> str:
    """A text on one Markdown line, with Markdown's and HTML's marks escaped."""
    if value is None:
        return ""
    text = " ".join(str(value).split())
    for char in ("\\", "|", "*", "_", "`", "[", "]", "<", ">"):
        text = text.replace(char, "\\" + char)
    return text


def to_markdown(room: Room, words: Words = ENGLISH) -> str:
    w = words
    ranked = [spoken(row, w) for row in rows(room)]
    counts = {
        "participants": w.count("participants", room.active),
        "pairs": w.count("pairs", len(room.pairs)),
        "ideas": w.count("ideas_on_board", len(ranked)),
    }
    lines = [
        f"# {md_text(room.title) or w('default_title')}",
        "",
        f"**{w('question')}:** {md_text(room.question)}",
        "",
        w("md_summary", code=room.code, date=w.date(room.last_at), **counts),
        "",
    ]
    if room.grouped:
        lines += _grouped_tables(room, ranked, w)
    else:
        lines += [f"## {w('ranked_ideas')}", "", *_table(ranked, w)]
    by_id = {row["id"]: row for row in ranked}
    lines += ["", f"## {w('clusters')}", ""]
    if not room.clusters:
        lines += [w("no_clusters"), ""]
    for cluster in room.clusters.values():
        lines.append(f"### {md_text(cluster.label)}")
        lines.append("")
        lines.append(f"- {w.labelled(w('owner'), md_text(cluster.owner) or w('none'))}")
        lines.append(f"- {w.labelled(w('next_action'), md_text(cluster.action) or w('none'))}")
        lines.append("")
        for idea_id in cluster.idea_ids:
            member = by_id.get(idea_id)
            if member is not None:
                points = w.count("points", member["points"])
                said = w("rank_points", rank=member["rank"], points=points)
                lines.append(f"1. {md_text(member['idea'])} ({said})")
        lines.append("")
    parked = [row for row in ranked if row["status"] == "parked"]
    if parked:
        lines += [f"## {w('parked')}", ""]
        lines += [
            f"- {md_text(row['idea'])} ({w.count('points', row['points'])})" for row in parked
        ]
        lines.append("")
    lines += _reflections(room, w)
    return "\n".join(lines).rstrip("\n") + "\n"


def _reflections(room: Room, w: Words) -> list[str]:
    """From Done on: each prompt's answers and the feedback, shuffled, without names."""
    feedback = exported_feedback(room)
    if feedback is None:
        return []
    lines = [f"## {w('reflections')}", ""]
    for item in exported_reflections(room):
        lines += [f"### {md_text(item['prompt'])}", ""]
        lines += [f"- {md_text(text)}" for text in item["texts"]] or [w("no_answers")]
        lines.append("")
    lines += [f"## {w('feedback')}", ""]
    average = feedback["average"]
    if average is None:
        lines.append(w("no_scores"))
    else:
        counts = ", ".join(w.labelled(str(s), w.number(n)) for s, n in feedback["counts"].items())
        people = w.count("people", feedback["answers"])
        shown = w.number(average)
        lines.append(w("md_average", average=shown, people=people, counts=counts))
    lines.append("")
    lines += [f"- {md_text(text)}" for text in feedback["texts"]]
    return lines


_MD_COLUMNS = (
    "col_rank",
    "col_idea",
    "col_points",
    "col_votes",
    "col_orgs",
    "col_cluster",
    "col_pair",
)


def _table(ranked: list[dict[str, Any]], w: Words) -> list[str]:
    head = [w(key) for key in _MD_COLUMNS]
    lines = ["| " + " | ".join(head) + " |", "|---:|---|---:|---:|---:|---|---|"]
    for row in ranked:
        lines.append(
            f"| {row['rank']} | {md_text(row['idea'])} | {w.number(row['points'])} "
            f"| {w.number(row['votes'])} | {w.number(row['orgs'])} "
            f"| {md_text(row['cluster'])} | {md_text(row['pair'])} |"
        )
    if not ranked:
        lines.append(f"| | {w('no_ideas')} | | | | | |")
    return lines


def _grouped_tables(room: Room, ranked: list[dict[str, Any]], w: Words) -> list[str]:
    """The plenary result on top, then a section per group with its own ranking."""
    lines: list[str] = []
    plenary = [row for row in ranked if row["plenary_rank"] is not None]
    if room.plenary_voted:
        lines += [f"## {w('plenary')}", "", *_table(plenary, w), ""]
    for group in room.groups:
        shown = group_rows(room, ranked, group.id)
        label = md_text(w.label(group.label))
        heading = w("group_heading", group=label, people=w.count("people", len(group.members)))
        lines += [f"## {heading}", "", *_table(shown, w), ""]
    return lines[:-1] if lines else lines


def group_rows(room: Room, ranked: list[dict[str, Any]], group_id: str) -> list[dict[str, Any]]:
    """One group's rows in its own rank order, with the group round's rank, points and
    support (a plenary idea's row holds the plenary's)."""
    ranks, places = ranking(room, group_id)
    mine = [row for row in ranked if row["group_id"] == group_id]
    mine.sort(key=lambda row: places[row["id"]])
    return [_group_round(room, row, ranks[row["id"]]) for row in mine]


def _group_round(room: Room, row: dict[str, Any], rank: int) -> dict[str, Any]:
    idea = room.ideas[row["id"]]
    return dict(
        row,
        rank=rank,
        points=row["group_points"],
        votes=len(idea.votes_by),
        orgs=len(idea.org_counts),
        breadth=breadth(room, idea, False),
        breadth_groups=None,
    )


def to_json(room: Room, words: Words = ENGLISH) -> dict[str, Any]:
    """The keys are fixed; the default pair and group labels follow the language."""
    ranked = [spoken(row, words) for row in rows(room)]
    visible = {row["id"] for row in ranked}
    return {
        "session": {
            "code": room.code,
            "title": room.title,
            "question": room.question,
            "date": _date(room),
            "at": room.last_at,
            "phase": room.phase.name,
            "participants": room.active,
            "pairs": len(room.pairs),
            "settings": copy.deepcopy(room.settings),
            "budget": room.groups[0].budget if not room.grouped else None,
            "revealed": room.revealed,
            "plenary_budget": room.plenary_budget,
            "plenary_revealed": room.plenary_revealed,
        },
        "groups": [
            {"id": group.id, "label": words.label(group.label), "size": len(group.members)}
            for group in (room.groups if room.grouped else [])
        ],
        "reflections": exported_reflections(room),  # [] before Done
        "record": copy.deepcopy(room.record),  # safe for everyone: labels and counts only
        "feedback": exported_feedback(room),  # null before Done
        "ideas": [
            {
                "id": row["id"],
                "text": row["idea"],
                "rank": row["rank"],
                "points": row["points"],
                "cluster": row["cluster"],
                "pair": row["pair"],
                "votes": row["votes"],
                "orgs": row["orgs"],
                "breadth": row["breadth"],
                "breadth_groups": row["breadth_groups"],
                "owner": row["owner"],
                "action": row["action"],
                "status": row["status"],
                "cluster_id": row["cluster_id"],
                "pair_id": row["pair_id"],
                "group": row["group"],
                "group_id": row["group_id"],
                "group_rank": row["group_rank"],
                "group_points": row["group_points"],
                "plenary_rank": row["plenary_rank"],
                "plenary_points": row["plenary_points"],
            }
            for row in ranked
        ],
        "clusters": [
            {
                "id": cluster.id,
                "label": cluster.label,
                "owner": cluster.owner,
                "action": cluster.action,
                "idea_ids": [i for i in cluster.idea_ids if i in visible],
            }
            for cluster in room.clusters.values()
        ],
    }
