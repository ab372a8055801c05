"""Real mini-sites built in temporary folders: pages, catalogue, links, safety, determinism."""

from __future__ import annotations

import gc
import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from benchmarks.sandbox import site_leftovers

from conftest import REK, run_cli
from ksr_library.building import build_site
from ksr_library.errors import LibraryInvalidError
from ksr_library.project import find_project

MakeProject = Callable[[dict[str, str | bytes]], Path]

PROGRAMME = """---
id: PROG-A
title: Program A
type: programme
audience: [trainers]
version: "1.0"
date: 2019-05-01
summary: Program szkolenia.
hours: 6
---
Program.
"""
MODULE = """---
id: PROG-A-M{n}
title: Moduł {n}
type: module
audience: [trainers, public]
version: "1.0"
date: 2019-05-0{n}
summary: Moduł {n}.
programme: PROG-A
order: {n}
hours: 3
outcomes: [Uczestnik rozumie temat {n}.]
---
## Plan zajęć

Zob. [[REK-01|rekomendację]].
"""
LIBRARY: dict[str, str | bytes] = {
    "rek/REK-01.md": REK.format(id="REK-01", title="Usługi w KIS", body="## Uzasadnienie\n\nTekst o KIS.\n"),
    "rek/inna-nazwa.md": REK.format(
        id="REK-02", title="Finansowanie", body="Zob. [[REK-01]] i [[REK-01#uzasadnienie|uzasadnienie]].\n"
    ),
    "prog/p.md": PROGRAMME,
    "prog/m1.md": MODULE.format(n=1),
    "prog/m2.md": MODULE.format(n=2),
    "glossary.yml": "- {term: KIS, expansion: klub integracji społecznej, definition: Klub.}\n",
}


def tree_digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def built(make_project: MakeProject) -> Path:
    root = make_project(LIBRARY)
    build_site(find_project(root), quiet=True)
    return root


def test_pages_catalogue_and_resolved_links(built: Path) -> None:
    site = built / "site"
    catalogue = json.loads((site / "library.json").read_text(encoding="utf-8"))
    assert [d["id"] for d in catalogue["documents"]] == [
        "PROG-A",
        "PROG-A-M1",
        "PROG-A-M2",
        "REK-01",
        "REK-02",
    ]
    record = catalogue["documents"][3]
    assert set(record) == {
        "id",
        "title",
        "type",
        "audience",
        "version",
        "date",
        "status",
        "summary",
        "url",
        "aliases",
        "region",
        "tags",
    }
    assert record["url"] == "dokumenty/rek-01/"
    assert record["audience"] == ["public", "rops"]
    assert catalogue["audiences"] == {"public": "czytelnicy/", "trainers": "trenerzy/", "rops": "rops/"}
    assert catalogue["search"] == "szukaj/"
    page = (site / "dokumenty/rek-02/index.html").read_text(encoding="utf-8")
    assert '<a href="../rek-01/">Usługi w\u00a0KIS</a>' in page, "no abbreviation inside a link"
    kis = '<abbr tabindex="0" title="klub integracji społecznej">KIS</abbr>'
    assert f"Tekst o {kis}." in (site / "dokumenty/rek-01/index.html").read_text(encoding="utf-8")
    assert '<a href="../rek-01/#uzasadnienie">uzasadnienie</a>' in page
    assert 'id="uzasadnienie"' in (site / "dokumenty/rek-01/index.html").read_text(encoding="utf-8")
    module = (site / "dokumenty/prog-a-m1/index.html").read_text(encoding="utf-8")
    assert '<a href="../rek-01/">rekomendację</a>' in module
    assert (site / "r/REK-01/index.html").is_file()


def test_url_depends_only_on_the_id(built: Path, make_project: MakeProject) -> None:
    moved = dict(LIBRARY)
    moved["elsewhere/deep/any-name.md"] = moved.pop("rek/REK-01.md")
    other = make_project(moved)
    assert other != built
    build_site(find_project(other), quiet=True)
    assert (other / "site/dokumenty/rek-01/index.html").is_file()


def test_library_folder_is_never_written(make_project: MakeProject) -> None:
    root = make_project(LIBRARY)
    before = tree_digest(root / "library")
    build_site(find_project(root), quiet=True)
    assert tree_digest(root / "library") == before


def test_same_library_gives_a_byte_identical_site(built: Path) -> None:
    first = tree_digest(built / "site")
    build_site(find_project(built), quiet=True)
    assert tree_digest(built / "site") == first
    assert gc.get_freeze_count() == 0, "the build froze objects and did not give them back"
    assert site_leftovers(built) == []


def test_failed_build_leaves_the_earlier_site_untouched(built: Path) -> None:
    before = tree_digest(built / "site")
    (built / "library/rek/REK-01.md").write_text(
        REK.format(id="REK-01", title="Usługi", body="Zob. [[REK-404]].\n"), encoding="utf-8"
    )
    with pytest.raises(LibraryInvalidError) as err:
        build_site(find_project(built), quiet=True)
    assert [str(p) for p in err.value.problems] == [
        "rek/REK-01.md:13:6: body: [[REK-404]]: no document has the id 'REK-404'; did you mean 'REK-02'?",
        "rek/inna-nazwa.md:13:19: body: [[REK-01#uzasadnienie|uzasadnienie]]: 'REK-01' has no heading '#uzasadnienie' (it has: no headings)",
    ]
    assert tree_digest(built / "site") == before
    assert gc.get_freeze_count() == 0


def test_cli_build_reports_errors_with_file_and_line(built: Path) -> None:
    (built / "library/rek/REK-01.md").write_text(
        REK.format(id="REK-01", title="T", body="[[NOPE-1]]\n"), encoding="utf-8"
    )
    result = run_cli(built, "build", "--quiet")
    assert result.returncode == 1
    assert (
        result.stderr.splitlines()[0]
        == "rek/REK-01.md:13:1: body: [[NOPE-1]]: no document has the id 'NOPE-1'"
    )
    assert "Traceback" not in result.stderr


def test_drafts_are_left_out_unless_asked(make_project: MakeProject) -> None:
    library = dict(LIBRARY)
    library["rek/REK-03.md"] = REK.format(id="REK-03", title="Szkic", body="Szkic.\n").replace(
        "level: systemic", "level: systemic\nstatus: draft"
    )
    root = make_project(library)
    build_site(find_project(root), quiet=True)
    assert not (root / "site/dokumenty/rek-03").exists()
    build_site(find_project(root), include_drafts=True, quiet=True)
    assert (root / "site/dokumenty/rek-03/index.html").is_file()
