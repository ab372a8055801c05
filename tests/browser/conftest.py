"""Browser tests: the demo library built once, served over HTTP, driven by Debian's chromium.

No browser is ever downloaded: Playwright launches `/usr/bin/chromium` (`make test` installs
it with apt). The demo site is built into a temporary copy of the project, so the working
tree's `docs/` and `site/` are never touched.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from benchmarks.browser import chromium
from playwright.sync_api import Browser, BrowserContext, Page

from ksr_library.checking import check_library
from ksr_library.documents import Library

from .support import CHROMIUM, ROOT, TIMEOUT_MS, Catalogue, build_copy, serve


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo library (`library/`) built once into a temporary copy of the project."""
    return build_copy(tmp_path_factory.mktemp("demo"), ROOT / "library")


@pytest.fixture(scope="session")
def demo_library(demo_site: Path) -> Library:
    """The checked demo library, as the build saw it (the copy beside the built site)."""
    return check_library(demo_site.parent / "library")


@pytest.fixture(scope="session")
def base_url(demo_site: Path) -> Iterator[str]:
    """Base URL of the demo site served over HTTP, e.g. `http://127.0.0.1:PORT/`."""
    with serve(demo_site) as url:
        yield url


@pytest.fixture(scope="session")
def catalogue(demo_site: Path) -> Catalogue:
    """The demo site's `library.json`."""
    data: Catalogue = json.loads((demo_site / "library.json").read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Debian chromium for the whole session."""
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (make test does); never download one")
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="session")
def context(browser: Browser) -> Iterator[BrowserContext]:
    """One browser context for the tests that need no isolation: its HTTP cache keeps them fast."""
    shared = browser.new_context(locale="pl-PL")
    shared.set_default_timeout(TIMEOUT_MS)
    try:
        yield shared
    finally:
        shared.close()


@pytest.fixture
def page(context: BrowserContext) -> Iterator[Page]:
    """A fresh tab of the shared context."""
    tab = context.new_page()
    try:
        yield tab
    finally:
        tab.close()


@pytest.fixture
def no_js_page(browser: Browser) -> Iterator[Page]:
    """A fresh page whose own scripts never run (as for a reader with JavaScript off)."""
    context = browser.new_context(locale="pl-PL", java_script_enabled=False)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()
