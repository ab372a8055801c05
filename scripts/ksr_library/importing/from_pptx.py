"""PPTX reader: a slide deck as the document model, with python-pptx.

Each slide becomes a level-2 heading titled by the slide's title (`Slajd N` when it
has none), then its shapes top to bottom, left to right: bulleted paragraphs become
lists nested by paragraph level, other paragraphs stay paragraphs, tables become
tables, pictures become figures, groups are read inside. The speaker notes become a
quotation at the end of the slide's section. Dates, footers and slide numbers are left
out.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.shapes.group import GroupShape
from pptx.shapes.picture import Picture as PptxPicture
from pptx.text.text import TextFrame, _Paragraph

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
    Quote,
    Span,
    Table,
    clean_text,
    joined,
    nest_items,
    office_properties,
    plain,
)
from ksr_library.importing.pictures import picture

KIND = "PPTX"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_BULLETED_PLACEHOLDERS = {
    PP_PLACEHOLDER.BODY,
    PP_PLACEHOLDER.OBJECT,
    PP_PLACEHOLDER.VERTICAL_BODY,
    PP_PLACEHOLDER.VERTICAL_OBJECT,
}
_SKIPPED_PLACEHOLDERS = {
    PP_PLACEHOLDER.TITLE,
    PP_PLACEHOLDER.CENTER_TITLE,
    PP_PLACEHOLDER.VERTICAL_TITLE,
    PP_PLACEHOLDER.DATE,
    PP_PLACEHOLDER.FOOTER,
    PP_PLACEHOLDER.SLIDE_NUMBER,
    PP_PLACEHOLDER.HEADER,
}


def read_pptx(name: str, data: bytes) -> Extracted:
    """Read a slide deck.

    Args:
        name: The file name, for messages.
        data: The file's bytes.

    Raises:
        UnreadableFileError: Not a readable PowerPoint file.
    """
    open_package(name, data, KIND).close()
    with reading(name, KIND):
        deck = Presentation(io.BytesIO(data))
        reader = _Reader()
        blocks = tuple(
            block for number, slide in enumerate(deck.slides, 1) for block in reader.slide(number, slide)
        )
        properties = office_properties(deck.core_properties, reader.first_title)
    return Extracted(properties, blocks, tuple(reader.pictures), tuple(reader.notes))


@dataclass
class _Reader:
    first_title: str = ""

    def __post_init__(self) -> None:
        self.pictures: list[Picture] = []
        self.notes: list[str] = []

    def slide(self, number: int, slide: Any) -> Iterator[Block]:  # noqa: ANN401 - python-pptx slide
        title_shape = slide.shapes.title
        title = clean_text(title_shape.text_frame.text).strip() if title_shape is not None else ""
        self.first_title = self.first_title or title
        yield Heading(2, (Span(title or f"Slajd {number}"),))
        yield from self._shapes(slide.shapes, number)
        notes_frame = slide.notes_slide.notes_text_frame if slide.has_notes_slide else None
        if notes_frame is not None:
            paragraphs = tuple(
                Paragraph(s) for p in notes_frame.paragraphs if (s := _spans(p)) and plain(s).strip()
            )
            if paragraphs:
                yield Quote(paragraphs)

    def _shapes(self, shapes: Iterable[Any], number: int) -> Iterator[Block]:
        for shape in sorted(shapes, key=lambda s: (s.top or 0, s.left or 0)):
            kind = shape.placeholder_format.type if shape.is_placeholder else None
            if kind in _SKIPPED_PLACEHOLDERS:
                continue
            if isinstance(shape, GroupShape):
                yield from self._shapes(shape.shapes, number)
            elif isinstance(shape, PptxPicture):
                yield from self._picture(shape, number)
            elif getattr(shape, "has_table", False):
                yield _table(shape.table)
            elif getattr(shape, "has_chart", False):
                self.notes.append(
                    f"slide {number} has a chart: it was left out; attach it as a picture or a dataset"
                )
            elif shape.has_text_frame:
                yield from _text_frame(shape.text_frame, bulleted=kind in _BULLETED_PLACEHOLDERS)

    def _picture(self, shape: PptxPicture, number: int) -> Iterator[Block]:
        # the alt text is only in the XML
        alt = (shape._element._nvXxPr.cNvPr.get("descr") or "").strip()
        found = picture(shape.image.blob)
        if found is None:
            self.notes.append(
                f"slide {number} has a picture in a format the site cannot show: add it by hand"
            )
            return
        self.pictures.append(found)
        yield Figure(len(self.pictures) - 1, alt)


def _text_frame(frame: TextFrame, *, bulleted: bool) -> Iterator[Block]:
    pending: list[FlatItem] = []
    for paragraph in frame.paragraphs:
        spans = _spans(paragraph)
        if not plain(spans).strip():
            continue
        bullet = _bullet(paragraph, bulleted=bulleted)
        if bullet is None:
            yield from nest_items(pending)
            pending.clear()
            yield Paragraph(spans)
        else:
            pending.append(FlatItem(paragraph.level, bullet, spans))
    yield from nest_items(pending)


def _bullet(paragraph: _Paragraph, *, bulleted: bool) -> bool | None:
    """`None` for a plain paragraph, else whether its bullet is a number."""
    properties = paragraph._p.pPr
    if properties is not None:
        if properties.find(f"{_A}buNone") is not None:
            return None
        if properties.find(f"{_A}buAutoNum") is not None:
            return True
        if properties.find(f"{_A}buChar") is not None:
            return False
    return False if bulleted else None


def _spans(paragraph: _Paragraph) -> Inline:
    return tuple(
        Span(run.text, bool(run.font.bold), bool(run.font.italic), run.hyperlink.address or None)
        for run in paragraph.runs
    )


def _table(table: Any) -> Table:  # noqa: ANN401 - python-pptx table
    return Table(
        tuple(
            tuple(joined(map(_spans, cell.text_frame.paragraphs)) for cell in row.cells) for row in table.rows
        )
    )
