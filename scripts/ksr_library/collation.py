"""Collation: Polish alphabetical order for every list the site sorts by name.

Python sorts by code point, which puts "świadczenie" after "ZSL" and capitals before small
letters. `sort_key` orders as a Polish reader expects: case-insensitive, digits before
letters (runs of digits by value, so "Moduł 2" comes before "Moduł 10"), and each Polish
letter right after its base letter: a ą b c ć d e ę f g h i j k l ł m n ń o ó p q r s ś t
u v w x y z ź ż. Letters of other languages sort as their base letter (é as e, an accent
only breaking ties); spaces and punctuation before everything else, as in a dictionary.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")

POLISH_ALPHABET = "aąbcćdeęfghijklłmnńoópqrsśtuvwxyzźż"
"""The Polish alphabet in its order, with q, v and x for foreign words."""

_RANK = {letter: rank for rank, letter in enumerate(POLISH_ALPHABET)}
_TOKEN = re.compile(r"[0-9]+|.", re.DOTALL)
_SEPARATOR, _NUMBER, _LETTER, _OTHER = range(4)

SortKey = tuple[tuple[tuple[int, int], ...], tuple[bool, ...], str]
"""What `sort_key` returns: letters, then accents of foreign letters, then the text itself."""


def _weight(token: str) -> tuple[int, int]:
    if "0" <= token[0] <= "9":
        return (_NUMBER, int(token))
    if token in _RANK:
        return (_LETTER, _RANK[token])
    base = unicodedata.normalize("NFD", token)[0]
    if base in _RANK:
        return (_LETTER, _RANK[base])
    if token.isalpha():
        return (_OTHER, ord(token))
    return (_SEPARATOR, ord(token))


def sort_key(text: str) -> SortKey:
    """A key that sorts strings in Polish alphabetical order.

    Examples:
        >>> sorted(["ZSL", "świadczenie", "szkolenie", "Ośrodek", "OWES"], key=sort_key)
        ['Ośrodek', 'OWES', 'szkolenie', 'świadczenie', 'ZSL']
    """
    tokens = _TOKEN.findall(text.casefold())
    accents = tuple(token not in _RANK and not token.isascii() for token in tokens)
    return (tuple(_weight(token) for token in tokens), accents, text)


def polish_sorted(items: Iterable[T], key: Callable[[T], str] | None = None) -> list[T]:
    """Items sorted in Polish alphabetical order of `key(item)` (of the item itself if no key)."""
    if key is None:
        return sorted(items, key=lambda item: sort_key(str(item)))
    return sorted(items, key=lambda item: sort_key(key(item)))
