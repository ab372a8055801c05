"""Glossary: abbreviations in page text explained with an accessible `<abbr>`.

A glossary term that is written as an abbreviation (two or more capitals, no spaces,
e.g. `KIS`, `IPiSS`) is wrapped wherever it appears in running text, so a reader sees its
expansion on hover and on keyboard focus. Code, headings, link targets and HTML tags are
left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from ksr_library.schema import GlossaryEntry

_ABBREVIATION = re.compile(r"^(?=(?:.*[A-ZĄĆĘŁŃÓŚŹŻ]){2})[A-ZĄĆĘŁŃÓŚŹŻ][A-Za-ząćęłńóśźżĄĆĘŁŃÓŚŹŻ]+$")


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
