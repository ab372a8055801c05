"""DOCX reader: a Word file as the document model, with python-docx.

Paragraphs and tables are read in document order. Styles decide headings (`Heading N`,
or a style based on it, becomes level N + 1, since the title is level 1) and the title
(`Title`); Word numbering decides lists: the level is the paragraph's `ilvl`, and the
numbering definition of that level says bullets or numbers. Inline pictures become
[`Figure`][ksr_library.importing.model.Figure] blocks after their paragraph.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import docx
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
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
        self._styles = _style_table(self.document)

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
        style = self._style(paragraph)
        if style.name == "Title" and not self.title:
            self.title = plain(spans).strip()
        elif style.heading is not None:
            yield Heading(style.heading + 1, spans)
        elif plain(spans).strip():
            yield Paragraph(spans)
        yield from self._figures(paragraph)

    def _list_item(self, paragraph: DocxParagraph) -> FlatItem | None:
        style_info = self._style(paragraph)
        level_and_id = _numbering(paragraph._p.pPr) or style_info.numbering
        if level_and_id is None:
            return None
        level, num_id = level_and_id
        style = style_info.name
        if style.startswith("List") and style[-1:].isdigit():
            level = max(level, int(style[-1]) - 1)
        return FlatItem(
            level, self._formats.get((num_id, level), "bullet") != "bullet", self._spans(paragraph)
        )

    def _spans(self, paragraph: DocxParagraph) -> Inline:
        spans: list[Span] = []
        for part in paragraph.iter_inner_content():
            if isinstance(part, Hyperlink):
                spans.extend(self._span(run, part.address or None) for run in part.runs)
            else:
                spans.append(self._span(part, None))
        return tuple(spans)

    def _style(self, paragraph: DocxParagraph) -> _StyleInfo:
        return self._styles.get(paragraph._p.style) or self._styles[None]

    def _span(self, run: Run, link: str | None) -> Span:
        style = self._styles.get(run._r.style)
        bold = bool(run.bold) or (run.bold is None and style is not None and style.bold)
        italic = bool(run.italic) or (run.italic is None and style is not None and style.italic)
        return Span(run.text, bold, italic, link)

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


def _flush(pending: list[FlatItem]) -> Iterator[Block]:
    yield from nest_items(pending)
    pending.clear()


@dataclass(frozen=True)
class _StyleInfo:
    """What the reader needs of a style, looked up once (python-docx looks styles up slowly)."""

    name: str
    numbering: tuple[int, str] | None
    bold: bool
    italic: bool
    heading: int | None = None
    """The outline level (1 for `Heading 1`) of the style or the heading style it is based on."""


def _style_table(document: DocxDocument) -> dict[str | None, _StyleInfo]:
    """Every style by id, and the default paragraph style under `None`."""
    table: dict[str | None, _StyleInfo] = {None: _StyleInfo("", None, bold=False, italic=False)}
    for style in document.styles:
        chain: list[Any] = []
        current: Any = style
        while current is not None and len(chain) < 16:
            chain.append(current)
            current = getattr(current, "base_style", None)
        numbering = next((n for s in chain if (n := _numbering(s.element.pPr)) is not None), None)
        font = getattr(style, "font", None)
        info = _StyleInfo(
            style.name or "",
            numbering,
            bold=bool(font is not None and font.bold),
            italic=bool(font is not None and font.italic),
            heading=next((level for s in chain if (level := _heading_level(s.name or ""))), None),
        )
        table[style.style_id] = info
        if getattr(style.element, "default", False) and style.type == WD_STYLE_TYPE.PARAGRAPH:
            table[None] = info
    return table


def _heading_level(name: str) -> int | None:
    """1 to 9 for `Heading 1` … `Heading 9`, else `None`."""
    number = name.removeprefix("Heading ")
    return int(number) if number != name and number.isdigit() else None


def _numbering(properties: Any) -> tuple[int, str] | None:  # noqa: ANN401 - a w:pPr element or None
    """The list level and numbering id in paragraph properties."""
    num_pr = properties.numPr if properties is not None else None
    if num_pr is None or num_pr.numId is None or num_pr.numId.val == 0:
        return None
    level = num_pr.ilvl.val if num_pr.ilvl is not None else 0
    return int(level), str(num_pr.numId.val)


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
