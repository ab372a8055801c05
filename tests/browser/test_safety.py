"""Hostile front matter and bodies in a separate mini-site: shown as text, never run."""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Browser, Dialog, Page

from ksr_library.links import slugify

from .support import TIMEOUT_MS, build_copy, meta, serve

pytestmark = pytest.mark.browser

TITLE = "<script>window.__pwned=1</script> Tytuł"
SUMMARY = '<img src=x onerror="window.__pwned=2"> streszczenie'
AUTHOR = '"><script>window.__pwned=3</script>'
BODY_SCRIPT = "<script>window.__pwned=4</script>"
"""In code: raw HTML outside code is a check error (tests/golden/check/attack-*.yml)."""
TAG = "próba bezpieczeństwa"
"""Tags must be lower-case words (the format rejects anything else), so this one is harmless."""
THEME = "<img src=x onerror=window.__pwned=6>"


def _yaml(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # JSON strings are YAML strings


LIBRARY = {
    "XSS-01.md": f"""---
id: XSS-01
title: {_yaml(TITLE)}
type: recommendation
audience: [public, trainers, rops]
version: "1.0"
date: 2019-05-01
summary: {_yaml(SUMMARY)}
authors: [{_yaml(AUTHOR)}]
tags: [{_yaml(TAG)}]
level: systemic
addressees: [{_yaml(AUTHOR)}]
theme: {_yaml(THEME)}
---
## Treść

Tekst `{BODY_SCRIPT}` dalej.

```
<img src=x onerror="window.__pwned=7">
```
""",
}
PAGES = {
    "document": "dokumenty/xss-01/",
    "catalogue": "katalog/",
    "facet": f"katalog/temat/{slugify(TAG)}/",
    "readers": "czytelnicy/",
    "rops": "rops/",
    "trainers": "trenerzy/",
    "home": "",
}


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve(build_copy(tmp_path_factory.mktemp("hostile"), LIBRARY)) as url:
        yield url


@pytest.fixture
def watched(browser: Browser) -> Iterator[tuple[Page, list[str]]]:
    """A page that records every dialog and script error (a sign that injected code ran)."""
    context = browser.new_context()
    context.set_default_timeout(TIMEOUT_MS)
    events: list[str] = []
    page = context.new_page()

    def on_dialog(dialog: Dialog) -> None:
        events.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda error: events.append(f"error: {error}"))
    try:
        yield page, events
    finally:
        context.close()


@pytest.mark.parametrize("name", list(PAGES))
def test_nothing_injected_runs(watched: tuple[Page, list[str]], hostile_url: str, name: str) -> None:
    page, events = watched
    response = page.goto(urljoin(hostile_url, PAGES[name]))
    assert response and response.status == 200
    page.wait_for_load_state("load")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert events == []
    if name != "home":
        assert TITLE in page.locator("article").inner_text()


def test_hostile_values_are_shown_literally(watched: tuple[Page, list[str]], hostile_url: str) -> None:
    page, events = watched
    page.goto(urljoin(hostile_url, PAGES["document"]))
    assert page.locator("article h1").inner_text() == TITLE
    assert page.title().startswith(TITLE + " – ")
    assert page.locator("head > title").text_content() == page.title()
    assert page.locator(".md-header__topic[data-md-component=header-topic]").inner_text() == TITLE
    assert page.locator(".ksr-summary").inner_text() == SUMMARY
    article = page.locator("article").inner_text()
    assert BODY_SCRIPT in article
    assert '<img src=x onerror="window.__pwned=7">' in article
    assert AUTHOR in page.locator("details.ksr-meta").inner_text()
    assert page.locator("a.ksr-tag").inner_text() == TAG
    assert page.locator("article img").count() == 0
    assert page.locator("article script").count() == 0

    assert meta(page, "citation_title") == [TITLE]
    assert meta(page, "citation_author") == [AUTHOR]
    assert meta(page, "dc.description") == [SUMMARY]
    assert meta(page, "description") == [SUMMARY]
    scripts = page.locator('script[type="application/ld+json"]').all_text_contents()
    assert len(scripts) == 1
    data = json.loads(scripts[0])
    assert data["name"] == TITLE
    assert data["description"] == SUMMARY
    assert data["author"] == [{"@type": "Person", "name": AUTHOR}]
    assert data["keywords"] == TAG
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert events == []


def test_hostile_theme_is_text_on_the_rops_page(watched: tuple[Page, list[str]], hostile_url: str) -> None:
    page, events = watched
    page.goto(urljoin(hostile_url, PAGES["rops"]))
    assert THEME in page.locator("article h3").all_inner_texts()
    assert page.locator("article img").count() == 0
    assert events == []
