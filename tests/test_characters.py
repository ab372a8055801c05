"""Forbidden characters in hostile amounts: every text is scanned once, a few are located."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REK
from ksr_library.characters import character_message, forbidden_characters
from ksr_library.checking import check_library
from ksr_library.errors import MAX_PROBLEMS_PER_TEXT, LibraryInvalidError


def problems_of(tmp_path: Path, files: dict[str, str]) -> list[str]:
    library = tmp_path / "library"
    for name, text in files.items():
        (library / name).parent.mkdir(parents=True, exist_ok=True)
        (library / name).write_text(text, encoding="utf-8")
    with pytest.raises(LibraryInvalidError) as err:
        check_library(library)
    return [str(p) for p in err.value.problems]


def test_a_two_megabyte_body_of_word_line_breaks_reports_ten_and_counts_the_rest(tmp_path: Path) -> None:
    body = "a\v" * (1024 * 1024 - 200)
    found = problems_of(tmp_path, {"a.md": REK.format(id="REK-01", title="T", body=body)})
    message = character_message("\v")
    assert found == [
        *[f"a.md:13:{col}: body: {message}" for col in range(2, 20, 2)],
        f"a.md:13:20: body: {len(body) // 2 - 10} more problems like this one in this text: fix them all alike",
        f"a.md:13:20: body: {message}",
    ]


def test_front_matter_full_of_escaped_and_literal_controls_is_capped(tmp_path: Path) -> None:
    escaped = "[" + ", ".join(['"\\a"'] * 3000) + "]"
    literal = "\x07" * 30000
    text = f"---\nid: REK-01\nauthors: {escaped}\nsummary: {literal}\n---\n"
    found = problems_of(tmp_path, {"a.md": text})
    assert sum("authors." in line for line in found) == MAX_PROBLEMS_PER_TEXT + 1
    assert sum(": summary: " in line for line in found) == MAX_PROBLEMS_PER_TEXT + 1
    assert any("authors.9: 2990 more problems like this one" in line for line in found)
    assert any("summary: 29990 more problems like this one" in line for line in found)


def test_every_forbidden_character_has_a_message_and_tab_and_newline_pass() -> None:
    forbidden = [chr(c) for c in (*range(0x20), *range(0x7F, 0xA0), 0xFFFE, 0xFFFF) if chr(c) not in "\t\n"]
    assert [c for _, c in forbidden_characters("".join(forbidden) + "\t\nąé€\u00a0")] == forbidden
    assert all(
        character_message(c).startswith(f"character U+{ord(c):04X} is not allowed here: ") for c in forbidden
    )
