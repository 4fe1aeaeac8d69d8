"""The endpoint's query: `k` (a number of clusters) and `lang` (the ideas' language)."""

from __future__ import annotations

from collections.abc import Mapping

from opera.engine.rules import CLUSTERS_MAX

from .language import LANGUAGES


class BadQuery(ValueError):
    """A parameter the endpoint does not know or cannot use; the message says which."""


def read_query(params: Mapping[str, str]) -> tuple[int | None, str | None]:
    """(k, language), either None when not given; BadQuery when one is wrong."""
    unknown = sorted(set(params) - {"k", "lang"})
    if unknown:
        raise BadQuery(f"Unknown parameter {unknown[0]!r}; use k and lang.")
    k = params.get("k")
    if k is not None and not (k.isascii() and k.isdigit() and 1 <= int(k) <= CLUSTERS_MAX):
        raise BadQuery(f"k must be a whole number from 1 to {CLUSTERS_MAX}.")
    language = params.get("lang")
    if language is not None and language not in LANGUAGES:
        raise BadQuery(f"lang must be one of: {', '.join(LANGUAGES)}.")
    return (int(k) if k is not None else None), language
