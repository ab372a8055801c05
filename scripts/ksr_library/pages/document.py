"""The page of one document: its panels around the rendered body, and the files beside it."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from ksr_library import citation, navigation
from ksr_library.charts import column_labels, dataset_chart
from ksr_library.datasets import DatasetView, dataset_view, read_csv
from ksr_library.links import ATTACHMENTS_DIR, document_src
from ksr_library.normalising import LibraryIndex, NormalisedDocument
from ksr_library.pages.model import PageHead, SiteFile, SitePage, prefix_of
from ksr_library.pages.templating import render
from ksr_library.schema import DatasetDocument, DocType, Document, ModuleDocument


@dataclass(frozen=True)
class CitationFile:
    """A citation export published next to a document's page."""

    name: str
    suffix: str
    label: str


CITATION_FILES = (
    CitationFile("cytowanie.bib", "bib", "BibTeX"),
    CitationFile("cytowanie.ris", "ris", "RIS"),
    CitationFile("cytowanie.json", "json", "CSL-JSON"),
)
"""The citation exports next to every document's page, in the order the page offers them."""


@dataclass(frozen=True)
class AttachmentView:
    """An attachment as the page lists it."""

    title: str
    href: str
    """Relative to the page."""
    format: str
    size: int


@dataclass(frozen=True)
class DatasetTable:
    """A dataset as its page shows it: a chart and the table, or (when large) a sampled chart."""

    file: str
    href: str
    header: list[str]
    """Column labels (the header mapped through the dataset's `columns`)."""
    view: DatasetView
    chart: Markup


@dataclass(frozen=True)
class DocumentPage:
    """Everything the document templates print, typed."""

    doc: Document
    base: str
    """Relative prefix from the page to the site root."""
    body: Markup
    """The sanitised body HTML."""
    position: navigation.Position | None
    learning_path: navigation.LearningPath | None
    prerequisites: tuple[NormalisedDocument, ...]
    related: tuple[NormalisedDocument, ...]
    backlinks: tuple[NormalisedDocument, ...]
    successor: NormalisedDocument | None
    """The document that supersedes this one, or replaces it (withdrawn)."""
    attachments: tuple[AttachmentView, ...]
    dataset: DatasetTable | None
    cite: citation.Citation
    topic: Callable[[str], str]
    """A tag's label."""
    citation_files: tuple[CitationFile, ...] = CITATION_FILES


def attachment_src(item: NormalisedDocument, file: str) -> str:
    """Where an attachment (or data file) of a document is published, among the docs files."""
    return f"{posixpath.dirname(document_src(item.id))}/{ATTACHMENTS_DIR}/{Path(file).name}"


def _attachments(item: NormalisedDocument) -> tuple[AttachmentView, ...]:
    return tuple(
        AttachmentView(
            title=a.title,
            href=f"{ATTACHMENTS_DIR}/{Path(a.file).name}",
            format=Path(a.file).suffix.lstrip(".").upper() or "plik",
            size=(item.folder / a.file).stat().st_size,
        )
        for a in item.doc.attachments
    )


def _dataset(item: NormalisedDocument) -> DatasetTable | None:
    doc = item.doc
    if not isinstance(doc, DatasetDocument):
        return None
    view = dataset_view(read_csv(item.folder / doc.data))
    chart = Markup(dataset_chart([view.header, *view.rows], title=doc.title, columns=doc.columns))
    name = Path(doc.data).name
    return DatasetTable(name, f"{ATTACHMENTS_DIR}/{name}", column_labels(view.header, doc.columns), view, chart)


def _learning_path(index: LibraryIndex, item: NormalisedDocument) -> navigation.LearningPath | None:
    if item.doc.type is not DocType.PROGRAMME:
        return None
    return navigation.LearningPath(item, index.modules_of(item.id))


def _successor(index: LibraryIndex, doc: Document) -> NormalisedDocument | None:
    name = doc.superseded_by or doc.replaced_by
    return index.get(name) if name else None


def document_context(index: LibraryIndex, item: NormalisedDocument, site_url: str | None) -> DocumentPage:
    """The typed context of a document's page."""
    doc = item.doc
    return DocumentPage(
        doc=doc,
        base=prefix_of(document_src(doc.id)),
        body=Markup(item.body.html),
        position=navigation.module_position(index, item),
        learning_path=_learning_path(index, item),
        prerequisites=index.linked(doc.prerequisites) if isinstance(doc, ModuleDocument) else (),
        related=index.linked(doc.related),
        backlinks=index.backlinks(doc.id),
        successor=_successor(index, doc),
        attachments=_attachments(item),
        dataset=_dataset(item),
        cite=citation.for_document(doc, site_url),
        topic=index.topic,
    )


def document_page(index: LibraryIndex, item: NormalisedDocument, site_url: str | None) -> SitePage:
    """The page of one document."""
    context = document_context(index, item, site_url)
    html, toc = render("document.html.j2", body_toc=item.body.toc, page=context)
    head = PageHead(item.doc.title, item.doc.summary, tuple(context.cite.meta_tags), context.cite.jsonld)
    src = document_src(item.id)
    texts = (context.cite.bibtex, context.cite.ris, context.cite.csl_json)
    folder = posixpath.dirname(src)
    exports = tuple(
        SiteFile(f"{folder}/{f.name}", data=t.encode("utf-8")) for f, t in zip(CITATION_FILES, texts, strict=True)
    )
    return SitePage(src, item.doc.title, head, html, toc, item.doc.date.isoformat(), exports)


def document_files(item: NormalisedDocument) -> list[SiteFile]:
    """The library's files published beside a document's page: its attachments and data file.

    Its citation exports are made with its page (`SitePage.files`).
    """
    doc = item.doc
    names = [a.file for a in doc.attachments]
    if isinstance(doc, DatasetDocument):
        names.append(doc.data)
    return [SiteFile(attachment_src(item, name), source=item.folder / name) for name in names]
