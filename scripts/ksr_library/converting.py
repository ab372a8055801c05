"""Converting ahead: a hand-written page with mkdocstrings directives, in a worker process.

The maintainers' API page is the slowest page of a build to convert (mkdocstrings loads
and renders the whole package) and MkDocs converts pages one by one. In a build the
plugin converts such a page in a forked worker from `on_files`, beside everything else,
exactly as MkDocs would (`on_pre_page`, `on_page_markdown`, `render`, `on_page_content`).
The worker sends back the page's HTML, table of contents and title, what converting it
registered with mkdocs-autorefs and mkdocstrings, and its log records; the build gives
MkDocs an empty source for the page, then puts the HTML in its place, registers the
targets again (`crossrefs.replay`) and logs the records, so that `--strict` counts
their warnings.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mkdocs.structure.pages import Page

from ksr_library.crossrefs import Registrations, has_directives, recorded, replay

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.plugins import PluginCollection
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.toc import TableOfContents

LOGGER = "mkdocs"
"""The logger tree whose records a worker sends back: MkDocs' and every plugin's."""


@dataclass(frozen=True)
class Converted:
    """A page converted in a worker: what the build puts in its place."""

    html: str
    toc: TableOfContents
    title: str | None
    anchors: set[str]
    registrations: Registrations
    records: tuple[logging.LogRecord, ...]


class _Keep(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        record.msg, record.args, record.exc_info = record.getMessage(), None, None
        self.records.append(record)


def convert(file: File, config: MkDocsConfig, files: Files) -> Converted:
    """In a worker: convert a hand-written page as MkDocs' build would, keeping what it logs.

    The worker's records are sent back instead of printed here.
    """
    logger = logging.getLogger(LOGGER)
    keep = _Keep()
    logger.handlers, logger.propagate = [keep], False
    page = config.plugins.on_pre_page(Page(None, file, config), config=config, files=files)
    page.read_source(config)
    assert page.markdown is not None
    page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
    page.render(config, files)
    assert page.content is not None
    html = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
    return as_converted(page, html or "", config.plugins, tuple(keep.records))


def as_converted(
    page: Page, html: str, plugins: PluginCollection, records: tuple[logging.LogRecord, ...] = ()
) -> Converted:
    """What converting a page gave, read right after it was converted: kept to put in place later."""
    anchors = set(page.present_anchor_ids or ())
    return Converted(html, page.toc, page._title_from_render, anchors, recorded(plugins, page), records)


def put_in_place(page: Page, converted: Converted, plugins: PluginCollection) -> str:
    """The page as if converted now: its table of contents, title and targets; its records logged.

    Returns:
        Its HTML, for `on_page_content` to return.
    """
    for record in converted.records:
        logging.getLogger(record.name).handle(record)
    page.toc, page._title_from_render = converted.toc, converted.title
    page.present_anchor_ids, page.links_to_anchors = converted.anchors, None
    replay(plugins, page, converted.registrations)
    return converted.html


def needs_converting_ahead(file: File) -> bool:
    """Whether a hand-written page is worth converting in a worker: it has mkdocstrings directives."""
    return file.is_documentation_page() and not file.generated_by and has_directives(file.content_string)
