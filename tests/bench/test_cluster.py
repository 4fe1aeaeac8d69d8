"""`python -m bench --processes 2`: one session on two server processes over a real Redis."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_a_tiny_session_on_two_processes_loses_nothing(tmp_path: Path) -> None:
    """Twenty people split over two `opera serve` processes sharing a private redis-server
    play a whole session: every acknowledged idea and vote is found exactly once, every view
    converges, and the frames delivered and Redis's own CPU are reported (no timings)."""
    argv = [sys.executable, "-m", "bench", "--participants", "20", "--processes", "2"]
    argv += ["--no-baseline", "--focus", "3", "--moves", "3", "--burst-window", "1"]
    argv += ["--own-spread", "0.5", "--client-procs", "2", "--deadline", "300"]
    argv += ["--out", str(tmp_path)]
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=400, check=False)
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["errors"] == [], done.stderr[-2000:]
    opera = report["opera"]
    assert opera["join"]["joined"] == 20
    assert opera["integrity"]["lost"] == 0
    assert opera["integrity"]["applied_twice"] == 0
    assert opera["integrity"]["votes"]["acked"] > 0
    assert opera["convergence"]["all"] is True
    scale = opera["scale_out"]
    assert scale["processes"] == 2
    assert scale["store"].startswith("redis://")
    assert scale["pinning"] == "share"
    assert len(scale["cpu_s_by_process"]) == 2
    assert scale["redis_cpu_s"] is not None
    assert scale["frames_delivered"] > 20
    # the second process really served participants: it wrote its own log
    assert (tmp_path / "tmp" / "opera-1.log").read_text().count("Opera Room is running") == 1
    assert (tmp_path / "n20-r1-p2.json").exists()
