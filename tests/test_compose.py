"""The deployment files: no Docker engine runs here, so check them against specs and each other."""

from __future__ import annotations

import ipaddress
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[1]
COMPOSE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
CADDYFILE = ROOT / "deploy" / "Caddyfile"


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = YAML(typ="safe", pure=True).load(COMPOSE.read_text())
    return loaded


def test_compose_file_matches_the_compose_specification() -> None:
    """The Compose spec's JSON schema, as vendored by check-jsonschema (works offline)."""
    schema = ["--builtin-schema", "vendor.compose-spec"]
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", *schema, str(COMPOSE)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_redis_is_append_only_on_a_named_volume(compose: dict[str, Any]) -> None:
    redis = compose["services"]["redis"]
    assert redis["image"].startswith("redis:7")
    command = " ".join(redis["command"])
    assert "--appendonly yes" in command
    assert "--appendfsync everysec" in command
    volume = redis["volumes"][0].split(":")[0]
    assert volume in compose["volumes"]
    assert "redis-cli" in redis["healthcheck"]["test"]


@pytest.mark.parametrize("name", ["app1", "app2"])
def test_two_app_replicas_share_redis(compose: dict[str, Any], name: str) -> None:
    app = compose["services"][name]
    assert app["build"] == "."
    assert app["environment"]["OPERA_STORE"] == "redis://redis:6379/0"
    assert app["depends_on"]["redis"]["condition"] == "service_healthy"
    assert "/readyz" in " ".join(app["healthcheck"]["test"])
    assert "ports" not in app, "apps are reached through the proxy only"


def test_the_proxy_fronts_both_apps_on_8080(compose: dict[str, Any]) -> None:
    proxy = compose["services"]["proxy"]
    assert "8080:8080" in proxy["ports"]
    assert set(proxy["depends_on"]) == {"app1", "app2"}
    mounted = [v.split(":")[0] for v in proxy["volumes"]]
    assert "./deploy/Caddyfile" in mounted
    assert set(compose["services"]) == {"redis", "app1", "app2", "proxy"}


def test_the_proxy_config_carries_websockets_and_checks_health() -> None:
    text = CADDYFILE.read_text()
    assert ":8080 {" in text
    assert "@ws path /ws/*" in text
    assert re.search(r"reverse_proxy @ws app1:8000 app2:8000", text)
    assert "health_uri /readyz" in text
    assert text.count("{") == text.count("}")


def test_the_image_runs_opera_serve_from_the_lock_file() -> None:
    text = DOCKERFILE.read_text()
    assert text.startswith("#") and "FROM python:3.11-slim" in text
    assert "uv sync --locked --no-dev" in text
    assert "opera serve --host 0.0.0.0 --port 8000 --store" in text
    for needed in ["pyproject.toml", "uv.lock", "README.md", "server", "web"]:
        assert re.search(rf"^COPY .*\b{re.escape(needed)}\b", text, re.M), needed
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert not {"server", "web", "uv.lock", "pyproject.toml", "README.md"} & set(ignored)


def test_the_apps_believe_x_forwarded_for_from_the_proxy_alone(compose: dict[str, Any]) -> None:
    """With FORWARDED_ALLOW_IPS=* anyone who reached an app's port could pick the address
    that the per-address limits count; now only the proxy's fixed address is trusted."""
    proxy_address = compose["services"]["proxy"]["networks"]["edge"]["ipv4_address"]
    subnet = compose["networks"]["edge"]["ipam"]["config"][0]["subnet"]
    assert ipaddress.ip_address(proxy_address) in ipaddress.ip_network(subnet)
    for name in ["app1", "app2"]:
        env = compose["services"][name]["environment"]
        assert "FORWARDED_ALLOW_IPS" not in env
        assert env["OPERA_TRUSTED_PROXIES"] == proxy_address
        assert compose["services"][name]["networks"] == ["edge"]
    assert compose["services"]["redis"]["networks"] == ["edge"]


def test_the_proxy_cuts_slow_requests_and_big_bodies() -> None:
    text = CADDYFILE.read_text()
    assert re.search(r"read_header 5s", text)
    assert re.search(r"read_body \d+s", text)
    assert re.search(r"request_body \{\s*max_size 64KB\s*\}", text)
