"""Fenced code blocks in linear time, with the lines they span.

Python-Markdown's `fenced_code` searches the whole rest of the text from every opening
fence and rebuilds the text after every block: a body of many unclosed fences (or many
small blocks) takes quadratic time. This preprocessor recognises exactly the same blocks
(the same opening line, the first later line that is the same fence, optionally followed
by spaces) and renders them the same way, in one pass over the lines. It also records the
source lines each block spans, so positions are never looked for inside code.

Difference: a `hl_lines="…"` value spanning lines is not an opening fence here (it has no
effect without `codehilite`, which we do not use).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict

from markdown.extensions.attr_list import get_attrs_and_remainder
from markdown.extensions.fenced_code import FencedBlockPreprocessor
from markdown.serializers import _escape_attrib_html  # type: ignore[attr-defined]

_OPENER = re.compile(
    r"(?P<fence>~{3,}|`{3,})[ ]*"
    r"(?:\{(?P<attrs>[^\n]*)\}"
    r"|(?:\.?(?P<lang>[\w#.+-]*)[ ]*)?(?:hl_lines=(?P<quot>\"|')(?P<hl_lines>.*?)(?P=quot)[ ]*)?)"
)
_CLOSER = re.compile(r"(?:~{3,}|`{3,}) *")


class LinearFencedBlockPreprocessor(FencedBlockPreprocessor):
    """Python-Markdown's fenced code blocks, found in one pass over the lines."""

    spans: list[tuple[int, int]]
    """Lines (1-based, inclusive) of each block found by the last run."""

    def run(self, lines: list[str]) -> list[str]:
        """Replace each fenced block by a placeholder of its HTML, as `fenced_code` does."""
        closers: dict[str, list[int]] = defaultdict(list)
        for number, line in enumerate(lines):
            if line[:1] in "`~" and _CLOSER.fullmatch(line):
                closers[line.rstrip(" ")].append(number)
        self.spans = []
        out: list[str] = []
        number = 0
        while number < len(lines):
            block = self._block(lines, number, closers)
            if block is None:
                out.append(lines[number])
                number += 1
                continue
            end, html = block
            out += ["", self.md.htmlStash.store(html), ""]
            self.spans.append((number + 1, end + 1))
            number = end + 1
        return out

    def _block(self, lines: list[str], number: int, closers: dict[str, list[int]]) -> tuple[int, str] | None:
        """The closing line and HTML of a block opening at a line, or `None`."""
        line = lines[number]
        if line[:3] not in {"```", "~~~"} or number + 1 >= len(lines):
            return None
        match = _OPENER.fullmatch(line)
        if match is None:
            return None
        candidates = closers.get(match["fence"], [])
        at = bisect_right(candidates, number)
        if at == len(candidates):
            return None
        lang, id_, classes = match["lang"] or None, "", list[str]()
        if match["attrs"]:
            attrs, remainder = get_attrs_and_remainder(match["attrs"])
            if remainder:
                return None
            id_, classes, _ = self.handle_attrs(attrs)
            lang = classes.pop(0) if classes else None
        end = candidates[at]
        code = "".join(f"{text}\n" for text in lines[number + 1 : end])
        return end, self._html(code, lang, id_, classes)

    def _html(self, code: str, lang: str | None, id_: str, classes: list[str]) -> str:
        prefix = "language-"
        lang_attr = f' class="{prefix}{_escape_attrib_html(lang)}"' if lang else ""
        class_attr = f' class="{_escape_attrib_html(" ".join(classes))}"' if classes else ""
        id_attr = f' id="{_escape_attrib_html(id_)}"' if id_ else ""
        escaped = self._escape(code)  # type: ignore[attr-defined]  # missing from the stubs
        return f"<pre{id_attr}{class_attr}><code{lang_attr}>{escaped}</code></pre>"
