"""The catalogue: complete without JavaScript (table and facet pages), filtered with it."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Page

from ksr_library.labels import AUDIENCE_SLUGS, TYPE_SLUGS
from ksr_library.links import slugify
from ksr_library.schema import Audience, DocType

from .support import Catalogue, linked_ids

pytestmark = pytest.mark.browser

ROWS = ".ksr-catalogue table tbody tr"


def facet_values(record: dict[str, Any]) -> dict[str, set[str]]:
    """The facet values (as URL slugs) of one document, by facet slug, from library.json."""
    return {
        "typ": {TYPE_SLUGS[DocType(record["type"])]},
        "odbiorcy": {AUDIENCE_SLUGS[Audience(a)] for a in record["audience"]},
        "rok": {record["date"][:4]},
        "region": set(record["region"]) or {"cala-polska"},
        "temat": {slugify(t) for t in record["tags"]},
    }


def expected_ids(catalogue: Catalogue, facet: str, value: str) -> set[str]:
    return {d["id"] for d in catalogue["documents"] if value in facet_values(d)[facet]}


def test_without_javascript_the_table_lists_every_document(
    no_js_page: Page, base_url: str, catalogue: Catalogue
) -> None:
    page = no_js_page
    page.goto(urljoin(base_url, "katalog/"))
    assert page.get_attribute("html", "class") == "no-js", "page scripts ran"
    assert page.locator("form[data-ksr-filters]").is_hidden()
    assert page.locator(ROWS).count() == len(catalogue["documents"])
    assert all(page.locator(ROWS).nth(i).is_visible() for i in range(page.locator(ROWS).count()))
    listed = linked_ids(page, base_url, catalogue, ".ksr-catalogue tbody")
    assert sorted(listed) == sorted(d["id"] for d in catalogue["documents"])


def test_without_javascript_facet_links_lead_to_complete_lists(
    no_js_page: Page, base_url: str, catalogue: Catalogue
) -> None:
    page = no_js_page
    page.goto(urljoin(base_url, "katalog/"))
    links: list[list[str]] = page.eval_on_selector_all(
        "ul.ksr-facets > li", "lis => lis.map(li => [li.querySelector('a').href, li.textContent])"
    )
    assert len(links) > 10
    seen_facets: dict[str, str] = {}
    for href, text in links:
        match = re.fullmatch(re.escape(base_url) + r"katalog/([^/]+)/([^/]+)/", href)
        assert match, href
        facet, value = match.groups()
        count = re.search(r"\((\d+)\)$", text.strip())
        assert count, text
        assert int(count[1]) == len(expected_ids(catalogue, facet, value)), href
        seen_facets.setdefault(facet, value)
    assert set(seen_facets) == {"typ", "odbiorcy", "rok", "region", "temat"}
    for facet, value in seen_facets.items():
        page.locator(f"ul.ksr-facets a[href='{facet}/{value}/']").click()
        page.wait_for_url(urljoin(base_url, f"katalog/{facet}/{value}/"))
        assert set(linked_ids(page, base_url, catalogue)) == expected_ids(catalogue, facet, value), page.url
        page.get_by_role("link", name="← Cały katalog").click()
        page.wait_for_url(urljoin(base_url, "katalog/"))


def _shown_ids(page: Page, base_url: str, catalogue: Catalogue) -> set[str]:
    return set(linked_ids(page, base_url, catalogue, f"{ROWS}:not([hidden])"))


def test_with_javascript_filters_hide_other_rows(page: Page, base_url: str, catalogue: Catalogue) -> None:
    page.goto(urljoin(base_url, "katalog/"))
    form = page.locator("form[data-ksr-filters]")
    assert form.is_visible()
    count = form.locator("output.ksr-filters__count")
    total = len(catalogue["documents"])
    assert count.inner_text() == f"Pokazano dokumentów: {total} z {total}"

    reports = {d["id"] for d in catalogue["documents"] if d["type"] == "report"}
    assert 0 < len(reports) < total
    form.locator("select[name=type]").select_option("raporty")
    assert _shown_ids(page, base_url, catalogue) == reports
    visible = [page.locator(ROWS).nth(i).is_visible() for i in range(total)]
    assert visible.count(True) == len(reports)
    assert count.inner_text() == f"Pokazano dokumentów: {len(reports)} z {total}"

    regional = {
        d["id"] for d in catalogue["documents"] if d["type"] == "report" and "pomorskie" in d["region"]
    }
    form.locator("select[name=region]").select_option("pomorskie")
    assert _shown_ids(page, base_url, catalogue) == regional
    assert count.inner_text() == f"Pokazano dokumentów: {len(regional)} z {total}"

    form.locator("select[name=type]").select_option("")
    form.locator("select[name=region]").select_option("")
    assert len(_shown_ids(page, base_url, catalogue)) == total
    assert count.inner_text() == f"Pokazano dokumentów: {total} z {total}"
