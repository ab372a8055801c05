"""Feed, sitemap, the 404 page, the language and the feed link of every page."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Page

from .support import Catalogue, page_url

pytestmark = pytest.mark.browser

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
FEED_TYPE = "application/atom+xml"


class _Head(HTMLParser):
    """The `lang` of `<html>` and the feed links of a page's head, found as feed readers find them.

    Autodiscovery looks for a `link` whose rel tokens include `alternate` and whose type is Atom.
    """

    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.feeds: list[str] = []
        self.in_head = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang")
        elif tag == "head":
            self.in_head = True
        elif (
            tag == "link"
            and self.in_head
            and "alternate" in (values.get("rel") or "").lower().split()
            and values.get("type") == FEED_TYPE
        ):
            self.feeds.append(values.get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.in_head = False


def _pages(site: Path) -> list[Path]:
    """Every HTML page of the site but redirects (permalinks and former ids: tiny pages of their own)."""
    return [
        p for p in sorted(site.rglob("*.html")) if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")
    ]


def test_feed_is_valid_atom_with_entries(page: Page, base_url: str, catalogue: Catalogue) -> None:
    response = page.request.get(urljoin(base_url, "feed.xml"))
    assert response.status == 200
    feed = ET.fromstring(response.body())
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == min(50, len(catalogue["documents"]))
    ids = {d["id"]: d for d in catalogue["documents"]}
    newest = max(d["date"] for d in catalogue["documents"])
    assert (feed.findtext(f"{ATOM}updated") or "").startswith(newest)
    for entry in entries:
        assert entry.findtext(f"{ATOM}title")
        assert entry.findtext(f"{ATOM}summary")
        link = entry.find(f"{ATOM}link[@rel='alternate']")
        assert link is not None
        url = link.get("href") or ""
        assert any(url.endswith("/" + d["url"]) for d in ids.values()), url


def test_every_page_is_polish_and_announces_the_feed(demo_site: Path, base_url: str) -> None:
    pages = _pages(demo_site)
    assert len(pages) > 100
    problems = []
    for path in pages:
        if path.name == "404.html":
            continue  # served at any address: test_missing_page_gets_the_polish_404 covers it
        head = _Head()
        head.feed(path.read_text(encoding="utf-8"))
        rel = path.relative_to(demo_site).as_posix()
        if head.lang != "pl":
            problems.append(f"{rel}: lang={head.lang}")
        if len(head.feeds) != 1:
            problems.append(f"{rel}: {len(head.feeds)} feed links")
        elif urljoin(urljoin(base_url, rel), head.feeds[0]) != urljoin(base_url, "feed.xml"):
            problems.append(f"{rel}: feed link {head.feeds[0]} leads elsewhere")
    assert problems == []


def test_feed_link_in_the_browser(page: Page, base_url: str, catalogue: Catalogue) -> None:
    page.goto(page_url(base_url, catalogue, "REK-07"))
    link = page.locator(f'head link[rel~=alternate][type="{FEED_TYPE}"]')
    assert link.count() == 1
    assert link.evaluate("l => l.href") == urljoin(base_url, "feed.xml")
    assert page.get_attribute("html", "lang") == "pl"


def test_feed_link_is_an_alternate_by_its_tokens(page: Page, base_url: str, catalogue: Catalogue) -> None:
    page.goto(page_url(base_url, catalogue, "REK-07"))
    found = page.evaluate(
        """type => [...document.head.querySelectorAll('link')]
            .filter(l => l.relList.contains('alternate') && l.type === type)
            .map(l => l.href)""",
        FEED_TYPE,
    )
    assert found == [urljoin(base_url, "feed.xml")]


@pytest.mark.parametrize(
    "path", ["", "dokumenty/rek-07/", "szukaj/?q=klub", "slownik/", "dokumenty/nie-ma-takiego/"]
)
def test_a_page_view_never_downloads_the_sitemap(page: Page, base_url: str, path: str) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(urljoin(base_url, path))
    page.wait_for_load_state("networkidle")
    assert any(url.endswith(".js") for url in requested)  # the theme's bundle ran
    assert [url for url in requested if "sitemap" in url] == []


def test_sitemap_dates_documents_by_their_own_date(page: Page, base_url: str, catalogue: Catalogue) -> None:
    response = page.request.get(urljoin(base_url, "sitemap.xml"))
    assert response.status == 200
    urls = ET.fromstring(response.body()).findall(f"{SITEMAP}url")
    lastmod = {(u.findtext(f"{SITEMAP}loc") or ""): u.findtext(f"{SITEMAP}lastmod") for u in urls}
    rek07 = next(d for d in catalogue["documents"] if d["id"] == "REK-07")
    matches = [loc for loc in lastmod if loc.endswith("/dokumenty/rek-07/")]
    assert len(matches) == 1
    assert lastmod[matches[0]] == rek07["date"]
    for record in catalogue["documents"]:
        loc = next(loc for loc in lastmod if loc.endswith("/" + record["url"]))
        assert lastmod[loc] == record["date"], record["id"]


def test_missing_page_gets_the_polish_404(page: Page, base_url: str) -> None:
    response = page.goto(urljoin(base_url, "dokumenty/nie-ma-takiego/"))
    assert response and response.status == 404
    assert page.get_attribute("html", "lang") == "pl"
    assert "Nie znaleziono" in page.locator("h1").inner_text()
    assert "Nie znaleziono" in page.title()
    # Its styles load from any depth (Material links them from the site root).
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"


def test_404_page_works_at_any_address(page: Page, base_url: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(urljoin(base_url, "dokumenty/nie-ma-takiego/"))
    page.wait_for_load_state("load")
    feed = page.locator(f'head link[rel~=alternate][type="{FEED_TYPE}"]')
    assert feed.evaluate("l => l.href") == urljoin(base_url, "feed.xml")
    assert page.locator("form.ksr-search-form").evaluate("f => f.action") == urljoin(base_url, "szukaj/")
    assert errors == []
