"""Previewing: what a live preview keeps between rebuilds, so a change re-renders only what it affects.

`mkdocs serve` rebuilds the whole site after every change. The plugin keeps, across
rebuilds, the pages it rendered and the theme's output for every page, each under a key
made of everything the result depends on; a rebuild then renders again only pages whose
key changed. The library's digest covers every document's canonical metadata, its links,
the files it ships and the glossary, so a changed title re-renders every page (titles
appear everywhere), while a changed body re-renders only its own page.

The search index is built by one worker process that lasts the whole preview and keeps
each entry's counted words between rebuilds (`search_index.counted_terms`), so a rebuild
counts again only the entries whose text changed.

Hand-written pages are kept by their Markdown source, and those with mkdocstrings
directives (`:::`, the API reference) also by the Python sources they document; a kept
page's cross-reference targets are registered again (see [`crossrefs`][ksr_library.crossrefs]).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2.bccache import Bucket, BytecodeCache

from ksr_library.converting import Converted, as_converted, put_in_place
from ksr_library.links import document_src
from ksr_library.normalising import LibraryIndex, NormalisedDocument
from ksr_library.pages.model import SitePage
from ksr_library.parallel import LastingWorker
from ksr_library.search_index import SearchSource, TermCache, counted_terms, search_files

if TYPE_CHECKING:
    from mkdocs.plugins import PluginCollection


def digest(*parts: object) -> str:
    """A short, stable digest of any JSON-able parts."""
    return text_digest(json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str))


def text_digest(text: str) -> str:
    """A short digest of one (long) text: as `digest`, without escaping it as JSON first."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def library_digest(index: LibraryIndex, *context: object) -> str:
    """What every generated page may depend on, but bodies: metadata, links, files, glossary."""
    documents = [
        (
            item.doc.model_dump(mode="json"),
            item.refs,
            [_stat(item.folder / a.file) for a in item.doc.attachments],
            _stat(item.folder / data) if (data := getattr(item.doc, "data", None)) else None,
        )
        for item in index
    ]
    glossary = [g.model_dump(mode="json") for g in index.glossary]
    return digest(documents, glossary, context)


def python_sources(folders: list[Path]) -> list[tuple[str, int, int]]:
    """The Python files under some folders (hidden ones left out), as names, sizes and times.

    What a page of mkdocstrings directives is rendered from: a change to any renders it again.
    """
    files = []
    for folder in folders:
        for parent, subfolders, names in os.walk(folder):
            subfolders[:] = [name for name in subfolders if not name.startswith(".")]
            files += [Path(parent, name) for name in names if name.endswith(".py") and not name.startswith(".")]
    return [(str(p), *found) for p in sorted(files) if (found := _stat(p)) is not None]


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_size, found.st_mtime_ns


class TemplateCache(BytecodeCache):
    """Compiled theme templates kept in memory: MkDocs makes a new Jinja environment every rebuild."""

    def __init__(self) -> None:
        """An empty cache."""
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        """Give a template its compiled code, if it was compiled before from the same source."""
        code = self.compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep a template's compiled code."""
        self.compiled[bucket.key] = bucket.bytecode_to_string()


_COUNTED: TermCache = {}
"""Entries' counted words, kept between rebuilds: filled only in a preview's search worker
process (`PreviewState.search`), and holding the last index's entries only."""


def search_files_kept(sources: Sequence[SearchSource]) -> dict[str, bytes]:
    """The search index's files, counting only entries that changed since the last call here."""
    return search_files(sources, counted_terms(sources, _COUNTED))


@dataclass
class PreviewState:
    """What a preview keeps between rebuilds (one per plugin instance)."""

    library: str = ""
    """The library digest of the last rebuild."""
    pages: dict[str, tuple[str, SitePage]] = field(default_factory=dict)
    """Rendered generated pages by source path, with the key they were rendered under."""
    outputs: dict[str, tuple[str, str, tuple[str, ...]]] = field(default_factory=dict)
    """The theme's finished output by source path: (key, HTML, inline script hashes)."""
    contents: dict[str, Converted] = field(default_factory=dict)
    """Hand-written pages' converted Markdown by key, with what converting them registered."""

    search_key: str = ""
    """The digest of the search index's sources at the last rebuild."""
    search_files: dict[str, bytes] = field(default_factory=dict)
    """The search index's files built from those sources."""
    search: LastingWorker[Sequence[SearchSource], dict[str, bytes]] = field(
        default_factory=lambda: LastingWorker(search_files_kept)
    )
    """The process that builds the search index: started once, kept until the preview ends."""
    templates: TemplateCache = field(default_factory=TemplateCache)
    """The theme's compiled templates."""
    used: set[str] = field(default_factory=set)
    """The content keys this rebuild used; the others are let go at its end."""

    def content(self, key: str, page: Any, html: str, plugins: PluginCollection) -> str:  # noqa: ANN401 - a MkDocs page
        """A hand-written page's HTML: kept from before under `key`, or this one, kept for later.

        A kept page's cross-reference targets are registered again with `plugins`, as
        converting it would have.
        """
        self.used.add(key)
        kept = self.contents.get(key)
        if kept is None:
            self.contents[key] = as_converted(page, html, plugins)
            return html
        return put_in_place(page, kept, plugins)

    def let_go(self) -> None:
        """Forget the hand-written pages' contents this rebuild did not use (edited since)."""
        self.contents = {k: v for k, v in self.contents.items() if k in self.used}
        self.used = set()

    def page_key(self, index: LibraryIndex, src_uri: str) -> str:
        """A generated page's key: the library digest, and a document's own body."""
        item = _document_at(index, src_uri)
        return digest(self.library, text_digest(item.body.html) if item else None)

    def reusable(self, keys: dict[str, str]) -> dict[str, SitePage]:
        """The pages rendered before under the same key."""
        return {src: page for src, (key, page) in self.pages.items() if keys.get(src) == key}

    def keep(self, keys: dict[str, str], pages: dict[str, SitePage]) -> None:
        """Remember this rebuild's pages (only these: nothing grows between rebuilds)."""
        self.pages = {src: (keys[src], page) for src, page in pages.items() if src in keys}


def _document_at(index: LibraryIndex, src_uri: str) -> NormalisedDocument | None:
    """The document whose page stands at `src_uri`, if it is a document's page."""
    found = index.get(src_uri.split("/")[1]) if src_uri.startswith("dokumenty/") else None
    return found if found is not None and document_src(found.id) == src_uri else None
