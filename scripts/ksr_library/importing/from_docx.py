"""DOCX reader: a Word file as the document model, with python-docx.

Paragraphs and tables are read in document order. Styles decide headings (`Heading N`
becomes level N + 1, since the title is level 1) and the title (`Title`); Word
numbering decides lists: the level is the paragraph's `ilvl`, and the numbering
definition of that level says bullets or numbers. Inline pictures become
[`Figure`][ksr_library.importing.model.Figure] blocks after their paragraph.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import docx
from docx.document import Document as DocxDocument
from docx.table import Table as DocxTable
from docx.text.hyperlink import Hyperlink
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run
from lxml import etree

from ksr_library.importing.containers import open_package, reading
from ksr_library.importing.model import (
    Block,
    Extracted,
    Figure,
    FlatItem,
    Heading,
    Inline,
    Paragraph,
    Picture,
    Span,
    Table,
    joined,
    nest_items,
    office_properties,
    plain,
)
from ksr_library.importing.pictures import picture

KIND = "DOCX"
_NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
_DRAWINGS = etree.XPath(".//w:drawing", namespaces=_NS)
_ALT = etree.XPath(".//wp:docPr/@descr", namespaces=_NS)
_BLIPS = etree.XPath(".//a:blip/@r:embed", namespaces=_NS)
_ABSTRACT = etree.XPath("./w:abstractNum", namespaces=_NS)
_LEVELS = etree.XPath("./w:lvl", namespaces=_NS)
_FORMAT = etree.XPath("./w:numFmt/@w:val", namespaces=_NS)
_NUMS = etree.XPath("./w:num", namespaces=_NS)
_ABSTRACT_ID = etree.XPath("./w:abstractNumId/@w:val", namespaces=_NS)


def read_docx(name: str, data: bytes) -> Extracted:
    """Read a Word file.

    Args:
        name: The file name, for messages.
        data: The file's bytes.

    Raises:
        UnreadableFileError: Not a readable Word file.
    """
    open_package(name, data, KIND).close()
    with reading(name, KIND):
        document = docx.Document(io.BytesIO(data))
        reader = _Reader(document)
        blocks = tuple(reader.blocks())
        properties = office_properties(document.core_properties, reader.title)
    return Extracted(properties, blocks, tuple(reader.pictures), tuple(reader.notes))


@dataclass
class _Reader:
    """Walks one document, collecting pictures and notes as it goes."""

    document: DocxDocument
    title: str = ""

    def __post_init__(self) -> None:
        self.pictures: list[Picture] = []
        self.notes: list[str] = []
        self._formats = _numbering_formats(self.document)

    def blocks(self) -> Iterator[Block]:
        pending: list[FlatItem] = []
        for part in self.document.iter_inner_content():
            if isinstance(part, DocxTable):
                yield from _flush(pending)
                yield from self._table(part)
                continue
            item = self._list_item(part)
            if item is None:
                yield from _flush(pending)
                yield from self._paragraph(part)
                continue
            pending.append(item)
            if figures := list(self._figures(part)):
                yield from _flush(pending)
                yield from figures
        yield from _flush(pending)

    def _paragraph(self, paragraph: DocxParagraph) -> Iterator[Block]:
        spans = self._spans(paragraph)
        style = paragraph.style.name if paragraph.style is not None else ""
        if style == "Title" and not self.title:
            self.title = plain(spans).strip()
        elif style.startswith("Heading") and style[8:].isdigit():
            yield Heading(int(style[8:]) + 1, spans)
        elif plain(spans).strip():
            yield Paragraph(spans)
        yield from self._figures(paragraph)

    def _list_item(self, paragraph: DocxParagraph) -> FlatItem | None:
        level_and_id = _numbering(paragraph)
        if level_and_id is None:
            return None
        level, num_id = level_and_id
        style = paragraph.style.name if paragraph.style is not None else ""
        if style.startswith("List") and style[-1:].isdigit():
            level = max(level, int(style[-1]) - 1)
        return FlatItem(
            level, self._formats.get((num_id, level), "bullet") != "bullet", self._spans(paragraph)
        )

    def _spans(self, paragraph: DocxParagraph) -> Inline:
        spans: list[Span] = []
        for part in paragraph.iter_inner_content():
            if isinstance(part, Hyperlink):
                spans.extend(_span(run, part.address or None) for run in part.runs)
            else:
                spans.append(_span(part, None))
        return tuple(spans)

    def _figures(self, paragraph: DocxParagraph) -> Iterator[Figure]:
        element: Any = paragraph._p  # pictures are only reachable in the XML
        for drawing in _DRAWINGS(element):
            alt = "".join(_ALT(drawing)).strip()
            for rel_id in _BLIPS(drawing):
                part = self.document.part.related_parts.get(rel_id)
                found = picture(part.blob) if part is not None else None
                if found is None:
                    self.notes.append(
                        f"a picture ({alt or rel_id}) is in a format the site cannot show: add it by hand"
                    )
                    continue
                self.pictures.append(found)
                yield Figure(len(self.pictures) - 1, alt)

    def _table(self, table: DocxTable) -> Iterator[Table]:
        rows: list[tuple[Inline, ...]] = []
        for row in table.rows:
            cells: list[Inline] = []
            previous: object = None
            for cell in row.cells:
                merged = cell._tc is previous  # a merged cell repeats its element
                previous = cell._tc
                cells.append(() if merged else joined(map(self._spans, cell.paragraphs)))
            rows.append(tuple(cells))
        yield Table(tuple(rows))


def _span(run: Run, link: str | None) -> Span:
    style_font = run.style.font if run.style is not None else None
    bold = bool(run.bold) or (run.bold is None and style_font is not None and bool(style_font.bold))
    italic = bool(run.italic) or (run.italic is None and style_font is not None and bool(style_font.italic))
    return Span(run.text, bold, italic, link)


def _flush(pending: list[FlatItem]) -> Iterator[Block]:
    yield from nest_items(pending)
    pending.clear()


def _numbering(paragraph: DocxParagraph) -> tuple[int, str] | None:
    """The list level and numbering id of a paragraph, from itself or its style."""
    candidates: list[Any] = [paragraph._p.pPr]
    style: Any = paragraph.style
    while style is not None:
        candidates.append(style.element.pPr)
        style = style.base_style
    for ppr in candidates:
        num_pr = ppr.numPr if ppr is not None else None
        if num_pr is not None and num_pr.numId is not None and num_pr.numId.val != 0:
            level = num_pr.ilvl.val if num_pr.ilvl is not None else 0
            return int(level), str(num_pr.numId.val)
    return None


def _numbering_formats(document: DocxDocument) -> dict[tuple[str, int], str]:
    """The number format (`bullet`, `decimal`, …) of every numbering id and level."""
    try:
        numbering: Any = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return {}
    abstract = {
        str(node.get(_w("abstractNumId"))): {
            int(lvl.get(_w("ilvl"))): "".join(_FORMAT(lvl)) or "decimal" for lvl in _LEVELS(node)
        }
        for node in _ABSTRACT(numbering)
    }
    formats: dict[tuple[str, int], str] = {}
    for num in _NUMS(numbering):
        levels = abstract.get("".join(_ABSTRACT_ID(num)), {})
        for level, fmt in levels.items():
            formats[(str(num.get(_w("numId"))), level)] = fmt
    return formats


def _w(name: str) -> str:
    return f"{{{_NS['w']}}}{name}"
