"""PDF text rebuilding: from positioned lines to paragraphs, headings and lists.

A PDF has no paragraphs, only lines drawn at places. This module rebuilds the text
from [`Line`][ksr_library.importing.pdftext.Line]s, with pure functions:

- running headers and footers are lines among the first or last two of a page that
  come back, digits aside, on at least half of the pages; page numbers are such lines
  that hold only a number (`7`, `- 7 -`, `Strona 7 z 40`, `7/40`); both are dropped;
- the body size is the font size of most characters; a line clearly larger is a
  heading, and the larger, the higher its level;
- a paragraph ends at a gap wider than the usual line spacing, at a change of size,
  before a bullet or a number that starts a list item, and after a short line that
  ends a sentence;
- a word broken at the line end is joined (see
  [`keeps_hyphen`][ksr_library.importing.pdftext.keeps_hyphen]).
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise

from ksr_library.analysis import analyse
from ksr_library.importing.model import Block, FlatItem, Heading, Paragraph, Span, nest_items


@dataclass(frozen=True)
class Line:
    """A line of text as drawn on a page."""

    text: str
    y: float
    """Height of the baseline above the bottom of the page."""
    x: float
    """Distance of the line's start from the left of the page."""
    size: float
    """Font size in points."""


Page = Sequence[Line]

_PAGE_NUMBER = re.compile(
    r"^[-–—\s]*(?:(?:strona|str\.|s\.|page)\s*)?\d{1,4}(?:\s*(?:/|z|ze|of)\s*\d{1,4})?[-–—\s]*$",
    re.IGNORECASE,
)
_EDGE = 2
"""How many lines at the top and at the bottom of a page may be running lines."""
_BULLET = re.compile(r"^(?:(?P<bullet>[•◦▪▫●○■□·▸►✓-])|(?P<number>\d{1,2}|[a-z])[.)])\s+(?P<text>\S.*)$")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_BROKEN = re.compile(r"(?P<head>[^\W\d_]+)-$")
_FIRST_WORD = re.compile(r"^(?P<tail>[^\W\d_]+)")
_SENTENCE_END = re.compile(r"[.!?:;…]['\"”’)]*$")
_COMPOUND_HEAD = re.compile(r"(?:[nlwrtdzsckjm]n|[sc]k|lk|cz|ow|ał|dni)o$")
"""The first part of a Polish compound adjective: społeczno-, polsko-, naukowo-, biało-."""
_ADJECTIVE_TAIL = re.compile(r"(?:ow|[nłl]|sk|ck|cz)(?:y|a|e|i|ej|ego|emu|ym|ymi|ych|ą|ie|ich|im|imi)$")
"""The second part of a compound adjective: -zawodowej, -pomorskie, -badawczy."""
_HEADING_RATIO = 1.15
_PARAGRAPH_GAP = 1.45


def drop_running_lines(pages: Sequence[Page]) -> list[list[Line]]:
    """The pages without running headers, footers and page numbers."""
    keys = [{_running_key(line.text) for line in _edges(page)} for page in pages]
    counts = Counter(key for page_keys in keys for key in page_keys)
    needed = max(2, (len(pages) + 1) // 2)
    running = {key for key, count in counts.items() if count >= needed}
    kept: list[list[Line]] = []
    for page in pages:
        edges = {id(line) for line in _edges(page)}
        kept.append(
            [
                line
                for line in page
                if id(line) not in edges
                or not (_PAGE_NUMBER.match(line.text) or _running_key(line.text) in running)
            ]
        )
    return kept


def _edges(page: Page) -> list[Line]:
    return [*page[:_EDGE], *page[_EDGE:][-_EDGE:]]


def _running_key(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", text.lower())).strip()


@dataclass(frozen=True)
class Vocabulary:
    """The words of a whole document, to decide how a word broken at a line end joins."""

    words: frozenset[str]
    """Lower-case words as written, hyphenated compounds whole."""
    stems: frozenset[str]
    """Search stems of those words."""


def vocabulary(lines: Iterable[str]) -> Vocabulary:
    """The vocabulary of a document's lines, leaving out the pieces of broken words."""
    words: set[str] = set()
    previous_broken = False
    for text in lines:
        found = [m[0].lower() for m in _WORD.finditer(text)]
        broken = bool(_BROKEN.search(text.rstrip()))
        start = 1 if previous_broken else 0
        end = len(found) - 1 if broken else len(found)
        for word in found[start:end]:
            words.add(word)
            words.update(word.split("-"))
        previous_broken = broken
    return Vocabulary(frozenset(words), frozenset(s for w in words for s in analyse(w)))


def keeps_hyphen(head: str, tail: str, words: Vocabulary) -> bool:
    """Whether a hyphen at a line end belongs to the word (`społeczno-zawodowej`).

    A hyphen stays before a capital or a digit (`Kujawsko-Pomorskie`, `2014-2020`),
    after an abbreviation (`KIS-ów`) or a single letter (`e-usługi`). Otherwise the
    document decides: a word seen whole elsewhere, or a word of the same stem, joins
    (`gospo-` + `darki` → `gospodarki`); a compound seen with its hyphen elsewhere keeps
    it. With no evidence, the shape of a Polish compound adjective keeps the hyphen (a
    first part like `społeczno`, `polsko`, `naukowo`, then an adjective like
    `zawodowej`); anything else is joined.

    Args:
        head: The letters before the hyphen at the end of a line.
        tail: The first letters of the next line.
        words: The document's vocabulary.
    """
    if not tail[:1].islower() or len(head) < 2 or (head.isupper() and len(head) <= 6):
        return True
    joined, compound = f"{head}{tail}".lower(), f"{head}-{tail}".lower()
    if joined in words.words:
        return False
    if compound in words.words:
        return True
    if any(stem in words.stems for stem in analyse(joined)):
        return False
    return bool(
        _COMPOUND_HEAD.search(head.lower()) and len(tail) >= 4 and _ADJECTIVE_TAIL.search(tail.lower())
    )


def join_lines(lines: Iterable[str], words: Vocabulary) -> str:
    """Lines of one paragraph as one string, with words broken at line ends joined."""
    parts: list[str] = []
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        last = parts[-1] if parts else ""
        broken = _BROKEN.search(last)
        tail = _FIRST_WORD.match(line)
        if last.endswith("\u00ad"):
            parts[-1] = last[:-1]
        elif broken and tail:
            if not keeps_hyphen(broken["head"], tail["tail"], words):
                parts[-1] = last[:-1]
        elif parts:
            parts.append(" ")
        parts.append(line)
    return "".join(parts)


@dataclass(frozen=True)
class _Group:
    """Consecutive lines that make one block."""

    lines: tuple[Line, ...]
    heading: bool
    bullet: re.Match[str] | None


def rebuild(pages: Sequence[Page]) -> tuple[Block, ...]:
    """The body of a PDF from its pages' lines (running lines already dropped)."""
    lines = [line for page in pages for line in page if line.text.strip()]
    if not lines:
        return ()
    words = vocabulary(line.text for line in lines)
    body = _body_size(lines)
    heading_sizes = sorted({round(line.size) for line in lines if _is_heading(line, body)}, reverse=True)
    blocks: list[Block] = []
    pending: list[FlatItem] = []
    groups = list(_groups(pages, body))
    indents = sorted({round(g.lines[0].x) for g in groups if g.bullet})
    for group in groups:
        if group.bullet:
            first = group.bullet["text"]
            rest = join_lines((line.text for line in group.lines[1:]), words)
            item = join_lines([first, rest], words) if rest else first
            level = indents.index(round(group.lines[0].x))
            pending.append(FlatItem(level, bool(group.bullet["number"]), (Span(item),)))
            continue
        blocks.extend(nest_items(pending))
        pending.clear()
        text = join_lines((line.text for line in group.lines), words)
        if group.heading:
            level = 2 + min(heading_sizes.index(round(group.lines[0].size)), 2)
            blocks.append(Heading(level, (Span(text),)))
        else:
            blocks.append(Paragraph((Span(text),)))
    blocks.extend(nest_items(pending))
    return tuple(blocks)


def _body_size(lines: Sequence[Line]) -> float:
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[round(line.size * 2) / 2] += len(line.text)
    return sizes.most_common(1)[0][0]


def _is_heading(line: Line, body: float) -> bool:
    return line.size >= body * _HEADING_RATIO and len(line.text) <= 150


def _line_gap(pages: Sequence[Page], body: float) -> float:
    gaps = [
        above.y - below.y
        for page in pages
        for above, below in pairwise(page)
        if abs(above.size - body) < 0.5 and abs(below.size - body) < 0.5 and above.y > below.y
    ]
    return statistics.median(gaps) if gaps else body * 1.2


def _groups(pages: Sequence[Page], body: float) -> Iterator[_Group]:
    gap = _line_gap(pages, body)
    lengths = sorted(len(line.text) for page in pages for line in page)
    full = lengths[int(len(lengths) * 0.9)] if lengths else 0
    current: list[Line] = []
    kind: tuple[bool, re.Match[str] | None] = (False, None)
    for page_index, page in enumerate(pages):
        for index, line in enumerate(page):
            heading = _is_heading(line, body)
            bullet = None if heading else _BULLET.match(line.text.strip())
            previous = current[-1] if current else None
            new_page = index == 0 and page_index > 0
            if previous is None or _starts_block(
                previous,
                line,
                heading=heading,
                bullet=bullet,
                in_heading=kind[0],
                gap=gap,
                full=full,
                new_page=new_page,
            ):
                if current:
                    yield _Group(tuple(current), *kind)
                current, kind = [], (heading, bullet)
            current.append(line)
    if current:
        yield _Group(tuple(current), *kind)


def _starts_block(
    previous: Line,
    line: Line,
    *,
    heading: bool,
    bullet: re.Match[str] | None,
    in_heading: bool,
    gap: float,
    full: int,
    new_page: bool,
) -> bool:
    ended = bool(_SENTENCE_END.search(previous.text.rstrip()))
    if heading != in_heading or bullet is not None:
        return True
    if heading:
        return abs(line.size - previous.size) > 0.5 or previous.y - line.y > gap * 2
    if new_page:
        return ended and not line.text[:1].islower()
    if previous.y - line.y > gap * _PARAGRAPH_GAP or previous.y < line.y:
        return True
    return ended and len(previous.text.strip()) < full * 0.8
