"""Views: the protocol's shape, privacy, the private overlay, and dirty marks."""

from __future__ import annotations

from typing import Any

from opera.engine import private_overlay, public_view
from opera.engine.views import apply_overlay

from .scenario import Session

TOP = {"session", "phase", "participants", "progress", "pairs", "ideas", "clusters", "explain"}


def full_session() -> Session:
    s = Session()
    s.to_rank(6, orgs=["NHS", "Council", None])
    return s


def test_every_view_has_the_protocols_shape() -> None:
    s = full_session()
    board, host, mine = s.board(), s.hostv(), s.view("p0")
    assert set(board) >= TOP and "me" not in board
    assert set(host) >= TOP and "me" not in host
    assert TOP | {"me"} <= set(mine)
    assert set(board["session"]) == {"code", "title", "question", "settings", "notice"}
    assert set(board["phase"]) == {"name", "ends_at", "paused_left"}
    assert set(board["participants"]) == {"total", "online"}
    assert set(host["participants"]) == {"total", "online", "list"}
    assert set(board["progress"]) == {"done", "of"}
    assert set(board["explain"]) == {"order", "current", "ends_at"}
    for pair in board["pairs"]:
        assert {"id", "label", "members", "confirmed"} <= set(pair)
    for idea in board["ideas"]:
        assert {"id", "text", "pair_id", "points", "rank", "cluster_id"} <= set(idea)
    me = mine["me"]
    assert {"id", "name", "org", "ideas", "pair", "votes", "votes_left", "waiting"} <= set(me)
    assert {"id", "members", "pool", "shortlist", "confirmed"} <= set(me["pair"])
    person = host["participants"]["list"][0]
    assert {
        "id",
        "name",
        "org",
        "online",
        "done",
        "waiting",
        "group_id",
        "ideas",
        "own_done",
    } == set(person)


def test_participant_view_is_the_public_view_with_the_overlay_applied() -> None:
    s = full_session()
    for pid in s.room.participants:
        public = public_view(s.room, set())
        overlay = private_overlay(s.room, pid)
        assert apply_overlay(public, overlay) == s.view(pid)
        assert public == public_view(s.room, set())  # the overlay copies, never mutates


def test_overlay_names_the_pair_members_only_when_anonymous() -> None:
    s = full_session()
    pid = "p0"
    index = s.room.pair_index[s.room.participants[pid].pair_id or ""]
    assert set(private_overlay(s.room, pid)) == {"/me", f"/pairs/{index}/members"}
    s.host("session.configure", {"settings": {"anonymous": False}})
    assert set(private_overlay(s.room, pid)) == {"/me"}


def test_online_counts_presence_of_participants_not_removed() -> None:
    s = Session()
    s.people(3)
    assert s.board({"p0", "p1", "stranger"})["participants"] == {"total": 3, "online": 2}
    assert s.board({"p0", "p1"})["progress"] == {"done": 2, "of": 3}  # lobby progress
    host = s.hostv({"p1"})["participants"]["list"]
    assert [p["online"] for p in host] == [False, True, False]
    s.host("participant.remove", {"participant_id": "p1"})
    assert s.board({"p0", "p1"})["participants"] == {"total": 2, "online": 1}


def test_the_host_sees_no_idea_text_before_explain() -> None:
    s = Session()
    pids = s.people(4)
    s.write_ideas(pids)
    s.phase("pair")
    s.ok(s.room.pairs[0].members[0], "pair.write", {"text": "pair secret"})
    s.confirm_all()
    text = str(s.hostv())
    assert all(idea.text not in text for idea in s.room.ideas.values())
    assert "pair secret" not in text


def test_the_views_are_fresh_objects() -> None:
    s = full_session()
    view = s.board()
    view["session"]["settings"]["own"]["minutes"] = 99
    view["explain"]["order"].append("x")
    assert s.board()["session"]["settings"]["own"]["minutes"] == 5
    assert "x" not in s.board()["explain"]["order"]


def test_arrays_keep_creation_order_after_votes() -> None:
    s = Session(settings={"rank": {"voter": "person", "budget": 5, "own_pair_max": 5}})
    pids = s.to_rank(4)
    before = [i["id"] for i in s.board()["ideas"]]
    s.ok(pids[0], "vote.set", {"idea_id": before[-1], "points": 1})
    s.host("rank.reveal")
    assert [i["id"] for i in s.board()["ideas"]] == before


# -- dirty marks -----------------------------------------------------------------------


def marks(s: Session, name: str, sender: str, args: dict[str, Any] | None = None) -> set[str]:
    """Whom the outcome of this command marks: pids, or {"*"} for everyone."""
    outcome = s.ok(sender, name, args)
    return {"*"} if outcome.touched_all else set(outcome.touched)


def test_idea_commands_touch_their_author() -> None:
    s = Session()
    s.people(3)
    s.phase("own")
    assert marks(s, "idea.add", "p1", {"text": "x"}) == {"p1"}
    idea = s.room.participants["p1"].ideas[0]
    assert marks(s, "idea.edit", "p1", {"idea_id": idea, "text": "y"}) == {"p1"}
    assert marks(s, "idea.delete", "p1", {"idea_id": idea}) == {"p1"}


def test_pair_commands_touch_every_member_of_the_pair() -> None:
    s = Session()
    pids = s.people(5)
    s.write_ideas(pids)
    s.phase("pair")
    trio = next(p for p in s.room.pairs if len(p.members) == 3)
    a = trio.members[0]
    assert marks(s, "pair.write", a, {"text": "merged"}) == set(trio.members)
    assert marks(s, "pair.shortlist", a, {"idea_ids": trio.pool[:1]}) == set(trio.members)
    assert marks(s, "pair.confirm", a) == set(trio.members)


def test_a_join_touches_the_joiner_and_the_pair_they_join() -> None:
    s = Session(settings={"join": {"late": "open"}})
    s.people(4)
    s.phase("pair")
    joined = s.join("late")
    pair = s.room.pair_of("late")
    assert pair is not None
    assert joined.touched == set(pair.members) and not joined.touched_all


def test_a_pair_vote_touches_both_members() -> None:
    s = Session()
    pids = s.to_rank(4)
    pair = s.room.pair_of(pids[0])
    assert pair is not None
    idea = s.foreign_idea(pids[0])
    assert marks(s, "vote.set", pids[0], {"idea_id": idea, "points": 1}) == set(pair.members)


def test_a_person_vote_touches_the_voter() -> None:
    s = Session(settings={"rank": {"voter": "person"}})
    pids = s.to_rank(4)
    idea = s.foreign_idea(pids[0])
    assert marks(s, "vote.set", pids[0], {"idea_id": idea, "points": 1}) == {pids[0]}


def test_phase_settings_shuffle_and_hide_touch_everyone() -> None:
    s = Session()
    pids = s.people(4)
    s.write_ideas(pids)
    assert marks(s, "phase.start", "host", {"phase": "pair"}) == {"*"}
    assert marks(s, "pairs.shuffle", "host") == {"*"}
    settings = {"settings": {"anonymous": False}}
    assert marks(s, "session.configure", "host", settings) == {"*"}
    s.confirm_all()
    s.phase("explain")
    assert marks(s, "idea.hide", "host", {"idea_id": s.room.board[0]}) == {"*"}


def test_removal_touches_the_removed_and_their_pair() -> None:
    s = Session()
    s.people(4)
    s.phase("pair")
    pair = s.room.pair_of("p0")
    assert pair is not None
    members = set(pair.members)
    assert marks(s, "participant.remove", "host", {"participant_id": "p0"}) == members


def test_host_only_public_changes_touch_nobody() -> None:
    s = Session()
    s.people(4)
    s.phase("own")
    assert marks(s, "timer.pause", "host") == set()
    assert marks(s, "session.configure", "host", {"title": "New title"}) == set()


def test_a_refused_command_touches_nobody() -> None:
    s = Session()
    s.people(2)
    refused = s.cmd("p0", "idea.add", {"text": "too early"})
    assert refused.refusal is not None
    assert not refused.touched and not refused.touched_all
    again = s.cmd("host", "phase.start", {"phase": "own"}, cmd_id="once")
    assert again.touched_all
    repeated = s.cmd("host", "phase.start", {"phase": "own"}, cmd_id="once")
    assert repeated.duplicate_of == again.seq  # a retry applies nothing, so marks nobody
    assert not repeated.touched and not repeated.touched_all


def test_public_view_of_a_big_room_counts_and_hides_right() -> None:
    # What these views cost is measured by the bench (docs/performance.md), not timed here: a
    # timed test fails on a loaded machine and proves nothing about speed.
    s = Session(settings={"rank": {"voter": "person"}})
    s.people(2000, orgs=["A", "B", "C", None])
    s.phase("own")
    for pid in s.room.participants:
        s.ok(pid, "idea.add", {"text": f"idea of {pid}"})
    s.phase("pair")
    s.confirm_all()
    s.phase("explain")
    s.phase("rank")
    assert len(s.room.board) == 2000
    online = set(list(s.room.participants)[:1500])
    view = public_view(s.room, online)
    assert len(view["ideas"]) == 2000
    assert view["participants"]["online"] == 1500
    assert all(idea.get("points") is None for idea in view["ideas"])  # hidden until the reveal
    pid = next(iter(s.room.participants))
    assert private_overlay(s.room, pid)["/me"]["id"] == pid


def test_the_host_list_ticks_who_is_done_in_each_phase() -> None:
    s = Session()
    pids = s.people(4)
    s.phase("own")
    s.ok(pids[0], "idea.add", {"text": "one"})
    assert ticks(s) == [pids[0]]
    s.write_ideas(pids)
    s.phase("pair")
    assert ticks(s) == []
    pair = s.room.pairs[0]
    first = pair.members[0]
    s.ok(first, "pair.shortlist", {"idea_ids": pair.pool[:1]})
    s.ok(first, "pair.confirm")
    assert ticks(s) == [first]


def ticks(s: Session) -> list[str]:
    return [p["id"] for p in s.hostv()["participants"]["list"] if p["done"]]
