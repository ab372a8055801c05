"""Prepositions: a bare `[[ID]]` after a Polish preposition puts a title in the wrong case.

`[[ID]]` shows the document's title as it is written, in the nominative: "według
[[WZORZEC-NPUR]]" reads "według Wzorzec Nowego Profilu…", which is wrong Polish. After a
preposition the title must be inflected, and only the writer can do that:
"według [[WZORZEC-NPUR|Wzorca Nowego Profilu…]]". `case_warnings` finds such places.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate

from ksr_library.links import REF

PREPOSITIONS = frozenset(
    {
        "bez", "beze", "dla", "do", "dzięki", "ku", "mimo", "między", "na", "nad", "nade",
        "o", "obok", "od", "ode", "około", "oprócz", "po", "pod", "pode", "podczas", "poza",
        "przed", "przede", "przez", "przeze", "przeciw", "przeciwko", "przy", "spod", "spoza",
        "u", "w", "we", "według", "wg", "wobec", "wokół", "wśród", "względem", "z", "za",
        "zamiast", "ze", "znad", "zza",
    }
)  # fmt: skip
"""Prepositions: every one governs a case other than the nominative a bare title is in."""

_WORD_BEFORE = re.compile(r"(?:^|[^\w.-])(?P<word>\w+\.?)[ \t]*\n?[ \t]*[*_]*$")
_LOOKBACK = 40


@dataclass(frozen=True)
class CaseWarning:
    """A bare reference right after a preposition."""

    line: int
    """Line of the reference, counted as the caller counts (see `case_warnings`)."""
    col: int
    """1-based column of the reference's `[[`."""
    written: str
    """The reference as written, e.g. `[[WZORZEC-NPUR]]`."""
    preposition: str
    """The preposition before it, as written."""

    @property
    def message(self) -> str:
        """What is wrong and how to fix it."""
        target = self.written[2:-2]
        return (
            f"'{self.preposition} {self.written}' shows the title in the nominative after a preposition; "
            f"give the title in the right case: '{self.preposition} [[{target}|…]]'"
        )


def _offsets(body: str) -> list[int]:
    """Where each line of the body starts."""
    return [0, *accumulate(len(line) + 1 for line in body.split("\n")[:-1])]


def case_warnings(
    body: str, refs: Iterable[tuple[int, int, str]], *, first_line: int = 1
) -> list[CaseWarning]:
    """A warning for every bare `[[ID]]` or `[[ID#slug]]` right after a preposition.

    Args:
        body: The Markdown body the references were found in.
        refs: `(line, col, written)` of each reference: `line` counted so that the body's
            first line is `first_line`, `col` the 1-based column of its `[[`; `written` is
            what the caller calls it (kept for its own use, not read here).
        first_line: The line number of the body's first line in the caller's counting
            (1 for body lines, the line after the front matter for file lines).

    Returns:
        The warnings, in the order of `refs`. A reference given with its own text
        (`[[ID|…]]`) or not found at its position is never warned about.
    """
    starts = _offsets(body)
    warnings = []
    for line, col, _written in refs:
        index = line - first_line
        if not 0 <= index < len(starts):
            continue
        offset = starts[index] + col - 1
        ref = REF.match(body, offset)
        if ref is None or ref["text"] is not None:
            continue
        before = _WORD_BEFORE.search(body[max(0, offset - _LOOKBACK) : offset])
        if before and before["word"].lower() in PREPOSITIONS:
            warnings.append(CaseWarning(line, col, ref[0], before["word"]))
    return warnings
