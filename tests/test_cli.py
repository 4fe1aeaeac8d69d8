"""`opera serve` says where to go, and takes its settings from flags and OPERA_* variables."""

import os
import subprocess
import sys
import time

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
