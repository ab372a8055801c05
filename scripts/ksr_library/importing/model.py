"""The document model every reader produces and the Markdown writer consumes.

A reader turns one file into an [`Extracted`][ksr_library.importing.model.Extracted]:
its properties, its body as blocks, its pictures and what the editor should know.
Blocks are plain frozen data, so readers and the writer stay pure and testable.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Span:
    """A run of text with one formatting."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None
    """The target URL; only http, https and mailto survive the reader."""


Inline = tuple[Span, ...]
"""The text of a paragraph, heading, list item or table cell."""


@dataclass(frozen=True)
class Heading:
    """A heading; level 2 is the highest in a body (the title is level 1)."""

    level: int
    spans: Inline


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of text."""

    spans: Inline


@dataclass(frozen=True)
class ListItem:
    """One item of a list, with the lists nested under it."""

    spans: Inline
    children: tuple[ListBlock, ...] = ()


@dataclass(frozen=True)
class ListBlock:
    """A bullet list or a numbered list."""

    ordered: bool
    items: tuple[ListItem, ...]


@dataclass(frozen=True)
class Table:
    """A table; the first row is its header row."""

    rows: tuple[tuple[Inline, ...], ...]


@dataclass(frozen=True)
class Figure:
    """A picture in the text: the index of its [`Picture`][ksr_library.importing.model.Picture]."""

    picture: int
    alt: str


@dataclass(frozen=True)
class Quote:
    """A quotation block (speaker notes of a slide)."""

    blocks: tuple[Block, ...]


Block = Heading | Paragraph | ListBlock | Table | Figure | Quote


@dataclass(frozen=True)
class Picture:
    """An image found in the file, ready to be saved as an attachment."""

    data: bytes
    extension: str
    """`png`, `jpg` or `webp`: the only picture formats that become attachments."""


@dataclass(frozen=True)
class Properties:
    """What the file says about itself."""

    title: str = ""
    authors: tuple[str, ...] = ()
    created: dt.date | None = None
    modified: dt.date | None = None


@dataclass(frozen=True)
class Extracted:
    """Everything a reader took from one file."""

    properties: Properties
    blocks: tuple[Block, ...]
    pictures: tuple[Picture, ...] = ()
    notes: tuple[str, ...] = field(default=())
    """What the editor must check, e.g. a dropped link or a picture in an unusable format."""


@dataclass(frozen=True)
class FlatItem:
    """A list item as flat formats give it: a level, a kind and its text."""

    level: int
    ordered: bool
    spans: Inline


def nest_items(flat: Iterable[FlatItem]) -> tuple[ListBlock, ...]:
    """Nest flat list items by level into lists with sub-lists.

    A deeper item opens a list under the item before it, however many levels it skips;
    a shallower item closes lists back to its level. A new top-level list starts where
    the kind (bullets or numbers) of a top-level item changes; a nested list takes the
    kind of its first item. Items at levels 0, 1, 1, 0 give a list of two items whose
    first holds a list of two.
    """
    items = list(flat)
    if not items:
        return ()
    top = min(item.level for item in items)
    lists: list[ListBlock] = []
    start = 0
    while start < len(items):
        end = start + 1
        while end < len(items) and not (
            items[end].level == top and items[end].ordered != items[start].ordered
        ):
            end += 1
        block, _ = _nest(items[start:end], 0, top)
        lists.append(block)
        start = end
    return tuple(lists)


def _nest(items: list[FlatItem], start: int, level: int) -> tuple[ListBlock, int]:
    """The list at `level` starting at `items[start]`, and the index after it."""
    built: list[ListItem] = []
    i = start
    while i < len(items) and items[i].level >= level:
        if items[i].level > level and built:
            child, i = _nest(items, i, items[i].level)
            last = built[-1]
            built[-1] = ListItem(last.spans, (*last.children, child))
            continue
        built.append(ListItem(items[i].spans))
        i += 1
    return ListBlock(items[start].ordered, tuple(built)), i


def plain(spans: Inline) -> str:
    """The text of spans without formatting."""
    return "".join(span.text for span in spans)


def block_text(block: Block) -> list[str]:
    """The plain text of a block, one string per paragraph-like part."""
    if isinstance(block, Heading | Paragraph):
        return [plain(block.spans)]
    if isinstance(block, ListBlock):
        return [text for item in block.items for text in _item_text(item)]
    if isinstance(block, Table):
        return [" ".join(plain(cell) for cell in row) for row in block.rows]
    if isinstance(block, Quote):
        return [text for inner in block.blocks for text in block_text(inner)]
    return [block.alt] if block.alt else []


def _item_text(item: ListItem) -> list[str]:
    return [plain(item.spans), *(text for child in item.children for text in block_text(child))]


def plain_text(blocks: Iterable[Block]) -> str:
    """The plain text of blocks, a paragraph a line: what search indexes."""
    return "\n".join(text for block in blocks for text in block_text(block) if text.strip())


_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
_SPACES = re.compile(r"[\s\u00a0\u2028\u2029]+")
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})


def clean_text(text: str) -> str:
    """Text as it goes into a document: one line, single spaces, nothing invisible.

    Control characters, soft hyphens, zero-width and bidirectional controls are removed;
    every run of white space (tabs, line breaks, no-break spaces) becomes one space; PDF
    ligatures (`ﬁ`) become letters. Leading and trailing spaces are kept as one space, so
    that spans joined together keep their word gaps.
    """
    return _SPACES.sub(" ", _INVISIBLE.sub("", text).translate(_LIGATURES))


def joined(parts: Iterable[Inline]) -> Inline:
    """Several paragraphs' spans as one line, a space between them (for table cells)."""
    spans: list[Span] = []
    for part in parts:
        if spans:
            spans.append(Span(" "))
        spans.extend(part)
    return tuple(spans)


def split_authors(text: str | None) -> tuple[str, ...]:
    """Authors as document properties hold them: one string, names separated by `;`."""
    return tuple(name.strip() for name in (text or "").split(";") if name.strip())


def office_properties(core: Any, title: str) -> Properties:  # noqa: ANN401 - python-docx or python-pptx
    """The core properties of a Word or PowerPoint package; `title` when it names none."""
    return Properties(
        title=core.title or title,
        authors=split_authors(core.author),
        created=core.created.date() if core.created else None,
        modified=core.modified.date() if core.modified else None,
    )
