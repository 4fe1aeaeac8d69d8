"""Our average linkage makes the same groups as scikit-learn's, which it stands in for."""

import numpy as np
import pytest
from opera.suggestion.grouping import analyse, distances
from opera.suggestion.linkage import average_linkage
from sklearn.cluster import AgglomerativeClustering
from sklearn.metrics import adjusted_rand_score

from bench.suggest_ideas import labelled


def sklearn_groups(gaps: np.ndarray, threshold: float | None, k: int | None) -> list[int]:
    model = AgglomerativeClustering(
        n_clusters=k, metric="precomputed", linkage="average", distance_threshold=threshold
    )
    return list(model.fit_predict(gaps))


def flat(groups: list[list[int]], n: int) -> list[int]:
    out = [-1] * n
    for number, group in enumerate(groups):
        for row in group:
            out[row] = number
    return out


@pytest.mark.parametrize("language", ["en", "de", "fi"])
@pytest.mark.parametrize("threshold", [0.6, 0.8, 0.9, 0.95])
def test_threshold_groups_match_scikit_learn(language: str, threshold: float) -> None:
    texts, _ = labelled(language)
    words, stems = analyse(texts, language)
    gaps = distances(language, words, stems, 0.5)
    ours = average_linkage(gaps, threshold)
    assert sorted(row for group in ours for row in group) == list(range(len(texts)))
    assert adjusted_rand_score(sklearn_groups(gaps, threshold, None), flat(ours, len(texts))) == 1


@pytest.mark.parametrize("k", [1, 2, 6, 20])
def test_k_groups_match_scikit_learn(k: int) -> None:
    rng = np.random.default_rng(7)
    points = rng.random((60, 5))
    gaps = np.linalg.norm(points[:, None] - points[None, :], axis=2)
    ours = average_linkage(gaps, 0.0, k)
    assert len(ours) == k
    assert adjusted_rand_score(sklearn_groups(gaps, None, k), flat(ours, 60)) == 1


def test_nothing_closer_than_the_threshold_stays_apart() -> None:
    gaps = np.array([[0.0, 1.0, 0.2], [1.0, 0.0, 1.0], [0.2, 1.0, 0.0]])
    assert average_linkage(gaps, 0.5) == [[0, 2], [1]]
    assert average_linkage(gaps, 0.1) == [[0], [1], [2]]
    assert average_linkage(np.zeros((0, 0)), 0.5) == []
