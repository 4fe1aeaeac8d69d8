"""Suggested clusters for a board: similar ideas together, each group with a short label.

Pure and deterministic: the same ideas (ids and texts) give the same answer, which is kept
for the next identical call. Without `k`, ideas merge while their average cosine distance
stays under `THRESHOLD`, and an idea unlike all others stays out of every cluster; with `k`
there are exactly `k` clusters (or one per idea on a smaller board), some perhaps of one idea.
`THRESHOLD` and the features were chosen by the adjusted Rand index on the labelled sets in
bench/suggest_ideas.py (docs/performance.md, "Suggested clusters").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from opera.engine.rules import LABEL_MAX

from .board import Idea
from .features import WORD_WEIGHT, Matrix, similarity
from .label import Board, label
from .language import LANGUAGES, content_words, guess, stem, tokens, weight
from .linkage import average_linkage

THRESHOLD = 0.95


@dataclass(frozen=True, slots=True)
class SuggestedCluster:
    label: str
    idea_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Suggestion:
    clusters: tuple[SuggestedCluster, ...]
    method: str

    def to_json(self) -> dict[str, Any]:
        clusters = [{"label": c.label, "idea_ids": list(c.idea_ids)} for c in self.clusters]
        return {"clusters": clusters, "method": self.method}


def method(language: str, k: int | None) -> str:
    stems = f"{LANGUAGES[language] or 'no'} stems" if language != "cy" else "words (no stemmer)"
    rule = f"k={k}" if k is not None else f"average cosine distance under {THRESHOLD:.2f}"
    return (
        f"TF-IDF over {stems} and character 3-5-grams, rarer words weighing more, "
        f"average-linkage clustering ({rule}); "
        f"language {language}; computed on this server"
    )


def analyse(texts: list[str], language: str) -> tuple[list[list[str]], list[list[str]]]:
    """Each idea's content words as written, and their stems."""
    words = [content_words(language, text) for text in texts]
    stems = [[stem(language, word.casefold()) for word in row] for row in words]
    return words, stems


def distances(
    language: str, words: list[list[str]], stems: list[list[str]], word_weight: float
) -> Matrix:
    folded = [[word.casefold() for word in row] for row in words]
    weights = [[weight(language, word) for word in row] for row in folded]
    weighted_stems = [list(zip(s, w, strict=True)) for s, w in zip(stems, weights, strict=True)]
    weighted_words = [list(zip(f, w, strict=True)) for f, w in zip(folded, weights, strict=True)]
    return 1.0 - similarity(weighted_stems, weighted_words, word_weight)


@lru_cache(maxsize=32)
def suggest(
    ideas: tuple[Idea, ...], k: int | None = None, language: str | None = None
) -> Suggestion:
    """Clusters of `ideas`, largest first; `language` is guessed from the texts when None."""
    texts = [text for _, text in ideas]
    language = language or guess(texts)
    words, stems = analyse(texts, language)
    gaps = distances(language, words, stems, WORD_WEIGHT)
    groups = average_linkage(gaps, THRESHOLD, k and min(k, len(ideas)))
    if k is None:
        groups = [group for group in groups if len(group) > 1]
    groups.sort(key=lambda group: (-len(group), group[0]))
    labels = _labels(groups, texts, words, stems, language)
    clusters = (
        SuggestedCluster(text, tuple(ideas[row][0] for row in group))
        for text, group in zip(labels, groups, strict=True)
    )
    return Suggestion(tuple(clusters), method(language, k))


def _labels(
    groups: list[list[int]],
    texts: list[str],
    words: list[list[str]],
    stems: list[list[str]],
    language: str,
) -> list[str]:
    weights: dict[str, float] = {}
    for row_words, row_stems in zip(words, stems, strict=True):
        for word, word_stem in zip(row_words, row_stems, strict=True):
            found = weight(language, word.casefold())
            weights[word_stem] = max(found, weights.get(word_stem, 0.0))
    spread = Counter(word_stem for row in stems for word_stem in set(row))
    lines = [" ".join(tokens(text)) for text in texts]
    board = Board(words, stems, lines, spread, weights, keep_case=language == "de")
    taken: set[str] = set()
    labels = []
    for group in groups:
        # A cluster of stop words alone is named by its first idea.
        text = label(board, group, taken) or " ".join(texts[group[0]].split())[:LABEL_MAX]
        taken.add(text.casefold())
        labels.append(text)
    return labels
