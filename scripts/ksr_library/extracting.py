"""Extracting: the text of attachments, for search inside them, cached by content.

[`extract_text`][ksr_library.extracting.extract_text] reads a PDF, DOCX, ODT or PPTX
attachment with the import's readers and returns its text: one string per page for a
PDF (running headers, footers and page numbers dropped, words broken at line ends
joined), one string for the other formats (a paragraph a line). A file whose text can't
be extracted raises [`UnreadableFileError`][ksr_library.errors.UnreadableFileError]
naming it; the build should warn and go on.

[`TextCache`][ksr_library.extracting.TextCache] keeps each result in a folder outside
the library and `docs/` (e.g. `.cache/ksr-library/text/`), keyed by the SHA-256 of the
file's bytes and its extension: an unchanged attachment is never parsed again, wherever
it moves, and a failure is remembered too.

    cache = TextCache(project_root / ".cache" / "ksr-library" / "text")
    try:
        pages = cache.text(attachment_path)
    except UnreadableFileError as err:
        log.warning("%s: attachment not indexed: %s", doc_id, err.message)
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from ksr_library.errors import UnreadableFileError

EXTRACTABLE = frozenset({".pdf", ".docx", ".odt", ".pptx"})
"""Extensions of attachments whose text can be extracted."""
EXTRACTOR_VERSION = 1
"""Part of every cache key: raise it when extraction changes, and old entries are ignored."""


def extract_text(path: Path) -> tuple[str, ...]:
    """The text of an attachment: one string per page of a PDF, one for other formats.

    Args:
        path: A `.pdf`, `.docx`, `.odt` or `.pptx` file.

    Raises:
        UnreadableFileError: Another extension, a file over the size limit, or one that
            can't be read (corrupt, encrypted, a scan without text); the message names
            the file.
    """
    if path.suffix.lower() not in EXTRACTABLE:
        raise UnreadableFileError(f"{path.name}: no text can be extracted from '{path.suffix}' files")
    return _extract(path.name, path.suffix.lower(), _read(path))


def _read(path: Path) -> bytes:
    """The bytes of an attachment within the size limit."""
    from ksr_library.importing.containers import check_size

    try:
        check_size(path.name, path.stat().st_size)
        return path.read_bytes()
    except OSError as err:
        raise UnreadableFileError(f"{path.name}: cannot read it: {err.strerror}") from None


def _extract(name: str, suffix: str, data: bytes) -> tuple[str, ...]:
    if suffix == ".pdf":
        from ksr_library.importing.from_pdf import read_pdf_pages
        from ksr_library.importing.pdftext import drop_running_lines, join_lines, vocabulary

        pages = drop_running_lines(read_pdf_pages(name, data)[1])
        words = vocabulary(line.text for page in pages for line in page)
        return tuple(join_lines((line.text for line in page), words) for page in pages)
    from ksr_library.importing.command import READERS
    from ksr_library.importing.model import plain_text

    return (plain_text(READERS[suffix](name, data).blocks),)


class TextCache:
    """Extracted text kept in a folder, keyed by the content of each file.

    Not thread-safe in the sense of sharing counts, but safe for concurrent processes:
    each entry is written to a temporary file and renamed into place.
    """

    def __init__(self, folder: Path) -> None:
        """Use (and create when needed) `folder` for the cache entries."""
        self.folder = folder
        self.hits = 0
        """How many files were answered from the cache."""
        self.misses = 0
        """How many files were parsed."""

    def text(self, path: Path) -> tuple[str, ...]:
        """The text of an attachment, as [`extract_text`][ksr_library.extracting.extract_text] gives it.

        Raises:
            UnreadableFileError: As `extract_text`, also when the failure was cached.
        """
        if path.suffix.lower() not in EXTRACTABLE:
            return extract_text(path)
        data = _read(path)
        entry = self.folder / f"{hashlib.sha256(data).hexdigest()}{path.suffix.lower()}.json"
        cached = _load(entry)
        if cached is not None:
            self.hits += 1
            if isinstance(cached, str):
                raise UnreadableFileError(f"{path.name}: {cached}")
            return cached
        self.misses += 1
        try:
            pages = _extract(path.name, path.suffix.lower(), data)
        except UnreadableFileError as err:
            _store(entry, {"error": err.message.removeprefix(f"{path.name}: ")})
            raise
        _store(entry, {"pages": list(pages)})
        return pages


def _load(entry: Path) -> tuple[str, ...] | str | None:
    """A cache entry: the pages, the reason of a failure, or `None` when absent or unusable."""
    try:
        data = json.loads(entry.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("version") != EXTRACTOR_VERSION:
        return None
    if isinstance(data.get("error"), str):
        return str(data["error"])
    pages = data.get("pages")
    if isinstance(pages, list) and all(isinstance(p, str) for p in pages):
        return tuple(pages)
    return None


def _store(entry: Path, value: dict[str, object]) -> None:
    entry.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"version": EXTRACTOR_VERSION, **value}, ensure_ascii=False)
    handle, temporary = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-", suffix=".json")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    Path(temporary).replace(entry)
