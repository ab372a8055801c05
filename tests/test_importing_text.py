"""The import's pure parts: Markdown escaping, PDF text rebuilding, list nesting, proposals."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import docx
import markdown
import pytest
from docx.enum.style import WD_STYLE_TYPE
from hypothesis import given, settings
from hypothesis import strategies as st

from ksr_library.importing.from_docx import read_docx
from ksr_library.importing.markdown import to_markdown
from ksr_library.importing.model import (
    FlatItem,
    Heading,
    ListBlock,
    ListItem,
    Paragraph,
    Properties,
    Span,
    Table,
    clean_text,
    nest_items,
)
from ksr_library.importing.pdftext import (
    Line,
    Vocabulary,
    drop_running_lines,
    keeps_hyphen,
    rebuild,
    vocabulary,
)
from ksr_library.importing.proposal import propose_id, summary_of, title_of
from ksr_library.schema import DocType

EXTENSIONS = ["tables", "footnotes", "def_list", "admonition", "sane_lists", "toc", "abbr", "attr_list"]
"""The site's Markdown extensions, and two more that read more characters as syntax."""


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def rendered(body: str) -> _Html:
    parser = _Html()
    parser.feed(markdown.markdown(body, extensions=EXTENSIONS))
    return parser


def words(text: str) -> str:
    return re.sub(r"\s+", " ", clean_text(text)).strip()


TRICKY = st.lists(
    st.sampled_from(
        [*"ab ąż\n\t#*_`[]()<>!&;:|{}~=-+.1\\/\"'^$@%", "[[", "<b>", "&amp;", "1. ", "- ", "http://x"]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(TRICKY)
def test_imported_text_stays_text_in_a_paragraph(text: str) -> None:
    html = rendered(to_markdown([Paragraph((Span(text),))], []))
    assert set(html.tags) <= {"p"}
    assert words("".join(html.text)) == words(text)


@settings(max_examples=150, deadline=None)
@given(TRICKY, TRICKY)
def test_imported_text_stays_text_in_lists_and_tables(item: str, cell: str) -> None:
    body = to_markdown(
        [ListBlock(False, (ListItem((Span(item),)),)), Table((((Span("Nagłówek"),), (Span(cell),)),))], []
    )
    html = rendered(body)
    assert set(html.tags) <= {"ul", "li", "table", "thead", "tbody", "tr", "th", "td", "p"}
    assert words("".join(html.text)) == words(f"{item} Nagłówek {cell}")


def test_emphasis_links_and_unsafe_links() -> None:
    spans = (
        Span("Tekst "),
        Span("mocny ", bold=True),
        Span("i pochyły", italic=True),
        Span(" z "),
        Span("odnośnikiem", link="https://example.org/a b(c)"),
        Span(" i "),
        Span("skryptem", link="javascript:alert(1)"),
    )
    body = to_markdown([Paragraph(spans)], [])
    assert (
        body == "Tekst **mocny** *i pochyły* z [odnośnikiem](https://example.org/a%20b%28c%29) i skryptem\n"
    )


def test_nested_lists_indent_by_four_spaces_and_split_by_kind() -> None:
    flat = [
        FlatItem(0, False, (Span("a"),)),
        FlatItem(2, False, (Span("b"),)),
        FlatItem(0, False, (Span("c"),)),
        FlatItem(0, True, (Span("d"),)),
    ]
    lists = nest_items(flat)
    assert [block.ordered for block in lists] == [False, True]
    assert to_markdown(lists, []) == "- a\n    - b\n- c\n\n1. d\n"


HYPHENS = [
    ("gospo", "darki", False),
    ("społeczno", "zawodowej", True),
    ("naukowo", "badawczy", True),
    ("Kujawsko", "Pomorskie", True),
    ("KIS", "ów", True),
    ("e", "usługi", True),
    ("reintegra", "cji", False),
    ("ekono", "mii", False),
    ("wojsko", "wy", False),
    ("jedno", "stka", False),
]


@pytest.mark.parametrize(("head", "tail", "keeps"), HYPHENS, ids=[f"{h}-{t}" for h, t, _ in HYPHENS])
def test_hyphen_at_a_line_end_without_evidence(head: str, tail: str, keeps: bool) -> None:
    assert keeps_hyphen(head, tail, Vocabulary(frozenset(), frozenset())) is keeps


def test_the_document_itself_decides_first() -> None:
    seen = vocabulary(["Model społecznoekonomiczny i prawno-finansowy.", "Gospodarka lokalna."])
    assert keeps_hyphen("społeczno", "ekonomiczny", seen) is False
    assert keeps_hyphen("prawno", "finansowy", seen) is True
    assert keeps_hyphen("gospodar", "ki", seen) is False


def test_vocabulary_leaves_out_pieces_of_broken_words() -> None:
    seen = vocabulary(["rozwój gospo-", "darki lokalnej"])
    assert "gospo" not in seen.words
    assert "darki" not in seen.words
    assert {"rozwój", "lokalnej"} <= seen.words


def page(number: int, *body: str) -> list[Line]:
    lines = [Line("Raport KSR 2019", 800, 72, 8)]
    lines += [Line(text, 700 - 12 * i, 72, 10) for i, text in enumerate(body)]
    return [*lines, Line(f"- {number} -", 30, 290, 8)]


def test_running_headers_and_page_numbers_are_dropped() -> None:
    pages = [page(1, "Pierwsza strona."), page(2, "Druga strona."), page(3, "Trzecia strona.")]
    assert [[line.text for line in p] for p in drop_running_lines(pages)] == [
        ["Pierwsza strona."],
        ["Druga strona."],
        ["Trzecia strona."],
    ]


def test_paragraphs_are_rebuilt_from_gaps_and_short_lines() -> None:
    lines = [
        Line("Rozdział", 760, 72, 14),
        Line("Pierwszy akapit ma dwie linie i kończy się", 730, 72, 10),
        Line("tutaj.", 718, 72, 10),
        Line("Drugi akapit zaczyna się po odstępie.", 690, 72, 10),
    ]
    assert rebuild([lines]) == (
        Heading(2, (Span("Rozdział"),)),
        Paragraph((Span("Pierwszy akapit ma dwie linie i kończy się tutaj."),)),
        Paragraph((Span("Drugi akapit zaczyna się po odstępie."),)),
    )


def test_proposed_ids_are_valid_unique_and_readable() -> None:
    assert propose_id(DocType.REPORT, "Diagnoza gotowości do współpracy 2018", set()) == "RAP-DGW-2018"
    assert propose_id(DocType.MODEL, "Model Lokalnej Współpracy", {"model-lw"}) == "MODEL-LW-2"
    assert propose_id(DocType.GUIDE, "Sprawozdanie", set()) == "PRZ-SPRAWOZDANIE"
    assert propose_id(DocType.EXPERTISE, "!!!", set()) == "EKS-IMPORT"


def test_summary_is_cut_at_a_word_boundary_within_400_characters() -> None:
    text = "słowo " * 100
    summary = summary_of([Paragraph((Span("Krótki."),)), Paragraph((Span(text),))], "Tytuł").value
    assert len(summary) <= 400
    assert summary.endswith("słowo…")


def test_title_falls_back_to_the_first_heading_then_the_file_name() -> None:
    blocks = [Heading(2, (Span("Nagłówek"),))]
    assert title_of(Properties(title="Microsoft Word - raport.docx"), blocks, "a.docx").value == "Nagłówek"
    assert title_of(Properties(title="Prezentacja programu PowerPoint"), blocks, "a.pptx").value == "Nagłówek"
    assert title_of(Properties(), [], "raport_koncowy-2019.pdf").value == "Raport koncowy-2019"


def test_a_word_style_based_on_a_heading_is_a_heading() -> None:
    document = docx.Document()
    style = document.styles.add_style("Rozdział", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Heading 2"]
    document.add_paragraph("Mój rozdział", style="Rozdział")
    out = io.BytesIO()
    document.save(out)
    assert read_docx("a.docx", out.getvalue()).blocks == (Heading(3, (Span("Mój rozdział"),)),)
