"""Document pages: status notices, citation data, glossary abbreviations, the dataset chart."""

from __future__ import annotations

import csv
import io
import json
import urllib.request
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Page

from ksr_library.documents import Library
from ksr_library.links import slugify

from .support import Catalogue, current_id, flat, meta, page_url

pytestmark = pytest.mark.browser


def _record(catalogue: Catalogue, doc_id: str) -> dict[str, object]:
    record: dict[str, object] = next(d for d in catalogue["documents"] if d["id"] == doc_id)
    return record


# Notices ------------------------------------------------------------------------------------


def test_withdrawn_document_says_so(page: Page, base_url: str, catalogue: Catalogue) -> None:
    assert _record(catalogue, "REK-11")["status"] == "withdrawn"
    page.goto(page_url(base_url, catalogue, "REK-11"))
    notice = page.locator(".ksr-notice--withdrawn")
    assert notice.is_visible()
    assert "wycofany" in notice.inner_text().lower()
    assert notice.get_attribute("role") == "note"
    replacement = notice.locator("a.ksr-successor")
    assert replacement.get_attribute("href") and replacement.evaluate("a => a.href") == page_url(
        base_url, catalogue, "REK-04"
    )


def test_superseded_document_links_to_its_successor(page: Page, base_url: str, catalogue: Catalogue) -> None:
    assert _record(catalogue, "RAP-DIAG-2018")["status"] == "superseded"
    page.goto(page_url(base_url, catalogue, "RAP-DIAG-2018"))
    notice = page.locator(".ksr-notice--superseded")
    assert notice.is_visible()
    assert "zastąpiony" in notice.inner_text().lower()
    link = notice.locator("a.ksr-successor")
    assert link.evaluate("a => a.href") == page_url(base_url, catalogue, "RAP-DIAG-2019")
    link.click()
    page.wait_for_url(page_url(base_url, catalogue, "RAP-DIAG-2019"))
    assert current_id(page) == "RAP-DIAG-2019"
    assert page.locator(".ksr-notice--superseded").count() == 0


def test_sample_notice_only_on_sample_documents(
    page: Page, base_url: str, catalogue: Catalogue, demo_library: Library
) -> None:
    sample = demo_library.resolve("REK-07")
    real = demo_library.resolve("DANE-CIS-KIS")
    assert sample and sample.doc.sample
    assert real and not real.doc.sample
    page.goto(page_url(base_url, catalogue, "REK-07"))
    notice = page.locator(".ksr-notice--sample")
    assert notice.is_visible()
    assert "przykładowa" in notice.inner_text()
    page.goto(page_url(base_url, catalogue, "DANE-CIS-KIS"))
    assert page.locator(".ksr-notice--sample").count() == 0
    assert not [t for t in page.locator(".ksr-notice").all_inner_texts() if "przykładowa" in t]


# Citation -----------------------------------------------------------------------------------


def test_recommendation_is_citable(page: Page, base_url: str, catalogue: Catalogue) -> None:
    record = _record(catalogue, "REK-07")
    page.goto(page_url(base_url, catalogue, "REK-07"))
    assert meta(page, "citation_title") == [record["title"]]
    authors = meta(page, "citation_author")
    assert authors
    assert all(a.strip() for a in authors)
    assert meta(page, "citation_publication_date") == [str(record["date"]).replace("-", "/")]
    assert meta(page, "citation_publisher") == ["Instytut Pracy i Spraw Socjalnych"]
    assert meta(page, "dc.identifier") == ["REK-07"]
    scripts = page.locator('script[type="application/ld+json"]').all_text_contents()
    assert len(scripts) == 1
    data = json.loads(scripts[0])
    assert data["identifier"] == "REK-07"
    assert data["name"] == record["title"]
    assert data["datePublished"] == record["date"]
    assert data["url"].endswith("/r/REK-07/")

    box = page.locator("section.ksr-cite")
    assert box.get_by_role("heading", name="Jak cytować").is_visible()
    text = flat(box.locator(".ksr-cite__text").inner_text())
    for part in (str(record["title"]), authors[0], f"Wersja {record['version']}", "REK-07", "/r/REK-07/"):
        assert part in text, part

    with page.expect_download() as info:
        box.get_by_role("link", name="Pobierz BibTeX").click()
    download = info.value
    assert download.suggested_filename == "REK-07.bib"
    bibtex = download.path().read_text(encoding="utf-8")
    assert bibtex.startswith("@misc{REK-07,")
    assert f"title = {{{{{record['title']}}}}}" in bibtex


def test_report_with_pdf_gives_its_pdf_url(page: Page, base_url: str, catalogue: Catalogue) -> None:
    page.goto(page_url(base_url, catalogue, "RAP-POM-2019"))
    urls = meta(page, "citation_pdf_url")
    assert len(urls) == 1
    assert urls[0].endswith("/dokumenty/rap-pom-2019/pliki/rap-pom-2019-streszczenie.pdf")
    # citation_pdf_url is absolute on the published site; fetch the same path from this server.
    local = urljoin(base_url, urlsplit(urls[0]).path.lstrip("/"))
    response = page.request.get(local)
    assert response.status == 200
    assert response.body().startswith(b"%PDF")
    attachment = page.locator("section.ksr-attachments a", has_text="PDF")
    assert attachment.evaluate("a => a.href") == local


# Glossary -----------------------------------------------------------------------------------

AFTER_CONTENT = "el => getComputedStyle(el, '::after').content"


def test_abbreviation_shows_its_expansion_on_keyboard_focus(
    page: Page, base_url: str, catalogue: Catalogue, demo_library: Library
) -> None:
    expansion = next(g.expansion for g in demo_library.glossary if g.term == "KIS")
    page.goto(page_url(base_url, catalogue, "REK-07"))
    abbr = page.locator("article abbr[title]", has_text="KIS").first
    assert abbr.inner_text() == "KIS"
    assert abbr.get_attribute("title") == expansion
    assert abbr.get_attribute("tabindex") == "0"
    assert abbr.evaluate("el => el.tabIndex") == 0
    assert abbr.evaluate(AFTER_CONTENT) in ("none", "normal"), "expansion shown before focus"
    # Reach it with the keyboard: focus what comes just before it, then press Tab.
    abbr.evaluate(
        """el => {
          const before = document.createElement('a');
          before.href = '#'; before.id = 'ksr-test-before'; before.textContent = 'x';
          el.before(before);
        }"""
    )
    page.focus("#ksr-test-before")
    page.keyboard.press("Tab")
    assert abbr.evaluate("el => document.activeElement === el")
    assert abbr.evaluate(AFTER_CONTENT) == json.dumps(expansion, ensure_ascii=False)


def test_glossary_page_lists_every_term(page: Page, base_url: str, demo_library: Library) -> None:
    page.goto(urljoin(base_url, "slownik/"))
    shown: dict[str, str] = dict(
        page.eval_on_selector_all(
            "dl.ksr-glossary > dt",
            "dts => dts.map(dt => [dt.querySelector('dfn').textContent, dt.textContent])",
        )
    )
    assert page.locator("dl.ksr-glossary > dt").count() == len(shown), "a term is listed twice"
    assert sorted(shown) == sorted(g.term for g in demo_library.glossary)
    for entry in demo_library.glossary:
        assert entry.expansion in flat(shown[entry.term]), entry.term
        definition = page.locator(f"dl.ksr-glossary > dt[id='{slugify(entry.term)}'] + dd")
        assert flat(definition.inner_text()).startswith(entry.definition), entry.term


# Dataset chart ------------------------------------------------------------------------------


def test_dataset_has_a_static_accessible_chart(page: Page, base_url: str, catalogue: Catalogue) -> None:
    url = page_url(base_url, catalogue, "DANE-CIS-KIS")
    with urllib.request.urlopen(url, timeout=10) as response:
        html = response.read().decode("utf-8")
    assert '<svg class="ksr-chart"' in html, "the chart is not in the HTML file: drawn by JS?"
    page.goto(url)
    chart = page.locator("figure svg.ksr-chart")
    assert chart.count() == 1
    assert chart.is_visible()
    assert chart.get_attribute("role") == "img"
    title = flat(chart.locator(":scope > title").text_content())
    assert title == _record(catalogue, "DANE-CIS-KIS")["title"]
    csv_url = page.get_by_role("link", name="Pobierz dane (CSV)").evaluate("a => a.href")
    rows = list(csv.reader(io.StringIO(page.request.get(csv_url).text())))
    numeric = [cell for row in rows[1:] for cell in row[1:] if cell.strip().replace(",", ".").isdigit()]
    assert numeric
    bars = chart.locator("rect:has(title)")
    assert bars.count() == len(numeric)
    labels = page.locator("section.ksr-dataset thead th").all_text_contents()  # the dataset's `columns`
    assert labels != rows[0] and len(labels) == len(rows[0])
    assert sorted(bars.locator("title").all_text_contents()) == sorted(
        f"{row[0]}, {labels[i]}: {row[i]}" for row in rows[1:] for i in range(1, len(row)) if row[i].strip()
    )
    box = chart.bounding_box()
    assert box and box["width"] > 200 and box["height"] > 100


# Progressive enhancement --------------------------------------------------------------------


def test_script_only_elements_stay_hidden_until_a_script_shows_them(
    page: Page, no_js_page: Page, base_url: str, catalogue: Catalogue
) -> None:
    url = page_url(base_url, catalogue, "REK-07")
    no_js_page.goto(url)
    assert no_js_page.get_attribute("html", "class") == "no-js", "page scripts ran"
    assert no_js_page.locator("a.ksr-permalink").is_visible()
    for selector in (
        "button[data-copy-permalink]",
        "button[data-ksr-copy-citation]",
        ".ksr-edition-notice",
        "[data-ksr-editions]",
    ):
        element = no_js_page.locator(selector)
        assert element.count() == 1, selector
        assert element.is_hidden(), f"{selector} shows without JavaScript"
    page.goto(url)
    page.wait_for_load_state("networkidle")
    assert page.locator("button[data-copy-permalink]").is_visible()
    assert page.locator("button[data-ksr-copy-citation]").is_visible()
    # Not an edition of a versioned site (no versions.json): the edition boxes stay away.
    assert page.locator(".ksr-edition-notice").is_hidden()
    assert page.locator("[data-ksr-editions]").is_hidden()
