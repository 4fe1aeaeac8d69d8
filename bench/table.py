"""A Markdown table of several result files, for docs/performance.md.

uv run python -m bench.table bench/results/n100-r1.json bench/results/n500-r1.json ...
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.report import _fmt, _g, _pp

Row = tuple[str, Callable[[dict[str, Any]], str]]

ROWS: list[Row] = [
    ("all joined (s)", lambda r: _fmt(_g(r, "opera", "join", "seconds"))),
    ("ack p50 / p95 / p99 (ms)",
     lambda r: _pp(_g(r, "opera", "acks", "all_ms"), "p50", "p95", "p99")),
    ("ack in the vote burst p50 / p95 / p99 (ms)",
     lambda r: _pp(_g(r, "opera", "acks", "burst_ms"), "p50", "p95", "p99")),
    ("fan-out of `explain.focus` to the last participant p50 / p95 / max (ms)",
     lambda r: _pp(_g(r, "opera", "fanout", "by_kind_last_ms", "explain.focus"),
                   "p50", "p95", "max")),
    ("baseline `broadcast()`, interleaved with those, p50 / p95 / max (ms)",
     lambda r: _pp(_g(r, "opera", "baseline_interleaved", "fanout_last_ms"), "p50", "p95", "max")),
    ("**fan-out p95, ours / baseline**", lambda r: _fmt(r.get("ratio_fanout_p95"))),
    ("fan-out of `explain.focus` and `idea.place` p50 / p95 / max (ms)",
     lambda r: _pp(_g(r, "opera", "fanout", "last_small_ms"), "p50", "p95", "max")),
    ("baseline `broadcast()` on its own, before the session, p50 / p95 / max (ms)",
     lambda r: _pp(_g(r, "baseline", "fanout_last_ms"), "p50", "p95", "max")),
    ("fan-out p95 of those two, ours / baseline",
     lambda r: _fmt(r.get("ratio_fanout_p95_standalone"))),
    ("`phase.start explain` fan-out (ms)",
     lambda r: _fmt(_g(r, "opera", "fanout", "by_kind_last_ms", "phase.start explain", "max"))),
    ("`rank.reveal` fan-out (ms)",
     lambda r: _fmt(_g(r, "opera", "fanout", "by_kind_last_ms", "rank.reveal", "max"))),
    ("burst: pushes/s per connection, mean / busiest second",
     lambda r: f"{_fmt(_g(r, 'opera', 'burst', 'pushes_per_s_per_conn', 'mean'))} / "
     f"{_fmt(_g(r, 'opera', 'burst', 'peak_pushes_in_one_second_one_conn'))}"),
    ("burst: pushes/s per room",
     lambda r: _fmt(_g(r, "opera", "burst", "pushes_per_s_per_room", "mean"))),
    ("burst: votes acked / refused `limit_reached`",
     lambda r: f"{_fmt(_g(r, 'opera', 'burst', 'answers', 'ok'))} / "
     f"{_fmt(_g(r, 'opera', 'burst', 'answers', 'limit_reached'))}"),
    ("server CPU for the whole session (s)",
     lambda r: _fmt(_g(r, "opera", "server", "cpu_s_total"))),
    ("server RSS idle / all joined / peak (MB)",
     lambda r: _pp(_g(r, "opera", "server"), "rss_idle_mb", "rss_joined_mb", "rss_peak_mb")),
    ("server RSS per connection above idle (KB)",
     lambda r: _fmt(_g(r, "opera", "server", "rss_per_conn_kb"))),
    ("baseline RSS per connection (KB)", lambda r: _fmt(_g(r, "baseline", "rss_per_conn_kb"))),
    ("KB received per participant: join / own / pair / explain",
     lambda r: " / ".join(_fmt(_g(r, "opera", "bytes_per_participant_kb", p, "mean"))
                          for p in ("join", "own", "pair", "explain"))),
    ("KB received per participant: rank / reveal / arrange / sync",
     lambda r: " / ".join(_fmt(_g(r, "opera", "bytes_per_participant_kb", p, "mean"))
                          for p in ("rank", "reveal", "arrange", "sync"))),
    ("commands lost / applied twice",
     lambda r: f"{_fmt(_g(r, 'opera', 'integrity', 'lost'))} / "
     f"{_fmt(_g(r, 'opera', 'integrity', 'applied_twice'))}"),
    ("patched views equal to `sync`",
     lambda r: f"{_fmt(_g(r, 'opera', 'convergence', 'participants_equal'))} of "
     f"{_fmt(_g(r, 'opera', 'convergence', 'of'))}"),
    ("client core used during the spotlights / the burst (all client processes)",
     lambda r: f"{_fmt(_client_share(r, 'explain-focus'))} / {_fmt(_client_share(r, 'rank'))}"),
    ("other programs' CPU during the run (cores)",
     lambda r: _fmt(_g(r, "noise", "other_cpu_share"))),
]  # fmt: skip


def _title(r: dict[str, Any]) -> str:
    size = _g(r, "options", "groups")
    if size:
        return f"{r['participants']:,} in groups of {size}"
    return f"{r['participants']:,} x {r['rooms']}"


def _client_share(r: dict[str, Any], phase: str) -> float | None:
    """The client core's busy share in a step, summed over the client processes."""
    procs = (_g(r, "opera", "clients") or {}).values()
    shares = [p["cpu_share_by_phase"].get(phase) for p in procs]
    return round(sum(x for x in shares if x is not None), 2) if shares else None


GROUP_ROWS: list[Row] = [
    ("groups (count, sizes)", lambda r: f"{_fmt(_g(r, 'opera', 'groups', 'count'))} "
     f"({', '.join(f'{n} of {k}' for k, n in (_g(r, 'opera', 'groups', 'sizes') or {}).items())})"),
    ("ack of `idea.add` in Own p50 / p95 / p99 (ms)",
     lambda r: _pp(_g(r, "opera", "acks", "own_ms"), "p50", "p95", "p99")),
    ("ack in the plenary vote p50 / p95 / p99 (ms)",
     lambda r: _pp(_g(r, "opera", "acks", "plenary_burst_ms"), "p50", "p95", "p99")),
    ("plenary: votes acked / refused",
     lambda r: f"{_fmt(_g(r, 'opera', 'plenary_burst', 'answers', 'ok'))} / "
     f"{_fmt(_g(r, 'opera', 'plenary_burst', 'answers', 'limit_reached'))}"),
    ("`explain.focus` by members, every group at once, to the group's last member "
     "p50 / p95 / max (ms)",
     lambda r: _pp(_g(r, "opera", "fanout", "by_kind_last_ms",
                      "explain.focus, every group at once"), "p50", "p95", "max")),
    ("`phase.start plenary` fan-out (ms)",
     lambda r: _fmt(_g(r, "opera", "fanout", "by_kind_last_ms", "phase.start plenary", "max"))),
    ("server CPU per spotlight (ms)",
     lambda r: _fmt(_per(_g(r, "opera", "server", "cpu_s_by_phase", "explain-focus"),
                         _g(r, "opera", "fanout", "by_kind_last_ms", "explain.focus", "n")))),
    ("KB received per participant in Own, one group alone / in the event",
     lambda r: f"{_fmt(_g(r, 'alone', 'own_kb_per_participant'))} / "
     f"{_fmt(_g(r, 'opera', 'bytes_per_participant_kb', 'own', 'mean'))}"),
    ("**Own bytes, in the event / alone**", lambda r: _fmt(r.get("own_bytes_ratio"))),
    ("load average at the start / end",
     lambda r: f"{_fmt((r.get('loadavg_at_start') or [None])[0])} / "
     f"{_fmt((_g(r, 'noise', 'loadavg_at_end') or [None])[0])}"),
]  # fmt: skip


def _per(cpu_s: float | None, n: int | None) -> float | None:
    return round(cpu_s * 1000 / n, 1) if cpu_s is not None and n else None


def markdown(files: list[Path]) -> str:
    runs = [json.loads(f.read_text()) for f in files]
    grouped = any(_g(r, "options", "groups") for r in runs)
    head = ["", *(_title(r) for r in runs)]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for label, get in ROWS + (GROUP_ROWS if grouped else []):
        lines.append("| " + " | ".join([label, *(get(r) for r in runs)]) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("files", nargs="+", type=Path)
    print(markdown(parser.parse_args().files))


if __name__ == "__main__":
    main()
