"""The trainers' learning path: programme table, module order, prev/next walk, print handout."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page

from ksr_library.documents import Library
from ksr_library.labels import hours_label
from ksr_library.schema import ModuleDocument, ProgrammeDocument

from .support import Catalogue, document_ids, flat, linked_ids, page_url

pytestmark = pytest.mark.browser

PROGRAMME = "PROG-ZRAR"


def _modules(library: Library) -> list[ModuleDocument]:
    modules = [e.doc for e in library.modules_of(PROGRAMME)]
    assert all(isinstance(m, ModuleDocument) for m in modules)
    return modules  # type: ignore[return-value]


def _hours(text: str) -> float:
    assert text.endswith("\u00a0godz."), text  # a no-break space keeps the number with its unit
    return float(text.removesuffix("\u00a0godz.").replace(",", "."))


def test_programme_page_lists_its_modules_in_order_with_hours(
    page: Page, base_url: str, catalogue: Catalogue, demo_library: Library
) -> None:
    modules = _modules(demo_library)
    assert len(modules) == 8
    page.goto(page_url(base_url, catalogue, PROGRAMME))
    table = page.locator("section.ksr-programme table")
    rows = table.locator("tbody > tr")
    assert rows.count() == 8
    numbers = [rows.nth(i).locator("td").nth(0).inner_text() for i in range(8)]
    assert numbers == [str(n) for n in range(1, 9)]
    assert linked_ids(page, base_url, catalogue, "section.ksr-programme tbody td:nth-child(2)") == [
        m.id for m in modules
    ]
    hours = [_hours(rows.nth(i).locator("td").nth(2).inner_text()) for i in range(8)]
    assert hours == [m.hours for m in modules]
    total = table.locator("tfoot tr")
    assert total.locator("th").inner_text() == "Razem"
    assert _hours(total.locator("td").first.inner_text()) == sum(hours)
    programme = demo_library.resolve(PROGRAMME)
    assert programme and isinstance(programme.doc, ProgrammeDocument)
    if programme.doc.hours:
        assert total.locator("td").first.inner_text() == hours_label(programme.doc.hours)


def test_module_page_shows_its_position(page: Page, base_url: str, catalogue: Catalogue) -> None:
    page.goto(page_url(base_url, catalogue, "ZRAR-M03"))
    assert flat(page.locator(".ksr-module-position").text_content()) == "Moduł 3 z 8"
    nav = page.get_by_role("navigation", name="Ścieżka programu")
    assert "Moduł 3 z 8" in flat(nav.inner_text())
    assert linked_ids(page, base_url, catalogue, "nav.ksr-learning-nav p:first-child") == [PROGRAMME]


# What a module page says about its place: read in one round trip per page.
MODULE_STATE = """() => ({
  id: document.querySelector('[data-ksr-id]').dataset.ksrId,
  position: document.querySelector('.ksr-module-position').textContent,
  prev: document.querySelector('a[rel=prev]')?.href ?? null,
  next: document.querySelector('a[rel=next]')?.href ?? null,
  prerequisites: [...document.querySelectorAll("section.ksr-module h3 + ul")]
    .filter(ul => ul.previousElementSibling.textContent.startsWith('Wymagane'))
    .flatMap(ul => [...ul.querySelectorAll('a')].map(a => a.href)),
})"""


def _walk(page: Page, direction: str, limit: int) -> list[dict[str, Any]]:
    """Follow `a[rel=direction]` from the open page until there is none; each page's state."""
    states = [page.evaluate(MODULE_STATE)]
    while states[-1][direction]:
        assert len(states) < limit, [s["id"] for s in states]
        page.click(f"a[rel={direction}]")
        page.wait_for_url(states[-1][direction])
        states.append(page.evaluate(MODULE_STATE))
    return states


def test_prev_and_next_walk_the_whole_programme(
    page: Page, base_url: str, catalogue: Catalogue, demo_library: Library
) -> None:
    modules = _modules(demo_library)
    total = len(modules)
    page.goto(page_url(base_url, catalogue, modules[0].id))
    forward = _walk(page, "next", total)
    assert forward[0]["prev"] is None, "the first module has a previous one"
    assert [s["id"] for s in forward] == [m.id for m in modules]
    assert [flat(s["position"]) for s in forward] == [f"Moduł {n} z {total}" for n in range(1, total + 1)]
    for state, doc in zip(forward, modules, strict=True):
        assert set(document_ids(state["prerequisites"], base_url, catalogue)) == set(doc.prerequisites), (
            doc.id
        )
    assert any(m.prerequisites for m in modules), "no module has prerequisites: nothing was checked"
    backward = _walk(page, "prev", total)
    assert backward[0]["next"] is None, "the last module has a next one"
    assert [s["id"] for s in backward] == [m.id for m in reversed(modules)]


CHROME = {
    "header": ".md-header",
    "tabs": ".md-tabs",
    "sidebars": ".md-sidebar",
    "search": ".md-search, [data-md-component=search], .ksr-search-form",
    "audience switch": ".ksr-audience-switch",
    "prev/next": ".ksr-prevnext",
    "breadcrumbs": ".md-path",
}


def _visible(page: Page, selector: str) -> bool:
    return any(page.locator(selector).nth(i).is_visible() for i in range(page.locator(selector).count()))


def test_module_prints_as_a_clean_handout(page: Page, base_url: str, catalogue: Catalogue) -> None:
    page.goto(page_url(base_url, catalogue, "ZRAR-M03"))
    for name in ("header", "tabs", "sidebars", "prev/next"):
        assert _visible(page, CHROME[name]), (
            f"{name} not shown on screen: the print check would prove nothing"
        )
    header = page.locator(".ksr-handout-header")
    assert header.is_hidden() and page.locator(".ksr-print-site").is_hidden()
    page.evaluate("window.print = () => { window.ksrPrinted = true; }")
    page.get_by_role("button", name="Drukuj materiał szkoleniowy").click()
    assert page.evaluate("window.ksrPrinted") is True
    page.emulate_media(media="print")
    shown = [name for name, selector in CHROME.items() if _visible(page, selector)]
    assert shown == [], f"printed with: {shown}"
    assert page.locator("[data-ksr-print]").is_hidden()
    assert flat(page.locator(".ksr-print-site").inner_text()) == "Biblioteka Krajowej Sieci Reintegracji"
    printed = flat(header.inner_text())
    assert header.evaluate("h => Boolean(h.compareDocumentPosition(document.querySelector('article h1')) & 4)"), (
        "the handout header is not printed above the title"
    )
    assert f"Moduł 3 z 8: {catalogue_title(catalogue, 'ZRAR-M03')}" in printed
    assert re.search(r"Wersja \d+\.\d+ z \d{1,2} [a-ząćęłńóśźż]+ \d{4} · ", printed), printed
    assert printed.rstrip().endswith("Stały odnośnik: https://biblioteka-ksr.example.org/r/ZRAR-M03/")
    assert page.locator("article h1").is_visible()
    assert page.locator("section.ksr-module").is_visible()
    assert page.locator("h2#plan-zajec").is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") >= 2


def catalogue_title(catalogue: Catalogue, doc_id: str) -> str:
    """A document's title as `library.json` records it."""
    return str(next(d["title"] for d in catalogue["documents"] if d["id"] == doc_id))
