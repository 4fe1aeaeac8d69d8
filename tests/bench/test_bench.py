"""The load generator's own pieces, and one tiny end-to-end run against the real server.

No timing is asserted here: speed is measured by `python -m bench`, never in a test.
"""

from __future__ import annotations

import copy
import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonpatch
import pytest
from opera.pointer import pointer

from bench.patch import PatchError, apply_ops
from bench.run import summarise_profile
from bench.stats import pct
from bench.worker import describe_diff, first_batch_time

ROOT = Path(__file__).resolve().parents[2]


def random_doc(rng: random.Random, depth: int = 0) -> Any:
    if depth > 2 or rng.random() < 0.3:
        return rng.choice([None, True, 3, 2.5, "x~y/z", ""])
    if rng.random() < 0.5:
        return [random_doc(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return {
        f"k{i}" if i != 2 else "a/b~c": random_doc(rng, depth + 1) for i in range(rng.randint(0, 4))
    }


def random_op(rng: random.Random, doc: Any) -> dict[str, Any] | None:
    """An operation valid for `doc`, on a random existing location."""
    paths: list[tuple[str, Any, Any]] = []

    def walk(node: Any, path: str) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                p = path + pointer(k)
                paths.append((p, node, k))
                walk(v, p)
        elif isinstance(node, list):
            for i, v in enumerate(node):
                paths.append((f"{path}/{i}", node, i))
                walk(v, f"{path}/{i}")

    walk(doc, "")
    if not paths:
        return None
    path, parent, key = rng.choice(paths)
    kind = rng.choice(["replace", "remove", "add", "add-end", "move", "copy", "test"])
    value = random_doc(rng, 2)
    if kind == "add-end":
        if not isinstance(parent, list):
            return {"op": "add", "path": path.rsplit("/", 1)[0] + "/new", "value": value}
        return {"op": "add", "path": path.rsplit("/", 1)[0] + "/-", "value": value}
    if kind in ("move", "copy"):
        source, _, _ = rng.choice(paths)
        if path.startswith(source + "/") or path == source:
            return None
        return {"op": kind, "from": source, "path": path}
    if kind == "test":
        return {"op": "test", "path": path, "value": copy.deepcopy(parent[key])}
    return {"op": kind, "path": path, **({} if kind == "remove" else {"value": value})}


def test_apply_ops_agrees_with_jsonpatch() -> None:
    rng = random.Random(6)
    checked = 0
    for _ in range(3000):
        doc = {"root": random_doc(rng)}
        op = random_op(rng, doc)
        if op is None:
            continue
        try:
            want = jsonpatch.apply_patch(copy.deepcopy(doc), [op])
        except (jsonpatch.JsonPatchException, jsonpatch.JsonPointerException):
            with pytest.raises(PatchError):
                apply_ops(copy.deepcopy(doc), [op])
            continue
        assert apply_ops(copy.deepcopy(doc), [op]) == want, op
        checked += 1
    assert checked > 1000


def test_apply_ops_refuses_bad_operations() -> None:
    for op in (
        {"op": "replace", "path": "/missing", "value": 1},
        {"op": "remove", "path": "/a/5"},
        {"op": "add", "path": "/a/01", "value": 1},
        {"op": "test", "path": "/a/0", "value": 2},
        {"op": "jump", "path": "/a"},
    ):
        with pytest.raises(PatchError):
            apply_ops({"a": [1]}, [op])


def test_first_batch_time_takes_the_whole_first_batch_at_or_after_seq() -> None:
    frames = [(3, 1.0, 1), (5, 2.0, 0), (7, 3.0, 0), (7, 3.05, 0), (7, 9.0, 0), (8, 10.0, 0)]
    assert first_batch_time(frames, 6) == 3.05  # public + private frame; a late presence push
    assert first_batch_time(frames, 5) == 2.0
    assert first_batch_time(frames, 9) is None


def test_helpers() -> None:
    assert pct([5, 1, 3, 2, 4], 50) == 3
    assert pct([], 95) is None
    assert "/a/1" in describe_diff({"a": [1, 2]}, {"a": [1, 3]})
    raw = "main (x.py:1);f (opera/live/hub.py:9) 3\nmain (x.py:1) 1\n"
    summary = summarise_profile(raw)
    assert summary["samples"] == 4
    assert summary["opera_inclusive"][0] == ("f (opera/live/hub.py:9)", 0.75)


@pytest.mark.slow
def test_a_tiny_session_end_to_end(tmp_path: Path) -> None:
    """Six people play a whole session against `opera serve` and the baseline: every
    acknowledged idea and vote is found exactly once, and every view converges."""
    argv = [sys.executable, "-m", "bench", "--participants", "6", "--broadcasts", "3"]
    argv += ["--focus", "2", "--moves", "2", "--burst-window", "1", "--own-spread", "0.5"]
    argv += ["--client-procs", "2", "--deadline", "200", "--out", str(tmp_path)]
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["errors"] == [], done.stderr[-2000:]
    opera = report["opera"]
    assert opera["join"]["joined"] == 6
    assert opera["integrity"]["lost"] == 0
    assert opera["integrity"]["applied_twice"] == 0
    assert opera["integrity"]["votes"]["acked"] > 0
    assert opera["convergence"]["all"] is True
    assert report["baseline"]["fanout_last_ms"]["n"] == 3
    assert (tmp_path / "n6-r1.json").exists()


@pytest.mark.slow
def test_a_tiny_breakout_event_end_to_end(tmp_path: Path) -> None:
    """Twelve people in two groups of six play a whole breakout event (groups formed at
    phase.start own, each group's Explain stepped by its members, group Rank, the plenary
    vote, reveal, arrange), then six alone: nothing lost, every view converges, and the
    figures of issue 10 are there."""
    argv = [sys.executable, "-m", "bench", "--participants", "12", "--groups", "6"]
    argv += ["--broadcasts", "2", "--focus", "2", "--moves", "2", "--burst-window", "1"]
    argv += ["--own-spread", "0.5", "--client-procs", "2", "--deadline", "200"]
    argv += ["--out", str(tmp_path)]
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=400, check=False)
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["errors"] == [], done.stderr[-2000:]
    opera = report["opera"]
    assert opera["groups"] == {"count": 2, "sizes": {"6": 2}}
    assert opera["integrity"]["lost"] == 0
    assert opera["integrity"]["applied_twice"] == 0
    assert opera["integrity"]["votes"]["export_points_not_matching_acks"] == 0
    assert opera["plenary_burst"]["answers"]["ok"] > 0
    assert opera["convergence"]["all"] is True
    spotlights = opera["fanout"]["by_kind_last_ms"]
    assert spotlights["explain.focus"]["n"] == 2
    assert spotlights["explain.focus, every group at once"]["n"] > 0
    assert opera["baseline_interleaved"]["fanout_last_ms"]["n"] == 2
    assert report["alone"]["ok"] is True
    assert report["alone"]["own_kb_per_participant"] > 0
    assert report["own_bytes_ratio"] is not None
    assert set(report["targets"]) >= {"groups_own_ack_p95_ms", "groups_own_bytes_ratio"}
    assert (tmp_path / "n12-g6.json").exists()
