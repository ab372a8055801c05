"""Glossary: abbreviations in page text explained with an accessible `<abbr>`.

A glossary term that is written as an abbreviation (two or more capitals, no spaces,
e.g. `KIS`, `IPiSS`) is wrapped wherever it appears in running text, so a reader sees its
expansion on hover and on keyboard focus. Code, headings, link targets and HTML tags are
left alone.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from functools import lru_cache

from ksr_library.links import map_outside_code
from ksr_library.schema import GlossaryEntry

_ABBREVIATION = re.compile(r"^(?=(?:.*[A-ZĄĆĘŁŃÓŚŹŻ]){2})[A-ZĄĆĘŁŃÓŚŹŻ][A-Za-ząćęłńóśźżĄĆĘŁŃÓŚŹŻ]+$")
_PROTECTED = re.compile(r"\]\([^)]*\)|<[^>\n]*>|&[a-z]+;|\[\[[^\]]*\]\]")
_HEADING_LINE = re.compile(r"^ {0,3}#")


def is_abbreviation(term: str) -> bool:
    """Whether a glossary term is written as an abbreviation (e.g. `KIS`, `IPiSS`)."""
    return bool(_ABBREVIATION.match(term))


def abbreviations(glossary: Iterable[GlossaryEntry]) -> dict[str, str]:
    """Abbreviation → expansion, for the glossary terms that are abbreviations."""
    return {g.term: g.expansion for g in glossary if is_abbreviation(g.term)}


@lru_cache(maxsize=8)
def abbreviation_pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    """A pattern matching any of the terms as a whole word, longest first, as group 1."""
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<![\w&#-])({alternatives})(?![\w])")


def abbr_html(term: str, expansion: str) -> str:
    """The `<abbr>` element for a term: its expansion as title, focusable by keyboard."""
    return f'<abbr title="{html.escape(expansion)}" tabindex="0">{html.escape(term)}</abbr>'


def explain_abbreviations(markdown: str, table: dict[str, str]) -> str:
    """Wrap every glossary abbreviation in running Markdown text in an `<abbr>`."""
    if not table:
        return markdown
    pattern = abbreviation_pattern(tuple(sorted(table)))

    def wrap_text(text: str) -> str:
        return pattern.sub(lambda m: abbr_html(m[1], table[m[1]]), text)

    def wrap_line(line: str) -> str:
        if _HEADING_LINE.match(line):
            return line
        out, pos = [], 0
        for match in _PROTECTED.finditer(line):
            out.append(wrap_text(line[pos : match.start()]) + match[0])
            pos = match.end()
        out.append(wrap_text(line[pos:]))
        return "".join(out)

    return map_outside_code(markdown, lambda piece: "\n".join(wrap_line(x) for x in piece.split("\n")))
