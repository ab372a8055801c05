"""The accessibility statement: its configuration, its mandatory ids, and PDFs it lists."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.config import base
from mkdocs.config import config_options as c
from pypdf import PdfWriter

from conftest import ROOT
from ksr_library import accessibility
from ksr_library.accessibility import MANDATORY_IDS, OPTIONAL_IDS, AccessibilityConfig, PdfProblem
from ksr_library.errors import ProjectError

DOC_PAGE = ROOT / "docs" / "dla-redakcji" / "deklaracja.md"
SITE = "https://biblioteka-ksr.example.org/"


def example() -> dict[str, Any]:
    """The example section of the maintainers' page, as the lead pastes it into mkdocs.yml."""
    block = re.search(r"```yaml\n(.*?)```", DOC_PAGE.read_text(encoding="utf-8"), re.DOTALL)
    assert block is not None
    section: dict[str, Any] = yaml.safe_load(block[1])["plugins"][0]["ksr-library"]["accessibility"]
    return section


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: Counter[str] = Counter()
        self.tags: dict[str, str] = {}
        self.attrs: dict[str, dict[str, str | None]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids[value] += 1
                self.tags[value] = tag
                self.attrs[value] = dict(attrs)


def parse(html: str) -> _Ids:
    parser = _Ids()
    parser.feed(html)
    return parser


def render(section: dict[str, Any], problems: tuple[PdfProblem, ...] = ()) -> str:
    return accessibility.statement_html(
        accessibility.load(section), site_name="Biblioteka KSR", site_url=SITE, pdf_problems=problems
    )


def test_the_example_carries_every_mandatory_id_once() -> None:
    html = render(example())
    found = parse(html)
    assert {i: found.ids[i] for i in MANDATORY_IDS} == dict.fromkeys(MANDATORY_IDS, 1)
    assert all(n == 1 for n in found.ids.values()), found.ids
    assert found.tags["a11y-deklaracja"] == "h1"
    for date_id in ("a11y-data-publikacja", "a11y-data-aktualizacja", "a11y-data-sporzadzenie"):
        assert found.tags[date_id] == "time"
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", found.attrs[date_id]["datetime"] or "")
    assert '<time id="a11y-data-publikacja" datetime="2026-01-15">2026-01-15</time>' in html
    assert found.attrs["a11y-url"]["href"] == SITE
    assert found.attrs["a11y-email"]["href"] == "mailto:dostepnosc@ipiss.example.org"
    assert found.attrs["a11y-telefon"]["href"] == "tel:+48220000000"
    assert "Instytut Pracy i Spraw Socjalnych</span> zobowiązuje się" in html
    assert "samooceny" in html and "częściowo zgodna" in html


def test_optional_parts_appear_only_when_configured() -> None:
    section = example()
    for key in ("nonaccessible", "exclusions", "reviewed", "architecture"):
        section.pop(key)
    section["status"] = "zgodna"
    found = parse(render(section))
    assert not set(OPTIONAL_IDS) & set(found.ids)
    section |= {"burden_assessment": "https://ipiss.example.org/analiza", "mobile_apps": ["KSR (Android)"]}
    section |= {"auditor": "Fundacja Przykładowa"}
    html = render(section)
    assert {"a11y-ocena", "a11y-aplikacje"} <= set(parse(html).ids)
    assert "badania przeprowadzonego przez podmiot zewnętrzny: Fundacja Przykładowa" in html


def test_pdf_problems_are_listed_and_compliant_becomes_partly() -> None:
    section = example() | {"status": "zgodna", "nonaccessible": []}
    problem = PdfProblem("dokumenty/rap-pom-2019/pliki/a.pdf", ("title", "language", "tags"))
    html = render(section, (problem,))
    assert "<strong>częściowo zgodna</strong>" in html
    assert (
        "<li>Plik PDF dokumenty/rap-pom-2019/pliki/a.pdf nie ma tytułu, określonego języka ani znaczników "
        "struktury, więc czytniki ekranu mogą odczytać go niepoprawnie.</li>"
    ) in html
    assert "<strong>zgodna</strong>" in render(section)


def test_configured_text_is_escaped() -> None:
    section = example()
    section["entity"] = '<script>alert(1)</script> & "Instytut"'
    section["contact"]["person"] = "<img src=x onerror=alert(1)>"
    html = render(section)
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;Instytut&#34;" in html


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"entity": None}, "'entity': Required configuration not provided."),
        ({"published": "15.01.2026"}, "'published': expected a date written YYYY-MM-DD"),
        ({"status": "prawie zgodna"}, "'status': Expected one of"),
        (
            {"contact": {"person": "X", "phone": "+48 22 000 00 00"}},
            "'contact': Sub-option 'email': Required",
        ),
        (
            {"contact": {"person": "X", "email": "nie-adres", "phone": "1"}},
            "'contact': Sub-option 'email': expected",
        ),
        ({"burden_assessment": "javascript:alert(1)"}, "'burden_assessment'"),
    ],
)
def test_a_wrong_or_missing_field_is_refused_by_name(change: dict[str, Any], message: str) -> None:
    section = example()
    for key, value in change.items():
        if value is None:
            section.pop(key)
        else:
            section[key] = value
    with pytest.raises(ProjectError, match=re.escape(f"mkdocs.yml: accessibility: {message}")):
        accessibility.load(section)


def test_nested_as_a_plugin_option_the_error_names_the_field() -> None:
    class PluginConfig(base.Config):  # type: ignore[no-untyped-call]
        accessibility = c.SubConfig(AccessibilityConfig)

    config = PluginConfig()
    section = example()
    del section["contact"]["phone"]
    config.load_dict({"accessibility": section})
    failed, _ = config.validate()
    assert [(key, str(error)) for key, error in failed] == [
        ("accessibility", "Sub-option 'contact': Sub-option 'phone': Required configuration not provided.")
    ]


def test_statement_url_needs_the_site_url() -> None:
    config = accessibility.load(example())
    assert (
        accessibility.statement_url("https://example.org/ksr", config)
        == "https://example.org/ksr/deklaracja-dostepnosci/"
    )
    with pytest.raises(ProjectError, match="site_url"):
        accessibility.statement_url(None, config)


def test_demo_pdfs_are_accessible_but_the_acknowledged_one_and_a_plain_one_is_not(tmp_path: Path) -> None:
    demo = sorted((ROOT / "library").rglob("*.pdf"))
    problems = accessibility.pdf_problems((p, p.name) for p in demo)
    assert [p.file for p in problems] == ["kierunki-zmian-2021.pdf"], "listed under known_inaccessible in mkdocs.yml"

    plain = tmp_path / "plain.pdf"
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.write(plain)
    titled = tmp_path / "titled.pdf"
    writer.add_metadata({"/Title": "Tytuł"})
    writer.write(titled)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\nnot really")
    not_pdf = tmp_path / "notes.txt"
    not_pdf.write_text("x")

    problems = accessibility.pdf_problems(
        [(plain, "a/plain.pdf"), (titled, "a/titled.pdf"), (broken, "a/broken.pdf"), (not_pdf, "a/notes.txt")]
    )
    assert [(p.file, p.missing) for p in problems] == [
        ("a/plain.pdf", ("title", "language", "tags")),
        ("a/titled.pdf", ("language", "tags")),
        ("a/broken.pdf", ("readable",)),
    ]
    assert problems[0].message.startswith("a/plain.pdf: the PDF has no title, no language, no tags:")
    assert problems[1].polish == (
        "Plik PDF a/titled.pdf nie ma określonego języka ani znaczników struktury, "
        "więc czytniki ekranu mogą odczytać go niepoprawnie."
    )
    assert "cannot be read" in problems[2].message
