"""The `ksr-library import` command: plan every file first, then write them all or nothing.

[`plan_imports`][ksr_library.importing.command.plan_imports] reads the files and the
library and returns, for each file, the new document's text, the files to create and
the review notes, without writing; any bad input stops it with one line naming the
file. [`write_plans`][ksr_library.importing.command.write_plans] then creates the files,
never replacing one: if any exists, nothing is written.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ksr_library.errors import KsrError, Problem, UnreadableFileError
from ksr_library.importing.containers import check_size
from ksr_library.importing.from_docx import read_docx
from ksr_library.importing.from_odt import read_odt
from ksr_library.importing.from_pdf import read_pdf
from ksr_library.importing.from_pptx import read_pptx
from ksr_library.importing.markdown import allowed_link, to_markdown
from ksr_library.importing.model import Block, Extracted, Figure, ListBlock, Quote, Span, Table
from ksr_library.importing.proposal import (
    body_blocks,
    date_of,
    front_matter,
    propose_id,
    summary_of,
    title_of,
)
from ksr_library.labels import TYPE_SLUGS
from ksr_library.links import slugify
from ksr_library.schema import ID_PATTERN, Audience, DocType

Reader = Callable[[str, bytes], Extracted]
READERS: dict[str, Reader] = {".docx": read_docx, ".odt": read_odt, ".pptx": read_pptx, ".pdf": read_pdf}
"""The reader of each file extension the import accepts."""
PICTURES_DIR = "pliki"
"""Sub-folder of the document's folder for its pictures.

The site serves a document's attachments from `pliki/` beside its page, so a body link
`pliki/<name>` to an attachment stored at `pliki/<name>` works in the library and on
the site alike.
"""
_PLACEHOLDER = "do uzupełnienia"
_RECOMMENDATION = {"level": "systemic", "addressees": [_PLACEHOLDER], "theme": _PLACEHOLDER}


@dataclass(frozen=True)
class ImportRequest:
    """What the editor asked for on the command line."""

    doc_type: str
    doc_id: str | None = None
    audience: tuple[str, ...] = ()
    into: str | None = None


@dataclass(frozen=True)
class NewFile:
    """A file the import creates."""

    path: Path
    data: bytes
    role: str
    """What it is, for the report: `document`, `original` or `picture`."""


@dataclass(frozen=True)
class ImportPlan:
    """One imported file: the new document and everything written with it."""

    source: Path
    doc_id: str
    text: str
    """The new document: front matter and Markdown body."""
    files: tuple[NewFile, ...]
    """The document first, then the original, then the pictures."""
    review: tuple[str, ...]
    """What the editor must check before publishing."""


def plan_imports(sources: Sequence[Path], library_dir: Path, request: ImportRequest) -> list[ImportPlan]:
    """Plan the import of files into a library, writing nothing.

    Raises:
        KsrError: Bad options, an unknown extension, an unreadable file, an id already
            taken, a target outside the library, or a file that already exists.
    """
    kind = _doc_type(request.doc_type)
    audience = _audience(request.audience)
    if request.doc_id is not None and len(sources) > 1:
        raise KsrError("--id names one document: import one file at a time when you give it")
    folder = _target_folder(library_dir, request.into or TYPE_SLUGS[kind])
    target = _Target(library_dir, folder, kind, audience, request.doc_id, _ids_in(library_dir))
    plans: list[ImportPlan] = []
    for source in sources:
        plan = _plan(source, target)
        target.taken[plan.doc_id.upper()] = plan.files[0].path.relative_to(library_dir).as_posix()
        plans.append(plan)
    _refuse_existing([f for plan in plans for f in plan.files])
    return plans


def write_plans(plans: Sequence[ImportPlan]) -> None:
    """Create every planned file, or none: an existing file is never replaced.

    Raises:
        KsrError: A file exists already, or a file could not be written (what was written
            is removed again).
    """
    files = [f for plan in plans for f in plan.files]
    _refuse_existing(files)
    written: list[Path] = []
    try:
        for new in files:
            new.path.parent.mkdir(parents=True, exist_ok=True)
            with new.path.open("xb") as out:
                written.append(new.path)
                out.write(new.data)
    except OSError as err:
        for path in written:
            path.unlink(missing_ok=True)
        raise KsrError(f"cannot write {err.filename}: {err.strerror}; nothing was written") from None


def _refuse_existing(files: Sequence[NewFile]) -> None:
    for new in files:
        if new.path.exists() or new.path.is_symlink():
            raise KsrError(
                f"{new.path} already exists: nothing was written (an import never replaces a file)"
            )
    paths = [new.path for new in files]
    for path in paths:
        if paths.count(path) > 1:
            raise KsrError(f"two imported files would both be written to {path}: import them one at a time")


def _doc_type(value: str) -> DocType:
    try:
        kind = DocType(value)
    except ValueError:
        raise KsrError(
            f"'{value}' is not a document type: use one of {', '.join(t.value for t in DocType)}"
        ) from None
    if kind is DocType.MODULE:
        raise KsrError(
            "a module needs its programme, order, hours and outcomes: import the curriculum as --type programme, or write modules with 'ksr-library new module ID'"
        )
    if kind is DocType.DATASET:
        raise KsrError("a dataset is a CSV file: write it with 'ksr-library new dataset ID'")
    return kind


def _audience(values: tuple[str, ...]) -> list[str]:
    allowed = [a.value for a in Audience]
    for value in values:
        if value not in allowed:
            raise KsrError(f"'{value}' is not an audience: use {', '.join(allowed)} (comma separated)")
    return list(dict.fromkeys(values))


def _ids_in(library_dir: Path) -> dict[str, str]:
    """Every id and former id of the library (upper case) and the file that holds it."""
    from ksr_library.reading import list_library, read_document

    found: dict[str, str] = {}
    for path, rel in list_library(library_dir)[0]:
        raw = read_document(path, rel)
        if isinstance(raw, list):
            continue
        for value in [raw.data.get("id"), *(raw.data.get("aliases") or [])]:
            if isinstance(value, str):
                found.setdefault(value.upper(), rel)
    return found


def _target_folder(library_dir: Path, into: str) -> Path:
    root = library_dir.resolve()
    folder = (root / into).resolve()
    if not folder.is_relative_to(root):
        raise KsrError(f"--into {into}: the target must be a folder inside the library ({root})")
    if folder.exists() and not folder.is_dir():
        raise KsrError(f"--into {into}: {folder} is a file, not a folder")
    return folder


@dataclass(frozen=True)
class _Target:
    """Where and as what the files of one run are imported."""

    library_dir: Path
    folder: Path
    kind: DocType
    audience: list[str]
    doc_id: str | None
    taken: dict[str, str]


def _read(source: Path) -> tuple[bytes, Extracted]:
    """A file's bytes and what its reader makes of them."""
    reader = READERS.get(source.suffix.lower())
    if reader is None:
        raise KsrError(
            f"{source.name}: cannot import '{source.suffix or source.name}' files: use .docx, .odt, .pptx or .pdf"
        )
    if not source.is_file():
        raise KsrError(f"{source}: no such file")
    check_size(source.name, source.stat().st_size)
    try:
        data = source.read_bytes()
    except OSError as err:
        raise UnreadableFileError(f"{source.name}: cannot read it: {err.strerror}") from None
    return data, reader(source.name, data)


def _plan(source: Path, target: _Target) -> ImportPlan:
    data, extracted = _read(source)
    title = title_of(extracted.properties, extracted.blocks, source.name)
    slides = source.suffix.lower() == ".pptx"
    blocks = extracted.blocks if slides else body_blocks(extracted.blocks, title.value)
    new_id = _new_id(target.kind, title.value, target.doc_id, target.taken)
    original = target.folder / f"{slugify(source.stem)[:80] or new_id.lower()}{source.suffix.lower()}"
    pictures = [
        f"{PICTURES_DIR}/{new_id.lower()}-rys-{n}.{picture.extension}"
        for n, picture in enumerate(extracted.pictures, 1)
    ]
    date = date_of(extracted.properties, dt.date.fromtimestamp(source.stat().st_mtime))
    summary = summary_of(blocks, title.value)
    fields: dict[str, Any] = {
        "id": new_id,
        "title": title.value,
        "type": target.kind.value,
        "audience": target.audience or [Audience.PUBLIC.value],
        "version": "1.0",
        "date": date.value,
        "status": "draft",
        "summary": summary.value,
    }
    if extracted.properties.authors:
        fields["authors"] = list(extracted.properties.authors)
    if target.kind is DocType.RECOMMENDATION:
        fields.update(_RECOMMENDATION)
    fields["attachments"] = [
        {"file": original.name, "title": f"Oryginał ({source.suffix.lstrip('.').upper()})"},
        *({"file": path, "title": _picture_title(blocks, n)} for n, path in enumerate(pictures)),
    ]
    text = front_matter(fields) + "\n" + to_markdown(blocks, pictures)
    document = target.folder / f"{new_id}.md"
    _validate(text, document, target.library_dir)
    files = (
        NewFile(document, text.encode("utf-8"), "document"),
        NewFile(original, data, "original"),
        *(
            NewFile(target.folder / path, p.data, "picture")
            for path, p in zip(pictures, extracted.pictures, strict=True)
        ),
    )
    notes = [
        None
        if target.doc_id
        else f"id: {new_id} was proposed from the type and the title: keep it, or import again with --id",
        title.note,
        date.note,
        summary.note,
        *_guesses(target, extracted, slides=slides, pdf=source.suffix.lower() == ".pdf"),
        *_dropped_links(blocks),
        *extracted.notes,
    ]
    return ImportPlan(source, new_id, text, files, tuple(n for n in notes if n))


def _guesses(target: _Target, extracted: Extracted, *, slides: bool, pdf: bool) -> Iterator[str]:
    """Review notes about what the import had to guess or could not know."""
    if not target.audience:
        yield "audience: none given, so 'public': add trainers or rops if the document is for them"
    if not extracted.properties.authors:
        yield "authors: the file names none: add them, or leave the key out"
    if target.kind is DocType.RECOMMENDATION:
        yield f"level, addressees and theme: placeholders ('{_PLACEHOLDER}'): set them"
    if pdf:
        yield "body: rebuilt from the PDF's page layout: check headings, lists and paragraph breaks"
    if slides:
        yield "body: one section per slide: merge or drop sections that only repeat the title"
    if extracted.pictures:
        yield f"pictures: {len(extracted.pictures)} saved in {PICTURES_DIR}/: describe each between ![ and ] for readers who cannot see it"


def _new_id(kind: DocType, title: str, doc_id: str | None, taken: dict[str, str]) -> str:
    if doc_id is None:
        return propose_id(kind, title, taken)
    if not re.fullmatch(ID_PATTERN, doc_id):
        raise KsrError(
            f"'{doc_id}' is not a valid id: a capital letter, then capitals and digits, in up to 5 parts joined by '-', e.g. REK-07"
        )
    if doc_id.upper() in taken:
        raise KsrError(
            f"the id '{doc_id}' is already used by {taken[doc_id.upper()]}: choose another with --id"
        )
    return doc_id


def _picture_title(blocks: Sequence[Block], index: int) -> str:
    alt = next((f.alt for f in _figures(blocks) if f.picture == index and f.alt.strip()), "")
    return alt.strip()[:120] or f"Rysunek {index + 1}"


def _figures(blocks: Sequence[Block]) -> Iterator[Figure]:
    for block in blocks:
        if isinstance(block, Figure):
            yield block
        elif isinstance(block, Quote):
            yield from _figures(block.blocks)


def _spans(blocks: Sequence[Block]) -> Iterator[Span]:
    for block in blocks:
        if isinstance(block, ListBlock):
            for item in block.items:
                yield from item.spans
                yield from _spans(item.children)
        elif isinstance(block, Table):
            yield from (span for row in block.rows for cell in row for span in cell)
        elif isinstance(block, Quote):
            yield from _spans(block.blocks)
        elif not isinstance(block, Figure):
            yield from block.spans


def _dropped_links(blocks: Sequence[Block]) -> list[str]:
    dropped = dict.fromkeys(s.link for s in _spans(blocks) if s.link and allowed_link(s.link) is None)
    return [
        f"link: '{link[:60]}' was dropped, its text kept (only http, https and mailto links are allowed)"
        for link in dropped
        if link
    ]


def _validate(text: str, document: Path, library_dir: Path) -> None:
    """Refuse to write front matter that `check` would not accept (a bug, never the editor's)."""
    from ksr_library.checking import validate_front_matter
    from ksr_library.reading import RawDocument, parse_yaml, split_document

    rel = document.relative_to(library_dir.resolve()).as_posix()
    parts = split_document(text, rel)
    assert not isinstance(parts, Problem), parts
    fm, body, body_line = parts
    parsed = parse_yaml(fm, rel, line_offset=1)
    assert not isinstance(parsed, list), parsed
    _, problems = validate_front_matter(RawDocument(document, rel, parsed[0], parsed[1], body, body_line))
    if problems:
        raise KsrError(f"the import made front matter that check refuses ({problems[0]}): please report this")


def describe(plan: ImportPlan, root: Path, *, dry_run: bool) -> Iterator[str]:
    """What the import wrote (or would write) and what the editor must review, as lines."""

    def shown(path: Path) -> str:
        return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)

    verb = "Would write" if dry_run else "Wrote"
    document, *others = plan.files
    yield f"{verb} {shown(document.path)} (draft {plan.doc_id}, from {plan.source.name})"
    for new in others:
        yield f"  + {shown(new.path)} ({new.role})"
    yield "Review before publishing:"
    for note in plan.review:
        yield f"  - {note}"
    yield "Then remove 'status: draft' and run 'ksr-library check'."
