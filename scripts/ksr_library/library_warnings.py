"""Warnings: what `check` prints about a valid library without refusing it.

A warning is a [`Problem`][ksr_library.errors.Problem] of severity `warning`: located
like an error (`PATH:LINE:COL: key: warning: message`), but the library is still built.
Today there is one kind: a bare `[[ID]]` after a Polish preposition
([`case_warnings`][ksr_library.prepositions.case_warnings]).
"""

from __future__ import annotations

from ksr_library.documents import Entry, Library
from ksr_library.errors import Problem, capped
from ksr_library.prepositions import case_warnings


def library_warnings(library: Library) -> list[Problem]:
    """Every warning about a checked library, sorted by file and place."""
    return sorted(p for entry in library.entries for p in case_problems(entry))


def case_problems(entry: Entry) -> list[Problem]:
    """A warning for each bare `[[ID]]` right after a preposition in an entry's body.

    Reads the references the renderer found (`entry.rendered.refs`, lines counted from the
    body's first line) and places each warning at its file line.
    """
    if entry.rendered is None:
        return []
    refs = [(ref.line, ref.col, ref.written) for ref in entry.rendered.refs]
    return capped(
        [
            Problem(entry.rel, entry.body_line + w.line - 1, w.col, "body", w.message, "warning")
            for w in case_warnings(entry.body, refs)
        ]
    )
