"""The ranked result: rows, and CSV, Markdown and JSON writers.

One row per visible idea on the board (hidden ideas are left out), in ranked order:
points, then ballots backing it (`votes`), then organisations backing it (`orgs`), then
creation. Columns: rank, idea, points, cluster, pair, votes, orgs, owner, action, status
(`clustered` or `parked`), id. `cluster` is the cluster's label and `pair` the pair's label,
never names. No author is ever exported.

In the CSV, a cell that starts with =, +, -, @, a tab or a carriage return gets a leading
apostrophe, so a spreadsheet shows it as text instead of running it as a formula.
"""

from __future__ import annotations

import copy
import csv
import io
from datetime import UTC, datetime
from typing import Any

from .rank import ranking
from .state import Room

__all__ = ["COLUMNS", "rows", "to_csv", "to_json", "to_markdown"]

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
)


def rows(room: Room) -> list[dict[str, Any]]:
    """The ranked rows, best first."""
    ranks, places = ranking(room)
    labels = {pair.id: pair.label for pair in room.pairs}
    result = []
    for idea_id in sorted(places, key=places.__getitem__):
        idea = room.ideas[idea_id]
        cluster = room.clusters.get(idea.cluster_id) if idea.cluster_id is not None else None
        result.append(
            {
                "rank": ranks[idea_id],
                "idea": idea.text,
                "points": idea.points,
                "cluster": cluster.label if cluster is not None else None,
                "pair": labels.get(idea.pair_id) if idea.pair_id is not None else None,
                "votes": len(idea.votes_by),
                "orgs": len(idea.org_counts),
                "owner": cluster.owner if cluster is not None else None,
                "action": cluster.action if cluster is not None else None,
                "status": "clustered" if cluster is not None else "parked",
                "id": idea.id,
                "cluster_id": idea.cluster_id,
                "pair_id": idea.pair_id,
            }
        )
    return result


def _cell(value: Any) -> str:
    if value is None:
        return ""
    text = str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def to_csv(room: Room) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for row in rows(room):
        writer.writerow([_cell(row[column]) for column in COLUMNS])
    return out.getvalue()


def _date(room: Room) -> str:
    return datetime.fromtimestamp(room.last_at, tz=UTC).strftime("%Y-%m-%d")


def _md(value: Any) -> str:
    if value is None:
        return ""
    text = " ".join(str(value).split())
    for char in ("\\", "|", "*", "_", "`", "[", "]", "<", ">"):
        text = text.replace(char, "\\" + char)
    return text


def to_markdown(room: Room) -> str:
    ranked = rows(room)
    lines = [
        f"# {_md(room.title) or 'OPERA session'}",
        "",
        f"**Question:** {_md(room.question)}",
        "",
        f"Session {room.code}, {_date(room)}. "
        f"{room.active} participants, {len(room.pairs)} pairs, {len(ranked)} ideas on the board.",
        "",
        "## Ranked ideas",
        "",
        "| Rank | Idea | Points | Votes | Orgs | Cluster | Pair |",
        "|---:|---|---:|---:|---:|---|---|",
    ]
    for row in ranked:
        lines.append(
            f"| {row['rank']} | {_md(row['idea'])} | {row['points']} | {row['votes']} "
            f"| {row['orgs']} | {_md(row['cluster'])} | {_md(row['pair'])} |"
        )
    if not ranked:
        lines.append("| | No ideas reached the board. | | | | | |")
    by_id = {row["id"]: row for row in ranked}
    lines += ["", "## Clusters", ""]
    if not room.clusters:
        lines.append("No clusters were made.")
    for cluster in room.clusters.values():
        lines.append(f"### {_md(cluster.label)}")
        lines.append("")
        lines.append(f"- Owner: {_md(cluster.owner) or 'none'}")
        lines.append(f"- Next action: {_md(cluster.action) or 'none'}")
        lines.append("")
        for idea_id in cluster.idea_ids:
            member = by_id.get(idea_id)
            if member is not None:
                lines.append(
                    f"1. {_md(member['idea'])} (rank {member['rank']}, {member['points']} pts)"
                )
        lines.append("")
    parked = [row for row in ranked if row["status"] == "parked"]
    if parked:
        lines += ["## Parked", ""]
        lines += [f"- {_md(row['idea'])} ({row['points']} pts)" for row in parked]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def to_json(room: Room) -> dict[str, Any]:
    ranked = rows(room)
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
            "budget": room.budget,
            "revealed": room.revealed,
        },
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
                "owner": row["owner"],
                "action": row["action"],
                "status": row["status"],
                "cluster_id": row["cluster_id"],
                "pair_id": row["pair_id"],
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
