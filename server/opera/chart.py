"""Bar charts as inline SVG, made on the server: no script, no outside request, printable.

One shape serves the pack's three charts (ranked ideas, organisations taking part, the
feedback spread): a row per bar with its label on the left, the bar scaled to the largest
value, the value after it and, when given, dots on the right (one per organisation backing
an idea). The drawing is 680 units wide, the printable width of A4 and Letter (180 mm at 96
px an inch), and scales down with the page; labels are cut to fit and clipped, so no text
runs out of it. Every text is escaped. Colours and sizes are attributes, not `style`, which
the report's Content-Security-Policy would refuse.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

__all__ = ["WIDTH", "Bar", "bars"]

WIDTH = 680
ROW = 24  # height of one bar's row
LABEL = 290  # width of the label column
BAR_X = LABEL + 10
DOTS_X = 590  # where the dots start, when there are dots
MAX_DOTS = 7  # more are drawn as 6 dots and "+n"
LABEL_CHARS = 42
BAR_FILL = "#2f5d8a"
DOT_FILL = "#1d6b48"
INK = "#111111"


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: int
    dots: int | None = None  # breadth of support, drawn as that many dots


def bars(items: Sequence[Bar], *, key: str, name: str) -> str:
    """An SVG bar chart; `key` makes its ids unique in the page, `name` is what a screen
    reader says of it (the figures are in the table beside it)."""
    dotted = any(item.dots is not None for item in items)
    room = (DOTS_X - 50 if dotted else WIDTH - 40) - BAR_X
    most = max((item.value for item in items), default=0) or 1
    height = ROW * len(items) + 4
    clip = f"{key}-labels"
    parts = [
        f'<svg class="chart" role="img" aria-label="{escape(name)}" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<clipPath id="{escape(clip)}"><rect width="{LABEL}" height="{height}"/></clipPath>',
    ]
    for row, item in enumerate(items):
        parts.append(_row(item, row * ROW + 2, room * item.value / most, clip))
    parts.append("</svg>")
    return "".join(parts)


def _row(item: Bar, top: int, length: float, clip: str) -> str:
    middle = top + ROW / 2
    baseline = middle + 4
    shown = max(length, 2.0) if item.value > 0 else 0.0
    parts = [
        f'<text x="0" y="{baseline:g}" font-size="12" fill="{INK}" '
        f'clip-path="url(#{escape(clip)})">{escape(_cut(item.label))}</text>',
        f'<text x="{BAR_X + shown + 6:.1f}" y="{baseline:g}" font-size="12" fill="{INK}" '
        f'font-weight="600">{item.value}</text>',
    ]
    if item.value > 0:  # no bar at all for nothing
        parts.append(
            f'<rect x="{BAR_X}" y="{top + 4}" width="{shown:.1f}" height="{ROW - 8}" '
            f'fill="{BAR_FILL}" rx="2"/>'
        )
    if item.dots is not None:
        parts.append(_dots(item.dots, middle, baseline))
    return "".join(parts)


def _dots(count: int, middle: float, baseline: float) -> str:
    drawn = count if count <= MAX_DOTS else MAX_DOTS - 1
    parts = [
        f'<circle cx="{DOTS_X + 5 + 10 * i}" cy="{middle:g}" r="3.5" fill="{DOT_FILL}"/>'
        for i in range(drawn)
    ]
    if drawn < count:
        x = DOTS_X + 10 * drawn + 2
        parts.append(
            f'<text x="{x}" y="{baseline:g}" font-size="11" fill="{INK}">+{count - drawn}</text>'
        )
    return "".join(parts)


def _cut(text: str) -> str:
    """The label on one line, cut with an ellipsis to what the label column holds."""
    flat = " ".join(text.split())
    return flat if len(flat) <= LABEL_CHARS else flat[: LABEL_CHARS - 1].rstrip() + "…"
