"""The CLI's smaller commands: new, schema, serve; and the committed JSON Schema."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import REK, ROOT, run_cli
from ksr_library.checking import check_library
from ksr_library.schema import DocType, json_schema

MakeProject = Callable[[dict[str, str | bytes]], Path]


def test_committed_json_schema_matches_the_schema() -> None:
    committed = json.loads((ROOT / "docs/schema/ksr-document.schema.json").read_text(encoding="utf-8"))
    assert committed == json_schema(), "run: ksr-library schema -o docs/schema/ksr-document.schema.json"


@pytest.mark.parametrize("doc_type", [t.value for t in DocType])
def test_new_writes_a_valid_document_of_each_type(make_project: MakeProject, doc_type: str) -> None:
    programme = REK.format(id="PROG-A", title="Program", body="").replace(
        "type: recommendation", "type: programme"
    )
    programme = "\n".join(
        line for line in programme.splitlines() if not line.startswith(("level", "addressees", "theme"))
    )
    root = make_project({"p.md": programme + "\n"})
    result = run_cli(root, "new", doc_type, "NOWY-1")
    assert result.returncode == 0, result.stderr
    library = check_library(root / "library", include_drafts=True)
    entry = library.resolve("NOWY-1")
    assert entry is not None and entry.doc.type.value == doc_type
    assert entry.doc.status.value == "draft"


def test_new_refuses_a_taken_or_invalid_id(make_project: MakeProject) -> None:
    root = make_project({"a.md": REK.format(id="REK-01", title="T", body="")})
    taken = run_cli(root, "new", "report", "REK-01")
    assert taken.returncode == 1 and "already used" in taken.stderr
    invalid = run_cli(root, "new", "report", "zły id")
    assert invalid.returncode == 1 and "not a valid id" in invalid.stderr
    kind = run_cli(root, "new", "raport", "RAP-09")
    assert kind.returncode == 1 and "not a document type" in kind.stderr
    assert "Traceback" not in taken.stderr + invalid.stderr + kind.stderr


def test_commands_outside_a_project_say_where_to_run(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "build")
    assert result.returncode == 1
    assert "no mkdocs.yml" in result.stderr and "Traceback" not in result.stderr


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _page(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def test_serve_rebuilds_when_a_library_file_changes(make_project: MakeProject) -> None:
    root = make_project({"rek/a.md": REK.format(id="REK-01", title="Przed zmianą", body="Treść.\n")})
    port = _free_port()
    url = f"http://127.0.0.1:{port}/dokumenty/rek-01/"
    server = subprocess.Popen(
        [sys.executable, "-m", "ksr_library.cli", "serve", "--port", str(port)],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                if "Przed zmianą" in _page(url):
                    break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("the preview never served the document")
        (root / "library/rek/a.md").write_text(
            REK.format(id="REK-01", title="Po zmianie", body="Treść.\n"), encoding="utf-8"
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and "Po zmianie" not in _page(url):
            time.sleep(0.2)
        assert "Po zmianie" in _page(url)
        assert not (root / "site").exists(), "serve builds into a temporary folder, not site/"
    finally:
        server.terminate()
        server.wait(timeout=30)


# A preview whose rebuild crashes (a stand-in for any bug) while a library file says "AWARIA".
CRASHING_SERVE = """
import sys
from pathlib import Path
import mkdocs.commands.build
from ksr_library import serving
from ksr_library.project import find_project

project = find_project(Path.cwd())
build = mkdocs.commands.build.build

def crashing(config, **options):
    if any("AWARIA" in p.read_text(encoding="utf-8") for p in project.library_dir.rglob("*.md")):
        raise RuntimeError("awaria")
    build(config, **options)

mkdocs.commands.build.build = crashing
serving.serve(project, host="127.0.0.1", port=int(sys.argv[1]), include_drafts=False)
"""


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
