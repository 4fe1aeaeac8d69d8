"""The suggestion on the labelled sets: quality above a floor, and the promises of the answer.

The floors sit a little under what bench/suggest.py measured (docs/performance.md,
"Suggested clusters"): a change that makes the grouping worse fails here; one that makes it
better should raise them.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from opera.engine.rules import LABEL_MAX
from opera.suggestion.grouping import suggest
from opera.suggestion.language import tokens

from bench.suggest import as_ideas, precision, quality
from bench.suggest_ideas import SETS, labelled

# Measured ARI: en 0.094, de 0.283, fi 0.132, held out 0.070, sv 0.236; the baseline
# (k-means with the true k) 0.024, 0.017, -0.008, 0.019, 0.114. Pairwise precision over
# chance: 2.3, 3.0, 2.1, 1.5, 2.0. French (24 ideas) is at chance, -0.006: no floor to hold.
ARI_FLOOR = {"en": 0.08, "de": 0.25, "fi": 0.11, "en-held-out": 0.05, "sv": 0.2}
PRECISION_FLOOR = {"en": 2.0, "de": 2.5, "fi": 1.9, "en-held-out": 1.3, "sv": 1.7}


@pytest.mark.parametrize("name", list(ARI_FLOOR))
def test_quality_is_above_the_floor_and_the_baseline(name: str) -> None:
    measured = quality(name)
    assert measured["ari"] >= ARI_FLOOR[name]
    assert measured["ari"] > measured["ari_baseline_kmeans"] + 0.04
    assert measured["ari_true_k"] > measured["ari_baseline_kmeans"] + 0.04  # the same k
    # What the facilitator would accept: ideas put together share a theme more often than
    # chance would have it.
    assert measured["precision"] >= PRECISION_FLOOR[name] * measured["chance_precision"]


@pytest.mark.parametrize("language", list(SETS))
def test_every_idea_is_in_one_cluster_or_none(language: str) -> None:
    texts, _ = labelled(language)
    ideas = as_ideas(texts)
    answer = suggest(ideas)
    placed = [idea_id for cluster in answer.clusters for idea_id in cluster.idea_ids]
    assert len(placed) == len(set(placed))
    assert set(placed) <= {idea_id for idea_id, _ in ideas}
    assert all(len(cluster.idea_ids) >= 2 for cluster in answer.clusters)
    assert 3 <= len(answer.clusters) < len(ideas) // 2


@pytest.mark.parametrize("language", list(SETS))
def test_labels_are_short_distinct_and_the_ideas_own_words(language: str) -> None:
    texts, _ = labelled(language)
    ideas = as_ideas(texts)
    text_of = dict(ideas)
    answer = suggest(ideas)
    labels = [cluster.label.casefold() for cluster in answer.clusters]
    assert len(labels) == len(set(labels))
    for cluster in answer.clusters:
        assert 0 < len(cluster.label) <= LABEL_MAX
        said = {word for idea_id in cluster.idea_ids for word in tokens(text_of[idea_id])}
        assert set(tokens(cluster.label)) <= said, cluster


def test_the_same_board_gets_the_same_answer_in_another_process() -> None:
    texts, _ = labelled("en")
    ideas = as_ideas(texts)
    assert suggest.__wrapped__(ideas) == suggest.__wrapped__(ideas)
    script = (
        "from bench.suggest import as_ideas; from bench.suggest_ideas import labelled; "
        "from opera.suggestion.grouping import suggest; "
        "print(suggest(as_ideas(labelled('en')[0])).to_json())"
    )
    root = Path(__file__).resolve().parents[2]
    answers = {
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            cwd=root,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
    assert answers == {f"{suggest(ideas).to_json()}\n"}


def test_k_gives_exactly_k_clusters_holding_every_idea() -> None:
    texts, _ = labelled("de")
    ideas = as_ideas(texts)
    for k in (1, 6, 12):
        answer = suggest(ideas, k)
        assert len(answer.clusters) == k
        placed = sorted(idea_id for c in answer.clusters for idea_id in c.idea_ids)
        assert placed == sorted(idea_id for idea_id, _ in ideas)
        assert "k=" in answer.method
    few = as_ideas(["Bus", "Taxi"])
    assert len(suggest(few, 5).clusters) == 2  # no more clusters than ideas


def test_small_and_odd_boards() -> None:
    assert suggest(()).clusters == ()
    assert suggest(as_ideas(["One shared care record"])).clusters == ()
    same = suggest(as_ideas(["Free bus to the clinic", "Free bus to the clinic", "Grab rails"]))
    assert [c.idea_ids for c in same.clusters] == [("i1", "i2")]
    assert same.clusters[0].label in ("Free bus", "Bus clinic", "Clinic, bus", "Bus, clinic")
    # Ideas of stop words alone share nothing to group by.
    assert suggest(as_ideas(["and the", "the and", "of it"])).clusters == ()


def test_the_language_can_be_given_and_is_named() -> None:
    texts, _ = labelled("fi")
    ideas = as_ideas(texts)
    assert "language fi" in suggest(ideas).method
    assert "finnish stems" in suggest(ideas).method
    assert "language en" in suggest(ideas, language="en").method
    welsh = suggest(
        as_ideas(["Bws am ddim i'r feddygfa", "Mae angen bws i'r ysbyty", "Cofnod gofal a rennir"])
    )
    assert "language cy" in welsh.method
    assert [c.idea_ids for c in welsh.clusters] == [("i1", "i2")]
    assert precision([0, 0, 1], ["a", "a", "b"]) == 1.0
