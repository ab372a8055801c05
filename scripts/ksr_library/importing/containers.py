"""Containers: the size limit, and opening the ZIP packages of DOCX, PPTX and ODT safely.

Office files are ZIP archives of XML parts. Before any part is parsed, the archive's
own directory is checked: a file that is not a ZIP, an archive that would unpack to
more than [`MAX_UNPACKED_BYTES`][ksr_library.importing.containers.MAX_UNPACKED_BYTES]
(a ZIP bomb), or a corrupt archive is refused with one line naming the file. XML is
parsed without entities and without the network.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager

from lxml import etree

from ksr_library.errors import KsrError, UnreadableFileError

MAX_IMPORT_BYTES = 50 * 1024 * 1024
"""A file larger than this is refused unread."""
MAX_UNPACKED_BYTES = 300 * 1024 * 1024
"""An office file whose parts would unpack to more than this is refused."""
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def check_size(name: str, size: int) -> None:
    """Refuse a file over the import size limit.

    Raises:
        UnreadableFileError: The file is too large.
    """
    if size > MAX_IMPORT_BYTES:
        raise UnreadableFileError(f"{name}: the file is {size} bytes; the limit is {MAX_IMPORT_BYTES} bytes")


def open_package(name: str, data: bytes, kind: str) -> zipfile.ZipFile:
    """Open an office file's ZIP package after checking it is one and is not a ZIP bomb.

    Raises:
        UnreadableFileError: Not a ZIP (password-protected office files are not), or
            too large once unpacked.
    """
    if data.startswith(_OLE_MAGIC):
        raise UnreadableFileError(
            f"{name}: not a {kind} package: it is password-protected or in an old binary format; save it as {kind} without a password"
        )
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        unpacked = sum(info.file_size for info in package.infolist())
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise corrupt(name, kind) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise UnreadableFileError(
            f"{name}: the {kind} would unpack to {unpacked // 1024 // 1024} MB; the limit is {MAX_UNPACKED_BYTES // 1024 // 1024} MB"
        )
    return package


def corrupt(name: str, kind: str) -> UnreadableFileError:
    """The one-line error for a corrupt or truncated file."""
    return UnreadableFileError(
        f"{name}: not a readable {kind} file (corrupt or truncated): open it in its program, save it again and retry"
    )


@contextmanager
def reading(name: str, kind: str) -> Iterator[None]:
    """Turn any failure of a third-party parser into the one-line corrupt-file error.

    Parsers of untrusted files fail in many ways (KeyError for a missing part,
    XMLSyntaxError, struct errors, …); to the editor each means the same thing. Our own
    errors pass through unchanged.
    """
    try:
        yield
    except KsrError:
        raise
    except Exception as err:  # any parser failure is a corrupt file (see above)
        raise corrupt(name, kind) from err


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def parse_xml(data: bytes) -> etree._Element:
    """Parse an XML part safely: no entities expanded, no DTD, no network."""
    return etree.fromstring(data, parser=_PARSER)
