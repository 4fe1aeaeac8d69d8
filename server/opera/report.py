"""The after-event pack, printable: `report.html` (and the same in `report.md`), for the host.

It renders the pack (`pack.py`: the export's rows, the same ranking, tie-break and columns
as the CSV) and nothing of the console, laid out like the packs these communities send
after an event: a cover with the focus question and the counts, the community by
organisation, the collective learning with a chart of points and breadth of support, a
page per breakout group, the key themes with their owners and actions, the reflections and
practical steps, the feedback, the record of what the facilitator changed and, when the
host opts in, an appendix of every idea that never reached the board. People are counted,
never named. Charts are inline SVG made on the server (`chart.py`).

Every user text is HTML-escaped. The style sheet is served apart (`STYLE`, at `/api/report.css`)
because the pages' Content-Security-Policy allows no inline style; it breaks the page before
each major section in print and fits A4 and Letter.

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
from html import escape
from typing import Any

from opera.chart import Bar, bars
from opera.engine.export import md_text
from opera.engine.rank import _points  # "1 point", "2 points", as everywhere
from opera.engine.state import Room
from opera.pack import OTHER, SMALL, Community, Pack, Ranking, Theme, build

__all__ = ["STYLE", "TICKET_SECONDS", "markdown", "render", "ticket_for", "ticket_valid"]

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


CHART_TOP = 10  # ideas in a ranking's chart; the table below lists them all
HEADINGS = {
    "question": "The focus question",
    "community": "The community",
    "learning": "The collective learning",
    "themes": "Key themes",
    "reflections": "Personal reflections and practical steps",
    "feedback": "Feedback",
    "record": "What the facilitator changed",
    "appendix": "Appendix: ideas that did not reach the board",
}
# The pack's own sentences, one wording for the page and the Markdown.
NOT_YET = "These are added to the pack once the session is finished (Done)."
BREADTH = (
    "how many organisations backed each one (those with fewer than 3 people here count "
    "together, as one)"
)
LEARNING = {
    "points": (
        f"The ideas on the board, ranked by the points everyone gave them, with the breadth "
        f"of their support: {BREADTH}. Ties go to the idea on more ballots, then to the one "
        "backed by more organisations."
    ),
    "breadth": (
        f"The ideas on the board, ranked by the breadth of their support first: {BREADTH}; "
        "then by the points everyone gave them."
    ),
}
GROUPS = "Groups: how many groups' members backed a plenary idea."
PLENARY = "This is the plenary's vote on the groups' top ideas; each group's own follows."
NO_PLENARY = "No plenary vote has taken place: each group's own ranking follows, a page each."
NO_IDEAS = "No ideas reached the board."
NO_THEMES = "No themes were made."
ANONYMOUS = "Each person's answers, in no particular order and without names."
RECORD = (
    "Every change the facilitator made to what people could see or do, in order (times in UTC)."
)
NOTHING_CHANGED = "The facilitator changed nothing during the session."
APPENDIX = (
    "Every other idea written in Own or in a pair, in no particular order, without authors "
    "or pairs."
)


def _e(value: Any) -> str:
    return escape("" if value is None else str(value), quote=True)


def _orgs(count: int) -> str:
    return f"{count} organisation" if count == 1 else f"{count} organisations"


def _people(count: int) -> str:
    return f"{count} person" if count == 1 else f"{count} people"


def _took_part(community: Community) -> str:
    people, orgs = _people(community.people), _orgs(community.organisations)
    return f"{people} from {orgs} took part."


def _merged(community: Community) -> str:
    """Who "Other organisations" holds, in counts only."""
    held = [_orgs(community.merged)] if community.merged else []
    if community.unnamed:
        held.append(f"{_people(community.unnamed)} naming none")
    if not held:
        return ""
    return (
        f"Organisations with fewer than {SMALL} people here are counted together as "
        f"“{OTHER}” ({' and '.join(held)})."
    )


def _group_line(page: Ranking) -> str:
    """A group's size and organisations: "5 people from 3 organisations: Council 3, and 2
    from other organisations." (small ones merged as in the community)."""
    community = page.community
    if community is None:
        return _people(page.people or 0)
    size = f"{_people(community.people)} from {_orgs(community.organisations)}"
    named = [f"{name} {count}" for name, count in community.rows if name != OTHER]
    other = sum(count for name, count in community.rows if name == OTHER)
    if not named:
        return f"{size}, none with {SMALL} or more people here."
    rest = f", and {other} from other organisations" if other else ""
    return f"{size}: {', '.join(named)}{rest}."


def _support(row: dict[str, Any]) -> str:
    return f"rank {row['rank']}, {_points(row['points'])}, backed by {_orgs(row['breadth'])}"


def _average(feedback: dict[str, Any]) -> str:
    if feedback["average"] is None:
        return "No scores were given."
    return (
        f"Average score {feedback['average']:g} out of 5, from {_people(feedback['answers'])} "
        "(1 is poor, 5 is excellent)."
    )


# -- the page ----------------------------------------------------------------------------


def render(room: Room, *, appendix: bool, rng: random.Random | None = None) -> str:
    """The pack as one HTML page. `rng` shuffles the appendix (a fresh system one by default)."""
    pack = build(room, appendix=appendix, rng=rng)
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="robots" content="noindex">',
        f"<title>{_e(pack.title)}: after-event pack</title>",
        '<link rel="stylesheet" href="/api/report.css">',
        "</head><body><main>",
        _cover(pack),
        _section("community", _mix(pack.community, key="community"), page=False),
        _learning(pack),
        *(_group(page) for page in pack.groups),
        _themes(pack.themes),
        _reflections(pack),
        _feedback(pack),
        _record(pack),
    ]
    if pack.appendix is not None:
        parts.append(_appendix(pack.appendix))
    parts.append("</main></body></html>")
    return "\n".join(parts) + "\n"


def _section(key: str, body: str, *, page: bool = True, heading: str | None = None) -> str:
    """A major section; in print each starts a new page (`page`)."""
    title = heading if heading is not None else HEADINGS[key]
    css = ' class="page"' if page else ""
    return f'<section id="{_e(key)}"{css}><h2>{_e(title)}</h2>{body}</section>'


def _p(text: str, css: str = "") -> str:
    return f'<p class="{css}">{_e(text)}</p>' if css else f"<p>{_e(text)}</p>"


def _cover(pack: Pack) -> str:
    facts = "".join(
        f"<div><dt>{_e(name)}</dt><dd>{_e(value)}</dd></div>" for name, value in pack.facts
    )
    body = _p(pack.question, "question") + f'<dl class="facts">{facts}</dl>'
    return (
        '<header class="cover"><p class="kicker">After-event pack</p>'
        f"<h1>{_e(pack.title)}</h1></header>" + _section("question", body, page=False)
    )


def _mix(community: Community, *, key: str) -> str:
    """Who took part: a sentence, the chart and the table of organisations."""
    merged = _merged(community)
    text = _p(_took_part(community)) + (_p(merged, "meta") if merged else "")
    if not community.rows:
        return text
    chart = bars(
        [Bar(name, count) for name, count in community.rows],
        key=key,
        name="Chart: people from each organisation (the table below has the figures)",
    )
    body = "".join(
        f'<tr><td>{_e(name)}</td><td class="n">{_e(count)}</td></tr>'
        for name, count in community.rows
    )
    table = (
        '<table class="mix"><thead><tr><th>Organisation</th><th class="n">People</th></tr>'
        f"</thead><tbody>{body}</tbody></table>"
    )
    return text + chart + table


def _learning(pack: Pack) -> str:
    if pack.learning is None:
        return _section("learning", _p(NO_PLENARY))
    intro = _p(LEARNING[pack.order]) + (_p(PLENARY) if pack.groups else "")
    return _section("learning", intro + _ranked(pack.learning, plenary=bool(pack.groups)))


def _group(page: Ranking) -> str:
    return _section(page.key, _p(_group_line(page)) + _ranked(page), heading=page.heading)


def _ranked(ranking: Ranking, *, plenary: bool = False) -> str:
    """A ranking's chart (its first ideas) and its table (every idea; with the groups
    backing each idea for the plenary's)."""
    if not ranking.rows:
        return _p(NO_IDEAS)
    top = ranking.rows[:CHART_TOP]
    chart = bars(
        [Bar(f"{row['rank']}. {row['idea']}", int(row["points"]), row["breadth"]) for row in top],
        key=ranking.key,
        name="Chart: points and organisations backing each idea (the table below has them all)",
    )
    shown = "" if len(ranking.rows) <= CHART_TOP else f" (the first {CHART_TOP})"
    caption = _p(f"Points per idea{shown}; each dot is one organisation backing it.", "meta")
    groups = _p(GROUPS, "meta") if plenary else ""
    return chart + caption + _table(ranking.rows, plenary) + groups


def _table(ranked: list[dict[str, Any]], plenary: bool) -> str:
    groups = '<th class="n">Groups</th>' if plenary else ""
    head = (
        '<thead><tr><th class="n">Rank</th><th>Idea</th><th class="n">Points</th>'
        f'<th class="n">Ballots</th><th class="n">Organisations</th>{groups}'
        "<th>Theme</th></tr></thead>"
    )
    body = "".join(
        "<tr>"
        f'<td class="n">{_e(row["rank"])}</td><td>{_e(row["idea"])}{_from(row, plenary)}</td>'
        f'<td class="n">{_e(row["points"])}</td><td class="n">{_e(row["votes"])}</td>'
        f'<td class="n">{_e(row["breadth"])}</td>'
        + (f'<td class="n">{_e(row["breadth_groups"])}</td>' if plenary else "")
        + f"<td>{_e(row['cluster'])}</td></tr>"
        for row in ranked
    )
    return f'<table class="ranked">{head}<tbody>{body}</tbody></table>'


def _from(row: dict[str, Any], plenary: bool) -> str:
    """A plenary idea's group, after its text."""
    return f' <span class="meta">{_e(_origin(row))}</span>' if plenary else ""


def _origin(row: dict[str, Any]) -> str:
    return f"({row['group']})"


def _themes(themes: list[Theme]) -> str:
    if not themes:
        return _section("themes", _p(NO_THEMES))
    return _section("themes", "".join(_theme(theme) for theme in themes))


def _theme(theme: Theme) -> str:
    ideas = "".join(
        f'<li>{_e(row["idea"])} <span class="meta">({_e(_support(row))})</span></li>'
        for row in theme.ideas
    )
    return (
        '<article class="theme">'
        f"<h3>{_e(theme.label)}</h3>"
        '<dl class="who">'
        f"<div><dt>Owner</dt><dd>{_e(theme.owner) or 'none'}</dd></div>"
        f"<div><dt>Next action</dt><dd>{_e(theme.action) or 'none'}</dd></div>"
        f"<div><dt>Points</dt><dd>{_e(theme.points)}</dd></div>"
        f"</dl><ol>{ideas}</ol></article>"
    )


def _reflections(pack: Pack) -> str:
    if not pack.finished:
        return _section("reflections", _p(NOT_YET))
    parts = [_p(ANONYMOUS)]
    for item in pack.reflections:
        texts = "".join(f"<li>{_e(text)}</li>" for text in item["texts"])
        parts.append(f"<h3>{_e(item['prompt'])}</h3>")
        parts.append(f'<ul class="answers">{texts}</ul>' if texts else _p("No answers."))
    return _section("reflections", "".join(parts))


def _feedback(pack: Pack) -> str:
    feedback = pack.feedback
    if feedback is None:
        return _section("feedback", _p(NOT_YET))
    parts = [_p(_average(feedback))]
    if feedback["answers"]:
        spread = [Bar(f"Score {s}", feedback["counts"][str(s)]) for s in (5, 4, 3, 2, 1)]
        parts.append(bars(spread, key="feedback", name="Chart: how many people gave each score"))
    texts = "".join(f"<li>{_e(text)}</li>" for text in feedback["texts"])
    if texts:
        parts.append(f'<h3>In their words</h3><ul class="answers">{texts}</ul>')
    return _section("feedback", "".join(parts))


def _record(pack: Pack) -> str:
    if not pack.record:
        return _section("record", _p(NOTHING_CHANGED))
    items = "".join(
        f'<li><span class="at">{_e(at)}</span> {_e(sentence)}</li>' for at, sentence in pack.record
    )
    return _section("record", _p(RECORD) + f'<ol class="record">{items}</ol>')


def _appendix(texts: list[str]) -> str:
    body = "".join(f"<li>{_e(text)}</li>" for text in texts) or "<li>None: every idea did.</li>"
    return (
        '<section id="appendix" class="page appendix">'
        f"<h2>{_e(HEADINGS['appendix'])}</h2>{_p(APPENDIX)}<ul>{body}</ul></section>"
    )


# -- the Markdown ------------------------------------------------------------------------


def markdown(room: Room, *, appendix: bool, rng: random.Random | None = None) -> str:
    """The same pack as Markdown (`report.md`): the charts' figures as tables."""
    pack = build(room, appendix=appendix, rng=rng)
    lines = [
        f"# {md_text(pack.title)}",
        "",
        f"After-event pack, session {pack.code}, {pack.date}.",
        "",
        f"## {HEADINGS['question']}",
        "",
        f"> {md_text(pack.question)}",
        "",
        *(f"- {name}: {md_text(value)}" for name, value in pack.facts),
        "",
        f"## {HEADINGS['community']}",
        "",
        *_md_mix(pack.community),
        *_md_learning(pack),
        *_md_themes(pack.themes),
        *_md_reflections(pack),
        *_md_record(pack),
    ]
    if pack.appendix is not None:
        lines += [f"## {HEADINGS['appendix']}", "", APPENDIX, ""]
        lines += [f"- {md_text(text)}" for text in pack.appendix] or ["None: every idea did."]
    return "\n".join(lines).rstrip("\n") + "\n"


def _md_mix(community: Community) -> list[str]:
    lines = [_took_part(community), ""]
    if _merged(community):
        lines += [_merged(community), ""]
    if community.rows:
        lines += ["| Organisation | People |", "|---|---:|"]
        lines += [f"| {md_text(name)} | {count} |" for name, count in community.rows]
        lines.append("")
    return lines


def _md_learning(pack: Pack) -> list[str]:
    lines = [f"## {HEADINGS['learning']}", ""]
    if pack.learning is None:
        lines += [NO_PLENARY, ""]
    else:
        lines += [LEARNING[pack.order], ""] + ([PLENARY, ""] if pack.groups else [])
        lines += _md_table(pack.learning.rows, plenary=bool(pack.groups))
        lines += [GROUPS, ""] if pack.groups and pack.learning.rows else []
    for page in pack.groups:
        lines += [f"## {md_text(page.heading)}", "", md_text(_group_line(page)), ""]
        lines += _md_table(page.rows)
    return lines


def _md_table(ranked: list[dict[str, Any]], plenary: bool = False) -> list[str]:
    if not ranked:
        return [NO_IDEAS, ""]
    groups = (" Groups |", "---:|") if plenary else ("", "")
    lines = [
        f"| Rank | Idea | Points | Ballots | Organisations |{groups[0]} Theme |",
        f"|---:|---|---:|---:|---:|{groups[1]}---|",
    ]
    lines += [
        f"| {row['rank']} | {md_text(row['idea'])}{_md_from(row, plenary)} "
        f"| {row['points']} | {row['votes']} "
        f"| {row['breadth']} |"
        + (f" {row['breadth_groups']} |" if plenary else "")
        + f" {md_text(row['cluster'])} |"
        for row in ranked
    ]
    return [*lines, ""]


def _md_from(row: dict[str, Any], plenary: bool) -> str:
    return f" {md_text(_origin(row))}" if plenary else ""


def _md_themes(themes: list[Theme]) -> list[str]:
    lines = [f"## {HEADINGS['themes']}", ""]
    if not themes:
        return [*lines, NO_THEMES, ""]
    for theme in themes:
        lines += [f"### {md_text(theme.label)}", ""]
        lines.append(f"- Owner: {md_text(theme.owner) or 'none'}")
        lines.append(f"- Next action: {md_text(theme.action) or 'none'}")
        lines += [f"- Points: {theme.points}", ""]
        lines += [f"1. {md_text(row['idea'])} ({_support(row)})" for row in theme.ideas]
        lines.append("")
    return lines


def _md_reflections(pack: Pack) -> list[str]:
    lines = [f"## {HEADINGS['reflections']}", ""]
    feedback = pack.feedback
    if feedback is None:
        return [*lines, NOT_YET, "", f"## {HEADINGS['feedback']}", "", NOT_YET, ""]
    lines += [ANONYMOUS, ""]
    for item in pack.reflections:
        lines += [f"### {md_text(item['prompt'])}", ""]
        lines += [f"- {md_text(text)}" for text in item["texts"]] or ["No answers."]
        lines.append("")
    lines += [f"## {HEADINGS['feedback']}", "", _average(feedback), ""]
    if feedback["answers"]:
        lines += ["| Score | People |", "|---:|---:|"]
        lines += [f"| {s} | {feedback['counts'][str(s)]} |" for s in (5, 4, 3, 2, 1)]
        lines.append("")
    if feedback["texts"]:
        lines += ["### In their words", ""]
        lines += [f"- {md_text(text)}" for text in feedback["texts"]]
        lines.append("")
    return lines


def _md_record(pack: Pack) -> list[str]:
    lines = [f"## {HEADINGS['record']}", ""]
    if not pack.record:
        return [*lines, NOTHING_CHANGED, ""]
    lines += [RECORD, ""]
    lines += [f"1. {at} {md_text(sentence)}" for at, sentence in pack.record]
    return [*lines, ""]


STYLE = """\
:root { color: #1a1a1a; background: #fff; font: 11pt/1.5 system-ui, "Segoe UI", sans-serif; }
main { max-width: 46rem; margin: 2rem auto; padding: 0 1rem; overflow-wrap: anywhere; }
.cover { border-top: 6px solid #2f5d8a; padding-top: .8rem; }
.kicker { margin: 0; font-size: 9pt; font-weight: 700; letter-spacing: .12em;
  text-transform: uppercase; color: #2f5d8a; }
h1 { font-size: 24pt; line-height: 1.15; margin: .2rem 0 1.2rem; }
h2 { font-size: 15pt; color: #1f3f5e; margin: 2.2rem 0 .6rem; padding-bottom: .2rem;
  border-bottom: 2px solid #2f5d8a; }
h3 { font-size: 12pt; margin: 1.2rem 0 .3rem; }
p { margin: .4rem 0; }
.question { font: italic 15pt/1.35 Georgia, "Times New Roman", serif; margin: 0 0 1.2rem;
  padding: .2rem 0 .2rem 1rem; border-left: 4px solid #2f5d8a; }
.facts { display: flex; flex-wrap: wrap; gap: .4rem 1.8rem; margin: 0; }
.facts dt { font-size: 9pt; color: #444; }
.facts dd { margin: 0; font-size: 13pt; font-weight: 600; }
.meta { color: #444; font-size: 9.5pt; }
.chart { display: block; width: 100%; height: auto; margin: .8rem 0 .2rem; }
.chart text { font-family: system-ui, "Segoe UI", sans-serif; }
table { width: 100%; border-collapse: collapse; margin: .6rem 0; }
th, td { text-align: left; vertical-align: top; padding: .25rem .4rem; }
th, td { border-bottom: 1px solid #ccc; }
th { font-size: 9pt; color: #333; border-bottom: 2px solid #999; }
.n { text-align: right; white-space: nowrap; }
.mix { width: auto; min-width: 50%; }
.ranked td:last-child { width: 22%; }
.theme { border: 1px solid #c8d3de; border-left: 4px solid #2f5d8a; border-radius: 3px;
  padding: .5rem .9rem; margin: .9rem 0; }
.theme h3 { margin-top: .2rem; }
.who { display: flex; flex-wrap: wrap; gap: .2rem 1.6rem; margin: 0 0 .3rem; }
.who dt { font-size: 9pt; color: #444; }
.who dd { margin: 0; font-weight: 600; }
.theme ol { margin: .3rem 0; padding-left: 1.4rem; }
.answers { padding-left: 1.2rem; }
.answers li { margin: .3rem 0; }
.record { padding-left: 1.6rem; }
.record li { margin: .2rem 0; }
.at { font-variant-numeric: tabular-nums; color: #444; margin-right: .4rem; }
.appendix ul { columns: 2; column-gap: 2rem; }
/* no size: the printer's A4 or Letter; both leave 180 mm between the margins */
@page { margin: 16mm 15mm 18mm;
  @bottom-right { content: counter(page) " / " counter(pages); font: 8pt system-ui;
    color: #555; } }
@media print {
  :root { font-size: 10pt; }
  main { max-width: none; margin: 0; padding: 0; }
  .page { break-before: page; }
  .page > h2 { margin-top: 0; }
  tr, li, .theme, .chart, .facts { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  thead { display: table-header-group; }
}
"""
