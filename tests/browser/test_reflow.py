"""Narrow screens and small targets: every page type at 320 px (WCAG 1.4.10), targets (2.5.8), tooltips.

At 320 CSS pixels nothing may scroll sideways: the trainers' module table and the catalogue
become stacked cards, and an abbreviation's explanation stays inside the screen. Every pointer
target is at least 24 by 24 pixels, or spaced as WCAG 2.5.8 allows (axe's `target-size`).
One tab of the shared context is resized; nothing waits beyond the load event.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, Page

from .support import PAGE_TYPES

pytestmark = pytest.mark.browser

NARROW = {"width": 320, "height": 640}
WIDE = {"width": 1366, "height": 800}
TARGET_SIZE = {"runOnly": {"type": "rule", "values": ["target-size"]}, "resultTypes": ["violations"]}
TOOLTIP_BOX = """els => els.filter(el => el.getClientRects().length).map(el => {
  el.focus();
  const tip = getComputedStyle(el, "::after");  // live: read everything before blur()
  const box = el.getBoundingClientRect();
  const left = tip.position === "fixed" ? parseFloat(tip.left) : box.left + parseFloat(tip.left);
  const padding = tip.boxSizing === "border-box" ? 0 : parseFloat(tip.paddingLeft) + parseFloat(tip.paddingRight);
  const found = {text: el.textContent, shown: tip.content !== "none", left: left, right: left + parseFloat(tip.width) + padding};
  el.blur();
  return found;
})"""


@pytest.fixture(scope="module")
def tab(context: BrowserContext) -> Iterator[Page]:
    """One tab with axe preloaded."""
    page = context.new_page()
    page.add_init_script(Axe().axe_script)
    try:
        yield page
    finally:
        page.close()


def _small_targets(page: Page) -> list[str]:
    results: dict[str, Any] = page.evaluate("options => axe.run(document, options)", TARGET_SIZE)
    return [f"{node['target']} {node['html'][:100]!r}" for v in results["violations"] for node in v["nodes"]]


@pytest.mark.parametrize("viewport", [NARROW, WIDE], ids=["320px", "1366px"])
def test_every_page_type_reflows_and_has_large_targets(tab: Page, base_url: str, viewport: dict[str, int]) -> None:
    tab.set_viewport_size(viewport)
    problems = {}
    for path in PAGE_TYPES:
        tab.goto(urljoin(base_url, path))
        found = _small_targets(tab)
        width = tab.evaluate("document.documentElement.scrollWidth")
        if width > viewport["width"]:
            found.append(f"the page is {width} px wide: it scrolls sideways")
        if found:
            problems[path or "/"] = found
    assert problems == {}, "\n".join(f"{path}:\n  " + "\n  ".join(found) for path, found in problems.items())


@pytest.mark.parametrize("viewport", [NARROW, WIDE], ids=["320px", "1366px"])
def test_abbreviation_tooltips_stay_on_screen(tab: Page, base_url: str, viewport: dict[str, int]) -> None:
    tab.set_viewport_size(viewport)
    tab.goto(urljoin(base_url, "dokumenty/model-ksr/"))
    boxes = tab.eval_on_selector_all("article abbr[title]", TOOLTIP_BOX)  # those on screen (not in closed details)
    assert len(boxes) >= 5, "too few abbreviations on the page to prove anything"
    assert all(box["shown"] for box in boxes), "a focused abbreviation shows no explanation"
    off = [box for box in boxes if box["left"] < 0 or box["right"] > viewport["width"]]
    assert off == []
    assert tab.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


def test_narrow_module_table_and_catalogue_are_stacked_cards(tab: Page, base_url: str) -> None:
    tab.set_viewport_size(NARROW)
    for path, selector in (("trenerzy/", ".ksr-modules tbody tr"), ("katalog/", ".ksr-catalogue tbody tr")):
        tab.goto(urljoin(base_url, path))
        row = tab.locator(selector).first
        cells = row.locator("td")
        boxes = [cells.nth(i).bounding_box() for i in range(cells.count())]
        assert all(box is not None for box in boxes)
        lefts = {round(box["x"]) for box in boxes if box}
        assert len(lefts) == 1, f"{path}: the cells of a row stand side by side, not stacked"
        labels = cells.evaluate_all("tds => tds.map(td => getComputedStyle(td, '::before').content)")
        assert all(label.startswith('attr(data-label)') or label.endswith(': "') for label in labels), labels
        assert all(cells.nth(i).is_visible() for i in range(cells.count()))
