"""Audience paths: each landing page lists exactly its audience's documents; ROPS grouping; switching."""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Page

from ksr_library.documents import Library
from ksr_library.labels import LEVEL_LABELS, PRIORITY_LABELS, REGION_LABELS
from ksr_library.navigation import NATIONWIDE
from ksr_library.schema import Audience, DocType, RecommendationDocument, ReportDocument

from .support import AUDIENCE_URLS, Catalogue, flat, linked_ids, page_url

pytestmark = pytest.mark.browser

# For each list item of the content: its document id, priority and the nearest h2/h3/h4 above its list.
ITEMS_WITH_HEADINGS = """els => els.map(li => {
  const out = {id: li.dataset.id, h2: null, h3: null, h4: null,
               priority: li.querySelector('.ksr-priority')?.textContent.trim() ?? null};
  let node = li.closest('ul'), level = 5;
  while ((node = node.previousElementSibling)) {
    const m = /^H([2-4])$/.exec(node.tagName);
    if (m && Number(m[1]) < level) {
      level = Number(m[1]);
      out['h' + m[1]] = node.textContent.trim();
      if (level === 2) break;
    }
  }
  return out;
})"""
PRIORITY_RANK = {"wysoki": 0, "średni": 1, "niski": 2, None: 3}


def test_library_json_maps_audiences_to_landing_pages(catalogue: Catalogue) -> None:
    assert catalogue["audiences"] == AUDIENCE_URLS


@pytest.mark.parametrize("code", list(AUDIENCE_URLS))
def test_landing_page_links_every_document_of_its_audience_and_no_other(
    page: Page, base_url: str, catalogue: Catalogue, code: str
) -> None:
    expected = {d["id"] for d in catalogue["documents"] if code in d["audience"]}
    others = {d["id"] for d in catalogue["documents"]} - expected
    assert expected, f"the demo library has no document for {code}"
    page.goto(urljoin(base_url, catalogue["audiences"][code]))
    linked = set(linked_ids(page, base_url, catalogue))
    assert not expected - linked, f"missing on {code}'s page"
    assert not linked & others, f"documents of other audiences on {code}'s page"
    assert linked == expected
    count = page.locator("article p", has_text="dokumentów w").inner_text().replace("\xa0", " ")
    assert f"Wszystkich dokumentów w tej ścieżce: {len(expected)}." in count


def _rops_items(page: Page, base_url: str) -> dict[str, dict[str, Any]]:
    page.goto(urljoin(base_url, "rops/"))
    items: list[dict[str, Any]] = page.eval_on_selector_all("article li.ksr-item", ITEMS_WITH_HEADINGS)
    return {f"{i['h2']} / {i['id']}": i for i in items}


def test_rops_shows_recommendations_by_theme_and_level_with_priority(
    page: Page, base_url: str, demo_library: Library
) -> None:
    items = _rops_items(page, base_url)
    recommendations = [
        e.doc
        for e in demo_library.published
        if isinstance(e.doc, RecommendationDocument) and Audience.ROPS in e.doc.audience
    ]
    assert len(recommendations) > 3
    shown = {key.split(" / ")[1] for key in items if key.startswith("Rekomendacje / ")}
    assert shown == {d.id for d in recommendations}
    for doc in recommendations:
        item = items[f"Rekomendacje / {doc.id}"]
        assert flat(item["h3"]) == doc.theme, doc.id
        assert flat(item["h4"]) == f"{doc.theme}: {LEVEL_LABELS[doc.level]}", doc.id
        assert item["priority"] == (PRIORITY_LABELS[doc.priority] if doc.priority else None), doc.id


def test_rops_recommendations_are_ordered_by_priority_within_a_group(page: Page, base_url: str) -> None:
    page.goto(urljoin(base_url, "rops/"))
    lists = page.locator("article h4.ksr-level + ul.ksr-list")
    assert lists.count() > 3
    longest = 0
    for index in range(lists.count()):
        current = lists.nth(index).locator("li.ksr-item:not(:has(.ksr-status))")
        ranks = [PRIORITY_RANK[t.strip()] for t in current.locator(".ksr-priority").all_inner_texts()]
        assert ranks == sorted(ranks), lists.nth(index).inner_text()
        longest = max(longest, len(set(ranks)))
    assert longest > 1, "no group mixes priorities: the order is not exercised"


def test_rops_shows_reports_by_voivodeship(page: Page, base_url: str, demo_library: Library) -> None:
    items = _rops_items(page, base_url)
    reports = [
        e.doc
        for e in demo_library.published
        if e.doc.type is DocType.REPORT and Audience.ROPS in e.doc.audience
    ]
    assert any(d.region for d in reports)
    for doc in reports:
        assert isinstance(doc, ReportDocument)
        regions = {REGION_LABELS[r] for r in doc.region} or {NATIONWIDE}
        item = items.get(f"Raporty według województw / {doc.id}")
        assert item, f"{doc.id} is not among the reports by voivodeship"
        assert item["h3"] in regions, doc.id
    headings = page.locator("h2:has-text('Raporty według województw') ~ h3").all_inner_texts()
    assert "pomorskie" in headings


def test_audience_switch_is_reachable_from_a_document_page(
    page: Page, base_url: str, catalogue: Catalogue
) -> None:
    page.goto(page_url(base_url, catalogue, "REK-07"))
    tabs = page.locator("nav.md-tabs a.md-tabs__link")
    for label in ("Czytelnicy", "Trenerzy", "ROPS"):
        assert tabs.filter(has_text=label).is_visible(), label
    tabs.filter(has_text="Trenerzy").click()
    page.wait_for_url(urljoin(base_url, "trenerzy/"))
    switch = page.locator("nav.ksr-audience-switch")
    assert switch.locator("a[aria-current=page]").inner_text() == "Trenerzy"
    switch.get_by_role("link", name="ROPS").click()
    page.wait_for_url(urljoin(base_url, "rops/"))
    assert page.locator("nav.ksr-audience-switch a[aria-current=page]").inner_text() == "ROPS"
    page.locator("nav.ksr-audience-switch").get_by_role("link", name="Czytelnicy").click()
    page.wait_for_url(urljoin(base_url, "czytelnicy/"))
    assert page.locator("nav.ksr-audience-switch a[aria-current=page]").inner_text() == "Czytelnicy"
    # A document's audience badges lead to the landing pages too.
    page.goto(page_url(base_url, catalogue, "REK-07"))
    page.locator("header.ksr-doc-header a.ksr-badge", has_text="ROPS").click()
    page.wait_for_url(urljoin(base_url, "rops/"))


def test_editors_pages_and_the_statement_are_no_public_tabs(page: Page, base_url: str) -> None:
    page.goto(base_url)
    tabs = [flat(t).strip() for t in page.locator("nav.md-tabs a.md-tabs__link").all_inner_texts()]
    assert tabs == ["Start", "Czytelnicy", "Trenerzy", "ROPS", "Katalog", "Słownik", "Szukaj"]
    page.locator("nav.ksr-footer").get_by_role("link", name="Dla redakcji").click()
    page.wait_for_url(urljoin(base_url, "dla-redakcji/"))
    page.locator(".md-sidebar--primary").get_by_role("link", name="Format biblioteki").first.click()
    page.wait_for_url(urljoin(base_url, "dla-redakcji/format/"))
    crumbs = [flat(c).strip() for c in page.locator("nav.md-path a").all_inner_texts()]
    assert crumbs == ["Start", "Dla redakcji"]
    assert page.locator("nav.md-tabs a.md-tabs__link").count() == len(tabs)
    page.locator("nav.ksr-footer").get_by_role("link", name="Deklaracja dostępności").click()
    page.wait_for_url(urljoin(base_url, "deklaracja-dostepnosci/"))
    assert page.locator("nav.md-tabs .md-tabs__item--active").count() == 0
