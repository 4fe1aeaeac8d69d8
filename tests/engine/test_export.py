"""Export: ranked rows, CSV, Markdown and JSON."""

from __future__ import annotations

import csv
import io
import json

from opera.engine import export

from .scenario import Session


def finished() -> Session:
    s = Session(settings={"rank": {"voter": "person", "budget": 2, "own_pair_max": 2}})
    pids = s.to_rank(6, orgs=["NHS", "Council", None])
    board = s.room.board
    for pid in pids[:4]:
        s.ok(pid, "vote.set", {"idea_id": board[0], "points": 1})
    s.ok(pids[4], "vote.set", {"idea_id": board[2], "points": 1})
    s.host("rank.reveal")
    s.phase("arrange")
    cid = f"c{s.host('cluster.create', {'label': 'Transport', 'idea_ids': [board[0]]}).seq}"
    s.host("cluster.update", {"cluster_id": cid, "owner": "Sam", "action": "Ask the council"})
    s.host("idea.hide", {"idea_id": board[5]})
    s.phase("done")
    return s


def test_rows_are_in_rank_order_without_hidden_ideas() -> None:
    s = finished()
    rows = export.rows(s.room)
    board = s.room.board
    assert [r["id"] for r in rows][:2] == [board[0], board[2]]
    assert board[5] not in [r["id"] for r in rows]
    assert [r["rank"] for r in rows] == [1, 2, 3, 3, 3]
    top = rows[0]
    assert top["points"] == 4 and top["votes"] == 4 and top["orgs"] == 2
    assert top["cluster"] == "Transport" and top["owner"] == "Sam"
    assert top["action"] == "Ask the council" and top["status"] == "clustered"
    assert rows[1]["status"] == "parked"
    assert all(r["pair"].startswith("Pair ") for r in rows)


def test_csv_has_the_protocol_columns_first() -> None:
    s = finished()
    text = export.to_csv(s.room)
    assert text.startswith("rank,idea,points,cluster,pair")
    table = list(csv.DictReader(io.StringIO(text)))
    assert len(table) == 5
    assert table[0]["idea"] == s.room.ideas[s.room.board[0]].text
    assert table[0]["cluster"] == "Transport" and table[0]["pair"].startswith("Pair ")


def test_csv_never_names_a_person() -> None:
    s = finished()
    text = export.to_csv(s.room) + export.to_markdown(s.room) + json.dumps(export.to_json(s.room))
    for person in s.room.participants.values():
        assert person.name not in text


def test_csv_defuses_formulas() -> None:
    s = Session()
    s.people(2)
    s.phase("own")
    s.ok("p0", "idea.add", {"text": "=HYPERLINK(1)"})
    s.ok("p1", "idea.add", {"text": "plain"})
    s.phase("pair")
    s.confirm_all()
    s.phase("explain")
    table = list(csv.DictReader(io.StringIO(export.to_csv(s.room))))
    assert {r["idea"] for r in table} == {"'=HYPERLINK(1)", "plain"}


def test_markdown_report() -> None:
    s = finished()
    text = export.to_markdown(s.room)
    assert text.startswith("# Partnership day\n")
    assert "**Question:** How might we?" in text
    assert "14 November 2023" in text  # the date of the last entry, in words
    assert "| Rank | Idea | Points |" in text
    assert "### Transport" in text and "Owner: Sam" in text and "Ask the council" in text


def test_json_export() -> None:
    s = finished()
    data = export.to_json(s.room)
    json.dumps(data)
    assert data["session"]["code"] == "ROOM1"
    assert data["session"]["question"] == "How might we?"
    first = data["ideas"][0]
    assert {"id", "text", "rank", "points", "cluster", "pair"} <= set(first)
    assert first["cluster"] == "Transport" and first["rank"] == 1
    assert data["clusters"][0]["label"] == "Transport"
    assert data["clusters"][0]["idea_ids"] == [first["id"]]


def test_export_before_any_board_is_empty_but_valid() -> None:
    s = Session()
    assert export.rows(s.room) == []
    assert export.to_csv(s.room).strip() == ",".join(export.COLUMNS)
    assert "No ideas reached the board" in export.to_markdown(s.room)
