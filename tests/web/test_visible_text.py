"""No visible string in web/ is written outside the language files (web/js/lang/): every word a
person reads or hears comes from t(), so it is there in all six languages.

The JavaScript is parsed, not pattern-matched (tests/web/literals.mjs, with ESLint's espree);
the HTML pages are read with html.parser. One exception, said here: the <noscript> sentence,
which a page without JavaScript cannot choose a language for.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "web"
LETTER = re.compile(r"[^\W\d_]")
BRAND = "Opera Room"  # the product's name, app_name in every table; the <title> before JS runs
SPOKEN = {"aria-label", "aria-description", "title", "placeholder", "alt", "label"}
QUIET = frozenset({"script", "style", "noscript", "title"})


def literals(root: Path) -> list[dict[str, object]]:
    node = shutil.which("node")
    assert node, "the scan needs node (installed with npm, which CI has)"
    script = Path(__file__).with_name("literals.mjs")
    out = subprocess.run(
        [node, str(script), str(root)], capture_output=True, text=True, timeout=60, check=True
    )
    found: list[dict[str, object]] = json.loads(out.stdout)
    return found


class Texts(HTMLParser):
    """Text a person sees in a page's HTML, outside script, style, noscript and the title."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.found: list[str] = []
        self.title = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in {"meta", "link", "br", "img", "input"}:
            self.open.append(tag)
        for name, value in attrs:
            if name in SPOKEN and value and LETTER.search(value):
                self.found.append(f"<{tag} {name}={value!r}>")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            while self.open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if "title" in self.open:
            self.title += data
        elif LETTER.search(data) and not QUIET & set(self.open):
            self.found.append(data.strip())


def test_no_literal_text_in_the_scripts() -> None:
    found = literals(ROOT)
    said = [f"{f['file']}:{f['line']} {f['what']}: {f['text']!r}" for f in found]
    assert not said, "visible text written outside web/js/lang:\n" + "\n".join(said)


@pytest.mark.parametrize("page", sorted(p.name for p in WEB.glob("*.html")))
def test_no_text_in_the_html(page: str) -> None:
    texts = Texts()
    texts.feed((WEB / page).read_text(encoding="utf-8"))
    assert not texts.found, f"{page} shows text no language file holds: {texts.found}"
    assert texts.title == BRAND  # the script replaces it in the page's language


def test_the_scan_finds_what_it_looks_for(tmp_path: Path) -> None:
    """The scan is not vacuous: each kind of visible literal in a page module is named."""
    (tmp_path / "web" / "js" / "lang").mkdir(parents=True)
    (tmp_path / "web" / "js" / "lang" / "en.js").write_text("export default { a: 'Fine' };\n")
    (tmp_path / "web" / "js" / "page.js").write_text(
        "h('p', { 'aria-label': 'Close it', class: 'x' }, 'Hello', [`${n} ideas`], t('ok'));\n"
        "el.textContent = 'Done';\n"
        "el.setAttribute('title', ok ? 'Yes' : t('no'));\n"
        "h('span', null, ' · ', `${a} · ${b}`, 42);\n"
    )
    found = {(f["line"], f["what"], f["text"]) for f in literals(tmp_path)}
    assert found == {
        (1, "text child of h()", "Hello"),
        (1, "text child of h()", "… ideas"),
        (1, "aria-label attribute", "Close it"),
        (2, ".textContent", "Done"),
        (3, "title attribute", "Yes"),
    }
