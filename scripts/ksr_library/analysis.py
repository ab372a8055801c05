"""Polish text analysis for the site search, identical in Python and in the browser.

The search index is built in Python (`search_index`) and queried in the browser
(`assets/search.js`); both sides must turn text into exactly the same terms. The rules live in one file,
``ksr_library/data/polish.json``, read by this module and by ``assets/polish-analysis.js``.

Algorithm, for a text:

1. **Fold**: lower-case, normalise to NFKC (ligatures such as ``ﬁ`` from PDFs, full-width
   and superscript forms become plain letters and digits), lower-case again, then map
   each character through the ``fold`` table (``ą`` → ``a``, ``ł`` → ``l``, ``ż`` → ``z``
   …), so that readers may type without diacritics.
2. **Tokenize**: keep maximal runs of letters (Unicode letters and letter-like numerals)
   or maximal runs of decimal digits; everything else separates. ``"2019r."`` gives
   ``["2019", "r"]`` and ``"KIS-ów"`` gives ``["kis", "ow"]``.
3. **Stop words**: drop function words and the bare inflection fragments left after a
   hyphenated abbreviation (``ow``, ``ie``, ``em`` …).
4. **Stem** each word with a light suffix stripper (digit runs are left alone):

   a. strip the first entry of ``suffixes`` (ordered longest first) that the word ends with;
   b. then strip ``stemEndings`` (``ow``, ``em`` …) again and again while one fits, so the
      zero-ending form of ``problem`` and the stem of ``problemu`` agree, and ``-owy``
      adjectives join their noun;
   c. if step (a) stripped nothing, apply the first of ``bareRules`` that fits (mobile
      *e*: ``ośrodek`` → ``osrodk`` like ``ośrodka``);
   d. apply the first of ``finalRules`` that fits (palatalised stem ends:
      ``pakcie``/``pakt``, ``animatorzy``/``animator``, ``uczestnicy``/``uczestnik`` all
      end alike).

   A rule that rewrites a suffix to itself is thus an exception to the rules after it.

   No step may leave fewer than ``minStemLength`` characters. The stems are not words;
   they only need to agree between the forms of one word. The stripper prefers joining too
   much over missing a match: a few unrelated words share a stem.

What a query asks for beyond its terms (synonyms, light words, corrections) is planned
by [`search_query`][ksr_library.search_query] and its twin in the same script.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any, Final

from ksr_library.errors import KsrError

RULES_RESOURCE: Final = "data/polish.json"
"""Where the rules live, relative to the ``ksr_library`` package."""

_TOKEN_RE: Final = re.compile(r"[^\W\d_]+|\d+")
"""Runs of letters (``\\w`` less digits and ``_``) or runs of decimal digits.

Matches the JavaScript ``/[\\p{L}\\p{Nl}\\p{No}]+|\\p{Nd}+/gu`` for every character that
Python's Unicode database knows.
"""

_NON_ASCII: Final = re.compile(r"[^\x00-\x7f]+")
"""Runs of non-ASCII characters: the only ones the fold table maps (`parse_rules` checks)."""

_RULE_KEYS: Final = frozenset({"suffix", "replace", "after", "note"})
_TOP_KEYS: Final = frozenset(
    {
        "$comment",
        "version",
        "minStemLength",
        "fold",
        "stopWords",
        "lightWords",
        "suffixes",
        "stemEndings",
        "bareRules",
        "finalRules",
    }
)


@dataclass(frozen=True)
class RewriteRule:
    """Replace a suffix of a stem, optionally only after certain characters."""

    suffix: str
    """The (folded) ending to replace."""
    replace: str
    """What the ending becomes; may be empty."""
    after: str = ""
    """If not empty, the character before ``suffix`` must be one of these."""


@dataclass(frozen=True)
class PolishRules:
    """The analysis rules, as loaded from ``polish.json``."""

    version: int
    """Version of the rules file; bump it when the stems change."""
    min_stem_length: int
    """No strip or rewrite may leave fewer characters than this."""
    fold: Mapping[str, str]
    """Character → replacement, applied after lower-casing and NFKC."""
    stop_words: frozenset[str]
    """Folded words dropped before stemming."""
    light_words: frozenset[str]
    """Folded query words that carry little content (``nalezy``, ``trzeba`` …): a query
    keeps them, but they weigh little and a result need not contain them."""
    suffixes: tuple[str, ...]
    """Inflectional endings, longest first; at most one is stripped."""
    stem_endings: tuple[str, ...]
    """Endings stripped repeatedly after ``suffixes``."""
    bare_rules: tuple[RewriteRule, ...]
    """Rewrites for words from which no suffix was stripped; the first that fits wins."""
    final_rules: tuple[RewriteRule, ...]
    """Rewrites applied last; the first that fits wins."""

    @property
    def fold_table(self) -> dict[int, str]:
        """The fold map as a table for `str.translate`."""
        return {ord(char): target for char, target in self.fold.items()}


def _fail(problem: str) -> KsrError:
    """Build the error for a broken rules file."""
    return KsrError(f"{RULES_RESOURCE} in ksr_library: {problem}")


def _string_list(raw: dict[str, Any], key: str) -> tuple[str, ...]:
    """Read a list of non-empty strings from the raw rules."""
    value = raw.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise _fail(f"'{key}' must be a list of non-empty strings")
    return tuple(value)


def _rules(raw: dict[str, Any], key: str) -> tuple[RewriteRule, ...]:
    """Read a list of rewrite rules from the raw rules."""
    value = raw.get(key)
    if not isinstance(value, list):
        raise _fail(f"'{key}' must be a list of rules")
    rules = []
    for index, item in enumerate(value):
        if (
            not isinstance(item, dict)
            or not set(item) <= _RULE_KEYS
            or not all(isinstance(v, str) for v in item.values())
            or not item.get("suffix")
            or "replace" not in item
        ):
            raise _fail(
                f"'{key}' item {index} must be an object with string 'suffix' (not empty) "
                f"and 'replace', optionally 'after' and 'note'; got {item!r}"
            )
        rules.append(RewriteRule(item["suffix"], item["replace"], item.get("after", "")))
    return tuple(rules)


def parse_rules(raw: object) -> PolishRules:
    """Check and convert the decoded JSON of a rules file.

    Args:
        raw: The decoded JSON document.

    Returns:
        The rules.

    Raises:
        KsrError: The document is not a valid rules file; the message says what is wrong.
    """
    if not isinstance(raw, dict):
        raise _fail("the top level must be an object")
    unknown = set(raw) - _TOP_KEYS
    if unknown:
        raise _fail(f"unknown keys {sorted(unknown)}; known are {sorted(_TOP_KEYS)}")
    version, min_stem = raw.get("version"), raw.get("minStemLength")
    if not isinstance(version, int) or not isinstance(min_stem, int) or min_stem < 1:
        raise _fail("'version' and 'minStemLength' must be positive integers")
    fold = raw.get("fold")
    if not isinstance(fold, dict) or not all(
        isinstance(k, str) and len(k) == 1 and not k.isascii() and isinstance(v, str) for k, v in fold.items()
    ):
        raise _fail("'fold' must map single non-ASCII characters to strings")
    suffixes = _string_list(raw, "suffixes")
    lengths = [len(s) for s in suffixes]
    if lengths != sorted(lengths, reverse=True):
        raise _fail("'suffixes' must be ordered longest first")
    return PolishRules(
        version=version,
        min_stem_length=min_stem,
        fold=MappingProxyType(dict(fold)),
        stop_words=frozenset(_string_list(raw, "stopWords")),
        light_words=frozenset(_string_list(raw, "lightWords")),
        suffixes=suffixes,
        stem_endings=_string_list(raw, "stemEndings"),
        bare_rules=_rules(raw, "bareRules"),
        final_rules=_rules(raw, "finalRules"),
    )


def rules_text() -> str:
    """Return the rules file as shipped, for embedding in the site.

    Returns:
        The JSON text of ``polish.json``.
    """
    return resources.files("ksr_library").joinpath(RULES_RESOURCE).read_text(encoding="utf-8")


@cache
def load_rules() -> PolishRules:
    """Load the rules shipped with the package, once.

    Returns:
        The rules from ``ksr_library/data/polish.json``.

    Raises:
        KsrError: The file is not valid JSON or not a valid rules file.
    """
    try:
        raw = json.loads(rules_text())
    except json.JSONDecodeError as error:
        raise _fail(f"not valid JSON: {error}") from error
    return parse_rules(raw)


@cache
def _fold_table() -> dict[int, str]:
    """The translate table of the shipped rules."""
    return load_rules().fold_table


def fold(text: str) -> str:
    """Lower-case a text, normalise it to NFKC and fold its diacritics.

    The text is lower-cased before NFKC as well as after it, so that folding a text that
    a caller has already lower-cased gives the same result as folding the original.

    Args:
        text: Any text.

    Returns:
        The folded text, e.g. ``"Ośrodka Żółć"`` → ``"osrodka zolc"``.
    """
    lowered = unicodedata.normalize("NFKC", text.lower()).lower()
    if lowered.isascii():
        return lowered
    # `translate` looks up every character of the text; only the non-ASCII ones can fold.
    table = _fold_table()
    return _NON_ASCII.sub(lambda run: run[0].translate(table), lowered)


def tokenize(text: str) -> list[str]:
    """Fold a text and split it into runs of letters and runs of digits.

    Args:
        text: Any text.

    Returns:
        The folded tokens in order, none empty.
    """
    return _TOKEN_RE.findall(fold(text))


def _rewrite(word: str, rules: tuple[RewriteRule, ...], min_length: int) -> str:
    """Apply the first rule that fits the end of a word, if any."""
    for rule in rules:
        cut = len(word) - len(rule.suffix)
        if (
            word.endswith(rule.suffix)
            and cut + len(rule.replace) >= min_length
            and (not rule.after or (cut > 0 and word[cut - 1] in rule.after))
        ):
            return word[:cut] + rule.replace
    return word


@lru_cache(maxsize=65536)
def stem(token: str) -> str:
    """Reduce one folded token to its stem.

    Args:
        token: A token as `tokenize` returns it (folded, lower case).

    Returns:
        The stem; runs of digits come back unchanged.
    """
    if token[:1].isdecimal():
        return token
    rules = load_rules()
    minimum = rules.min_stem_length
    word = token
    for suffix in rules.suffixes:
        if word.endswith(suffix) and len(word) - len(suffix) >= minimum:
            word = word[: -len(suffix)]
            break
    stripped = word != token
    changed = True
    while changed:
        changed = False
        for ending in rules.stem_endings:
            if word.endswith(ending) and len(word) - len(ending) >= minimum:
                word = word[: -len(ending)]
                changed = True
                break
    if not stripped:
        word = _rewrite(word, rules.bare_rules, minimum)
    return _rewrite(word, rules.final_rules, minimum)


def analyse(text: str) -> list[str]:
    """Turn a text into search terms: fold, tokenize, drop stop words, stem.

    Args:
        text: Any text: a document field or a query.

    Returns:
        The terms in text order, repeats kept.
    """
    stop_words = load_rules().stop_words
    return [stem(token) for token in tokenize(text) if token not in stop_words]
