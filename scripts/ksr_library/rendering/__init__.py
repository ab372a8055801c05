"""Rendering: a document body as sanitised HTML (interim implementation).

The interface (`BodyContext` in, `RenderedBody` out) is what pages and check use; the
renderer behind it is being replaced by Python-Markdown extensions and an allowlist
sanitiser.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import markdown

from ksr_library.glossary import explain_abbreviations
from ksr_library.links import (
    REF,
    Heading,
    escape_raw_html,
    find_refs,
    headings,
    map_outside_code,
    markdown_text,
    relative,
    slugify,
)


@dataclass(frozen=True)
class RefTarget:
    """What a `[[ref]]` resolves to."""

    id: str
    title: str
    url: str
    """Page URL from the site root, e.g. `dokumenty/rek-07/`."""


@dataclass(frozen=True)
class BodyContext:
    """What rendering a body needs to know about the rest of the site."""

    page_url: str
    resolve: Callable[[str], RefTarget | None]
    attachments: Mapping[str, str]
    abbreviations: Mapping[str, str]


@dataclass(frozen=True)
class RefUse:
    """One `[[...]]` occurrence."""

    written: str
    target: str | None
    slug: str | None
    line: int
    col: int


@dataclass(frozen=True)
class Finding:
    """A problem in a body; 1-based line and column within the body."""

    line: int
    col: int
    message: str


@dataclass(frozen=True)
class RenderedBody:
    """A body rendered to sanitised HTML, with what the site needs to know about it."""

    html: str
    toc: list[dict[str, Any]]
    headings: tuple[Heading, ...]
    refs: tuple[RefUse, ...]
    findings: tuple[Finding, ...]
    text: str


_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def render_body(body: str, context: BodyContext) -> RenderedBody:
    """Render a body to HTML."""
    refs = []
    for found in find_refs(body):
        assert found.match is not None
        target = context.resolve(found.match["id"])
        refs.append(
            RefUse(found.value, target.id if target else None, found.match["slug"], found.line, found.col)
        )

    def resolve(piece: str) -> str:
        def link(match: re.Match[str]) -> str:
            target = context.resolve(match["id"])
            if target is None:
                return str(match[0])
            text = match["text"] or target.title
            anchor = f"#{match['slug'].strip()}" if match["slug"] else ""
            return f"[{markdown_text(text.strip())}]({relative(target.url + 'index.md', context.page_url + 'index.md')}{anchor})"

        return REF.sub(link, piece)

    text = escape_raw_html(body.replace("\r\n", "\n"))
    text = map_outside_code(text, resolve)
    text = explain_abbreviations(text, dict(context.abbreviations))
    md = markdown.Markdown(
        extensions=["tables", "footnotes", "def_list", "admonition", "sane_lists", "toc"],
        extension_configs={"toc": {"slugify": slugify, "permalink": False}},
    )
    out = md.convert(text)
    out = re.sub(r'href="([^"#]*?)index\.md', r'href="\1', out)
    plain = _SPACE.sub(" ", html.unescape(_TAG.sub(" ", out))).strip()
    return RenderedBody(out, list(getattr(md, "toc_tokens", [])), tuple(headings(body)), tuple(refs), (), plain)
