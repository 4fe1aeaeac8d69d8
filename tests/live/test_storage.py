"""The file store under stress: a full disk, no file descriptors left, damaged files, modes.

The full disk is a real tmpfs of 1 MiB mounted for the test (the CI runs as root); where
mounting is not allowed, the server's file-size limit (RLIMIT_FSIZE) is lowered instead, so
its writes fail the same way (EFBIG instead of ENOSPC) and the test still runs.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import resource
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import psutil
import pytest
from support.client import Client, create_session
from support.server import Server, free_port

FAILED_STORE = "commands are answered `unavailable` until it recovers"


class Disk:
    """A small file system the test can fill up and free again."""

    def __init__(self, path: Path, mounted: bool) -> None:
        self.path = path
        self.mounted = mounted
        self.server: Server | None = None

    def fill(self) -> None:
        if not self.mounted:  # no tmpfs: no file of the server may grow any more
            assert self.server is not None and self.server.proc is not None
            size = max(p.stat().st_size for p in self.path.glob("*.jsonl"))
            resource.prlimit(self.server.proc.pid, resource.RLIMIT_FSIZE, (size, size))
            return
        with open(self.path / "filler", "wb", buffering=0) as filler:
            for size in (65536, 4096, 1):  # then the last, partial page too
                with contextlib.suppress(OSError):
                    while True:
                        filler.write(b"\0" * size)

    def free(self) -> None:
        if not self.mounted:
            assert self.server is not None and self.server.proc is not None
            unlimited = (resource.RLIM_INFINITY, resource.RLIM_INFINITY)
            resource.prlimit(self.server.proc.pid, resource.RLIMIT_FSIZE, unlimited)
            return
        (self.path / "filler").unlink()


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Disk]:
    path = tmp_path / "disk"
    path.mkdir()
    mount = ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(path)]
    mounted = subprocess.run(mount, capture_output=True).returncode == 0
    try:
        yield Disk(path, mounted)
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(path)], check=True)


@pytest.fixture
def server_log(monkeypatch: pytest.MonkeyPatch) -> None:
    """The servers started by the test write their log to the test's stderr (capfd)."""
    monkeypatch.setenv("OPERA_TEST_SERVER_LOG", "1")


async def open_room(server: Server, people: int) -> tuple[dict[str, str], Client, list[Client]]:
    created = await create_session(server.base_url, settings={"own": {"max_ideas": 50}})
    code = created["code"]
    host = await Client.open(server.ws_url, code, "host", token=created["host_token"])
    guests = [await Client.open(server.ws_url, code, name=f"D{i}") for i in range(people)]
    await host.cmd("phase.start", {"phase": "own"})
    return created, host, guests


async def write_until_refused(people: list[Client], tag: str) -> dict[str, str]:
    """Each person adds ideas until one is refused; returns {command id: text} refused."""
    refused: dict[str, str] = {}
    for i, person in enumerate(people):
        for n in range(40):
            cmd_id, text = f"{tag}-{i}-{n:02}", f"{tag} {i} {n:02} ".ljust(160, "x")
            answer = await person.request("idea.add", {"text": text}, cmd_id=cmd_id)
            if answer["type"] == "error":
                assert answer["code"] == "unavailable", answer
                assert "nothing was changed" in answer["message"]
                refused[cmd_id] = text
                break
    return refused


@pytest.mark.usefixtures("server_log")
async def test_a_full_disk_answers_unavailable_and_every_connection_stays(
    disk: Disk, capfd: pytest.CaptureFixture[str]
) -> None:
    # snapshots after every entry: they fail on the full disk too, and must only be logged
    env = {"OPERA_SNAPSHOT_EVERY": "1", "OPERA_SNAPSHOT_SECONDS": "0"}
    server = Server(store=f"file://{disk.path}", port=free_port(), env=env)
    server.start()
    disk.server = server
    try:
        _, host, people = await open_room(server, 4)
        await people[0].cmd("idea.add", {"text": "before the disk filled"})
        disk.fill()
        refused = await write_until_refused(people, "full")
        assert len(refused) == len(people), "every person met the full disk"
        again = await people[1].request("idea.add", {"text": "x" * 200}, cmd_id="again")
        assert again["type"] == "error" and again["code"] == "unavailable", again
        await asyncio.sleep(0.3)
        assert not any(c.closed.done() for c in [host, *people]), "a connection was dropped"
        disk.free()
        # the same command ids, sent again, are applied now, once
        for i, person in enumerate(people):
            for cmd_id, text in refused.items():
                if cmd_id.startswith(f"full-{i}-"):
                    assert (await person.request("idea.add", {"text": text}, cmd_id=cmd_id))[
                        "type"
                    ] == "ack"
        views = [await person.sync() for person in people]
        for view in views:
            texts = [idea["text"] for idea in view["me"]["ideas"]]
            assert len(texts) == len(set(texts)), "an idea was applied twice"
        assert set(refused.values()) <= {i["text"] for v in views for i in v["me"]["ideas"]}
        await asyncio.gather(*(c.close() for c in [host, *people]))
    finally:
        server.kill()
    log = capfd.readouterr().err
    # said once for the whole outage, and once that it is over; snapshots likewise
    assert log.count(FAILED_STORE) == 1, log[-3000:]
    assert log.count("writing again after") == 1, log[-3000:]
    assert log.count("snapshots are skipped until it recovers") == 1, log[-3000:]
    assert log.count("saving snapshots again") == 1, log[-3000:]
    assert "Traceback" not in log, log[-3000:]
    assert "never retrieved" not in log


@pytest.mark.usefixtures("server_log")
async def test_no_file_descriptors_left_answers_unavailable(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    server = Server(store=f"file://{tmp_path / 'data'}", port=free_port())
    server.start()
    try:
        _, host, people = await open_room(server, 2)
        assert server.proc is not None
        pid = server.proc.pid
        limits = resource.prlimit(pid, resource.RLIMIT_NOFILE)
        used = psutil.Process(pid).num_fds()
        resource.prlimit(pid, resource.RLIMIT_NOFILE, (used, limits[1]))  # none left
        try:
            answer = await people[0].request("idea.add", {"text": "no fd"}, cmd_id="fd-1")
        finally:
            resource.prlimit(pid, resource.RLIMIT_NOFILE, limits)
        assert answer["type"] == "error" and answer["code"] == "unavailable", answer
        assert not people[0].closed.done()
        retried = await people[0].request("idea.add", {"text": "no fd"}, cmd_id="fd-1")
        assert retried["type"] == "ack"
        assert [i["text"] for i in (await people[0].sync())["me"]["ideas"]] == ["no fd"]
        await asyncio.gather(*(c.close() for c in [host, *people]))
    finally:
        server.kill()
    log = capfd.readouterr().err
    assert log.count(FAILED_STORE) == 1, log[-3000:]
    assert errno.errorcode[errno.EMFILE] in log or "Too many open files" in log
    assert "Traceback" not in log, log[-3000:]


@pytest.mark.usefixtures("server_log")
async def test_a_damaged_line_names_the_file_the_line_and_the_repair(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    server = Server(store=f"file://{data}", port=free_port())
    server.start()
    try:
        created, host, people = await open_room(server, 2)
        for n in range(5):
            await people[n % 2].cmd("idea.add", {"text": f"idea {n}"})
        await asyncio.gather(*(c.close() for c in [host, *people]))
        server.kill()
        path = data / f"{created['code']}.jsonl"
        lines = path.read_bytes().split(b"\n")
        lines[4] = b"#" + lines[4][1:]  # line 5 of 10: damage in the middle
        path.write_bytes(b"\n".join(lines))
        server.start()
        async with httpx.AsyncClient() as http:
            url = f"{server.base_url}/api/sessions/{created['code']}"
            for _ in range(3):
                answer = await http.get(url)
                assert answer.status_code == 503
        assert "damaged" in answer.json()["error"]["message"]
        assert str(data) not in answer.text  # the server's paths stay on the server
        log = capfd.readouterr().err
        assert log.count(f"{path}: line 5 is damaged") == 1, log[-3000:]  # once, not per try
        assert f"head -n 4 {path}" in log
        # the repair the log gives works: the room opens with what came before line 5
        server.kill()
        kept = subprocess.run(["head", "-n", "4", str(path)], capture_output=True, check=True)
        path.write_bytes(kept.stdout)
        (data / f"{created['code']}.snap.json").unlink(missing_ok=True)
        server.start()
        host = await Client.open(
            server.ws_url, created["code"], "host", token=created["host_token"]
        )
        assert host.view["phase"]["name"] == "own"
        assert host.seq == 4
        await host.close()
    finally:
        server.kill()


async def test_data_files_are_readable_by_the_server_only(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = {"OPERA_SNAPSHOT_EVERY": "1", "OPERA_SNAPSHOT_SECONDS": "0"}
    server = Server(store=f"file://{data}", port=free_port(), env=env)
    server.start()
    try:
        old, host, people = await open_room(server, 1)
        await asyncio.gather(host.close(), people[0].close())
        server.stop()
        for path in data.iterdir():
            path.chmod(0o644)  # as an older version wrote them
        server.start()
        created, host, people = await open_room(server, 1)
        await people[0].cmd("idea.add", {"text": "private"})
        async with httpx.AsyncClient() as http:  # loads the old room: its files are fixed
            assert (await http.get(f"{server.base_url}/api/sessions/{old['code']}")).is_success
        await asyncio.sleep(0.3)
        await asyncio.gather(host.close(), people[0].close())
    finally:
        server.stop()
    names = {
        f"{c}.{kind}" for c in (old["code"], created["code"]) for kind in ("jsonl", "snap.json")
    }
    assert {p.name for p in data.iterdir()} == {*names, ".lock"}
    for path in data.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE(data.stat().st_mode) == 0o700


async def test_exports_are_never_cached(tmp_path: Path) -> None:
    server = Server(store=f"file://{tmp_path / 'data'}", port=free_port())
    server.start()
    try:
        created, host, people = await open_room(server, 1)
        await people[0].cmd("idea.add", {"text": "a name in an export"})
        auth = {"Authorization": f"Bearer {created['host_token']}"}
        async with httpx.AsyncClient() as http:
            for kind in ("csv", "md", "json"):
                url = f"{server.base_url}/api/sessions/{created['code']}/export.{kind}"
                answer = await http.get(url, headers=auth)
                assert answer.status_code == 200
                assert answer.headers["cache-control"] == "no-store"
        await asyncio.gather(host.close(), people[0].close())
    finally:
        server.kill()
