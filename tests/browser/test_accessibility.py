"""axe-core at WCAG 2.1 A and AA on every page of the demo site: no violation of any impact.

One tab walks the whole site (the shared context's cache keeps the theme's files loaded once),
axe is injected by an init script, and nothing waits beyond the load event, except the search
page, whose results are filled by script. The same walk proves that no page logs a console
error, throws, or requests a file that is missing (such as `versions.json` of an edition).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Response

from .support import PAGE_TYPES, site_pages

pytestmark = pytest.mark.browser

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}
SCRIPTED = {"szukaj/?q=klub+integracji": "#search-results[aria-busy=false]"}
"""Pages whose content a script fills (URL → what proves it is filled), walked besides the files."""
MISSING = "dokumenty/nie-ma-takiego/strona/"
"""A missing URL two levels deep: the host answers with the site's 404 page."""


@pytest.fixture(scope="module")
def axe_page(context: BrowserContext) -> Iterator[tuple[Page, list[str]]]:
    """One tab with axe preloaded, recording script errors, console errors and failed requests.

    A page that is itself a 404 (the missing URL) is expected: Chromium logs it as a console
    error at the page's own address, which is not counted.
    """
    page = context.new_page()
    page.add_init_script(Axe().axe_script)
    errors: list[str] = []

    def console(message: ConsoleMessage) -> None:
        if message.type == "error" and message.location.get("url") != page.url:
            errors.append(f"console error: {message.text} ({message.location.get('url')})")

    def response(answer: Response) -> None:
        if answer.status >= 400 and answer.request.resource_type != "document":
            errors.append(f"HTTP {answer.status}: {answer.url}")

    page.on("pageerror", lambda error: errors.append(f"script error: {error}"))
    page.on("console", console)
    page.on("response", response)
    try:
        yield page, errors
    finally:
        page.close()


def _violations(page: Page) -> list[str]:
    results: dict[str, Any] = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    return [
        f"{violation['id']} ({node['impact']}): {node['target']} {node['html'][:120]!r} — {violation['help']}"
        for violation in results["violations"]
        for node in violation["nodes"]
    ]


def test_the_walk_covers_every_page_type(demo_site: Path) -> None:
    pages = site_pages(demo_site)
    assert [kind for kind in PAGE_TYPES if kind not in pages] == []
    assert not any(page.startswith("r/") for page in pages), "redirect pages are never shown"


def test_every_page_passes_axe_at_wcag_21_aa(
    axe_page: tuple[Page, list[str]], demo_site: Path, base_url: str
) -> None:
    page, errors = axe_page
    walk = dict.fromkeys(site_pages(demo_site)) | SCRIPTED | {MISSING: None}
    failures: dict[str, list[str]] = {}
    for path, proof in walk.items():
        errors.clear()
        page.goto(urljoin(base_url, path))
        if proof:
            page.wait_for_selector(proof, state="attached")
        found = _violations(page) + errors
        if found:
            failures[path or "/"] = found
    assert failures == {}, "\n".join(f"{path}:\n  " + "\n  ".join(found) for path, found in failures.items())
