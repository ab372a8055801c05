"""The accessibility statement page (deklaracja dostępności), from the plugin's configuration."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ksr_library.accessibility import AccessibilityConfig, PdfProblem, statement_html
from ksr_library.normalising import LibraryIndex
from ksr_library.pages.document import attachment_src
from ksr_library.pages.model import PageHead, SitePage

STATEMENT_TITLE = "Deklaracja dostępności"


@dataclass(frozen=True)
class Statement:
    """What the statement page and every page's footer and head need."""

    config: AccessibilityConfig
    url: str
    """The statement's absolute address (the `deklaracja-dostępności` meta tag's content)."""
    site_name: str
    site_url: str
    pdf_problems: tuple[PdfProblem, ...] = ()

    @property
    def src_uri(self) -> str:
        """Where the statement page stands among the docs files."""
        return f"{self.config.path.strip('/')}/index.md"


def pdf_attachments(index: LibraryIndex) -> Iterator[tuple[Path, str]]:
    """Every PDF attachment of the site: its file, and where it is published."""
    for item in index:
        for attachment in item.doc.attachments:
            if attachment.file.lower().endswith(".pdf"):
                yield item.folder / attachment.file, attachment_src(item, attachment.file)


def statement_page(statement: Statement) -> SitePage:
    """The statement page: every mandatory element with its id."""
    html = statement_html(
        statement.config,
        site_name=statement.site_name,
        site_url=statement.site_url,
        pdf_problems=statement.pdf_problems,
    )
    head = PageHead(STATEMENT_TITLE, f"Deklaracja dostępności serwisu {statement.site_name}")
    return SitePage(statement.src_uri, STATEMENT_TITLE, head, html)
