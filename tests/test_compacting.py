"""Compacting built pages: indentation goes, content and verbatim blocks stay."""

from __future__ import annotations

from ksr_library.compacting import compact_html


def test_indentation_goes_and_separating_whitespace_stays() -> None:
    page = "<ul>\n    <li><a>A</a>\n\n\n      <span>B</span></li>\n  </ul>\n"
    assert compact_html(page) == "<ul>\n<li><a>A</a>\n<span>B</span></li>\n</ul>\n"


def test_pre_and_textarea_keep_every_space() -> None:
    code = "<pre><code>def f():\n    return 1\n\n\n    # end</code></pre>"
    area = "<TEXTAREA>\n   a\n</TEXTAREA>"
    page = f"<div>\n    {code}\n    {area}\n</div>"
    assert compact_html(page) == f"<div>\n{code}\n{area}\n</div>"


def test_a_page_without_indentation_is_unchanged() -> None:
    page = "<p>Tekst z\u00a0odstępem, <b>pogrubiony</b> i <i>pochylony</i>.</p>"
    assert compact_html(page) == page
