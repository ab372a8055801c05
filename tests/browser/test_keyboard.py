"""Keyboard only: every interactive element is reached by Tab and shows where the focus is.

The walk covers the header (skip link, logo, search box, tabs), the audience switch, the
search page, the catalogue filters and a learning path (module previous/next), and then
uses each of them with keys alone.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

WALKED = ["", "czytelnicy/", "szukaj/?q=klub", "katalog/", "dokumenty/zrar-m03/"]
"""Header, audience switch, search, catalogue filters, a module of the learning path."""
MAX_STOPS = 600
FOCUSABLE = "a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex='-1'])"
REACHABLE = """selector => [...document.querySelectorAll(selector)]
  .filter(e => e.tabIndex >= 0 && !e.disabled && !e.closest("[hidden], [inert]") && e.getClientRects().length
    && getComputedStyle(e).visibility !== "hidden")
  .map((e, i) => { e.dataset.ksrStop = e.dataset.ksrStop || "r" + i; return e.dataset.ksrStop; })"""
FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const s = getComputedStyle(e);
  const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 1;
  return {
    stop: e.dataset.ksrStop || null,
    label: (e.tagName + " " + (e.getAttribute("aria-label") || e.textContent || e.name || "")).trim().slice(0, 60),
    indicator: outline || s.boxShadow !== "none",
  };
}"""


def _tab_stops(page: Page) -> list[dict[str, Any]]:
    """Focus states from the top of the page, one Tab at a time, until the focus leaves the page."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    stops: list[dict[str, Any]] = []
    for _ in range(MAX_STOPS):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUSED)
        if state is None or (stops and state["stop"] is not None and state["stop"] == stops[0]["stop"]):
            return stops
        stops.append(state)
    pytest.fail(f"{page.url}: more than {MAX_STOPS} tab stops, or the focus is trapped")


def _tab_to(page: Page, selector: str) -> None:
    for _ in range(MAX_STOPS):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"{page.url}: Tab never reaches {selector}")


@pytest.mark.parametrize("path", WALKED)
def test_every_interactive_element_is_reached_with_a_visible_focus(page: Page, base_url: str, path: str) -> None:
    page.goto(urljoin(base_url, path))
    if path.startswith("szukaj/"):
        page.wait_for_selector("#search-results[aria-busy=false]", state="attached")
    reachable = page.evaluate(REACHABLE, FOCUSABLE)
    stops = _tab_stops(page)
    reached = {s["stop"] for s in stops}
    missed = page.evaluate(
        "stops => stops.map(s => document.querySelector(`[data-ksr-stop='${s}']`).outerHTML.slice(0, 100))",
        [s for s in reachable if s not in reached],
    )
    assert missed == [], f"{path or '/'}: not reached by Tab"
    assert [s["label"] for s in stops if not s["indicator"]] == [], f"{path or '/'}: focus not shown"


def test_header_search_audience_switch_filters_and_learning_path_by_keys(page: Page, base_url: str) -> None:
    page.goto(base_url)
    _tab_to(page, "#ksr-header-q")
    page.keyboard.type("klub integracji")
    page.keyboard.press("Enter")
    page.wait_for_url(urljoin(base_url, "szukaj/?q=klub+integracji"))
    page.wait_for_selector("#search-results[aria-busy=false] li", state="attached")

    page.goto(urljoin(base_url, "czytelnicy/"))
    _tab_to(page, ".ksr-audience-switch a[href$='trenerzy/']")
    page.keyboard.press("Enter")
    page.wait_for_url(urljoin(base_url, "trenerzy/"))

    page.goto(urljoin(base_url, "katalog/"))
    count = page.locator(".ksr-filters__count")
    before = count.inner_text()
    _tab_to(page, "form[data-ksr-filters] select")
    page.keyboard.press("ArrowDown")
    page.wait_for_function("text => document.querySelector('.ksr-filters__count').textContent !== text", arg=before)
    assert page.locator(".ksr-catalogue tbody tr:not([hidden])").count() < page.locator(".ksr-catalogue tbody tr").count()

    page.goto(urljoin(base_url, "dokumenty/zrar-m03/"))
    _tab_to(page, ".ksr-prevnext a[rel=next]")
    page.keyboard.press("Enter")
    page.wait_for_url(urljoin(base_url, "dokumenty/zrar-m04/"))
    _tab_to(page, ".ksr-prevnext a[rel=prev]")
    page.keyboard.press("Enter")
    page.wait_for_url(urljoin(base_url, "dokumenty/zrar-m03/"))
