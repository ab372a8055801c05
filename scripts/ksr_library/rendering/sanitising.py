"""Sanitising: the allowlist every piece of HTML from the library passes before it reaches a page.

The boundary is [nh3](https://nh3.readthedocs.io) (the Ammonia sanitiser): what is not listed
here is removed, whatever the Markdown renderer or a template produced. Tags, attributes,
attribute values and classes are listed once, below; URLs may be `http`, `https`, `mailto`
or relative.
"""

from __future__ import annotations

import html
import re

import nh3

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
"""The only URL schemes a link or an image may use; relative URLs are allowed too."""

TAGS = frozenset(
    {
        *("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "div"),
        *("em", "strong", "code", "pre", "sup", "sub", "abbr", "a", "img"),
        *("ul", "ol", "li", "dl", "dt", "dd"),
        *("table", "thead", "tbody", "tr", "th", "td"),
    }
)
"""Every element a body may contain: what Python-Markdown and our extensions produce."""

ATTRIBUTES: dict[str, set[str]] = {
    **{f"h{level}": {"id"} for level in range(1, 7)},
    "a": {"href", "title", "class"},
    "img": {"src", "alt", "title"},
    "abbr": {"title"},
    "sup": {"id"},
    "li": {"id"},
    "ol": {"start"},
    "div": {"class"},
    "p": {"class"},
    "pre": {"class"},
    "code": {"class"},
}
"""Attributes kept on each element (any value)."""

ATTRIBUTE_VALUES: dict[str, dict[str, set[str]]] = {
    "abbr": {"tabindex": {"0"}},
    "th": {"align": {"left", "center", "right"}},
    "td": {"align": {"left", "center", "right"}},
}
"""Attributes kept only with one of the listed values."""

ADMONITIONS = frozenset(
    {
        *("note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important"),
        *("success", "check", "done", "question", "help", "faq", "warning", "caution", "attention"),
        *("failure", "fail", "missing", "danger", "error", "bug", "example", "quote", "cite"),
    }
)
"""Admonition types Material styles (`!!! note`)."""

CLASSES: dict[str, frozenset[str]] = {
    "a": frozenset({"footnote-ref", "footnote-backref"}),
    "div": frozenset({"admonition", "footnote", "toc"}) | ADMONITIONS,
    "p": frozenset({"admonition-title"}),
}
"""Classes kept on each element; others are dropped."""

_LANGUAGE = re.compile(r"language-[A-Za-z0-9#.+_-]{1,40}")
"""The class of a fenced code block's language, e.g. `language-python`."""


def _keep(element: str, attribute: str, value: str) -> str | None:
    if attribute != "class":
        return value
    if element in {"pre", "code"}:
        kept = [c for c in value.split() if _LANGUAGE.fullmatch(c)]
    else:
        allowed = CLASSES.get(element, frozenset())
        kept = [c for c in value.split() if c in allowed]
    return " ".join(kept) or None


_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    clean_content_tags={"script", "style"},
    attributes=ATTRIBUTES,
    tag_attribute_values=ATTRIBUTE_VALUES,
    attribute_filter=_keep,
    url_schemes=set(SAFE_SCHEMES),
    strip_comments=True,
    link_rel=None,
)
_TEXT_ONLY = nh3.Cleaner(tags=set(), clean_content_tags={"script", "style"})


def sanitise(fragment: str) -> str:
    """Keep only allowlisted tags, attributes, classes and URL schemes of an HTML fragment.

    Args:
        fragment: HTML from the library (a rendered body, front-matter text, a table cell).

    Returns:
        The fragment with everything else removed: `<script>` and `<style>` with their
        content, event handler attributes, `javascript:`, `data:` and other URLs, comments.
    """
    return _CLEANER.clean(fragment)


_SPACES = re.compile(r"\s+")


def plain_text(fragment: str) -> str:
    """The readable text of an HTML fragment, whitespace collapsed (for search snippets)."""
    return _SPACES.sub(" ", html.unescape(_TEXT_ONLY.clean(fragment))).strip()
