"""What `GET /metrics` shows, in the Prometheus text format; the one module of prometheus_client.

Counts and timings only: no room code, name, text or token is ever a label or a value, so a
scrape tells how the server is doing and nothing about any session. Labels take values from
small fixed sets (roles, answer codes, store error kinds). The rest of the server calls the
small functions below; `watch` registers where the live counts (rooms, connections) are read
at scrape time, so nothing has to keep them up to date.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Iterator, Mapping
from typing import TypeVar

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Histogram,
    ProcessCollector,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.exposition import CONTENT_TYPE_PLAIN_0_0_4
from prometheus_client.registry import Collector

T = TypeVar("T")

ROLES = ("host", "participant", "board")
_LATENCY = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)
_CONNECTIONS = (1, 10, 50, 100, 250, 500, 1000, 2000, 5000)

registry = CollectorRegistry(auto_describe=True)
ProcessCollector(registry=registry)  # memory, CPU, open file descriptors of this process

_answers = Counter(
    "opera_commands",
    "Commands answered, by answer: ack or the error code (refusals, unavailable, ...).",
    ["answer"],
    registry=registry,
)
_ack_seconds = Histogram(
    "opera_ack_seconds",
    "Seconds from a command's arrival to its ack (appended, durable and folded).",
    buckets=_LATENCY,
    registry=registry,
)
_push_seconds = Histogram(
    "opera_fanout_seconds",
    "Seconds one coalesced push of a room took (views, diffs, frames for every connection).",
    buckets=_LATENCY,
    registry=registry,
)
_push_connections = Histogram(
    "opera_fanout_connections",
    "Connections one coalesced push reached.",
    buckets=_CONNECTIONS,
    registry=registry,
)
_drops = Counter(
    "opera_send_queue_drops",
    "Connections dropped because they stopped reading (their send queue was full).",
    registry=registry,
)
_store_errors = Counter(
    "opera_store_errors",
    "Failed store operations, by kind: unavailable (disk full, Redis down), lost (Redis "
    "lost its log tail), corrupt (damaged data).",
    ["kind"],
    registry=registry,
)
for _kind in ("unavailable", "lost", "corrupt"):
    _store_errors.labels(_kind)  # present at 0 from the start: alerts can use rate()

Census = Callable[[], tuple[int, Mapping[str, int]]]


class _Live(Collector):
    """Rooms loaded and connections by role, read from the server when scraped."""

    def __init__(self) -> None:
        self.census: Census | None = None

    def collect(self) -> Iterator[Metric]:
        rooms, by_role = self.census() if self.census is not None else (0, {})
        loaded = GaugeMetricFamily("opera_rooms_loaded", "Rooms loaded in this process.")
        loaded.add_metric([], rooms)
        yield loaded
        open_ = GaugeMetricFamily(
            "opera_connections", "Open WebSocket connections, by role.", labels=["role"]
        )
        for role in ROLES:
            open_.add_metric([role], by_role.get(role, 0))
        yield open_


_live = _Live()
registry.register(_live)


def watch(census: Census) -> None:
    """Where scrapes read (rooms loaded, {role: open connections}) from."""
    _live.census = census


async def answered(command: Awaitable[str]) -> str:
    """Awaits a command's answer frame, counts it by answer and times it if it is an ack."""
    started = time.perf_counter()
    frame = await command
    answer = _answer(frame)
    _answers.labels(answer).inc()
    if answer == "ack":
        _ack_seconds.observe(time.perf_counter() - started)
    return frame


def refused(frame: str) -> str:
    """Counts a refusal made before a command was looked at (rate limit, bad frame)."""
    _answers.labels(_answer(frame)).inc()
    return frame


def fan_out(seconds: float, connections: int) -> None:
    """One push of a room: how long it took (its slices' sum) and how many it reached."""
    _push_seconds.observe(seconds)
    _push_connections.observe(connections)


def dropped() -> None:
    _drops.inc()


def store_error(kind: str) -> None:
    _store_errors.labels(kind).inc()


def render() -> tuple[bytes, str]:
    """The page and its media type (text format 0.0.4: every Prometheus version reads it)."""
    return generate_latest(registry), CONTENT_TYPE_PLAIN_0_0_4


_ACK = '{"type":"ack"'
_ERROR = '{"type":"error","code":"'


def _answer(frame: str) -> str:
    """`ack` or the error code of an answer frame (see protocol.ack and protocol.error)."""
    if frame.startswith(_ACK):
        return "ack"
    if frame.startswith(_ERROR):
        end = frame.find('"', len(_ERROR))
        if 0 < end <= len(_ERROR) + 32:
            return frame[len(_ERROR) : end]
    return "other"
