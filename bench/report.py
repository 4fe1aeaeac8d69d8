"""The human-readable table printed before the JSON line."""

from __future__ import annotations

from typing import Any


def _g(d: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(d, dict) or key not in d:
            return None
        d = d[key]
    return d


def _fmt(v: Any) -> str:
    if v is None:
        return "-"
    if isinstance(v, float):
        if abs(v) >= 100:
            return f"{v:,.0f}"
        return f"{v:.1f}" if abs(v) >= 10 else f"{v:.2f}".rstrip("0").rstrip(".")
    return str(v)


def _pp(s: Any, *keys: str) -> str:
    if not isinstance(s, dict):
        return "-"
    return " / ".join(_fmt(s.get(k)) for k in keys)


def table(report: dict[str, Any]) -> str:
    op = report.get("opera", {})
    base = report.get("baseline", {})
    rows: list[tuple[str, str]] = [
        ("participants x rooms", f"{report['participants']} x {report['rooms']}"),
        ("client processes", _fmt(_g(report, "options", "client_procs"))),
        ("join: all joined (s)", _fmt(_g(op, "join", "seconds"))),
        ("join: failed", _fmt(_g(op, "join", "failed"))),
        ("ack ms p50/p95/p99 (all)", _pp(_g(op, "acks", "all_ms"), "p50", "p95", "p99")),
        ("ack ms p50/p95/p99 (vote burst)", _pp(_g(op, "acks", "burst_ms"), "p50", "p95", "p99")),
        ("ack ms p50/p95/p99 (host)", _pp(_g(op, "acks", "host_ms"), "p50", "p95", "p99")),
        (
            "fan-out ms p50/p95/max (explain.focus)",
            _pp(_g(op, "fanout", "by_kind_last_ms", "explain.focus"), "p50", "p95", "max"),
        ),
        (
            "baseline interleaved ms p50/p95/max",
            _pp(_g(op, "baseline_interleaved", "fanout_last_ms"), "p50", "p95", "max"),
        ),
        (
            "fan-out ms p50/p95/max (focus, place)",
            _pp(_g(op, "fanout", "last_small_ms"), "p50", "p95", "max"),
        ),
        (
            "fan-out ms p50/p95/max (all host actions)",
            _pp(_g(op, "fanout", "last_all_ms"), "p50", "p95", "max"),
        ),
        (
            "baseline alone, before, ms p50/p95/max",
            _pp(_g(base, "fanout_last_ms"), "p50", "p95", "max"),
        ),
        ("fan-out p95 ratio ours/baseline", _fmt(report.get("ratio_fanout_p95"))),
        (
            "burst pushes/s per conn mean/max",
            _pp(_g(op, "burst", "pushes_per_s_per_conn"), "mean", "max"),
        ),
        (
            "burst peak pushes in 1 s, one conn",
            _fmt(_g(op, "burst", "peak_pushes_in_one_second_one_conn")),
        ),
        (
            "burst pushes/s per room mean/max",
            _pp(_g(op, "burst", "pushes_per_s_per_room"), "mean", "max"),
        ),
        ("server CPU s (total)", _fmt(_g(op, "server", "cpu_s_total"))),
        ("server RSS MB idle/joined/peak", _pp(
            _g(op, "server"), "rss_idle_mb", "rss_joined_mb", "rss_peak_mb")),
        ("server RSS KB per connection", _fmt(_g(op, "server", "rss_per_conn_kb"))),
        ("baseline RSS KB per connection", _fmt(base.get("rss_per_conn_kb"))),
        ("lost / applied twice", f"{_fmt(_g(op, 'integrity', 'lost'))} / "
         f"{_fmt(_g(op, 'integrity', 'applied_twice'))}"),
        ("views equal to sync", f"{_fmt(_g(op, 'convergence', 'participants_equal'))} of "
         f"{_fmt(_g(op, 'convergence', 'of'))}"),
    ]  # fmt: skip
    rows.append(("other programs' CPU during the run", _pp(report.get("noise"), "other_cpu_share")))
    if _g(report, "options", "groups"):
        rows += group_rows(report)
    for phase, kb in (_g(op, "bytes_per_participant_kb") or {}).items():
        rows.append((f"KB per participant: {phase}", _pp(kb, "mean", "max")))
    for proc, share in (_g(op, "clients") or {}).items():
        busiest = max(share["cpu_share_by_phase"].items(), key=lambda kv: kv[1], default=None)
        if busiest:
            rows.append((f"client {proc} busiest phase (CPU share)", f"{busiest[0]} {busiest[1]}"))
    for name, t in (report.get("targets") or {}).items():
        mark = {True: "met", False: "MISSED", None: "not measured"}[t["met"]]
        if not t.get("applies", True):
            grouped = name.startswith("groups_")
            mark += " (set for 2,000 in groups)" if grouped else " (set for 1,000 in one room)"
        rows.append((f"target {name}", f"{_fmt(t['value'])} (limit {_fmt(t['limit'])}): {mark}"))
    for err in report.get("errors", [])[:10]:
        rows.append(("error", err[:120]))
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"{k.ljust(width)}  {v}" for k, v in rows)


def group_rows(report: dict[str, Any]) -> list[tuple[str, str]]:
    """The breakout run's own figures: groups, Own acks, the plenary burst, the ratios."""
    op = report.get("opera", {})
    return [
        ("groups: count / sizes", f"{_fmt(_g(op, 'groups', 'count'))} / "
         f"{_g(op, 'groups', 'sizes')}"),
        ("ack ms p50/p95/p99 (Own idea.add)", _pp(_g(op, "acks", "own_ms"), "p50", "p95", "p99")),
        ("ack ms p50/p95/p99 (plenary votes)",
         _pp(_g(op, "acks", "plenary_burst_ms"), "p50", "p95", "p99")),
        ("plenary votes acked / refused",
         f"{_fmt(_g(op, 'plenary_burst', 'answers', 'ok'))} / "
         f"{_fmt(_g(op, 'plenary_burst', 'answers', 'limit_reached'))}"),
        ("fan-out ms p50/p95/max (every group at once)",
         _pp(_g(op, "fanout", "by_kind_last_ms", "explain.focus, every group at once"),
             "p50", "p95", "max")),
        ("KB per participant in Own, one group alone",
         _fmt(_g(report, "alone", "own_kb_per_participant"))),
        ("Own bytes ratio groups/alone", _fmt(report.get("own_bytes_ratio"))),
    ]  # fmt: skip
