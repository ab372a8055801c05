"""Documents: the checked library as typed objects, with lookups by id and alias."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ksr_library.links import Heading
from ksr_library.reading import Located
from ksr_library.rendering.model import RenderedBody
from ksr_library.schema import DocType, Document, GlossaryEntry, ModuleDocument, Status


@dataclass(frozen=True)
class Entry:
    """One valid document with where it came from."""

    doc: Document
    rel: str
    """Path relative to the library folder."""
    path: Path
    body: str
    body_line: int
    """1-based file line where the body starts."""
    located: Located
    headings: tuple[Heading, ...]
    rendered: RenderedBody
    """The body rendered once by check: safe HTML, headings, references and findings."""

    @property
    def key(self) -> str:
        """The id in the case-insensitive form used for lookups."""
        return self.doc.id.casefold()

    @property
    def folder(self) -> Path:
        """The folder holding the document file (attachments are relative to it)."""
        return self.path.parent


@dataclass(frozen=True)
class Library:
    """A checked library: every entry valid, every cross-document rule satisfied."""

    root: Path
    entries: tuple[Entry, ...]
    glossary: tuple[GlossaryEntry, ...] = ()
    include_drafts: bool = False
    _index: dict[str, Entry] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        """Index entries by id and alias, case-insensitively."""
        for entry in self.entries:
            self._index.setdefault(entry.key, entry)
            for alias in entry.doc.aliases:
                self._index.setdefault(alias.casefold(), entry)

    def resolve(self, ref: str) -> Entry | None:
        """The entry with this id or former id (alias), compared case-insensitively."""
        return self._index.get(ref.strip().casefold())

    @cached_property
    def published(self) -> tuple[Entry, ...]:
        """Entries that go into the site, sorted by id: all but drafts (unless asked)."""
        return tuple(
            sorted(
                (e for e in self.entries if self.include_drafts or e.doc.status is not Status.DRAFT),
                key=lambda e: e.doc.id,
            )
        )

    @cached_property
    def published_ids(self) -> frozenset[str]:
        """Ids of the published entries."""
        return frozenset(e.doc.id for e in self.published)

    def is_published(self, doc_id: str) -> bool:
        """Whether the document with this (live) id goes into the site."""
        return doc_id in self.published_ids

    @cached_property
    def _modules(self) -> dict[str, tuple[Entry, ...]]:
        found: dict[str, list[tuple[int, Entry]]] = {}
        for entry in self.published:
            if isinstance(entry.doc, ModuleDocument):
                found.setdefault(entry.doc.programme.casefold(), []).append((entry.doc.order, entry))
        return {
            key: tuple(e for _, e in sorted(items, key=lambda pair: pair[0])) for key, items in found.items()
        }

    def modules_of(self, programme_id: str) -> tuple[Entry, ...]:
        """Published modules of a programme, in their order."""
        return self._modules.get(programme_id.casefold(), ())

    def of_type(self, doc_type: DocType) -> tuple[Entry, ...]:
        """Published entries of one type, sorted by id."""
        return tuple(e for e in self.published if e.doc.type is doc_type)
