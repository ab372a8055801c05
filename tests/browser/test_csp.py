"""The Content-Security-Policy holds on every page type: no violation, no console error, no third party."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import BrowserContext, Page

from ksr_library.csp import HEADERS_FILE

pytestmark = pytest.mark.browser

PAGE_TYPES = {
    "home": "",
    "readers": "czytelnicy/",
    "readers by theme": "czytelnicy/tematy/",
    "trainers": "trenerzy/",
    "rops": "rops/",
    "catalogue": "katalog/",
    "facet": "katalog/rok/2019/",
    "recommendation": "dokumenty/rek-07/",
    "module": "dokumenty/zrar-m03/",
    "programme": "dokumenty/prog-zrar/",
    "dataset": "dokumenty/dane-cis-kis/",
    "withdrawn": "dokumenty/rek-13/",
    "glossary": "slownik/",
    "search": "szukaj/?q=klub+integracji",
    "statement": "deklaracja-dostepnosci/",
    "editors": "dla-redakcji/",
    "api reference": "dla-redakcji/api/",
    "permalink": "r/REK-07/",
    "former id": "r/REK-7/",
    "not found": "nie-ma-takiej-strony/",
}
WATCH = """() => {
  window.__violations = [];
  document.addEventListener("securitypolicyviolation", e => window.__violations.push(
    e.violatedDirective + " " + (e.blockedURI || "inline") + " " + (e.sourceFile || "") + ":" + e.lineNumber));
}"""


@pytest.fixture
def watched(context: BrowserContext) -> Iterator[tuple[Page, list[str], list[str], list[str]]]:
    """A tab that records console errors, every request's URL, and every failed response's URL."""
    context.add_init_script(f"({WATCH})()")
    page = context.new_page()
    errors: list[str] = []
    requests: list[str] = []
    failed: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    try:
        yield page, errors, requests, failed
    finally:
        page.close()


@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_the_policy_holds_on_every_page_type(
    watched: tuple[Page, list[str], list[str], list[str]], base_url: str, name: str
) -> None:
    page, errors, requests, failed = watched
    page.goto(urljoin(base_url, PAGE_TYPES[name]))
    page.wait_for_load_state("networkidle")
    policy = page.evaluate(
        "() => [...document.querySelectorAll('meta[http-equiv=\"Content-Security-Policy\"]')].map(m => m.content)"
    )
    assert len(policy) == 1, "every page carries exactly one policy"
    assert "'unsafe-inline'" not in policy[0] and "'unsafe-eval'" not in policy[0]
    assert "object-src 'none'" in policy[0] and "base-uri 'self'" in policy[0]
    assert page.evaluate("window.__violations") == []
    missing = [urlsplit(u).path for u in failed]
    assert missing == (["/" + PAGE_TYPES[name]] if name == "not found" else []), missing
    assert [e for e in errors if not e.startswith("Failed to load resource")] == []
    assert len(errors) == len(failed), "a console error other than the failed requests above"
    origin = urlsplit(base_url).netloc
    assert {urlsplit(u).netloc for u in requests if not u.startswith("data:")} == {origin}


def test_static_hosts_get_the_policy_with_frame_ancestors(demo_site: Path) -> None:
    headers = (demo_site / HEADERS_FILE).read_text(encoding="utf-8")
    assert headers.startswith("/*\n  Content-Security-Policy: default-src 'self';")
    assert "frame-ancestors 'none'" in headers and "'unsafe-inline'" not in headers
    meta = (demo_site / "index.html").read_text(encoding="utf-8")
    assert "frame-ancestors" not in meta, "browsers ignore frame-ancestors in a meta policy"
