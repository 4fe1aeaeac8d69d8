"""Phones that can always join: `opera serve` prints every address phones can use, and the
create answer says when the join link points at this machine only."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import httpx
from opera.network import is_loopback_url, lan_addresses, phone_urls
from support.client import create_session
from support.server import free_port, serve


def test_loopback_links_are_told_apart_from_network_ones() -> None:
    for url in ("http://127.0.0.1:8000/j/X", "http://localhost:8/j/X", "http://[::1]:8/j/X"):
        assert is_loopback_url(url), url
    assert is_loopback_url("http://127.8.9.1/j/X") and is_loopback_url("http://app.localhost/")
    for url in ("http://192.168.1.20:8000/j/X", "https://opera.example.org/j/X"):
        assert not is_loopback_url(url), url


def test_phone_urls_follow_the_listening_address() -> None:
    assert phone_urls("127.0.0.1", 8000) == [] and phone_urls("::1", 8000) == []
    assert phone_urls("192.168.1.20", 8000) == ["http://192.168.1.20:8000"]
    everything = phone_urls("0.0.0.0", 8000)
    assert everything == [
        f"http://[{a}]:8000" if ":" in a else f"http://{a}:8000" for a in lan_addresses()
    ]
    assert not any(is_loopback_url(url) for url in everything)


def test_serve_on_all_interfaces_prints_every_address_phones_can_use() -> None:
    port = free_port()
    env = {**os.environ, "OPERA_STORE": "memory://"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "opera", "serve", "--host", "0.0.0.0", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    expected = phone_urls("0.0.0.0", port)
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        if expected:
            assert first.startswith(f"Opera Room is running: open {expected[0]}/")
            for other in expected[1:]:
                assert other + "/" in proc.stdout.readline()
        else:
            assert "No network address found" in proc.stdout.readline()
        assert "127.0.0.1" not in first and "localhost" not in first
        for _ in range(200):
            try:
                created = httpx.post(
                    f"http://127.0.0.1:{port}/api/sessions", json={"question": "q"}
                ).json()
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        # made from the loopback address: the console is told, with where phones can go
        assert created["join_loopback"] is True
        assert created["phone_urls"] == expected
        if expected and "[" not in expected[0]:
            from_lan = httpx.post(f"{expected[0]}/api/sessions", json={"question": "q"}).json()
            assert from_lan["join_url"].startswith(expected[0])
            assert from_lan["join_loopback"] is False
            info = httpx.get(f"{expected[0]}/api/sessions/{from_lan['code']}").json()
            assert info["join_loopback"] is False and info["phone_urls"] == expected
    finally:
        proc.kill()
        proc.wait(10)
        if proc.stdout:
            proc.stdout.close()


async def test_a_public_url_is_the_join_link_and_not_loopback() -> None:
    with serve(env={"OPERA_PUBLIC_URL": "https://opera.example.org"}) as server:
        created = await create_session(server.base_url)
        assert created["join_url"].startswith("https://opera.example.org/j/")
        assert created["join_loopback"] is False and created["phone_urls"] == []
    with serve() as server:
        created = await create_session(server.base_url)
        assert created["join_loopback"] is True and created["phone_urls"] == []
