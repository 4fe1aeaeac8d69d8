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
import logging
import re
import time
from collections.abc import Mapping
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
    scope,
    touched_keys,
    view_key,
)
from opera.live import protocol
from opera.live.connection import Connection
from opera.live.diff import Op, diff
from opera.live.protocol import CloseCode
from opera.live.replica import Replica
from opera.log.base import LogError, SharedPresence
from opera.pointer import PointerError, assigned, resolve

logger = logging.getLogger("opera.hub")

# After a push that took t seconds the next waits at least BUSY * t from its start.
BUSY = 3.0

# Presence on a shared store: reported every 2 s, so `online` is right within about 5 s.
PRESENCE_INTERVAL = 2.0
PRESENCE_TTL = 3 * PRESENCE_INTERVAL


class Hub:
    """Fans out one room's changes to its connections, at most one push per interval."""

    def __init__(self, replica: Replica, interval: float) -> None:
        self.replica = replica
        self.interval = interval
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
        self._pushed_seq = replica.seq
        self._last_push = 0.0
        self._gap = interval  # the interval, or longer after a long push (see flush)
        self._timer: asyncio.TimerHandle | None = None
        self._dirty = False
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
        loop = asyncio.get_running_loop()
        if urgent:  # with whatever else is folded in this turn of the loop
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
        self.flush()

    def flush(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if not self._dirty:
            return
        self._dirty = False
        self._last_push = started = time.monotonic()
        metrics.fan_out(self._push, len(self.connections))
        # A busy room's push (2,000 people writing: ~95 ms, every 0.15 s) would leave the
        # commands too little of the core and their acks queue up behind it: the next push
        # waits until this one is at most a third of the time; each then carries more.
        self._gap = max(self.interval, BUSY * (time.monotonic() - started))

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
        """`protocol.state(pushed seq, view)`, byte for byte, for a view that is the base
        `key` with some top-level members replaced or added: the members it shares with
        the base are encoded once for every connection on that base."""
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
        return f'{{"type":"state","seq":{self._pushed_seq},"view":{{{body}}}}}'

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

    def _push(self) -> None:
        room = self.replica.room
        online = self.online_set()
        seq = room.seq
        changed, self._changed = self._changed, frozenset()
        pushed = self._push_bases(seq, online, changed)
        self._pushed_seq = seq  # the bases are now as of seq: a fresh state says so
        touched_all, touched = self._touched_all, self._touched
        self._touched_all, self._touched = False, set()
        overlays: dict[str, dict[str, Any]] = {}
        # Only an entry out of `scope` (changed None) removes someone or changes a base.
        rebase = changed is None
        everyone = rebase or touched_all
        for conn in self.connections if everyone else self._reached(pushed, touched):
            if conn.role == "host":
                continue  # below
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
            if conn.pid is None:
                continue
            if (
                touched_all
                or conn.stale
                or conn.pid in touched
                or (clobbered and len(conn.overlay) > 1)
            ):
                conn.stale = False
                self._stale.discard(conn)
                overlay = overlays.get(conn.pid)
                if overlay is None:
                    overlay = overlays[conn.pid] = private_overlay(room, conn.pid)
                ops = _overlay_ops(conn.overlay, overlay, public, clobbered)
                conn.overlay = overlay
                if ops:
                    conn.push(protocol.patch(seq, ops))
        # The host's view holds every person, pair and idea: built after the phones have
        # their frames, not before (a spotlight's host view and its diff were a quarter of
        # the push at 1,000, and every phone waited for them).
        for conn, frame in self._host_frames(seq):
            conn.push(frame)

    def _reached(
        self,
        pushed: Mapping[str, tuple[dict[str, Any], str | None, list[str]]],
        touched: AbstractSet[str],
    ) -> list[Connection]:
        """The connections a push without a rebase can reach: the hosts, those on a base
        that changed, the participants the batch touched and those owed an overlay. Any
        other connection would get nothing from `_push`, so it is not visited."""
        reached = set(self._hosts) | self._stale
        for key, (_, frame, _) in pushed.items():
            if frame is not None:
                reached |= self._on.get(key, set())
        for pid in touched:
            reached |= self._of.get(pid, set())
        return list(reached)

    def _push_bases(
        self, seq: int, online: AbstractSet[str], changed: frozenset[str] | None
    ) -> dict[str, tuple[dict[str, Any], str | None, list[str]]]:
        """Each base view in use, the ones `changed` reaches rebuilt, diffed and encoded
        once: key -> (view, frame or None, op paths that may overwrite a participant's
        private pair names). A base nobody uses any more is forgotten; the next connection
        on it starts from a fresh one."""
        room = self.replica.room
        used = self._on.keys()
        for key in list(self._bases):
            if key not in used:
                del self._bases[key]
                self._encoded.pop(key, None)
                for item_key in [k for k in self._items if k[0] == key]:
                    del self._items[item_key]
        pushed: dict[str, tuple[dict[str, Any], str | None, list[str]]] = {
            key: (old, None, []) for key, old in self._bases.items()
        }
        keys = touched_keys(self._bases, changed)
        if changed is None:  # a base everyone leaves now (the plenary) needs no patch
            staying = {view_key(room, conn.pid) for conn in self._keys}
            keys = [key for key in keys if key in staying]
        views = base_views(room, keys, online, self._cache)
        for key, new in views.items():
            ops = diff(self._bases[key], new)
            clobbered = [op["path"] for op in ops if _MEMBERS_OR_ABOVE.fullmatch(op["path"])]
            pushed[key] = (new, protocol.patch(seq, ops) if ops else None, clobbered)
        for key, (new, _, _) in pushed.items():
            self._bases[key] = new
        return pushed

    def _host_frames(self, seq: int) -> list[tuple[Connection, str]]:
        """A patch for each host connection that has one; hosts that share a base share one
        diff and frame."""
        hosts = self._hosts
        if not hosts:
            return []
        view = host_view(self.replica.room, self.online_set(), self._cache)
        by_base: dict[int, str | None] = {}
        frames: list[tuple[Connection, str]] = []
        for conn in hosts:
            key = id(conn.base)
            if key not in by_base:
                ops = diff(conn.base, view)
                by_base[key] = protocol.patch(seq, ops) if ops else None
            frame = by_base[key]
            if frame is not None:
                frames.append((conn, frame))
            conn.base = view
        return frames


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
