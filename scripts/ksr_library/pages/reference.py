"""The glossary page and the search page."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from ksr_library.collation import polish_sorted
from ksr_library.normalising import LibraryIndex
from ksr_library.pages.model import PageHead, SiteFile, SitePage, prefix_of
from ksr_library.pages.templating import render
from ksr_library.search_index import INDEX_FILE, SEARCH_DIR

GLOSSARY_SRC = "slownik/index.md"
SEARCH_SRC = f"{SEARCH_DIR}/index.md"
SEARCH_ASSETS = ("polish-analysis.js", "search.js")
"""Browser files of the search page, shipped from the package next to the page."""


def glossary_page(index: LibraryIndex) -> SitePage:
    """Every glossary term with its expansion, definition and cross-references."""
    terms = polish_sorted(index.glossary, key=lambda g: g.term)
    html, toc = render("glossary.html.j2", terms=terms, base=prefix_of(GLOSSARY_SRC))
    head = PageHead("Słownik pojęć i skrótów", "Pojęcia i skróty używane w bibliotece KSR")
    return SitePage(GLOSSARY_SRC, "Słownik", head, html, toc)


def search_page() -> SitePage:
    """The search page: it reads `?q=` and runs the prebuilt index in the browser."""
    html, toc = render(
        "search.html.j2",
        base=prefix_of(SEARCH_SRC),
        index_file=INDEX_FILE,
        scripts=[Path(name).name for name in SEARCH_ASSETS],
    )
    head = PageHead("Szukaj w bibliotece", "Wyszukiwarka dokumentów biblioteki KSR")
    return SitePage(SEARCH_SRC, "Szukaj", head, html, toc)


def search_files() -> list[SiteFile]:
    """The search page's scripts, from the package."""
    package = files("ksr_library") / "assets"
    return [
        SiteFile(f"{SEARCH_DIR}/{Path(name).name}", data=(package / name).read_bytes()) for name in SEARCH_ASSETS
    ]
