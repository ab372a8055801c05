"""One exception root for everything ksr-library reports to a person.

A [`Problem`][ksr_library.errors.Problem] is one finding about the library, located by
path, line, column and key. Exceptions carry problems or a plain message; the CLI prints
them and exits non-zero, never with a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

Severity = Literal["error", "warning"]
"""An error stops `check` and the build; a warning is printed and lets both go on."""


@dataclass(frozen=True, order=True)
class Problem:
    """One finding in the library (an error, or a warning), located precisely enough to fix it."""

    path: str
    """File path relative to the library folder, with forward slashes."""
    line: int
    """1-based line of the offending key or value."""
    col: int
    """1-based column of the offending key or value."""
    key: str
    """The front-matter key (dotted for nested values), or a pseudo-key such as `body`."""
    message: str
    """What is wrong and how to fix it."""
    severity: Severity = "error"
    """`error` (nothing is built) or `warning` (printed; the library is still valid)."""

    def __str__(self) -> str:
        """Render as `PATH:LINE:COL: key: message`, or `PATH:LINE:COL: key: warning: message`."""
        label = "warning: " if self.severity == "warning" else ""
        return f"{self.path}:{self.line}:{self.col}: {self.key}: {label}{self.message}"


MAX_PROBLEMS_PER_TEXT = 10
"""How many problems of one kind one text (a file, a front matter, a body) reports before counting the rest."""


def capped(problems: list[Problem], total: int | None = None) -> list[Problem]:
    """The first `MAX_PROBLEMS_PER_TEXT` problems, and one more, at the last one's place, that counts the rest.

    A hostile or badly pasted file may hold millions of faults; locating and printing them
    all would take long and drown the useful lines.

    Args:
        problems: The problems found, at least the first `MAX_PROBLEMS_PER_TEXT` of them.
        total: How many there are in all (default: as many as given).
    """
    total = len(problems) if total is None else total
    if total <= MAX_PROBLEMS_PER_TEXT:
        return problems
    rest = total - MAX_PROBLEMS_PER_TEXT
    last = problems[MAX_PROBLEMS_PER_TEXT - 1]
    return [
        *problems[:MAX_PROBLEMS_PER_TEXT],
        replace(last, message=f"{rest} more problems like this one in this text: fix them all alike"),
    ]


class KsrError(Exception):
    """Root of every error ksr-library raises for a person to read."""

    def __init__(self, message: str) -> None:
        """Keep the message; it is shown as-is."""
        super().__init__(message)
        self.message = message


class LibraryInvalidError(KsrError):
    """The library has problems; nothing was built."""

    def __init__(self, problems: list[Problem]) -> None:
        """Keep the problems, sorted by place, and summarise them."""
        self.problems = sorted(problems)
        count = len(self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} found")

    def __reduce__(self) -> tuple[type[LibraryInvalidError], tuple[list[Problem]]]:
        """Pickle with the problems, so the error crosses from a build worker process intact."""
        return (LibraryInvalidError, (self.problems,))


class ProjectError(KsrError):
    """The project (mkdocs.yml, docs/, a git repository) is not usable as it is."""


class BuildError(KsrError):
    """MkDocs or a build step failed; the earlier site is left untouched."""


class ReleaseRefusedError(KsrError):
    """A new edition would break links published in an earlier one."""


class UnreadableFileError(KsrError):
    """A file to import, or an attachment to index, cannot be read as its format."""
