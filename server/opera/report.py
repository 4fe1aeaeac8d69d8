"""The printed report: one self-contained HTML page of a session's result, for the host.

It renders the export's rows (`engine/export.py`: the same ranking, tie-break and columns as
the CSV) and nothing of the console: title, question, date, code, counts, the ranked ideas
with their points and breadth of support (distinct ballots and organisations), the clusters
with owners and actions and, when the host opts in, an appendix of every idea written that
never reached the board: no author, no pair, in a shuffled order, so nobody can be traced.
With breakout groups the plenary comes first, then a section per group.

Every user text is HTML-escaped. The style sheet is served apart (`STYLE`, at `/api/report.css`)
because the pages' Content-Security-Policy allows no inline style.

A page opened from the console cannot send an Authorization header, and a host token in a
URL would stay in the browser's history, so the console asks for a ticket first (with the
header) and opens the link it gets: `ticket_for` signs the room code, the appendix choice and
an expiry a few minutes ahead with the room's host key (the SHA-256 of the host token, known
to every server process, never sent to anyone), so any process can check it.
"""

from __future__ import annotations

import hashlib
import hmac
import random
from datetime import UTC, datetime
from html import escape
from typing import Any

from opera.engine.export import group_rows, rows
from opera.engine.rank import _points  # "1 point", "2 points", as everywhere
from opera.engine.state import Room

__all__ = ["STYLE", "TICKET_SECONDS", "render", "ticket_for", "ticket_valid"]

TICKET_SECONDS = 300  # how long a report link works


def _signature(room: Room, appendix: bool, expires: int) -> str:
    message = f"report|{room.code}|{int(appendix)}|{expires}".encode()
    return hmac.new(room.host_key.encode(), message, hashlib.sha256).hexdigest()


def ticket_for(room: Room, appendix: bool, now: float) -> tuple[str, int]:
    """A ticket for this room's report (with or without the appendix), and when it expires."""
    expires = int(now) + TICKET_SECONDS
    return f"{expires}.{_signature(room, appendix, expires)}", expires


def ticket_valid(room: Room, ticket: str, appendix: bool, now: float) -> bool:
    """The ticket was made for this room and this appendix choice, and has not expired."""
    expires_text, _, signature = ticket.partition(".")
    if not expires_text.isdigit() or len(expires_text) > 12:
        return False
    expires = int(expires_text)
    if now > expires:
        return False
    return hmac.compare_digest(signature, _signature(room, appendix, expires))


def _e(value: Any) -> str:
    return escape("" if value is None else str(value), quote=True)


def render(room: Room, *, appendix: bool, rng: random.Random | None = None) -> str:
    """The report page. `rng` shuffles the appendix (a fresh system one by default)."""
    ranked = rows(room)
    title = room.title or "OPERA session"
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="robots" content="noindex">',
        f"<title>{_e(title)}: report</title>",
        '<link rel="stylesheet" href="/api/report.css">',
        "</head><body><main>",
        f"<h1>{_e(title)}</h1>",
        f'<p class="question">{_e(room.question)}</p>',
        _facts(room, ranked),
    ]
    if room.grouped:
        parts += _grouped(room, ranked)
    else:
        parts.append(_section("Ranked ideas", ranked))
    parts.append(_clusters(room, ranked))
    if appendix:
        parts.append(_appendix(room, ranked, rng or random.SystemRandom()))
    parts.append("</main></body></html>")
    return "\n".join(parts) + "\n"


def _facts(room: Room, ranked: list[dict[str, Any]]) -> str:
    people = [p for p in room.participants.values() if p.seated]
    orgs = {p.org_key for p in people if p.org_key is not None}
    day = datetime.fromtimestamp(room.created_at, tz=UTC).strftime("%Y-%m-%d")
    facts = [
        ("Date", day),
        ("Session code", room.code),
        ("People", str(len(people))),
        ("Organisations", str(len(orgs))),
        ("Ideas written", str(len(room.ideas))),
        ("Ideas on the board", str(len(ranked))),
    ]
    if room.grouped:
        facts.append(("Groups", str(len(room.groups))))
    items = "".join(f"<div><dt>{_e(name)}</dt><dd>{_e(value)}</dd></div>" for name, value in facts)
    return f'<dl class="facts">{items}</dl>'


def _section(heading: str, ranked: list[dict[str, Any]]) -> str:
    head = (
        "<thead><tr><th>Rank</th><th>Idea</th><th>Points</th>"
        '<th title="distinct ballots">Ballots</th>'
        '<th title="distinct organisations">Organisations</th><th>Cluster</th></tr></thead>'
    )
    body = "".join(
        "<tr>"
        f'<td class="n">{_e(row["rank"])}</td><td>{_e(row["idea"])}</td>'
        f'<td class="n">{_e(row["points"])}</td><td class="n">{_e(row["votes"])}</td>'
        f'<td class="n">{_e(row["orgs"])}</td><td>{_e(row["cluster"])}</td>'
        "</tr>"
        for row in ranked
    )
    if not ranked:
        body = '<tr><td colspan="6">No ideas reached the board.</td></tr>'
    return f"<section><h2>{_e(heading)}</h2><table>{head}<tbody>{body}</tbody></table></section>"


def _grouped(room: Room, ranked: list[dict[str, Any]]) -> list[str]:
    """The plenary's ranking on top (when it voted), then each group's own, in its order."""
    parts: list[str] = []
    if room.plenary_voted:
        parts.append(_section("Plenary", [r for r in ranked if r["plenary_rank"] is not None]))
    for group in room.groups:
        shown = group_rows(room, ranked, group.id)
        parts.append(_section(f"{group.label} ({len(group.members)} people)", shown))
    return parts


def _clusters(room: Room, ranked: list[dict[str, Any]]) -> str:
    by_id = {row["id"]: row for row in ranked}
    if not room.clusters:
        return "<section><h2>Clusters</h2><p>No clusters were made.</p></section>"
    items = []
    for cluster in room.clusters.values():
        ideas = "".join(
            f"<li>{_e(by_id[i]['idea'])} "
            f'<span class="meta">(rank {_e(by_id[i]["rank"])}, '
            f"{_e(_points(by_id[i]['points']))})</span></li>"
            for i in cluster.idea_ids
            if i in by_id
        )
        items.append(
            '<article class="cluster">'
            f"<h3>{_e(cluster.label)}</h3>"
            f"<p><b>Owner:</b> {_e(cluster.owner) or 'none'}</p>"
            f"<p><b>Next action:</b> {_e(cluster.action) or 'none'}</p>"
            f"<ol>{ideas}</ol></article>"
        )
    return "<section><h2>Clusters</h2>" + "".join(items) + "</section>"


def _appendix(room: Room, ranked: list[dict[str, Any]], rng: random.Random) -> str:
    """Every idea written that never reached the board (hidden ones did, and stay out),
    shuffled, with neither author nor pair."""
    on_board = {row["id"] for row in ranked}
    texts = [
        idea.text
        for idea in room.ideas.values()
        if idea.id not in on_board and not idea.on_board and not idea.hidden
    ]
    rng.shuffle(texts)
    body = "".join(f"<li>{_e(text)}</li>" for text in texts) or "<li>None: every idea did.</li>"
    return (
        '<section class="appendix"><h2>Appendix: ideas that did not reach the board</h2>'
        "<p>Every other idea written in Own or in a pair, in no particular order, without "
        "authors or pairs.</p>"
        f"<ul>{body}</ul></section>"
    )


STYLE = """\
:root { color: #111; background: #fff; font: 11pt/1.45 system-ui, sans-serif; }
main { max-width: 46rem; margin: 2rem auto; padding: 0 1rem; overflow-wrap: anywhere; }
h1 { font-size: 20pt; margin: 0 0 .3rem; }
h2 { font-size: 14pt; margin: 1.6rem 0 .5rem; border-bottom: 1px solid #999; }
h3 { font-size: 12pt; margin: 1rem 0 .2rem; }
.question { font-size: 13pt; font-style: italic; margin: 0 0 1rem; }
.facts { display: flex; flex-wrap: wrap; gap: .3rem 1.6rem; margin: 0; }
.facts dt { font-size: 9pt; color: #444; }
.facts dd { margin: 0; font-weight: 600; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; vertical-align: top; padding: .2rem .4rem; }
th, td { border-bottom: 1px solid #ccc; }
th { font-size: 9pt; }
.n { text-align: right; white-space: nowrap; }
.meta { color: #444; }
.cluster p { margin: .1rem 0; }
.appendix ul { columns: 2; column-gap: 2rem; }
@page { margin: 16mm 15mm; }  /* no size: the printer's A4 or Letter, both fit 180 mm */
@media print {
  :root { font-size: 10pt; }
  main { max-width: none; margin: 0; padding: 0; }
  tr, li, .cluster h3 { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  thead { display: table-header-group; }
}
"""
