"""Average-linkage agglomerative clustering over a distance matrix, in plain numpy.

The same merges as scikit-learn's `AgglomerativeClustering(linkage="average")` with a
precomputed distance (tests/suggestion/test_linkage.py checks it against it), without the
five seconds that importing scikit-learn and SciPy takes on a shared two-core machine: the
first suggestion would otherwise wait for it. For the 200 ideas a board can reasonably hold,
the O(n³) loop of vectorised steps takes milliseconds.
"""

from __future__ import annotations

import numpy as np

from .features import Matrix


def average_linkage(distance: Matrix, threshold: float, k: int | None = None) -> list[list[int]]:
    """Groups of row indices: merged while the closest two groups are nearer than
    `threshold` on average, or, given `k`, until `k` groups are left. Each group lists its
    rows in ascending order; groups are ordered by their first row."""
    n = len(distance)
    if n == 0:
        return []
    gaps = np.array(distance, dtype=np.float64)
    np.fill_diagonal(gaps, np.inf)
    sizes = np.ones(n)
    groups: list[list[int]] = [[row] for row in range(n)]
    left = n
    while left > (k or 1):
        # The first minimum in row-major order, so ties break the same way every time.
        first, second = divmod(int(np.argmin(gaps)), n)
        if k is None and not gaps[first, second] < threshold:
            break
        merged = (sizes[first] * gaps[first] + sizes[second] * gaps[second]) / (
            sizes[first] + sizes[second]
        )
        gaps[first, :] = merged
        gaps[:, first] = merged
        gaps[first, first] = np.inf
        gaps[second, :] = np.inf
        gaps[:, second] = np.inf
        sizes[first] += sizes[second]
        groups[first] += groups[second]
        groups[second] = []
        left -= 1
    return sorted((sorted(group) for group in groups if group), key=lambda group: group[0])
