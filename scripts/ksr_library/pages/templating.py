"""Templating: the Jinja2 environment of the generated pages, and tables of contents.

Templates (`templates/*.html.j2`) produce HTML with autoescape on, so every library value
is escaped wherever it lands; bodies arrive as sanitised HTML from the renderer. The table
of contents of a page is read back from its finished HTML with a real HTML parser, so
every section a template or a body adds is listed.
"""

from __future__ import annotations

import datetime as dt
import html
from functools import lru_cache
from html.parser import HTMLParser
from typing import Any, NamedTuple

import jinja2
from markupsafe import Markup

from ksr_library.labels import (
    AUDIENCE_DESCRIPTIONS,
    AUDIENCE_LABELS,
    AUDIENCE_SLUGS,
    LEVEL_LABELS,
    MONTHS_GENITIVE,
    PRIORITY_LABELS,
    REGION_LABELS,
    STATUS_LABELS,
    TYPE_LABELS,
    TYPE_PLURALS,
    TYPE_SLUGS,
    hours_label,
)
from ksr_library.links import document_url, permalink_url, slugify
from ksr_library.normalising import NormalisedDocument
from ksr_library.pages.model import TocToken
from ksr_library.schema import Audience, DocType, Status


def polish_date(value: dt.date) -> str:
    """A date as Polish readers write it, e.g. `15 września 2019`."""
    return f"{value.day} {MONTHS_GENITIVE[value.month - 1]} {value.year}"


def size_label(size: int) -> str:
    """A file size in Polish notation, e.g. `12,3 kB`."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} kB".replace(".", ",")
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")


class _Item(NamedTuple):
    doc_id: str
    title: str
    doc_type: DocType
    status: Status
    date: dt.date
    base: str
    show_type: bool


def doc_item(item: NormalisedDocument, base: str, show_type: bool = True) -> Markup:
    """One document as a list item: link, status, type, id and date (escaped)."""
    doc = item.doc
    return _doc_item(_Item(doc.id, doc.title, doc.type, doc.status, doc.date, base, show_type))


@lru_cache(maxsize=4096)
def _doc_item(item: _Item) -> Markup:
    """The same document is listed on many pages; its item is rendered once per folder depth."""
    mark = Markup(' <span class="ksr-status ksr-status--{}">{}</span>').format(
        item.status.value, STATUS_LABELS[item.status]
    )
    kind = Markup("{} · ").format(TYPE_LABELS[item.doc_type]) if item.show_type else ""
    return Markup(
        '<li class="ksr-item" data-id="{id}"><a href="{base}{url}">{title}</a>{mark}<br>'
        '<span class="ksr-item__meta">{kind}{id} · {date}</span></li>'
    ).format(
        id=item.doc_id,
        base=item.base,
        url=document_url(item.doc_id),
        title=item.title,
        mark=mark if item.status is not Status.PUBLISHED else "",
        kind=kind,
        date=polish_date(item.date),
    )


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The Jinja2 environment of the page templates (autoescape on, undefined is an error)."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("ksr_library", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        TYPE_LABELS=TYPE_LABELS,
        TYPE_PLURALS=TYPE_PLURALS,
        TYPE_SLUGS=TYPE_SLUGS,
        AUDIENCE_LABELS=AUDIENCE_LABELS,
        AUDIENCE_SLUGS=AUDIENCE_SLUGS,
        AUDIENCE_DESCRIPTIONS=AUDIENCE_DESCRIPTIONS,
        STATUS_LABELS=STATUS_LABELS,
        LEVEL_LABELS=LEVEL_LABELS,
        PRIORITY_LABELS=PRIORITY_LABELS,
        REGION_LABELS=REGION_LABELS,
        Audience=Audience,
        DocType=DocType,
        Status=Status,
        document_url=document_url,
        doc_item=doc_item,
        hours_label=hours_label,
        polish_date=polish_date,
        size_label=size_label,
        slugify=slugify,
        permalink_url=permalink_url,
    )
    return env


def render(template: str, **context: Any) -> str:  # noqa: ANN401 - template contexts are free-form
    """Render one page template to HTML."""
    return environment().get_template(template).render(**context)


class _Headings(HTMLParser):
    """Collects `h2` to `h6` elements that carry an `id`, with their text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str, list[str]]] = []
        self._open: tuple[int, str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if len(tag) == 2 and tag[0] == "h" and tag[1] in "23456":
            ident = dict(attrs).get("id")
            if ident:
                self._open = (int(tag[1]), ident, [])

    def handle_endtag(self, tag: str) -> None:
        if self._open and tag == f"h{self._open[0]}":
            self.found.append(self._open)
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open:
            self._open[2].append(data)


def toc_of(markup: str) -> list[TocToken]:
    """The table of contents of a page's HTML: its `h2` to `h6` headings with ids, nested.

    Names are escaped HTML, as in Python-Markdown's `toc_tokens`.
    """
    parser = _Headings()
    parser.feed(markup)
    parser.close()
    root: list[TocToken] = []
    stack: list[TocToken] = []
    for level, ident, text in parser.found:
        name = html.escape(" ".join("".join(text).split()))  # themes print it as HTML, as Python-Markdown's
        token: TocToken = {"level": level, "id": ident, "name": name, "children": []}
        while stack and stack[-1]["level"] >= level:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(token)
        stack.append(token)
    return root
