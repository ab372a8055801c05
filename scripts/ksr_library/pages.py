"""Pages: the generated part of `docs/`, rendered from the normalised library.

Every page is a Markdown file with front matter for MkDocs. HTML parts are rendered with
Jinja2 templates (`templates/`) with autoescape on, so any front-matter value, wherever it
lands, is escaped. Head data (citation meta tags, JSON-LD, the `<title>` text) travels in
the page's front matter to `overrides/main.html`, which only prints it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import jinja2
import yaml
from markupsafe import Markup

from ksr_library import citation, navigation
from ksr_library.charts import dataset_chart
from ksr_library.checking import read_csv
from ksr_library.documents import Entry, Library
from ksr_library.glossary import abbreviations, explain_abbreviations
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
from ksr_library.links import document_src, document_url, permalink_url, slugify
from ksr_library.normalising import NormalisedDocument
from ksr_library.schema import Audience, DatasetDocument, DocType, Status

ATTACHMENTS_DIR = "pliki"
"""Sub-folder of a document's page folder holding its attachments."""
BIBTEX_FILE = "cytowanie.bib"
"""Name of a document's BibTeX file, next to its page."""


@dataclass(frozen=True)
class Page:
    """A generated page: where it goes under `docs/`, its front matter and its Markdown."""

    src: str
    """Path relative to the docs folder, e.g. `dokumenty/rek-07/index.md`."""
    meta: Mapping[str, Any]
    content: str
    slots: Mapping[str, str] = field(default_factory=dict)
    """Generated HTML kept out of Markdown: marker name → HTML, filled in after MkDocs."""

    def text(self, *, inline_slots: bool = False) -> str:
        """The file's text: YAML front matter, then the Markdown.

        With `inline_slots`, the slots' HTML stands in the Markdown itself, as raw HTML
        (used to give benchmark baselines exactly the same content).
        """
        meta = dict(self.meta)
        if self.slots and not inline_slots:
            # The slots' HTML is not in the source: a digest of it is, so that any change to
            # it changes the source too (MkDocs' dirty rebuilds look at sources only).
            digest = hashlib.sha256("\0".join(self.slots.values()).encode("utf-8")).hexdigest()[:16]
            meta["ksr_slots"] = digest
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True, width=10_000)
        content = self.content
        if inline_slots:
            for name, html in self.slots.items():
                content = content.replace(SLOT_MARKER.format(name), html, 1)
        return f"---\n{front}---\n\n{content}"


@dataclass(frozen=True)
class Asset:
    """A file copied or written next to the pages (attachment, CSV, BibTeX)."""

    src: str
    """Path relative to the docs folder."""
    source: Path | None = None
    """A library file to copy, or `None` when `data` holds the content."""
    data: bytes = b""


@dataclass
class SiteContent:
    """Everything the pipeline writes into the generated part of `docs/`."""

    pages: list[Page] = field(default_factory=list)
    assets: list[Asset] = field(default_factory=list)


def url_prefix(src: str) -> str:
    """Relative prefix from a page (by its source path) back to the site root."""
    folder = posixpath.dirname(src)
    return "../" * (folder.count("/") + 1) if folder else ""


class _Item(NamedTuple):
    doc_id: str
    title: str
    doc_type: DocType
    status: Status
    date: dt.date
    base: str
    show_type: bool


def doc_item(entry: Entry, base: str, show_type: bool = True) -> Markup:
    """One document as a list item: link, status, type, id and date (escaped)."""
    doc = entry.doc
    return _doc_item(_Item(doc.id, doc.title, doc.type, doc.status, doc.date, base, show_type))


@lru_cache(maxsize=65_536)
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


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The Jinja2 environment of the page templates (autoescape on)."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("ksr_library", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
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
        document_url=document_url,
        doc_item=doc_item,
        hours_label=hours_label,
        polish_date=polish_date,
        size_label=size_label,
        slugify=slugify,
        permalink_url=permalink_url,
    )
    env.filters["slot"] = _slot
    return env


SLOT_MARKER = "<!--ksr-slot:{}-->"
"""Where a slot's HTML goes; bodies cannot contain it (their raw HTML is escaped)."""


@jinja2.pass_context
def _slot(context: jinja2.runtime.Context, html: str) -> Markup:
    """Template filter: keep generated HTML out of Markdown, leaving a marker in its place.

    Python-Markdown and MkDocs parse raw HTML in page sources slowly; the HTML of panels
    and lists is ready as it is, so it goes into the page's slots and is put into the
    built page after MkDocs (`building.fill_slots`).
    """
    slots: dict[str, str] = context["slots"]
    name = f"s{len(slots)}"
    slots[name] = str(html).strip()
    return Markup("\n\n" + SLOT_MARKER.format(name) + "\n\n")


def render_page(src: str, meta: Mapping[str, Any], template: str, **context: Any) -> Page:  # noqa: ANN401
    """Render one page template into a page with its slots."""
    slots: dict[str, str] = {}
    content = environment().get_template(template).render(slots=slots, **context)
    return Page(src, meta, content, slots)


def _head_meta(title: str, description: str, extra: Iterable[tuple[str, str]] = ()) -> dict[str, Any]:
    """Head data for `overrides/main.html`; Material prints `description` as is, so it is escaped."""
    return {
        "ksr_title": title,
        "description": str(Markup.escape(description)),
        "ksr_meta": [list(pair) for pair in extra],
    }


def _escaped_title(title: str) -> str:
    """Titles go to Material's header as text; escape them once here."""
    return str(Markup.escape(title))


def document_page(
    item: NormalisedDocument, library: Library, site_url: str | None
) -> tuple[Page, list[Asset]]:
    """The page of one document, and the files that go next to it."""
    entry, doc = item.entry, item.doc
    src = document_src(doc.id)
    folder = posixpath.dirname(src)
    assets = [
        Asset(f"{folder}/{ATTACHMENTS_DIR}/{Path(a.file).name}", entry.folder / a.file)
        for a in doc.attachments
    ]
    attachments = [
        {
            "title": a.title,
            "name": Path(a.file).name,
            "format": Path(a.file).suffix.lstrip(".").upper() or "plik",
            "size": (entry.folder / a.file).stat().st_size,
        }
        for a in doc.attachments
    ]
    table = None
    chart = ""
    if isinstance(doc, DatasetDocument):
        rows = read_csv(entry.folder / doc.data)
        assets.append(Asset(f"{folder}/{ATTACHMENTS_DIR}/{Path(doc.data).name}", entry.folder / doc.data))
        table = {"header": rows[0], "rows": rows[1:], "file": Path(doc.data).name}
        chart = dataset_chart(rows, title=doc.title)
    cite = citation.for_document(doc, site_url)
    assets.append(Asset(f"{folder}/{BIBTEX_FILE}", data=cite.bibtex.encode("utf-8")))
    body = explain_abbreviations(item.body, abbreviations(library.glossary))
    page = render_page(
        src,
        {
            "title": _escaped_title(doc.title),
            **_head_meta(doc.title, doc.summary, cite.meta_tags),
            "ksr_jsonld": cite.jsonld,
            "ksr_id": doc.id,
        },
        "document.md.j2",
        doc=doc,
        entry=entry,
        base=url_prefix(src),
        body=Markup(body),
        position=navigation.module_position(library, entry),
        path=_programme_path(library, entry),
        related=[
            e for e in map(library.resolve, doc.related) if e is not None and library.is_published(e.doc.id)
        ],
        backlinks=library.backlinks.get(doc.id, ()),
        successor=library.resolve(doc.superseded_by) if doc.superseded_by else None,
        prerequisites=[library.resolve(p) for p in getattr(doc, "prerequisites", [])],
        attachments=attachments,
        attachments_dir=ATTACHMENTS_DIR,
        table=table,
        chart=Markup(chart),
        cite=cite,
        bibtex_file=BIBTEX_FILE,
    )
    return page, assets


def _programme_path(library: Library, entry: Entry) -> navigation.LearningPath | None:
    if entry.doc.type is not DocType.PROGRAMME:
        return None
    return navigation.LearningPath(entry, library.modules_of(entry.doc.id))


def audience_pages(library: Library) -> list[Page]:
    """The landing page of each audience (and the readers' theme and year pages)."""
    pages = []
    for audience in Audience:
        entries = navigation.for_audience(library, audience)
        slug = AUDIENCE_SLUGS[audience]
        src = f"{slug}/index.md"
        context: dict[str, Any] = {
            "audience": audience,
            "base": url_prefix(src),
            "entries": entries,
            "by_type": navigation.by_type(entries),
        }
        if audience is Audience.TRAINERS:
            context["paths"] = navigation.learning_paths(library, audience)
        if audience is Audience.ROPS:
            context["recommendations"] = navigation.recommendation_groups(entries)
            context["reports"] = navigation.by_region(e for e in entries if e.doc.type is DocType.REPORT)
        title = f"{AUDIENCE_LABELS[audience]}: ścieżka w bibliotece"
        meta = {"title": AUDIENCE_LABELS[audience], **_head_meta(title, AUDIENCE_DESCRIPTIONS[audience])}
        pages.append(render_page(src, meta, f"landing-{audience.value}.md.j2", **context))
    readers = navigation.for_audience(library, Audience.PUBLIC)
    for name, title, groups in (
        ("tematy", "Tematy", navigation.by_tag(readers)),
        ("lata", "Lata", navigation.by_year(readers)),
    ):
        src = f"czytelnicy/{name}/index.md"
        meta = {
            "title": title,
            **_head_meta(
                f"Czytelnicy: {title.lower()}", f"Dokumenty dla czytelników według: {title.lower()}"
            ),
        }
        pages.append(render_page(src, meta, "groups.md.j2", title=title, groups=groups, base=url_prefix(src)))
    return pages


CATALOGUE_DIR = "katalog"


def catalogue_pages(library: Library) -> list[Page]:
    """The catalogue with its filters, and a plain list page for every filter value."""
    entries = navigation.reading_order(library.published)
    facets = _facets(entries)
    src = f"{CATALOGUE_DIR}/index.md"
    pages = [
        render_page(
            src,
            {
                "title": "Katalog",
                **_head_meta("Katalog dokumentów", "Wszystkie dokumenty biblioteki z filtrami"),
            },
            "catalogue.md.j2",
            entries=entries,
            facets=facets,
            base=url_prefix(src),
        )
    ]
    for facet in facets:
        for value in facet["values"]:
            src = f"{CATALOGUE_DIR}/{facet['slug']}/{value['slug']}/index.md"
            title = f"{facet['title']}: {value['label']}"
            pages.append(
                render_page(
                    src,
                    {"title": _escaped_title(title), **_head_meta(title, f"Dokumenty: {title}")},
                    "facet.md.j2",
                    title=title,
                    entries=value["entries"],
                    base=url_prefix(src),
                )
            )
    return pages


def _facets(entries: list[Entry]) -> list[dict[str, Any]]:
    def values(groups: list[navigation.Group]) -> list[dict[str, Any]]:
        return [{"slug": g.slug, "label": g.title, "entries": g.entries} for g in groups]

    audiences = [
        navigation.Group(
            AUDIENCE_LABELS[a], AUDIENCE_SLUGS[a], tuple(e for e in entries if a in e.doc.audience)
        )
        for a in Audience
    ]
    types = [
        navigation.Group(TYPE_PLURALS[t], TYPE_SLUGS[t], tuple(e for e in entries if e.doc.type is t))
        for t in DocType
    ]
    return [
        {"key": "type", "slug": "typ", "title": "Typ", "values": values([g for g in types if g.entries])},
        {
            "key": "audience",
            "slug": "odbiorcy",
            "title": "Odbiorcy",
            "values": values([g for g in audiences if g.entries]),
        },
        {"key": "year", "slug": "rok", "title": "Rok", "values": values(navigation.by_year(entries))},
        {
            "key": "region",
            "slug": "region",
            "title": "Województwo",
            "values": values(navigation.by_region(entries)),
        },
        {"key": "tag", "slug": "temat", "title": "Temat", "values": values(navigation.by_tag(entries))},
    ]


def glossary_page(library: Library) -> Page:
    """The glossary page: every term with its expansion, definition and cross-references."""
    src = "slownik/index.md"
    terms = sorted(library.glossary, key=lambda g: g.term.casefold())
    return render_page(
        src,
        {
            "title": "Słownik",
            **_head_meta("Słownik pojęć i skrótów", "Pojęcia i skróty używane w bibliotece KSR"),
        },
        "glossary.md.j2",
        terms=terms,
        base=url_prefix(src),
    )


SEARCH_ASSETS = ("polish-analysis.js", "search.js")
"""Browser files of the search page, shipped from the package next to the page."""


def search_page() -> tuple[Page, list[Asset]]:
    """The search page (reads `?q=`), with the Polish analysis and the search app."""
    from importlib.resources import files

    from ksr_library.search_index import INDEX_FILE, SEARCH_DIR

    src = f"{SEARCH_DIR}/index.md"
    package = files("ksr_library") / "assets"
    assets = [
        Asset(f"{SEARCH_DIR}/{Path(name).name}", data=(package / name).read_bytes()) for name in SEARCH_ASSETS
    ]
    page = render_page(
        src,
        {"title": "Szukaj", **_head_meta("Szukaj w bibliotece", "Wyszukiwarka dokumentów biblioteki KSR")},
        "search.md.j2",
        base=url_prefix(src),
        index_file=INDEX_FILE,
    )
    return page, assets


def build_content(library: Library, documents: list[NormalisedDocument], site_url: str | None) -> SiteContent:
    """Every generated page and file of the site's `docs/` part."""
    content = SiteContent()
    for item in documents:
        page, assets = document_page(item, library, site_url)
        content.pages.append(page)
        content.assets.extend(assets)
    content.pages += audience_pages(library)
    content.pages += catalogue_pages(library)
    content.pages.append(glossary_page(library))
    page, assets = search_page()
    content.pages.append(page)
    content.assets.extend(assets)
    return content
