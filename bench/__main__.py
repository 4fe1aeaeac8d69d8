"""`uv run python -m bench --participants 1000 --rooms 1`: run the load generator.

See `bench/run.py` for what a run does and `docs/performance.md` for the results.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench.report import table
from bench.run import Controller, Options, judge, setup_process
from bench.worker import run_loop


def parse(argv: list[str] | None = None) -> tuple[Options, argparse.Namespace]:
    d = Options()
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    p.add_argument("--participants", "-n", type=int, default=d.participants, help="per room")
    p.add_argument("--rooms", "-r", type=int, default=d.rooms)
    p.add_argument(
        "--client-procs", type=int, default=0, help="0: one per 600 connections, at least 2"
    )
    p.add_argument("--store", default=d.store, help="the server's --store URL")
    p.add_argument("--out", type=Path, default=None, help="where the JSON result and logs go")
    p.add_argument("--seed", type=int, default=d.seed)
    p.add_argument("--ideas", type=int, default=d.ideas, help="Own ideas per participant")
    p.add_argument("--shortlist", type=int, default=d.shortlist, help="ideas per pair shortlist")
    p.add_argument("--budget", type=int, default=d.budget, help="rank.budget (points per ballot)")
    p.add_argument("--voter", choices=("pair", "person"), default=d.voter)
    p.add_argument(
        "--groups",
        type=int,
        default=d.groups,
        help="breakout groups of this many people (groups.size), then the plenary; "
        "results go to bench/results/groups/ unless --out is given",
    )
    p.add_argument(
        "--form",
        choices=("own", "lobby"),
        default=d.form,
        help="with --groups: deal people at phase.start own, or with groups.form in the lobby",
    )
    p.add_argument(
        "--plenary-budget", type=int, default=d.plenary_budget, help="plenary.budget (points)"
    )
    p.add_argument(
        "--no-alone",
        action="store_true",
        help="with --groups: leave out the run of one group alone (Own's bytes ratio)",
    )
    p.add_argument("--focus", type=int, default=d.focus, help="explain.focus actions per room")
    p.add_argument("--moves", type=int, default=d.moves, help="idea.place moves per room")
    p.add_argument("--broadcasts", type=int, default=d.broadcasts, help="baseline broadcasts")
    p.add_argument("--own-spread", type=float, default=d.own_spread, help="seconds of Own")
    p.add_argument("--burst-window", type=float, default=d.burst_window)
    p.add_argument("--deadline", type=float, default=d.deadline, help="seconds for the whole run")
    p.add_argument("--server-core", type=int, default=d.server_core)
    p.add_argument(
        "--processes",
        type=int,
        default=d.processes,
        help="`opera serve` processes on one store (a private redis-server unless --store "
        "gives redis://host:port), participants split across them (bench/cluster.py)",
    )
    p.add_argument(
        "--spread",
        action="store_true",
        help="with --processes: server process i on core i (default: all on --server-core)",
    )
    p.add_argument(
        "--server-cmd",
        default="",
        help="replace `python -m opera serve ...`; {host} {port} {store} are filled in",
    )
    p.add_argument("--loop", choices=("asyncio", "uvloop"), default=d.loop, help="client loop")
    p.add_argument(
        "--profile",
        default="",
        help="comma-separated phases (join, own, pair, "
        "explain, rank, reveal, arrange, sync ...) to py-spy the server in; "
        "run with `uv run --with py-spy`",
    )
    p.add_argument(
        "--wait-quiet",
        type=float,
        default=0.0,
        help="wait up to this many seconds "
        "for other programs to stop using the CPU before starting",
    )
    p.add_argument(
        "--apply",
        choices=("lazy", "eager"),
        default=d.apply,
        help="lazy (default): "
        "time frames as they arrive, apply patches when the view is needed; eager: "
        "apply each patch on arrival and time it after applying",
    )
    p.add_argument(
        "--no-interleave",
        action="store_true",
        help="no baseline broadcasts "
        "between the spotlights (the ratio then uses the baseline run on its own)",
    )
    p.add_argument(
        "--transport",
        choices=("websocket", "fallback"),
        default="websocket",
        help="participants' transport: fallback is SSE + POST (bench/fallback.py)",
    )
    p.add_argument("--no-baseline", action="store_true")
    p.add_argument("--baseline-only", action="store_true")
    p.add_argument(
        "--sweep",
        default="",
        help="comma-separated N for one room each, e.g. "
        "100,500,1000,2000: one run per N (a fresh process each), then the plot",
    )
    ns = p.parse_args(argv)
    os.environ["OPERA_BENCH_TRANSPORT"] = ns.transport  # read in the client processes
    procs = ns.client_procs or max(2, -(-ns.participants * ns.rooms // 600))
    opts = Options(
        participants=ns.participants, rooms=ns.rooms, client_procs=procs, store=ns.store,
        out=ns.out or (GROUPS_OUT if ns.groups else d.out), seed=ns.seed, ideas=ns.ideas,
        shortlist=ns.shortlist, budget=ns.budget, voter=ns.voter, groups=ns.groups, form=ns.form,
        plenary_budget=ns.plenary_budget, focus=ns.focus, moves=ns.moves, broadcasts=ns.broadcasts,
        burst_window=ns.burst_window, own_spread=ns.own_spread, deadline=ns.deadline,
        server_core=ns.server_core, wait_quiet=ns.wait_quiet,
        baseline=not ns.no_baseline, opera=not ns.baseline_only, server_cmd=ns.server_cmd,
        loop=ns.loop, apply=ns.apply, interleave=not ns.no_interleave,
        profile=tuple(x for x in ns.profile.split(",") if x),
        processes=ns.processes, spread=ns.spread,
    )  # fmt: skip
    return opts, ns


GROUPS_OUT = Path("bench/results/groups")


def result_path(opts: Options) -> Path:
    if opts.groups:
        return opts.out / f"n{opts.participants}-g{opts.groups}.json"
    cluster = f"-p{opts.processes}" if opts.processes > 1 else ""
    return opts.out / f"n{opts.participants}-r{opts.rooms}{cluster}.json"


def alone(opts: Options) -> dict[str, Any]:
    """The same kind of people as one group of `groups` alone in a session (no baseline):
    what a group member receives when no other group exists."""
    solo = replace(
        opts,
        participants=opts.groups,
        rooms=1,
        client_procs=2,
        baseline=False,
        interleave=False,
        focus=opts.groups,
        out=opts.out / "alone",
        wait_quiet=0.0,
    )
    report: dict[str, Any] = run_loop(Controller(solo).run(), solo.loop)
    op = report.get("opera", {})
    return {
        "participants": solo.participants,
        "ok": report["ok"],
        "errors": report["errors"],
        "own_kb_per_participant": _own_kb(op),
        "bytes_per_participant_kb": op.get("bytes_per_participant_kb"),
        "acks_own_ms": (op.get("acks") or {}).get("own_ms"),
    }


def _own_kb(op: dict[str, Any]) -> float | None:
    own = (op.get("bytes_per_participant_kb") or {}).get("own")
    return own["mean"] if own else None


def sweep(sizes: list[int], argv: list[str], out: Path) -> int:
    """One fresh `python -m bench` process per size, then the plot of every result."""
    rest: list[str] = []
    skip = False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg in ("--sweep", "--participants", "-n"):
            skip = True
            continue
        if arg.startswith(("--sweep=", "--participants=")):
            continue
        rest.append(arg)
    failed = 0
    files = []
    for n in sizes:
        cmd = [sys.executable, "-m", "bench", "--participants", str(n), *rest]
        print(f"$ {' '.join(cmd)}", file=sys.stderr, flush=True)
        failed += subprocess.run(cmd, check=False, timeout=3600).returncode != 0
        files.append(out / f"n{n}-r1.json")
    from bench.plot import plot

    png = plot([f for f in files if f.exists()], out / "fanout.png")
    print(f"plot: {png}", file=sys.stderr)
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    opts, ns = parse(argv)
    if ns.sweep:
        return sweep([int(x) for x in ns.sweep.split(",") if x.strip()], argv, opts.out)
    controller = Controller(opts)
    fds = setup_process(controller.client_cores)
    if fds < opts.total + 200:
        print(f"! file descriptor limit {fds} is below {opts.total + 200}", file=sys.stderr)
    started = time.time()
    report: dict[str, Any] = run_loop(controller.run(), opts.loop)
    if opts.groups and opts.opera and opts.participants > opts.groups and not ns.no_alone:
        report["alone"] = alone(opts)
        errors = list(report["errors"])
        if not report["alone"]["ok"]:
            errors.append("the run of one group alone failed")
        judge(report, errors)
    report["wall_s"] = round(time.time() - started, 1)
    opts.out.mkdir(parents=True, exist_ok=True)
    path = result_path(opts)
    if not opts.opera:
        path = path.with_name(path.stem + "-baseline.json")
    path.write_text(json.dumps(report, indent=1) + "\n")
    print(table(report))
    print(f"result: {path}")
    print(json.dumps(report, separators=(",", ":")))
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
