"""Scaffold: `ksr-library new TYPE ID` writes a new document with valid front matter."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ksr_library.checking import check_library
from ksr_library.errors import KsrError, LibraryInvalidError
from ksr_library.labels import TYPE_SLUGS
from ksr_library.schema import ID_PATTERN, DocType

_EXTRA: dict[DocType, str] = {
    DocType.PROGRAMME: "",
    DocType.MODULE: (
        "programme: {programme}\n"
        "order: {order}\n"
        "hours: 4\n"
        "outcomes:\n  - Uczestnik potrafi … (opisz efekt uczenia się)\n"
        "methods:\n  - wykład\n  - praca w grupach\n"
    ),
    DocType.RECOMMENDATION: (
        "level: systemic\n"
        "addressees:\n  - Ministerstwo Rodziny, Pracy i Polityki Społecznej\n"
        "theme: usługi reintegracyjne\n"
        "priority: medium\n"
    ),
    DocType.DATASET: "data: {data}\n",
}
_BODY: dict[DocType, str] = {
    DocType.MODULE: "## Plan zajęć\n\n| Czas | Blok | Metoda |\n| --- | --- | --- |\n| 0:00–1:00 | … | … |\n\n## Ćwiczenia\n\n## Materiały\n",
    DocType.RECOMMENDATION: "## Uzasadnienie\n\n## Proponowane rozwiązanie\n\n## Oczekiwane efekty\n",
}


def new_document(library_dir: Path, doc_type: str, doc_id: str, today: dt.date | None = None) -> Path:
    """Write a new draft document of a type with valid front matter; return its path.

    The file goes to `<library>/<type folder>/<ID>.md`. The document starts as a draft,
    so it stays out of the site until an editor publishes it.

    Raises:
        KsrError: Unknown type, invalid or taken id, an existing file, or (for a module)
            no programme to attach it to.
    """
    kind = _doc_type(doc_type)
    if not re.fullmatch(ID_PATTERN, doc_id):
        raise KsrError(
            f"'{doc_id}' is not a valid id: a capital letter, then capitals and digits, in up to 5 parts joined by '-', e.g. REK-07"
        )
    try:
        library = check_library(library_dir, include_drafts=True)
    except LibraryInvalidError as err:
        raise KsrError(
            f"the library has {len(err.problems)} problems; run 'ksr-library check' and fix them first"
        ) from None
    if library.resolve(doc_id):
        raise KsrError(f"the id '{doc_id}' is already used by {library.resolve(doc_id).rel}")  # type: ignore[union-attr]
    path = library_dir / TYPE_SLUGS[kind] / f"{doc_id}.md"
    if path.exists():
        raise KsrError(f"{path} already exists")
    fields = {"programme": "", "order": 1, "data": f"{doc_id.lower()}.csv"}
    if kind is DocType.MODULE:
        programmes = library.of_type(DocType.PROGRAMME) or tuple(
            e for e in library.entries if e.doc.type is DocType.PROGRAMME
        )
        if not programmes:
            raise KsrError(
                "a module belongs to a programme: create one first with 'ksr-library new programme ID'"
            )
        fields["programme"] = programmes[0].doc.id
        fields["order"] = len(library.modules_of(programmes[0].doc.id)) + 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_text(kind, doc_id, today or dt.date.today(), fields), encoding="utf-8")
    if kind is DocType.DATASET:
        (path.parent / str(fields["data"])).write_text("rok,wartosc\n2019,0\n", encoding="utf-8")
    return path


def _doc_type(value: str) -> DocType:
    try:
        return DocType(value)
    except ValueError:
        raise KsrError(
            f"'{value}' is not a document type: use one of {', '.join(t.value for t in DocType)}"
        ) from None


def _text(kind: DocType, doc_id: str, today: dt.date, fields: dict[str, object]) -> str:
    audience = "[trainers]" if kind in {DocType.PROGRAMME, DocType.MODULE} else "[public]"
    extra = _EXTRA.get(kind, "").format(**fields)
    body = _BODY.get(kind, "## Wprowadzenie\n")
    return (
        "---\n"
        f"id: {doc_id}\n"
        "title: Tytuł dokumentu\n"
        f"type: {kind.value}\n"
        f"audience: {audience}\n"
        'version: "0.1"\n'
        f"date: {today.isoformat()}\n"
        "status: draft\n"
        "summary: Jedno lub dwa zdania o tym, czego dotyczy dokument.\n"
        f"{extra}"
        "---\n\n"
        f"{body}"
    )
