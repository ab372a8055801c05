"""Locating: where in a body's source a construct the renderer found was written.

Python-Markdown keeps no source positions, so the renderer *decides* what a construct is
(a link, code, raw HTML) and this module then *finds* its source text in the body: each
kind of construct is searched from where the previous one of its kind was found, in the
order the renderer met them, then from the start; code the renderer found is skipped.

Limits: Python-Markdown expands tabs, so a needle with spaces also matches tabs; a
construct whose source differs from what the renderer keeps of it (a URL with backslash
escapes, an entity in a reference definition) is placed where the previous construct of
its kind was found. A construct written twice, once in code that could not be located
and once outside, may be placed at the first. Searching has a budget proportional to the
body's length, so a body with hundreds of thousands of constructs is still located in
linear time; past the budget, constructs are placed where the previous one of their kind was.
"""

from __future__ import annotations

import re
from bisect import bisect_right, insort
from collections.abc import Callable

_NEWLINE = re.compile("\n")
_SPACE_RUN = re.compile(r"(?:\\ )+| +")
_BUDGET_PER_CHAR = 64
"""How many characters may be scanned per character of the body, over all searches."""

_Finder = Callable[[int], tuple[int, int] | None]


class Locator:
    """Finds constructs in one body, each kind in the order met; not shared between bodies."""

    def __init__(self, body: str) -> None:
        """Index the body's lines."""
        self.body = body
        self._line_starts = [0, *(m.end() for m in _NEWLINE.finditer(body))]
        self._masked: list[tuple[int, int]] = []
        self._cursor: dict[str, int] = {}
        self._budget = _BUDGET_PER_CHAR * (len(body) + 1000)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset."""
        line = bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def line_offset(self, line: int) -> int:
        """Offset where a 1-based line starts."""
        return self._line_starts[min(max(line, 1), len(self._line_starts)) - 1]

    def mask(self, start: int, end: int) -> None:
        """Mark a range as code: later searches skip matches that start inside it."""
        insort(self._masked, (start, end))

    def _mask_end(self, offset: int) -> int | None:
        index = bisect_right(self._masked, (offset, len(self.body) + 1)) - 1
        if index >= 0 and self._masked[index][0] <= offset < self._masked[index][1]:
            return self._masked[index][1]
        return None

    def _search(self, finder: _Finder, start: int) -> tuple[int, int] | None:
        while self._budget > 0 and (found := finder(start)) is not None:
            self._budget -= found[1] - start + 1
            end = self._mask_end(found[0])
            if end is None:
                return found
            start = max(end, found[0] + 1)
        self._budget -= len(self.body) - start
        return None

    def _finders(self, needle: str) -> list[_Finder]:
        def plain(start: int) -> tuple[int, int] | None:
            at = self.body.find(needle, start)
            return None if at < 0 else (at, at + len(needle))

        if " " not in needle:
            return [plain]
        spaced = re.compile(_SPACE_RUN.sub(lambda _: r"[ \t]+", re.escape(needle)))

        def tabs(start: int) -> tuple[int, int] | None:
            match = spaced.search(self.body, start)
            return None if match is None else match.span()

        return [plain, tabs]

    def find(self, needle: str, kind: str, pattern: re.Pattern[str] | None = None) -> tuple[int, int] | None:
        """Find the next construct of a kind by its source text (or a pattern), outside code.

        Args:
            needle: The construct's source text as the renderer kept it.
            kind: Its kind; each kind keeps its own place in the body.
            pattern: A pattern to search for instead of the needle.

        Returns:
            Start and end offsets in the body, or `None` when it is not there.
        """
        if pattern is not None:
            finders: list[_Finder] = [
                lambda start: m.span() if (m := pattern.search(self.body, start)) else None
            ]
        elif needle:
            finders = self._finders(needle)
        else:
            return None
        cursor = self._cursor.get(kind, 0)
        for finder in finders:
            found = self._search(finder, cursor) or (self._search(finder, 0) if cursor else None)
            if found is not None:
                self._cursor[kind] = max(found[1], found[0] + 1)
                return found
        return None

    def locate(self, needle: str, kind: str) -> tuple[int, int]:
        """Line and column of the next construct of a kind; where the last one was if not found."""
        found = self.find(needle, kind)
        return self.position(found[0] if found else self._cursor.get(kind, 0))
