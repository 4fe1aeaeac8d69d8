"""Every language has every string: the same keys as English in each of its tables, the same
{placeholders}, plural objects with `other` and only the categories that language's
Intl.PluralRules knows, and an err_<reason> for every refusal reason the server gives.

The pages load only the chosen language (no English fallback: web/js/i18n.js), so a key
missing here is a raw key on someone's screen. Each failure names the missing keys per
language: the translators sweep with `uv run pytest tests/web/test_language.py -q`.
"""

from __future__ import annotations

import re

import pytest
from opera.engine.outcome import REASONS

from web.tables import Phrase, loaded, table

CODES = ["en", "de", "fi", "sv", "fr", "cy"]
OWN_NAMES = {
    "en": "English",
    "de": "Deutsch",
    "fi": "Suomi",
    "sv": "Svenska",
    "fr": "Français",
    "cy": "Cymraeg",
}
PARTS = ["", "-later", "-wide", "-record"]  # -errors is checked against the server's REASONS
TRANSLATED = [c for c in CODES if c != "en"]
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def forms(phrase: Phrase) -> list[str]:
    return [phrase] if isinstance(phrase, str) else list(phrase.values())


def placeholders(phrase: Phrase) -> set[str]:
    return {name for form in forms(phrase) for name in PLACEHOLDER.findall(form)}


def mismatches(english: dict[str, Phrase], other: dict[str, Phrase]) -> list[str]:
    """Each key whose translation differs from English in form or placeholders, said how."""
    out = []
    for key, phrase in english.items():
        if key not in other:
            continue
        theirs = other[key]
        if isinstance(phrase, str) != isinstance(theirs, str):
            kind = "a string" if isinstance(phrase, str) else "a plural object"
            out.append(f"{key}: English has {kind}")
        elif placeholders(theirs) != placeholders(phrase):
            out.append(f"{key}: {sorted(placeholders(theirs))} != {sorted(placeholders(phrase))}")
        elif any(not set(PLACEHOLDER.findall(f)) <= placeholders(phrase) for f in forms(theirs)):
            out.append(f"{key}: a form has a placeholder English does not")
    return out


def test_english_tables_are_data_with_plural_objects_and_no_key_twice() -> None:
    seen: dict[str, str] = {}
    for part in PARTS:
        for key, phrase in table("en" + part).items():
            assert key not in seen, f"{key} is in en{seen.get(key)}.js and en{part}.js"
            seen[key] = part
            if isinstance(phrase, dict):
                assert "not data" not in phrase, f"en{part}.js {key} is a {phrase['not data']}"
                assert "other" in phrase, f"en{part}.js {key} has no `other`"
    assert table("en")["lang_name"] == "English"
    assert isinstance(table("en-later")["points"], dict)  # plurals are objects, not functions


@pytest.mark.parametrize("code", TRANSLATED)
@pytest.mark.parametrize("part", PARTS, ids=["phone", "later", "wide", "record"])
def test_every_key_in_every_language(code: str, part: str) -> None:
    english, other = table("en" + part), table(code + part)
    missing = [k for k in english if k not in other]
    extra = [k for k in other if k not in english]
    assert not missing, f"{code}{part}.js is missing {len(missing)} keys: {', '.join(missing)}"
    assert not extra, f"{code}{part}.js has keys English has not: {', '.join(extra)}"


@pytest.mark.parametrize("code", TRANSLATED)
@pytest.mark.parametrize("part", PARTS, ids=["phone", "later", "wide", "record"])
def test_placeholders_match_english(code: str, part: str) -> None:
    wrong = mismatches(table("en" + part), table(code + part))
    assert not wrong, f"{code}{part}.js placeholders differ from English:\n" + "\n".join(wrong)


@pytest.mark.parametrize("code", CODES)
def test_plural_objects_use_the_languages_own_categories(code: str) -> None:
    allowed = set(loaded()["plurals"][code])
    parts = PARTS + ([] if code == "en" else ["-errors"])
    wrong = []
    for part in parts:
        for key, phrase in table(code + part).items():
            if isinstance(phrase, str):
                continue
            if "not data" in phrase:
                wrong.append(f"{code}{part}.js {key}: a {phrase['not data']}, not data")
            elif "other" not in phrase:
                wrong.append(f"{code}{part}.js {key}: no `other`")
            elif set(phrase) - allowed:
                extra = sorted(set(phrase) - allowed)
                wrong.append(f"{code}{part}.js {key}: {extra} not in {sorted(allowed)}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("code", CODES)
def test_each_language_is_named_in_itself(code: str) -> None:
    assert table(code)["lang_name"] == OWN_NAMES[code]
    assert table("names") == OWN_NAMES  # the menu's list (lang/names.js): the same six


def reason_phrases() -> dict[str, Phrase]:
    """err_<reason> as English says it: the server's own sentence for each reason."""
    return {f"err_{reason}": sentence for reason, sentence in REASONS.items()}


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_refusal_reason_in_every_language(code: str) -> None:
    english, other = reason_phrases(), table(code + "-errors")
    missing = [k for k in english if k not in other]
    extra = [k for k in other if k not in english]
    assert not missing, f"{code}-errors.js is missing {len(missing)} keys: {', '.join(missing)}"
    assert not extra, f"{code}-errors.js has reasons the server has not: {', '.join(extra)}"
    wrong = [w for w in mismatches(english, other) if "English has a string" not in w]
    assert not wrong, f"{code}-errors.js placeholders differ from the server's:\n" + "\n".join(
        wrong
    )
