"""The languages of what the server writes for people to read: the report, the Markdown
export and the default labels in every export, chosen with `?lang=` (or the browser's
Accept-Language) on the download.

Each language is a module `opera.lang.<code>` with `WORDS: dict[str, str]`, the keys of
`en.py`. A key a language lacks is said in English (key by key), and so is a language whose
module is not there yet. Counts follow the language's CLDR plural rules for whole numbers:
the key `<key>#<category>` if the language has it, else the plain key (CLDR `other`).
"""

from __future__ import annotations

import importlib
import re
from datetime import UTC, datetime
from functools import cache

from . import en

SUPPORTED: tuple[str, ...] = ("en", "de", "fi", "sv", "fr", "cy")
DEFAULT = "en"
PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")
_DEFAULT_LABEL = re.compile(r"(Pair|Group) ([0-9]+)")


def choose(asked: str | None, accept_language: str | None = None) -> str:
    """The language of `?lang=` if supported ("de", "de-AT"), else the first supported one
    of an Accept-Language header (in the order of its q values), else English."""
    if asked:
        code = _primary(asked)
        if code in SUPPORTED:
            return code
    for code in _accepted(accept_language or ""):
        if code in SUPPORTED:
            return code
    return DEFAULT


def _primary(tag: str) -> str:
    return tag.strip().split("-")[0].split("_")[0].lower()


def _accepted(header: str) -> list[str]:
    ranked: list[tuple[float, int, str]] = []
    for place, part in enumerate(header.split(",")):
        tag, _, params = part.partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if tag.strip() and quality > 0:
            ranked.append((-quality, place, _primary(tag)))
    return [code for _, _, code in sorted(ranked)]


def plural(code: str, n: int) -> str:
    """The CLDR plural category of a whole number in a language."""
    if code == "cy":
        return {0: "zero", 1: "one", 2: "two", 3: "few", 6: "many"}.get(n, "other")
    if code == "fr":
        if n in (0, 1):
            return "one"
        return "many" if n % 1_000_000 == 0 else "other"
    return "one" if n == 1 else "other"  # en, de, fi, sv


@cache
def table(code: str) -> dict[str, str]:
    """A language's own words (English for a module not there or a code not supported)."""
    if code not in SUPPORTED:
        code = DEFAULT
    try:
        module = importlib.import_module(f"{__name__}.{code}")
    except ModuleNotFoundError:
        return en.WORDS
    words: dict[str, str] = module.WORDS
    return words


_VOWELS = "aeiouwyâêîôûŵŷáéíóúàèìòù"  # where Welsh says "ac", not "a"


class Words:
    """One language's way of saying things, English wherever it has no words yet."""

    def __init__(self, code: str) -> None:
        self.code = code if code in SUPPORTED else DEFAULT
        self.own = table(self.code)

    def __call__(self, key: str, **vars: str | int) -> str:
        template = self.own.get(key, en.WORDS[key])  # KeyError: a key English lacks
        return template.format_map({k: self._shown(v) for k, v in vars.items()})

    def count(self, key: str, n: int, **vars: str | int) -> str:
        """A counted phrase, `{n}` and the form the language's plural rules choose."""
        if key in self.own:
            words, code = self.own, self.code
        else:
            words, code = en.WORDS, DEFAULT
        template = words.get(f"{key}#{plural(code, n)}", words[key])
        return template.format_map({"n": self.number(n), **vars})

    def _shown(self, value: str | int) -> str:
        return self.number(value) if isinstance(value, int) else value

    def number(self, value: float) -> str:
        """1,234.5 in English, 1.234,5 in German, 1 234,5 in Finnish, Swedish and French."""
        text = f"{value:,}" if isinstance(value, int) else f"{value:,.10g}"
        whole, _, fraction = text.partition(".")
        group = self("num_group") if abs(value) >= 10_000 or self.code == "en" else ""
        whole = whole.replace(",", group)
        return whole + (self("num_decimal") + fraction if fraction else "")

    def date(self, at: float) -> str:
        """A day, in UTC: "1 December 2026", "1. Dezember 2026"."""
        day = datetime.fromtimestamp(at, tz=UTC)
        month = self(f"month_{day.month}")
        return self("date", day=str(day.day), month=month, year=str(day.year))

    def clock(self, at: float) -> str:
        """A time of day, in UTC: 14:05 (14.05 in Finnish)."""
        moment = datetime.fromtimestamp(at, tz=UTC)
        return self("time", hour=f"{moment:%H}", minute=f"{moment:%M}")

    def phase(self, name: str) -> str:
        return self(f"phase_{name}")

    def label(self, label: str | None) -> str | None:
        """A pair's or group's label in this language when it is the default one ("Pair 3",
        "Group 2"); a label the host wrote stays as written."""
        if label is None:
            return None
        match = _DEFAULT_LABEL.fullmatch(label)
        if match is None:
            return label
        key = "pair_label" if match[1] == "Pair" else "group_label"
        return self(key, n=int(match[2]))

    def listed(self, items: list[str]) -> str:
        """ "a, b and c" ("a, b ac Ynys Môn" in Welsh: "ac" before a vowel)."""
        if len(items) < 2:
            return "".join(items)
        key = "list_and_vowel" if items[-1][:1].lower() in _VOWELS else "list_and"
        return self(key, first=", ".join(items[:-1]), last=items[-1])

    def labelled(self, label: str, value: str) -> str:
        """ "Label: value" on one line ("Label\u00a0: value" in French)."""
        return self("label_value", label=label, value=value)


def words(code: str) -> Words:
    return Words(code)


ENGLISH = Words(DEFAULT)
