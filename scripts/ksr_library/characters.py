"""Characters no text of the library may hold: C0 and C1 controls and the non-characters.

Every text an editor writes (a document file, front matter at any depth, the glossary, a
dataset's cells, an edition title) may hold tab and newline but no other control character
(U+0000 to U+001F, U+007F to U+009F) and neither U+FFFE nor U+FFFF: they make the Atom feed
invalid XML, hide text in pages, and are almost always pasted from a word processor by
accident. The messages say what the character most likely is and what to do.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
"""One forbidden character: every C0 control but tab and newline, DEL, every C1 control, U+FFFE, U+FFFF."""

_WHAT_TO_DO = {
    "\x00": "a NUL character (the file may be damaged or not plain text): delete it",
    "\x01": "an object or picture anchor pasted from Word: delete it",
    "\x02": "a footnote mark pasted from Word: delete it and write the footnote as [^1]",
    "\x07": "an end-of-cell mark pasted from a Word table: delete it (write tables in Markdown)",
    "\x08": "a backspace: delete it",
    "\x0b": "a line break pasted from Word (Shift+Enter): replace it with a space or a new line",
    "\x0c": "a page break pasted from Word: replace it with a new line",
    "\r": "a carriage return: replace it with a new line",
    "\x13": "a Word field code (e.g. from a hyperlink, table of contents or reference): "
    "paste the text without formatting (Ctrl+Shift+V) or delete it",
    "\x1e": "a non-breaking hyphen pasted from Word: type a plain hyphen '-'",
    "\x1f": "an optional hyphen pasted from Word: delete it",
    "\ufffe": "not a character (the text was converted wrongly): delete it",
}
_WHAT_TO_DO["\x14"] = _WHAT_TO_DO["\x15"] = _WHAT_TO_DO["\x13"]
_WHAT_TO_DO["\uffff"] = _WHAT_TO_DO["\ufffe"]
_C1_HINT = (
    "a control character, often a curly quote or a dash saved in the Windows-1252 encoding: "
    "type the character again"
)


def character_message(char: str) -> str:
    """What a forbidden character is and what to do about it, e.g. for U+000B from Word."""
    what = _WHAT_TO_DO.get(char) or (
        _C1_HINT if "\x80" <= char <= "\x9f" else "a control character: delete it"
    )
    return f"character U+{ord(char):04X} is not allowed here: {what}"


def forbidden_characters(text: str) -> Iterator[tuple[int, str]]:
    """Offset and character of every forbidden character in a text."""
    for match in FORBIDDEN.finditer(text):
        yield match.start(), match[0]


def first_forbidden(text: str) -> str | None:
    """The first forbidden character of a text, or `None`."""
    match = FORBIDDEN.search(text)
    return match[0] if match else None


def forbidden_in_values(
    value: object, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Path and first forbidden character of every string (key or value) in a parsed YAML tree.

    Finds what YAML escapes in double quotes produce, which a scan of the file text cannot.
    """
    if isinstance(value, str):
        char = first_forbidden(value)
        if char:
            yield path, char
    elif isinstance(value, dict):
        for key, item in value.items():
            char = first_forbidden(str(key))
            if char:
                yield (*path, key), char
            yield from forbidden_in_values(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from forbidden_in_values(item, (*path, index))
