"""`ksr-library import`: fixtures made at test time in, golden documents out, bad input refused.

Golden documents live in `tests/golden/import/<fixture>.md`; after a deliberate change,
rewrite them with `KSR_UPDATE_GOLDEN=1 pytest tests/test_importing.py` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from tests.conftest import GOLDEN, REK, run_cli, write_tree
from tests.demo_sources import SOURCES
from tests.import_fixtures import MAKERS

from ksr_library import cli
from ksr_library.importing import containers
from ksr_library.importing.command import ImportRequest, plan_imports

GOLDEN_IMPORT = GOLDEN / "import"
GOOD = ["raport.docx", "program.odt", "model-mlw.pptx", "ekspertyza.pdf"]


@pytest.fixture(scope="module")
def fixtures(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("import-fixtures")
    for name, maker in MAKERS.items():
        maker(folder / name)
    (folder / "notatki.txt").write_text("zwykły tekst\n", encoding="utf-8")
    return folder


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder with a one-document library."""
    (tmp_path / "mkdocs.yml").write_text("site_name: test\n", encoding="utf-8")
    write_tree(
        tmp_path / "library",
        {"rekomendacje/REK-07.md": REK.format(id="REK-07", title="Rekomendacja", body="Tekst.")},
    )
    return tmp_path


def files_in(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.mark.parametrize("name", GOOD)
def test_golden_document(name: str, fixtures: Path, project: Path) -> None:
    """Each format gives the expected front matter and Markdown: headings, lists, tables, slides, hyphenation."""
    (plan,) = plan_imports([fixtures / name], project / "library", ImportRequest("report"))
    golden = GOLDEN_IMPORT / f"{Path(name).stem}.md"
    if os.environ.get("KSR_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(plan.text, encoding="utf-8")
    assert plan.text == golden.read_text(encoding="utf-8")


def test_import_writes_drafts_that_pass_check(fixtures: Path, project: Path) -> None:
    done = run_cli(
        project, "import", *(str(fixtures / n) for n in GOOD), "--type", "report", "--audience", "rops,public"
    )
    assert done.returncode == 0, done.stderr
    assert "Wrote library/raporty/RAP-DGGW-2018.md (draft RAP-DGGW-2018, from raport.docx)" in done.stdout
    assert "  + library/raporty/pliki/rap-dggw-2018-rys-1.png (picture)" in done.stdout
    assert "Review before publishing:" in done.stdout
    written = files_in(project / "library")
    assert written["raporty/raport.docx"] == (fixtures / "raport.docx").read_bytes()
    assert written["raporty/pliki/rap-dggw-2018-rys-1.png"].startswith(b"\x89PNG")
    assert written["raporty/pliki/rap-sar-rys-1.png"].startswith(b"\x89PNG"), "the ODT's GIF becomes a PNG"
    assert "audience: [rops, public]" in written["raporty/RAP-DGGW-2018.md"].decode()
    checked = run_cli(project, "check")
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith("5 documents")


def test_dry_run_prints_the_document_and_writes_nothing(fixtures: Path, project: Path) -> None:
    before = files_in(project)
    done = run_cli(project, "import", str(fixtures / "ekspertyza.pdf"), "--type", "expertise", "--dry-run")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("---\nid: EKS-WMG\n")
    assert "Would write library/ekspertyzy/EKS-WMG.md" in done.stdout
    assert files_in(project) == before


def test_an_existing_file_is_never_overwritten(fixtures: Path, project: Path) -> None:
    assert run_cli(project, "import", str(fixtures / "raport.docx"), "--type", "report").returncode == 0
    before = files_in(project)
    again = run_cli(project, "import", str(fixtures / "raport.docx"), "--type", "report", "--id", "RAP-INNY")
    assert again.returncode == 1
    assert again.stderr == (
        f"ksr-library: error: {project.resolve()}/library/raporty/raport.docx already exists: "
        "nothing was written (an import never replaces a file)\n"
    )
    assert files_in(project) == before


ERRORS = yaml.safe_load((GOLDEN_IMPORT / "errors.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", ERRORS, ids=[c["name"] for c in ERRORS])
def test_bad_input_gets_one_line_and_nothing_written(
    case: dict[str, object],
    fixtures: Path,
    project: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if case.get("limit"):
        monkeypatch.setattr(containers, "MAX_IMPORT_BYTES", case["limit"])
    before = files_in(project)
    monkeypatch.chdir(project)
    args = [str(fixtures / str(case["file"])), *case.get("args", ["--type", "report"])]  # type: ignore[misc]
    assert cli.main(["import", *args]) == 1
    out, err = capsys.readouterr()
    expected = str(case["error"]).format(
        library=project.resolve() / "library", size=(fixtures / str(case["file"])).stat().st_size
    )
    assert (out, err) == ("", f"ksr-library: error: {expected}\n")
    assert files_in(project) == before


def test_several_files_are_written_all_or_nothing(fixtures: Path, project: Path) -> None:
    before = files_in(project)
    done = run_cli(
        project, "import", str(fixtures / "raport.docx"), str(fixtures / "skan.pdf"), "--type", "report"
    )
    assert done.returncode == 1
    assert files_in(project) == before


def test_a_recommendation_gets_placeholders_that_pass_check(fixtures: Path, project: Path) -> None:
    done = run_cli(
        project, "import", str(fixtures / "program.odt"), "--type", "recommendation", "--into", "nowe/rek"
    )
    assert done.returncode == 0, done.stderr
    text = (project / "library/nowe/rek/REK-SAR.md").read_text(encoding="utf-8")
    assert "level: systemic\naddressees: [do uzupełnienia]\ntheme: do uzupełnienia\n" in text
    assert "  - level, addressees and theme: placeholders ('do uzupełnienia'): set them" in done.stdout
    assert run_cli(project, "check").returncode == 0


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_the_demo_sources_import_cleanly(name: str, tmp_path: Path, project: Path) -> None:
    source = SOURCES[name](tmp_path / name)
    (plan,) = plan_imports([source], project / "library", ImportRequest("guide"))
    assert "status: draft" in plan.text
    assert not [note for note in plan.review if note.startswith(("link:", "a picture", "slide"))]
