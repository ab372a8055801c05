"""Dataset charts stay readable as displayed: on a phone and on a desktop, no text under 12 px."""

from __future__ import annotations

import csv
import itertools
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from ksr_library.charts import PLOT_HEIGHT, TOP, dataset_chart

from .support import ROOT, TIMEOUT_MS

pytestmark = pytest.mark.browser

CSS = ROOT / "docs" / "assets" / "stylesheets" / "ksr.css"
DATA = ROOT / "library" / "dane"
MANY_YEARS = [["rok", "liczba"], *[[str(year), str(year % 17 * 10)] for year in range(1996, 2024)]]


@pytest.fixture
def chart_page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="pl-PL")
    context.set_default_timeout(TIMEOUT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()


def rows_of(name: str) -> list[list[str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as file:
        return list(csv.reader(file))


def show(page: Page, chart: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.set_content(
        '<!doctype html><html lang="pl"><body style="margin:0;padding:0 16px">'
        f'<article class="md-typeset"><figure class="ksr-figure" style="margin:0">{chart}</figure></article>'
        "</body></html>"
    )
    page.add_style_tag(path=str(CSS))


TEXTS = """() => [...document.querySelectorAll('svg.ksr-chart text, .ksr-chart-legend li')].map(e => {
  const r = e.getBoundingClientRect();
  return {text: e.textContent, size: parseFloat(getComputedStyle(e).fontSize),
          left: r.left, right: r.right, top: r.top, bottom: r.bottom};
})"""


@pytest.mark.parametrize("width", [320, 390, 700, 1366])
@pytest.mark.parametrize(
    ("rows", "columns"),
    [
        (rows_of("cis-kis-liczba.csv"), {"rok": "Rok", "cis": "Centra (CIS)", "kis": "Kluby (KIS)"}),
        (rows_of("kis-rejestr-2011-2013.csv"), {}),
        (MANY_YEARS, {}),
    ],
    ids=["cis-kis", "register", "many-years"],
)
def test_text_is_at_least_12px_and_nothing_overflows_or_overlaps(
    chart_page: Page, width: int, rows: list[list[str]], columns: dict[str, str]
) -> None:
    show(chart_page, dataset_chart(rows, "Wykres", columns), width)
    texts = chart_page.evaluate(TEXTS)
    assert texts
    assert min(t["size"] for t in texts) >= 12, texts
    assert chart_page.evaluate("document.documentElement.scrollWidth") <= width
    assert all(t["left"] >= 0 and t["right"] <= width for t in texts), texts
    svg = chart_page.locator("svg.ksr-chart").bounding_box()
    assert svg is not None and svg["height"] >= 200 and svg["width"] <= width
    band = svg["y"] + TOP + PLOT_HEIGHT
    below = sorted(
        (t for t in texts if band < t["top"] and t["bottom"] < svg["y"] + svg["height"]),
        key=lambda t: t["left"],
    )
    assert len(below) >= min(4, len(rows) - 1)
    assert all(a["right"] <= b["left"] for a, b in itertools.pairwise(below)), below


def test_labels_come_from_the_mapping(chart_page: Page) -> None:
    rows = rows_of("cis-kis-liczba.csv")
    show(chart_page, dataset_chart(rows, "Wykres", {"cis": "Centra (CIS)", "kis": "Kluby (KIS)"}), 700)
    legend = [text.strip() for text in chart_page.locator(".ksr-chart-legend li").all_inner_texts()]
    assert legend == ["Centra (CIS)", "Kluby (KIS)"]
    desc = chart_page.locator("svg.ksr-chart desc").text_content() or ""
    assert "Centra (CIS), Kluby (KIS)" in desc and "cis" not in desc.split()
