"""The accessibility statement itself is accessible: axe finds nothing at WCAG 2.1 AA."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page
from tests.test_accessibility_statement import SITE, example

from ksr_library import accessibility

pytestmark = pytest.mark.browser

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def test_statement_has_no_axe_violation(page: Page) -> None:
    problem = accessibility.PdfProblem("dokumenty/x/pliki/a.pdf", ("title", "tags"))
    html = accessibility.statement_html(
        accessibility.load(example()), site_name="Biblioteka KSR", site_url=SITE, pdf_problems=[problem]
    )
    page.set_content(
        '<!doctype html><html lang="pl"><head><meta charset="utf-8"><title>Deklaracja dostępności</title>'
        f"</head><body><main>{html}</main></body></html>"
    )
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}}).response
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in results["violations"]] == []
    assert results["passes"]
