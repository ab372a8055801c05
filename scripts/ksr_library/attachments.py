"""Attachments: only inert file types, whose content is what their name says, within a size cap.

A file a document ships is served from the site's own origin, so a type a browser would run
or render as a page (`.html`, `.svg`, `.xml`, `.js`, `.md` that MkDocs would turn into a page)
could carry script. Only the types of [`ALLOWED_TYPES`][ksr_library.attachments.ALLOWED_TYPES]
are accepted, and the first bytes must match the extension: a `.pdf` that is HTML is refused.
"""

from __future__ import annotations

import codecs
import zipfile
from collections.abc import Callable
from pathlib import Path

MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024
"""An attachment larger than this is refused: link a repository of large files instead."""
_SNIFF_BYTES = 4096
"""How much of a text file is read to tell whether it is text and not a page."""
_OPEN_DOCUMENT = "application/vnd.oasis.opendocument."


def _starts_with(*magic: bytes) -> Callable[[Path, bytes], bool]:
    return lambda path, head: head.startswith(magic)


def _webp(path: Path, head: bytes) -> bool:
    return head[:4] == b"RIFF" and head[8:12] == b"WEBP"


def _zip_members(path: Path) -> list[str] | None:
    """Names in a ZIP archive (read from its directory only), or `None` when it is not one."""
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None


def _zip(path: Path, head: bytes) -> bool:
    return head[:4] in {b"PK\x03\x04", b"PK\x05\x06"} and _zip_members(path) is not None


def _office_open(folder: str) -> Callable[[Path, bytes], bool]:
    """An Office Open XML file (docx, xlsx, pptx): a ZIP with content types and its main folder."""

    def check(path: Path, head: bytes) -> bool:
        names = (_zip_members(path) if head.startswith(b"PK\x03\x04") else None) or []
        return "[Content_Types].xml" in names and any(n.startswith(folder) for n in names)

    return check


def _open_document(kind: str) -> Callable[[Path, bytes], bool]:
    """An OpenDocument file (odt, ods, odp): a ZIP whose first member, `mimetype`, names the kind."""
    mimetype = f"{_OPEN_DOCUMENT}{kind}".encode("ascii")
    return lambda path, head: (
        head.startswith(b"PK\x03\x04") and head[30:38] == b"mimetype" and mimetype in head[38:256]
    )


def _text(path: Path, head: bytes) -> bool:
    """UTF-8 text without NUL bytes that does not start like a page or a script (`<`).

    A character cut at the end of the sample is fine (the decoder is told more may follow).
    """
    try:
        text = codecs.getincrementaldecoder("utf-8-sig")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return "\0" not in text and not text.lstrip().startswith("<")


ALLOWED_TYPES: dict[str, tuple[str, Callable[[Path, bytes], bool]]] = {
    ".pdf": ("PDF", _starts_with(b"%PDF-")),
    ".docx": ("Word (DOCX)", _office_open("word/")),
    ".xlsx": ("Excel (XLSX)", _office_open("xl/")),
    ".pptx": ("PowerPoint (PPTX)", _office_open("ppt/")),
    ".odt": ("OpenDocument text (ODT)", _open_document("text")),
    ".ods": ("OpenDocument spreadsheet (ODS)", _open_document("spreadsheet")),
    ".odp": ("OpenDocument presentation (ODP)", _open_document("presentation")),
    ".csv": ("CSV", _text),
    ".png": ("PNG", _starts_with(b"\x89PNG\r\n\x1a\n")),
    ".jpg": ("JPEG", _starts_with(b"\xff\xd8\xff")),
    ".jpeg": ("JPEG", _starts_with(b"\xff\xd8\xff")),
    ".webp": ("WebP", _webp),
    ".zip": ("ZIP", _zip),
}
"""Extension (lower case) → the type's name and a check that a file's content is of that type."""

_ALLOWED_LIST = ", ".join(ext.lstrip(".") for ext in ALLOWED_TYPES)


def attachment_problem(path: Path) -> str | None:
    """Why a file may not be attached (type not allowed, content not of its type, too large), or `None`.

    Args:
        path: The attachment, an existing regular file inside the library.
    """
    suffix = path.suffix.lower()
    if suffix not in ALLOWED_TYPES:
        shown = f"'{path.suffix}'" if path.suffix else "no extension"
        return f"'{path.name}' has {shown}: attach only {_ALLOWED_LIST} files"
    size = path.stat().st_size
    if size > MAX_ATTACHMENT_BYTES:
        return f"'{path.name}' is {size} bytes; the limit is {MAX_ATTACHMENT_BYTES}: link large files instead"
    name, matches = ALLOWED_TYPES[suffix]
    with path.open("rb") as file:
        head = file.read(_SNIFF_BYTES)
    if not matches(path, head):
        return f"'{path.name}' is not a {name} file although its name says so: attach the real file"
    return None
