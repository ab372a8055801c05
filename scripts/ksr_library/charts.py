"""Charts: a dataset's CSV drawn as a static bar chart at build time (no JavaScript).

The first column labels the bars (e.g. years); every numeric column is a series. Empty
cells are gaps. Column labels come from the dataset's `columns` mapping (CSV header →
label), else the header itself.

The SVG has no `viewBox`: it is as wide as the page and exactly `HEIGHT` pixels high, with
horizontal positions in percent. So it never scales its text: letters are `FONT_PX` CSS
pixels on a 320 px phone and on a 1366 px desktop alike, while the bars stretch. Tick
labels sit in a left gutter sized for them at phone width; category labels thin out when
there are more than fit; the legend is an HTML list under the chart, so it wraps. Text is
escaped; the chart has a title and a description for screen readers, and the table next
to it carries the same numbers.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping

FONT_PX = 14
"""Size of every letter in the chart, in CSS pixels, at any width."""
TOP, PLOT_HEIGHT, LABEL_BAND = 24, 200, 32
HEIGHT = TOP + PLOT_HEIGHT + LABEL_BAND
"""Height of the chart in CSS pixels."""
PHONE_PX = 320
"""The narrowest width the chart is laid out for (WCAG reflow)."""
CHAR_PX = 0.62 * FONT_PX
"""A generous width of one digit, to size the gutter and thin out labels."""
PALETTE = ("#1f5f8b", "#c0561a", "#3c7d40", "#b8323b", "#7a4fa1", "#4e5b63")
"""Series colours, each with a contrast of at least 3:1 against white (WCAG 1.4.11)."""


def _number(cell: str) -> float | None:
    text = cell.strip().replace(" ", "").replace("\u00a0", "").replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _polish(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def numeric_columns(rows: list[list[str]]) -> list[int]:
    """Indexes of the columns (after the first) whose non-empty cells are all numbers."""
    columns = []
    for index in range(1, len(rows[0])):
        cells = [row[index] for row in rows[1:] if index < len(row) and row[index].strip()]
        if cells and all(_number(c) is not None for c in cells):
            columns.append(index)
    return columns


def column_labels(header: list[str], columns: Mapping[str, str]) -> list[str]:
    """The label of each CSV column for readers: from `columns`, else the header as written."""
    return [columns.get(name, name) for name in header]


def column_problems(header: list[str], columns: Mapping[str, str]) -> list[str]:
    """A message for every key of `columns` that is not a header of the CSV file."""
    known = ", ".join(f"'{h}'" for h in header)
    return [
        f"'{name}' is not a column of the CSV file; its columns are {known}"
        for name in columns
        if name not in header
    ]


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    step = 10.0 ** math.floor(math.log10(value))
    for multiple in (1, 2, 2.5, 5, 10):
        if value <= multiple * step:
            return multiple * step
    return 10.0 * step


def _pct(value: float) -> str:
    return f"{value:.2f}%"


def dataset_chart(rows: list[list[str]], title: str, columns: Mapping[str, str] | None = None) -> str:
    """A bar chart of a CSV table (SVG and an HTML legend), or `""` when nothing is numeric.

    Args:
        rows: The CSV rows, header first.
        title: The dataset's title, for screen readers.
        columns: Labels of columns by their CSV header (the dataset's `columns`).
    """
    series = numeric_columns(rows) if len(rows) > 1 else []
    if not series:
        return ""
    labels = [html.escape(label) for label in column_labels(rows[0], columns or {})]
    data = [row + [""] * (len(rows[0]) - len(row)) for row in rows[1:]]
    top = _nice_max(max(_number(r[c]) or 0.0 for r in data for c in series))
    ticks = [top * i / 4 for i in range(5)]
    gutter = min(30.0, 100 * (max(len(_polish(t)) for t in ticks) * CHAR_PX + 8) / PHONE_PX)
    plot = 100 - gutter
    group = plot / len(data)
    bar = group * 0.8 / len(series)
    widest = max(len(row[0]) for row in data) * CHAR_PX + 8
    label_every = max(1, math.ceil(widest / (PHONE_PX * group / 100)))
    parts = [
        f'<svg class="ksr-chart" xmlns="http://www.w3.org/2000/svg" width="100%" height="{HEIGHT}" '
        'role="img" aria-labelledby="ksr-chart-title ksr-chart-desc">',
        f'<title id="ksr-chart-title">{html.escape(title)}</title>',
        f'<desc id="ksr-chart-desc">Wykres słupkowy: {", ".join(labels[c] for c in series)}; '
        f"kolejne słupki: {labels[0]}. Te same liczby są w tabeli.</desc>",
        f'<g font-size="{FONT_PX}">',
    ]
    for tick in ticks:
        y = TOP + PLOT_HEIGHT - PLOT_HEIGHT * tick / top
        parts.append(
            f'<line x1="{_pct(gutter)}" x2="100%" y1="{y:.1f}" y2="{y:.1f}" class="ksr-chart-grid"/>'
        )
        parts.append(
            f'<text x="{_pct(gutter - 1)}" y="{y + FONT_PX * 0.35:.1f}" text-anchor="end">{_polish(tick)}</text>'
        )
    for g, row in enumerate(data):
        x0 = gutter + g * group + group * 0.1
        category = html.escape(row[0])
        for s, column in enumerate(series):
            value = _number(row[column])
            if value is None:
                continue
            h = PLOT_HEIGHT * max(value, 0.0) / top
            parts.append(
                f'<rect x="{_pct(x0 + s * bar)}" y="{TOP + PLOT_HEIGHT - h:.1f}" width="{_pct(bar)}" '
                f'height="{h:.1f}" fill="{PALETTE[s % len(PALETTE)]}">'
                f"<title>{category}, {labels[column]}: {_polish(value)}</title></rect>"
            )
        if g % label_every == 0:
            parts.append(
                f'<text x="{_pct(gutter + (g + 0.5) * group)}" y="{TOP + PLOT_HEIGHT + FONT_PX + 6}" '
                f'text-anchor="middle">{category}</text>'
            )
    parts.append("</g></svg>")
    parts.append('<ul class="ksr-chart-legend">')
    for s, column in enumerate(series):
        parts.append(
            '<li><svg width="14" height="14" aria-hidden="true" focusable="false">'
            f'<rect width="14" height="14" fill="{PALETTE[s % len(PALETTE)]}"/></svg> {labels[column]}</li>'
        )
    parts.append("</ul>")
    return "".join(parts)
