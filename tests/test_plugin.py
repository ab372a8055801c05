"""The plugin inside MkDocs: plain `mkdocs build` gives the complete site, nothing lands in docs/."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest

from conftest import REK, run_cli
from ksr_library.checking import check_library
from ksr_library.normalising import normalise_library
from ksr_library.pages import plan_site
from ksr_library.pages.nav_tree import NavSection, catalogue_tree, pages_in
from ksr_library.plugin import LibraryPlugin

MakeProject = Callable[[dict[str, str | bytes]], Path]
LIBRARY: dict[str, str | bytes] = {
    "a.md": REK.format(id="REK-01", title="Pierwsza", body="## Uzasadnienie\n\nZob. [[REK-02]].\n"),
    "b.md": REK.format(id="REK-02", title="Druga", body="Tekst.\n"),
}


def mkdocs(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs ARGS` in a folder, as a MkDocs user would."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def pages(site: Path) -> set[str]:
    """The site's files, but ksr-library's marker of a built site (`.ksr-site`)."""
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and p.name != ".ksr-site"}


def git_status(root: Path) -> str:
    return subprocess.run(
        ["git", "status", "--porcelain", "--ignored=no"], cwd=root, capture_output=True, text=True, check=True
    ).stdout


def test_mkdocs_build_gives_the_same_site_as_ksr_library_build(make_project: MakeProject) -> None:
    root = make_project(LIBRARY)
    ours = run_cli(root, "build", "--quiet", "--site-dir", "ours")
    assert ours.returncode == 0, ours.stderr
    theirs = mkdocs(root, "build", "--strict", "--site-dir", "theirs")
    assert theirs.returncode == 0, theirs.stderr
    assert pages(root / "ours") == pages(root / "theirs")
    catalogue = (root / "ours/library.json").read_text(encoding="utf-8")
    assert catalogue == (root / "theirs/library.json").read_text(encoding="utf-8")
    assert [d["id"] for d in json.loads(catalogue)["documents"]] == ["REK-01", "REK-02"]
    for path in ("dokumenty/rek-01/index.html", "r/REK-01/index.html", "feed.xml", "szukaj/index.json"):
        assert (root / "theirs" / path).is_file(), path


def test_builds_and_previews_leave_the_working_tree_clean(make_project: MakeProject) -> None:
    root = make_project(LIBRARY)
    (root / ".gitignore").write_text("/site/\n/ours/\n", encoding="utf-8")
    for command in (["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"]):
        subprocess.run(["git", *command], cwd=root, check=True)
    assert run_cli(root, "build", "--quiet").returncode == 0
    assert mkdocs(root, "build", "--strict").returncode == 0
    assert git_status(root) == ""
    assert not any((root / "docs").glob("dokumenty")), "generated pages were written into docs/"


def test_library_problems_stop_mkdocs_build_with_every_problem_listed(make_project: MakeProject) -> None:
    bad = REK.format(id="REK-01", title="A", body="Zob. [[REK-99]].\n").replace("audience: [rops, public]", "audience: [publc]")
    root = make_project({"a.md": bad})
    result = mkdocs(root, "build", "--strict")
    assert result.returncode == 1
    assert (
        "a.md:5:12: audience.0: 'publc' is not a valid audience: use public, trainers or rops; did you mean 'public'?"
        in result.stderr
    )
    assert "a.md:13:6: body: [[REK-99]]: no document has the id 'REK-99'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (root / "site").exists()


@pytest.mark.parametrize("path", ["dokumenty/rek-01/index.md", "dokumenty/rek-01/cytowanie.ris"])
def test_a_docs_file_where_a_generated_file_goes_stops_the_build(make_project: MakeProject, path: str) -> None:
    root = make_project(LIBRARY)
    (root / "docs" / path).parent.mkdir(parents=True)
    (root / "docs" / path).write_text("Ręcznie.\n", encoding="utf-8")
    result = mkdocs(root, "build", "--strict")
    assert result.returncode == 1
    assert f"docs/{path} is generated from the library: remove or rename the file in docs/" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("body", ["Tekst.\n", "Zob. [[REK-99]].\n"], ids=["built", "stopped"])
def test_a_build_gives_back_to_the_collector_what_it_froze(make_project: MakeProject, body: str) -> None:
    import gc

    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort

    from ksr_library.project import load_mkdocs_config

    root = make_project({"a.md": REK.format(id="REK-01", title="A", body=body)})
    config = load_mkdocs_config(root / "mkdocs.yml", site_dir=str(root / "site"), strict=True)
    try:
        build(config)
    except Abort:
        assert "REK-99" in body
    assert gc.get_freeze_count() == 0
    assert gc.isenabled()


def test_two_builds_of_different_libraries_at_once(make_project: MakeProject) -> None:
    first = make_project(LIBRARY)
    second = make_project({"c.md": REK.format(id="REK-77", title="Inna", body="Inna.\n")})
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda root: run_cli(root, "build", "--quiet"), (first, second)))
    assert [r.returncode for r in results] == [0, 0], [r.stderr for r in results]
    ids = [
        [d["id"] for d in json.loads((root / "site/library.json").read_text(encoding="utf-8"))["documents"]]
        for root in (first, second)
    ]
    assert ids == [["REK-01", "REK-02"], ["REK-77"]]
    assert not (first / "site/dokumenty/rek-77").exists() and not (second / "site/dokumenty/rek-01").exists()


def test_every_document_is_in_the_navigation_once(tmp_path: Path) -> None:
    from conftest import write_tree

    index = normalise_library(check_library(write_tree(tmp_path, LIBRARY)))
    plan = plan_site(index, None)
    tree = catalogue_tree(plan, "Katalog")
    listed = pages_in(tree.children)
    assert len(listed) == len(set(listed))
    assert {f"dokumenty/{i}/index.md" for i in ("rek-01", "rek-02")} <= set(listed)
    types = [node.title for node in tree.children if isinstance(node, NavSection)]
    assert types[0] == "Rekomendacje"


@contextmanager
def preview(root: Path, site: Path) -> Iterator[Callable[[], LibraryPlugin]]:
    """A live preview of a project, as mkdocs serve runs it but strict: yields its rebuild.

    Strict, because a rebuild from kept pages must warn about nothing. The rebuild gives
    the plugin, which MkDocs keeps across rebuilds (it defines `on_startup`).
    """
    from mkdocs.commands.build import build

    from ksr_library.project import load_mkdocs_config

    first = load_mkdocs_config(root / "mkdocs.yml", site_dir=str(site), strict=True)
    first.plugins.on_startup(command="serve", dirty=False)  # as mkdocs serve: once, then rebuilds

    def rebuild() -> LibraryPlugin:
        config = load_mkdocs_config(root / "mkdocs.yml", site_dir=str(site), strict=True)
        build(config, serve_url="http://127.0.0.1:8000/")
        plugin = config.plugins["ksr-library"]
        assert isinstance(plugin, LibraryPlugin)
        return plugin

    try:
        yield rebuild
    finally:
        first.plugins.on_shutdown()


def test_a_preview_rebuild_renders_again_only_what_a_change_affects(
    make_project: MakeProject, caplog: pytest.LogCaptureFixture
) -> None:
    root = make_project(LIBRARY)
    site = root / "preview"
    caplog.set_level(logging.INFO, logger="mkdocs")
    with preview(root, site) as rebuild:
        _edit_and_rebuild(root, site, rebuild, caplog)


API_FILES = ("dla-redakcji/api/index.html", "objects.inv", "assets/_mkdocstrings.css")
"""The API reference's page and what mkdocstrings writes beside it from what the page registered."""


def test_a_preview_keeps_the_api_reference_until_the_python_sources_change(make_project: MakeProject) -> None:
    root = make_project(LIBRARY)
    site = root / "preview"
    with preview(root, site) as rebuild:
        rebuild()
        converted = {name: (site / name).read_bytes() for name in API_FILES}
        plugin = rebuild()
        assert plugin.preview is not None
        kept = dict(plugin.preview.contents)
        plugin.preview.outputs.clear()  # the theme renders the page again, from its kept HTML
        rebuild()
        assert {name: (site / name).read_bytes() for name in API_FILES} == converted
        assert plugin.preview.contents == kept, "every hand-written page was kept, none converted"
        module = root / "scripts/ksr_library/errors.py"
        module.write_text(
            module.read_text(encoding="utf-8") + '\n\ndef added_in_preview() -> None:\n    """New."""\n',
            encoding="utf-8",
        )
        rebuild()
        assert len(set(plugin.preview.contents) - set(kept)) == 1, "the API reference was converted again"
        assert "added_in_preview" in (site / API_FILES[0]).read_text(encoding="utf-8")


def _edit_and_rebuild(
    root: Path, site: Path, rebuild: Callable[[], object], caplog: pytest.LogCaptureFixture
) -> None:
    rebuild()
    untouched = (site / "dokumenty/rek-02/index.html").read_text(encoding="utf-8")
    (root / "library/a.md").write_text(str(LIBRARY["a.md"]).replace("Zob.", "Nowe zdanie. Zob."), encoding="utf-8")
    caplog.clear()
    rebuild()
    assert "1 pages rendered" in caplog.text, caplog.text
    assert "Nowe zdanie." in (site / "dokumenty/rek-01/index.html").read_text(encoding="utf-8")
    assert (site / "dokumenty/rek-02/index.html").read_text(encoding="utf-8") == untouched
    (root / "library/b.md").write_text(str(LIBRARY["b.md"]).replace("title: Druga", "title: Zmieniona"), encoding="utf-8")
    caplog.clear()
    rebuild()
    assert "0 unchanged" in caplog.text, "a changed title renders every page again"
    assert "Zmieniona" in (site / "dokumenty/rek-01/index.html").read_text(encoding="utf-8")
    assert "Zmieniona" in (site / "dokumenty/rek-02/cytowanie.ris").read_text(encoding="utf-8")
    assert "Zmieniona" in (site / "r/REK-02/index.html").read_text(encoding="utf-8")


def _section(tree: NavSection, *path: str) -> NavSection:
    for title in path:
        tree = next(n for n in tree.children if isinstance(n, NavSection) and n.title == title)
    return tree


def test_large_types_are_split_by_year_and_large_years_by_month(tmp_path: Path) -> None:
    from conftest import write_tree

    def rek(number: int, date: str) -> str:
        return REK.format(id=f"REK-{number:02}", title=f"Rekomendacja {number}", body="Tekst.\n").replace(
            "date: 2019-09-15", f"date: {date}"
        )

    library = {f"r{n}.md": rek(n, f"2019-{3 + n % 2:02}-01") for n in range(31)}
    library |= {f"s{n}.md": rek(n, "2018-05-01") for n in range(31, 33)}
    index = normalise_library(check_library(write_tree(tmp_path, library)))
    tree = catalogue_tree(plan_site(index, None), "Katalog")
    years = _section(tree, "Rekomendacje")
    assert [n.title for n in years.children] == ["2019", "2018"]
    months = _section(years, "2019")
    assert [n.title for n in months.children] == ["Kwiecień", "Marzec"]
    assert [len(n.children) for n in months.children if isinstance(n, NavSection)] == [15, 16]
    assert all(not isinstance(n, NavSection) for n in _section(years, "2018").children)


def test_the_api_page_s_warnings_count_in_a_strict_build_though_it_is_converted_in_a_worker(
    make_project: MakeProject,
) -> None:
    root = make_project(LIBRARY)
    api = root / "docs/dla-redakcji/api.md"
    api.write_text(api.read_text(encoding="utf-8") + "\nZob. [brak](nie-ma.md).\n", encoding="utf-8")
    done = mkdocs(root, "build", "--strict", "--site-dir", "site")
    assert done.returncode == 1
    assert "contains a link 'nie-ma.md'" in done.stderr
    assert "Aborted with 1 warnings in strict mode" in done.stdout
