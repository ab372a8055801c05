"""What a query asks for: word groups with synonyms, and spelling corrections from the vocabulary.

The Python twin of `plan` and `fuzzy` in ``assets/polish-analysis.js``; the browser runs
those on every keystroke, and a parity test holds both sides to the same output. The
index side (`search_index`) builds the synonym table and the vocabulary they read.

A query becomes a list of *groups*, one per content word. A group is satisfied by a
document that contains any of its *alternatives*, each a list of terms that must all be
present: the word's own stem first, then synonyms. A glossary abbreviation and its
expansion are synonyms both ways, so ``KIS`` also finds "klub integracji społecznej" and
the reverse; a run of query words that spells an expansion becomes one group. Words of
the rules' ``lightWords`` (``nalezy``, ``trzeba`` …) give *light* groups: they add a little
to the score, and a result that lacks them still matches all words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ksr_library.analysis import analyse, fold, load_rules, stem, tokenize

Synonyms = list[tuple[list[str], list[str]]]
"""Pairs `(terms, other terms)`: where a query's terms spell the first, the second also matches."""


@dataclass(frozen=True)
class Group:
    """One content word (or a run of words spelling a glossary term) of a query."""

    words: tuple[str, ...]
    """The folded query tokens the group stands for."""
    alternatives: tuple[tuple[str, ...], ...]
    """Term lists, any one of which satisfies the group: the words' own stems first."""
    light: bool
    """Every word is a light word: the group weighs little and is not required."""


@dataclass(frozen=True)
class Plan:
    """A query as the ranking needs it."""

    groups: tuple[Group, ...]
    prefix: tuple[str, ...]
    """Prefixes the last group may also match (as the reader is still typing it): its
    stem and its folded token; empty when the query ends in a separator."""


def synonym_table(pairs: Sequence[tuple[str, str]]) -> Synonyms:
    """The table of analysed synonyms, both ways, longest first, for `plan`.

    Args:
        pairs: `(term, expansion)` texts, e.g. glossary entries.

    Returns:
        `(terms, other terms)` pairs in the order `plan` tries them: more terms first,
        then by terms; pairs whose sides analyse alike or to nothing are left out.
    """
    table: set[tuple[tuple[str, ...], tuple[str, ...]]] = set()
    for term, expansion in pairs:
        left, right = tuple(analyse(term)), tuple(analyse(expansion))
        if left and right and left != right:
            table |= {(left, right), (right, left)}
    ordered = sorted(table, key=lambda pair: (-len(pair[0]), pair))
    return [(list(a), list(b)) for a, b in ordered]


def plan(text: str, synonyms: Synonyms, *, prefix: bool = False) -> Plan:
    """Turn what a reader typed into groups of alternatives.

    Args:
        text: The query as typed.
        synonyms: The table from `synonym_table` (the index ships it).
        prefix: The reader is typing: let the last word match as a prefix too.

    Returns:
        The plan; no groups when the query has no content words.
    """
    rules = load_rules()
    words = [(token, stem(token)) for token in tokenize(text) if token not in rules.stop_words]
    stems = [s for _, s in words]
    groups: list[Group] = []
    at = 0
    while at < len(words):
        length, others = _synonyms_at(stems, at, synonyms)
        span = words[at : at + length]
        tokens = tuple(token for token, _ in span)
        own = tuple(s for _, s in span)
        light = all(token in rules.light_words for token in tokens)
        groups.append(Group(tokens, (own, *others), light))
        at += length
    return Plan(tuple(groups), _prefixes(text, words) if prefix else ())


def _synonyms_at(stems: list[str], at: int, synonyms: Synonyms) -> tuple[int, list[tuple[str, ...]]]:
    """The longest synonym key starting at `at` (its length and its alternatives), else one word."""
    length, others = 1, list[tuple[str, ...]]()
    for key, other in synonyms:
        if others and len(key) < length:
            break
        if stems[at : at + len(key)] == key:
            length = len(key)
            others.append(tuple(other))
    return length, others


def _prefixes(text: str, words: list[tuple[str, str]]) -> tuple[str, ...]:
    """The last word's stem and token, if the text ends in that word and it is not a number."""
    if not words:
        return ()
    token, own = words[-1]
    if not fold(text).endswith(token) or token[:1].isdecimal():
        return ()
    return (own,) if own == token else (own, token)


def edit_limit(term: str) -> int:
    """How many edits a term may be from a correction: one, two for a long term, none for a short one."""
    if len(term) < 4 or term[:1].isdecimal():
        return 0
    return 1 if len(term) < 7 else 2


def fuzzy(term: str, vocabulary: Sequence[str], limit: int = 3) -> list[str]:
    """Terms of the vocabulary within `edit_limit` edits of `term`, nearest first.

    An edit inserts, deletes or replaces one character, or swaps two neighbours.

    Args:
        term: A query term (a stem).
        vocabulary: The index's terms, most frequent first (the index ships them so).
        limit: How many to return at most.

    Returns:
        Up to `limit` terms other than `term`, by distance, then by frequency.
    """
    allowed = edit_limit(term)
    found: list[tuple[int, int, str]] = []
    for position, candidate in enumerate(vocabulary):
        if candidate == term or abs(len(candidate) - len(term)) > allowed or edit_limit(candidate) == 0:
            continue
        distance = edit_distance(term, candidate, allowed)
        if distance <= allowed:
            found.append((distance, position, candidate))
    return [candidate for _, _, candidate in sorted(found)[:limit]]


def edit_distance(first: str, second: str, ceiling: int) -> int:
    """Optimal string alignment distance, or `ceiling + 1` once it must exceed `ceiling`."""
    previous2: list[int] = []
    previous = list(range(len(second) + 1))
    for i in range(1, len(first) + 1):
        current = [i] + [0] * len(second)
        for j in range(1, len(second) + 1):
            cost = 0 if first[i - 1] == second[j - 1] else 1
            best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and first[i - 1] == second[j - 2] and first[i - 2] == second[j - 1]:
                best = min(best, previous2[j - 2] + 1)
            current[j] = best
        if min(current) > ceiling:
            return ceiling + 1
        previous2, previous = previous, current
    return min(previous[-1], ceiling + 1)
