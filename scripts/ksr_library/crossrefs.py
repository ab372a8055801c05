"""Cross-reference targets: what converting a hand-written page registers, kept for a preview.

Converting a page's Markdown registers its cross-reference targets as a side effect:
mkdocs-autorefs learns each anchor of the page (mkdocstrings adds one per documented
object, with its aliases and title), and mkdocstrings adds the objects to its inventory
(`objects.inv`) and remembers which handlers it used (their CSS goes into the site). A
live preview that reuses a page's HTML instead of converting it again must register the
same targets, or links to them break (a strict build stops with autorefs warnings).

[`recorded`][ksr_library.crossrefs.recorded] reads, right after a page was converted,
what was registered under the page's URL; [`replay`][ksr_library.crossrefs.replay]
registers it again, through the plugins' own registration methods, when the page's HTML
is reused. MkDocs makes new autorefs and mkdocstrings plugins for every rebuild, so what
they hold is always this rebuild's.
"""

from __future__ import annotations

import glob
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs_autorefs import AutorefsPlugin
from mkdocstrings import Handlers, MkdocstringsPlugin

if TYPE_CHECKING:
    from mkdocs.plugins import PluginCollection
    from mkdocs.structure.pages import Page

_DIRECTIVE = re.compile(r"^:::", re.MULTILINE)


@dataclass(frozen=True)
class Anchor:
    """One anchor registered with mkdocs-autorefs."""

    identifier: str
    """What links name (an object's path, a heading's id, or an alias of one)."""
    anchor: str
    """The anchor on the page, without `#`."""
    title: str | None
    """The link's tooltip, if any."""
    primary: bool
    """Whether the identifier is the anchor's own (`False` for an alias)."""


@dataclass(frozen=True)
class InventoryEntry:
    """One object in mkdocstrings' inventory (the arguments of `Inventory.register`)."""

    name: str
    domain: str
    role: str
    uri: str
    priority: int
    dispname: str


@dataclass(frozen=True)
class Registrations:
    """What converting one page registered."""

    anchors: tuple[Anchor, ...] = ()
    inventory: tuple[InventoryEntry, ...] = ()
    handlers: tuple[str, ...] = ()
    """The mkdocstrings handlers used so far in the build, if the page has directives (their CSS
    goes into the site)."""


def has_directives(markdown: str) -> bool:
    """Whether a page's Markdown has mkdocstrings directives (`::: identifier` lines)."""
    return _DIRECTIVE.search(markdown) is not None


def recorded(plugins: PluginCollection, page: Page) -> Registrations:
    """What is registered under a page's URL, read right after the page was converted.

    Args:
        plugins: The build's plugins (autorefs and mkdocstrings, where enabled).
        page: The page just converted.

    Returns:
        Its anchors (mkdocs-autorefs), inventory entries and the handlers used (mkdocstrings).
    """
    prefix = f"{page.url}#"
    anchors: list[Anchor] = []
    autorefs = _autorefs(plugins)
    if autorefs is not None:
        # mkdocs-autorefs offers registration only; what it registered is in these maps.
        titles: dict[str, str] = autorefs._title_map
        for primary, urls_by_id in ((True, autorefs._primary_url_map), (False, autorefs._secondary_url_map)):
            anchors += [
                Anchor(identifier, url.removeprefix(prefix), titles.get(url) if primary else None, primary)
                for identifier, urls in urls_by_id.items()
                for url in urls
                if url.startswith(prefix)
            ]
    handlers = _handlers(plugins)
    if handlers is None or not has_directives(page.markdown or ""):
        return Registrations(tuple(anchors))
    inventory = tuple(
        InventoryEntry(item.name, item.domain, item.role, item.uri, item.priority, item.dispname)
        for item in handlers.inventory.values()
        if item.uri.startswith(prefix)
    )
    return Registrations(tuple(anchors), inventory, tuple(h.name for h in handlers.seen_handlers))


def replay(plugins: PluginCollection, page: Page, registrations: Registrations) -> None:
    """Register again what converting a page registered, as if it had been converted now.

    Args:
        plugins: This build's plugins.
        page: The page whose kept HTML is reused.
        registrations: What converting it registered (see `recorded`).
    """
    autorefs = _autorefs(plugins)
    if autorefs is not None:
        for a in registrations.anchors:
            autorefs.register_anchor(page, a.identifier, a.anchor, title=a.title, primary=a.primary)
    handlers = _handlers(plugins)
    if handlers is None:
        return
    for name in registrations.handlers:
        handlers.get_handler(name)
    for e in registrations.inventory:
        handlers.inventory.register(e.name, e.domain, e.role, e.uri, e.priority, e.dispname)


def source_folders(plugins: PluginCollection, config_dir: Path) -> list[Path]:
    """The folders mkdocstrings' Python handler documents modules from, if the plugin is enabled.

    Its `paths` (glob patterns, relative to `mkdocs.yml`), or else the folder of `mkdocs.yml`.
    """
    found = plugins.get("mkdocstrings")
    if not isinstance(found, MkdocstringsPlugin) or not found.plugin_enabled:
        return []
    python = found.config.handlers.get("python") or {}
    patterns = [str(config_dir / path) for path in python.get("paths") or []]  # absolute ones stay
    folders = [Path(match) for pattern in patterns for match in glob.glob(pattern)]  # noqa: PTH207
    return folders or [config_dir]


def _autorefs(plugins: PluginCollection) -> AutorefsPlugin | None:
    found = plugins.get("autorefs")
    return found if isinstance(found, AutorefsPlugin) else None


def _handlers(plugins: PluginCollection) -> Handlers | None:
    """The handlers of this build's mkdocstrings (its `on_config` made them), if it is enabled."""
    found = plugins.get("mkdocstrings")
    return found.handlers if isinstance(found, MkdocstringsPlugin) and found.plugin_enabled else None
