"""Normalising: checked documents in canonical form, ready to become pages.

Canonical means: defaults filled in, lists whose order has no meaning sorted and without
repeats, references by alias replaced by the live id, dates as ISO strings in the
catalogue, raw HTML escaped, and `[[ID]]` links rewritten as Markdown links to the target
page. Normalising is idempotent: a normalised document normalises to itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ksr_library.documents import Entry, Library
from ksr_library.links import REF, document_src, escape_raw_html, map_outside_code, markdown_text, relative
from ksr_library.schema import Audience, Document, ModuleDocument, Region

_AUDIENCE_ORDER = {a: i for i, a in enumerate(Audience)}
_REGION_ORDER = {r: i for i, r in enumerate(Region)}


@dataclass(frozen=True)
class NormalisedDocument:
    """A document in canonical form, with its body ready for the page."""

    entry: Entry
    doc: Document
    body: str
    """Markdown body: raw HTML escaped, links by id resolved to relative page links."""

    @property
    def id(self) -> str:
        """The document's id."""
        return self.doc.id


def _canonical_ids(library: Library, ids: list[str]) -> list[str]:
    """Ids with aliases replaced by the live id, sorted, without repeats."""
    resolved = [entry.doc.id if (entry := library.resolve(i)) else i for i in ids]
    return sorted(set(resolved))


def canonical(doc: Document, library: Library) -> Document:
    """The same document with canonical metadata (sorted, de-duplicated, aliases resolved)."""
    update: dict[str, Any] = {
        "audience": sorted(set(doc.audience), key=_AUDIENCE_ORDER.__getitem__),
        "tags": sorted(set(doc.tags)),
        "region": sorted(set(doc.region), key=_REGION_ORDER.__getitem__),
        "related": _canonical_ids(library, doc.related),
        "aliases": sorted(set(doc.aliases)),
        "history": sorted(doc.history, key=lambda h: (h.date, _version_key(h.version)), reverse=True),
    }
    if doc.superseded_by:
        update["superseded_by"] = _canonical_ids(library, [doc.superseded_by])[0]
    if isinstance(doc, ModuleDocument):
        update["programme"] = _canonical_ids(library, [doc.programme])[0]
        update["prerequisites"] = _canonical_ids(library, doc.prerequisites)
    return doc.model_copy(update=update)


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def normalise_body(body: str, library: Library, source: str) -> str:
    """Escape raw HTML and resolve links by id, relative to the page at `source`."""

    def resolve(piece: str) -> str:
        def link(match: Any) -> str:  # noqa: ANN401 - re.Match
            target = library.resolve(match["id"])
            if target is None:
                return str(match[0])
            text = match["text"] or target.doc.title
            anchor = f"#{match['slug'].strip()}" if match["slug"] else ""
            return f"[{markdown_text(text.strip())}]({relative(document_src(target.doc.id), source)}{anchor})"

        return REF.sub(link, piece)

    text = escape_raw_html(body.replace("\r\n", "\n"))
    text = map_outside_code(text, resolve)
    return text.rstrip() + "\n"


def normalise(entry: Entry, library: Library) -> NormalisedDocument:
    """Normalise one checked document."""
    doc = canonical(entry.doc, library)
    return NormalisedDocument(entry, doc, normalise_body(entry.body, library, document_src(doc.id)))


def normalise_library(library: Library) -> list[NormalisedDocument]:
    """Normalise every published document, sorted by id."""
    return [normalise(entry, library) for entry in library.published]
