"""A small driver for engine tests: a room fed with log entries, as the live edge would."""

from __future__ import annotations

from typing import Any

from opera.engine import (
    Outcome,
    Room,
    host_view,
    participant_view,
    public_view,
    reduce,
    refusal,
)

START = 1_700_000_000.0


class Session:
    """A room plus the log that made it; every entry goes through `reduce`."""

    def __init__(self, settings: dict[str, Any] | None = None, question: str = "How might we?"):
        self.log: list[dict[str, Any]] = []
        self.at = START
        self.counter = 0
        self.room: Room
        entry = {
            "kind": "create",
            "code": "ROOM1",
            "title": "Partnership day",
            "question": question,
            "settings": settings or {},
            "host_key": "h" * 64,
            "at": self.at,
        }
        self.log.append(entry)
        self.room, _ = reduce(None, entry)

    def fold(self, entry: dict[str, Any]) -> Outcome:
        self.log.append(entry)
        self.room, outcome = reduce(self.room, entry)
        assert outcome.seq == len(self.log) == self.room.seq
        return outcome

    def tick(self, seconds: float = 1.0) -> float:
        self.at += seconds
        return self.at

    def join(self, pid: str, name: str | None = None, org: str | None = None) -> Outcome:
        return self.fold(
            {
                "kind": "join",
                "pid": pid,
                "key": f"key-{pid}",
                "name": name or f"Name {pid}",
                "org": org,
                "at": self.tick(),
            }
        )

    def latecomer(self, pid: str, org: str | None = None) -> Outcome:
        """A newcomer after the lobby, let in by the host (join.late: admit)."""
        self.join(pid, org=org)
        return self.host("participant.admit", {"participant_id": pid})

    def people(self, count: int, orgs: list[str | None] | None = None) -> list[str]:
        pids = [f"p{i}" for i in range(count)]
        for i, pid in enumerate(pids):
            self.join(pid, org=orgs[i % len(orgs)] if orgs else None)
        return pids

    def entry(
        self, sender: str, name: str, args: dict[str, Any] | None = None, cmd_id: str | None = None
    ) -> dict[str, Any]:
        self.counter += 1
        return {
            "kind": "cmd",
            "sender": sender,
            "id": cmd_id or f"cmd{self.counter}",
            "name": name,
            "args": {} if args is None else args,
            "at": self.tick(),
            "seed": 1000 + self.counter,
        }

    def cmd(
        self, sender: str, name: str, args: dict[str, Any] | None = None, cmd_id: str | None = None
    ) -> Outcome:
        return self.fold(self.entry(sender, name, args, cmd_id))

    def ok(self, sender: str, name: str, args: dict[str, Any] | None = None) -> Outcome:
        outcome = self.cmd(sender, name, args)
        assert outcome.refusal is None, outcome.refusal
        return outcome

    def code(self, sender: str, name: str, args: dict[str, Any] | None = None) -> str | None:
        """The refusal code (None when applied); also checks `refusal` agrees with `reduce`."""
        entry = self.entry(sender, name, args)
        predicted = refusal(self.room, entry)
        outcome = self.fold(entry)
        assert predicted == outcome.refusal
        return outcome.refusal.code if outcome.refusal else None

    def host(self, name: str, args: dict[str, Any] | None = None) -> Outcome:
        return self.ok("host", name, args)

    def phase(self, name: str, **args: Any) -> Outcome:
        return self.host("phase.start", {"phase": name, **args})

    # -- views ---------------------------------------------------------------------------

    def board(self, online: set[str] | None = None) -> dict[str, Any]:
        return public_view(self.room, online or set())

    def hostv(self, online: set[str] | None = None) -> dict[str, Any]:
        return host_view(self.room, online or set())

    def view(self, pid: str, online: set[str] | None = None) -> dict[str, Any]:
        return participant_view(self.room, pid, online or set())

    def me(self, pid: str) -> dict[str, Any]:
        me: dict[str, Any] = self.view(pid)["me"]
        return me

    # -- whole phases --------------------------------------------------------------------

    def write_ideas(self, pids: list[str], each: int = 2) -> None:
        self.phase("own")
        for pid in pids:
            for n in range(each):
                self.ok(pid, "idea.add", {"text": f"{pid} idea {n}"})

    def confirm_all(self, size: int = 2) -> None:
        """Every pair shortlists the first `size` ideas of its pool and confirms."""
        for pair in list(self.room.pairs):
            if not pair.members:
                continue
            self.ok(pair.members[0], "pair.shortlist", {"idea_ids": pair.pool[:size]})
            for pid in pair.members:
                self.ok(pid, "pair.confirm")

    def to_rank(self, count: int = 6, orgs: list[str | None] | None = None) -> list[str]:
        pids = self.people(count, orgs)
        self.write_ideas(pids)
        self.phase("pair")
        self.confirm_all()
        self.phase("explain")
        self.phase("rank")
        return pids

    def ballot_of(self, pid: str) -> str:
        ballot_id = self.room.participants[pid].ballot_id
        assert ballot_id is not None
        return ballot_id

    def foreign_idea(self, pid: str) -> str:
        """A board idea not from pid's own pair."""
        mine = self.room.participants[pid].pair_id
        return next(i for i in self.room.board if self.room.ideas[i].pair_id != mine)

    def own_idea(self, pid: str) -> str:
        mine = self.room.participants[pid].pair_id
        return next(i for i in self.room.board if self.room.ideas[i].pair_id == mine)
