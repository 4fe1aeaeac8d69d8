"""Every language says what English says: the same keys, the same placeholders, and plural
twins only where English counts and only in the language's own plural categories."""

import importlib.util
import string

import pytest
from opera import lang
from opera.lang import en

PRESENT = [code for code in lang.SUPPORTED if importlib.util.find_spec(f"opera.lang.{code}")]


def test_every_supported_language_has_its_words() -> None:
    assert list(lang.SUPPORTED) == PRESENT


def names(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def categories(code: str) -> set[str]:
    """The plural categories a language uses for whole numbers."""
    return {lang.plural(code, n) for n in [*range(200), 1_000_000]}


def base(key: str) -> str:
    return key.partition("#")[0]


COUNTED = {base(key) for key in en.WORDS if "#" in key}


@pytest.mark.parametrize("code", PRESENT)
def test_a_language_has_exactly_the_english_keys(code: str) -> None:
    words = lang.table(code)
    assert {k for k in words if "#" not in k} == {k for k in en.WORDS if "#" not in k}
    twins = {k for k in words if "#" in k}
    wrong = [k for k in twins if base(k) not in COUNTED or k.partition("#")[2] == "other"]
    assert wrong == []
    unused = [k for k in twins if k.partition("#")[2] not in categories(code)]
    assert unused == [], f"{code} has no such plural category"


@pytest.mark.parametrize("code", PRESENT)
def test_a_language_keeps_the_english_placeholders(code: str) -> None:
    words = lang.table(code)
    wrong = [
        key
        for key, text in words.items()
        if (
            names(text) != names(en.WORDS[key])
            if "#" not in key
            else not names(text) <= names(en.WORDS[base(key)])
        )
    ]
    assert wrong == []


def test_plural_categories_follow_cldr_for_whole_numbers() -> None:
    assert [lang.plural("cy", n) for n in (0, 1, 2, 3, 4, 6, 7)] == [
        "zero",
        "one",
        "two",
        "few",
        "other",
        "many",
        "other",
    ]
    assert [lang.plural("fr", n) for n in (0, 1, 2, 1_000_000)] == ["one", "one", "other", "many"]
    assert [lang.plural(code, 1) for code in ("en", "de", "fi", "sv")] == ["one"] * 4
    assert lang.plural("de", 0) == "other"


def test_the_language_is_the_query_then_the_browser_then_english() -> None:
    assert lang.choose("fi") == "fi"
    assert lang.choose("de-AT", "fr") == "de"
    assert lang.choose("xx", "nl, sv;q=0.8, cy;q=0.9") == "cy"
    assert lang.choose(None, "nl, en-GB;q=0.5") == "en"
    assert lang.choose(None, "nl") == "en"
    assert lang.choose("", None) == "en"


def test_english_counts_numbers_and_dates() -> None:
    words = lang.words("en")
    assert words.count("people", 1) == "1 person"
    assert words.count("people", 12_000) == "12,000 people"
    assert words.date(1_764_590_400) == "1 December 2025"
    assert words.label("Pair 3") == "Pair 3"
    assert words.label("Table by the window") == "Table by the window"
    assert words.listed(["a", "b", "c"]) == "a, b and c"


def test_a_word_a_language_lacks_is_said_in_english() -> None:
    partial = lang.Words("de")
    partial.own = {"people": "{n} Personen"}  # a table still being written
    assert partial("h_community") == "The community"
    assert partial.count("people", 3) == "3 Personen"
    assert partial.count("organisations", 1) == "1 organisation"  # English's own plural
    assert lang.Words("xx").code == "en"


def test_numbers_and_dates_in_each_language() -> None:
    assert lang.words("de").number(12345.5) == "12.345,5"
    assert lang.words("fi").number(3.5) == "3,5" and lang.words("en").number(1234) == "1,234"
    assert lang.words("de").date(1_764_590_400) == "1. Dezember 2025"
    assert lang.words("fi").clock(1_764_590_400 + 2 * 3600 + 5 * 60) == "14.05"  # noon + 2:05


def test_welsh_counts_by_its_six_categories() -> None:
    words = lang.words("cy")
    said = {n: words.count("people", n) for n in (0, 1, 2, 3, 6, 7)}
    assert all(str(n) in text for n, text in said.items())
    for n, category in ((0, "zero"), (1, "one"), (2, "two"), (3, "few"), (6, "many")):
        twin = lang.table("cy").get(f"people#{category}")
        assert said[n] == (twin or lang.table("cy")["people"]).format(n=n)
    assert words.label("Group 2") == lang.table("cy")["group_label"].format(n=2)


def test_welsh_says_ac_before_a_vowel_and_french_spaces_its_colons() -> None:
    welsh, french, english = lang.words("cy"), lang.words("fr"), lang.words("en")
    assert welsh.listed(["Cyngor Gwynedd", "Ynys Môn"]) == "Cyngor Gwynedd ac Ynys Môn"
    assert welsh.listed(["Ynys Môn", "Cyngor Gwynedd"]) == "Ynys Môn a Cyngor Gwynedd"
    assert welsh.listed(["GIG", "Undeb", "Elusen"]) == "GIG, Undeb ac Elusen"
    assert english.listed(["Council", "Union"]) == "Council and Union"
    assert french.labelled("Responsable", "Aïcha") == "Responsable\u00a0: Aïcha"
    assert english.labelled("Owner", "Ada") == welsh.labelled("Owner", "Ada") == "Owner: Ada"
