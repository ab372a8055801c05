"""The landing page of each audience, and the readers' pages by theme and by year."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ksr_library import navigation
from ksr_library.labels import AUDIENCE_DESCRIPTIONS, AUDIENCE_LABELS, AUDIENCE_SLUGS
from ksr_library.normalising import LibraryIndex
from ksr_library.pages.model import PageHead, SitePage, prefix_of
from ksr_library.pages.templating import render
from ksr_library.schema import Audience, DocType, ModuleDocument

READERS_GROUPS: dict[str, tuple[str, Callable[..., list[navigation.Group]]]] = {
    "tematy": ("Tematy", navigation.by_tag),
    "lata": ("Lata", navigation.by_year),
}
"""The readers' extra pages: folder under `czytelnicy/` → (title, grouping)."""


def audience_src(audience: Audience) -> str:
    """Where an audience's landing page stands among the docs files."""
    return f"{AUDIENCE_SLUGS[audience]}/index.md"


def audience_page(index: LibraryIndex, audience: Audience) -> SitePage:
    """The landing page of one audience."""
    src = audience_src(audience)
    entries = index.for_audience(audience)
    context: dict[str, Any] = {
        "audience": audience,
        "base": prefix_of(src),
        "entries": entries,
        "by_type": navigation.by_type(entries),
    }
    if audience is Audience.TRAINERS:
        paths = navigation.learning_paths(index, audience)
        on_paths = {m.id for p in paths for m in p.modules}
        context["paths"] = paths
        context["other_modules"] = [
            e for e in entries if isinstance(e.doc, ModuleDocument) and e.id not in on_paths
        ]
    if audience is Audience.ROPS:
        context["recommendations"] = navigation.recommendation_groups(entries)
        context["reports"] = navigation.by_region(e for e in entries if e.doc.type is DocType.REPORT)
    html, toc = render(f"landing-{audience.value}.html.j2", **context)
    label = AUDIENCE_LABELS[audience]
    head = PageHead(f"{label}: ścieżka w bibliotece", AUDIENCE_DESCRIPTIONS[audience])
    return SitePage(src, label, head, html, toc)


def readers_src(name: str) -> str:
    """Where one of the readers' extra pages (`tematy`, `lata`) stands among the docs files."""
    return f"{AUDIENCE_SLUGS[Audience.PUBLIC]}/{name}/index.md"


def readers_page(index: LibraryIndex, name: str) -> SitePage:
    """The readers' documents by theme (`tematy`) or by year (`lata`)."""
    title, grouping = READERS_GROUPS[name]
    src = readers_src(name)
    readers = index.for_audience(Audience.PUBLIC)
    groups = grouping(readers, index.topic) if grouping is navigation.by_tag else grouping(readers)
    html, toc = render("groups.html.j2", title=title, groups=groups, base=prefix_of(src))
    head = PageHead(f"Czytelnicy: {title.lower()}", f"Dokumenty dla czytelników według: {title.lower()}")
    return SitePage(src, title, head, html, toc)
