"""Golden check cases: library files in, the exact problem lines out, never a traceback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, library_from_case, load_cases, run_cli
from ksr_library.checking import check_library
from ksr_library.errors import LibraryInvalidError

CASES = load_cases("check")


@pytest.mark.parametrize("case", CASES)
def test_check_reports_exact_problems(tmp_path: Path, case: dict[str, Any]) -> None:
    library = library_from_case(tmp_path, case)
    try:
        check_library(library)
        found: list[str] = []
    except LibraryInvalidError as err:
        found = [str(p) for p in err.problems]
    assert found == case["problems"]


@pytest.mark.parametrize("case", [c for c in CASES if c.values[0]["problems"]])
def test_cli_check_prints_problems_without_traceback(tmp_path: Path, case: dict[str, Any]) -> None:
    library = library_from_case(tmp_path, case)
    (tmp_path / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    result = run_cli(tmp_path, "check", "--library", str(library))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[:-1] == case["problems"]
    count = len(case["problems"])
    assert lines[-1] == f"{count} problem{'s' if count != 1 else ''} found; nothing was built or changed"


def test_check_exit_zero_on_the_demo_library() -> None:
    result = run_cli(ROOT, "check")
    assert result.returncode == 0, result.stderr
    assert "no problems found" in result.stdout


def test_symlinks_in_the_library_are_refused(tmp_path: Path) -> None:
    library = tmp_path / "library"
    library.mkdir()
    (tmp_path / "outside.md").write_text("---\nid: X\n---\n", encoding="utf-8")
    (library / "link.md").symlink_to(tmp_path / "outside.md")
    with pytest.raises(LibraryInvalidError) as err:
        check_library(library)
    assert [str(p) for p in err.value.problems] == [
        "link.md:1:1: file: symbolic links are not allowed in the library"
    ]


def test_front_matter_size_and_nesting_are_capped(tmp_path: Path) -> None:
    deep = "---\nid: " + "[" * 12 + "1" + "]" * 12 + "\n---\n"
    huge = "---\nid: RAP-01\nsummary: " + "a" * 70_000 + "\n---\n"
    library = tmp_path / "library"
    library.mkdir()
    (library / "deep.md").write_text(deep, encoding="utf-8")
    (library / "huge.md").write_text(huge, encoding="utf-8")
    with pytest.raises(LibraryInvalidError) as err:
        check_library(library)
    assert [str(p) for p in err.value.problems] == [
        "deep.md:2:12: front matter: front matter is nested more than 8 levels deep",
        "huge.md:1:1: front matter: front matter is larger than 65536 bytes",
    ]


def test_a_preview_renders_again_only_the_bodies_that_changed(tmp_path: Path) -> None:
    from conftest import REK, write_tree
    from ksr_library.checking import BodyCache

    files = {
        f"{n}.md": REK.format(id=f"REK-0{n}", title=f"T{n}", body=f"Treść {n}, zob. [[REK-0{1 if n > 1 else 3}]].\n")
        for n in (1, 2, 3)
    }
    root = write_tree(tmp_path, files)
    bodies: BodyCache = {}
    first = {e.doc.id: e.rendered for e in check_library(root, bodies=bodies).entries}
    (root / "2.md").write_text(files["2.md"].replace("Treść 2", "Nowa treść 2"), encoding="utf-8")
    second = {e.doc.id: e.rendered for e in check_library(root, bodies=bodies).entries}
    assert second["REK-01"] is first["REK-01"] and second["REK-03"] is first["REK-03"]
    assert second["REK-02"] is not first["REK-02"] and "Nowa treść 2" in second["REK-02"].html
    assert len(bodies) == 3, "the cache holds the current bodies only"
    (root / "1.md").write_text(files["1.md"].replace("title: T1", "title: Nowy tytuł"), encoding="utf-8")
    third = {e.doc.id: e.rendered for e in check_library(root, bodies=bodies).entries}
    assert "Nowy tytuł" in third["REK-02"].html, "a changed title renders every body that links to it again"
