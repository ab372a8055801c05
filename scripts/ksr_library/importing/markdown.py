"""Markdown writer: the document model as a body our renderer reads as intended.

Imported text is data, never markup: every character Markdown or HTML could read as
syntax is escaped, so text such as `<script>`, `[[REK-07]]`, `*` or `1. ` at the start
of a line stays text. Only the structure the readers found becomes Markdown: headings,
paragraphs, lists nested by four spaces, tables with their header row, emphasis, links
with an allowed scheme and pictures that are attachments.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import groupby
from urllib.parse import quote

from ksr_library.importing.model import (
    Block,
    Figure,
    Heading,
    Inline,
    ListBlock,
    Paragraph,
    Span,
    Table,
    clean_text,
)
from ksr_library.rendering.policy import as_browser_reads, url_problem
from ksr_library.rendering.sanitising import SAFE_SCHEMES

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]|{}])")
_NUMBER_START = re.compile(r"^(\d+)([.)])(?=\s|$)")
_EQUALS_RULE = re.compile(r"^=+\s*$")
_URL_SAFE = ":/?#@!$&'*+,;=%~[]"
_INDENT = "    "
_FILE_NAME = re.compile(r"^[\w.-]+\.[A-Za-z]{3,4}$")
"""Alt text that is only a file name (what office programs put there) says nothing."""


def escape_text(text: str) -> str:
    r"""Escape text so Markdown and HTML show it literally, wherever it stands in a line.

    Examples:
        >>> escape_text("a *b* [[REK-07]] <b>")
        'a \\*b\\* \\[\\[REK-07\\]\\] &lt;b>'
    """
    text = text.replace("&", "&amp;")
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    return text.replace("<", "&lt;")


def _guard_line_start(line: str) -> str:
    """Escape what would make a line a block of its own (list, heading, rule, quote …)."""
    if line[:1] in {"-", "+", "#", ">", "!"}:
        return "\\" + line
    if number := _NUMBER_START.match(line):
        return f"{number[1]}\\{line[len(number[1]) :]}"
    if line[:1] == "~" or _EQUALS_RULE.match(line) or re.match(r"^:\s", line):
        return f"&#{ord(line[0])};{line[1:]}"
    return line


def allowed_link(url: str | None) -> str | None:
    """The URL as a Markdown link target when its scheme is http, https or mailto, else `None`."""
    if not url:
        return None
    quoted = quote(url.strip(), safe=_URL_SAFE)
    scheme = as_browser_reads(quoted).partition(":")[0].lower()
    if scheme not in SAFE_SCHEMES or url_problem(quoted, {}) is not None:
        return None
    return quoted


def inline(spans: Inline) -> str:
    """Spans as one line of Markdown: escaped text with emphasis and links."""
    cleaned = [Span(clean_text(s.text), s.bold, s.italic, allowed_link(s.link)) for s in spans]
    parts: list[str] = []
    for (bold, italic, link), group in groupby(cleaned, key=lambda s: (s.bold, s.italic, s.link)):
        text = "".join(span.text for span in group)
        parts.append(_formatted(text, bold=bold, italic=italic, link=link))
    return re.sub(" {2,}", " ", "".join(parts)).strip()


def _formatted(text: str, *, bold: bool, italic: bool, link: str | None) -> str:
    core = text.strip()
    if not core:
        return text
    lead = " " if text[0] == " " else ""
    trail = " " if text[-1] == " " else ""
    marker = "*" * ((2 if bold else 0) + (1 if italic else 0))
    body = f"{marker}{escape_text(core)}{marker}"
    if link:
        body = f"[{body}]({link})"
    return f"{lead}{body}{trail}"


def to_markdown(blocks: Sequence[Block], pictures: Sequence[str]) -> str:
    """The body of a document: blocks separated by blank lines, ending in one newline.

    Args:
        blocks: The body as the reader found it.
        pictures: For each picture index, its path relative to the document's folder.
    """
    rendered = [text for block in blocks if (text := _block(block, pictures))]
    return "\n\n".join(rendered) + "\n" if rendered else ""


def _block(block: Block, pictures: Sequence[str]) -> str:
    if isinstance(block, Heading):
        text = inline(block.spans).replace("#", "\\#")
        return f"{'#' * max(2, min(block.level, 6))} {text}" if text else ""
    if isinstance(block, Paragraph):
        return _guard_line_start(inline(block.spans))
    if isinstance(block, ListBlock):
        return "\n".join(_list_lines(block, 0))
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Figure):
        alt = clean_text(block.alt).strip()
        alt = "" if _FILE_NAME.match(alt) else alt
        return f"![{escape_text(alt)}]({pictures[block.picture]})"
    inner = to_markdown(block.blocks, pictures).rstrip("\n")
    return "\n".join(f"> {line}" if line else ">" for line in inner.split("\n")) if inner else ""


def _list_lines(block: ListBlock, depth: int) -> Iterator[str]:
    marker = "1." if block.ordered else "-"
    for item in block.items:
        text = _guard_line_start(inline(item.spans))
        if not text and not item.children:
            continue
        yield f"{_INDENT * depth}{marker} {text or '…'}"
        for child in item.children:
            yield from _list_lines(child, depth + 1)


def _table(table: Table) -> str:
    width = max((len(row) for row in table.rows), default=0)
    if not width:
        return ""
    lines = []
    for i, row in enumerate(table.rows):
        cells = [inline(cell) for cell in row] + [""] * (width - len(row))
        lines.append("| " + " | ".join(cells) + " |")
        if i == 0:
            lines.append("|" + " --- |" * width)
    return "\n".join(lines)
