"""Normalising: the checked library in canonical form, and the one index everything reads.

Canonical means: defaults filled in, lists whose order has no meaning sorted and without
repeats, references by alias replaced by the live id, and the body rendered (by the same
renderer `check` used) to sanitised HTML. Normalising is idempotent: a normalised
document normalises to itself.

Everything downstream (navigation, pages, `library.json`, the feed, redirects, the search
index) reads only the [`LibraryIndex`][ksr_library.normalising.LibraryIndex] built here
from the normalised documents, never the raw entries.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from ksr_library.collation import polish_sorted
from ksr_library.documents import Entry, Library
from ksr_library.labels import topic_label
from ksr_library.rendering import RenderedBody
from ksr_library.schema import (
    Audience,
    DocType,
    Document,
    GlossaryEntry,
    ModuleDocument,
    Region,
    Status,
)

_AUDIENCE_ORDER = {a: i for i, a in enumerate(Audience)}
_REGION_ORDER = {r: i for i, r in enumerate(Region)}


@dataclass(frozen=True)
class NormalisedDocument:
    """A document in canonical form, with its rendered body and where its files are."""

    doc: Document
    """Canonical metadata."""
    rel: str
    """The source file, relative to the library folder."""
    folder: Path
    """The folder of the source file: attachments and data files are relative to it."""
    body: RenderedBody
    """The body as rendered (and sanitised) by [`rendering`][ksr_library.rendering]."""
    refs: tuple[str, ...] = ()
    """Live ids of the other documents this one links to by `[[ID]]`, sorted."""

    @property
    def id(self) -> str:
        """The document's id."""
        return self.doc.id

    @property
    def key(self) -> str:
        """The id in the case-insensitive form used for lookups."""
        return self.doc.id.casefold()


def _canonical_ids(library: Library, ids: Iterable[str]) -> list[str]:
    """Ids with aliases replaced by the live id, sorted, without repeats."""
    return sorted({entry.doc.id if (entry := library.resolve(i)) else i for i in ids})


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def canonical(doc: Document, library: Library) -> Document:
    """The same document with canonical metadata (sorted, de-duplicated, aliases resolved)."""
    update: dict[str, Any] = {
        "audience": sorted(set(doc.audience), key=_AUDIENCE_ORDER.__getitem__),
        "tags": polish_sorted(set(doc.tags)),
        "region": sorted(set(doc.region), key=_REGION_ORDER.__getitem__),
        "related": _canonical_ids(library, doc.related),
        "aliases": sorted(set(doc.aliases)),
        "history": sorted(doc.history, key=lambda h: (h.date, _version_key(h.version)), reverse=True),
    }
    if doc.superseded_by:
        update["superseded_by"] = _canonical_ids(library, [doc.superseded_by])[0]
    if doc.replaced_by:
        update["replaced_by"] = _canonical_ids(library, [doc.replaced_by])[0]
    if isinstance(doc, ModuleDocument):
        update["programme"] = _canonical_ids(library, [doc.programme])[0]
        update["prerequisites"] = _canonical_ids(library, doc.prerequisites)
    return doc.model_copy(update=update)


def normalise(entry: Entry, library: Library) -> NormalisedDocument:
    """Normalise one checked document."""
    doc = canonical(entry.doc, library)
    refs = _canonical_ids(library, (use.target for use in entry.rendered.refs if use.target))
    return NormalisedDocument(doc, entry.rel, entry.folder, entry.rendered, tuple(r for r in refs if r != doc.id))


@dataclass(frozen=True)
class LibraryIndex:
    """The normalised library: the published documents and every lookup pages need.

    Built only from normalised documents, so every reader sees ids resolved, lists
    de-duplicated and modules attached to their programme by its live id.
    """

    root: Path
    """The library folder."""
    documents: tuple[NormalisedDocument, ...]
    """Every document that goes into the site, sorted by id."""
    glossary: tuple[GlossaryEntry, ...] = ()
    _by_name: dict[str, NormalisedDocument] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        """Index the documents by id and former id, case-insensitively."""
        for item in self.documents:
            self._by_name.setdefault(item.key, item)
            for alias in item.doc.aliases:
                self._by_name.setdefault(alias.casefold(), item)

    def __iter__(self) -> Iterator[NormalisedDocument]:
        """The documents, sorted by id."""
        return iter(self.documents)

    def __len__(self) -> int:
        """How many documents go into the site."""
        return len(self.documents)

    def get(self, name: str) -> NormalisedDocument | None:
        """The document with this id or former id (any letter case), if it is in the site."""
        return self._by_name.get(name.strip().casefold())

    def require(self, name: str) -> NormalisedDocument:
        """The document with this id or former id; it must be in the site.

        Raises:
            KeyError: No document of the site has that id (a bug: check guarantees it).
        """
        found = self.get(name)
        if found is None:
            raise KeyError(name)
        return found

    def of_type(self, doc_type: DocType) -> tuple[NormalisedDocument, ...]:
        """Documents of one type, sorted by id."""
        return tuple(d for d in self.documents if d.doc.type is doc_type)

    def for_audience(self, audience: Audience) -> tuple[NormalisedDocument, ...]:
        """Documents meant for an audience, sorted by id."""
        return tuple(d for d in self.documents if audience in d.doc.audience)

    @cached_property
    def _glossary_terms(self) -> tuple[str, ...]:
        return tuple(g.term for g in self.glossary)

    def topic(self, tag: str) -> str:
        """A tag's label: its words, with abbreviations the glossary knows in their capitals."""
        return topic_label(tag, self._glossary_terms)

    def linked(self, ids: Iterable[str]) -> tuple[NormalisedDocument, ...]:
        """The documents of these ids that are in the site, in the given order."""
        return tuple(found for i in ids if (found := self.get(i)) is not None)

    @cached_property
    def _modules(self) -> dict[str, tuple[NormalisedDocument, ...]]:
        found: dict[str, list[NormalisedDocument]] = {}
        for item in self.documents:
            if isinstance(item.doc, ModuleDocument):
                found.setdefault(item.doc.programme, []).append(item)
        return {
            programme: tuple(sorted(items, key=lambda d: d.doc.order))  # type: ignore[union-attr]
            for programme, items in found.items()
        }

    def modules_of(self, programme_id: str) -> tuple[NormalisedDocument, ...]:
        """The modules of a programme (by its live id), in their order."""
        return self._modules.get(programme_id, ())

    @cached_property
    def _backlinks(self) -> dict[str, tuple[NormalisedDocument, ...]]:
        found = linked_from(self.documents)
        return {
            target: self.linked(sorted(sources)) for target, sources in found.items() if self.get(target) is not None
        }

    def backlinks(self, doc_id: str) -> tuple[NormalisedDocument, ...]:
        """The documents that link to this one or list it as related, sorted by id."""
        return self._backlinks.get(doc_id, ())


def linked_from(documents: Iterable[NormalisedDocument]) -> dict[str, set[str]]:
    """The links among documents, reversed: what links to each document.

    Args:
        documents: The documents whose links count.

    Returns:
        Each id they link to by `[[ID]]` or list as related → the ids of those that do;
        a document's links to itself are left out.
    """
    found: dict[str, set[str]] = {}
    for item in documents:
        for target in {*item.refs, *item.doc.related}:
            if target != item.id:
                found.setdefault(target, set()).add(item.id)
    return found


def normalise_library(library: Library) -> LibraryIndex:
    """Normalise every document that goes into the site and index them."""
    documents = tuple(normalise(entry, library) for entry in library.published)
    return LibraryIndex(library.root, documents, library.glossary)


def is_current(item: NormalisedDocument) -> bool:
    """Whether a document is neither withdrawn nor superseded (nor a draft)."""
    return item.doc.status is Status.PUBLISHED
