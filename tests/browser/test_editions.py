"""Editions in the browser: the reader sees which edition they are in and reaches the newer one."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from urllib.parse import urljoin

import pytest
from benchmarks.browser import serve_folder
from benchmarks.sandbox import copy_project
from playwright.sync_api import Page

from ksr_library.editions import export, release
from ksr_library.project import find_project
from test_editions import GIT_IDENTITY, LIBRARY

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Two editions of a small library, REK-01 renamed to REK-01A in the second, exported and served."""
    tmp = tmp_path_factory.mktemp("editions")
    root = copy_project(tmp / "project", LIBRARY)
    with pytest.MonkeyPatch.context() as env:
        for name, value in GIT_IDENTITY.items():
            env.setenv(name, value)
        for command in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "Library"]):
            subprocess.run(["git", *command], cwd=root, check=True, capture_output=True)
        project = find_project(root)
        release(project, "2019", title="Wydanie 2019", quiet=True)
        source = root / "library/rek/REK-01.md"
        text = source.read_text(encoding="utf-8")
        source.write_text(text.replace("id: REK-01\n", "id: REK-01A\naliases: [REK-01]\n"), encoding="utf-8")
        release(project, "2020", alias="latest", title="Wydanie 2020", quiet=True)
    export(project, tmp / "export")
    with serve_folder(tmp / "export") as url:
        yield url


def test_older_edition_points_to_the_same_document_in_the_newer(page: Page, exported: str) -> None:
    page.goto(urljoin(exported, "2019/dokumenty/rek-01/"))
    notice = page.locator(".ksr-edition-notice")
    notice.wait_for(state="visible")
    assert "nowsze wydanie" in notice.inner_text()
    assert "Wydanie 2019" in notice.inner_text()
    page.wait_for_function(
        "document.querySelector('a.ksr-newer-edition').href.endsWith('/2020/dokumenty/rek-01a/')"
    )
    page.click("a.ksr-newer-edition")
    page.wait_for_url(urljoin(exported, "2020/dokumenty/rek-01a/"))
    assert page.locator(".ksr-edition-notice").is_hidden()
    assert "Wydanie 2020" in page.locator(".md-version__current").inner_text()


def test_document_lists_its_other_editions(page: Page, exported: str) -> None:
    page.goto(urljoin(exported, "2020/dokumenty/rek-01a/"))
    box = page.locator("[data-ksr-editions]")
    box.wait_for(state="visible")
    assert "To wydanie: Wydanie 2020" in box.inner_text()
    assert box.locator("a").evaluate_all("links => links.map(a => a.href)") == [
        urljoin(exported, "2019/dokumenty/rek-01/")
    ]


def test_root_permalink_opens_the_newest_edition(page: Page, exported: str) -> None:
    page.goto(urljoin(exported, "r/REK-01/"))
    page.wait_for_url(urljoin(exported, "2020/dokumenty/rek-01a/"))
    assert "Pierwsza rekomendacja" in page.locator("h1").first.inner_text()
    page.goto(exported)
    page.wait_for_url(urljoin(exported, "2020/"))


def test_export_answers_a_missing_url_with_a_styled_404(page: Page, exported: str) -> None:
    page.goto(urljoin(exported, "nie/ma/takiej/strony/"))
    assert page.locator("h1").inner_text() == "Nie znaleziono strony (404)"
    assert page.eval_on_selector(".md-header", "e => getComputedStyle(e).position") == "sticky"
    assert page.locator("article form[role=search]").get_attribute("action") == "/2020/szukaj/"
    page.fill("#ksr-404-q", "rekomendacja")
    page.press("#ksr-404-q", "Enter")
    page.wait_for_url(urljoin(exported, "2020/szukaj/?q=rekomendacja"))


def test_a_root_permalink_in_any_case_reaches_the_document(page: Page, exported: str) -> None:
    page.goto(urljoin(exported, "r/rek-01a/"))
    page.wait_for_url(urljoin(exported, "2020/dokumenty/rek-01a/"))
