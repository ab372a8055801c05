"""Links: heading slugs, `[[ID]]` references, URLs of pages, and the old body scanning.

The renderer (`ksr_library.rendering`) decides what a body's links, code and raw HTML are;
the regex scanning left here (code spans, references, raw HTML escaping) serves the old page
path until it goes.
"""

from __future__ import annotations

import posixpath
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

_POLISH = str.maketrans("ąćęłńóśźż", "acelnoszz")
_NON_WORD = re.compile(r"[\W_]+")


def slugify(value: str, separator: str = "-") -> str:
    """Slug of a heading as the format defines it.

    Lower case, Polish letters without diacritics, every run of characters that are not
    letters or digits turned into one separator, none at either end. Also usable as
    Python-Markdown's `toc` slugify function.

    Examples:
        >>> slugify("Zadania Zespołu Synergii Lokalnej")
        'zadania-zespolu-synergii-lokalnej'
    """
    return _NON_WORD.sub(separator, value.lower().translate(_POLISH)).strip(separator)


REF = re.compile(
    r"(?<!\\)\[\[(?P<id>[^\[\]|#\\\n]{1,100}?)(?:#(?P<slug>[^\[\]|\\\n]{1,200}?))?(?:\\?\|(?P<text>[^\[\]\n]{1,500}?))?\]\]"
)
"""A reference by id: `[[ID]]`, `[[ID|text]]`, `[[ID#slug]]` or `[[ID#slug|text]]`.

Inside a Markdown table, escape the bar, `[[ID\\|text]]`, so that it does not split the cell.
A backslash before it (`\\[[ID]]`) keeps it as text. No part may contain a bracket, and each
is bounded in length, so that finding every reference in a body takes linear time.
"""

_FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})", re.MULTILINE)
_CODE_SPAN = re.compile(r"(?<!`)(?P<ticks>`+)(?!`).+?(?<!`)(?P=ticks)(?!`)", re.DOTALL)
_AUTOLINK = re.compile(r"<(?P<url>[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*|[^<>\s@]+@[^<>\s]+)>")
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
_NEWLINE = re.compile("\n")


@lru_cache(maxsize=256)
def code_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Character ranges of fenced code blocks and inline code spans, in order."""
    if "`" not in text and "~~~" not in text:
        return ()
    spans: list[tuple[int, int]] = []
    pos = 0
    while match := _FENCE.search(text, pos):
        fence = match["fence"]
        closing = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$", re.MULTILINE)
        end_match = closing.search(text, match.end())
        end = end_match.end() if end_match else len(text)
        spans.append((match.start(), end))
        pos = end
    inline: list[tuple[int, int]] = []
    for start, end in _gaps(text, spans):
        if "`" in text[start:end]:
            inline.extend((m.start() + start, m.end() + start) for m in _CODE_SPAN.finditer(text[start:end]))
    return tuple(sorted(spans + inline))


def _gaps(text: str, spans: Iterable[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    pos = 0
    for start, end in spans:
        yield pos, start
        pos = end
    yield pos, len(text)


def outside_code(text: str) -> Iterator[tuple[int, str]]:
    """The pieces of text outside code, each with its offset."""
    for start, end in _gaps(text, code_spans(text)):
        if end > start:
            yield start, text[start:end]


def map_outside_code(text: str, transform: Callable[[str], str]) -> str:
    """Apply a text transform to everything outside code, keeping code as written."""
    out: list[str] = []
    pos = 0
    for start, end in code_spans(text):
        out.append(transform(text[pos:start]))
        out.append(text[start:end])
        pos = end
    out.append(transform(text[pos:]))
    return "".join(out)


@dataclass(frozen=True)
class Heading:
    """A heading of a document body."""

    level: int
    text: str
    slug: str
    line: int
    """1-based line within the body."""


@dataclass(frozen=True)
class Found:
    """Something found in a body, with its 1-based line and column within the body."""

    value: str
    line: int
    col: int
    match: re.Match[str] | None = None


@lru_cache(maxsize=64)
def _line_starts(text: str) -> tuple[int, ...]:
    return (0, *(match.end() for match in _NEWLINE.finditer(text)))


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    starts = _line_starts(text)
    line = bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1


def find_refs(body: str) -> list[Found]:
    """Every `[[ID…]]` reference outside code."""
    return [
        Found(m[0], *_position(body, start + m.start()), match=m)
        for start, piece in outside_code(body)
        for m in REF.finditer(piece)
    ]


def escape_raw_html(text: str) -> str:
    """Escape raw HTML tags and comments outside code, keeping Markdown autolinks.

    Raw HTML in a body is shown as text, so `<script>` can never run. Autolinks such as
    `<https://example.org>` stay links.
    """

    def escape(piece: str) -> str:
        out, pos = [], 0
        for match in _TAG_START.finditer(piece):
            if _AUTOLINK.match(piece, match.start()):
                continue
            out.append(piece[pos : match.start()] + "&lt;")
            pos = match.end()
        out.append(piece[pos:])
        return "".join(out)

    return map_outside_code(text, escape)


def markdown_text(text: str) -> str:
    """Escape text so Markdown shows it literally inside a link or a paragraph."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_\[\]])", r"\\\1", escaped)


DOCUMENTS_DIR = "dokumenty"
"""Folder of document pages in the site; a document's URL is `dokumenty/<id>/`."""
ATTACHMENTS_DIR = "pliki"
"""Folder of a document's attachments, inside its page's folder."""
PERMALINK_DIR = "r"
"""Folder of permalinks in the site: `r/<ID>/` redirects to the document."""


def document_url(doc_id: str) -> str:
    """URL of a document's page relative to the site root; depends only on the id."""
    return f"{DOCUMENTS_DIR}/{doc_id.lower()}/"


def attachment_url(doc_id: str, file: str) -> str:
    """URL of a document's attachment relative to the site root: `dokumenty/<id>/pliki/<name>`."""
    return f"{document_url(doc_id)}{ATTACHMENTS_DIR}/{posixpath.basename(file)}"


def permalink_url(doc_id: str) -> str:
    """The permalink of an id or former id, relative to the site root: `r/<ID>/`."""
    return f"{PERMALINK_DIR}/{doc_id}/"


def document_src(doc_id: str) -> str:
    """Source path of a document's generated page, relative to the docs folder."""
    return f"{document_url(doc_id)}index.md"


def relative(target: str, source: str) -> str:
    """Relative link from one docs-relative source file to a docs-relative target."""
    base = posixpath.dirname(source) or "."
    return posixpath.relpath(target, base)
