"""The body renderer: references, the link policy, raw HTML, abbreviations, positions, limits."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REK, write_tree
from ksr_library.checking import check_library
from ksr_library.links import Heading, relative_url
from ksr_library.rendering import BodyContext, Finding, RefTarget, RefUse, render_body, sanitise
from ksr_library.rendering.fences import LinearFencedBlockPreprocessor
from ksr_library.rendering.limits import MAX_DEPTH, MAX_STRUCTURE_LINES, parse_blocks_in_linear_time

TARGETS = {
    "rap-02": RefTarget("RAP-02", "Raport *drugi*", "dokumenty/rap-02/"),
    "stary-2": RefTarget("RAP-02", "Raport *drugi*", "dokumenty/rap-02/"),
}
CONTEXT = BodyContext(
    page_url="dokumenty/rap-01/",
    resolve=lambda ref: TARGETS.get(ref.casefold()),
    attachments={
        "dane/plik.pdf": "dokumenty/rap-01/pliki/plik.pdf",
        "mapa.png": "dokumenty/rap-01/pliki/mapa.png",
    },
    abbreviations={"KIS": "Klub Integracji Społecznej"},
)


def test_references_become_relative_links_showing_title_or_text() -> None:
    result = render_body("Zob. [[RAP-02]], [[stary-2|dawny numer]] i [[rap-02#wnioski|wnioski]].", CONTEXT)
    assert result.html == (
        '<p>Zob. <a href="../rap-02/">Raport *drugi*</a>, <a href="../rap-02/">dawny numer</a> '
        'i <a href="../rap-02/#wnioski">wnioski</a>.</p>'
    )
    assert result.refs == (
        RefUse("[[RAP-02]]", "RAP-02", None, 1, 6),
        RefUse("[[stary-2|dawny numer]]", "RAP-02", None, 1, 18),
        RefUse("[[rap-02#wnioski|wnioski]]", "RAP-02", "wnioski", 1, 44),
    )
    assert result.findings == ()


def test_unknown_reference_is_text_and_a_finding() -> None:
    result = render_body("Tekst\n\nZob. [[RAP-09]].", CONTEXT)
    assert result.html == "<p>Tekst</p>\n<p>Zob. [[RAP-09]].</p>"
    use = RefUse("[[RAP-09]]", None, None, 3, 6)
    assert result.refs == (use,)
    assert result.findings == (Finding(3, 6, "[[RAP-09]]: no document has this id", use),)


def test_references_in_code_stay_code_and_positions_skip_code() -> None:
    body = "`[[RAP-02]]` w kodzie\n\n```\n[[RAP-02]]\n```\n\nA tu link: [[RAP-02]]"
    result = render_body(body, CONTEXT)
    assert "<code>[[RAP-02]]</code>" in result.html
    assert result.refs == (RefUse("[[RAP-02]]", "RAP-02", None, 7, 12),)


def test_reference_in_a_table_cell_with_escaped_bar() -> None:
    result = render_body("| a | b |\n|---|---|\n| [[RAP-02\\|raport]] | x |", CONTEXT)
    assert '<td><a href="../rap-02/">raport</a></td>' in result.html
    assert result.refs[0].line == 3 and result.refs[0].col == 3


@pytest.mark.parametrize(
    ("body", "html", "message"),
    [
        ("[a](https://example.org)", '<a href="https://example.org">a</a>', None),
        ("[a](mailto:a@b.pl)", '<a href="mailto:a@b.pl">a</a>', None),
        ("[a](#cele)", '<a href="#cele">a</a>', None),
        ("[a](dane/plik.pdf)", '<a href="pliki/plik.pdf">a</a>', None),
        ("![m](mapa.png)", '<img alt="m" src="pliki/mapa.png">', None),
        ("[a](inny.md)", "<a>a</a>", "'inny.md': link documents by id"),
        ("[a](//evil.example)", "<a>a</a>", "'//evil.example': link documents by id"),
        (
            "[a](javascript:alert(1))",
            "<a>a</a>",
            "'javascript:alert(1)': 'javascript:' links are not allowed",
        ),
        ("[a](jav&#x61;script:x)", "<a>a</a>", "'jav&#x61;script:x': 'javascript:' links are not allowed"),
        ("[a](java&#x09;script:x)", "<a>a</a>", "'java&#x09;script:x': 'javascript:' links are not allowed"),
        ("![a](data:image/png;base64,AA)", '<img alt="a">', "'data:image/png;base64,AA': 'data:' links"),
        ("[a](ftp://example.org)", "<a>a</a>", "'ftp://example.org': 'ftp:' links are not allowed: use http"),
    ],
)
def test_link_policy_on_the_parsed_tree(body: str, html: str, message: str | None) -> None:
    result = render_body(body, CONTEXT)
    assert result.html == f"<p>{html}</p>"
    assert [f.message[: len(message)] for f in result.findings] == ([message] if message else [])


def test_raw_html_and_comments_are_text_and_findings() -> None:
    body = "<div onclick=x>\n*tekst*\n</div>\n\nA <!-- uwaga --> i <b>b</b>."
    result = render_body(body, CONTEXT)
    assert result.html == (
        "<p>&lt;div onclick=x&gt;\n<em>tekst</em>\n&lt;/div&gt;</p>\n"
        "<p>A &lt;!-- uwaga --&gt; i &lt;b&gt;b&lt;/b&gt;.</p>"
    )
    assert [(f.line, f.col, f.message.split(":")[0]) for f in result.findings] == [
        (1, 1, "'<div onclick=x>'"),
        (3, 1, "'</div>'"),
        (5, 3, "'<!-- uwaga -->'"),
        (5, 20, "'<b>'"),
        (5, 24, "'</b>'"),
    ]
    assert "HTML comments are not allowed" in result.findings[2].message


def test_directive_lines_outside_code_are_findings() -> None:
    result = render_body("::: os\n\n    ::: w kodzie\n\n- ::: sys", CONTEXT)
    assert [(f.line, f.col) for f in result.findings] == [(1, 1), (5, 3)]
    assert "<p>::: os</p>" in result.html


def test_abbreviations_in_text_only() -> None:
    body = "# KIS\n\nKIS i `KIS`, [KIS](https://example.org), **KIS**, KISS, [[RAP-02|KIS]].\n\n| KIS |\n|---|\n| KIS |"
    result = render_body(body, CONTEXT)
    abbr = '<abbr tabindex="0" title="Klub Integracji Społecznej">KIS</abbr>'
    assert result.html.count(abbr) == 4, result.html
    assert '<h1 id="kis">KIS</h1>' in result.html
    assert "<code>KIS</code>" in result.html
    assert '<a href="https://example.org">KIS</a>' in result.html
    assert f"<strong>{abbr}</strong>" in result.html
    assert "KISS" in result.html


def test_headings_toc_and_plain_text() -> None:
    body = "Wstęp KIS.\n\n## Zadania *Zespołu* [[RAP-02]]\n\nTekst\n\nCele\n----\n\n```\n# nie nagłówek\n```\n\n### Wnioski"
    result = render_body(body, CONTEXT)
    assert result.headings == (
        Heading(2, "Zadania Zespołu Raport *drugi*", "zadania-zespolu-raport-drugi", 3),
        Heading(2, "Cele", "cele", 7),
        Heading(3, "Wnioski", "wnioski", 14),
    )
    assert [t["id"] for t in result.toc] == ["zadania-zespolu-raport-drugi", "cele"]
    assert result.toc[1]["children"][0]["name"] == "Wnioski"
    assert result.text.startswith(
        "Wstęp KIS. Zadania Zespołu Raport *drugi* Tekst Cele # nie nagłówek Wnioski"
    )


def test_footnotes_tables_admonitions_definitions_survive_sanitising() -> None:
    body = (
        'Tekst[^1].\n\n[^1]: Przypis.\n\n!!! warning "Uwaga"\n    Treść.\n\n'
        "| a | b |\n|:--|--:|\n| 1 | 2 |\n\nTermin\n:   Definicja\n\n```python\nx = 1\n```"
    )
    html = render_body(body, CONTEXT).html
    for part in [
        '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>',
        '<div class="footnote">',
        '<li id="fn:1">',
        '<div class="admonition warning">',
        '<p class="admonition-title">Uwaga</p>',
        '<th align="left">a</th>',
        "<dt>Termin</dt>",
        '<pre><code class="language-python">x = 1\n</code></pre>',
    ]:
        assert part in html


def test_sanitise_keeps_only_the_allowlist() -> None:
    dirty = (
        '<div class="x" onclick="a()">t<script>alert(1)</script><style>p{}</style>'
        '<a href="javascript:x" class="footnote-ref evil">a</a><img src="data:x" onerror="y">'
        '<iframe src="https://e.org"></iframe><form><input></form><abbr title="t" tabindex="-1">K</abbr>'
        '<div class="admonition danger other">d</div><code class="language-py x">c</code></div>'
    )
    assert sanitise(dirty) == (
        '<div>t<a class="footnote-ref">a</a><img><abbr title="t">K</abbr>'
        '<div class="admonition danger">d</div><code class="language-py">c</code></div>'
    )


def test_relative_url() -> None:
    assert relative_url("dokumenty/rap-02/", "dokumenty/rap-01/") == "../rap-02/"
    assert relative_url("dokumenty/rap-01/pliki/a.pdf", "dokumenty/rap-01/") == "pliki/a.pdf"
    assert relative_url("dokumenty/rap-01/", "dokumenty/rap-01/") == "./"
    assert relative_url("dokumenty/", "dokumenty/rap-01/index.html") == "../"
    assert relative_url("", "dokumenty/rap-01/") == "../.."
    assert relative_url("szukaj/", "") == "szukaj/"
    assert relative_url("a/./b/../c.pdf", "a/d/") == "../c.pdf"


def test_too_deep_nesting_is_a_finding_and_safe_text() -> None:
    body = "tekst\n\n" + "> " * (MAX_DEPTH + 1) + "<script>x</script>"
    result = render_body(body, CONTEXT)
    assert result.findings == (
        Finding(
            3,
            1,
            f"this line is nested more than {MAX_DEPTH} levels deep (quotes and lists): flatten the structure",
        ),
    )
    assert "<script>" not in result.html


def test_too_many_list_items_and_rows_are_a_finding_and_safe_text() -> None:
    body = "Wstęp.\n\n" + "- [x](javascript:y)\n" * MAX_STRUCTURE_LINES + "| <script>x</script> |\n"
    result = render_body(body, CONTEXT)
    assert [(f.line, f.col) for f in result.findings] == [(MAX_STRUCTURE_LINES + 3, 1)]
    assert "<script>" not in result.html and "href=" not in result.html
    assert result.html.startswith("<pre>")
    assert len(render_body("- a\n" * MAX_STRUCTURE_LINES, CONTEXT).findings) == 0


def test_unpaired_brackets_over_budget_are_shown_as_text() -> None:
    body = "Wstęp.\n\nAkapit " + "[" * 5000 + " [a](javascript:x)"
    result = render_body(body, CONTEXT)
    assert [(f.line, f.col) for f in result.findings] == [(3, 1)]
    assert "too many unpaired '['" in result.findings[0].message
    assert "<a" not in result.html


def test_markup_over_budget_is_shown_as_text() -> None:
    body = "`a` " * 3000
    result = render_body(body, CONTEXT)
    assert [f.message for f in result.findings] == [
        "this paragraph has too much markup to be rendered: split it into shorter paragraphs"
    ]
    assert "<code>" not in result.html


def assert_same_as_stock(
    extensions: list[str], change: Callable[[markdown.Markdown], None], text: str
) -> None:
    stock = markdown.Markdown(extensions=extensions)
    ours = markdown.Markdown(extensions=extensions)
    change(ours)
    assert ours.convert(text) == stock.convert(text)


FENCE_LINES = st.sampled_from(
    [
        "```",
        "````",
        "~~~",
        "~~~~",
        "``` py",
        "```{.x #i}",
        "```{.x",
        "~~~ python extra",
        "x",
        "",
        "  ```",
        "```  ",
    ]
)


@settings(max_examples=300)
@given(st.lists(FENCE_LINES, max_size=14).map("\n".join))
def test_linear_fences_find_what_python_markdowns_find(text: str) -> None:
    def linear(md: markdown.Markdown) -> None:
        md.preprocessors.register(LinearFencedBlockPreprocessor(md, {}), "fenced_code_block", 25)

    assert_same_as_stock(["fenced_code"], linear, text)


BLOCK_LINES = st.sampled_from(
    [
        "",
        "a",
        "- b",
        "1. c",
        "> d",
        "    e",
        "# f",
        "[^1]: g",
        "!!! note",
        "    h",
        "i\n: j",
        "| k |\n|---|",
        "---",
    ]
)


@settings(max_examples=200)
@given(st.lists(BLOCK_LINES, max_size=16).map("\n".join))
def test_constant_time_blocks_parse_like_a_list(text: str) -> None:
    extensions = ["tables", "footnotes", "def_list", "admonition", "sane_lists"]
    assert_same_as_stock(extensions, parse_blocks_in_linear_time, text)


def test_escaped_reference_stays_text() -> None:
    result = render_body("a \\[[RAP-02]] b", CONTEXT)
    assert result.html == "<p>a [[RAP-02]] b</p>"
    assert result.refs == ()


def test_check_keeps_each_rendered_body(tmp_path: Path) -> None:
    library = write_tree(
        tmp_path / "library",
        {
            "a.md": REK.format(id="REK-01", title="Pierwsza", body="## Cele\n\nZob. [[rek-02#tlo]]."),
            "b.md": REK.format(id="REK-02", title="Druga", body="## Tło\n\nTekst KIS."),
        },
    )
    entries = {e.doc.id: e for e in check_library(library).entries}
    first = entries["REK-01"].rendered
    assert first.html == '<h2 id="cele">Cele</h2>\n<p>Zob. <a href="../rek-02/#tlo">Druga</a>.</p>'
    assert [(r.target, r.slug, r.line, r.col) for r in first.refs] == [("REK-02", "tlo", 3, 6)]
    assert entries["REK-02"].headings == (Heading(2, "Tło", "tlo", 1),)
