"""Search in headless Chromium: relevance on the held-out set, and the results page's behaviour."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, urljoin

import pytest
from benchmarks.relevance import id_by_url_slug, ksr_rankings, load_queries, score
from playwright.sync_api import Page

pytestmark = pytest.mark.browser
MIN_HITS_AT_3 = 0.9


def results(page: Page, base_url: str, query: str, extra: str = "") -> list[str]:
    page.goto(urljoin(base_url, f"szukaj/?q={quote(query)}{extra}"))
    page.wait_for_selector('#search-results[aria-busy="false"]')
    return page.eval_on_selector_all(
        "#search-results a.ksr-result__link", "links => links.map(a => a.getAttribute('href'))"
    )


def test_relevance_on_the_held_out_set(page: Page, base_url: str, demo_site: Path) -> None:
    queries = load_queries()
    assert len(queries) >= 50
    scores = score(queries, ksr_rankings(page, base_url, queries, id_by_url_slug(demo_site)))
    print(f"hits@3 {scores.hits_at_3:.3f} MRR {scores.mrr:.3f}; misses: {scores.misses}")
    assert scores.hits_at_3 >= MIN_HITS_AT_3, scores.misses


def test_search_url_is_listed_and_busy_flag_settles(page: Page, base_url: str, catalogue: dict) -> None:
    assert catalogue["search"] == "szukaj/"
    page.goto(urljoin(base_url, "szukaj/?q=klub"))
    assert page.get_attribute("#search-results", "aria-busy") in {"true", "false"}
    page.wait_for_selector('#search-results[aria-busy="false"]')
    assert page.locator("#search-results li.ksr-result").count() > 3
    assert page.input_value("#ksr-q") == "klub"


def test_id_and_former_id_go_first(page: Page, base_url: str) -> None:
    assert results(page, base_url, "rek-07")[0].endswith("dokumenty/rek-07/")
    assert results(page, base_url, "REK-7")[0].endswith("dokumenty/rek-07/")
    assert results(page, base_url, "KSR-MODEL")[0].endswith("dokumenty/model-ksr/")


def test_filters_by_type_and_audience(page: Page, base_url: str) -> None:
    everything = results(page, base_url, "klub")
    only_reports = results(page, base_url, "klub", "&type=report")
    assert only_reports and len(only_reports) < len(everything)
    assert all("/rap-" in href for href in only_reports)
    assert page.input_value("select[name=type]") == "report"
    trainers = results(page, base_url, "klub", "&audience=trainers")
    assert trainers and all(
        "Trenerzy" in badge
        for badge in page.eval_on_selector_all(
            "#search-results li.ksr-result",
            "items => items.map(i => i.querySelector('.ksr-result__meta').textContent)",
        )
    )


def test_withdrawn_and_superseded_rank_below_current(page: Page, base_url: str) -> None:
    hrefs = results(page, base_url, "diagnoza gotowosci do wspolpracy")
    ids = [h.rstrip("/").rsplit("/", 1)[-1] for h in hrefs]
    assert "rap-diag-2019" in ids and "rap-diag-2018" in ids
    assert ids.index("rap-diag-2019") < ids.index("rap-diag-2018")
    statuses = page.eval_on_selector_all(
        "#search-results li.ksr-result", "items => items.map(i => !!i.querySelector('.ksr-status'))"
    )
    assert statuses == sorted(statuses), "a superseded or withdrawn result stands above a current one"


def test_snippet_highlights_matched_words(page: Page, base_url: str) -> None:
    results(page, base_url, "ośrodka sektorowej")
    first = page.locator("#search-results li.ksr-result").first
    marks = first.locator("mark").all_inner_texts()
    assert {m.lower() for m in marks} >= {"ośrodek", "sektorowej"}


def test_snippet_found_deep_in_a_document(page: Page, base_url: str) -> None:
    """EKS-SPORT mentions volunteers far beyond the stored excerpt: the page is read for it."""
    hrefs = results(page, base_url, "wolontariuszami")
    assert hrefs[0].endswith("dokumenty/eks-sport/")
    page.wait_for_selector("#search-results li.ksr-result >> nth=0 >> mark")
    marks = page.locator("#search-results li.ksr-result").first.locator("mark").all_inner_texts()
    assert marks and all(m.lower().startswith("wolontariusz") for m in marks)


def test_keyboard_moves_through_results(page: Page, base_url: str) -> None:
    results(page, base_url, "klub integracji")
    page.focus("#ksr-q")
    page.keyboard.press("ArrowDown")
    first = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("ArrowDown")
    second = page.evaluate("document.activeElement.getAttribute('href')")
    links = page.eval_on_selector_all(
        "#search-results a.ksr-result__link", "ls => ls.map(a => a.getAttribute('href'))"
    )
    assert [first, second] == links[:2]
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == "ksr-q"
    page.keyboard.press("ArrowDown")
    search_url = page.url  # read before Enter: the navigation may end before the next line runs
    page.keyboard.press("Enter")
    page.wait_for_url(urljoin(search_url, links[0]))


def test_typing_updates_results_and_the_address(page: Page, base_url: str) -> None:
    results(page, base_url, "klub")
    page.fill("#ksr-q", "sport rekreacja")
    page.wait_for_selector('#search-results[aria-busy="false"]')
    assert "q=sport+rekreacja" in page.url or "q=sport%20rekreacja" in page.url
    assert page.locator("#search-results li.ksr-result").count() > 0


def test_helpful_empty_state(page: Page, base_url: str) -> None:
    assert results(page, base_url, "qwxzyv") == []
    empty = page.inner_text("#search-results")
    assert "Nic nie znaleziono" in empty and "katalog" in empty
    assert page.locator("#search-results a[href$='katalog/']").count() == 1


def test_header_box_on_every_page_leads_to_the_search_page(page: Page, base_url: str) -> None:
    page.goto(urljoin(base_url, "dokumenty/rek-07/"))
    page.fill("#ksr-header-q", "pakt")
    page.press("#ksr-header-q", "Enter")
    page.wait_for_selector('#search-results[aria-busy="false"]')
    assert page.url.startswith(urljoin(base_url, "szukaj/?q=pakt"))
    assert page.locator(".md-search").count() == 0, "Material's own search must not be there too"
