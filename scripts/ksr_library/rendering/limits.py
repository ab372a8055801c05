"""Limits that keep rendering linear on hostile bodies, each with a located message.

Where Python-Markdown is superlinear, and what we do about it:

- fenced code: a search from every opening fence to the end, and a copy of the text per
  block; replaced by a one-pass finder (fences (`ksr_library.rendering.fences`));
- the block parser takes blocks from the front of a list; given a constant-time `Blocks`;
- nesting (quotes, lists, indentation) recurses once per level: a line deeper than
  `MAX_DEPTH` is reported and the body is shown as preformatted text;
- brackets: each `[` (and `(` after `]`) is paired by scanning forward; a block whose
  pairing would cost more than `MAX_BRACKET_WORK` is shown as written and reported;
- inline markup: the block's text is rebuilt after each match; a block whose markup times
  its length exceeds `MAX_INLINE_WORK` is shown as written and reported.

Measured on 2 MB bodies made of one repeated unit (`[[`, `[`, backticks, `<`, `*_`,
nested `>` and lists, table rows, `![`, code spans): each renders in 0.1 to 20 seconds on
a loaded 2-core machine, ten times the time of a body a tenth the size.
"""

from __future__ import annotations

import itertools
import re
from xml.etree import ElementTree as etree  # noqa: N813 - the name Python-Markdown uses

from markdown import Markdown
from markdown.util import AtomicString

from ksr_library.rendering.extensions import PlainText, Seen, SessionTreeprocessor

MAX_DEPTH = 32
"""Containers (block quotes, list items, indented blocks) nested in one another."""
_CONTAINERS = re.compile(r"^(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))+", re.MULTILINE)
_MARKER = re.compile(r">|[-*+]|\d{1,9}[.)]")


def too_deep(source: str) -> tuple[int, str] | None:
    """The first line nested more than `MAX_DEPTH` containers deep, with a message, or `None`."""
    for match in _CONTAINERS.finditer(source):
        prefix = match[0]
        markers = sum(1 for _ in itertools.islice(_MARKER.finditer(prefix), MAX_DEPTH + 1))
        depth = markers + len(prefix[: 16 * (MAX_DEPTH + 1)].expandtabs(4)) // 16
        if depth > MAX_DEPTH:
            line = source.count("\n", 0, match.start()) + 1
            return line, (
                f"this line is nested more than {MAX_DEPTH} levels deep (quotes and lists): "
                "flatten the structure"
            )
    return None


MAX_STRUCTURE_LINES = 10_000
"""List items and table rows in one body: far more than any real document has.

Python-Markdown builds an element for each, so a body of hundreds of thousands of them
costs seconds and hundreds of megabytes; over this, the body is shown as written.
"""
_STRUCTURE = re.compile(r"^[ \t]*(?:[-*+][ \t]|\d{1,9}[.)][ \t]|\|)", re.MULTILINE)


def too_many_blocks(source: str) -> tuple[int, str] | None:
    """The line of the first list item or table row over `MAX_STRUCTURE_LINES`, with a message, or `None`."""
    for count, match in enumerate(_STRUCTURE.finditer(source), start=1):
        if count > MAX_STRUCTURE_LINES:
            line = source.count("\n", 0, match.start()) + 1
            return line, (
                f"this body has more than {MAX_STRUCTURE_LINES} list items and table rows: "
                "split the document, or attach the data as a CSV file"
            )
    return None


MAX_BRACKET_WORK = 1_000_000
"""Characters Python-Markdown may scan to pair the brackets and parentheses of one block.

Python-Markdown pairs each `[` (and each `(` after `]`) by scanning forward to its partner,
so a block of unpaired brackets takes quadratic time; a block over this budget is shown
as written, without links or emphasis, and reported.
"""
BRACKET_MESSAGE = (
    "this paragraph has too many unpaired '[' or '(' to be rendered: pair them, or escape them as \\[ and \\("
)
_BRACKETS = re.compile(r"[\[\]()]")


def bracket_work(text: str) -> int:
    """How many characters pairing the brackets of a text costs Python-Markdown (an estimate)."""
    work = 0
    squares: list[int] = []
    rounds: list[int] = []
    after_square = False
    for match in _BRACKETS.finditer(text):
        char, at = match[0], match.start()
        if char == "[":
            squares.append(at)
        elif char == "]" and squares:
            work += at - squares.pop()
        elif char == "(" and (after_square or rounds):
            rounds.append(at)
        elif char == ")" and rounds:
            work += at - rounds.pop()
        after_square = char == "]" and text.startswith("(", at + 1)
    return work + sum(len(text) - at for at in (*squares, *rounds))


MAX_INLINE_WORK = 20_000_000
"""Characters Python-Markdown may copy for the inline markup of one block.

Python-Markdown rebuilds a block's text after each link, code span, tag or entity it finds,
so a block's work grows with its length times its markup; a block over this budget (a
realistic paragraph is a thousand times below it) is shown as written and reported.
"""
INLINE_MESSAGE = "this paragraph has too much markup to be rendered: split it into shorter paragraphs"
_MARKUP = re.compile(r"[`\[<&*_\\]|  \n")


def inline_work(text: str) -> int:
    """How many characters Python-Markdown copies for the inline markup of a text (an estimate)."""
    return len(_MARKUP.findall(text)) * len(text)


class InlineBudget(SessionTreeprocessor):
    """Keeps blocks whose inline markup would take too long as plain text, and says where."""

    def run(self, root: etree.Element) -> None:
        """Check every block's text before inline processing."""
        seen = self.session.call.seen
        for element in root.iter():
            text = element.text
            if not text or isinstance(text, AtomicString):
                continue
            if _MARKUP.search(text) is None:
                element.text = PlainText(text)
                continue
            if len(text) < 1000:
                continue
            if bracket_work(text) > MAX_BRACKET_WORK:
                message = BRACKET_MESSAGE
            elif inline_work(text) > MAX_INLINE_WORK:
                message = INLINE_MESSAGE
            else:
                continue
            element.text = AtomicString(text)
            seen.append(Seen("limit", text[:60].split("\n")[0], message))


class Blocks:
    """The blocks Python-Markdown's block parser works through, first block last.

    Block processors take the first block with `pop(0)` and put one back with
    `insert(0, block)`; on a list each costs time proportional to the blocks left, so a
    body of many blocks takes quadratic time. Here both are constant time.
    """

    def __init__(self, blocks: list[str]) -> None:
        """Hold the blocks in reverse order."""
        self._reversed = blocks[::-1]

    def pop(self, index: int = 0) -> str:
        """Take the first block."""
        assert index == 0, "block processors only take the first block"
        return self._reversed.pop()

    def insert(self, index: int, block: str) -> None:
        """Put a block back in front."""
        assert index == 0, "block processors only put a block back in front"
        self._reversed.append(block)

    def __getitem__(self, index: int) -> str:
        """The first block (or the one at an index)."""
        return self._reversed[-1 - index]

    def __len__(self) -> int:
        """How many blocks are left."""
        return len(self._reversed)


def parse_blocks_in_linear_time(md: Markdown) -> None:
    """Make a Markdown instance's block parser take blocks in constant time (see `Blocks`)."""
    parse = md.parser.parseBlocks

    def parse_blocks(parent: etree.Element, blocks: list[str]) -> None:
        parse(parent, Blocks(blocks) if isinstance(blocks, list) else blocks)  # type: ignore[arg-type]

    md.parser.parseBlocks = parse_blocks  # type: ignore[method-assign]
