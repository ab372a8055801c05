"""Links: heading slugs, `[[ID]]` references, URLs of pages, and the old body scanning.

The renderer (`ksr_library.rendering`) decides what a body's links, code and raw HTML are;
the regex scanning left here (code spans, references, raw HTML escaping) serves the old page
path until it goes.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

_POLISH = str.maketrans("ąćęłńóśźż", "acelnoszz")
_NON_WORD = re.compile(r"[\W_]+")


def slugify(value: str, separator: str = "-") -> str:
    """Slug of a heading as the format defines it.

    Lower case, Polish letters without diacritics, every run of characters that are not
    letters or digits turned into one separator, none at either end. Also usable as
    Python-Markdown's `toc` slugify function.

    Examples:
        >>> slugify("Zadania Zespołu Synergii Lokalnej")
        'zadania-zespolu-synergii-lokalnej'
    """
    return _NON_WORD.sub(separator, value.lower().translate(_POLISH)).strip(separator)


REF = re.compile(
    r"(?<!\\)\[\[(?P<id>[^\[\]|#\\\n]{1,100}?)(?:#(?P<slug>[^\[\]|\\\n]{1,200}?))?(?:\\?\|(?P<text>[^\[\]\n]{1,500}?))?\]\]"
)
"""A reference by id: `[[ID]]`, `[[ID|text]]`, `[[ID#slug]]` or `[[ID#slug|text]]`.

Inside a Markdown table, escape the bar, `[[ID\\|text]]`, so that it does not split the cell.
A backslash before it (`\\[[ID]]`) keeps it as text. No part may contain a bracket, and each
is bounded in length, so that finding every reference in a body takes linear time.
"""

@dataclass(frozen=True)
class Heading:
    """A heading of a document body."""

    level: int
    text: str
    slug: str
    line: int
    """1-based line within the body."""


DOCUMENTS_DIR = "dokumenty"
"""Folder of document pages in the site; a document's URL is `dokumenty/<id>/`."""
ATTACHMENTS_DIR = "pliki"
"""Folder of a document's attachments, inside its page's folder."""
PERMALINK_DIR = "r"
"""Folder of permalinks in the site: `r/<ID>/` redirects to the document."""


def document_url(doc_id: str) -> str:
    """URL of a document's page relative to the site root; depends only on the id."""
    return f"{DOCUMENTS_DIR}/{doc_id.lower()}/"


def attachment_url(doc_id: str, file: str) -> str:
    """URL of a document's attachment relative to the site root: `dokumenty/<id>/pliki/<name>`."""
    return f"{document_url(doc_id)}{ATTACHMENTS_DIR}/{posixpath.basename(file)}"


def permalink_url(doc_id: str) -> str:
    """The permalink of an id or former id, relative to the site root: `r/<ID>/`."""
    return f"{PERMALINK_DIR}/{doc_id}/"


def document_src(doc_id: str) -> str:
    """Source path of a document's generated page, relative to the docs folder."""
    return f"{document_url(doc_id)}index.md"


def relative_url(target: str, page_url: str) -> str:
    """The URL of a site-root-relative target as seen from a page (both from the site root).

    Examples:
        >>> relative_url("dokumenty/rek-07/", "dokumenty/map-01/")
        '../rek-07/'
        >>> relative_url("dokumenty/map-01/pliki/a.pdf", "dokumenty/map-01/")
        'pliki/a.pdf'
        >>> relative_url("dokumenty/", "dokumenty/map-01/index.html")
        '../'
        >>> relative_url("dokumenty/map-01/", "dokumenty/map-01/")
        './'
    """
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"
    # As posixpath.relpath, which also asks the system for the working folder on every call.
    to, start = _segments(target), _segments(base)
    common = 0
    for mine, theirs in zip(to, start, strict=False):
        if mine != theirs:
            break
        common += 1
    path = "/".join([".."] * (len(start) - common) + to[common:]) or "."
    return f"{path}/" if target.endswith("/") and not path.endswith("/") else path


def _segments(path: str) -> list[str]:
    """The segments of a site-root-relative path, normalised."""
    return [segment for segment in posixpath.normpath(path or ".").split("/") if segment not in {"", "."}]
