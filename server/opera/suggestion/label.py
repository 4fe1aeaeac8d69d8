"""A short label for a suggested cluster, made of its ideas' own words.

The label is the cluster's most telling word: one that two or more of its ideas share if
any does, then in the most of its ideas, weighted by how rare it is on the whole board and
in the language; and a second one when another word is shared by two or more of its ideas.
Two words that stand side by side in one of the ideas keep that order ("Care workers");
otherwise they are joined by a comma. Words keep the form the ideas use most, and their
capitals in German, where nouns have them, and in acronyms (NHS, GP).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from opera.engine.rules import LABEL_MAX

WORDS_MAX = 2


@dataclass(frozen=True, slots=True)
class Board:
    """What labels are made from, one entry per idea: its content words as written, their
    stems, its words case-folded and joined by single spaces; in how many ideas each stem is
    found, and each stem's weight in the language (`language.weight`)."""

    words: list[list[str]]
    stems: list[list[str]]
    lines: list[str]
    spread: Counter[str]
    weights: dict[str, float]
    keep_case: bool


def _ranked(board: Board, members: list[int], within: Counter[str]) -> list[str]:
    """The cluster's stems, best first: shared, then in more of its ideas, then rarer."""
    everyone = len(board.stems)

    def score(stem: str) -> tuple[int, float, str]:
        # The square root: a word's weight spans a factor of 20, which would let a rare
        # word of one idea outrank the word the whole cluster shares.
        rarity = math.log((1 + everyone) / board.spread[stem]) * math.sqrt(board.weights[stem])
        return (-min(within[stem], 2), -within[stem] * rarity, stem)

    return sorted(within, key=score)


def _form(board: Board, members: list[int], stem: str) -> str:
    """The written form of a stem that the cluster's ideas use most (then the shortest)."""
    forms = Counter(
        word if board.keep_case or word.isupper() else word.casefold()
        for row in members
        for word, word_stem in zip(board.words[row], board.stems[row], strict=True)
        if word_stem == stem
    )
    return min(forms, key=lambda form: (-forms[form], len(form), form))


def _text(board: Board, members: list[int], chosen: list[str]) -> str:
    forms = [_form(board, members, stem) for stem in chosen]
    text = ", ".join(forms)
    if len(forms) == 2:
        for first, second in (forms, forms[::-1]):
            phrase = f" {first} {second} ".casefold()
            if any(phrase in f" {board.lines[row]} " for row in members):
                text = f"{first} {second}"
                break
    return text[:1].upper() + text[1:]


def label(board: Board, members: list[int], taken: set[str]) -> str:
    """The label of the cluster of rows `members`. `taken` holds the case-folded labels
    given already: a label that would repeat one gets further words. A cluster without a
    single content word (only stop words) gets "", for the caller to replace."""
    within = Counter(stem for row in members for stem in set(board.stems[row]))
    ranked = _ranked(board, members, within)
    shared = [stem for stem in ranked[1:] if within[stem] >= 2]
    chosen = ranked[:1] + shared[: WORDS_MAX - 1]
    rest = [stem for stem in ranked if stem not in chosen]
    text = _text(board, members, chosen)
    while text.casefold() in taken and rest:
        chosen.append(rest.pop(0))
        text = _text(board, members, chosen)
    return text[:LABEL_MAX]
