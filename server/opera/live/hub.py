"""Connections of one room and the coalesced, encode-once fan-out of view patches.

Every connection's view is one of a few *base views* (`opera.engine.view_key`: one per
breakout group, the board's, the one everybody shares without groups or from the plenary on,
the waiting latecomers') plus, for a participant, a private overlay. After a batch of
entries is folded, the hub recomputes the base views that batch may have changed (together,
so the counts they share are counted once), diffs each against the last one pushed and
encodes those ops once for the connections on that base. Which ones: `opera.engine.scope`
says, for each folded entry, which groups it changed (a group's own work: one; a refused
entry: none; anything else: all), and only those groups' bases and the board's are rebuilt;
the host's view and the board's take every other group's pieces from a `ViewCache`. So a
change inside one group costs work and bytes for that group's members, the host and the
board, not for everyone. Participants the batch
touched get their private overlay (`me`, their pair's names) diffed and sent as a second
frame with the same seq. A connection whose base changes (a latecomer let in, a move to
another group, groups formed, the plenary) gets a fresh `state` instead, made from the
base's top-level members encoded once for everyone on it (the plenary's 200 KB state is
encoded once, not once a person) and the connection's own members. Each connection
has a bounded send queue (see connection.py); one that stops reading is dropped, never
allowed to stall the room or grow the server's memory.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import re
import time
from collections import deque
from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet
from typing import Any

from opera import metrics
from opera.engine import (
    Outcome,
    ViewCache,
    base_view,
    base_views,
    host_view,
    private_overlay,
    rebases,
    scope,
    touched_keys,
    view_key,
)
from opera.live import protocol
from opera.live.connection import Connection
from opera.live.diff import Op, Pieces, diff
from opera.live.protocol import CloseCode
from opera.live.replica import Replica
from opera.log.base import LogError, SharedPresence
from opera.pointer import PointerError, assigned, resolve

logger = logging.getLogger("opera.hub")

# After a push that took t seconds of CPU the next waits at least BUSY * t from its start.
BUSY = 3.0
# Connections of one base served in one step of a push (its frame and their overlays).
CHUNK = 64
# Groups whose pieces of the host's or board's view one step of a push builds.
GROUPS_A_STEP = 16

# Presence on a shared store: reported every 2 s, so `online` is right within about 5 s.
PRESENCE_INTERVAL = 2.0
PRESENCE_TTL = 3 * PRESENCE_INTERVAL


class Hub:
    """Fans out one room's changes to its connections, at most one push per interval."""

    def __init__(self, replica: Replica, interval: float, slice_: float = 0.004) -> None:
        self.replica = replica
        self.interval = interval
        # A push runs in slices of about this long (OPERA_PUSH_SLICE), and the frames that
        # came in meanwhile are read and answered between them: a push to 2,000 people takes
        # 50 to 150 ms, and every ack that arrived during it waited for all of it (the
        # bursts' ack p95 was 160 to 200 ms).
        self.slice = slice_
        self.connections: set[Connection] = set()
        self.online: dict[str, int] = {}  # pid -> open connections in this process
        self.remote: set[str] = set()  # pids connected to other processes (shared stores)
        self._presence: asyncio.Task[None] | None = None
        self._bases: dict[str, dict[str, Any]] = {}  # view key -> base view as last pushed
        self._keys: dict[Connection, str] = {}  # the base each connection's state was built on
        # The same, inverted, and by person: a push inside one group visits that group's
        # connections, not all 2,000 (the loop over everyone was most of a spotlight's cost).
        self._on: dict[str, set[Connection]] = {}  # view key -> connections on it
        self._of: dict[str, set[Connection]] = {}  # pid -> that participant's connections
        self._hosts: set[Connection] = set()
        self._stale: set[Connection] = set()  # overlay owed at the next push
        # view key -> (the base as last pushed, its top-level members encoded so far)
        self._encoded: dict[str, tuple[dict[str, Any], dict[str, str]]] = {}
        # (view key, member) -> (a list member of that base, each of its items encoded)
        self._items: dict[tuple[str, str], tuple[list[Any], list[str]]] = {}
        self._cache = ViewCache()  # every group's pieces of the host's and board's views
        self._changed: frozenset[str] | None = None  # groups changed since the push (None: all)
        self._rebase = False  # since the push, an entry that may move someone's base (`rebases`)
        self._seqs: dict[str, int] = {}  # view key -> the seq its base was pushed as of
        # The push under way: its steps left (see `_plan`), the next slice, its CPU so far,
        # the connections it had to reach, those it sent an overlay to.
        self._steps: deque[Callable[[], None]] = deque()
        self._resume: asyncio.Handle | None = None
        self._pushing = False
        self._cpu = 0.0
        self._reach = 0
        self._visited: set[Connection] = set()
        self._last_push = 0.0
        self._gap = interval  # the interval, or longer after a long push (see flush)
        self._timer: asyncio.TimerHandle | None = None
        self._dirty = False
        self._urgent = False  # a change marked urgent is waiting for its push
        # The outcomes' dirty marks since the last push: whose overlay to diff. Everyone's
        # at first, as for a room just loaded (its connections' overlays are not known).
        self._touched: set[str] = set()
        self._touched_all = True
        replica.on_fold = self._folded

    # -- presence -----------------------------------------------------------------------------

    def online_set(self) -> AbstractSet[str]:
        """Participants with a live connection to this process or, on a shared store, any."""
        local = self.online.keys()
        return local | self.remote if self.remote else local

    def share_presence(self, shared: SharedPresence, node: str) -> None:
        """Report this process's connections to the shared store and read the others'."""
        self._presence = asyncio.create_task(self._beat(shared, node))

    async def _beat(self, shared: SharedPresence, node: str) -> None:
        code = self.replica.code
        while True:
            try:
                seen = await shared.beat(code, node, list(self.online), PRESENCE_TTL)
                remote = seen - self.online.keys()
                if remote != self.remote:
                    self.remote = remote
                    self._mark()
            except LogError as err:
                logger.warning("room %s: presence not shared: %s", code, err)
            await asyncio.sleep(PRESENCE_INTERVAL)

    async def stop(self) -> None:
        if self._resume is not None:  # the room is going: the rest of a push is not needed
            self._resume.cancel()
            self._resume = None
        if self._presence is not None:
            self._presence.cancel()
            await asyncio.gather(self._presence, return_exceptions=True)

    # -- membership -------------------------------------------------------------------------

    def attach(self, conn: Connection) -> None:
        """Add a connection and send it its full state against the last pushed base."""
        self.connections.add(conn)
        if conn.role == "host":
            self._hosts.add(conn)
        if conn.pid is not None:
            self._of.setdefault(conn.pid, set()).add(conn)
            self.online[conn.pid] = self.online.get(conn.pid, 0) + 1
            self._mark()
        conn.push(self._state(conn))

    def detach(self, conn: Connection) -> None:
        self.connections.discard(conn)
        self._hosts.discard(conn)
        self._stale.discard(conn)
        self._rekey(conn, None)
        if conn.pid is not None:
            mine = self._of.get(conn.pid)
            if mine is not None:
                mine.discard(conn)
                if not mine:
                    del self._of[conn.pid]
            left = self.online.get(conn.pid, 0) - 1
            if left > 0:
                self.online[conn.pid] = left
            else:
                self.online.pop(conn.pid, None)
            self._mark()

    def resync(self, conn: Connection) -> None:
        """Answer a `sync`: flush pending changes to everyone, then a fresh state to `conn`."""
        self.flush()
        conn.push(self._state(conn))

    def close_all(self, code: CloseCode, reason: str) -> None:
        for conn in list(self.connections):
            conn.close(code, reason)

    # -- pushes -------------------------------------------------------------------------------

    def _folded(self, outcome: Outcome, entry: Mapping[str, Any]) -> None:
        if outcome.touched:
            self._touched |= outcome.touched
        self._touched_all = self._touched_all or outcome.touched_all
        self._rebase = self._rebase or rebases(entry, outcome)
        self._mark(scope(self.replica.room, entry, outcome), urgent=_urgent(entry, outcome))

    def _mark(self, groups: frozenset[str] | None = None, urgent: bool = False) -> None:
        """Something changed in these groups' parts of the views (None: anything, such as
        who is online): push now if the room was quiet or the change is `urgent`, else at
        the next interval."""
        self._cache.forget(groups)  # at once: a view built before the push must not use them
        if groups is None or self._changed is None:
            self._changed = None
        else:
            self._changed |= groups
        self._dirty = True
        self._urgent = self._urgent or urgent
        if not self._pushing:  # else the push under way schedules the next when it ends
            self._schedule()

    def _schedule(self) -> None:
        loop = asyncio.get_running_loop()
        if self._urgent:  # with whatever else is folded in this turn of the loop
            if self._timer is not None:
                self._timer.cancel()
            self._timer = loop.call_later(0.0, self._timed_flush)
            return
        if self._timer is not None:
            return
        wait = self._last_push + self._gap - time.monotonic()
        self._timer = loop.call_later(max(wait, 0.0), self._timed_flush)

    def _timed_flush(self) -> None:
        self._timer = None
        self.flush(sliced=True)

    def flush(self, sliced: bool = False) -> None:
        """Push what changed since the last push: all of it now, or, `sliced`, a slice now
        and the rest after the frames that came in meanwhile (see `_run`). A push under way
        is finished first: frames of two pushes never mix on a connection."""
        self._finish()
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if not self._dirty:
            return
        self._begin()
        if sliced:
            self._run()
        else:
            self._finish()

    def _begin(self) -> None:
        """A push under way, its steps planned (`_plan`), none run yet."""
        self._dirty = self._urgent = False
        self._last_push = time.monotonic()
        self._pushing = True
        self._cpu = 0.0
        self._reach = len(self.connections)
        self._visited.clear()
        started = time.perf_counter()
        self._plan()
        self._cpu += time.perf_counter() - started

    def _next(self, steps: list[Callable[[], None]]) -> None:
        """Run these steps, in order, before the ones already queued."""
        self._steps.extendleft(reversed(steps))

    def _run(self) -> None:
        """One slice of the push's steps; the next is queued behind what is ready now."""
        self._resume = None
        started = time.perf_counter()
        steps = self._steps
        while steps:
            steps.popleft()()
            if time.perf_counter() - started >= self.slice:
                break
        self._cpu += time.perf_counter() - started
        if steps:
            self._resume = asyncio.get_running_loop().call_soon(self._run)
        else:
            self._done()

    def _finish(self) -> None:
        """The rest of the push under way, now."""
        if not self._pushing:
            return
        if self._resume is not None:
            self._resume.cancel()
            self._resume = None
        started = time.perf_counter()
        while self._steps:
            self._steps.popleft()()
        self._cpu += time.perf_counter() - started
        self._done()

    def _done(self) -> None:
        self._pushing = False
        self._visited.clear()
        metrics.fan_out(self._cpu, self._reach)
        # A busy room's push (2,000 people writing: ~95 ms, every 0.15 s) would leave the
        # commands too little of the core and their acks queue up behind it: the next push
        # waits until this one is at most a third of the time; each then carries more.
        self._gap = max(self.interval, BUSY * self._cpu)
        if self._dirty:  # changes folded while it ran (a push never starts mid-push)
            self._schedule()

    def _state(self, conn: Connection) -> str:
        """A `state` frame whose seq says what its view holds: a host's view is built from the
        room as it is now; a participant's or board's is the public part as last pushed (so
        the next public patch applies to it) with the connection's own parts as they are now."""
        room = self.replica.room
        if conn.role == "host":
            conn.base = host_view(room, self.online_set(), self._cache)
            return protocol.state(room.seq, conn.base)
        key = view_key(room, conn.pid)
        self._rekey(conn, key)
        base = self._bases.get(key)
        if base is None:  # the first connection on this base: it starts from now
            base = self._bases[key] = base_view(room, key, self.online_set(), self._cache)
            self._seqs[key] = room.seq
        if conn.pid is None:
            return self._state_frame(key, base, base)
        overlay = private_overlay(room, conn.pid)
        view, conn.overlay = _with_overlay(base, overlay)
        if len(conn.overlay) < len(overlay):
            conn.stale = True  # its pair is not in the pushed base yet: send it next push
            self._stale.add(conn)
            self._mark(frozenset())
        return self._state_frame(key, base, view)

    def _rekey(self, conn: Connection, key: str | None) -> None:
        """Record that `conn`'s state is now built on base `key` (None: it left)."""
        old = self._keys.pop(conn, None)
        if old is not None:
            on = self._on[old]
            on.discard(conn)
            if not on:
                del self._on[old]
        if key is not None:
            self._keys[conn] = key
            self._on.setdefault(key, set()).add(conn)

    def _state_frame(self, key: str, base: dict[str, Any], view: dict[str, Any]) -> str:
        """`protocol.state(seq of the base, view)`, byte for byte, for a view that is the
        base `key` with some top-level members replaced or added: the members it shares
        with the base are encoded once for every connection on that base."""
        cached = self._encoded.get(key)
        if cached is None or cached[0] is not base:
            cached = self._encoded[key] = (base, {})
        texts = cached[1]
        members = []
        for name, value in view.items():
            before = base.get(name, _MISSING)
            if before is value:
                text = texts.get(name)
                if text is None:
                    text = texts[name] = protocol.encode(value)
            elif isinstance(value, list) and isinstance(before, list) and len(value) == len(before):
                text = self._list_text(key, name, before, value)
            else:
                text = protocol.encode(value)
            members.append(f"{protocol.encode(name)}:{text}")
        body = ",".join(members)
        return f'{{"type":"state","seq":{self._seqs[key]},"view":{{{body}}}}}'

    def _list_text(self, key: str, name: str, before: list[Any], value: list[Any]) -> str:
        """A list member that is the base's but for some items (`pairs` with the
        connection's own pair's names): the base's items are encoded once for everyone."""
        items = self._items.get((key, name))
        if items is None or items[0] is not before:
            items = self._items[key, name] = (before, [protocol.encode(i) for i in before])
        texts = items[1]
        parts = [
            texts[i] if new is old else protocol.encode(new)
            for i, (new, old) in enumerate(zip(value, before, strict=True))
        ]
        return "[" + ",".join(parts) + "]"

    # -- the steps of a push ------------------------------------------------------------------
    #
    # Between two steps the room may fold more entries, so a step takes the room as it is
    # when it runs and labels what it sends with that seq: each base view is rebuilt, diffed
    # and sent in one step, as of one seq (kept in `_seqs` for the `state` of a connection
    # that comes on it later), and an overlay is computed and sent in one step. A connection
    # therefore gets, in order, patches that each hold exactly what their seq says. A base
    # everyone shares (the plenary, a room without groups) is sent in chunks of CHUNK
    # connections, each chunk a step.

    def _plan(self) -> None:
        """The steps of this push: each base a batch changed, the overlays owed, the hosts."""
        changed, self._changed = self._changed, frozenset()
        rebase, self._rebase = self._rebase, False
        touched_all, touched = self._touched_all, self._touched
        self._touched_all, self._touched = False, set()
        self._forget_unused()
        steps = self._steps
        if rebase or touched_all:
            # Someone may be removed or on another base now, or everyone's overlay changed:
            # every connection is looked at, in one step.
            steps.append(lambda: self._push_everyone(changed, rebase, touched_all, touched))
        else:
            # every group's progress first, a few groups a step: the board's view sums them
            self._warm(changed, host=False)
            for key in touched_keys(self._bases, changed):
                steps.append(functools.partial(self._push_base, key, touched))
            steps.append(functools.partial(self._push_overlays, touched))
        # The host's view holds every person, pair and idea: built after the phones have
        # their frames, not before (a spotlight's host view and its diff were a quarter of
        # the push at 1,000, and every phone waited for them).
        if self._hosts:
            self._warm(changed, host=True)
        steps.append(self._push_hosts)

    def _warm(self, changed: frozenset[str] | None, host: bool) -> None:
        """Steps that build the changed groups' pieces of the host's or the board's view,
        GROUPS_A_STEP at a time, so that the view's own step only puts them together."""
        ids = [g.id for g in self.replica.room.groups] if changed is None else sorted(changed)
        for i in range(0, len(ids), GROUPS_A_STEP):
            self._steps.append(functools.partial(self._warm_step, ids[i : i + GROUPS_A_STEP], host))

    def _warm_step(self, group_ids: list[str], host: bool) -> None:
        self._cache.warm(self.replica.room, self.online_set(), group_ids, host)

    def _forget_unused(self) -> None:
        """A base nobody uses any more is forgotten; the next connection on it starts from a
        fresh one."""
        used = self._on.keys()
        for key in [key for key in self._bases if key not in used]:
            del self._bases[key]
            self._seqs.pop(key, None)
            self._encoded.pop(key, None)
            for item_key in [k for k in self._items if k[0] == key]:
                del self._items[item_key]

    def _push_base(self, key: str, touched: AbstractSet[str]) -> None:
        """Rebuild base `key` from the room as it is now and send its patch (with the
        overlays owed) to the connections on it, CHUNK at a time."""
        on = self._on.get(key)
        if not on or key not in self._bases:
            return  # nobody on it any more
        room = self.replica.room
        new = base_views(room, [key], self.online_set(), self._cache)[key]
        frame, clobbered = self._rebuilt(key, new, room.seq)
        send = functools.partial(self._send_base, key, frame, new, clobbered, touched)
        self._next([functools.partial(send, part) for part in _chunks(list(on))])

    def _send_base(
        self,
        key: str,
        frame: str | None,
        public: dict[str, Any],
        clobbered: list[str],
        touched: AbstractSet[str],
        conns: list[Connection],
    ) -> None:
        overlays: dict[str, dict[str, Any]] = {}
        for conn in conns:
            if self._keys.get(conn) != key:
                continue  # gone since, or on another base with a fresh state
            if frame is not None:
                conn.push(frame)
            if conn.pid is not None and (
                conn.stale or conn.pid in touched or (clobbered and len(conn.overlay) > 1)
            ):
                self._send_overlay(conn, public, clobbered, overlays)

    def _push_overlays(self, touched: AbstractSet[str]) -> None:
        """The overlays owed to participants whose base this push did not change."""
        owed = set(self._stale)
        for pid in touched:
            owed |= self._of.get(pid, set())
        conns = [conn for conn in owed if conn not in self._visited and conn.pid is not None]
        self._next([functools.partial(self._send_overlays, part) for part in _chunks(conns)])

    def _send_overlays(self, conns: list[Connection]) -> None:
        overlays: dict[str, dict[str, Any]] = {}
        for conn in conns:
            key = self._keys.get(conn)
            if key is not None:  # not gone since
                self._send_overlay(conn, self._bases[key], [], overlays)

    def _send_overlay(
        self,
        conn: Connection,
        public: dict[str, Any],
        clobbered: list[str],
        overlays: dict[str, dict[str, Any]],
    ) -> None:
        """The participant's private parts as they are now, as a patch of that seq."""
        assert conn.pid is not None
        room = self.replica.room
        self._visited.add(conn)
        conn.stale = False
        self._stale.discard(conn)
        overlay = overlays.get(conn.pid)
        if overlay is None:
            overlay = overlays[conn.pid] = private_overlay(room, conn.pid)
        ops = _overlay_ops(conn.overlay, overlay, public, clobbered)
        conn.overlay = overlay
        if ops:
            conn.push(protocol.patch(room.seq, ops))

    def _push_everyone(
        self,
        changed: frozenset[str] | None,
        rebase: bool,
        touched_all: bool,
        touched: AbstractSet[str],
    ) -> None:
        """Every base that `changed` reaches, and every connection: (`rebase`) those removed
        closed and those now on another base a fresh state, the rest their patches and
        overlays."""
        room = self.replica.room
        seq = room.seq
        pushed = self._push_bases(seq, changed)
        overlays: dict[str, dict[str, Any]] = {}
        for conn in list(self.connections):
            if conn.role == "host":
                continue  # a step of its own
            if rebase and conn.pid is not None and room.participants[conn.pid].removed:
                conn.close(CloseCode.BAD_TOKEN, "removed from the session")
                continue
            key = self._keys[conn]
            if rebase and key != view_key(room, conn.pid):
                conn.stale = False  # a new base: a fresh state, built on the one just pushed
                self._stale.discard(conn)
                conn.push(self._state(conn))
                continue
            public, public_frame, clobbered = pushed[key]
            if public_frame is not None:
                conn.push(public_frame)
            if conn.pid is not None and (
                touched_all
                or conn.stale
                or conn.pid in touched
                or (clobbered and len(conn.overlay) > 1)
            ):
                self._send_overlay(conn, public, clobbered, overlays)

    def _push_bases(
        self, seq: int, changed: frozenset[str] | None
    ) -> dict[str, tuple[dict[str, Any], str | None, list[str]]]:
        """Each base view in use, the ones `changed` reaches rebuilt, diffed and encoded
        once: key -> (view, frame or None, op paths that may overwrite a participant's
        private pair names)."""
        room = self.replica.room
        pushed: dict[str, tuple[dict[str, Any], str | None, list[str]]] = {
            key: (old, None, []) for key, old in self._bases.items()
        }
        keys = touched_keys(self._bases, changed)
        if changed is None:  # a base everyone leaves now (the plenary) needs no patch
            staying = {view_key(room, conn.pid) for conn in self._keys}
            keys = [key for key in keys if key in staying]
        views = base_views(room, keys, self.online_set(), self._cache)
        for key, new in views.items():
            pushed[key] = (new, *self._rebuilt(key, new, seq))
        return pushed

    def _rebuilt(self, key: str, new: dict[str, Any], seq: int) -> tuple[str | None, list[str]]:
        """Base `key` is `new` as of `seq` from now: its patch from the one last pushed (None
        when equal), and the op paths that may overwrite a participant's private pair names."""
        ops = diff(self._bases[key], new)
        self._bases[key] = new
        self._seqs[key] = seq
        clobbered = [op["path"] for op in ops if _MEMBERS_OR_ABOVE.fullmatch(op["path"])]
        return (protocol.patch(seq, ops) if ops else None), clobbered

    def _push_hosts(self) -> None:
        """A patch for each host connection that has one, from the room as it is now; hosts
        that share a base share one diff and frame. The diffs are a step of their own."""
        hosts = [(conn, conn.base) for conn in self._hosts]
        if not hosts:
            return
        room = self.replica.room
        view = host_view(room, self.online_set(), self._cache)
        diffs = {id(base): Pieces(base, view) for _, base in hosts}
        steps = [step for pieces in diffs.values() for step in pieces.steps]
        steps.append(functools.partial(self._send_hosts, hosts, view, diffs, room.seq))
        self._next(steps)

    def _send_hosts(
        self,
        hosts: list[tuple[Connection, dict[str, Any] | None]],
        view: dict[str, Any],
        diffs: dict[int, Pieces],
        seq: int,
    ) -> None:
        frames = {key: protocol.patch(seq, d.ops) if d.ops else None for key, d in diffs.items()}
        for conn, base in hosts:
            if conn.base is not base or conn not in self._hosts:
                continue  # a fresh state since (it holds this view or newer), or gone
            frame = frames[id(base)]
            if frame is not None:
                conn.push(frame)
            conn.base = view


def _chunks(conns: list[Connection]) -> list[list[Connection]]:
    """CHUNK connections at a time: one step of a push each."""
    return [conns[i : i + CHUNK] for i in range(0, len(conns), CHUNK)]


def _urgent(entry: Mapping[str, Any], outcome: Outcome) -> bool:
    """A change everyone is looking at the screen for: the host's (a phase start, a reveal, a
    spotlight, a notice) or a group's spotlight. It is pushed at once, not at the room's next
    interval: that wait was most of a phase start's delay in a quiet room (up to 0.15 s, the
    push itself a few ms at 60 people), and these come a few a minute, not hundreds."""
    applied = outcome.applied
    return applied and (outcome.sender == "host" or entry.get("name") == "explain.focus")


def _with_overlay(
    public: dict[str, Any], overlay: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The public view with the private values put in place (copying only the paths it
    changes, so the shared public view stays untouched), and the part of the overlay used:
    a pair the pushed base does not hold yet is left out."""
    view = public
    used: dict[str, Any] = {}
    for path, value in overlay.items():
        try:
            view = assigned(view, path, value)
        except PointerError:
            continue
        used[path] = value
    return view, used


def _overlay_ops(
    old: dict[str, Any], new: dict[str, Any], public: dict[str, Any], clobbered: list[str]
) -> list[Op]:
    ops: list[Op] = []
    for path in old:
        if path not in new and path != "/me":
            # the participant's names there are stale: put back what everyone sees
            with contextlib.suppress(PointerError):  # not in the public view either
                ops.append({"op": "replace", "path": path, "value": resolve(public, path)})
    for path, value in new.items():
        if path not in old:
            ops.append({"op": "add" if path == "/me" else "replace", "path": path, "value": value})
        elif any(path == c or path.startswith(c + "/") for c in clobbered):
            ops.append({"op": "replace", "path": path, "value": value})
        else:
            ops.extend(diff(old[path], value, path))
    return ops


_MISSING = object()
# Public op paths that may overwrite a participant's private `/pairs/<i>/members`.
_MEMBERS_OR_ABOVE = re.compile(r"/pairs(/\d+(/members)?)?")
