"""How alike two ideas are: TF-IDF over word stems and over character n-grams, as cosines.

Stems match "carer" with "carers" and "Pflegekräfte" with "Pflegekraft"; character n-grams
within each word catch what stems miss, such as the parts of German and Finnish compounds
("Pflege|dienst", "omais|hoitaja"), Welsh mutations and typing slips. The two similarities
are blended with `WORD_WEIGHT`. Each term counts as much as the word it comes from
(`language.weight`: rarer words in the language weigh more). Terms found in one idea only
are left out: they cannot make two ideas alike, and counted in the norms they would make a
long idea look unlike its neighbours just for being long.
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import numpy.typing as npt

Matrix = npt.NDArray[np.float64]

WORD_WEIGHT = 0.5
CHAR_SIZES = (3, 4, 5)


# A document: its terms, each with the weight of the word it comes from.
Terms = list[tuple[str, float]]


def char_grams(words: Terms) -> Terms:
    """The n-grams of each word padded with spaces (so a word's start and end count), each
    with its word's weight."""
    grams = []
    for word, weight in words:
        padded = f" {word} "
        for size in CHAR_SIZES:
            grams += [(padded[at : at + size], weight) for at in range(len(padded) - size + 1)]
    return grams


def tfidf(documents: list[Terms]) -> Matrix:
    """Rows of sublinear TF-IDF, each term scaled by the largest weight it comes with,
    L2-normalised (a row without shared terms stays zero)."""
    counts = [Counter(term for term, _ in terms) for terms in documents]
    heaviest = [_heaviest(terms) for terms in documents]
    frequency = Counter(term for count in counts for term in count)
    vocabulary = {
        term: at for at, term in enumerate(sorted(t for t, df in frequency.items() if df > 1))
    }
    matrix = np.zeros((len(documents), len(vocabulary)))
    for row, count in enumerate(counts):
        for term, times in count.items():
            column = vocabulary.get(term)
            if column is not None:
                matrix[row, column] = (1.0 + math.log(times)) * heaviest[row][term]
    n = len(documents)
    document_frequency = np.count_nonzero(matrix, axis=0)
    matrix *= np.log((1.0 + n) / (1.0 + document_frequency)) + 1.0
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    normalised: Matrix = np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)
    return normalised


def _heaviest(terms: Terms) -> dict[str, float]:
    heaviest: dict[str, float] = {}
    for term, weight in terms:
        heaviest[term] = max(weight, heaviest.get(term, 0.0))
    return heaviest


def similarity(stems: list[Terms], words: list[Terms], word_weight: float = WORD_WEIGHT) -> Matrix:
    """Cosine similarity of every pair of ideas, from 0 (nothing shared) to 1: `stems` and
    `words` (case-folded) are each idea's, with their weights."""
    by_stem = tfidf(stems)
    by_chars = tfidf([char_grams(w) for w in words])
    blended: Matrix = word_weight * (by_stem @ by_stem.T) + (1 - word_weight) * (
        by_chars @ by_chars.T
    )
    return np.clip(blended, 0.0, 1.0)
