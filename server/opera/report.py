"""The after-event pack, printable: `report.html` (and the same in `report.md`), for the host.

It renders the pack (`pack.py`: the export's rows, the same ranking, tie-break and columns
as the CSV) and nothing of the console, laid out like the packs these communities send
after an event: a cover with the focus question and the counts, the community by
organisation, the collective learning with a chart of points and breadth of support, a
page per breakout group, the key themes with their owners and actions, the reflections and
practical steps, the feedback, the record of what the facilitator changed and, when the
host opts in, an appendix of every idea that never reached the board. People are counted,
never named. Charts are inline SVG made on the server (`chart.py`). Its words, numbers and
dates are in the language the host asked for (`opera.lang`, `?lang=`); what people wrote is
shown as they wrote it.

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
from opera.engine.state import Room
from opera.lang import ENGLISH, Words
from opera.pack import SMALL, Community, Pack, Ranking, Theme, build

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


def _e(value: Any) -> str:
    return escape("" if value is None else str(value), quote=True)


def _took_part(community: Community, w: Words) -> str:
    people = w.count("people", community.people)
    return w(
        "took_part", people=people, organisations=w.count("organisations", community.organisations)
    )


def _merged(community: Community, w: Words) -> str:
    """Who "Other organisations" holds, in counts only."""
    held = [w.count("organisations", community.merged)] if community.merged else []
    if community.unnamed:
        held.append(w("naming_none", people=w.count("people", community.unnamed)))
    if not held:
        return ""
    return w("merged", small=SMALL, other=w("other_organisations"), held=w.listed(held))


def _group_line(page: Ranking, w: Words) -> str:
    """A group's size and organisations: "5 people from 3 organisations: Council 3, and 2
    from other organisations." (small ones merged as in the community)."""
    community = page.community
    if community is None:
        return w.count("people", page.people or 0)
    people = w.count("people", community.people)
    size = w(
        "group_size", people=people, organisations=w.count("organisations", community.organisations)
    )
    other_name = w("other_organisations")
    named = [f"{name} {w.number(count)}" for name, count in community.rows if name != other_name]
    other = sum(count for name, count in community.rows if name == other_name)
    if not named:
        return w("group_all_small", size=size, small=SMALL)
    if other:
        return w("group_named_rest", size=size, named=", ".join(named), other=other)
    return w("group_named", size=size, named=", ".join(named))


def _support(row: dict[str, Any], w: Words) -> str:
    points = w.count("points", row["points"])
    return w(
        "support",
        rank=row["rank"],
        points=points,
        organisations=w.count("organisations", row["breadth"]),
    )


def _average(feedback: dict[str, Any], w: Words) -> str:
    if feedback["average"] is None:
        return w("no_scores")
    people = w.count("people", feedback["answers"])
    return w("average", average=w.number(feedback["average"]), people=people)


def _learning_text(pack: Pack) -> str:
    w = pack.words
    return w(f"learning_{pack.order}", breadth=w("breadth"))


# -- the page ----------------------------------------------------------------------------


def render(
    room: Room, *, appendix: bool, rng: random.Random | None = None, words: Words = ENGLISH
) -> str:
    """The pack as one HTML page in a language. `rng` shuffles the appendix (a fresh system
    one by default)."""
    pack = build(room, appendix=appendix, rng=rng, words=words)
    w = pack.words
    parts = [
        "<!doctype html>",
        f'<html lang="{_e(w.code)}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="robots" content="noindex">',
        f"<title>{_e(w('page_title', title=pack.title))}</title>",
        '<link rel="stylesheet" href="/api/report.css">',
        "</head><body><main>",
        _cover(pack),
        _section("community", _mix(pack.community, w, key="community"), w, page=False),
        _learning(pack),
        *(_group(page, w) for page in pack.groups),
        _themes(pack.themes, w),
        _reflections(pack),
        _feedback(pack),
        _record(pack),
    ]
    if pack.appendix is not None:
        parts.append(_appendix(pack.appendix, w))
    parts.append("</main></body></html>")
    return "\n".join(parts) + "\n"


def _section(
    key: str, body: str, w: Words, *, page: bool = True, heading: str | None = None
) -> str:
    """A major section; in print each starts a new page (`page`)."""
    title = heading if heading is not None else w(f"h_{key}")
    css = ' class="page"' if page else ""
    return f'<section id="{_e(key)}"{css}><h2>{_e(title)}</h2>{body}</section>'


def _p(text: str, css: str = "") -> str:
    return f'<p class="{css}">{_e(text)}</p>' if css else f"<p>{_e(text)}</p>"


def _cover(pack: Pack) -> str:
    w = pack.words
    facts = "".join(
        f"<div><dt>{_e(name)}</dt><dd>{_e(value)}</dd></div>" for name, value in pack.facts
    )
    body = _p(pack.question, "question") + f'<dl class="facts">{facts}</dl>'
    return (
        f'<header class="cover"><p class="kicker">{_e(w("kicker"))}</p>'
        f"<h1>{_e(pack.title)}</h1></header>" + _section("question", body, w, page=False)
    )


def _mix(community: Community, w: Words, *, key: str) -> str:
    """Who took part: a sentence, the chart and the table of organisations."""
    merged = _merged(community, w)
    text = _p(_took_part(community, w)) + (_p(merged, "meta") if merged else "")
    if not community.rows:
        return text
    chart = bars(
        [Bar(name, count) for name, count in community.rows],
        key=key,
        name=w("chart_organisations"),
    )
    body = "".join(
        f'<tr><td>{_e(name)}</td><td class="n">{_e(w.number(count))}</td></tr>'
        for name, count in community.rows
    )
    table = (
        f'<table class="mix"><thead><tr><th>{_e(w("col_organisation"))}</th>'
        f'<th class="n">{_e(w("col_people"))}</th></tr>'
        f"</thead><tbody>{body}</tbody></table>"
    )
    return text + chart + table


def _learning(pack: Pack) -> str:
    w = pack.words
    if pack.learning is None:
        return _section("learning", _p(w("no_plenary")), w)
    intro = _p(_learning_text(pack)) + (_p(w("plenary_note")) if pack.groups else "")
    return _section("learning", intro + _ranked(pack.learning, w, plenary=bool(pack.groups)), w)


def _group(page: Ranking, w: Words) -> str:
    body = _p(_group_line(page, w)) + _ranked(page, w)
    return _section(page.key, body, w, heading=page.heading)


def _ranked(ranking: Ranking, w: Words, *, plenary: bool = False) -> str:
    """A ranking's chart (its first ideas) and its table (every idea; with the groups
    backing each idea for the plenary's)."""
    if not ranking.rows:
        return _p(w("no_ideas"))
    top = ranking.rows[:CHART_TOP]
    chart = bars(
        [Bar(f"{row['rank']}. {row['idea']}", int(row["points"]), row["breadth"]) for row in top],
        key=ranking.key,
        name=w("chart_points"),
    )
    long = len(ranking.rows) > CHART_TOP
    caption = _p(w("chart_caption_top", n=CHART_TOP) if long else w("chart_caption"), "meta")
    groups = _p(w("groups_note"), "meta") if plenary else ""
    return chart + caption + _table(ranking.rows, w, plenary) + groups


def _head(w: Words, plenary: bool) -> list[tuple[str, bool]]:
    """The ranked tables' columns, as (heading, a number)."""
    keys = ["col_rank", "col_idea", "col_points", "col_ballots", "col_organisations"]
    keys += ["col_groups"] if plenary else []
    keys.append("col_theme")
    return [(w(key), key not in ("col_idea", "col_theme")) for key in keys]


def _table(ranked: list[dict[str, Any]], w: Words, plenary: bool) -> str:
    cells = "".join(
        f'<th class="n">{_e(name)}</th>' if number else f"<th>{_e(name)}</th>"
        for name, number in _head(w, plenary)
    )
    body = "".join(
        "<tr>"
        f'<td class="n">{_e(row["rank"])}</td><td>{_e(row["idea"])}{_from(row, w, plenary)}</td>'
        f'<td class="n">{_e(w.number(row["points"]))}</td>'
        f'<td class="n">{_e(w.number(row["votes"]))}</td>'
        f'<td class="n">{_e(w.number(row["breadth"]))}</td>'
        + (f'<td class="n">{_e(row["breadth_groups"])}</td>' if plenary else "")
        + f"<td>{_e(row['cluster'])}</td></tr>"
        for row in ranked
    )
    return f'<table class="ranked"><thead><tr>{cells}</tr></thead><tbody>{body}</tbody></table>'


def _from(row: dict[str, Any], w: Words, plenary: bool) -> str:
    """A plenary idea's group, after its text."""
    return f' <span class="meta">{_e(_origin(row, w))}</span>' if plenary else ""


def _origin(row: dict[str, Any], w: Words) -> str:
    return f"({w.label(row['group'])})"


def _themes(themes: list[Theme], w: Words) -> str:
    if not themes:
        return _section("themes", _p(w("no_themes")), w)
    return _section("themes", "".join(_theme(theme, w) for theme in themes), w)


def _theme(theme: Theme, w: Words) -> str:
    ideas = "".join(
        f'<li>{_e(row["idea"])} <span class="meta">({_e(_support(row, w))})</span></li>'
        for row in theme.ideas
    )
    return (
        '<article class="theme">'
        f"<h3>{_e(theme.label)}</h3>"
        '<dl class="who">'
        f"<div><dt>{_e(w('owner'))}</dt><dd>{_e(theme.owner) or _e(w('none'))}</dd></div>"
        f"<div><dt>{_e(w('next_action'))}</dt><dd>{_e(theme.action) or _e(w('none'))}</dd></div>"
        f"<div><dt>{_e(w('col_points'))}</dt><dd>{_e(w.number(theme.points))}</dd></div>"
        f"</dl><ol>{ideas}</ol></article>"
    )


def _reflections(pack: Pack) -> str:
    w = pack.words
    if not pack.finished:
        return _section("reflections", _p(w("not_yet")), w)
    parts = [_p(w("anonymous"))]
    for item in pack.reflections:
        texts = "".join(f"<li>{_e(text)}</li>" for text in item["texts"])
        parts.append(f"<h3>{_e(item['prompt'])}</h3>")
        parts.append(f'<ul class="answers">{texts}</ul>' if texts else _p(w("no_answers")))
    return _section("reflections", "".join(parts), w)


def _feedback(pack: Pack) -> str:
    w = pack.words
    feedback = pack.feedback
    if feedback is None:
        return _section("feedback", _p(w("not_yet")), w)
    parts = [_p(_average(feedback, w))]
    if feedback["answers"]:
        spread = [Bar(w("score", n=s), feedback["counts"][str(s)]) for s in (5, 4, 3, 2, 1)]
        parts.append(bars(spread, key="feedback", name=w("chart_scores")))
    texts = "".join(f"<li>{_e(text)}</li>" for text in feedback["texts"])
    if texts:
        parts.append(f'<h3>{_e(w("in_their_words"))}</h3><ul class="answers">{texts}</ul>')
    return _section("feedback", "".join(parts), w)


def _record(pack: Pack) -> str:
    w = pack.words
    if not pack.record:
        return _section("record", _p(w("nothing_changed")), w)
    items = "".join(
        f'<li><span class="at">{_e(at)}</span> {_e(sentence)}</li>' for at, sentence in pack.record
    )
    return _section("record", _p(w("record_intro")) + f'<ol class="record">{items}</ol>', w)


def _appendix(texts: list[str], w: Words) -> str:
    none = f"<li>{_e(w('appendix_none'))}</li>"
    body = "".join(f"<li>{_e(text)}</li>" for text in texts) or none
    return (
        '<section id="appendix" class="page appendix">'
        f"<h2>{_e(w('h_appendix'))}</h2>{_p(w('appendix_intro'))}<ul>{body}</ul></section>"
    )


# -- the Markdown ------------------------------------------------------------------------


def markdown(
    room: Room, *, appendix: bool, rng: random.Random | None = None, words: Words = ENGLISH
) -> str:
    """The same pack as Markdown (`report.md`): the charts' figures as tables."""
    pack = build(room, appendix=appendix, rng=rng, words=words)
    w = pack.words
    lines = [
        f"# {md_text(pack.title)}",
        "",
        w("md_intro", code=pack.code, date=pack.date),
        "",
        f"## {w('h_question')}",
        "",
        f"> {md_text(pack.question)}",
        "",
        *(f"- {w.labelled(name, md_text(value))}" for name, value in pack.facts),
        "",
        f"## {w('h_community')}",
        "",
        *_md_mix(pack.community, w),
        *_md_learning(pack),
        *_md_themes(pack.themes, w),
        *_md_reflections(pack),
        *_md_record(pack),
    ]
    if pack.appendix is not None:
        lines += [f"## {w('h_appendix')}", "", w("appendix_intro"), ""]
        lines += [f"- {md_text(text)}" for text in pack.appendix] or [w("appendix_none")]
    return "\n".join(lines).rstrip("\n") + "\n"


def _md_mix(community: Community, w: Words) -> list[str]:
    lines = [_took_part(community, w), ""]
    if _merged(community, w):
        lines += [_merged(community, w), ""]
    if community.rows:
        lines += [f"| {w('col_organisation')} | {w('col_people')} |", "|---|---:|"]
        lines += [f"| {md_text(name)} | {w.number(count)} |" for name, count in community.rows]
        lines.append("")
    return lines


def _md_learning(pack: Pack) -> list[str]:
    w = pack.words
    lines = [f"## {w('h_learning')}", ""]
    if pack.learning is None:
        lines += [w("no_plenary"), ""]
    else:
        lines += [_learning_text(pack), ""] + ([w("plenary_note"), ""] if pack.groups else [])
        lines += _md_table(pack.learning.rows, w, plenary=bool(pack.groups))
        lines += [w("groups_note"), ""] if pack.groups and pack.learning.rows else []
    for page in pack.groups:
        lines += [f"## {md_text(page.heading)}", "", md_text(_group_line(page, w)), ""]
        lines += _md_table(page.rows, w)
    return lines


def _md_table(ranked: list[dict[str, Any]], w: Words, plenary: bool = False) -> list[str]:
    if not ranked:
        return [w("no_ideas"), ""]
    head = _head(w, plenary)
    lines = [
        "| " + " | ".join(name for name, _ in head) + " |",
        "|" + "|".join("---:" if number else "---" for _, number in head) + "|",
    ]
    lines += [
        f"| {row['rank']} | {md_text(row['idea'])}{_md_from(row, w, plenary)} "
        f"| {w.number(row['points'])} | {w.number(row['votes'])} "
        f"| {w.number(row['breadth'])} |"
        + (f" {row['breadth_groups']} |" if plenary else "")
        + f" {md_text(row['cluster'])} |"
        for row in ranked
    ]
    return [*lines, ""]


def _md_from(row: dict[str, Any], w: Words, plenary: bool) -> str:
    return f" {md_text(_origin(row, w))}" if plenary else ""


def _md_themes(themes: list[Theme], w: Words) -> list[str]:
    lines = [f"## {w('h_themes')}", ""]
    if not themes:
        return [*lines, w("no_themes"), ""]
    for theme in themes:
        lines += [f"### {md_text(theme.label)}", ""]
        lines.append(f"- {w.labelled(w('owner'), md_text(theme.owner) or w('none'))}")
        lines.append(f"- {w.labelled(w('next_action'), md_text(theme.action) or w('none'))}")
        lines += [f"- {w.labelled(w('col_points'), w.number(theme.points))}", ""]
        lines += [f"1. {md_text(row['idea'])} ({_support(row, w)})" for row in theme.ideas]
        lines.append("")
    return lines


def _md_reflections(pack: Pack) -> list[str]:
    w = pack.words
    lines = [f"## {w('h_reflections')}", ""]
    feedback = pack.feedback
    if feedback is None:
        return [*lines, w("not_yet"), "", f"## {w('h_feedback')}", "", w("not_yet"), ""]
    lines += [w("anonymous"), ""]
    for item in pack.reflections:
        lines += [f"### {md_text(item['prompt'])}", ""]
        lines += [f"- {md_text(text)}" for text in item["texts"]] or [w("no_answers")]
        lines.append("")
    lines += [f"## {w('h_feedback')}", "", _average(feedback, w), ""]
    if feedback["answers"]:
        lines += [f"| {w('col_score')} | {w('col_people')} |", "|---:|---:|"]
        lines += [f"| {s} | {feedback['counts'][str(s)]} |" for s in (5, 4, 3, 2, 1)]
        lines.append("")
    if feedback["texts"]:
        lines += [f"### {w('in_their_words')}", ""]
        lines += [f"- {md_text(text)}" for text in feedback["texts"]]
        lines.append("")
    return lines


def _md_record(pack: Pack) -> list[str]:
    w = pack.words
    lines = [f"## {w('h_record')}", ""]
    if not pack.record:
        return [*lines, w("nothing_changed"), ""]
    lines += [w("record_intro"), ""]
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
