"""Attachments and dataset files: types by content, size caps, numbers, what a page shows."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from ksr_library import attachments, datasets
from ksr_library.attachments import attachment_problem
from ksr_library.datasets import csv_problem, dataset_view, looks_numeric, number

OFFICE = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml", "pptx": "ppt/presentation.xml"}
OPEN_DOCUMENT = {"odt": "text", "ods": "spreadsheet", "odp": "presentation"}


def office_file(path: Path, member: str) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(member, "<x/>")
    return path


def open_document(path: Path, kind: str) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", f"application/vnd.oasis.opendocument.{kind}", zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<x/>", zipfile.ZIP_DEFLATED)
    return path


@pytest.mark.parametrize("ext", list(OFFICE))
def test_office_files_are_recognised_by_their_content(tmp_path: Path, ext: str) -> None:
    assert attachment_problem(office_file(tmp_path / f"a.{ext}", OFFICE[ext])) is None
    other = next(e for e in OFFICE if e != ext)
    assert attachment_problem(office_file(tmp_path / f"b.{ext}", OFFICE[other])) == (
        f"'b.{ext}' is not a {attachments.ALLOWED_TYPES['.' + ext][0]} file although its name says so: "
        "attach the real file"
    )


@pytest.mark.parametrize("ext", list(OPEN_DOCUMENT))
def test_open_documents_are_recognised_by_their_mimetype(tmp_path: Path, ext: str) -> None:
    assert attachment_problem(open_document(tmp_path / f"a.{ext}", OPEN_DOCUMENT[ext])) is None
    other = next(k for e, k in OPEN_DOCUMENT.items() if e != ext)
    assert attachment_problem(open_document(tmp_path / f"b.{ext}", other)) is not None
    assert attachment_problem(office_file(tmp_path / f"c.{ext}", "word/document.xml")) is not None


def test_a_real_zip_and_webp_pass_and_a_renamed_html_does_not(tmp_path: Path) -> None:
    assert attachment_problem(office_file(tmp_path / "a.zip", "x")) is None
    (tmp_path / "b.webp").write_bytes(b"RIFF\x10\x00\x00\x00WEBPVP8 ")
    assert attachment_problem(tmp_path / "b.webp") is None
    (tmp_path / "c.zip").write_bytes(b"PK\x03\x04<html><script>alert(1)</script>")
    assert attachment_problem(tmp_path / "c.zip") is not None
    (tmp_path / "d.webp").write_bytes(b"<svg onload=alert(1)>")
    assert attachment_problem(tmp_path / "d.webp") is not None


def test_a_csv_cut_inside_a_character_at_the_sample_end_is_still_text(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b"a" * 4095 + "ż".encode())
    assert attachment_problem(path) is None
    path.write_bytes(b"rok,\xff\xfe\n")
    assert attachment_problem(path) is not None


def test_size_caps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.4\n" + b"0" * 100)
    monkeypatch.setattr(attachments, "MAX_ATTACHMENT_BYTES", 100)
    assert attachment_problem(pdf) == "'a.pdf' is 109 bytes; the limit is 100: link large files instead"
    data = tmp_path / "d.csv"
    data.write_text("rok,liczba\n2019,1\n", encoding="utf-8")
    assert csv_problem(data) is None
    monkeypatch.setattr(datasets, "MAX_DATASET_BYTES", 10)
    assert csv_problem(data) == "'d.csv' is 18 bytes; the limit for a dataset is 10"


@pytest.mark.parametrize(
    ("cell", "looks", "value"),
    [
        ("12", True, 12.0),
        (" -3,5 ", True, -3.5),
        ("1 234", True, 1234.0),
        ("1\u00a0234,5", True, 1234.5),
        ("1e3", True, 1000.0),
        (".5", True, 0.5),
        ("1e999", True, None),
        ("nan", True, None),
        ("-Infinity", True, None),
        ("1e16", True, None),
        ("1,234,567", False, None),
        ("brak", False, None),
        ("", False, None),
    ],
)
def test_the_number_rule(cell: str, looks: bool, value: float | None) -> None:
    assert looks_numeric(cell) is looks
    assert number(cell) == value


def test_a_large_dataset_is_shown_as_a_sample(tmp_path: Path) -> None:
    header = ["rok", "liczba"]
    small = [header, *[[str(i), str(i)] for i in range(datasets.TABLE_ROWS)]]
    view = dataset_view(small)
    assert (view.header, view.rows, view.sampled, view.total_rows) == (
        header,
        small[1:],
        False,
        datasets.TABLE_ROWS,
    )
    large = [header, *[[str(i), str(i)] for i in range(5000)]]
    view = dataset_view(large)
    assert view.sampled and view.total_rows == 5000
    assert len(view.rows) == datasets.CHART_SAMPLE_ROWS
    assert view.rows[0] == ["0", "0"] and view.rows[-1] == ["4999", "4999"]
    assert [int(r[0]) for r in view.rows] == sorted({int(r[0]) for r in view.rows})
