"""The site's navigation tree for the generated pages, independent of MkDocs.

Documents live under the catalogue, one section per type (programmes as sections of
their own, with their modules in order; large groups split by year, large years by month), so that every page
has breadcrumbs, a highlighted tab and a left column of its neighbours. The catalogue's
value pages sit in a section of their own.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ksr_library.labels import MONTHS, TYPE_PLURALS
from ksr_library.links import document_src
from ksr_library.normalising import NormalisedDocument
from ksr_library.pages import SitePlan
from ksr_library.pages.catalogue import CATALOGUE_SRC
from ksr_library.schema import DocType

LARGE_GROUP = 30
"""A type with more documents than this is split by year, and such a year by month, so a
page's left column (and the theme's work on every page) stays short as the library grows."""
PROGRAMME_PAGE_TITLE = "Opis programu"


@dataclass(frozen=True)
class NavPage:
    """A page in the navigation."""

    src_uri: str
    title: str


@dataclass(frozen=True)
class NavSection:
    """A titled group of pages and sections."""

    title: str
    children: tuple[NavPage | NavSection, ...]


NavNode = NavPage | NavSection


def _pages(items: Iterable[NormalisedDocument]) -> tuple[NavNode, ...]:
    return tuple(NavPage(document_src(item.id), item.doc.title) for item in items)


def _split(
    items: list[NormalisedDocument],
    part: Callable[[dt.date], int],
    title: Callable[[int], str],
    inner: Callable[[list[NormalisedDocument]], tuple[NavNode, ...]],
) -> tuple[NavNode, ...]:
    """The pages, or, for a large group, sections by a part of their date (newest first)."""
    if len(items) <= LARGE_GROUP:
        return _pages(items)
    groups: dict[int, list[NormalisedDocument]] = defaultdict(list)
    for item in items:
        groups[part(item.doc.date)].append(item)
    return tuple(NavSection(title(key), inner(groups[key])) for key in sorted(groups, reverse=True))


def _by_month(items: list[NormalisedDocument]) -> tuple[NavNode, ...]:
    return _split(items, lambda date: date.month, lambda month: MONTHS[month - 1].capitalize(), _pages)


def _by_year(items: list[NormalisedDocument]) -> tuple[NavNode, ...]:
    return _split(items, lambda date: date.year, str, _by_month)


def _programmes(plan: SitePlan) -> tuple[NavNode, ...]:
    sections: list[NavNode] = []
    for programme in plan.index.of_type(DocType.PROGRAMME):
        first = NavPage(document_src(programme.id), PROGRAMME_PAGE_TITLE)
        sections.append(
            NavSection(programme.doc.title, (first, *_pages(plan.index.modules_of(programme.id))))
        )
    return tuple(sections)


def document_sections(plan: SitePlan) -> tuple[NavSection, ...]:
    """One section per document type that has documents, in the format's order of types."""
    sections = []
    for doc_type in DocType:
        if doc_type is DocType.MODULE:
            continue  # under their programme
        children = (
            _programmes(plan)
            if doc_type is DocType.PROGRAMME
            else _by_year(list(plan.index.of_type(doc_type)))
        )
        if children:
            sections.append(NavSection(TYPE_PLURALS[doc_type], children))
    return tuple(sections)


def facet_section(plan: SitePlan) -> NavSection:
    """The catalogue's value pages, one section per facet."""
    return NavSection(
        "Przeglądaj według",
        tuple(
            NavSection(facet.title, tuple(NavPage(facet.src(v), v.title) for v in facet.values))
            for facet in plan.facets
            if facet.values
        ),
    )


def catalogue_tree(plan: SitePlan, title: str) -> NavSection:
    """The catalogue's section: the whole list, the documents by type, the value pages."""
    every = NavPage(CATALOGUE_SRC, plan.pages[CATALOGUE_SRC].title)
    return NavSection(title, (every, *document_sections(plan), facet_section(plan)))


def pages_in(tree: Iterable[NavNode]) -> list[str]:
    """Every page of a tree, depth first."""
    found: list[str] = []
    for node in tree:
        if isinstance(node, NavPage):
            found.append(node.src_uri)
        else:
            found += pages_in(node.children)
    return found
