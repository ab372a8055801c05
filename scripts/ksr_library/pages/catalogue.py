"""The catalogue of every document with its filters, and a plain page for every filter value."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ksr_library import navigation
from ksr_library.labels import AUDIENCE_LABELS, AUDIENCE_SLUGS, TYPE_PLURALS, TYPE_SLUGS
from ksr_library.normalising import LibraryIndex, NormalisedDocument
from ksr_library.pages.model import PageHead, SitePage, prefix_of
from ksr_library.pages.templating import render
from ksr_library.schema import Audience, DocType

CATALOGUE_DIR = "katalog"
CATALOGUE_SRC = f"{CATALOGUE_DIR}/index.md"


@dataclass(frozen=True)
class Facet:
    """One way to filter the catalogue, with its values."""

    key: str
    """The filter's name in the catalogue's form and rows (`data-<key>`)."""
    slug: str
    """The folder of its value pages under `katalog/`."""
    title: str
    values: tuple[navigation.Group, ...]

    def src(self, value: navigation.Group) -> str:
        """Where a value's page stands among the docs files."""
        return f"{CATALOGUE_DIR}/{self.slug}/{value.slug}/index.md"


def facets(entries: list[NormalisedDocument], topic: Callable[[str], str] = str) -> list[Facet]:
    """The catalogue's facets over a list of documents: type, audience, year, region, theme."""
    audiences = (
        navigation.Group(AUDIENCE_LABELS[a], AUDIENCE_SLUGS[a], tuple(e for e in entries if a in e.doc.audience))
        for a in Audience
    )
    types = (
        navigation.Group(TYPE_PLURALS[t], TYPE_SLUGS[t], tuple(e for e in entries if e.doc.type is t))
        for t in DocType
    )
    return [
        Facet("type", "typ", "Typ", tuple(g for g in types if g.entries)),
        Facet("audience", "odbiorcy", "Odbiorcy", tuple(g for g in audiences if g.entries)),
        Facet("year", "rok", "Rok", tuple(navigation.by_year(entries))),
        Facet("region", "region", "Województwo", tuple(navigation.by_region(entries))),
        Facet("tag", "temat", "Temat", tuple(navigation.by_tag(entries, topic))),
    ]


def catalogue_page(index: LibraryIndex) -> SitePage:
    """The catalogue: every document, with filters that also work as plain pages."""
    entries = navigation.reading_order(index)
    html, toc = render(
        "catalogue.html.j2", entries=entries, facets=facets(entries, index.topic), base=prefix_of(CATALOGUE_SRC)
    )
    head = PageHead("Katalog dokumentów", "Wszystkie dokumenty biblioteki z filtrami")
    return SitePage(CATALOGUE_SRC, "Wszystkie dokumenty", head, html, toc)


def facet_page(facet: Facet, value: navigation.Group) -> SitePage:
    """The plain list of the documents with one filter value."""
    src = facet.src(value)
    title = f"{facet.title}: {value.title}"
    html, toc = render("facet.html.j2", title=title, entries=value.entries, base=prefix_of(src))
    return SitePage(src, value.title, PageHead(title, f"Dokumenty: {title}"), html, toc)
