"""Citations: the PN-ISO 690 reference, RIS and CSL-JSON, all pointing at the root permalink."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from ksr_library import citation
from ksr_library.schema import DOCUMENT_ADAPTER, Document

SITE = "https://biblioteka-ksr.example.org/"


def make(**changes: Any) -> Document:
    data: dict[str, Any] = {
        "id": "REK-07",
        "title": "Rozszerzenie katalogu usług klubów integracji społecznej",
        "type": "recommendation",
        "audience": ["rops"],
        "version": "1.1",
        "date": dt.date(2019, 9, 15),
        "summary": "Klub powinien móc prowadzić zajęcia.",
        "tags": ["kis", "nowy profil usług"],
    }
    data.update(changes)
    if data["type"] == "recommendation":
        data.update(level="legislative", addressees=["Ministerstwo"], theme="usługi")
    return DOCUMENT_ADAPTER.validate_python(data)


def test_institution_is_named_once_and_the_title_is_the_italic_part() -> None:
    reference = citation.reference(make(), SITE)
    assert reference.plain("1 grudnia 2026") == (
        "Instytut Pracy i Spraw Socjalnych. Rozszerzenie katalogu usług klubów integracji społecznej "
        "[online]. Wersja 1.1. Warszawa, 2019. Dostępny w: https://biblioteka-ksr.example.org/r/REK-07/ "
        "[dostęp: 1 grudnia 2026]"
    )
    assert [s.text for s in reference.segments if s.italic] == [
        "Rozszerzenie katalogu usług klubów integracji społecznej"
    ]
    assert reference.url == reference.segments[-1].text == f"{SITE}r/REK-07/"


def test_authors_then_place_and_publisher() -> None:
    doc = make(authors=["Anna Nowak", "Zespół projektu KSR"], publisher="Fundacja Przykładowa")
    text = citation.reference(doc, SITE, place="Lublin").plain()
    assert text.startswith("Anna Nowak; Zespół projektu KSR. Rozszerzenie")
    assert "Wersja 1.1. Lublin: Fundacja Przykładowa, 2019. Dostępny w:" in text
    assert text.endswith("[dostęp: data odczytu]")
    assert "[b.m.]: Fundacja Przykładowa" in citation.reference(doc, SITE).plain()


def test_the_url_is_always_the_root_permalink() -> None:
    doc = make()
    cite = citation.for_document(doc, "https://example.org/biblioteka")
    root = "https://example.org/biblioteka/r/REK-07/"
    assert cite.permalink == cite.reference.url == root
    assert f"UR  - {root}\r\n" in cite.ris
    assert json.loads(cite.csl_json)[0]["URL"] == root
    assert f"url = {{{root}}}" in cite.bibtex
    assert citation.for_document(doc, None).reference.url == "r/REK-07/"


def test_ris_record() -> None:
    ris = citation.ris(make(type="report", title="Raport\nz dwóch linii", authors=["A"]), SITE)
    lines = ris.split("\r\n")
    assert lines[0] == "TY  - RPRT" and lines[-2:] == ["ER  - ", ""]
    assert "TI  - Raport z dwóch linii" in lines
    assert {"AU  - A", "ET  - 1.1", "PY  - 2019", "DA  - 2019/09/15", "CY  - Warszawa", "LA  - pl"} <= set(
        lines
    )
    assert [x for x in lines if x.startswith("KW")] == ["KW  - kis", "KW  - nowy profil usług"]
    assert all(len(line) >= 6 and line[2:6] == "  - " for line in lines[:-1])


@pytest.mark.parametrize(
    ("doc_type", "ris_type", "csl_type"),
    [("report", "RPRT", "report"), ("expertise", "RPRT", "report"), ("recommendation", "GEN", "document")],
)
def test_types(doc_type: str, ris_type: str, csl_type: str) -> None:
    doc = make(type=doc_type)
    assert citation.ris(doc, SITE).startswith(f"TY  - {ris_type}\r\n")
    assert json.loads(citation.csl_json(doc, SITE))[0]["type"] == csl_type


def test_csl_json_item() -> None:
    [item] = json.loads(citation.csl_json(make(), SITE))
    assert item["id"] == "REK-07"
    assert item["author"] == [{"literal": "Instytut Pracy i Spraw Socjalnych"}]
    assert item["issued"] == {"date-parts": [[2019, 9, 15]]}
    assert (item["version"], item["publisher-place"], item["genre"]) == ("1.1", "Warszawa", "Rekomendacja")
    assert item["keyword"] == "kis, nowy profil usług"


def test_hostile_text_stays_data() -> None:
    doc = make(title='Tytuł"}]\nER  - \nTY  - JOUR <script>', authors=["X\r\nAU  - Y"])
    ris = citation.ris(doc, SITE)
    assert ris.count("ER  - ") == 1 and ris.count("TY  - ") == 1
    assert json.loads(citation.csl_json(doc, SITE))[0]["title"] == doc.title
