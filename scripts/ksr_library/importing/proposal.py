"""Proposal: the front matter of an imported document, and what the editor must review.

Each value is proposed from what the file says, with the fallbacks of the import's
contract, and every guess is named in a review note:

- `title`: the file's properties, else its title or first heading, else its name;
- `date`: created, else modified (properties), else the file's date on disk;
- `id`: given, else the type's prefix, the initials of the title's words and a year
  found in the title (`Diagnoza gotowości do współpracy 2018` → `RAP-DGW-2018`), made
  unique with `-2`, `-3` …;
- `summary`: the first real paragraph, cut at a word boundary within 400 characters.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from ksr_library.analysis import fold, load_rules
from ksr_library.importing.model import Block, Heading, ListBlock, Paragraph, Properties, clean_text, plain
from ksr_library.schema import ID_PATTERN, SUMMARY_MAX, DocType

ID_PREFIXES: dict[DocType, str] = {
    DocType.MODEL: "MODEL",
    DocType.PROGRAMME: "PROG",
    DocType.MODULE: "MOD",
    DocType.RECOMMENDATION: "REK",
    DocType.REPORT: "RAP",
    DocType.EXPERTISE: "EKS",
    DocType.GUIDE: "PRZ",
    DocType.DATASET: "DANE",
}
"""The first part of a proposed id, by type."""
_TYPE_WORDS = frozenset(
    {"model", "modelu", "raport", "ekspertyza", "przewodnik", "program", "rekomendacja", "prezentacja"}
)
_NO_TITLE = frozenset(
    {
        "",
        "(anonymous)",
        "anonymous",
        "untitled",
        "(untitled)",
        "unknown",
        "bez tytułu",
        "powerpoint presentation",
        "prezentacja programu powerpoint",
        "dokument programu microsoft word",
        "slajd 1",
    }
)
"""Titles office programs write by themselves: no title at all."""
_FILE_TITLE = re.compile(
    r"^(?:microsoft (?:word|powerpoint) - )?.*\.(?:docx?|pptx?|odt|pdf|rtf)$", re.IGNORECASE
)
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
_SUMMARY_MIN = 60
"""A first paragraph shorter than this (a place and date, a byline) is not a summary."""


@dataclass(frozen=True)
class Proposed:
    """A proposed value and where it came from, for the review notes."""

    value: Any
    note: str | None = None


def title_of(properties: Properties, blocks: Sequence[Block], file_name: str) -> Proposed:
    """The title: from the properties, else the first heading, else the file name."""
    title = clean_text(properties.title).strip()
    if title.lower() not in _NO_TITLE and not _FILE_TITLE.match(title):
        return Proposed(title)
    heading = next((b for b in blocks if isinstance(b, Heading)), None)
    if heading is not None and (text := clean_text(plain(heading.spans)).strip()):
        return Proposed(text, "title: the file's properties have none; taken from its first heading")
    stem = re.sub(r"[_\s]+", " ", file_name.rsplit(".", 1)[0]).strip() or file_name
    return Proposed(stem[:1].upper() + stem[1:], "title: made from the file name: write the real title")


def body_blocks(blocks: Sequence[Block], title: str) -> tuple[Block, ...]:
    """The body: without a first heading that only repeats the title, highest heading at level 2."""
    if blocks and isinstance(blocks[0], Heading) and clean_text(plain(blocks[0].spans)).strip() == title:
        blocks = blocks[1:]
    levels = [b.level for b in blocks if isinstance(b, Heading)]
    shift = min(levels, default=2) - 2
    return tuple(Heading(max(2, b.level - shift), b.spans) if isinstance(b, Heading) else b for b in blocks)


def date_of(properties: Properties, file_date: dt.date) -> Proposed:
    """The date of this version: created, else modified, else the file's date on disk."""
    if properties.created:
        return Proposed(
            properties.created,
            f"date: the file's creation date ({properties.created}): set the date of this version",
        )
    if properties.modified:
        return Proposed(
            properties.modified,
            f"date: the file's last change ({properties.modified}): set the date of this version",
        )
    return Proposed(
        file_date, f"date: the file has none; its date on disk ({file_date}) was used: set the real one"
    )


def summary_of(blocks: Sequence[Block], title: str) -> Proposed:
    """The first paragraph of at least a sentence's length, cut within 400 characters."""
    texts = [clean_text(plain(b.spans)).strip() for b in blocks if isinstance(b, Paragraph)]
    texts += [clean_text(plain(i.spans)).strip() for b in blocks if isinstance(b, ListBlock) for i in b.items]
    texts = [t for t in texts if t]
    text = next((t for t in texts if len(t) >= _SUMMARY_MIN), texts[0] if texts else title)
    note = "summary: the first paragraph of the text: rewrite it as one or two sentences about the document"
    if len(text) <= SUMMARY_MAX:
        return Proposed(text, note)
    cut = text[: SUMMARY_MAX - 1].rsplit(" ", 1)[0].rstrip(" ,;:–-")
    return Proposed(f"{cut}…", note + " (it was cut to 400 characters)")


def propose_id(doc_type: DocType, title: str, taken: Collection[str]) -> str:
    """A valid id for a new document that no document uses yet (case-insensitively).

    Examples:
        >>> propose_id(DocType.REPORT, "Diagnoza gotowości do współpracy 2018", set())
        'RAP-DGW-2018'
        >>> propose_id(DocType.MODEL, "Model Lokalnej Współpracy", {"MODEL-LW"})
        'MODEL-LW-2'
    """
    stop = load_rules().stop_words
    words = [
        w for w in re.findall(r"[a-z]+", fold(title)) if w not in stop and w not in _TYPE_WORDS and len(w) > 2
    ]
    initials = "".join(w[0] for w in words[:6])
    middle = initials if len(words) > 1 else (words[0][:12] if words else "IMPORT")
    parts = [ID_PREFIXES[doc_type], middle.upper()]
    if year := _YEAR.search(title):
        parts.append(year[1])
    base = "-".join(parts)
    assert re.fullmatch(ID_PATTERN, base), base
    used = {t.upper() for t in taken}
    candidate, number = base, 1
    while candidate in used:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def front_matter(fields: dict[str, Any]) -> str:
    """Front matter as YAML between `---` lines, keys in the given order."""
    text = yaml.safe_dump(fields, sort_keys=False, allow_unicode=True, width=100_000, default_flow_style=None)
    return f"---\n{text}---\n"
