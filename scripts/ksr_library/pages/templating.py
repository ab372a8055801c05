"""Templating: the Jinja2 environment of the generated pages, and tables of contents.

Templates (`templates/*.html.j2`) produce HTML with autoescape on, so every library value
is escaped wherever it lands; bodies arrive as sanitised HTML from the renderer. The table
of contents of a page is read back from its finished HTML with a real HTML parser, so
every section a template or a body adds is listed.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any, NamedTuple

import jinja2
from markupsafe import Markup

from ksr_library.labels import (
    AUDIENCE_DESCRIPTIONS,
    AUDIENCE_LABELS,
    AUDIENCE_SLUGS,
    LEVEL_LABELS,
    PRIORITY_LABELS,
    REGION_LABELS,
    STATUS_LABELS,
    TYPE_LABELS,
    TYPE_PLURALS,
    TYPE_SLUGS,
    hours_label,
    polish_date,
)
from ksr_library.links import document_url, permalink_url, slugify
from ksr_library.normalising import NormalisedDocument
from ksr_library.pages.model import TocToken
from ksr_library.schema import Audience, DocType, Status
from ksr_library.typography import nbsp


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
    """The Jinja2 environment of the page templates (autoescape on, undefined is an error).

    The templates ship with the package: a template is loaded once, never checked for changes
    (with `auto_reload`, each `include` would look at its file again).
    """
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("ksr_library", "templates"),
        auto_reload=False,
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


class _Toc:
    """Headings as a template writes them, in order; the body's own headings where it stands."""

    def __init__(self, body_toc: list[TocToken]) -> None:
        self.flat: list[tuple[int, str, str]] = []
        self.body_toc = body_toc

    def heading(self, level: int, text: str, ident: str | None = None) -> Markup:
        """Write a heading `h2` to `h6` with an id, and list it in the table of contents."""
        ident = ident or slugify(text)
        self.flat.append((level, ident, str(Markup.escape(text))))
        return Markup('<h{0} id="{1}">{2}</h{0}>').format(level, ident, text)

    def body(self, markup: Markup) -> Markup:
        """Place a rendered body; its headings join the table of contents here."""
        self.flat += _flatten(self.body_toc)
        return markup


def _flatten(tokens: list[TocToken]) -> list[tuple[int, str, str]]:
    found: list[tuple[int, str, str]] = []
    for token in tokens:
        found.append((token["level"], token["id"], token["name"]))
        found += _flatten(token["children"])
    return found


def nested(flat: list[tuple[int, str, str]]) -> list[TocToken]:
    """A table of contents from `(level, id, escaped name)` in page order, nested by level."""
    root: list[TocToken] = []
    stack: list[TocToken] = []
    for level, ident, name in flat:
        token: TocToken = {"level": level, "id": ident, "name": name, "children": []}
        while stack and stack[-1]["level"] >= level:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(token)
        stack.append(token)
    return root


def render(template: str, body_toc: list[TocToken] | None = None, **context: Any) -> tuple[str, list[TocToken]]:  # noqa: ANN401
    """Render one page template to HTML, with the table of contents of what it wrote.

    Polish typography (no-break spaces) is applied to the result. Templates write section headings with `heading(level, text, id)` and a document body
    with `body(markup)`, so every section (and each of the body's own headings, given as
    `body_toc`) is listed in page order.
    """
    toc = _Toc(body_toc or [])
    markup = environment().get_template(template).render(heading=toc.heading, body=toc.body, **context)
    return nbsp(markup), nested(toc.flat)
