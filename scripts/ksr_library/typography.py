"""Typography: Polish non-breaking spaces in text the generator writes.

Polish typesetting keeps a one-letter word (a, i, o, u, w, z) on the line of the word
after it, and a number on the line of its unit ("54 godz.", "12 miesięcy", "5 lat",
"30 %"), a year on the line of "r.". `nbsp` puts a no-break space (U+00A0) there. It
works on plain text and on the text of HTML alike: it only ever replaces an ordinary
space between two words outside tags, and leaves `script`, `style`, `pre`, `code` and
`textarea` elements alone, so markup, escaping and code stay as they were.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
"""The no-break space."""

ONE_LETTER_WORDS = "aiouwzAIOUWZ"
"""Words of one letter that must not end a line."""

UNITS = (
    "%",
    "‰",
    "godz.",
    "godzin",
    "godziny",
    "godzina",
    "h",
    "min",
    "min.",
    "dni",
    "dzień",
    "tygodni",
    "tygodnie",
    "tydzień",
    "miesiąc",
    "miesiące",
    "miesięcy",
    "rok",
    "roku",
    "lata",
    "lat",
    "r.",
    "zł",
    "tys.",
    "mln",
    "mld",
    "osób",
    "osoby",
    "osoba",
    "km",
    "pkt",
    "proc.",
    "s.",
    "str.",
)
"""Words that stay on the line of the number before them."""

_SEPARATOR = "\x00"
"""Joins the text between tags, so each rule runs once over a page (no text holds it)."""
# Both rules match the space itself, first, and look around it: a pattern that starts
# with a literal is searched for several times faster than one that starts by looking back.
_AFTER_ONE_LETTER = re.compile(rf" (?=[^\s{_SEPARATOR}])(?<=(?<![\w.\-])[{ONE_LETTER_WORDS}] )")
_UNIT_ALTERNATIVES = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
_BEFORE_UNIT = re.compile(rf" (?<=\d )(?=(?:{_UNIT_ALTERNATIVES})(?!\w))")
_MARKUP = re.compile(r"(<(script|style|pre|code|textarea)\b.*?</\2\s*>|<[^>]*>)", re.DOTALL | re.IGNORECASE)


def _nbsp_text(text: str) -> str:
    return _BEFORE_UNIT.sub(NBSP, _AFTER_ONE_LETTER.sub(NBSP, text))


def nbsp(text: str) -> str:
    """Text with no-break spaces after one-letter words and between numbers and units.

    Examples:
        >>> nbsp("Moduł w KIS trwa 54 godz.").replace(NBSP, "~")
        'Moduł w~KIS trwa 54~godz.'
    """
    # split() yields text, a whole tag, the name of a skipped element, text, ...
    parts = _MARKUP.split(text)
    texts, tags = parts[0::3], parts[1::3]
    if _SEPARATOR in text:
        texts = [_nbsp_text(piece) for piece in texts]
    else:  # the rules cannot match across the separator: one pass over all the text
        texts = _nbsp_text(_SEPARATOR.join(texts)).split(_SEPARATOR)
    joined: list[str] = [""] * (len(texts) + len(tags))
    joined[0::2] = texts
    joined[1::2] = tags
    return "".join(joined)
