"""Our Python-Markdown processors: references by id, raw HTML, `:::` lines, abbreviations.

They share one `Session`, which holds the state of the body being rendered; nothing is
kept between bodies.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from xml.etree import ElementTree as etree  # noqa: N813 - the name Python-Markdown uses

from markdown import Markdown
from markdown.inlinepatterns import HtmlInlineProcessor, InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from ksr_library.glossary import abbreviation_pattern
from ksr_library.links import REF, relative_url
from ksr_library.rendering.model import BodyContext, RefTarget

RAW_TAG = "ksr-raw"
"""Stands for raw HTML in the tree; its text is the HTML as written, shown as text.

The sanitiser removes the tag itself and keeps its (escaped) text.
"""
UNKNOWN_TAG = "ksr-unknown"
"""Stands for a reference to an unknown id in the tree; shown as written, as text."""


class PlainText(AtomicString):
    """Text without inline markup: Python-Markdown need not look for any; abbreviations may."""


RAW_HTML = re.compile(
    r"(<(?:\/?[a-zA-Z][^\s\"'<>@]*(?:\s+[^\s\"'=<>]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>]+))?)*\s*/?"
    r"|!--(?:(?!<!--|-->).)*--"
    r"|[?](?:(?!<[?]|[?]>).)*[?]"
    r"|![A-Za-z][^<>]*"
    r"|!\[CDATA\[(?:(?!<!\[CDATA\[|\]\]>).)*\]\])>)"
)
"""Python-Markdown's inline HTML (tags, comments, processing instructions, CDATA) and declarations."""


@dataclass
class RefSeen:
    """A reference met while rendering, before its place in the source is known."""

    written: str
    target: RefTarget | None
    slug: str | None


@dataclass(frozen=True)
class Seen:
    """A construct met in the tree, in document order, to be located in the source later."""

    kind: str
    """`url`, `html`, `ref`, `directive` or `code`."""
    needle: str
    """Its source text as the renderer kept it."""
    message: str | None = None
    ref: RefSeen | None = None


@dataclass
class Call:
    """The state of rendering one body."""

    context: BodyContext
    refs: dict[etree.Element, RefSeen] = field(default_factory=dict)
    """References by the element that stands for them in the tree."""
    seen: list[Seen] = field(default_factory=list)
    """Constructs to locate, in the order met."""
    headings: int = 0
    """How many headings the tree has."""


class Session:
    """Holds the body being rendered for the processors of one Markdown instance."""

    def __init__(self) -> None:
        """Start with no body."""
        self._call: Call | None = None

    @property
    def call(self) -> Call:
        """The body being rendered."""
        assert self._call is not None, "processors run only inside Renderer.render"
        return self._call

    def start(self, call: Call | None) -> None:
        """Begin (or, with `None`, end) rendering a body."""
        self._call = call


class SessionTreeprocessor(Treeprocessor):
    """A tree processor that works on the body being rendered."""

    def __init__(self, md: Markdown, session: Session) -> None:
        """Share the session."""
        super().__init__(md)
        self.session = session


class RefProcessor(InlineProcessor):
    r"""`[[ID]]`, `[[ID|text]]`, `[[ID#slug]]`, `[[ID#slug|text]]` (in tables `[[ID\|text]]`).

    Runs after code spans (so never inside code) and before backslash escapes (so the
    escaped bar of tables is still there). A known id becomes a link to its page, relative
    to the page being rendered, showing the given text or the target's title; an unknown
    id stays as written.
    """

    def __init__(self, md: Markdown, session: Session) -> None:
        """Match the grammar of `links.REF`."""
        super().__init__(REF.pattern, md)
        self.session = session

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element, int, int]:  # type: ignore[override]  # noqa: N802
        """Turn one reference into a link (or, for an unknown id, into text)."""
        call = self.session.call
        written = self.unescape(m[0])
        target = call.context.resolve(m["id"].strip())
        slug = m["slug"].strip() if m["slug"] else None
        if target is None:
            element = etree.Element(UNKNOWN_TAG)
            element.text = AtomicString(written)
        else:
            element = etree.Element("a")
            href = relative_url(target.url, call.context.page_url)
            element.set("href", f"{href}#{slug}" if slug else href)
            element.text = AtomicString(self.unescape(m["text"]).strip() if m["text"] else target.title)
        call.refs[element] = RefSeen(written, target, slug)
        return element, m.start(0), m.end(0)


class RawHtmlProcessor(HtmlInlineProcessor):
    """Raw HTML (tags, comments, declarations) kept as text, never as HTML."""

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element, int, int]:  # type: ignore[override]  # noqa: N802
        """Wrap the HTML as written in a marker element whose text is escaped on output."""
        element = etree.Element(RAW_TAG)
        element.text = AtomicString(self.backslash_unescape(self.unescape(m[1])))
        return element, m.start(0), m.end(0)


DIRECTIVE_MESSAGE = (
    "lines starting with ':::' are not allowed in a body: documentation plugins would run them; "
    "write the text another way"
)
_DIRECTIVE = re.compile(r"^[ \t]*:::.*$", re.MULTILINE)


class DirectiveLines(SessionTreeprocessor):
    """Records lines that start with `:::` (documentation plugins' syntax) outside code."""

    def run(self, root: etree.Element) -> None:
        """Walk text before inline processing, in document order."""
        seen = self.session.call.seen
        for element in root.iter():
            for text in (element.text, element.tail):
                if text and ":::" in text and not isinstance(text, AtomicString):
                    seen += [
                        Seen("directive", m[0].strip(), DIRECTIVE_MESSAGE) for m in _DIRECTIVE.finditer(text)
                    ]


_NO_ABBREVIATIONS = frozenset({"code", "pre", "a", "abbr", "h1", "h2", "h3", "h4", "h5", "h6", RAW_TAG})


class Abbreviations(SessionTreeprocessor):
    """Wraps glossary abbreviations in running text as `<abbr title tabindex="0">`.

    Never inside code, links, headings, other abbreviations or raw HTML shown as text.
    Our own tree processor rather than Python-Markdown's `abbr` extension: that one wraps
    inside links and headings and sets no `tabindex` (both would need overriding its whole
    walk), brings the `*[KIS]: …` definition syntax editors do not have, and keeps its
    glossary in the extension, where a reused Markdown instance would carry it between
    bodies. This one iterates (no recursion on deep trees) and reads the glossary from the
    body's context.
    """

    def run(self, root: etree.Element) -> None:
        """Wrap every abbreviation outside excluded elements."""
        table = self.session.call.context.abbreviations
        if not table:
            return
        pattern = abbreviation_pattern(tuple(sorted(table)))
        stack = [root]
        while stack:
            element = stack.pop()
            children = list(element)
            element.text, wrapped = _wrap(element.text, pattern, table)
            new: list[etree.Element] = wrapped
            for child in children:
                new.append(child)
                child.tail, wrapped = _wrap(child.tail, pattern, table)
                new += wrapped
                if child.tag not in _NO_ABBREVIATIONS:
                    stack.append(child)
            if len(new) != len(children):
                element[:] = new


def _wrap(
    text: str | None, pattern: re.Pattern[str], table: Mapping[str, str]
) -> tuple[str | None, list[etree.Element]]:
    """Text before the first abbreviation, and an `<abbr>` (with the following text) for each."""
    if (
        not text
        or (isinstance(text, AtomicString) and not isinstance(text, PlainText))
        or not pattern.search(text)
    ):
        return text, []
    parts = pattern.split(text)
    elements: list[etree.Element] = []
    for term, tail in zip(parts[1::2], parts[2::2], strict=True):
        abbr = etree.Element("abbr", {"title": table[term], "tabindex": "0"})
        abbr.text = AtomicString(term)
        abbr.tail = tail
        elements.append(abbr)
    return parts[0], elements
