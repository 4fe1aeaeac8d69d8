"""`uv run python -m bench.suggest`: quality and speed of the suggested clusters.

Quality: the adjusted Rand index (ARI, scikit-learn's) of the suggestion against the hand
grouping of each labelled set in bench/suggest_ideas.py, next to a plain baseline (TF-IDF
over words and k-means with the true number of themes, mean of 5 seeds) in the same run.
An idea the suggestion leaves alone counts as a group of its own. Also: pairwise precision
(of the pairs of ideas put together, the share the facilitator grouped together too; by
chance it is about 1 / themes) and coverage (the share of ideas put in some cluster).
`--sweep` prints the ARI for other thresholds and word weights, which is how THRESHOLD and
WORD_WEIGHT were chosen.

Speed: the whole suggestion (words, stems, similarities, clustering, labels) for boards of
20 to 200 ideas, without the answer cache; and the first call in a fresh process, which
also imports numpy and the stemmers. Results go to bench/results/suggest.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from itertools import combinations
from pathlib import Path
from typing import Any

from opera.suggestion import grouping
from opera.suggestion.board import Idea
from opera.suggestion.grouping import Suggestion, analyse, distances
from opera.suggestion.linkage import average_linkage

from bench.suggest_ideas import ALL_SETS, SETS, labelled

SIZES = (20, 40, 80, 120, 200)
RUNS = 20
RESULT = Path(__file__).parent / "results" / "suggest.json"


def as_ideas(texts: list[str]) -> tuple[Idea, ...]:
    return tuple((f"i{at + 1}", text) for at, text in enumerate(texts))


def partition(suggestion: Suggestion, ideas: tuple[Idea, ...]) -> list[int]:
    """A group number for every idea: its cluster's, or one of its own when left alone."""
    group = {
        idea_id: number for number, c in enumerate(suggestion.clusters) for idea_id in c.idea_ids
    }
    alone = len(suggestion.clusters)
    return [group.get(idea_id, alone + at) for at, (idea_id, _) in enumerate(ideas)]


def precision(groups: list[int], themes: list[str]) -> float:
    pairs = [(a, b) for a, b in combinations(range(len(groups)), 2) if groups[a] == groups[b]]
    return sum(themes[a] == themes[b] for a, b in pairs) / len(pairs) if pairs else 1.0


def quality(language: str) -> dict[str, Any]:
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics import adjusted_rand_score

    texts, themes = labelled(language)
    ideas = as_ideas(texts)
    k = len(set(themes))
    ours = partition(grouping.suggest.__wrapped__(ideas), ideas)
    with_k = partition(grouping.suggest.__wrapped__(ideas, k), ideas)
    vectors = TfidfVectorizer().fit_transform(texts)
    baseline = [
        adjusted_rand_score(themes, KMeans(k, n_init=10, random_state=seed).fit_predict(vectors))
        for seed in range(5)
    ]
    return {
        "language": language,
        "ideas": len(texts),
        "themes": k,
        "ari": round(adjusted_rand_score(themes, ours), 3),
        "ari_true_k": round(adjusted_rand_score(themes, with_k), 3),
        "ari_baseline_kmeans": round(statistics.mean(baseline), 3),
        "precision": round(precision(ours, themes), 3),
        "chance_precision": round(precision([0] * len(themes), themes), 3),
        "coverage": round(sum(ours.count(g) > 1 for g in ours) / len(ours), 3),
        "clusters": len(set(g for g in ours if ours.count(g) > 1)),
    }


def sweep() -> None:
    """ARI on the three tuning sets (never the held-out one) for each word weight and
    threshold; the choice is the best mean among settings whose largest cluster holds at
    most a quarter of a board (a catch-all cluster scores some ARI but helps nobody)."""
    from sklearn.metrics import adjusted_rand_score

    print("word weight, threshold: ARI en / de / fi, mean; largest cluster share")
    best: tuple[float, float, float] = (-1.0, 0.0, 0.0)
    for weight in (0.0, 0.3, 0.5, 0.7, 1.0):
        for threshold in (0.7, 0.8, 0.85, 0.9, 0.95):
            scores, largest = [], 0.0
            for language in SETS:
                texts, themes = labelled(language)
                words, stems = analyse(texts, language)
                groups = average_linkage(distances(language, words, stems, weight), threshold)
                number = {row: at for at, group in enumerate(groups) for row in group}
                scores.append(adjusted_rand_score(themes, [number[r] for r in range(len(texts))]))
                largest = max(largest, max(map(len, groups)) / len(texts))
            mean = statistics.mean(scores)
            shown = " / ".join(f"{s:.2f}" for s in scores)
            print(f"  {weight:.1f}, {threshold:.2f}: {shown}, {mean:.3f}; {largest:.2f}")
            if largest <= 0.25 and mean > best[0]:
                best = (mean, weight, threshold)
    print(f"chosen: word weight {best[1]:.1f}, threshold {best[2]:.2f} (mean ARI {best[0]:.3f})")


def board_of(size: int) -> tuple[Idea, ...]:
    """`size` English ideas, themes taken in turn; past the 88 of the set, two ideas of a
    theme joined into one (longer texts, so a slower case than a real board of that size)."""
    by_theme = list(SETS["en"].values())
    single = [ideas[at] for at in range(11) for ideas in by_theme if at < len(ideas)]
    joined = [f"{a}; and {b.lower()}" for ideas in by_theme for a, b in combinations(ideas, 2)]
    return as_ideas((single + joined[:: max(1, len(joined) // 200)])[:size])


def speed(size: int) -> dict[str, Any]:
    ideas = board_of(size)
    times, cpu = [], []
    for _ in range(RUNS):
        started, started_cpu = time.perf_counter(), time.process_time()
        grouping.suggest.__wrapped__(ideas)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    # CPU time too: on a shared machine the wall time says as much about the neighbours.
    return {
        "ideas": size,
        "median_ms": round(statistics.median(times), 1),
        "max_ms": round(max(times), 1),
        "median_cpu_ms": round(statistics.median(cpu), 1),
    }


def first_call(size: int) -> tuple[float, float]:
    """Milliseconds (wall, CPU) for the first suggestion in a new process, imports included."""
    script = (
        "import time; t, c = time.perf_counter(), time.process_time(); "
        "from opera.suggestion import grouping; "
        f"from bench.suggest import board_of; grouping.suggest(board_of({size})); "
        "print((time.perf_counter() - t) * 1000, (time.process_time() - c) * 1000)"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    wall, cpu = (round(float(part), 1) for part in out.stdout.split())
    return wall, cpu


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.suggest", description=__doc__)
    parser.add_argument("--sweep", action="store_true", help="ARI for other parameters")
    args = parser.parse_args(argv)
    if args.sweep:
        sweep()
        return
    rows = [quality(language) for language in ALL_SETS]
    print("set         ideas themes | ARI  ARI(true k) baseline | precision (chance) coverage")
    for r in rows:
        print(
            f"{r['language']:11} {r['ideas']:5} {r['themes']:6} | {r['ari']:.3f} "
            f"{r['ari_true_k']:.3f}       {r['ari_baseline_kmeans']:.3f}    | "
            f"{r['precision']:.3f} ({r['chance_precision']:.3f}) {r['coverage']:.3f}"
        )
    timings = [speed(size) for size in SIZES]
    first, first_cpu = first_call(80)
    print("ideas | median ms  max ms  median CPU ms  (whole suggestion, no cache)")
    for t in timings:
        print(
            f"{t['ideas']:5} | {t['median_ms']:9.1f} {t['max_ms']:7.1f} {t['median_cpu_ms']:9.1f}"
        )
    print(
        f"first suggestion in a new process, 80 ideas, imports included: {first:.0f} ms "
        f"({first_cpu:.0f} ms CPU)"
    )
    load = os.getloadavg()[0]
    print(f"load average (1 min) at the end: {load:.2f} on {os.cpu_count()} cores")
    result = {
        "load_average": round(load, 2),
        "quality": rows,
        "speed": timings,
        "first_call_80_ms": first,
        "first_call_80_cpu_ms": first_cpu,
        "method": grouping.method("en", None),
    }
    RESULT.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
