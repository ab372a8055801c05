"""The live preview: it survives any failure of a rebuild, and keeps its sites in a folder of its own."""

from __future__ import annotations

import errno
import io
import shutil
import signal
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import write_tree
from ksr_library.errors import KsrError, LibraryInvalidError, Problem
from ksr_library.serving import BYTES_PER_DOCUMENT, preview_folder, removing_aside, site_parent, surviving
from ksr_library.site_folder import staging_dir, swap_in

LAST_GOOD = "the preview shows the last good build"


def failing(error: BaseException) -> Callable[[], None]:
    def rebuild() -> None:
        raise error

    return rebuild


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (
            LibraryInvalidError([Problem("a.md", 2, 8, "title", "must not be empty")]),
            ["a.md:2:8: title: must not be empty", f"1 problem found; {LAST_GOOD}"],
        ),
        (KsrError("MkDocs failed"), [f"ksr-library: error: MkDocs failed; {LAST_GOOD}"]),
        (
            OSError(errno.ENOSPC, "No space left on device", "/tmp/site/x.html"),
            [
                "ksr-library: error: /tmp/site/x.html: no space left on device; free some disk space "
                f"and build again (the earlier site is unchanged); {LAST_GOOD}"
            ],
        ),
    ],
)
def test_every_known_failure_is_printed_not_raised(error: Exception, expected: list[str]) -> None:
    out = io.StringIO()
    surviving(failing(error), out)()
    assert out.getvalue().splitlines() == expected


def test_a_bug_in_a_rebuild_is_printed_with_its_place_and_the_next_rebuild_runs() -> None:
    out = io.StringIO()
    calls: list[str] = []

    def rebuild() -> None:
        calls.append("build")
        if len(calls) == 1:
            raise ZeroDivisionError("division by zero")

    run = surviving(rebuild, out)
    run()
    (line,) = out.getvalue().splitlines()
    assert line.startswith("ksr-library: error: the rebuild failed (ZeroDivisionError: division by zero, at ")
    assert "test_serving.py:" in line and LAST_GOOD in line
    run()
    assert calls == ["build", "build"]
    assert out.getvalue().count("\n") == 1


def test_an_interrupt_still_stops_the_preview() -> None:
    with pytest.raises(KeyboardInterrupt):
        surviving(failing(KeyboardInterrupt()), io.StringIO())()


@pytest.mark.usefixtures("swap_way")
def test_a_preview_swaps_its_new_site_in_and_removes_the_old_one_aside(tmp_path: Path) -> None:
    site, aside = tmp_path / "site", tmp_path / "aside"
    aside.mkdir()
    removed: list[str] = []
    with removing_aside(aside) as remove:

        def recording(old: Path) -> None:
            removed.append((old / "index.html").read_text(encoding="utf-8"))
            remove(old)

        for label in ("first", "second", "third"):
            staging = staging_dir(site)
            staging.mkdir()
            (staging / "index.html").write_text(label, encoding="utf-8")
            swap_in(staging, site, remove=recording)
            assert (site / "index.html").read_text(encoding="utf-8") == label
            assert sorted(p.name for p in tmp_path.iterdir()) == ["aside", "site"]
    assert removed == ["first", "second"], "each replaced site is given to `remove`, not removed by swap_in"
    assert list(aside.iterdir()) == [], "every site removed aside is gone once the preview ends"


def test_the_preview_site_goes_into_memory_only_where_three_sites_fit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library, memory = tmp_path / "library", tmp_path / "memory"
    write_tree(library, {"a.md": "x" * 1000, "b.md": "y", "a.pdf": b"%PDF" + bytes(5000)})
    assert site_parent(library, tmp_path / "absent") is None
    memory.mkdir()
    assert site_parent(library, memory) == memory
    needed = 3 * (1001 + 5004 + 2 * BYTES_PER_DOCUMENT)
    for free, expected in ((needed, memory), (needed - 1, None)):
        monkeypatch.setattr(shutil, "disk_usage", lambda path, free=free: shutil._ntuple_diskusage(free, 0, free))  # type: ignore[attr-defined]
        assert site_parent(library, memory) == expected


def test_a_preview_s_folder_goes_when_the_preview_ends_even_by_sigterm(tmp_path: Path) -> None:
    killed = tmp_path / ".ksr-serve.building-999999999"  # a preview whose process is gone
    (killed / "site").mkdir(parents=True)
    handler = signal.getsignal(signal.SIGTERM)
    with pytest.raises(KeyboardInterrupt), preview_folder(tmp_path) as folder:
        assert sorted(p.name for p in tmp_path.iterdir()) == [folder.name], "a killed preview's folder is removed"
        assert folder.stat().st_mode & 0o777 == 0o700
        (folder / "site").mkdir()
        signal.raise_signal(signal.SIGTERM)
    assert list(tmp_path.iterdir()) == []
    assert signal.getsignal(signal.SIGTERM) == handler
