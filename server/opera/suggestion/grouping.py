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
from .language import LANGUAGES, content_words, guess, stem, tokens
from .linkage import average_linkage

THRESHOLD = 0.9


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
        f"TF-IDF over {stems} and character 3-5-grams, average-linkage clustering ({rule}); "
        f"language {language}; computed on this server"
    )


def analyse(texts: list[str], language: str) -> tuple[list[list[str]], list[list[str]]]:
    """Each idea's content words as written, and their stems."""
    words = [content_words(language, text) for text in texts]
    stems = [[stem(language, word.casefold()) for word in row] for row in words]
    return words, stems


def distances(words: list[list[str]], stems: list[list[str]], word_weight: float) -> Matrix:
    folded = [[word.casefold() for word in row] for row in words]
    return 1.0 - similarity(stems, folded, word_weight)


@lru_cache(maxsize=32)
def suggest(
    ideas: tuple[Idea, ...], k: int | None = None, language: str | None = None
) -> Suggestion:
    """Clusters of `ideas`, largest first; `language` is guessed from the texts when None."""
    texts = [text for _, text in ideas]
    language = language or guess(texts)
    words, stems = analyse(texts, language)
    gaps = distances(words, stems, WORD_WEIGHT)
    groups = average_linkage(gaps, THRESHOLD, k and min(k, len(ideas)))
    if k is None:
        groups = [group for group in groups if len(group) > 1]
    groups.sort(key=lambda group: (-len(group), group[0]))
    spread = Counter(s for row in stems for s in set(row))
    lines = [" ".join(tokens(text)) for text in texts]
    board = Board(words, stems, lines, spread, keep_case=language == "de")
    taken: set[str] = set()
    clusters = []
    for group in groups:
        text = label(board, group, taken)
        text = text or " ".join(texts[group[0]].split())[:LABEL_MAX]
        taken.add(text.casefold())
        clusters.append(SuggestedCluster(text, tuple(ideas[row][0] for row in group)))
    return Suggestion(tuple(clusters), method(language, k))
