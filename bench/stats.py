"""Percentiles and small summaries."""

from __future__ import annotations

import math
from collections.abc import Sequence


def pct(values: Sequence[float], p: float) -> float | None:
    """The p-th percentile (nearest rank), or None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100.0 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def ms(value: float | None) -> float | None:
    return None if value is None else round(value * 1000.0, 2)


def summary_ms(values: Sequence[float]) -> dict[str, float | int | None]:
    """Count, p50, p95, p99 and max of durations given in seconds, as milliseconds."""
    return {
        "n": len(values),
        "p50": ms(pct(values, 50)),
        "p95": ms(pct(values, 95)),
        "p99": ms(pct(values, 99)),
        "max": ms(max(values) if values else None),
    }
