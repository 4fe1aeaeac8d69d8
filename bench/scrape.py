"""The server's own timings per phase, from its `GET /metrics` (Prometheus text).

The bench's clients time an ack from the send to the answer, and a fan-out from the host's
command to the last participant's frame: both include the sockets, the client processes
and the event loop's queue. The server's histograms time only its own part
(`opera_ack_seconds`: a command's arrival to its ack; `opera_fanout_seconds`: one push's
views, diffs and frames), so the difference says where the rest of the time goes. A
histogram gives buckets, not samples: a percentile here is the upper bound of the bucket
it falls in (so "p95 <= 0.05 s").
"""

from __future__ import annotations

import itertools
from typing import Any

from prometheus_client.parser import text_string_to_metric_families

HISTOGRAMS = ("opera_ack_seconds", "opera_fanout_seconds")

Histogram = dict[str, Any]  # {"buckets": {le: cumulative count}, "sum": s, "count": n}


def parse(text: str) -> dict[str, Histogram]:
    """The histograms named in HISTOGRAMS as they stand."""
    out: dict[str, Histogram] = {n: {"buckets": {}, "sum": 0.0, "count": 0.0} for n in HISTOGRAMS}
    for family in text_string_to_metric_families(text):
        hist = out.get(family.name)
        if hist is None:
            continue
        for sample in family.samples:
            if sample.name.endswith("_bucket"):
                hist["buckets"][sample.labels["le"]] = sample.value
            elif sample.name.endswith("_sum"):
                hist["sum"] = sample.value
            elif sample.name.endswith("_count"):
                hist["count"] = sample.value
    return out


def between(before: Histogram, after: Histogram) -> dict[str, Any]:
    """What one histogram recorded between two scrapes: count, mean and bucket percentiles."""
    n = after["count"] - before["count"]
    if n <= 0:
        return {"n": 0}
    total = after["sum"] - before["sum"]
    bounds = sorted(after["buckets"], key=lambda le: float("inf") if le == "+Inf" else float(le))
    cumulative = [(le, after["buckets"][le] - before["buckets"].get(le, 0.0)) for le in bounds]

    def upper(q: float) -> str:
        for le, count in cumulative:
            if count >= q * n:
                return le if le == "+Inf" else f"<= {float(le) * 1000:g} ms"
        return "+Inf"

    return {
        "n": int(n),
        "mean_ms": round(1000 * total / n, 2),
        "p50": upper(0.5),
        "p95": upper(0.95),
    }


def by_phase(scrapes: list[tuple[str, dict[str, Histogram]]]) -> dict[str, dict[str, Any]]:
    """For each histogram, what each phase (from its mark to the next) recorded."""
    out: dict[str, dict[str, Any]] = {name: {} for name in HISTOGRAMS}
    for (phase, a), (_, b) in itertools.pairwise(scrapes):
        for name in HISTOGRAMS:
            got = between(a[name], b[name])
            if got["n"]:
                out[name][phase] = got
    return out
