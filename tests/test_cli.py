"""`opera serve` says where to go, and takes its settings from flags and OPERA_* variables."""

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import httpx
from support.server import free_port


def test_serve_prints_the_address_and_uses_env_settings() -> None:
    port = free_port()
    env = {**os.environ, "OPERA_PORT": str(port), "OPERA_STORE": "memory://"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "opera", "serve"], env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        assert first.startswith(f"Opera Room is running: open http://localhost:{port}/")
        assert "memory://" in first
        assert "--host 0.0.0.0" in proc.stdout.readline()
        for _ in range(100):
            try:
                assert httpx.get(f"http://127.0.0.1:{port}/healthz").json() == {"status": "ok"}
                break
            except httpx.HTTPError:
                time.sleep(0.1)
    finally:
        proc.kill()
        proc.wait(10)
        if proc.stdout:
            proc.stdout.close()


def test_a_bad_store_url_is_a_clear_error() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "opera", "serve", "--port", str(free_port()), "--store", "ftp://x"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode != 0
    assert "unknown store ftp://" in result.stderr


def test_serve_raises_its_open_file_limit_to_the_hard_one() -> None:
    hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
    low = 256 if hard == resource.RLIM_INFINITY else min(256, hard)
    port = free_port()
    env = {**os.environ, "OPERA_PORT": str(port), "OPERA_STORE": "memory://"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "opera", "serve"],
        env=env,
        stdout=subprocess.DEVNULL,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_NOFILE, (low, hard)),
    )
    try:
        for _ in range(100):
            try:
                httpx.get(f"http://127.0.0.1:{port}/healthz")
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        limits = Path(f"/proc/{proc.pid}/limits").read_text()
        line = next(row for row in limits.splitlines() if row.startswith("Max open files"))
        wanted = "unlimited" if hard == resource.RLIM_INFINITY else str(hard)
        assert line.split()[3] == wanted, line  # the soft limit, lifted from 256
    finally:
        proc.kill()
        proc.wait(10)
