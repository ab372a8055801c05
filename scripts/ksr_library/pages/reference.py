"""The glossary page and the search page."""

from __future__ import annotations

import re
from importlib.resources import files

from ksr_library.collation import polish_sorted
from ksr_library.normalising import LibraryIndex
from ksr_library.pages.model import PageHead, SitePage, prefix_of
from ksr_library.pages.templating import render
from ksr_library.search_index import INDEX_FILE, SEARCH_DIR, manifest_element

GLOSSARY_SRC = "slownik/index.md"
SEARCH_SRC = f"{SEARCH_DIR}/index.md"
SEARCH_SCRIPTS = ("polish-analysis.js", "search.js")
"""The search page's scripts (package assets), run inline from its head: nothing to wait for."""
RESULTS_EXPECTED = '<link rel="expect" href="#search-results" blocking="render">'
"""Holds the first paint until the results list is parsed (the theme's body comes before it)."""
_ENDS_SCRIPT = re.compile(r"</script|<!--", re.IGNORECASE)
_COMMENT_LINES = re.compile(r"^[ \t]*/\*.*?\*/[ \t]*\n", re.DOTALL | re.MULTILINE)


def glossary_page(index: LibraryIndex) -> SitePage:
    """Every glossary term with its expansion, definition and cross-references."""
    terms = polish_sorted(index.glossary, key=lambda g: g.term)
    html, toc = render("glossary.html.j2", terms=terms, base=prefix_of(GLOSSARY_SRC))
    head = PageHead("Słownik pojęć i skrótów", "Pojęcia i skróty używane w bibliotece KSR")
    return SitePage(GLOSSARY_SRC, "Słownik", head, html, toc)


def search_head() -> str:
    """The start of the search page's head: an expect link, the manifest's element, the scripts.

    They come before the theme's styles, so the query in the address is analysed and its
    shards requested while the styles still load; the build fills the manifest in. The page
    is first painted once the parser has reached the results list (`RESULTS_EXPECTED`):
    results found by then are painted with the page, not laid out again just after it.
    """
    package = files("ksr_library") / "assets"
    scripts = [inline_script(uncommented((package / name).read_text(encoding="utf-8"))) for name in SEARCH_SCRIPTS]
    inline = "".join(f'<script type="module" async>{script}</script>' for script in scripts)
    return RESULTS_EXPECTED + manifest_element() + inline


def uncommented(script: str) -> str:
    """One of our scripts without the block comments that fill whole lines.

    They are about a tenth of the search page, gzipped, on the way to its first results.
    Only comments that start a line and end one are dropped (how our scripts write them):
    nothing inside a statement, a string or a regular expression is touched.
    """
    return _COMMENT_LINES.sub("", script)


def inline_script(script: str) -> str:
    r"""A script's text made safe inside `<script>`: `</script` and `<!--` cannot end or hide it.

    They become `<\/script` and `<\x21--`, which mean the same in a string or a regular
    expression, and nothing in a comment.
    """
    return _ENDS_SCRIPT.sub(lambda match: match[0].replace("/", "\\/").replace("!", "\\x21"), script)


def search_page() -> SitePage:
    """The search page: it reads `?q=` and runs the prebuilt index in the browser."""
    html, toc = render("search.html.j2", base=prefix_of(SEARCH_SRC), index_file=INDEX_FILE)
    head = PageHead("Szukaj w bibliotece", "Wyszukiwarka dokumentów biblioteki KSR", first=search_head())
    return SitePage(SEARCH_SRC, "Szukaj", head, html, toc)
