"""Editions in a temporary git repository: releases, permanence, redirects and the export."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import REK, run_cli
from ksr_library.building import build_site
from ksr_library.editions import changed_owners, export, list_editions, plain_titles, release
from ksr_library.errors import ReleaseRefusedError
from ksr_library.permalinks import case_redirect_script, check_redirects
from ksr_library.project import find_project

MakeProject = Callable[[dict[str, str | bytes]], Path]
REPORT = """---
id: {id}
title: {title}
type: report
audience: [rops, public]
version: "1.0"
date: 2019-06-01
summary: Raport.
{extra}---
Treść raportu. Zob. [[REK-01]].
"""
LIBRARY: dict[str, str | bytes] = {
    "rek/REK-01.md": REK.format(id="REK-01", title="Pierwsza rekomendacja", body="Treść.\n"),
    "rek/REK-02.md": REK.format(id="REK-02", title="Druga rekomendacja", body="Zob. [[REK-01]].\n"),
    "raporty/RAP-01.md": REPORT.format(id="RAP-01", title="Raport pierwszy", extra=""),
    "raporty/RAP-02.md": REPORT.format(id="RAP-02", title="Raport drugi", extra=""),
}
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "ksr-library tests",
    "GIT_COMMITTER_NAME": "ksr-library tests",
    "GIT_AUTHOR_EMAIL": "tests@example.org",
    "GIT_COMMITTER_EMAIL": "tests@example.org",
}
_REFRESH = re.compile(r'http-equiv="refresh" content="0; url=([^"]+)"')


@pytest.fixture
def repo(make_project: MakeProject, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name, value in GIT_IDENTITY.items():
        monkeypatch.setenv(name, value)
    root = make_project(LIBRARY)
    (root / ".gitignore").write_text("site/\n.site.*\n", encoding="utf-8")
    for command in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "Library"]):
        subprocess.run(["git", *command], cwd=root, check=True, capture_output=True)
    return root


def resolve(folder: Path, url: str) -> tuple[str, int]:
    """Follow redirect pages from `url` (relative to `folder`); return the final URL and the hops."""
    hops = 0
    while True:
        page = folder / url / "index.html"
        assert page.is_file(), f"{url} does not exist"
        match = _REFRESH.search(page.read_text(encoding="utf-8"))
        if not match:
            return url, hops
        hops += 1
        assert hops <= 1, f"redirect chain at {url}"
        base = url if url.endswith("/") else url + "/"
        url = _join(base, match[1])


def _join(base: str, relative: str) -> str:
    parts = [p for p in base.split("/") if p]
    for piece in relative.split("/"):
        if piece == "..":
            parts.pop()
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts) + "/"


def catalogue(folder: Path) -> dict:
    return json.loads((folder / "library.json").read_text(encoding="utf-8"))


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / "library" / name
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def test_links_survive_renames_moves_retitles_and_withdrawals(repo: Path, tmp_path: Path) -> None:
    project = find_project(repo)
    release(project, "2019", title="Wydanie 2019", quiet=True)
    edit(repo, "rek/REK-01.md", "id: REK-01\n", "id: REK-01A\naliases: [REK-01]\n")
    (repo / "library/archiwum").mkdir()
    (repo / "library/raporty/RAP-02.md").rename(repo / "library/archiwum/inny-plik.md")
    edit(repo, "rek/REK-02.md", "title: Druga rekomendacja", "title: Druga rekomendacja, nowy tytuł")
    edit(repo, "raporty/RAP-01.md", "summary: Raport.", "status: withdrawn\nsummary: Raport.")
    release(project, "2020", alias="latest", title="Wydanie 2020", quiet=True)

    out = tmp_path / "export"
    export(project, out)
    versions = json.loads((out / "versions.json").read_text(encoding="utf-8"))
    assert [(v["version"], v["title"], v["aliases"]) for v in versions] == [
        ("2020", "Wydanie 2020", ["latest"]),
        ("2019", "Wydanie 2019", []),
    ]
    first = catalogue(out / "2019")
    for document in first["documents"]:
        target, _ = resolve(out / "2020", document["url"])
        assert target.startswith("dokumenty/"), document["id"]
    assert resolve(out / "2020", "dokumenty/rek-01/") == ("dokumenty/rek-01a/", 1)
    for edition in ("2019", "2020", "latest"):
        for document in catalogue(out / edition)["documents"]:
            for name in (document["id"], *document["aliases"]):
                assert resolve(out / edition, f"r/{name}/")[0] == document["url"]
    for name, expected in {
        "REK-01": "2020/dokumenty/rek-01a/",
        "REK-01A": "2020/dokumenty/rek-01a/",
        "RAP-02": "2020/dokumenty/rap-02/",
    }.items():
        assert resolve(out, f"r/{name}/") == (expected, 1)
    assert resolve(out, "") == ("2020/", 1)
    withdrawn = (out / "2020/dokumenty/rap-01/index.html").read_text(encoding="utf-8")
    assert "wycofany" in withdrawn
    assert "Druga rekomendacja, nowy tytuł" in (out / "2020/dokumenty/rek-02/index.html").read_text(
        encoding="utf-8"
    )
    assert [e.version for e in list_editions(project)] == ["2020", "2019"]
    _assert_edition_pages(out)


def _assert_edition_pages(out: Path) -> None:
    """Each edition says which it is; the root 404 is the default edition's, linking into it."""
    for edition in ("2019", "2020"):
        page = (out / edition / "index.html").read_text(encoding="utf-8")
        assert f'<meta name="ksr:edition" content="{edition}">' in page
        assert '"version": {"provider": "mike"}' in page
    root_404 = (out / "404.html").read_text(encoding="utf-8")
    assert root_404 == (out / "2020/404.html").read_text(encoding="utf-8")
    assert 'href="/2020/assets/stylesheets/ksr.css"' in root_404
    assert 'action="/2020/szukaj/"' in root_404
    assert all(f'href="/2020/{path}/"' in root_404 for path in ("czytelnicy", "trenerzy", "rops", "katalog"))
    assert case_redirect_script() in root_404


def test_a_plain_build_is_one_edition_with_no_selector(make_project: MakeProject) -> None:
    site = build_site(find_project(make_project(LIBRARY)), quiet=True).site_dir
    for page in ("index.html", "404.html", "dokumenty/rek-01/index.html"):
        text = (site / page).read_text(encoding="utf-8")
        assert "ksr:edition" not in text
        assert '"version": null' in text, page
    assert 'href="/assets/stylesheets/ksr.css"' in (site / "404.html").read_text(encoding="utf-8")


def test_release_that_drops_a_document_is_refused_naming_it(repo: Path) -> None:
    project = find_project(repo)
    release(project, "1.0", quiet=True)
    (repo / "library/raporty/RAP-02.md").unlink()
    with pytest.raises(ReleaseRefusedError) as refused:
        release(project, "1.1", quiet=True)
    message = refused.value.message
    assert "dokumenty/rap-02/ (document RAP-02, edition 1.0)" in message
    assert "r/RAP-02/ (document RAP-02, edition 1.0)" in message
    assert "aliases" in message
    assert [e.version for e in list_editions(project)] == ["1.0"]


def test_cli_release_editions_and_refusal(repo: Path) -> None:
    assert run_cli(repo, "release", "2019", "--quiet").returncode == 0
    listed = run_cli(repo, "editions")
    assert listed.returncode == 0 and "2019" in listed.stdout
    (repo / "library/raporty/RAP-01.md").unlink()
    refused = run_cli(repo, "release", "2020", "--quiet")
    assert refused.returncode == 1
    assert "Traceback" not in refused.stderr
    assert "dokumenty/rap-01/ (document RAP-01, edition 2019)" in refused.stderr


def test_redirect_rules() -> None:
    live = {"dokumenty/a/", "dokumenty/b/"}
    assert check_redirects({"r/A/": "dokumenty/a/"}, live) == []
    assert check_redirects({"dokumenty/b/": "dokumenty/a/"}, live) == [
        "redirect dokumenty/b/ would replace a live page"
    ]
    assert check_redirects({"r/X/": "r/Y/", "r/Y/": "r/X/"}, live) == [
        "redirect r/X/ -> r/Y/ leads to another redirect (loop or chain)",
        "redirect r/Y/ -> r/X/ leads to another redirect (loop or chain)",
    ]
    assert check_redirects({"r/A/": "dokumenty/zz/"}, live) == [
        "redirect r/A/ -> dokumenty/zz/ leads to no page"
    ]
    assert check_redirects({"r/A/": "dokumenty/a/", "r/a/": "dokumenty/a/"}, live) == [
        "r/A/ and r/a/ differ only in case"
    ]


def _catalogue(*documents: tuple[str, list[str]]) -> dict:
    return {"documents": [{"id": i, "url": f"dokumenty/{i.lower()}/", "aliases": a} for i, a in documents]}


def test_owner_of_each_published_url_is_kept_across_editions() -> None:
    before = _catalogue(("A", []), ("B", []))
    assert changed_owners("1", before, _catalogue(("A", []), ("B", []))) == []
    assert changed_owners("1", before, _catalogue(("C", ["A"]), ("B", []))) == []
    merged = [str(c) for c in changed_owners("1", before, _catalogue(("B", ["A"])))]
    assert merged == [
        "dokumenty/a/ (document A in edition 1, now document B)",
        "r/A/ (document A in edition 1, now document B)",
    ]
    renamed = _catalogue(("C", ["A"]))
    assert [str(c) for c in changed_owners("2", renamed, _catalogue(("A", []), ("D", ["C"])))] == [
        "dokumenty/a/ (document C in edition 2, now document A)",
        "r/A/ (document C in edition 2, now document A)",
    ]


def test_release_that_gives_a_published_id_to_another_document_is_refused(repo: Path) -> None:
    project = find_project(repo)
    release(project, "1.0", quiet=True)
    (repo / "library/raporty/RAP-02.md").unlink()
    edit(repo, "raporty/RAP-01.md", "summary: Raport.", "aliases: [RAP-02]\nsummary: Raport.")
    with pytest.raises(ReleaseRefusedError) as refused:
        release(project, "1.1", quiet=True)
    message = refused.value.message
    assert "give 2 published link(s) to another document" in message
    for url in ("dokumenty/rap-02/", "r/RAP-02/"):
        assert f"{url} (document RAP-02 in edition 1.0, now document RAP-01)" in message
    assert [e.version for e in list_editions(project)] == ["1.0"]


@pytest.mark.parametrize(
    ("title", "message"),
    [
        (
            '<img src=x onerror="alert(1)">',
            "an edition title is plain text: '<', '>' and '&' are not allowed",
        ),
        ("Wydanie 2019 & 2020", "an edition title is plain text"),
        ("Wydanie\x0b2019", "the edition title: character U+000B is not allowed here"),
        (" ", "an edition title has 1 to 80 characters"),
    ],
)
def test_edition_titles_are_plain_text(repo: Path, title: str, message: str) -> None:
    refused = run_cli(repo, "release", "2019", "--quiet", "--title", title)
    assert refused.returncode == 1
    assert refused.stderr.startswith(f"ksr-library: error: {message}")
    assert refused.stderr.rstrip().endswith("nothing was released")
    assert run_cli(repo, "editions").stdout.startswith("No editions yet")


def test_export_shows_titles_of_older_editions_as_text() -> None:
    versions = [{"version": "1", "title": "<img src=x onerror=alert(1)>", "aliases": []}]
    assert json.loads(plain_titles(json.dumps(versions)))[0]["title"] == "&lt;img src=x onerror=alert(1)&gt;"
    plain = [{"version": "2", "title": "Wydanie „2020”", "aliases": ["latest"]}]
    assert json.loads(plain_titles(json.dumps(plain))) == plain
