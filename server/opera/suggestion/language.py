"""The words of an idea: tokens, stop words, stems and weights per language, and a guess of
the language.

Stop words come from the `stop-words` package, stems from Snowball (`snowballstemmer`) and
how common a word is in the language from `wordfreq`, all read from inside their packages.
Welsh has none of them, so it gets a short list of its function words below, no stemmer and
no weights; its character n-grams still match mutated forms.
"""

from __future__ import annotations

import math
import re
from functools import cache, lru_cache
from typing import Any

import stop_words

# Our language codes, and the names both packages use for them (None: no stemmer there).
LANGUAGES: dict[str, str | None] = {
    "en": "english",
    "de": "german",
    "fi": "finnish",
    "sv": "swedish",
    "fr": "french",
    "cy": None,
}

_WELSH = (
    "a ac ai am an ar at beth bod bydd byddai dan dim drwy dros dy ddim ddi e ei eich ein "
    "eisiau er eu fe fel felly fod fy gall gan gyda gyd hefyd heb hi hon hwn hwy hyd hyn i "
    "iddo iddi iawn mae maen mewn mi mor mwy na nad neu ni nid o oedd oes ond os pa pam pan "
    "pawb pob pwy r rhag rhai rhaid rhwng roedd sut sy sydd tan trwy wedi wrth y ydy ydyn yma "
    "yn yna yr yw"
)
WELSH = frozenset(_WELSH.split())

_TOKEN = re.compile(r"[^\W\d_]+")


def tokens(text: str) -> list[str]:
    """Runs of letters, case-folded; digits and punctuation split words and are dropped."""
    return [match.casefold() for match in _TOKEN.findall(text)]


@cache
def stop_list(language: str) -> frozenset[str]:
    name = LANGUAGES[language]
    if name is None:
        return WELSH
    return frozenset(word.casefold() for word in stop_words.get_stop_words(name))


@cache
def _stemmer(language: str) -> Any:
    # Imported on first use: the package loads all its 36 stemmers (0.3 s), which a server
    # start need not wait for.
    import snowballstemmer

    name = LANGUAGES[language]
    return snowballstemmer.stemmer(name) if name is not None else None


@lru_cache(maxsize=50_000)
def stem(language: str, word: str) -> str:
    stemmer = _stemmer(language)
    return str(stemmer.stemWord(word)) if stemmer is not None else word


# A word's weight falls with how common it is in the language: (1 - zipf / COMMON_ZIPF)²,
# where zipf is log10 of its uses per billion words ("week" 5.6, "respite" 3.2). A board on
# care shares "people" and "week" across themes; what marks a theme is rarer ("discharge").
# Chosen with bench/suggest.py (powers 1 to 3 and 6.5 to 8 for the top were tried).
COMMON_ZIPF = 7.0
WEIGHT_FLOOR = 0.05


@cache
def _frequencies(language: str) -> dict[str, float]:
    # Imported on first use, like the stemmers: half a second or more to import.
    import wordfreq

    if language not in wordfreq.available_languages(wordlist="small"):
        return {}
    return wordfreq.get_frequency_dict(language, wordlist="small")


@lru_cache(maxsize=50_000)
def weight(language: str, word: str) -> float:
    """How much a (case-folded) word counts: near 1 for rare words, less for common ones;
    1 for every word of a language without frequencies (Welsh)."""
    frequencies = _frequencies(language)
    if not frequencies:
        return 1.0
    found = frequencies.get(word, 0.0)
    zipf = math.log10(found * 1e9) if found > 0 else 0.0
    return max(WEIGHT_FLOOR, 1.0 - zipf / COMMON_ZIPF) ** 2


def content_words(language: str, text: str) -> list[str]:
    """The idea's words that carry its meaning, as written: no stop words, no single letters."""
    stops = stop_list(language)
    return [w for w in _TOKEN.findall(text) if len(w) > 1 and w.casefold() not in stops]


def guess(texts: list[str]) -> str:
    """The language whose stop words are most of the words (English on a tie or no words).

    A board of 20 or more ideas has plenty of function words to tell the languages apart;
    Welsh shares "a" and "i" with English, so English wins where they tie.
    """
    words = [word for text in texts for word in tokens(text)]
    best, best_hits = "en", 0
    for language in LANGUAGES:
        stops = stop_list(language)
        hits = sum(word in stops for word in words)
        if hits > best_hits:
            best, best_hits = language, hits
    return best
