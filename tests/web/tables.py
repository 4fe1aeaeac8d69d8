"""The pages' string tables (web/js/lang/*.js) read into Python, and `say()`, which words a key
as the page's t() does, for tests that drive the pages by what they show in a language."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
LANG = ROOT / "web" / "js" / "lang"
PLACEHOLDER = re.compile(r"\{(\w+)\}")
PARTS = ["", "-later", "-wide", "-record", "-errors"]

Phrase = str | dict[str, str]


@cache
def loaded() -> dict[str, Any]:
    """Every table as node imports it (tables.mjs), and each language's plural categories."""
    node = shutil.which("node")
    assert node, "the language tests need node (installed with npm, which CI has)"
    out = subprocess.run(
        [node, str(Path(__file__).with_name("tables.mjs")), str(LANG)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def table(name: str) -> dict[str, Phrase]:
    """One module's table by file name: 'de', 'de-wide', 'names'."""
    tables: dict[str, dict[str, Phrase]] = loaded()["tables"]
    assert name in tables, f"web/js/lang/{name}.js is missing"
    return tables[name]


def plural(code: str, n: int) -> str:
    """The CLDR plural category of a whole number (as Intl.PluralRules says, for our six)."""
    if code == "cy":
        return {0: "zero", 1: "one", 2: "two", 3: "few", 6: "many"}.get(n, "other")
    if code == "fr":
        return "one" if n in (0, 1) else "other"
    return "one" if n == 1 else "other"


def say(code: str, key: str, **values: Any) -> str:
    """`key` in language `code` with its placeholders filled, as t() words it in the page."""
    phrase = next(
        (table(code + p)[key] for p in PARTS if key in loaded()["tables"].get(code + p, {})), None
    )
    assert phrase is not None, f"{code} has no {key}"
    if isinstance(phrase, dict):
        phrase = phrase.get(plural(code, int(values["n"])), phrase["other"])
    return PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0))), phrase)
