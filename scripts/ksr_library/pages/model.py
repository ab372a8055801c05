"""The page model: what one generated page of the site is, independent of MkDocs.

A [`SitePage`][ksr_library.pages.model.SitePage] is finished HTML for the page's
content area plus what the theme prints around it (head data, table of contents, date).
A [`SiteFile`][ksr_library.pages.model.SiteFile] is a file published next to the pages.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TocToken = dict[str, Any]
"""One heading as Python-Markdown's `toc_tokens` give it: level, id, name, children."""


@dataclass(frozen=True)
class PageHead:
    """What a page puts into `<head>`: plain text values, escaped by the theme."""

    title: str
    """The `<title>` text (the site name is added by the theme)."""
    description: str
    """The page's description (`<meta name="description">`)."""
    meta: tuple[tuple[str, str], ...] = ()
    """Further `<meta name content>` pairs, e.g. citation tags."""
    jsonld: str | None = None
    """schema.org JSON-LD, already safe inside a `<script>` element."""
    first: str = ""
    """Markup the page needs before the theme's styles in `<head>`: only ksr-library's own
    elements (the search page's manifest and scripts), never text from the library."""


@dataclass(frozen=True)
class SitePage:
    """One generated page, rendered."""

    src_uri: str
    """Where the page stands among the docs files, e.g. `dokumenty/rek-07/index.md`."""
    title: str
    """The page's title in the navigation and breadcrumbs (plain text)."""
    head: PageHead
    html: str
    """The content area's HTML: built from autoescaped templates and sanitised bodies."""
    toc: list[TocToken] = field(default_factory=list)
    """Every section of the page, for the theme's table of contents."""
    date: str | None = None
    """ISO date for the sitemap: a document's own date; `None` for the site's newest."""
    files: tuple[SiteFile, ...] = ()
    """Files made with the page and published beside it (a document's citation exports)."""


@dataclass(frozen=True)
class SiteFile:
    """A file published beside the pages: an attachment, a dataset, a citation file, a script."""

    src_uri: str
    """Where the file stands among the docs files, e.g. `dokumenty/rek-07/pliki/a.pdf`."""
    source: Path | None = None
    """A file to copy (from the library or the package), or `None` when `data` holds it."""
    data: bytes = b""


def url_of(src_uri: str) -> str:
    """The URL of a page from the site root, e.g. `dokumenty/rek-07/index.md` → `dokumenty/rek-07/`."""
    folder = posixpath.dirname(src_uri)
    return f"{folder}/" if folder else ""


def prefix_of(src_uri: str) -> str:
    """The relative prefix from a page back to the site root, e.g. `../../`."""
    folder = posixpath.dirname(src_uri)
    return "../" * (folder.count("/") + 1) if folder else ""
