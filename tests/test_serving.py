"""The live preview survives any failure of a rebuild and keeps serving the last good build."""

from __future__ import annotations

import errno
import io
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import REK
from ksr_library.errors import KsrError, LibraryInvalidError, Problem
from ksr_library.serving import surviving

MakeProject = Callable[[dict[str, str | bytes]], Path]
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


# A preview whose rebuild crashes (a stand-in for any bug) while a library file says "AWARIA".
CRASHING_SERVE = """
import sys
from pathlib import Path
from ksr_library import serving
from ksr_library.project import find_project

build = serving.rebuild_preview

def crashing(project, **options):
    if any("AWARIA" in p.read_text(encoding="utf-8") for p in project.library_dir.rglob("*.md")):
        raise RuntimeError("awaria")
    build(project, **options)

serving.rebuild_preview = crashing
serving.serve(find_project(Path.cwd()), host="127.0.0.1", port=int(sys.argv[1]), include_drafts=False)
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _page(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def _until(condition: Callable[[], bool], seconds: float = 90) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except OSError:
            pass
        time.sleep(0.2)
    return False


def test_the_preview_answers_after_a_rebuild_crashes(make_project: MakeProject, tmp_path: Path) -> None:
    root = make_project({"rek/a.md": REK.format(id="REK-01", title="Pierwszy", body="Treść.\n")})
    port = _free_port()
    url = f"http://127.0.0.1:{port}/dokumenty/rek-01/"
    log = tmp_path / "serve.log"
    with log.open("w") as stderr:
        server = subprocess.Popen(
            [sys.executable, "-c", CRASHING_SERVE, str(port)],
            cwd=root,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
    document = root / "library/rek/a.md"
    try:
        assert _until(lambda: "Pierwszy" in _page(url)), log.read_text()
        document.write_text(REK.format(id="REK-01", title="Drugi", body="AWARIA\n"), encoding="utf-8")
        assert _until(lambda: "RuntimeError: awaria" in log.read_text()), log.read_text()
        assert "Pierwszy" in _page(url)
        document.write_text(REK.format(id="REK-01", title="Trzeci", body="Treść.\n"), encoding="utf-8")
        assert _until(lambda: "Trzeci" in _page(url)), log.read_text()
        assert "Traceback" not in log.read_text()
    finally:
        server.terminate()
        server.wait(timeout=30)
