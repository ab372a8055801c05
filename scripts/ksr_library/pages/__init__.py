"""Pages: every generated page and file of the site, planned from the library index.

[`plan_site`][ksr_library.pages.plan_site] lists what the site will hold (cheap: no page
is rendered yet); each planned page renders itself when MkDocs asks for it. Nothing here
knows MkDocs: the plugin turns the plan into MkDocs files, navigation and pages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from ksr_library.labels import AUDIENCE_LABELS
from ksr_library.links import document_src
from ksr_library.navigation import reading_order
from ksr_library.normalising import LibraryIndex
from ksr_library.pages.audiences import READERS_GROUPS, audience_page, audience_src, readers_page, readers_src
from ksr_library.pages.catalogue import CATALOGUE_SRC, Facet, catalogue_page, facet_page, facets
from ksr_library.pages.document import document_files, document_page
from ksr_library.pages.model import PageHead, SiteFile, SitePage, TocToken
from ksr_library.pages.reference import GLOSSARY_SRC, SEARCH_SRC, glossary_page, search_page
from ksr_library.pages.statement import STATEMENT_TITLE, Statement, statement_page
from ksr_library.permalinks import REDIRECT_SCRIPT, redirect_script
from ksr_library.schema import Audience

__all__ = ["PageHead", "PlannedPage", "SiteFile", "SitePage", "SitePlan", "TocToken", "plan_site"]


@dataclass(frozen=True)
class PlannedPage:
    """A page the site will have: where, under which title, and how to render it."""

    src_uri: str
    title: str
    render: Callable[[], SitePage] = field(compare=False, repr=False)


@dataclass(frozen=True)
class SitePlan:
    """Every generated page and file of a site."""

    index: LibraryIndex
    pages: dict[str, PlannedPage]
    """By `src_uri`, in a stable order."""
    files: list[SiteFile]
    facets: list[Facet]
    """The catalogue's facets (their value pages are among `pages`)."""
    statement: Statement | None = None
    """The accessibility statement, when the site has one."""

    def document_pages(self) -> list[PlannedPage]:
        """The documents' pages, sorted by id."""
        return [self.pages[document_src(item.id)] for item in self.index]


def plan_site(index: LibraryIndex, site_url: str | None, statement: Statement | None = None) -> SitePlan:
    """Plan the generated part of a site: its pages (not yet rendered) and files.

    With `statement`, the site has an accessibility statement page.
    """
    planned: list[PlannedPage] = [
        PlannedPage(document_src(item.id), item.doc.title, partial(document_page, index, item, site_url))
        for item in index
    ]
    planned += [
        PlannedPage(audience_src(a), AUDIENCE_LABELS[a], partial(audience_page, index, a)) for a in Audience
    ]
    planned += [
        PlannedPage(readers_src(name), title, partial(readers_page, index, name))
        for name, (title, _) in READERS_GROUPS.items()
    ]
    catalogue_facets = facets(reading_order(index), index.topic)
    planned.append(PlannedPage(CATALOGUE_SRC, "Wszystkie dokumenty", partial(catalogue_page, index)))
    planned += [
        PlannedPage(facet.src(value), value.title, partial(facet_page, facet, value))
        for facet in catalogue_facets
        for value in facet.values
    ]
    planned.append(PlannedPage(GLOSSARY_SRC, "Słownik", partial(glossary_page, index)))
    planned.append(PlannedPage(SEARCH_SRC, "Szukaj", search_page))
    if statement is not None:
        planned.append(PlannedPage(statement.src_uri, STATEMENT_TITLE, partial(statement_page, statement)))
    files = [f for item in index for f in document_files(item)]
    files.append(SiteFile(REDIRECT_SCRIPT, data=redirect_script()))
    return SitePlan(index, {p.src_uri: p for p in planned}, files, catalogue_facets, statement)
