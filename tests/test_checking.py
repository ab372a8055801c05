"""Golden check cases: library files in, the exact problem lines out, never a traceback."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from conftest import REK, ROOT, library_from_case, load_cases, run_cli, write_tree
from ksr_library.checking import CheckCache, check_library
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
    files = {
        f"{n}.md": REK.format(id=f"REK-0{n}", title=f"T{n}", body=f"Treść {n}, zob. [[REK-0{1 if n > 1 else 3}]].\n")
        for n in (1, 2, 3)
    }
    root = write_tree(tmp_path, files)
    cache = CheckCache()
    first = {e.doc.id: e.rendered for e in check_library(root, cache=cache).entries}
    (root / "2.md").write_text(files["2.md"].replace("Treść 2", "Nowa treść 2"), encoding="utf-8")
    second = {e.doc.id: e.rendered for e in check_library(root, cache=cache).entries}
    assert second["REK-01"] is first["REK-01"] and second["REK-03"] is first["REK-03"]
    assert second["REK-02"] is not first["REK-02"] and "Nowa treść 2" in second["REK-02"].html
    assert len(cache.bodies) == 3, "the cache holds the current bodies only"
    (root / "1.md").write_text(files["1.md"].replace("title: T1", "title: Nowy tytuł"), encoding="utf-8")
    third = {e.doc.id: e.rendered for e in check_library(root, cache=cache).entries}
    assert "Nowy tytuł" in third["REK-02"].html, "a changed title renders every body that links to it again"


def test_a_preview_parses_again_only_the_files_that_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ksr_library import checking

    parsed: list[str] = []
    parse = checking.parse_document
    monkeypatch.setattr(checking, "parse_document", lambda text, path, rel: parsed.append(rel) or parse(text, path, rel))
    files = {f"{n}.md": REK.format(id=f"REK-0{n}", title=f"T{n}", body="Zob. [[REK-02]].\n") for n in (1, 3)}
    root = write_tree(tmp_path, {**files, "2.md": REK.format(id="REK-02", title="T2", body="Tekst.\n")})
    cache = CheckCache()
    check_library(root, cache=cache)
    assert sorted(parsed) == ["1.md", "2.md", "3.md"]

    parsed.clear()
    edited = root / "2.md"
    before = edited.stat()
    edited.write_text(edited.read_text(encoding="utf-8").replace("title: T2", "title: X2"), encoding="utf-8")
    os.utime(edited, ns=(before.st_atime_ns, before.st_mtime_ns))  # same size, same time: the text decides
    assert check_library(root, cache=cache).resolve("REK-02").doc.title == "X2"  # type: ignore[union-attr]
    assert parsed == ["2.md"]

    parsed.clear()
    (root / "3.md").unlink()
    write_tree(root, {"4.md": REK.format(id="REK-04", title="T4", body="Tekst.\n")})
    assert [e.doc.id for e in check_library(root, cache=cache).entries] == ["REK-01", "REK-02", "REK-04"]
    assert parsed == ["4.md"]
    assert sorted(rel for _, rel in cache.files) == ["1.md", "2.md", "4.md"], "the cache holds the current files only"

    parsed.clear()
    edited.unlink()
    with pytest.raises(LibraryInvalidError) as err:
        check_library(root, cache=cache)
    assert [str(p) for p in err.value.problems] == ["1.md:13:6: body: [[REK-02]]: no document has the id 'REK-02'; did you mean 'REK-04'?"]
    assert parsed == [], "an unchanged file is not parsed again, and the rules of the whole library still run"


@pytest.mark.parametrize("case", CASES)
def test_a_check_from_kept_files_reports_the_same_problems(tmp_path: Path, case: dict[str, Any]) -> None:
    library = library_from_case(tmp_path, case)
    cache = CheckCache()
    found = []
    for _ in range(2):
        try:
            check_library(library, cache=cache)
            found.append([])
        except LibraryInvalidError as err:
            found.append([str(p) for p in err.problems])
    assert found == [case["problems"], case["problems"]]
