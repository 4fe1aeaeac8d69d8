"""What only the file backend promises: durability, crash repair, grouped fsyncs, one process."""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from opera.log import InvalidRoom, LogCorrupt, LogError, open_log
from opera.log import file as file_log
from opera.log.file import FileLog

ROOM = "ROOM42"


def entry(n: int) -> dict[str, Any]:
    return {"kind": "cmd", "id": f"c{n}", "args": {"n": n}}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "store"


@pytest.fixture
async def log(folder: Path) -> AsyncIterator[FileLog]:
    opened = FileLog(folder)
    yield opened
    await opened.close()


async def reopen(log: FileLog) -> FileLog:
    await log.close()
    return FileLog(log.path)


def line(offset: int, n: int) -> bytes:
    return b'{"o":%d,"e":{"kind":"cmd","id":"c%d","args":{"n":%d}}}\n' % (offset, n, n)


async def test_open_log_takes_relative_and_absolute_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    relative = open_log("file://data")
    absolute = open_log(f"file://{tmp_path}/abs")
    assert isinstance(relative, FileLog) and isinstance(absolute, FileLog)
    await relative.append(ROOM, entry(1))
    await absolute.append(ROOM, entry(1))
    assert (tmp_path / "data" / f"{ROOM}.jsonl").exists()
    assert (tmp_path / "abs" / f"{ROOM}.jsonl").exists()
    await relative.close()
    await absolute.close()


async def test_entries_survive_a_reopen_and_offsets_continue(log: FileLog) -> None:
    for n in range(1, 11):
        await log.append(ROOM, entry(n))
    log = await reopen(log)
    assert await log.exists(ROOM)
    assert await log.read(ROOM) == [(n, entry(n)) for n in range(1, 11)]
    assert await log.append(ROOM, entry(11)) == 11
    await log.close()


async def test_the_file_is_json_lines_with_offsets(log: FileLog, folder: Path) -> None:
    await log.append(ROOM, entry(1))
    await log.append(ROOM, entry(2))
    assert (folder / f"{ROOM}.jsonl").read_bytes() == line(1, 1) + line(2, 2)


async def test_a_torn_last_line_is_truncated_with_a_warning(
    folder: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder.mkdir()
    path = folder / f"{ROOM}.jsonl"
    path.write_bytes(line(1, 1) + line(2, 2) + line(3, 3)[:20])
    log = FileLog(folder)
    with caplog.at_level(logging.WARNING, logger="opera.log.file"):
        assert await log.read(ROOM) == [(1, entry(1)), (2, entry(2))]
    assert any(
        "line 3 was torn" in r.getMessage() and str(path) in r.getMessage() for r in caplog.records
    )
    assert await log.append(ROOM, entry(3)) == 3
    assert path.read_bytes() == line(1, 1) + line(2, 2) + line(3, 3)
    await log.close()


@pytest.mark.parametrize("tail", [b"{garbage}\n", b'{"o":3,"e":{"kind"\n', b"\x00\x00\x00\x00"])
async def test_an_unparsable_last_line_is_torn_too(
    folder: Path, tail: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    folder.mkdir()
    (folder / f"{ROOM}.jsonl").write_bytes(line(1, 1) + line(2, 2) + tail)
    log = FileLog(folder)
    with caplog.at_level(logging.WARNING, logger="opera.log.file"):
        assert await log.exists(ROOM)
    assert "torn" in caplog.text
    assert await log.append(ROOM, entry(3)) == 3
    assert await log.read(ROOM, after=1) == [(2, entry(2)), (3, entry(3))]
    await log.close()


async def test_damage_in_the_middle_raises_log_corrupt_naming_file_and_line(
    folder: Path,
) -> None:
    folder.mkdir()
    path = folder / f"{ROOM}.jsonl"
    path.write_bytes(line(1, 1) + b'{"o":2,"e":{"ki\n' + line(3, 3) + line(4, 4))
    log = FileLog(folder)
    with pytest.raises(LogCorrupt, match=rf"{path}: line 2 is damaged"):
        await log.read(ROOM)
    with pytest.raises(LogCorrupt):
        await log.append(ROOM, entry(5))
    assert path.read_bytes().endswith(line(4, 4))  # nothing was truncated or appended
    assert await log.append("OTHER", entry(1)) == 1  # other rooms carry on
    await log.close()


async def test_a_missing_or_repeated_line_is_corruption(folder: Path) -> None:
    folder.mkdir()
    (folder / f"{ROOM}.jsonl").write_bytes(line(1, 1) + line(3, 3) + line(4, 4))
    log = FileLog(folder)
    with pytest.raises(LogCorrupt, match="line 2 is damaged: holds offset 3, expected 2"):
        await log.read(ROOM)
    await log.close()


async def test_concurrent_appends_share_fsyncs(
    log: FileLog, monkeypatch: pytest.MonkeyPatch
) -> None:
    await log.append(ROOM, entry(0))  # the file exists: no folder fsync below
    calls = 0
    real_fsync = os.fsync

    def counting_fsync(fd: int) -> None:
        nonlocal calls
        calls += 1
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", counting_fsync)
    before = log.fsyncs
    offsets = await asyncio.gather(*(log.append(ROOM, entry(n)) for n in range(1, 201)))
    assert sorted(offsets) == list(range(2, 202))
    assert calls == log.fsyncs - before
    assert 1 <= calls <= 10, f"{calls} fsyncs for 200 concurrent appends"


async def test_appends_arriving_during_a_write_share_the_next_fsync(
    log: FileLog, monkeypatch: pytest.MonkeyPatch
) -> None:
    await log.append(ROOM, entry(0))
    real_fsync = os.fsync

    def slow_fsync(fd: int) -> None:
        real_fsync(fd)
        time.sleep(0.02)

    monkeypatch.setattr(os, "fsync", slow_fsync)
    before = log.fsyncs

    async def trickle(n: int) -> int:
        await asyncio.sleep(n * 0.001)
        return await log.append(ROOM, entry(n))

    offsets = await asyncio.gather(*(trickle(n) for n in range(1, 201)))
    assert sorted(offsets) == list(range(2, 202))
    assert log.fsyncs - before <= 30, "appends spread over ~0.2 s share a few 20 ms fsyncs"


async def test_a_failed_write_is_refused_and_undone(
    log: FileLog, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    await log.append(ROOM, entry(1))
    real_fsync = os.fsync

    def failing_fsync(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(LogError, match="could not write"):
        await log.append(ROOM, entry(2))
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert await log.append(ROOM, entry(3)) == 2
    assert (folder / f"{ROOM}.jsonl").read_bytes() == line(1, 1) + line(2, 3)


async def test_a_restart_loads_the_snapshot_and_reads_only_the_tail(
    log: FileLog, folder: Path
) -> None:
    for n in range(1, 61):
        await log.append(ROOM, entry(n))
    await log.save_snapshot(ROOM, 50, {"seq": 50})
    await log.close()
    # Damage a line the snapshot covers: a restart does not even parse it.
    path = folder / f"{ROOM}.jsonl"
    lines = path.read_bytes().split(b"\n")
    lines[9] = b"#" * len(lines[9])
    path.write_bytes(b"\n".join(lines))
    log = FileLog(folder)
    snapshot = await log.load_snapshot(ROOM)
    assert snapshot == (50, {"seq": 50})
    assert await log.read(ROOM, after=50) == [(n, entry(n)) for n in range(51, 61)]
    with pytest.raises(LogCorrupt, match="line 10"):
        await log.read(ROOM)
    await log.close()


async def test_a_snapshot_gives_its_tails_byte_and_a_restart_reads_only_the_tail(
    log: FileLog, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(1, 61):
        await log.append(ROOM, entry(n))
    await log.save_snapshot(ROOM, 50, {"seq": 50})
    path, snap = folder / f"{ROOM}.jsonl", folder / f"{ROOM}.snap.json"
    byte = sum(len(line(o, o)) for o in range(1, 51))
    assert snap.read_bytes().startswith(b'{"offset":50,"byte":%d,"state":' % byte)
    log = await reopen(log)
    read: list[int] = []
    real_read = file_log._read_lines

    def spy(*args: Any) -> Any:
        read.append(args[3])  # the byte a read starts at
        return real_read(*args)

    monkeypatch.setattr(file_log, "_read_lines", spy)
    assert await log.load_snapshot(ROOM) == (50, {"seq": 50})
    assert await log.read(ROOM, after=50) == [(n, entry(n)) for n in range(51, 61)]
    assert await log.append(ROOM, entry(61)) == 61
    assert read == [byte]
    # A read from before the snapshot indexes the lines before it first.
    assert await log.read(ROOM, after=10) == [(n, entry(n)) for n in range(11, 62)]
    assert await log.read(ROOM) == [(n, entry(n)) for n in range(1, 62)]
    # The next snapshot gives its byte from the tail's index.
    await log.save_snapshot(ROOM, 61, {"seq": 61})
    size = path.stat().st_size
    assert snap.read_bytes().startswith(b'{"offset":61,"byte":%d,' % size)
    log = await reopen(log)
    assert await log.load_snapshot(ROOM) == (61, {"seq": 61})
    assert await log.read(ROOM, after=61) == []
    assert await log.append(ROOM, entry(62)) == 62
    assert await log.read(ROOM, after=55) == [(n, entry(n)) for n in range(56, 63)]
    await log.close()


@pytest.mark.parametrize("head", [b'{"offset":50,"state":', b'{"offset":50,"byte":77,"state":'])
async def test_a_snapshot_without_its_byte_or_with_a_wrong_one_indexes_the_whole_file(
    log: FileLog, folder: Path, head: bytes
) -> None:
    for n in range(1, 61):
        await log.append(ROOM, entry(n))
    await log.save_snapshot(ROOM, 50, {"seq": 50})
    log = await reopen(log)
    snap = folder / f"{ROOM}.snap.json"
    snap.write_bytes(head + b'{"seq":50}}\n')  # written before bytes were given; damaged
    assert await log.load_snapshot(ROOM) == (50, {"seq": 50})
    assert await log.read(ROOM, after=50) == [(n, entry(n)) for n in range(51, 61)]
    assert await log.read(ROOM) == [(n, entry(n)) for n in range(1, 61)]
    await log.close()


async def test_a_torn_line_after_a_tail_only_restart_is_cut_away(
    log: FileLog, folder: Path
) -> None:
    for n in range(1, 11):
        await log.append(ROOM, entry(n))
    await log.save_snapshot(ROOM, 8, {"seq": 8})
    log = await reopen(log)
    path = folder / f"{ROOM}.jsonl"
    with open(path, "ab") as file:
        file.write(line(11, 11)[:-9])
    assert await log.load_snapshot(ROOM) == (8, {"seq": 8})
    assert await log.read(ROOM, after=8) == [(9, entry(9)), (10, entry(10))]
    assert await log.append(ROOM, entry(11)) == 11
    assert path.read_bytes() == b"".join(line(o, o) for o in range(1, 12))
    await log.close()


async def test_lines_lost_before_the_snapshots_byte_are_named_when_read(
    log: FileLog, folder: Path
) -> None:
    for n in range(1, 21):
        await log.append(ROOM, entry(n))
    await log.save_snapshot(ROOM, 15, {"seq": 15})
    log = await reopen(log)
    path = folder / f"{ROOM}.jsonl"
    data = path.read_bytes()
    cut = data.index(b"\n") + 1  # lines 1 and 2 become one line; every byte stays put
    path.write_bytes(data[: cut - 1] + b" " + data[cut:])
    assert await log.read(ROOM, after=15) == [(n, entry(n)) for n in range(16, 21)]
    with pytest.raises(LogCorrupt, match="expected 15 whole lines"):
        await log.read(ROOM)
    await log.close()


async def test_snapshots_are_replaced_atomically(log: FileLog, folder: Path) -> None:
    for n in range(1, 4):
        await log.append(ROOM, entry(n))
    await log.save_snapshot(ROOM, 2, {"seq": 2})
    # A crash while writing the next one leaves only a stray temporary file.
    (folder / f"{ROOM}.snap.json.tmp").write_bytes(b'{"offset":3,"sta')
    log = await reopen(log)
    assert await log.load_snapshot(ROOM) == (2, {"seq": 2})
    await log.save_snapshot(ROOM, 3, {"seq": 3})
    assert not (folder / f"{ROOM}.snap.json.tmp").exists()
    log = await reopen(log)
    assert await log.load_snapshot(ROOM) == (3, {"seq": 3})
    await log.close()


async def test_a_damaged_snapshot_is_ignored_with_a_warning(
    log: FileLog, folder: Path, caplog: pytest.LogCaptureFixture
) -> None:
    await log.append(ROOM, entry(1))
    await log.save_snapshot(ROOM, 1, {"seq": 1})
    log = await reopen(log)
    (folder / f"{ROOM}.snap.json").write_bytes(b'{"offset":1,"state":{"se')
    with caplog.at_level(logging.WARNING, logger="opera.log.file"):
        assert await log.load_snapshot(ROOM) is None
    assert "damaged snapshot" in caplog.text
    await log.close()


async def test_one_process_per_folder(log: FileLog, folder: Path) -> None:
    with pytest.raises(LogError, match="in use by another process"):
        FileLog(folder)
    await log.close()
    second = FileLog(folder)  # free again once closed
    await second.close()


async def test_room_codes_cannot_leave_the_folder(log: FileLog, tmp_path: Path) -> None:
    for code in ["../escape", "/tmp/abs", "..", "a\x00b"]:
        with pytest.raises(InvalidRoom):
            await log.append(code, entry(1))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]


async def test_guessed_codes_leave_nothing_behind(log: FileLog, folder: Path) -> None:
    for n in range(50):
        assert not await log.exists(f"GUESS{n}")
    assert sorted(p.name for p in folder.iterdir()) == [".lock"]
