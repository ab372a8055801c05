"""The types a rendered body is described with: what goes in, what comes out."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ksr_library.links import Heading


@dataclass(frozen=True)
class RefTarget:
    """What a `[[ref]]` resolves to."""

    id: str
    title: str
    url: str
    """Page URL from the site root, e.g. `dokumenty/rek-07/`."""


@dataclass(frozen=True)
class BodyContext:
    """Everything a body needs from outside to be rendered."""

    page_url: str
    """URL of the page being rendered, from the site root, e.g. `dokumenty/rek-07/`."""
    resolve: Callable[[str], RefTarget | None]
    """Id or alias, in any case, to its target; `None` when no document has it."""
    attachments: Mapping[str, str]
    """Attachment `file` as written in the front matter → its URL from the site root."""
    abbreviations: Mapping[str, str]
    """Glossary abbreviation → expansion."""


@dataclass(frozen=True)
class RefUse:
    """One `[[...]]` occurrence, for backlinks and check."""

    written: str
    """The reference as written, e.g. `[[REK-07#cele|cele]]`."""
    target: str | None
    """The id it resolves to, or `None` when no document has it."""
    slug: str | None
    """The heading slug after `#`, if any."""
    line: int
    """1-based line within the body."""
    col: int
    """1-based column within the line."""


@dataclass(frozen=True)
class Finding:
    """A problem in a body, at a 1-based line and column within the body."""

    line: int
    col: int
    message: str
    ref: RefUse | None = None
    """The reference the finding is about (an unknown id), so a caller can word it better."""


@dataclass(frozen=True)
class RenderedBody:
    """A body rendered to safe HTML, with what check and the page need to know about it."""

    html: str
    """Sanitised HTML."""
    toc: list[dict[str, Any]]
    """Python-Markdown `toc_tokens`, fit for `mkdocs.structure.toc.get_toc`."""
    headings: tuple[Heading, ...]
    refs: tuple[RefUse, ...]
    findings: tuple[Finding, ...]
    text: str
    """Plain readable text of the rendered body, for search snippets."""


NOT_RENDERED = RenderedBody("", [], (), (), (), "")
"""Stands for a body before it is rendered (an entry is made before the library can resolve ids)."""
