"""Text of attachments for search: per page for PDFs, cached by content, failures named."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.import_fixtures import make_docx, make_pdf, make_scanned_pdf

from ksr_library.errors import UnreadableFileError
from ksr_library.extracting import TextCache, extract_text


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("attachments")
    make_pdf(folder / "ekspertyza.pdf")
    make_docx(folder / "raport.docx")
    make_scanned_pdf(folder / "skan.pdf")
    (folder / "dane.csv").write_text("rok,liczba\n", encoding="utf-8")
    return folder


def test_pdf_text_comes_per_page_without_running_lines(files: Path) -> None:
    pages = extract_text(files / "ekspertyza.pdf")
    assert len(pages) == 3
    assert pages[0].startswith("Współpraca międzysektorowa w gminie Wprowadzenie Klub integracji")
    assert "gospodarki społecznej" in pages[0]
    assert "społeczno-zawodowej" in pages[0]
    assert "Strona" not in " ".join(pages)
    assert "ekspertyza" not in " ".join(pages).lower().replace("ekspertyza wskazuje", "")
    assert pages[2].startswith("edukacyjnych i sportowych")


def test_other_formats_give_one_text(files: Path) -> None:
    (text,) = extract_text(files / "raport.docx")
    assert "Rok CIS KIS" in text
    assert "lista partnerów z czterech obszarów" in text


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("skan.pdf", "skan.pdf: no text layer: the PDF looks scanned: it needs OCR first"),
        ("dane.csv", "dane.csv: no text can be extracted from '.csv' files"),
        ("brak.pdf", "brak.pdf: cannot read it: No such file or directory"),
    ],
)
def test_unreadable_attachments_raise_an_error_naming_them(files: Path, name: str, message: str) -> None:
    with pytest.raises(UnreadableFileError) as raised:
        extract_text(files / name)
    assert raised.value.message == message


def test_an_unchanged_attachment_is_not_read_again(files: Path, tmp_path: Path) -> None:
    cache = TextCache(tmp_path / "cache")
    first = cache.text(files / "ekspertyza.pdf")
    moved = tmp_path / "kopia.pdf"
    shutil.copy(files / "ekspertyza.pdf", moved)
    assert cache.text(moved) == first
    assert (cache.hits, cache.misses) == (1, 1)
    assert TextCache(tmp_path / "cache").text(files / "ekspertyza.pdf") == first, (
        "the cache outlives the process"
    )


def test_a_failure_is_cached_and_names_the_file_asked_for(files: Path, tmp_path: Path) -> None:
    cache = TextCache(tmp_path / "cache")
    for name in ("skan.pdf", "inny-skan.pdf"):
        shutil.copy(files / "skan.pdf", tmp_path / name)
        with pytest.raises(UnreadableFileError, match=f"^{name}: no text layer"):
            cache.text(tmp_path / name)
    assert (cache.hits, cache.misses) == (1, 1)


def test_a_damaged_cache_entry_is_read_again(files: Path, tmp_path: Path) -> None:
    cache = TextCache(tmp_path / "cache")
    first = cache.text(files / "raport.docx")
    for entry in (tmp_path / "cache").iterdir():
        entry.write_text("{not json", encoding="utf-8")
    assert cache.text(files / "raport.docx") == first
    assert cache.misses == 2
