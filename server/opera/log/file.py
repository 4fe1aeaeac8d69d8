"""`file://PATH`: one append-only JSON-lines file per room, fsync'd in groups, plus snapshots.

Layout of the folder:

    <ROOM>.jsonl        one line per entry: {"o": offset, "e": entry}
    <ROOM>.snap.json    {"offset": n, "byte": b, "state": {...}}, replaced atomically (tmp,
                        fsync, rename); b: where the line of offset n + 1 starts
    .lock               held (flock) by the one process that uses the folder

`append` returns once its line is written and fsync'd. Appends that arrive while a write is in
flight wait for the next one, so one fsync covers every entry that arrived meanwhile: a burst
of 1,000 appends costs a handful of fsyncs. Writes, fsyncs and reads run in worker threads so
the event loop never blocks on the disk.

A file store belongs to ONE process: offsets are counted in memory and `follow` is woken by
the writer, not by the disk. A second process on the same folder is refused (the lock);
several processes share rooms through `redis://`.

Crash recovery, on the first use of a room: a torn last line (a crash mid-write: no trailing
newline, or unparsable) was never acknowledged, so it is logged and truncated away. Damage
anywhere else raises `LogCorrupt` naming the file and the line and how to repair it, for that
room only. Lines that a snapshot covers are checked when they are read, so a restart costs the
snapshot plus the tail; the tail's lines are checked by their head and end at the first use
and parsed once, by the read that loads the room (which names a damaged line the same way).
The lines before the snapshot's byte are not even read until a read asks for them (and a
snapshot without a byte, or whose byte is not where the next line starts, indexes them all).

A disk that is full, out of file descriptors or failing raises `LogUnavailable`: a failed
append is cut back off the file, so it was not applied and may be retried. The first failure of
an outage is logged as an error, the rest quietly, and the recovery once. Files are 0600: they
hold names and organisations.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import fcntl
import logging
import os
import re
import time
from array import array
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any, BinaryIO

from opera import metrics
from opera.log.base import (
    Item,
    LogClosed,
    LogCorrupt,
    LogError,
    LogUnavailable,
    check_after,
    check_room,
    check_snapshot_offset,
    decode,
    encode,
    loads,
    valid_room,
)
from opera.log.memory import Signal

logger = logging.getLogger("opera.log.file")

_SNAPSHOT_HEAD = re.compile(rb'\{"offset":(\d+),(?:"byte":(\d+),)?')


class _Room:
    """What the process knows about one room's file: only durable (fsync'd) lines count."""

    def __init__(self, path: Path, snap_path: Path) -> None:
        self.path = path
        self.snap_path = snap_path
        self.count = 0  # durable entries
        self.size = 0  # durable bytes
        # starts[i]: byte position of the line of offset base + i + 1. A restart from a
        # snapshot that gave its byte position indexes only the tail (base: the snapshot's
        # offset, begin: that byte); a read from before it indexes the rest first.
        self.starts = array("q")
        self.base = 0
        self.begin = 0
        self.snap_offset = 0
        self.pending: list[tuple[bytes, asyncio.Future[int]]] = []
        self.writer: asyncio.Task[None] | None = None
        self.broken: LogError | None = None
        self.signal = Signal()
        self.snap_lock = asyncio.Lock()

    def position(self, offset: int) -> int | None:
        """Where the line after `offset` starts (the end of the file after the last one)."""
        if offset < self.base:
            return None
        return self.starts[offset - self.base] if offset < self.count else self.size


class FileLog:
    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path).expanduser()
        self.fsyncs = 0  # fsync calls made so far (data, snapshots, folders): for tests, figures
        self._rooms: dict[str, _Room] = {}
        self._opening: dict[str, asyncio.Future[_Room]] = {}
        self._closed = False
        self._outage = _Outage(
            logging.ERROR,
            "commands are answered `unavailable` until it recovers "
            "(free disk space or file descriptors)",
            "writing again",
            settle=3,
        )
        # Snapshots are only a shortcut (the log is complete): their failures are their own.
        self._snap_outage = _Outage(
            logging.WARNING,
            "snapshots are skipped until it recovers (nothing is lost; restarts get slower)",
            "saving snapshots again",
        )
        self.path.mkdir(mode=0o700, parents=True, exist_ok=True)
        self._lock_fd = _lock_folder(self.path)

    # -- the interface -------------------------------------------------------------------

    async def append(self, room: str, entry: dict[str, Any]) -> int:
        payload = encode(entry).encode()
        state = await self._room(room)
        if self._closed:
            raise LogClosed("the room log is closed")
        if state.broken is not None:
            raise state.broken
        future: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        state.pending.append((payload, future))
        if state.writer is None:
            state.writer = asyncio.create_task(self._write_loop(state))
        return await future

    async def probe(self) -> None:
        """Writes and removes a small file in the folder: a full or read-only disk fails."""
        if self._closed:
            raise LogClosed("the room log is closed")
        try:
            await asyncio.to_thread(_probe_folder, self.path)
        except OSError as exc:
            raise LogUnavailable(f"cannot write to {self.path}: {exc.strerror}") from exc

    async def read(self, room: str, after: int = 0) -> list[Item]:
        check_after(after)
        return await self._read(await self._room(room), after)

    async def delete(self, room: str) -> bool:
        """Removes the room's files (entries and snapshot); True if there was anything."""
        check_room(room)
        if self._closed:
            raise LogClosed("the room log is closed")
        state = self._rooms.get(room)
        if state is not None and state.writer is not None:
            await asyncio.gather(state.writer, return_exceptions=True)
        paths = (self._log_path(room), self._snap_path(room))
        try:
            removed = await asyncio.to_thread(_remove, paths)
        except OSError as exc:
            raise self._failed(f"could not delete {paths[0]}", exc) from None
        dropped = self._rooms.pop(room, None)
        if dropped is not None:
            dropped.broken = LogClosed(f"room {room} was deleted")
            dropped.signal.notify()
        return removed

    async def rooms_older_than(self, seconds: float) -> list[str]:
        """Rooms whose log was last written more than `seconds` ago."""
        try:
            return await asyncio.to_thread(_stale_rooms, self.path, seconds)
        except OSError as exc:
            raise self._failed(f"could not list {self.path}", exc) from None

    async def follow(self, room: str, after: int = 0) -> AsyncIterator[Item]:
        check_after(after)
        check_room(room)
        if self._closed:
            return
        state = await self._room(room)
        last = after
        while not self._closed and self._rooms.get(room) is state:
            changed = state.signal.changed()
            if state.count > last:
                for item in await self._read(state, last):
                    last = item[0]
                    yield item
                continue
            await changed.wait()

    async def exists(self, room: str) -> bool:
        if not valid_room(room):
            return False
        if room not in self._rooms and not self._log_path(room).exists():
            return False  # no file: do not keep an empty room in memory for a guessed code
        return (await self._room(room)).count > 0

    async def save_snapshot(self, room: str, offset: int, state: dict[str, Any]) -> None:
        found = await self._room(room)
        check_snapshot_offset(offset, found.count)
        # Encoded in a thread: a big room's snapshot is megabytes of JSON.
        text = await asyncio.to_thread(lambda: encode(state, "snapshot").encode())
        async with found.snap_lock:
            if offset < found.snap_offset:
                return  # a newer snapshot is already on disk
            byte = found.position(offset)
            try:
                fsyncs = await asyncio.to_thread(
                    _write_snapshot, found.snap_path, offset, text, byte
                )
            except OSError as exc:
                raise self._failed(f"could not write {found.snap_path}", exc, True) from None
            self.fsyncs += fsyncs
            found.snap_offset = offset
            self._snap_outage.over(self.path)

    async def load_snapshot(self, room: str) -> tuple[int, dict[str, Any]] | None:
        found = await self._room(room)
        try:
            snapshot = await asyncio.to_thread(_read_snapshot, found.snap_path)
        except OSError as exc:
            raise self._failed(f"could not read {found.snap_path}", exc, True) from None
        if snapshot is not None and snapshot[0] > found.count:
            raise LogCorrupt(
                f"{found.snap_path}: snapshot at offset {snapshot[0]} but {found.path} "
                f"holds only {found.count} entries"
            )
        return snapshot

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        await asyncio.gather(*self._opening.values(), return_exceptions=True)
        writers = [state.writer for state in self._rooms.values() if state.writer is not None]
        await asyncio.gather(*writers, return_exceptions=True)
        for state in self._rooms.values():
            state.signal.notify()
        os.close(self._lock_fd)

    # -- rooms -------------------------------------------------------------------------

    def _log_path(self, room: str) -> Path:
        return self.path / f"{room}.jsonl"

    def _snap_path(self, room: str) -> Path:
        return self.path / f"{room}.snap.json"

    async def _room(self, room: str) -> _Room:
        check_room(room)
        if self._closed:
            raise LogClosed("the room log is closed")
        found = self._rooms.get(room)
        if found is not None:
            return found
        opening = self._opening.get(room)
        if opening is None:
            opening = asyncio.ensure_future(
                asyncio.to_thread(_load_room, self._log_path(room), self._snap_path(room))
            )
            opening.add_done_callback(_retrieve)
            self._opening[room] = opening
        try:
            found = await asyncio.shield(opening)
        except OSError as exc:  # out of file descriptors, a failing disk: try again later
            raise self._failed(f"could not open {self._log_path(room)}", exc) from None
        finally:
            if opening.done() and self._opening.get(room) is opening:
                del self._opening[room]
        return self._rooms.setdefault(room, found)

    # -- writing -----------------------------------------------------------------------

    async def _write_loop(self, state: _Room) -> None:
        """Writes every pending entry with one write and one fsync, until none is left."""
        try:
            while state.pending:
                batch = [(payload, fut) for payload, fut in state.pending if not fut.done()]
                state.pending = []
                if batch:
                    await self._write_batch(state, batch)
        finally:
            state.writer = None

    async def _write_batch(
        self, state: _Room, batch: list[tuple[bytes, asyncio.Future[int]]]
    ) -> None:
        first = state.count + 1
        lines = [
            b'{"o":%d,"e":%s}\n' % (first + i, payload) for i, (payload, _) in enumerate(batch)
        ]
        try:
            self.fsyncs += await asyncio.to_thread(_write_lines, state.path, b"".join(lines))
        except OSError as exc:
            await self._undo(state)  # before answering: a retry must find the file clean
            error = self._failed(f"could not write {state.path}", exc)
            for _, future in batch:
                if not future.done():
                    future.set_exception(error)
            return
        self._outage.over(self.path)
        position = state.size
        for line in lines:
            state.starts.append(position)
            position += len(line)
        state.size = position
        state.count += len(batch)
        for i, (_, future) in enumerate(batch):
            if not future.done():
                future.set_result(first + i)
        state.signal.notify()

    async def _undo(self, state: _Room) -> None:
        """After a failed write, cut the file back to what is durable, or stop using it."""
        try:
            await asyncio.to_thread(os.truncate, state.path, state.size)
        except OSError as exc:
            if exc.errno == errno.ENOENT and state.size == 0:
                return
            logger.error("%s: could not undo a failed write (%s); room stopped", state.path, exc)
            state.broken = LogUnavailable(
                f"{state.path} is in an unknown state after a failed write: restart the server"
            )

    # -- reading -----------------------------------------------------------------------

    async def _read(self, state: _Room, after: int) -> list[Item]:
        count, end = state.count, state.size
        if after >= count:
            return []
        try:
            if after < state.base:
                await self._index_head(state)
            start = state.starts[after - state.base]
            return await asyncio.to_thread(_read_lines, state.path, after, count, start, end)
        except OSError as exc:
            raise self._failed(f"could not read {state.path}", exc) from None

    async def _index_head(self, state: _Room) -> None:
        """Indexes the lines before the tail that a restart from a snapshot indexed."""
        base, begin = state.base, state.begin
        head = await asyncio.to_thread(_index_lines, state.path, base, begin)
        if state.base == base:  # not done meanwhile by another read
            state.starts = head + state.starts
            state.base = state.begin = 0

    # -- outages -----------------------------------------------------------------------

    def _failed(self, what: str, exc: OSError, snapshot: bool = False) -> LogUnavailable:
        """The error for a failed disk operation; the first one of an outage is logged."""
        message = f"{what}: {exc.strerror or exc}"
        metrics.store_error("unavailable")
        (self._snap_outage if snapshot else self._outage).failed(self.path, message)
        return LogUnavailable(message)


class _Outage:
    """One line when a kind of operation starts failing, one when it works again.

    A full disk is not all or nothing: a short line may still fit in a file's last block
    while longer ones fail. So the outage is over after `settle` successes in a row, and a
    success in between is part of it, not a recovery to announce."""

    def __init__(self, level: int, consequence: str, back: str, settle: int = 1) -> None:
        self.level = level
        self.consequence = consequence
        self.back = back
        self.settle = settle
        self.first: str | None = None
        self.failures = 0
        self.successes = 0

    def failed(self, where: Path, message: str) -> None:
        self.failures += 1
        self.successes = 0
        if self.first is None:
            self.first = message
            logger.log(self.level, "file store %s: %s; %s", where, message, self.consequence)

    def over(self, where: Path) -> None:
        if self.first is None:
            return
        self.successes += 1
        if self.successes >= self.settle:
            logger.warning(
                "file store %s: %s after %d failed operations (first: %s)",
                where,
                self.back,
                self.failures,
                self.first,
            )
            self.first, self.failures = None, 0


# -- worker-thread functions: plain blocking I/O -------------------------------------------


def _lock_folder(path: Path) -> int:
    fd = os.open(path / ".lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        raise LogError(
            f"{path} is in use by another process: a file:// store serves one process "
            "(several processes share rooms through redis://)"
        ) from None
    _private(path / ".lock")
    return fd


def _probe_folder(path: Path) -> None:
    # A new file each time: a block freed and taken again would pass on a full disk.
    probe = path / f".probe-{os.getpid()}"
    fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o600)
    try:
        os.write(fd, b"\n" * 512)
    finally:
        os.close(fd)
        probe.unlink(missing_ok=True)


def _fsync_folder(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_lines(path: Path, data: bytes) -> int:
    """Appends and fsyncs; a new file also gets its folder fsync'd. Returns the fsync count."""
    created = not path.exists()
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)
    if created:
        _fsync_folder(path.parent)
        return 2
    return 1


def _parse_line(line: bytes, offset: int) -> dict[str, Any]:
    """The entry of one line; ValueError with the reason when it is damaged."""
    try:
        record = loads(line)
    except ValueError as exc:
        raise ValueError(f"not JSON ({exc})") from None
    if not isinstance(record, dict) or not isinstance(record.get("e"), dict):
        raise ValueError('not a {"o": offset, "e": entry} record')
    if record.get("o") != offset:
        raise ValueError(f"holds offset {record.get('o')!r}, expected {offset}")
    entry: dict[str, Any] = record["e"]
    return entry


def _looks_whole(line: bytes, offset: int) -> bool:
    """The head and end of a record as `append` writes it: a cheap check of every line at
    the first use (a full parse costs as much as the read that follows, which parses anyway:
    half a no-snapshot load of a big room). Anything else gets the full parse."""
    return line.startswith(b'{"o":%d,"e":{' % offset) and line.endswith(b"}}")


def _read_lines(path: Path, after: int, count: int, start: int, end: int) -> list[Item]:
    with open(path, "rb") as file:
        file.seek(start)
        data = file.read(end - start)
    lines = data.split(b"\n")[:-1]
    if len(lines) != count - after:
        raise LogCorrupt(f"{path}: expected {count - after} lines after line {after}")
    items: list[Item] = []
    for offset, line in enumerate(lines, start=after + 1):
        try:
            items.append((offset, _parse_line(line, offset)))
        except ValueError as exc:
            raise _damaged(path, offset, str(exc)) from None
    return items


def _load_room(path: Path, snap_path: Path) -> _Room:
    """Indexes the lines of a room's file, repairs a torn last line, checks the tail.

    From a snapshot that gave the byte position of its tail, only the tail is read and
    indexed (a big room's file is tens of megabytes), when the line found there is the one
    after the snapshot's offset; otherwise the whole file is."""
    state = _Room(path, snap_path)
    state.snap_offset, byte = _snapshot_head(snap_path)
    try:
        with open(path, "rb") as file:
            base, begin = _tail_start(file, state.snap_offset, byte)
            file.seek(begin)
            data = file.read()
    except FileNotFoundError:
        return state
    _private(path, snap_path)
    starts = array("q")
    position = 0
    while (newline := data.find(b"\n", position)) >= 0:
        starts.append(begin + position)
        position = newline + 1
    good = len(data)  # from begin
    if position < len(data):
        good = position  # bytes after the last newline: a line that was never finished
        _warn_torn(path, base + len(starts) + 1, "no newline at its end")
    elif starts:
        last = base + len(starts)
        try:
            _parse_line(data[starts[-1] - begin : len(data) - 1], last)
        except ValueError as exc:
            good = starts.pop() - begin
            _warn_torn(path, last, str(exc))
    first = max(0, min(state.snap_offset, base + len(starts)) - base)
    for index in range(first, len(starts)):
        end = starts[index + 1] - begin if index + 1 < len(starts) else good
        line = data[starts[index] - begin : end - 1]
        offset = base + index + 1
        if _looks_whole(line, offset):
            continue  # the read that follows parses it, and names it if it is damaged
        try:
            _parse_line(line, offset)
        except ValueError as exc:
            raise _damaged(path, offset, str(exc)) from None
    if good < len(data):
        with open(path, "r+b") as file:
            file.truncate(begin + good)
            os.fsync(file.fileno())
    state.starts, state.base, state.begin = starts, base, begin
    state.count, state.size = base + len(starts), begin + good
    if state.snap_offset > state.count:
        raise LogCorrupt(
            f"{snap_path}: snapshot at offset {state.snap_offset} but {path} "
            f"holds only {state.count} entries"
        )
    return state


def _tail_start(file: BinaryIO, offset: int, byte: int | None) -> tuple[int, int]:
    """(lines before, their bytes): (offset, byte) when the line of `offset + 1` starts at
    `byte` (or the file ends there, after a newline), else (0, 0): the whole file."""
    if not offset or not byte:
        return 0, 0
    file.seek(byte - 1)
    head = b'\n{"o":%d,' % (offset + 1)
    found = file.read(len(head))
    return (offset, byte) if found in (head, b"\n") else (0, 0)


def _index_lines(path: Path, count: int, end: int) -> array[int]:
    """The starts of the `count` lines that fill the file's first `end` bytes."""
    with open(path, "rb") as file:
        data = file.read(end)
    starts = array("q")
    position = 0
    while (newline := data.find(b"\n", position)) >= 0:
        starts.append(position)
        position = newline + 1
    if len(starts) != count or position != end:
        raise LogCorrupt(
            f"{path}: expected {count} whole lines in its first {end} bytes, as its snapshot "
            f"says, found {len(starts)}: the file was changed outside the server; delete "
            f"{path.with_name(path.name.removesuffix('.jsonl') + '.snap.json')} to load the "
            "room from its log alone"
        )
    return starts


def _damaged(path: Path, line: int, reason: str) -> LogCorrupt:
    """What an operator needs: the file, the line, and the two ways back."""
    snap = path.with_name(path.name.removesuffix(".jsonl") + ".snap.json")
    keep = line - 1
    return LogCorrupt(
        f"{path}: line {line} is damaged: {reason}. The room cannot load until the file is "
        f"repaired: stop the server and copy the file aside, then either correct line {line} "
        f'(each line is {{"o": offset, "e": entry}}), or keep only the lines before it '
        f"(`head -n {keep} {path} > {path}.fixed && mv {path}.fixed {path}`: what came after "
        f"line {keep} is lost) and delete {snap} if it exists; then start the server again."
    )


def _private(*paths: Path) -> None:
    """Files written before they were 0600 become 0600 (they hold names)."""
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            if path.stat().st_mode & 0o077:
                os.chmod(path, 0o600)


def _remove(paths: tuple[Path, ...]) -> bool:
    removed = False
    for path in (*paths, *(p.with_name(p.name + ".tmp") for p in paths)):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            removed = True
    if removed:
        _fsync_folder(paths[0].parent)
    return removed


def _stale_rooms(folder: Path, seconds: float) -> list[str]:
    cutoff = time.time() - seconds
    stale = []
    for path in folder.glob("*.jsonl"):
        with contextlib.suppress(FileNotFoundError):
            if path.stat().st_mtime < cutoff and valid_room(path.stem):
                stale.append(path.stem)
    return sorted(stale)


def _warn_torn(path: Path, line: int, reason: str) -> None:
    logger.warning(
        "%s: line %d was torn by a crash mid-write (%s); it was never acknowledged, "
        "so it is truncated away",
        path,
        line,
        reason,
    )


def _snapshot_head(snap_path: Path) -> tuple[int, int | None]:
    """The snapshot's offset (0: none) and the byte position of the line after it, if given."""
    try:
        with open(snap_path, "rb") as file:
            head = file.read(64)
    except FileNotFoundError:
        return 0, None
    match = _SNAPSHOT_HEAD.match(head)
    if not match:
        return 0, None
    return int(match.group(1)), int(match.group(2)) if match.group(2) else None


def _write_snapshot(snap_path: Path, offset: int, state: bytes, byte: int | None) -> int:
    tmp = snap_path.with_name(snap_path.name + ".tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o600)
        with open(fd, "wb") as file:
            at = b'"byte":%d,' % byte if byte is not None else b""
            file.write(b'{"offset":%d,%s"state":%s}\n' % (offset, at, state))
            file.flush()
            os.fsync(file.fileno())
        os.replace(tmp, snap_path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()  # a full disk needs every byte back
        raise
    _fsync_folder(snap_path.parent)
    return 2


def _read_snapshot(snap_path: Path) -> tuple[int, dict[str, Any]] | None:
    try:
        record = decode(snap_path.read_bytes())
        offset, state = record["offset"], record["state"]
        if not isinstance(offset, int) or offset < 1 or not isinstance(state, dict):
            raise ValueError("not a {offset, state} record")
    except FileNotFoundError:
        return None
    except (ValueError, KeyError) as exc:
        # Snapshots are replaced atomically, so this is outside damage; the log is complete.
        logger.warning(
            "%s: damaged snapshot ignored (%s); replaying from the start", snap_path, exc
        )
        return None
    return offset, state


def _retrieve(future: asyncio.Future[Any]) -> None:
    """Marks an exception as seen even when every waiter was cancelled."""
    if not future.cancelled():
        with contextlib.suppress(Exception):
            future.exception()
