"""A bare `[[ID]]` after a preposition is reported with a suggestion."""

from __future__ import annotations

from pathlib import Path

import frontmatter
import pytest

from conftest import REK, ROOT, run_cli, write_tree
from ksr_library.checking import check_library
from ksr_library.library_warnings import library_warnings
from ksr_library.prepositions import CaseWarning, case_warnings
from ksr_library.rendering import BodyContext, render_body

ANY_ID = BodyContext("dokumenty/x/", lambda name: None, {}, {})
"""References need not resolve here: the renderer still reports where each one is."""


def warnings(body: str, first_line: int = 1) -> list[CaseWarning]:
    refs = [(u.line + first_line - 1, u.col, u.written) for u in render_body(body, ANY_ID).refs]
    return case_warnings(body, refs, first_line=first_line)


@pytest.mark.parametrize(
    ("body", "preposition"),
    [
        ("Działamy według [[WZORZEC-NPUR]].", "według"),
        ("Jak opisano w [[MODEL-KSR]].", "w"),
        ("W [[MODEL-KSR]] są węzły.", "W"),
        ("Zgodnie z [[PRZ-ZSL]];", "z"),
        ("oparte na\n[[WZORZEC-NPUR]]", "na"),
        ("opisane we **[[REK-01]]**", "we"),
        ("(dla [[REK-01#uzasadnienie]])", "dla"),
        ("wg [[REK-01]]", "wg"),
        ("Przez [[REK-01]] i [[REK-02]]", "Przez"),
    ],
)
def test_bare_reference_after_a_preposition_is_reported(body: str, preposition: str) -> None:
    found = warnings(body)
    assert [w.preposition for w in found] == [preposition]
    assert found[0].message.startswith(
        f"'{preposition} {found[0].written}' shows the title in the nominative"
    )
    assert f"{preposition} [[{found[0].written[2:-2]}|…]]" in found[0].message


@pytest.mark.parametrize(
    "body",
    [
        "Działamy według [[WZORZEC-NPUR|Wzorca Nowego Profilu]].",
        "[[MODEL-KSR]] opisuje węzły.",
        "Zob. [[MODEL-KSR]] i rekomendację [[REK-07]].",
        "Por. moduł [[ZRAR-M03]] (np. [[REK-01]]).",
        "Słowo kończące się na w: ZSL-w [[REK-01]] i ul. [[REK-02]]",
        "nowy [[REK-01]], a potem [[REK-02]]",
        "w tabeli | [[REK-01\\|tekst]] |",
        "Kod `według [[REK-01]]` zostaje.",
    ],
)
def test_reference_with_text_or_without_a_preposition_is_fine(body: str) -> None:
    assert warnings(body) == []


def test_positions_follow_the_callers_counting() -> None:
    body = "Pierwsza linia.\nOpisane  w  [[MODEL-KSR]] i dalej."
    [warning] = warnings(body, first_line=12)
    assert (warning.line, warning.col, warning.written) == (13, 13, "[[MODEL-KSR]]")


def test_a_position_that_does_not_point_at_a_reference_is_ignored() -> None:
    body = "według [[WZORZEC-NPUR]]"
    assert case_warnings(body, [(1, 2, "x"), (5, 1, "x"), (0, 1, "x")]) == []
    assert len(case_warnings(body, [(1, 8, "anything")])) == 1


def test_the_demo_library_has_no_bare_reference_after_a_preposition() -> None:
    found = []
    for path in sorted((ROOT / "library").rglob("*.md")):
        body = frontmatter.loads(path.read_text(encoding="utf-8")).content
        found += [f"{path.name}:{w.line}: {w.message}" for w in warnings(body)]
    assert found == []


LIBRARY = {
    "a.md": REK.format(id="REK-01", title="Pierwsza", body="## Wstęp\n\nZgodnie z [[REK-02]] i [[REK-02|drugą]].\nZob. [[REK-02]]."),
    "sub/b.md": REK.format(id="REK-02", title="Druga", body="Opisana w\n[[REK-01#wstep]]."),
}


def test_check_places_warnings_at_file_lines(tmp_path: Path) -> None:
    library = check_library(write_tree(tmp_path / "library", LIBRARY))
    assert [str(w) for w in library_warnings(library)] == [
        "a.md:15:11: body: warning: 'z [[REK-02]]' shows the title in the nominative after a preposition; "
        "give the title in the right case: 'z [[REK-02|…]]'",
        "sub/b.md:14:1: body: warning: 'w [[REK-01#wstep]]' shows the title in the nominative after a "
        "preposition; give the title in the right case: 'w [[REK-01#wstep|…]]'",
    ]


def test_cli_check_prints_warnings_and_exits_zero(tmp_path: Path) -> None:
    write_tree(tmp_path / "library", LIBRARY)
    (tmp_path / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    result = run_cli(tmp_path, "check")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        line for line in result.stderr.splitlines() if ": body: warning: '" in line
    ]
    assert [line.split(": body:")[0] for line in result.stderr.splitlines()] == ["a.md:15:11", "sub/b.md:14:1"]
    assert result.stdout.strip() == "2 documents, 0 glossary terms: no problems found, 2 warnings"
