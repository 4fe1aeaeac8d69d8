"""Plot fan-out p95 against N, for Opera Room and the baseline, from result files.

uv run python -m bench.plot bench/results/n*-r1.json -o bench/results/fanout.png
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt


def points(files: list[Path]) -> list[tuple[int, float | None, float | None, float | None]]:
    """(N, ours p95, baseline p95, ours p50) for every one-room result given."""
    out = []
    for f in files:
        r = json.loads(f.read_text())
        if r.get("rooms") != 1:
            continue
        opera = r.get("opera") or {}
        ours = ((opera.get("fanout") or {}).get("by_kind_last_ms") or {}).get("explain.focus")
        base = (opera.get("baseline_interleaved") or {}).get("fanout_last_ms")
        if not ours or not base:  # results without the interleaved baseline
            ours = (opera.get("fanout") or {}).get("last_small_ms") or {}
            base = (r.get("baseline") or {}).get("fanout_last_ms") or {}
        out.append((int(r["participants"]), ours.get("p95"), base.get("p95"), ours.get("p50")))
    return sorted(out)


def plot(files: list[Path], png: Path) -> Path:
    data = points(files)
    fig, ax = plt.subplots(figsize=(7, 4.2), dpi=120)
    for idx, label, style in ((1, "Opera Room p95", "o-"), (2, "websockets broadcast() p95", "s--"),
                              (3, "Opera Room p50", "o:")):  # fmt: skip
        xs = [d[0] for d in data if d[idx] is not None]
        ys = [d[idx] for d in data if d[idx] is not None]
        if xs:
            ax.plot(xs, ys, style, label=label)
    ax.set_xlabel("participants in one room (N)")
    ax.set_ylabel("fan-out to the last participant (ms)")
    ax.set_title(
        "A host's spotlight (explain.focus) reaching every participant\n"
        "vs websockets broadcast() of one frame, interleaved (1 server core)"
    )
    ax.grid(True, alpha=0.3)
    ax.set_xlim(left=0)
    ax.set_ylim(bottom=0)
    ax.legend()
    fig.tight_layout()
    png.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(png)
    plt.close(fig)
    return png


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("-o", "--out", type=Path, default=Path("bench/results/fanout.png"))
    ns = parser.parse_args()
    print(plot(ns.files, ns.out))


if __name__ == "__main__":
    main()
