"""Commands that cannot destroy: refused site folders, the atomic swap, killed builds, workers."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from benchmarks.sandbox import copy_project, site_leftovers

from conftest import REK, run_cli
from ksr_library import building, cli
from ksr_library.building import build_site
from ksr_library.project import find_project
from ksr_library.site_folder import (
    SITE_MARKER,
    clean_leftovers,
    guard_site_dir,
    is_site,
    staging_dir,
    swap_in,
)

LIBRARY: dict[str, str | bytes] = {
    "rek/REK-01.md": REK.format(id="REK-01", title="Tytuł 0", body="Treść.\n"),
}


def tree_state(root: Path) -> dict[str, str]:
    """Every file and folder under root with a digest of its content and its mode."""
    state = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_file() and not path.is_symlink():
            state[rel] = hashlib.sha256(path.read_bytes()).hexdigest() + oct(path.stat().st_mode)
        else:
            state[rel] = "dir" if path.is_dir() else "other"
    return state


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding a built project, an unrelated non-empty folder and a file."""
    base = tmp_path_factory.mktemp("guard")
    project = copy_project(base / "project", LIBRARY)
    build_site(find_project(project), quiet=True)
    (base / "notatki").mkdir()
    (base / "notatki/ważne.txt").write_text("nie kasować\n", encoding="utf-8")
    (base / "plik.txt").write_text("plik\n", encoding="utf-8")
    return base


UNSAFE = {
    "library": "is",
    "library/rek": "lies inside",
    "docs": "is",
    "docs/dla-redakcji": "lies inside",
    ".": "is the project folder",
    "..": "contains the project folder",
    "{parent}": "contains the project folder",
    "../..": "contains the project folder",
    "../notatki": "is not empty and is not a site built by ksr-library",
    "scripts": "is not empty and is not a site built by ksr-library",
    "../plik.txt": "is a file",
    "mkdocs.yml": "is a file",
    "brak/site": "does not exist",
    "/proc/ksr-site": "is not writable",
}


@pytest.mark.parametrize("site_dir", list(UNSAFE))
def test_build_refuses_a_site_folder_it_must_not_replace(workspace: Path, site_dir: str) -> None:
    project = workspace / "project"
    before = tree_state(workspace)
    result = run_cli(project, "build", "--quiet", "--site-dir", site_dir.format(parent=workspace))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("ksr-library: error: site folder ")
    assert UNSAFE[site_dir] in lines[0]
    assert tree_state(workspace) == before


def test_site_dir_of_mkdocs_yml_is_guarded_too(workspace: Path, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", LIBRARY)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site_dir: site", "site_dir: library"))
    before = tree_state(tmp_path)
    result = run_cli(project, "build", "--quiet")
    assert result.returncode == 1
    assert "site folder" in result.stderr and "Traceback" not in result.stderr
    assert tree_state(tmp_path) == before


def test_an_empty_folder_or_an_earlier_site_may_be_replaced(workspace: Path, tmp_path: Path) -> None:
    project = workspace / "project"
    sources = (project / "library", project / "docs")
    (tmp_path / "pusty").mkdir()
    assert guard_site_dir(tmp_path / "pusty", project_root=project, sources=sources) == tmp_path / "pusty"
    assert guard_site_dir(tmp_path / "nowy", project_root=project, sources=sources) == tmp_path / "nowy"
    assert is_site(project / "site") and (project / "site" / SITE_MARKER).is_file()
    assert guard_site_dir(project / "site", project_root=project, sources=sources) == project / "site"
    legacy = tmp_path / "stary"
    for name in ("index.html", "library.json", "sitemap.xml"):
        (legacy / name).parent.mkdir(exist_ok=True)
        (legacy / name).write_text("x", encoding="utf-8")
    assert guard_site_dir(legacy, project_root=project, sources=sources) == legacy


@pytest.mark.usefixtures("swap_way")
def test_swap_replaces_the_site_whole_and_marks_it(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for label in ("pierwsza", "druga"):
        staging = staging_dir(site)
        staging.mkdir()
        (staging / "index.html").write_text(label, encoding="utf-8")
        swap_in(staging, site)
        assert (site / "index.html").read_text(encoding="utf-8") == label
        assert is_site(site)
        assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_leftovers_of_dead_builds_are_removed_and_nothing_else(tmp_path: Path) -> None:
    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, check=True
    )
    dead = int(finished.stdout)
    site = tmp_path / "site"
    leftovers = [staging_dir(site, dead), site.with_name(f".site.old-{dead}")]
    kept = [staging_dir(site), site, tmp_path / ".site.notatki", tmp_path / f".inne.building-{dead}"]
    for folder in leftovers + kept:
        folder.mkdir()
        (folder / "x").write_text("x", encoding="utf-8")
    hand_over = site.with_name(f".site.building-{dead}.search")
    hand_over.write_bytes(b"x")
    assert clean_leftovers(site) == sorted([*leftovers, hand_over])
    assert sorted(tmp_path.iterdir()) == sorted(kept)


def test_full_disk_is_one_line_and_the_earlier_site_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "project", LIBRARY)
    build_site(find_project(project), quiet=True)
    before = tree_state(project / "site")

    def full(new_site: Path, site_dir: Path, *, remove: Callable[[Path], None] | None = None) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(site_dir / "sitemap.xml"))

    monkeypatch.setattr(building, "swap_in", full)
    monkeypatch.chdir(project)
    assert cli.main(["build", "--quiet"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"ksr-library: error: {project}/site/sitemap.xml: no space left on device; "
        "free some disk space and build again (the earlier site is unchanged)"
    ]
    assert tree_state(project / "site") == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []


def test_export_refuses_a_file_and_a_folder_that_is_not_a_site(workspace: Path) -> None:
    project = workspace / "project"
    before = tree_state(workspace)
    for target in ("../plik.txt", "../notatki", "library", "."):
        result = run_cli(project, "export", target)
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
    assert tree_state(workspace) == before


def _wait_for(condition: Callable[[], bool], process: subprocess.Popen[bytes]) -> bool:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if condition():
            return True
        time.sleep(0.01)
    return False


def _ends(pid: int) -> bool:
    """Whether a process (not our child) ends within a generous deadline."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        status = Path(f"/proc/{pid}/status")
        if not status.exists() or "\nState:\tZ" in status.read_text():
            return True
        time.sleep(0.05)
    return False


def _staging(project: Path) -> list[Path]:
    return sorted(project.glob(".site.building-*"))


def _workers_of(pid: int) -> list[int]:
    """Ids of processes whose parent is `pid`."""
    children = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if f"\nPPid:\t{pid}\n" in text:
            children.append(int(status.parent.name))
    return children


MOMENTS: dict[str, Callable[[Path], bool]] = {
    "at start": lambda project: True,
    "staging folder appears": lambda project: any(p.is_dir() for p in _staging(project)),
    "theme files copied": lambda project: any((p / "assets").is_dir() for p in _staging(project)),
    "MkDocs wrote pages": lambda project: any((p / "index.html").exists() for p in _staging(project)),
    "sitemap written": lambda project: any((p / "sitemap.xml").exists() for p in _staging(project)),
}


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_a_killed_build_leaves_a_complete_site_and_is_cleaned_up(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", LIBRARY)
    assert run_cli(project, "build", "--quiet").returncode == 0
    titles = {"Tytuł 0"}
    for n, (moment, reached) in enumerate(MOMENTS.items(), start=1):
        (project / "library/rek/REK-01.md").write_text(
            REK.format(id="REK-01", title=f"Tytuł {n}", body="Treść.\n"), encoding="utf-8"
        )
        titles.add(f"Tytuł {n}")
        process = subprocess.Popen(
            [sys.executable, "-m", "ksr_library.cli", "build", "--quiet"],
            cwd=project,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        assert _wait_for(lambda: reached(project), process), moment  # noqa: B023 - used at once
        workers = _workers_of(process.pid)
        process.send_signal(signal.SIGKILL)
        process.wait()
        site = project / "site"
        assert is_site(site), moment
        document = json.loads((site / "library.json").read_text(encoding="utf-8"))["documents"][0]
        assert document["title"] in titles, moment
        assert (site / "dokumenty/rek-01/index.html").is_file(), moment
        for worker in workers:
            assert _ends(worker), f"worker {worker} outlived its parent ({moment})"
    assert run_cli(project, "build", "--quiet").returncode == 0
    assert (
        json.loads((project / "site/library.json").read_text(encoding="utf-8"))["documents"][0]["title"]
        == f"Tytuł {len(MOMENTS)}"
    )
    assert site_leftovers(project) == []


def test_a_complete_site_exists_at_every_instant_of_a_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", LIBRARY)
    assert run_cli(project, "build", "--quiet").returncode == 0
    site = project / "site"
    process = subprocess.Popen(
        [sys.executable, "-m", "ksr_library.cli", "build", "--quiet"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    looks = 0
    while process.poll() is None:
        assert is_site(site) and (site / "index.html").is_file(), f"no complete site after {looks} looks"
        looks += 1
    assert process.returncode == 0 and looks > 100
