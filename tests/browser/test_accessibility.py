"""axe-core on one page of every page type: no serious or critical violation unless allowed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, Page

pytestmark = pytest.mark.browser

ALLOWED_FILE = Path(__file__).with_name("axe-allowed.yml")
FAILING_IMPACTS = {"serious", "critical"}

# Page type → (path, a selector that proves the page is of that type).
PAGES = {
    "home": ("", ".ksr-cards"),
    "readers": ("czytelnicy/", ".ksr-audience-switch"),
    "trainers": ("trenerzy/", ".ksr-modules table"),
    "rops": ("rops/", "h4.ksr-level"),
    "readers by theme": ("czytelnicy/tematy/", "ul.ksr-list"),
    "readers by year": ("czytelnicy/lata/", "ul.ksr-list"),
    "model": ("dokumenty/model-ksr/", "[data-ksr-id='MODEL-KSR']"),
    "programme": ("dokumenty/prog-zrar/", "section.ksr-programme"),
    "module": ("dokumenty/zrar-m03/", "nav.ksr-learning-nav"),
    "recommendation": ("dokumenty/rek-07/", "section.ksr-recommendation"),
    "withdrawn": ("dokumenty/rek-11/", ".ksr-notice--withdrawn"),
    "superseded": ("dokumenty/rap-diag-2018/", ".ksr-notice--superseded"),
    "report with attachments": ("dokumenty/rap-diag-2019/", "section.ksr-attachments"),
    "dataset": ("dokumenty/dane-cis-kis/", "svg.ksr-chart"),
    "catalogue": ("katalog/", "form.ksr-filters"),
    "facet": ("katalog/typ/raporty/", "ul.ksr-list"),
    "glossary": ("slownik/", "dl.ksr-glossary"),
    "search": ("szukaj/?q=klub", "#search-results[aria-busy=false]"),
    "maintainers": ("dla-redakcji/", "article h1"),
    "maintainers api": ("dla-redakcji/api/", ".doc-heading"),
    "404": ("nie-ma-takiej-strony/", "article h1"),
}

_AXE = Axe()


def allowed() -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = yaml.safe_load(ALLOWED_FILE.read_text(encoding="utf-8")) or []
    return entries


def test_allow_list_entries_say_what_and_why() -> None:
    for entry in allowed():
        assert set(entry) == {"rule", "elements", "reason"}, entry
        assert isinstance(entry["rule"], str)
        assert entry["elements"], entry
        assert all(isinstance(s, str) and s.strip() for s in entry["elements"]), entry
        assert len(entry["reason"]) > 40, f"{entry['rule']}: say why it is Material's and why it stays"


@pytest.fixture(scope="module")
def axe_page(context: BrowserContext) -> Iterator[tuple[Page, list[str]]]:
    """One tab for the whole module (faster), recording script errors."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        yield page, errors
    finally:
        page.close()


def _is_allowed(page: Page, rule: str, node: dict[str, Any]) -> bool:
    selectors = [s for e in allowed() if e["rule"] == rule for s in e["elements"]]
    if not selectors or len(node["target"]) != 1:
        return False
    matches: bool = page.locator(node["target"][0]).first.evaluate(
        "(el, selectors) => selectors.some(s => el.matches(s))", selectors
    )
    return matches


@pytest.mark.parametrize("kind", list(PAGES))
def test_page_type_has_no_serious_axe_violation(
    axe_page: tuple[Page, list[str]], base_url: str, kind: str
) -> None:
    page, errors = axe_page
    errors.clear()
    path, proof = PAGES[kind]
    page.goto(urljoin(base_url, path))
    page.wait_for_selector(proof, state="attached")
    results = _AXE.run(page).response
    problems = [
        f"{violation['id']} ({node['impact']}): {node['target']} {node['html'][:120]!r} — {violation['help']}"
        for violation in results["violations"]
        for node in violation["nodes"]
        if node["impact"] in FAILING_IMPACTS and not _is_allowed(page, violation["id"], node)
    ]
    assert problems == [], f"{kind} ({path or '/'}):\n" + "\n".join(problems)
    assert errors == [], f"script errors on {kind}"
