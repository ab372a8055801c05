"""Tabs: the public sections of the site, without the editors' section.

Material makes every top-level item of the navigation a tab. The editors' pages
(`docs/dla-redakcji/`) stay one section of the navigation, so they keep their sidebar,
breadcrumbs and previous/next links, but readers reach them from the footer of every
page, not from a tab among the public ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

EDITORS_DIR = "dla-redakcji/"
"""The folder of the editors' pages under `docs/` (the footer links its index)."""


@dataclass(frozen=True)
class Tabs:
    """What Material's `partials/tabs.html` reads of the navigation: its top-level items."""

    items: list[Any]


def public_tabs(nav: Navigation) -> Tabs:
    """The navigation's top-level items but the editors' section, for the tabs."""
    return Tabs([item for item in nav.items if not is_editors(item)])


def is_editors(item: Page | Section | Any) -> bool:  # noqa: ANN401 - a nav item (page, section or link)
    """Whether a navigation item is the editors' section (or one of its pages)."""
    if isinstance(item, Page):
        return item.file.src_uri.startswith(EDITORS_DIR)
    if isinstance(item, Section):
        return bool(item.children) and all(is_editors(child) for child in item.children)
    return False
