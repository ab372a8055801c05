"""Hostile bodies: the rendered HTML is inert, and check agrees with what the page shows.

The budget comes from the Hypothesis profile (`tests/conftest.py`): a fixed one in the
normal run, a long one with `make fuzz`.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import load_cases
from ksr_library.links import relative_url
from ksr_library.rendering import BodyContext, RefTarget, RenderedBody, render_body
from ksr_library.rendering.policy import ACTIVE_SCHEMES, as_browser_reads, url_problem
from ksr_library.rendering.sanitising import TAGS

PAGE = "dokumenty/rap-01/"
TARGETS = {
    "rap-02": RefTarget("RAP-02", "Raport <b>drugi</b> *x*", "dokumenty/rap-02/"),
    "rap-01": RefTarget("RAP-01", "Ten raport", "dokumenty/rap-01/"),
}
CONTEXT = BodyContext(
    page_url=PAGE,
    resolve=lambda ref: TARGETS.get(ref.casefold()),
    attachments={"plik.pdf": f"{PAGE}pliki/plik.pdf"},
    abbreviations={"KIS": 'Klub "Integracji" <b>Społecznej</b>'},
)
BANNED = {
    "script",
    "iframe",
    "object",
    "embed",
    "form",
    "meta",
    "base",
    "style",
    "link",
    "svg",
    "math",
    "input",
}

SCHEMES = st.sampled_from(
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "jav&#x61;script:alert(1)",
        "&#106;avascript:alert(1)",
        "java&#9;script:alert(1)",
        "java&#x0A;script:alert(1)",
        "java&Tab;script:alert(1)",
        "javascript&colon;alert(1)",
        "&#x20;javascript:alert(1)",
        "java\tscript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
        "&#100;ata:image/svg+xml,x",
        'https://example.org/" onfocus="alert(1)',
        "plik.pdf",
        "#cele",
        "mailto:a@b.pl",
        "//evil.example/x",
    ]
)
LINK_FORMS = [
    "[tekst]({})",
    "![obraz]({})",
    "[tekst](<{}>)",
    '[tekst]({} "tytuł")',
    "[ref]\n\n[ref]: {}",
    "[ref]\n\n[ref]:\n    {}",
    "<{}>",
]
LINKS = st.builds(str.format, st.sampled_from(LINK_FORMS), SCHEMES)
HTML = st.sampled_from(
    [
        "<script>alert(1)</script>",
        "<script>\n\nalert(1)\n\n</script>",
        "<pre onclick=alert(1)>x</pre>",
        "<style>*{color:red}</style>",
        "<textarea>x</textarea>",
        "<!-- komentarz -->",
        "<!--\n\n<script>alert(1)</script>\n\n-->",
        "<?php echo 1; ?>",
        "<!DOCTYPE html>",
        "<![CDATA[<script>alert(1)</script>]]>",
        "<div onmouseover=alert(1)>\n*x*\n</div>",
        "<iframe src=javascript:alert(1)></iframe>",
        "<object data=x></object>",
        "<embed src=x>",
        "<form action=javascript:alert(1)><button>x</button></form>",
        '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
        "<base href=javascript:alert(1)//>",
        "<link rel=stylesheet href=https://evil.example/x.css>",
        "<svg onload=alert(1)>",
        "<img src=x onerror=alert(1)>",
        '<a href="javascript:alert(1)">x</a>',
        "<x:y/onfocus=alert(1)/autofocus/tabindex=0>",
        "<a:b onfocus=alert(1) autofocus>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "`<img src=x onerror=alert(1)>`",
        "\\`<img src=x onerror=alert(1)>`",
        "::: os",
        "&lt;script&gt;",
    ]
)
TEXT = st.sampled_from(
    [
        "tekst",
        "KIS",
        "`kod`",
        "*em*",
        "__mocne__",
        "[[RAP-02]]",
        "[[rap-02|<b>x</b>]]",
        "[[RAP-01#cele]]",
        "[[NIE-MA]]",
        "[^1]",
        "\\",
    ]
)
INLINE = st.one_of(LINKS, HTML, TEXT)
BLOCK_FORMS = [
    "{0}",
    "{0} {1}",
    "## {0}",
    "{0}\n---",
    "| a | b |\n|---|:-:|\n| {0} | {1} |",
    "[^1]: {0}",
    '!!! note "{0}"\n    {1}',
    "Termin\n:   {0}",
    "```\n{0}\n```",
    "~~~ python extra\n{0}\n~~~",
    "    {0}",
]
BLOCK = st.builds(str.format, st.sampled_from(BLOCK_FORMS), INLINE, INLINE)
CONTAINERS = st.sampled_from(["", "> ", "- ", "1. ", "> - ", "- > ", "    ", "> > "])
NESTED = st.tuples(CONTAINERS, BLOCK).map(lambda t: "\n".join(t[0] + line for line in t[1].split("\n")))
BODIES = st.lists(
    st.tuples(NESTED, st.sampled_from(["\n", "\n\n", " ", "\n\n\n"])), min_size=1, max_size=8
).map(lambda parts: "".join(block + sep for block, sep in parts))


class Elements(HTMLParser):
    """Every element of an HTML fragment with its attributes (entities decoded) and ancestors."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str], tuple[str, ...]]] = []
        self._open: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, {k: v or "" for k, v in attrs}, tuple(self._open)))
        if tag not in {"br", "hr", "img"}:
            self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            del self._open[len(self._open) - 1 - self._open[::-1].index(tag) :]


def assert_inert(html: str) -> None:
    """No script, handler, active URL or banned element: the properties of issue 11."""
    assert "<script" not in html.lower()
    for tag, attributes, _ in Elements(html).found:
        assert tag in TAGS and tag not in BANNED, tag
        for name, value in attributes.items():
            assert not name.startswith("on"), (tag, name)
            if name in {"href", "src"}:
                scheme = re.match(r"([a-z][a-z0-9+.-]*):", as_browser_reads(value).lower())
                assert scheme is None or scheme[1] not in ACTIVE_SCHEMES, value


def assert_check_agrees(result: RenderedBody) -> None:
    """Every link the page shows was judged and allowed; none is in code; no finding, no neutralised link."""
    elements = Elements(result.html).found
    allowed_local = {relative_url(url, PAGE) for url in CONTEXT.attachments.values()}
    ref_urls = {relative_url(t.url, PAGE) for t in TARGETS.values()}
    ref_links = 0
    neutralised = 0
    for tag, attributes, ancestors in elements:
        if tag not in {"a", "img"}:
            continue
        assert not {"code", "pre"} & set(ancestors), (tag, attributes)
        url = attributes.get("href" if tag == "a" else "src")
        if url is None:
            neutralised += 1
        elif url.split("#")[0] in ref_urls and url.split("#")[0] != "":
            ref_links += 1
        else:
            assert url in allowed_local or url_problem(url, CONTEXT.attachments) is None, url
    assert ref_links == sum(1 for r in result.refs if r.target is not None), result
    if not result.findings:
        assert neutralised == 0, result.html


@given(BODIES)
def test_hostile_bodies_render_inert_html(body: str) -> None:
    result = render_body(body, CONTEXT)
    assert_inert(result.html)
    for token in result.toc:
        assert_inert(token["html"])


@given(BODIES)
def test_check_and_the_rendered_page_agree(body: str) -> None:
    assert_check_agrees(render_body(body, CONTEXT))


def _golden_bodies() -> list[Any]:
    bodies = []
    for param in load_cases("check"):
        case = param.values[0]
        for name, text in case["files"].items():
            if isinstance(text, str) and name.endswith(".md") and text.count("---\n") >= 2:
                bodies.append(pytest.param(text.split("---\n", 2)[2], id=f"{param.id}/{name}"))
    return bodies


@pytest.mark.parametrize("body", _golden_bodies())
def test_golden_bodies_agree_and_are_inert(body: str) -> None:
    result = render_body(body, CONTEXT)
    assert_inert(result.html)
    assert_check_agrees(result)
