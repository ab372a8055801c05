"""Search in headless Chromium: relevance on the held-out set, and the results page's behaviour."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urljoin

import pytest
from benchmarks.relevance import id_by_url_slug, ksr_rankings, load_queries, score
from playwright.sync_api import Page

from ksr_library.documents import Library
from ksr_library.normalising import normalise_library
from ksr_library.search_index import (
    SEARCH_DIR,
    AttachmentText,
    SearchRecord,
    SearchSource,
    embed_manifest,
    write_search_bundle,
)

from .support import serve

pytestmark = pytest.mark.browser
MIN_HITS_AT_3 = 0.95


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


def _found(page: Page) -> int:
    """How many results the status line reports (the list itself shows the first ones)."""
    return int(page.inner_text("#search-status").split("Wyniki: ")[1].split()[0].rstrip(".,;"))


def test_filters_by_type_and_audience(page: Page, base_url: str) -> None:
    results(page, base_url, "klub")
    everything = _found(page)
    only_reports = results(page, base_url, "klub", "&type=report")
    assert only_reports and _found(page) < everything
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
    tiers = page.eval_on_selector_all(
        "#search-results > li",
        """items => {
            const tiers = [[]];
            items.forEach(i => {
                if (i.classList.contains('ksr-results__separator')) tiers.push([]);
                else if (i.classList.contains('ksr-result')) tiers[tiers.length - 1].push(!!i.querySelector('.ksr-status'));
            });
            return tiers;
        }""",
    )
    for statuses in tiers:
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


def test_a_pasted_page_is_searched_by_its_first_words(page: Page, base_url: str) -> None:
    pasted = "klub integracji " + " ".join(f"wyraz{chr(97 + i % 26)}{i}" for i in range(400))
    assert results(page, base_url, pasted)
    assert page.inner_text("#search-status").startswith("Wyniki:")
    shards = page.evaluate(
        "performance.getEntriesByType('resource').filter(r => r.name.includes('/i/t-')).length"
    )
    assert shards <= 12


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


def status_counts(page: Page) -> tuple[int, int]:
    """(all results, results with every word) from the status line."""
    text = page.inner_text("#search-status")
    numbers = [int(n) for n in text.replace("(", " ").replace(")", " ").split() if n.isdigit()]
    return numbers[0], numbers[1]


def test_every_word_first_then_a_separator(page: Page, base_url: str) -> None:
    results(page, base_url, "osrodek pomocy")
    total, every = status_counts(page)
    assert 0 < every < total
    while page.locator("#search-results .ksr-results__separator").count() == 0:
        shown = page.locator("#search-results li.ksr-result").count()
        page.click("#search-results .ksr-results__more button")
        page.wait_for_function(
            f"() => document.querySelectorAll('#search-results li.ksr-result').length > {shown}"
        )
    items = page.eval_on_selector_all("#search-results > li", "ls => ls.map(l => l.className)")
    assert items.index("ksr-results__separator") == every
    assert "tylko część" in page.inner_text("#search-results li.ksr-results__separator")


def test_a_typo_is_corrected_and_offered(page: Page, base_url: str) -> None:
    assert results(page, base_url, "wolontraiat")
    assert page.inner_text("#search-suggestion") == "Czy chodziło o wolontariat?"
    page.click("#search-suggestion a")
    page.wait_for_function("() => document.querySelector('#ksr-q').value === 'wolontariat'")
    page.wait_for_selector('#search-results[aria-busy="false"]')
    assert page.locator("#search-suggestion").count() == 0
    assert "q=wolontariat" in page.url
    assert results(page, base_url, "wolontariat") and page.locator("#search-suggestion").count() == 0


def test_abbreviation_finds_the_expansion_and_a_glossary_entry(page: Page, base_url: str) -> None:
    hrefs = results(page, base_url, "IPZS")
    assert hrefs[0].endswith("slownik/#ipzs") or any(h.endswith("slownik/#ipzs") for h in hrefs[:3])
    entry = page.locator("#search-results li.ksr-result--glossary").first
    assert "indywidualny program zatrudnienia socjalnego" in entry.inner_text()
    expanded = results(page, base_url, "indywidualny program zatrudnienia socjalnego")
    assert set(hrefs) & set(expanded) and len(set(expanded)) >= 3
    marks = page.locator("#search-results mark").all_inner_texts()
    assert "IPZS" in marks, "the abbreviation is marked as a match of its expansion"


def test_glossary_anchor_is_the_slug_of_the_term(page: Page, base_url: str) -> None:
    hrefs = results(page, base_url, "kontrakt socjalny")
    glossary = [h for h in hrefs if "slownik/#" in h]
    assert glossary and glossary[0].endswith("slownik/#kontrakt-socjalny")
    page.goto(urljoin(page.url, glossary[0]))
    assert page.locator("#kontrakt-socjalny").count() == 1


def test_a_whole_goes_before_its_parts_that_match_alike(page: Page, base_url: str) -> None:
    """The programme is cited by its eight modules (each names it): it leads its modules."""
    ids = [h.rstrip("/").rsplit("/", 1)[-1] for h in results(page, base_url, "program ZRAR moduły")]
    assert ids[0] == "prog-zrar", ids[:3]
    assert "zrar-m08" in ids[:3]


def test_result_dates_are_polish_without_the_sites_script(page: Page, base_url: str) -> None:
    # The build writes the date: results shown before ksr.js has loaded (or without it) agree.
    page.route("**/ksr.js", lambda route: route.abort())
    results(page, base_url, "pakt")
    dates = page.locator("#search-results time.ksr-result__date")
    assert dates.count() > 3
    for time in dates.all():
        assert re.fullmatch(r"\d{1,2} [a-zęóąśłżźćń]+ \d{4}", time.inner_text()), time.get_attribute("datetime")


def test_title_words_are_marked(page: Page, base_url: str) -> None:
    results(page, base_url, "sprawozdanie klubu")
    title = page.locator("#search-results .ksr-result__title").first
    assert {m.lower() for m in title.locator("mark").all_inner_texts()} >= {"sprawozdanie", "klubu"}


def test_snippets_are_content_only(page: Page, base_url: str, demo_library: Library) -> None:
    results(page, base_url, "wolontariuszami")
    page.wait_for_selector("#search-results li.ksr-result >> nth=0 >> mark")
    snippet = page.inner_text("#search-results li.ksr-result .ksr-result__snippet >> nth=0")
    sport = next(d for d in normalise_library(demo_library) if d.id == "EKS-SPORT")
    text = " ".join(f"{sport.doc.summary} {sport.body.text}".split())
    assert " ".join(snippet.strip("… ").split()) in text


def test_the_opened_page_marks_the_words(page: Page, base_url: str) -> None:
    results(page, base_url, "wolontariuszami")
    page.click("#search-results a.ksr-result__link >> nth=0")
    page.wait_for_url("**/dokumenty/eks-sport/")
    page.wait_for_selector("article mark.ksr-highlight")
    marks = page.locator("article mark.ksr-highlight").all_inner_texts()
    assert marks and all(m.lower().startswith("wolontariusz") for m in marks)
    page.reload()
    assert page.locator("mark.ksr-highlight").count() == 0, (
        "the marks are for the visit from the results only"
    )


ATTACHMENT = AttachmentText(
    file="ankieta.pdf",
    title="Ankieta dla gmin",
    url="dokumenty/rap-x/ankieta.pdf",
    pages=(
        "Pierwsza strona ankiety o współpracy.",
        "Na drugiej stronie: żeglarstwo i kajakarstwo dla uczestników.",
    ),
)


def record(ref: str, title: str) -> SearchRecord:
    return SearchRecord(
        ref=ref, title=title, type="report", type_label="Raport", audience=["public"],
        audience_labels=["Czytelnicy"], date="2019-01-01", status="published",
        url=f"dokumenty/{ref.lower()}/", summary=f"Streszczenie: {title}.", ids=[ref], tags=[],
    )  # fmt: skip


def hand_made_site(demo_site: Path, site: Path, sources: list[SearchSource]) -> Path:
    """The demo search page and assets in `site`, over an index of `sources` alone."""
    shutil.copytree(
        demo_site / SEARCH_DIR, site / SEARCH_DIR, ignore=shutil.ignore_patterns("i", "index.json")
    )
    shutil.copytree(demo_site / "assets", site / "assets")
    write_search_bundle(site / SEARCH_DIR, sources)
    page = site / SEARCH_DIR / "index.html"
    manifest = (site / SEARCH_DIR / "index.json").read_bytes()
    page.write_text(embed_manifest(page.read_text(encoding="utf-8"), manifest), encoding="utf-8")
    return site


@pytest.fixture(scope="module")
def attachment_site(demo_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo search page over a hand-made index whose one document has a PDF attachment."""
    sources = [
        SearchSource(record("RAP-X", "Ankieta gmin"), "Treść raportu o współpracy gmin.", (ATTACHMENT,)),
        SearchSource(record("RAP-Y", "Sport w klubach"), "Kajakarstwo w treści innego raportu."),
    ]
    with serve(hand_made_site(demo_site, tmp_path_factory.mktemp("attachments"), sources)) as url:
        yield url


SPORTS = ("kajakarstwo", "żeglarstwo", "wioślarstwo")


@pytest.fixture(scope="module")
def many_matches_site(demo_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Sixty reports over one index: the n-th names the first n % 3 + 1 of `SPORTS` once."""
    sources = [
        SearchSource(record(f"RAP-{n:02}", f"Raport {n:02}"), " ".join(SPORTS[: n % 3 + 1]) + " w klubie.")
        for n in range(60)
    ]
    with serve(hand_made_site(demo_site, tmp_path_factory.mktemp("many"), sources)) as url:
        yield url


def test_results_shown_page_by_page_keep_the_full_order(page: Page, many_matches_site: str) -> None:
    # More results than the first page sorts: the rest are sorted once more are shown.
    first = results(page, many_matches_site, " ".join(SPORTS))
    assert len(first) == 10 and status_counts(page) == (60, 20)
    while (shown := page.locator("#search-results li.ksr-result").count()) < 60:
        page.click("#search-results .ksr-results__more button")
        page.wait_for_function(f"() => document.querySelectorAll('#search-results li.ksr-result').length > {shown}")
    hrefs = page.eval_on_selector_all("#search-results a.ksr-result__link", "links => links.map(a => a.getAttribute('href'))")
    by_words = sorted(range(60), key=lambda n: (-(n % 3), n))
    assert hrefs == [f"../dokumenty/rap-{n:02}/" for n in by_words]


def test_a_match_in_an_attachment_links_to_its_page(page: Page, attachment_site: str) -> None:
    assert results(page, attachment_site, "żeglarstwo") == ["../dokumenty/rap-x/"]
    item = page.locator("#search-results li.ksr-result").first
    page.wait_for_selector("#search-results .ksr-result__attachment")
    note = item.locator(".ksr-result__attachment")
    assert note.inner_text() == "W załączniku: Ankieta dla gmin (s. 2)"
    assert note.locator("a").get_attribute("href") == "../dokumenty/rap-x/ankieta.pdf#page=2"
    assert item.locator(".ksr-result__snippet mark").all_inner_texts() == ["żeglarstwo"]
    both = results(page, attachment_site, "kajakarstwo")
    assert both == ["../dokumenty/rap-y/", "../dokumenty/rap-x/"], "the body weighs more than an attachment"


@pytest.fixture(scope="module")
def built_with_a_pdf(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real build of a library whose report attaches a two-page PDF with a phrase found nowhere else."""
    from tests.import_fixtures import make_pdf

    from conftest import REK
    from ksr_library.building import build_site
    from ksr_library.project import find_project

    from .support import copy_project

    folder = tmp_path_factory.mktemp("pdf-library")
    pdf = make_pdf(
        folder / "ankieta.pdf",
        [[("Ankieta o współpracy gmin", 14), ("Pytania o usługi klubów.", 10)],
         [("Wyniki ankiety", 14), ("Najczęściej wskazywano szybownictwo i modelarstwo.", 10)]],
    )  # fmt: skip
    report = REK.format(id="RAP-PDF", title="Raport z ankiety", body="Treść raportu o gminach.\n")
    report = report.replace("theme: finansowanie", "theme: finansowanie\nattachments:\n  - {file: ankieta.pdf, title: Ankieta dla gmin}")
    library = {"r/RAP-PDF.md": report, "r/ankieta.pdf": pdf.read_bytes(), "r/REK-02.md": REK.format(id="REK-02", title="Inna", body="Inna treść.\n")}
    project = copy_project(folder / "project", library)
    config = project / "mkdocs.yml"
    known = "        known_inaccessible:\n          - dokumenty/rap-pdf/pliki/ankieta.pdf  # a test PDF: untagged\n"
    config.write_text(config.read_text(encoding="utf-8").replace("        known_inaccessible:\n", known), encoding="utf-8")
    with serve(build_site(find_project(project), quiet=True).site_dir) as url:
        yield url


def test_a_phrase_only_in_an_attached_pdf_finds_its_document_and_page(page: Page, built_with_a_pdf: str) -> None:
    assert results(page, built_with_a_pdf, "szybownictwo") == ["../dokumenty/rap-pdf/"]
    item = page.locator("#search-results li.ksr-result").first
    page.wait_for_selector("#search-results .ksr-result__attachment")
    note = item.locator(".ksr-result__attachment")
    assert note.inner_text() == "W załączniku: Ankieta dla gmin (s. 2)"
    assert note.locator("a").get_attribute("href") == "../dokumenty/rap-pdf/pliki/ankieta.pdf#page=2"
    assert "szybownictwo" in [m.lower() for m in item.locator(".ksr-result__snippet mark").all_inner_texts()]
