"""Charts: a dataset's CSV drawn as a static SVG bar chart at build time (no JavaScript).

The first column labels the bars (e.g. years); every numeric column is a series. Empty
cells are gaps. Text in the SVG is escaped; the chart has a title and a description for
screen readers, and the table next to it carries the same numbers.
"""

from __future__ import annotations

import html

WIDTH, HEIGHT = 640, 320
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 48, 16, 16, 64
PALETTE = ("#1f5f8b", "#e07b24", "#3c8d40", "#b8323b", "#7a4fa1", "#5e6b73")


def _number(cell: str) -> float | None:
    text = cell.strip().replace(" ", "").replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return None


def numeric_columns(rows: list[list[str]]) -> list[int]:
    """Indexes of the columns (after the first) whose non-empty cells are all numbers."""
    columns = []
    for index in range(1, len(rows[0])):
        cells = [row[index] for row in rows[1:] if row[index].strip()]
        if cells and all(_number(c) is not None for c in cells):
            columns.append(index)
    return columns


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    step = 10 ** (len(str(int(value))) - 1)
    return float(((int(value) // step) + 1) * step)


def dataset_chart(rows: list[list[str]], title: str) -> str:
    """An SVG bar chart of a CSV table, or an empty string when nothing is numeric."""
    series = numeric_columns(rows)
    if not series:
        return ""
    data = rows[1:]
    top = _nice_max(max(_number(r[c]) or 0.0 for r in data for c in series))
    plot_w = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    plot_h = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    group_w = plot_w / len(data)
    bar_w = group_w * 0.8 / len(series)
    parts = [
        f'<svg class="ksr-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-labelledby="ksr-chart-title ksr-chart-desc">',
        f'<title id="ksr-chart-title">{html.escape(title)}</title>',
        f'<desc id="ksr-chart-desc">Wykres słupkowy: {html.escape(", ".join(rows[0][c] for c in series))} '
        f"według: {html.escape(rows[0][0])}. Te same liczby są w tabeli.</desc>",
    ]
    for i in range(5):
        tick = top * i / 4
        y = MARGIN_TOP + plot_h - plot_h * i / 4
        parts.append(
            f'<line x1="{MARGIN_LEFT}" x2="{WIDTH - MARGIN_RIGHT}" y1="{y:.1f}" y2="{y:.1f}" class="ksr-chart-grid"/>'
        )
        parts.append(f'<text x="{MARGIN_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{tick:g}</text>')
    for g, row in enumerate(data):
        x0 = MARGIN_LEFT + g * group_w + group_w * 0.1
        for s, column in enumerate(series):
            value = _number(row[column])
            if value is None:
                continue
            h = plot_h * value / top
            x = x0 + s * bar_w
            y = MARGIN_TOP + plot_h - h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="{PALETTE[s % len(PALETTE)]}">'
                f"<title>{html.escape(row[0])}, {html.escape(rows[0][column])}: {value:g}</title></rect>"
            )
        parts.append(
            f'<text x="{x0 + group_w * 0.4:.1f}" y="{HEIGHT - MARGIN_BOTTOM + 16}" text-anchor="middle">{html.escape(row[0])}</text>'
        )
    for s, column in enumerate(series):
        x = MARGIN_LEFT + s * 150
        parts.append(
            f'<rect x="{x}" y="{HEIGHT - 24}" width="12" height="12" fill="{PALETTE[s % len(PALETTE)]}"/>'
        )
        parts.append(f'<text x="{x + 18}" y="{HEIGHT - 14}">{html.escape(rows[0][column])}</text>')
    parts.append("</svg>")
    return "".join(parts)
