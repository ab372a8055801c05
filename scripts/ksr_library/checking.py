"""Checking: every rule of the format, over the whole library, in one pass.

`check_library` reads every file, validates its front matter against the
[schema][ksr_library.schema], then applies the rules that need the whole library: unique
ids and aliases, links by id and to headings, programmes and their modules, attachments
and data files. It collects *every* problem before it raises, so one run shows them all.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from ksr_library.attachments import attachment_problem
from ksr_library.charts import column_problems
from ksr_library.datasets import cell_problems, csv_problem, read_csv
from ksr_library.documents import Entry, Library
from ksr_library.errors import LibraryInvalidError, Problem
from ksr_library.glossary import abbreviations
from ksr_library.links import REF, attachment_url, document_url
from ksr_library.parallel import run_all
from ksr_library.reading import (
    GLOSSARY_FILE,
    Located,
    RawDocument,
    list_library,
    parse_document,
    parse_yaml,
    read_text,
)
from ksr_library.rendering import BodyContext, RefTarget, RenderedBody, render_body
from ksr_library.rendering.model import NOT_RENDERED
from ksr_library.schema import (
    DOCUMENT_ADAPTER,
    GLOSSARY_ADAPTER,
    DatasetDocument,
    DocType,
    Document,
    GlossaryEntry,
    ModuleDocument,
    ProgrammeDocument,
    Status,
    keys_for,
    types_with_key,
)

BodyCache = dict[tuple[str, str], RenderedBody]
"""Rendered bodies by (body, everything its rendering depends on), kept by a live preview."""


@dataclass(frozen=True)
class CheckedFile:
    """One document file as read and validated on its own, before the rules of the whole library."""

    raw: RawDocument | None
    """Its front matter and body, if the file could be read and parsed."""
    doc: Document | None
    """Its front matter as a document, if valid."""
    problems: tuple[Problem, ...]


FileCache = dict[tuple[Path, str], tuple[str, CheckedFile]]
"""Document files as checked on their own, by path (absolute, relative), with the text they were read from."""


@dataclass
class CheckCache:
    """What a live preview keeps from one check to the next, so that a check redoes only what changed.

    Each check keeps only what it used: nothing grows between checks.
    """

    files: FileCache = field(default_factory=dict)
    """Each document file as read and validated, reused while its text is the same."""
    bodies: BodyCache = field(default_factory=dict)
    """Rendered bodies, reused while a body and everything its rendering depends on are the same."""


def check_library(root: Path, *, include_drafts: bool = False, cache: CheckCache | None = None) -> Library:
    """Read and check a whole library.

    Args:
        root: The library folder.
        include_drafts: Whether drafts go into the site (links to them are then allowed).
        cache: What an earlier check kept (a live preview's), reused where unchanged and updated.
            Only reading and validating a file and rendering a body are reused: every rule
            of the whole library (ids, aliases, links, programmes, files) runs each time.

    Returns:
        The checked library.

    Raises:
        LibraryInvalidError: With every problem found, sorted by file and line.
    """
    problems: list[Problem] = []
    files, symlink_problems = list_library(root)
    problems += symlink_problems
    raws: list[RawDocument] = []
    entries: list[Entry] = []
    for file in check_files(files, cache.files if cache else None):
        problems += file.problems
        if file.raw is not None:
            raws.append(file.raw)
            if file.doc is not None:
                entries.append(_entry(file.raw, file.doc))
    problems += _duplicate_ids(raws)
    glossary, glossary_problems = read_glossary(root)
    problems += glossary_problems
    unrendered = Library(root, tuple(_first_of_each_id(entries)), tuple(glossary), include_drafts)
    rendered = render_bodies(unrendered, raws, cache.bodies if cache else None)
    library = dataclasses.replace(
        unrendered,
        entries=tuple(
            dataclasses.replace(e, rendered=rendered[e.rel], headings=rendered[e.rel].headings)
            for e in unrendered.entries
        ),
        _index={},
    )
    problems += check_cross_references(library)
    valid = {e.rel for e in entries}
    problems += [
        p
        for raw in raws
        if raw.rel not in valid
        for p in _body_problems(library, raw, rendered[raw.rel], None)
    ]
    if problems:
        raise LibraryInvalidError(problems)
    return library


def check_files(files: Iterable[tuple[Path, str]], kept: FileCache | None = None) -> list[CheckedFile]:
    """Read and validate each document file on its own.

    Every file is read each time; with `kept`, a file whose text is the one it was read
    from last time is not parsed and validated again (its earlier result is reused), and
    `kept` is left holding this call's files only.

    Args:
        files: `(path, rel)` pairs, as `reading.list_library` gives them.
        kept: Files checked before, updated in place.

    Returns:
        Each file as checked, in the order given.
    """
    known = kept if kept is not None else {}
    current: FileCache = {}
    checked: list[CheckedFile] = []
    for path, rel in files:
        text = read_text(path, rel)
        if isinstance(text, Problem):
            checked.append(CheckedFile(None, None, (text,)))
            continue
        before = known.get((path, rel))
        file = before[1] if before and before[0] == text else _check_text(text, path, rel)
        current[path, rel] = (text, file)
        checked.append(file)
    if kept is not None:
        kept.clear()
        kept.update(current)
    return checked


def _check_text(text: str, path: Path, rel: str) -> CheckedFile:
    raw = parse_document(text, path, rel)
    if isinstance(raw, list):
        return CheckedFile(None, None, tuple(raw))
    doc, problems = validate_front_matter(raw)
    return CheckedFile(raw, doc, tuple(problems))


def _entry(raw: RawDocument, doc: Document) -> Entry:
    return Entry(doc, raw.rel, raw.path, raw.body, raw.body_line, raw.located, (), NOT_RENDERED)


def render_bodies(
    library: Library, raws: Iterable[RawDocument], cache: BodyCache | None = None
) -> dict[str, RenderedBody]:
    """Render every body once, valid document or not, resolving ids in the library.

    Bodies are rendered on every core (`parallel.run_all`). With `cache`, a body whose
    text and surroundings (the titles and URLs of every id, its attachments, the
    glossary) did not change since it was last rendered is not rendered again.

    Args:
        library: The library so far (its entries' bodies are not rendered yet).
        raws: Every document read, by its path relative to the library.
        cache: Bodies rendered before, updated in place.

    Returns:
        Each rendered body by the document's path relative to the library.
    """
    table = abbreviations(library.glossary)
    targets = {
        name: RefTarget(e.doc.id, e.doc.title, document_url(e.doc.id))
        for e in library.entries
        for name in (e.key, *(a.casefold() for a in e.doc.aliases))
    }

    def resolve(ref: str) -> RefTarget | None:
        return targets.get(ref.strip().casefold())

    surroundings = hashlib.sha256(repr((sorted(targets.items()), sorted(table.items()))).encode()).hexdigest()
    by_rel = {e.rel: e for e in library.entries}
    jobs: dict[str, Callable[[], RenderedBody]] = {}
    keys: dict[str, tuple[str, str]] = {}
    for raw in raws:
        entry = by_rel.get(raw.rel)
        doc_id = entry.doc.id if entry else str(raw.data.get("id", ""))
        attachments = {a.file: attachment_url(doc_id, a.file) for a in entry.doc.attachments} if entry else {}
        context = BodyContext(document_url(doc_id), resolve, attachments, table)
        keys[raw.rel] = (raw.body, f"{surroundings}:{doc_id}:{sorted(attachments.items())}")
        jobs[raw.rel] = functools.partial(render_body, raw.body, context)
    known = cache if cache is not None else {}
    fresh = run_all({rel: job for rel, job in jobs.items() if keys[rel] not in known})
    rendered = {rel: fresh[rel] if rel in fresh else known[keys[rel]] for rel in jobs}
    if cache is not None:  # keep this check's bodies only: nothing grows between rebuilds
        cache.clear()
        cache.update({keys[rel]: body for rel, body in rendered.items()})
    return rendered


def validate_front_matter(raw: RawDocument) -> tuple[Document | None, list[Problem]]:
    """Validate one document's front matter, turning schema errors into located problems."""
    try:
        return DOCUMENT_ADAPTER.validate_python(raw.data), []
    except ValidationError as err:
        doc_type = _known_type(raw.data.get("type"))
        return None, [_schema_problem(e, raw, doc_type) for e in err.errors()]


def _known_type(value: object) -> DocType | None:
    try:
        return DocType(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _schema_problem(error: ErrorDetails, raw: RawDocument, doc_type: DocType | None) -> Problem:
    loc = tuple(error["loc"])
    if loc and doc_type is not None and loc[0] == doc_type.value:
        loc = loc[1:]
    kind = error["type"]
    if not loc and kind == "value_error":
        loc = ("status",)  # the whole-document rules: superseded_by and replaced_by go with a status
    key = ".".join(str(p) for p in loc) or "type"
    is_key = kind in {"extra_forbidden", "missing"}
    line, col = raw.located.where(loc or ("type",), key=is_key)
    if kind in {"missing", "union_tag_not_found"}:
        line, col = 1, 1
    return Problem(raw.rel, line, col, key, _message(error, loc, raw, doc_type))


_TYPE_NAMES = ", ".join(t.value for t in DocType)


def _message(error: ErrorDetails, loc: tuple[Any, ...], raw: RawDocument, doc_type: DocType | None) -> str:
    kind = error["type"]
    name = next((str(part) for part in reversed(loc) if isinstance(part, str)), "type")
    if kind == "extra_forbidden":
        return _unknown_key_message(name, doc_type, nested=len(loc) > 1)
    if kind == "missing":
        return f"required key is missing: add '{name}:' to the front matter"
    if kind == "union_tag_not_found":
        return f"required key is missing: add 'type:' (one of {_TYPE_NAMES})"
    if kind == "union_tag_invalid":
        return _choice_message(raw.data.get("type"), [t.value for t in DocType], "type")
    if kind == "enum":
        allowed = str(error.get("ctx", {}).get("expected", "")).replace("'", "").replace(" or ", ", ")
        return _choice_message(error["input"], [a.strip() for a in allowed.split(",")], name)
    if kind == "string_pattern_mismatch":
        return _pattern_message(name, error["input"], loc, raw)
    if kind == "value_error" and name == "version" and not isinstance(error["input"], str):
        source = raw.located.raw.get(loc, str(error["input"]))
        return (
            f'write the version in quotes: version: "{source}" '
            f"(unquoted, YAML reads {source} as the number {error['input']!r})"
        )
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    return f"{error['msg'][0].lower()}{error['msg'][1:]} (got {_shown(error['input'])})"


def _unknown_key_message(name: str, doc_type: DocType | None, *, nested: bool) -> str:
    if nested:
        return f"unknown key '{name}'"
    owners = types_with_key(name)
    if owners and doc_type is not None:
        return f"'{name}' is not a key of type '{doc_type.value}' (it belongs to {', '.join(owners)})"
    close = difflib.get_close_matches(name, keys_for(doc_type), n=1, cutoff=0.6)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return f"unknown key '{name}'{hint}"


def _choice_message(value: object, allowed: list[str], name: str) -> str:
    close = difflib.get_close_matches(str(value), allowed, n=1, cutoff=0.5)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    choices = f"{', '.join(allowed[:-1])} or {allowed[-1]}" if len(allowed) > 1 else allowed[0]
    return f"{_shown(value)} is not a valid {name}: use {choices}{hint}"


def _pattern_message(name: str, value: object, loc: tuple[Any, ...], raw: RawDocument) -> str:
    if name == "version" or (len(loc) > 1 and loc[-1] == "version"):
        source = raw.located.raw.get(loc, str(value))
        return f'{_shown(source)} is not MAJOR.MINOR: write it in quotes, e.g. "1.0"'
    if name in {"tags"} or (len(loc) > 1 and loc[0] == "tags"):
        return f"{_shown(value)} is not a valid tag: use lower-case words"
    return (
        f"{_shown(value)} is not a valid id: a capital letter, then capitals and digits, "
        "in up to 5 parts joined by '-', e.g. REK-07"
    )


def _shown(value: object) -> str:
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 60 else text[:57] + "...'"


def _duplicate_ids(raws: list[RawDocument]) -> list[Problem]:
    seen: dict[str, RawDocument] = {}
    problems: list[Problem] = []
    for raw in raws:
        value = raw.data.get("id")
        if not isinstance(value, str):
            continue
        first = seen.setdefault(value.casefold(), raw)
        if first is raw:
            continue
        first_id = first.data["id"]
        same = f"'{value}'" if first_id == value else f"'{value}' (same as '{first_id}': ids ignore case)"
        problems.append(
            Problem(
                raw.rel,
                *raw.located.where(("id",)),
                "id",
                f"duplicate id: {same} is already used by {first.rel}",
            )
        )
    return problems


def _first_of_each_id(entries: list[Entry]) -> list[Entry]:
    seen: dict[str, Entry] = {}
    for entry in entries:
        seen.setdefault(entry.key, entry)
    return list(seen.values())


def check_cross_references(library: Library) -> list[Problem]:
    """Rules that need the whole library: aliases, references, programmes, files, links."""
    problems: list[Problem] = []
    problems += _alias_problems(library)
    for entry in library.entries:
        problems += _reference_problems(library, entry)
        problems += _body_problems(library, entry, entry.rendered, entry)
        problems += _file_problems(library, entry)
        problems += _column_problems(library, entry)
    problems += _programme_problems(library)
    return problems


def _at(entry: Entry, *path: str | int) -> tuple[str, int, int]:
    line, col = entry.located.where(path)
    return entry.rel, line, col


def _alias_problems(library: Library) -> list[Problem]:
    problems: list[Problem] = []
    owner: dict[str, Entry] = {}
    live = {e.key: e for e in library.entries}
    for entry in library.entries:
        for i, alias in enumerate(entry.doc.aliases):
            key = alias.casefold()
            where = _at(entry, "aliases", i)
            if key in live:
                problems.append(
                    Problem(
                        *where,
                        "aliases",
                        f"'{alias}' is the id of {live[key].rel}: an alias may not equal a live id",
                    )
                )
            elif key in owner and owner[key] is not entry:
                problems.append(
                    Problem(*where, "aliases", f"'{alias}' is already an alias of {owner[key].rel}")
                )
            owner.setdefault(key, entry)
    return problems


def _target_problem(library: Library, source: Entry | None, ref: str) -> str | None:
    target = library.resolve(ref)
    if target is None:
        ids = [e.doc.id for e in library.entries]
        close = difflib.get_close_matches(ref.strip().upper(), ids, n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return f"no document has the id '{ref.strip()}'{hint}"
    source_is_draft = source is not None and source.doc.status is Status.DRAFT
    if target.doc.status is Status.DRAFT and not library.include_drafts and not source_is_draft:
        return f"'{target.doc.id}' is a draft and is left out of the site: publish it or remove the link"
    if target is source:
        return "a document may not refer to itself"
    return None


def _reference_problems(library: Library, entry: Entry) -> list[Problem]:
    doc, problems = entry.doc, []
    refs: list[tuple[str, tuple[str | int, ...]]] = [
        (ref, ("related", i)) for i, ref in enumerate(doc.related)
    ]
    if doc.superseded_by:
        refs.append((doc.superseded_by, ("superseded_by",)))
    if doc.replaced_by:
        refs.append((doc.replaced_by, ("replaced_by",)))
    for ref, path in refs:
        message = _target_problem(library, entry, ref)
        if message:
            problems.append(Problem(*_at(entry, *path), str(path[0]), message))
    return problems


def _body_problems(
    library: Library, raw: RawDocument | Entry, rendered: RenderedBody, entry: Entry | None
) -> list[Problem]:
    """Problems the renderer found in a body, and of its references in the library.

    `entry` is `None` for an invalid document.
    """
    problems: list[Problem] = []
    offset = raw.body_line - 1
    for ref in rendered.refs:
        written = REF.fullmatch(ref.written)
        message = _ref_problem(library, entry, written["id"] if written else ref.target or "", ref.slug)
        if message:
            problems.append(Problem(raw.rel, ref.line + offset, ref.col, "body", f"{ref.written}: {message}"))
    problems += [
        Problem(raw.rel, f.line + offset, f.col, "body", f.message)
        for f in rendered.findings
        if f.ref is None
    ]
    return problems


def _ref_problem(library: Library, entry: Entry | None, ref: str, slug: str | None) -> str | None:
    message = _target_problem(library, entry, ref)
    target = library.resolve(ref)
    if message or not slug or target is None:
        return message
    slugs = sorted({h.slug for h in target.headings})
    if slug.strip() in slugs:
        return None
    close = difflib.get_close_matches(slug.strip(), slugs, n=1, cutoff=0.5)
    hint = f"; did you mean '#{close[0]}'?" if close else f" (it has: {', '.join(slugs) or 'no headings'})"
    return f"'{target.doc.id}' has no heading '#{slug.strip()}'{hint}"


def _library_file(library: Library, entry: Entry, name: str) -> Path | str:
    """The file a document names, or why it cannot be used."""
    candidate = entry.folder / name
    try:
        resolved = candidate.resolve(strict=True)
    except (FileNotFoundError, RuntimeError):
        return f"file '{name}' does not exist (paths are relative to {Path(entry.rel).parent.as_posix() or 'the library root'}/)"
    if not resolved.is_relative_to(library.root.resolve()) or any(
        p.is_symlink() for p in (candidate, *candidate.parents) if p.is_relative_to(library.root)
    ):
        return f"file '{name}' must be inside the library and not a symbolic link"
    if not resolved.is_file():
        return f"'{name}' is not a file"
    return resolved


def _file_problems(library: Library, entry: Entry) -> list[Problem]:
    problems: list[Problem] = []
    names: dict[str, int] = {}
    for i, attachment in enumerate(entry.doc.attachments):
        found = _library_file(library, entry, attachment.file)
        message = found if isinstance(found, str) else attachment_problem(found)
        if not message and Path(attachment.file).name in names:
            message = f"another attachment is also named '{Path(attachment.file).name}'"
        if message:
            problems.append(Problem(*_at(entry, "attachments", i, "file"), f"attachments.{i}.file", message))
        names.setdefault(Path(attachment.file).name, i)
    if isinstance(entry.doc, DatasetDocument):
        found = _library_file(library, entry, entry.doc.data)
        message = found if isinstance(found, str) else csv_problem(found)
        if message:
            problems.append(Problem(*_at(entry, "data"), "data", message))
        elif isinstance(found, Path):
            problems += cell_problems(found, found.relative_to(library.root.resolve()).as_posix())
    return problems


def _column_problems(library: Library, entry: Entry) -> list[Problem]:
    """Each key of a dataset's `columns` that is no header of its CSV file (a readable one)."""
    if not isinstance(entry.doc, DatasetDocument) or not entry.doc.columns:
        return []
    found = _library_file(library, entry, entry.doc.data)
    if isinstance(found, str) or csv_problem(found):
        return []  # reported at `data`
    header = read_csv(found)[0]
    return [
        Problem(entry.rel, *entry.located.where(("columns", name), key=True), "columns", message)
        for name, label in entry.doc.columns.items()
        for message in column_problems(header, {name: label})
    ]


def _programme_problems(library: Library) -> list[Problem]:
    problems: list[Problem] = []
    modules: dict[str, list[Entry]] = defaultdict(list)
    for entry in library.entries:
        doc = entry.doc
        if not isinstance(doc, ModuleDocument):
            continue
        programme = library.resolve(doc.programme)
        if programme is None or not isinstance(programme.doc, ProgrammeDocument):
            what = (
                "no document"
                if programme is None
                else f"'{programme.doc.id}' is a {programme.doc.type.value}, not a programme; no programme"
            )
            problems.append(
                Problem(*_at(entry, "programme"), "programme", f"{what} has the id '{doc.programme}'")
            )
            continue
        modules[programme.doc.id].append(entry)
    for programme_id, members in modules.items():
        problems += _module_rules(library, programme_id, members)
    return problems


def _module_rules(library: Library, programme_id: str, members: list[Entry]) -> list[Problem]:
    problems: list[Problem] = []
    by_order: dict[int, Entry] = {}
    ids = {m.key for m in members}
    for entry in sorted(members, key=lambda e: e.rel):
        doc = entry.doc
        assert isinstance(doc, ModuleDocument)
        if doc.order in by_order:
            problems.append(
                Problem(
                    *_at(entry, "order"),
                    "order",
                    f"order {doc.order} is already used by {by_order[doc.order].rel} in {programme_id}",
                )
            )
        by_order.setdefault(doc.order, entry)
        for i, prerequisite in enumerate(doc.prerequisites):
            target = library.resolve(prerequisite)
            if target is None or target.key not in ids:
                problems.append(
                    Problem(
                        *_at(entry, "prerequisites", i),
                        "prerequisites",
                        f"'{prerequisite}' is not a module of {programme_id}",
                    )
                )
            elif target is entry:
                problems.append(
                    Problem(
                        *_at(entry, "prerequisites", i),
                        "prerequisites",
                        "a module cannot be its own prerequisite",
                    )
                )
    problems += _hours_problem(library, programme_id, members)
    return problems


def _hours_problem(library: Library, programme_id: str, members: Iterable[Entry]) -> list[Problem]:
    programme = library.resolve(programme_id)
    assert programme is not None and isinstance(programme.doc, ProgrammeDocument)
    if programme.doc.hours is None:
        return []
    total = sum(m.doc.hours for m in members if isinstance(m.doc, ModuleDocument))
    if abs(total - programme.doc.hours) < 1e-9:
        return []
    return [
        Problem(
            *_at(programme, "hours"),
            "hours",
            f"the programme says {programme.doc.hours:g} hours but its modules add up to {total:g}",
        )
    ]


def read_glossary(root: Path) -> tuple[list[GlossaryEntry], list[Problem]]:
    """Read and check `glossary.yml` at the library root (absent means an empty glossary)."""
    path = root / GLOSSARY_FILE
    if not path.exists() and not path.is_symlink():
        return [], []
    text = read_text(path, GLOSSARY_FILE)
    if isinstance(text, Problem):
        return [], [text]
    parsed = parse_yaml(text, GLOSSARY_FILE, line_offset=0)
    if isinstance(parsed, list):
        return [], parsed
    data, located = parsed
    try:
        entries = GLOSSARY_ADAPTER.validate_python(data or [])
    except ValidationError as err:
        return [], [_glossary_problem(e, located) for e in err.errors()]
    return entries, _glossary_rules(entries, located)


_GLOSSARY_KEYS = sorted(GlossaryEntry.model_fields)


def _glossary_problem(error: ErrorDetails, located: Located) -> Problem:
    """A schema error of `glossary.yml`, located and worded like a document's."""
    loc = tuple(error["loc"])
    kind, name = error["type"], str(loc[-1]) if loc else "glossary"
    line, col = located.where(loc, key=kind == "extra_forbidden")
    if kind == "missing":
        line, col = located.where(loc[:-1])
        message = f"required key is missing: add '{name}:' to this entry"
    elif kind == "extra_forbidden":
        close = difflib.get_close_matches(name, _GLOSSARY_KEYS, n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else f" (an entry has {', '.join(_GLOSSARY_KEYS)})"
        message = f"unknown key '{name}'{hint}"
    elif kind == "list_type" and not loc:
        message = "the glossary must be a list of entries: '- term: …', 'expansion: …', 'definition: …'"
    else:
        message = f"{error['msg'][0].lower()}{error['msg'][1:]} (got {_shown(error['input'])})"
    return Problem(GLOSSARY_FILE, line, col, ".".join(map(str, loc)) or "glossary", message)


def _glossary_rules(entries: list[GlossaryEntry], located: Located) -> list[Problem]:
    problems: list[Problem] = []
    terms: dict[str, int] = {}
    for i, entry in enumerate(entries):
        if entry.term in terms:
            problems.append(
                Problem(
                    GLOSSARY_FILE,
                    *located.where((i, "term")),
                    f"{i}.term",
                    f"'{entry.term}' is already defined (entry {terms[entry.term] + 1})",
                )
            )
        terms.setdefault(entry.term, i)
    for i, entry in enumerate(entries):
        for j, other in enumerate(entry.see_also):
            if other not in terms:
                problems.append(
                    Problem(
                        GLOSSARY_FILE,
                        *located.where((i, "see_also", j)),
                        f"{i}.see_also",
                        f"'{other}' is not a term of the glossary",
                    )
                )
    return problems
