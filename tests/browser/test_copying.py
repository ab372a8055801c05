"""Copy buttons and permalinks in any case, on small pages served by the test itself.

No site build is needed: Playwright answers every request of the made-up origin, so a test
states exactly which pages exist (and which ones are a 404 carrying the case script).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route

from ksr_library.labels import polish_date
from ksr_library.permalinks import case_redirect_script

from .support import ROOT, TIMEOUT_MS

pytestmark = pytest.mark.browser

ORIGIN = "https://ksr.test"
KSR_JS = (ROOT / "docs" / "assets" / "javascripts" / "ksr.js").read_text(encoding="utf-8")


@pytest.fixture
def site_context(browser: Browser) -> Iterator[BrowserContext]:
    """A context that may use the clipboard, as a reader's browser lets a page do on a click."""
    context = browser.new_context(locale="pl-PL")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=ORIGIN)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        yield context
    finally:
        context.close()


def test_the_case_script_can_be_inlined() -> None:
    script = case_redirect_script()
    assert "</" not in script and "window.location.replace" in script


def serve(page: Page, pages: dict[str, str]) -> None:
    """Answer `pages` by path; any other path gets a 404 page with the case script."""
    not_found = f"<!doctype html><title>404</title><script>{case_redirect_script()}</script><h1>Nie ma</h1>"

    def answer(route: Route) -> None:
        path = route.request.url.removeprefix(ORIGIN).split("?")[0].split("#")[0]
        if path in pages:
            route.fulfill(status=200, content_type="text/html", body=pages[path])
        elif path == "/assets/ksr.js":
            route.fulfill(status=200, content_type="text/javascript", body=KSR_JS)
        else:
            route.fulfill(status=404, content_type="text/html", body=not_found)

    page.route(f"{ORIGIN}/**", answer)


@pytest.mark.parametrize(
    ("asked", "landed"),
    [
        ("/r/rek-07/", "/r/REK-07/"),
        ("/2020/r/Rek-07/?a=1#cytowanie", "/2020/r/REK-07/?a=1#cytowanie"),
        ("/2020/r/rap-pom-2019/index.html", "/2020/r/RAP-POM-2019/"),
        ("/dokumenty/REK-07/", "/dokumenty/rek-07/"),
        ("/r/nope-1/", "/r/NOPE-1/"),
        ("/r/NOPE-1/", "/r/NOPE-1/"),
        ("/r/rek-07/extra/", "/r/rek-07/extra/"),
        ("/inne/rek-07/", "/inne/rek-07/"),
    ],
)
def test_permalinks_answer_in_any_letter_case(site_context: BrowserContext, asked: str, landed: str) -> None:
    page = site_context.new_page()
    live = {
        "/r/REK-07/": "REK-07",
        "/2020/r/REK-07/": "REK-07",
        "/2020/r/RAP-POM-2019/": "RAP",
        "/dokumenty/rek-07/": "rek",
    }
    serve(page, {path: f"<!doctype html><title>{name}</title><p>{name}</p>" for path, name in live.items()})
    page.goto(f"{ORIGIN}{asked}")
    page.wait_for_load_state()
    assert page.url == f"{ORIGIN}{landed}"


def document_page(edition: bool) -> str:
    marker = '<meta name="ksr:edition" content="2020">' if edition else ""
    return f"""<!doctype html><html lang="pl"><head><meta charset="utf-8">
<meta name="ksr:root" content="../../">{marker}<title>REK-07</title></head><body>
<dl><dt>Stały odnośnik</dt><dd><a class="ksr-permalink" data-ksr-id="REK-07" href="../../r/REK-07/">r/REK-07/</a>
<button type="button" data-copy-permalink hidden>Kopiuj odnośnik</button></dd></dl>
<section class="ksr-cite"><h2>Jak cytować</h2>
<p class="ksr-cite__text" data-ksr-citation="REK-07">Instytut Pracy i Spraw Socjalnych. <i>Rozszerzenie katalogu</i>
[online]. Wersja 1.1. Warszawa, 2019. Dostępny w: <span data-ksr-url>r/REK-07/</span>
[dostęp: <span data-ksr-accessed>data odczytu</span>]</p>
<button type="button" data-ksr-copy-citation hidden>Kopiuj cytowanie</button></section>
<script src="/assets/ksr.js"></script></body></html>"""


@pytest.mark.parametrize(("edition", "root"), [(False, "/2020/"), (True, "/")])
def test_copy_buttons_give_the_root_permalink_and_a_dated_citation(
    site_context: BrowserContext, edition: bool, root: str
) -> None:
    page = site_context.new_page()
    serve(page, {"/2020/dokumenty/rek-07/": document_page(edition)})
    page.goto(f"{ORIGIN}/2020/dokumenty/rek-07/")
    permalink = f"{ORIGIN}{root}r/REK-07/"
    today = polish_date(dt.date.today())

    page.get_by_role("button", name="Kopiuj odnośnik").click()
    page.get_by_role("status").filter(has_text="Skopiowano stały odnośnik.").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == permalink

    page.get_by_role("button", name="Kopiuj cytowanie").click()
    page.get_by_role("status").filter(has_text="Skopiowano cytowanie.").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == (
        "Instytut Pracy i Spraw Socjalnych. Rozszerzenie katalogu [online]. Wersja 1.1. Warszawa, 2019. "
        f"Dostępny w: {permalink} [dostęp: {today}]"
    )
    assert page.locator("[data-ksr-accessed]").text_content() == today
