"""PDF reader: the text layer of a PDF as positioned lines, with pypdf.

pypdf hands every piece of text it extracts to a visitor with the text matrix, the
transformation matrix and the font size; the pieces of one line (up to a newline) give
a [`Line`][ksr_library.importing.pdftext.Line] with its place and size, and
[`pdftext`][ksr_library.importing.pdftext] rebuilds the body from those. An encrypted
PDF that opens without a password is read; one that needs a password is refused, as is
one with no text at all (a scan).
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import math
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from pypdf import PasswordType, PdfReader

from ksr_library.errors import UnreadableFileError
from ksr_library.importing.containers import reading
from ksr_library.importing.model import Extracted, Properties, split_authors
from ksr_library.importing.pdftext import Line, drop_running_lines, rebuild

KIND = "PDF"
_MIN_TEXT = 3
"""A page with fewer visible characters than this has no text layer."""


def read_pdf_pages(name: str, data: bytes) -> tuple[Properties, list[list[Line]]]:
    """The properties and the lines of every page of a PDF.

    Raises:
        UnreadableFileError: Not a PDF, corrupt, encrypted with a password, or scanned
            (no page has text).
    """
    if not data.lstrip()[:5] == b"%PDF-":
        raise UnreadableFileError(f"{name}: not a PDF file (it does not start with %PDF-)")
    with _quiet_pypdf(), reading(name, KIND):
        reader = PdfReader(io.BytesIO(data))
        _decrypt(name, reader)
        pages = [_lines(page) for page in reader.pages]
        properties = _properties(reader)
    if not any(sum(len(line.text.strip()) for line in page) >= _MIN_TEXT for page in pages):
        raise UnreadableFileError(f"{name}: no text layer: the PDF looks scanned: it needs OCR first")
    return properties, pages


def read_pdf(name: str, data: bytes) -> Extracted:
    """Read a PDF: its text rebuilt as headings, paragraphs and lists.

    Args:
        name: The file name, for messages.
        data: The file's bytes.

    Raises:
        UnreadableFileError: See [`read_pdf_pages`][ksr_library.importing.from_pdf.read_pdf_pages].
    """
    properties, pages = read_pdf_pages(name, data)
    empty = [
        str(i) for i, page in enumerate(pages, 1) if sum(len(line.text.strip()) for line in page) < _MIN_TEXT
    ]
    notes = (
        (f"page(s) {', '.join(empty)} have no text layer (scanned?): their content is missing",)
        if empty
        else ()
    )
    return Extracted(properties, rebuild(drop_running_lines(pages)), (), notes)


def _decrypt(name: str, reader: PdfReader) -> None:
    if not reader.is_encrypted:
        return
    try:
        opened = reader.decrypt("") != PasswordType.NOT_DECRYPTED
    except Exception:  # unsupported encryption is encryption all the same
        opened = False
    if not opened:
        raise UnreadableFileError(
            f"{name}: the PDF is encrypted with a password: save a copy without the password and import that"
        )


def _lines(page: Any) -> list[Line]:  # noqa: ANN401 - pypdf page
    lines: list[Line] = []
    parts: list[str] = []
    place: tuple[float, float, float] | None = None

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        nonlocal place
        for index, piece in enumerate(text.split("\n")):
            if index:
                _close(lines, parts, place)
                parts.clear()
                place = None
            if piece.strip() and place is None:
                place = _place(cm, tm, size)
            parts.append(piece)

    page.extract_text(visitor_text=visit)
    _close(lines, parts, place)
    return lines


def _close(lines: list[Line], parts: list[str], place: tuple[float, float, float] | None) -> None:
    text = "".join(parts).strip()
    if text and place is not None:
        lines.append(Line(text, *place))


def _place(cm: list[float], tm: list[float], size: float) -> tuple[float, float, float]:
    """Page position (y, x) and effective font size of text drawn with these matrices."""
    x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
    y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
    scale = math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3])
    return y, x, round(size * (scale or 1), 1)


def _properties(reader: PdfReader) -> Properties:
    meta = reader.metadata
    if meta is None:
        return Properties()

    def when(attribute: str) -> dt.date | None:
        try:
            value = getattr(meta, attribute)
        except Exception:  # a malformed date is no date
            return None
        return value.date() if isinstance(value, dt.datetime) else None

    return Properties(
        title=str(meta.title or ""),
        authors=split_authors(meta.author),
        created=when("creation_date"),
        modified=when("modification_date"),
    )


@contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """Keep pypdf's complaints about sloppy PDFs off the editor's terminal.

    pypdf reports recoverable flaws through the `pypdf` logger and Python warnings; the
    import either reads the file or says in one line why not. The logger's level is
    restored afterwards.
    """
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR + 10)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)
