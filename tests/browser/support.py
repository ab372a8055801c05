"""Helpers of the browser tests: project copies, a static HTTP server, reading links off a page."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from benchmarks.browser import CHROMIUM, CHROMIUM_ARGS
from benchmarks.browser import serve_folder as serve
from benchmarks.sandbox import ROOT, build_copy, copy_project
from playwright.sync_api import Page

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "ROOT", "build_copy", "copy_project", "serve"]

TIMEOUT_MS = 10_000
"""Playwright's waits: a local static site answers in milliseconds, so fail well before 30 s."""
AUDIENCE_URLS = {"public": "czytelnicy/", "trainers": "trenerzy/", "rops": "rops/"}

Catalogue = dict[str, Any]
"""`library.json` as loaded."""
PAGE_TYPES = [
    "", "czytelnicy/", "trenerzy/", "rops/", "czytelnicy/tematy/", "czytelnicy/lata/",
    "dokumenty/model-ksr/", "dokumenty/prog-zrar/", "dokumenty/zrar-m03/", "dokumenty/rek-07/",
    "dokumenty/rek-11/", "dokumenty/rap-diag-2018/", "dokumenty/rap-diag-2019/", "dokumenty/dane-cis-kis/",
    "katalog/", "katalog/typ/raporty/", "slownik/", "szukaj/", "deklaracja-dostepnosci/",
    "dla-redakcji/", "dla-redakcji/api/", "404.html",
]  # fmt: skip
"""One page of every page type (the checks of every page type; the axe walk must include them)."""
REDIRECT_MARK = 'http-equiv="refresh"'
"""What a redirect page (`r/<ID>/`, former ids) carries; the browser leaves it at once."""


def site_pages(site: Path) -> list[str]:
    """Every page of a built site a reader can look at, as URL paths (`dokumenty/rek-07/`).

    Redirect pages are skipped: a reader never sees one (the browser moves on at once, and
    their targets are pages of this list). `404.html` stays: hosts show it for any missing URL.
    """
    return sorted(
        path.relative_to(site).as_posix().removesuffix("index.html")
        for path in site.rglob("*.html")
        if REDIRECT_MARK not in path.read_text(encoding="utf-8")
    )


def flat(text: str | None) -> str:
    """Text as a reader sees it, with no-break spaces (Polish typography) as plain spaces."""
    return (text or "").replace("\xa0", " ")


def hrefs(page: Page, selector: str) -> list[str]:
    """Absolute URLs of the links matching a selector, in page order."""
    links: list[str] = page.eval_on_selector_all(selector, "els => els.map(e => e.href)")
    return links


def document_ids(urls: list[str], base_url: str, catalogue: Catalogue) -> list[str]:
    """The ids of the document pages among URLs, in order; other URLs are skipped.

    A URL under `dokumenty/` that is no document's page fails the test.
    """
    by_path = {urlsplit(urljoin(base_url, d["url"])).path: d["id"] for d in catalogue["documents"]}
    ids = []
    for url in urls:
        path = urlsplit(url).path
        if not path.startswith("/dokumenty/"):
            continue
        assert path in by_path, f"link to {url}, which is no document's page"
        ids.append(by_path[path])
    return ids


def linked_ids(page: Page, base_url: str, catalogue: Catalogue, scope: str = "article") -> list[str]:
    """Ids of the documents linked from a part of the page (by default the content)."""
    return document_ids(hrefs(page, f"{scope} a[href]"), base_url, catalogue)


def page_url(base_url: str, catalogue: Catalogue, doc_id: str) -> str:
    """Absolute URL of a document's page, from `library.json`."""
    record = next(d for d in catalogue["documents"] if d["id"] == doc_id)
    return urljoin(base_url, str(record["url"]))


def current_id(page: Page) -> str:
    """The id of the document whose page is open (its header's `data-ksr-id`)."""
    value = page.get_attribute("[data-ksr-id]", "data-ksr-id")
    assert value, f"{page.url} is no document page"
    return value


def meta(page: Page, name: str) -> list[str]:
    """Contents of the `<meta name=...>` tags with that name, in order."""
    values: list[str] = page.eval_on_selector_all(
        "meta[name]", "(els, name) => els.filter(e => e.name === name).map(e => e.content)", name
    )
    return values
