"""Rendering one document body: Python-Markdown decides, the tree is judged, the HTML sanitised.

Extensions are the ones editors have always had (`tables`, `footnotes`, `def_list`,
`admonition`, `sane_lists`, `toc` with our slugs, no permalinks, and MkDocs' built-in
`fenced_code`), never `mkdocstrings`, `attr_list` or `md_in_html`, plus ours:
references by id, raw HTML shown as text, `:::` lines, glossary abbreviations, and the link
policy applied to the parsed tree. What the renderer finds wrong is a `Finding` with a
position recovered from the source (see locating (`ksr_library.rendering.locating`)).

Two deliberate differences from the pages editors had: table alignment is an `align`
attribute rather than an inline `style` (a Content-Security-Policy without
`'unsafe-inline'` blocks inline styles), and raw HTML is never HTML, wherever it is written.
Bodies that would take Python-Markdown more than linear time are rendered within the
limits (`ksr_library.rendering.limits`), with a located finding.

One Markdown instance per thread is reused (`reset()` between bodies); the state of a body
lives in a `Call` that ends with it.
"""

from __future__ import annotations

import html
import re
import threading
from typing import Any
from xml.etree import ElementTree as etree  # noqa: N813 - the name Python-Markdown uses

from markdown import Markdown
from markdown.extensions.fenced_code import FencedCodeExtension
from markdown.extensions.tables import TableExtension
from markdown.extensions.toc import TocExtension
from markdown.util import AMP_SUBSTITUTE

from ksr_library.links import Heading, relative_url, slugify
from ksr_library.rendering import limits
from ksr_library.rendering.extensions import (
    RAW_HTML,
    RAW_TAG,
    Abbreviations,
    Call,
    DirectiveLines,
    RawHtmlProcessor,
    RefProcessor,
    Seen,
    Session,
    SessionTreeprocessor,
)
from ksr_library.rendering.fences import LinearFencedBlockPreprocessor
from ksr_library.rendering.locating import Locator
from ksr_library.rendering.model import BodyContext, Finding, RefUse, RenderedBody
from ksr_library.rendering.policy import url_problem
from ksr_library.rendering.sanitising import plain_text, sanitise

MAX_FINDINGS = 100
"""Findings reported per body; past that, one more says how many were left out."""
_ESCAPED = re.compile("\x02(\\d+)\x03")
_HEADING_LINE = re.compile(
    r"^(?:[ \t]*>)*[ \t]*#{1,6}(?=[ \t]|$)|^[ \t]*[^\s>][^\n]*\n[ \t]*(?:=+|-+)[ \t]*$", re.MULTILINE
)


class Collector(SessionTreeprocessor):
    """Applies the link policy to the tree and records, in document order, what to locate."""

    def run(self, root: etree.Element) -> None:
        """Judge every link and image; note code, raw HTML, references and headings."""
        call = self.session.call
        for element in root.iter():
            if element in call.refs:
                ref = call.refs[element]
                call.seen.append(Seen("ref", ref.written, ref=ref))
            elif element.tag == "code":
                call.seen.append(Seen("code", element.text or ""))
            elif element.tag == RAW_TAG:
                call.seen.append(Seen("html", element.text or "", _raw_message(element.text or "")))
            elif element.tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
                call.headings += 1
            elif element.tag in {"a", "img"}:
                self._judge(element, "href" if element.tag == "a" else "src", call)

    def _judge(self, element: etree.Element, attribute: str, call: Call) -> None:
        written = element.get(attribute)
        if written is None:
            return
        url = _ESCAPED.sub(lambda m: chr(int(m[1])), written.replace(AMP_SUBSTITUTE, "&"))
        message = url_problem(url, call.context.attachments)
        if message is not None:
            needle = _ESCAPED.sub(lambda m: "\\" + chr(int(m[1])), written)
            call.seen.append(Seen("url", needle, f"'{url}': {message}"))
            del element.attrib[attribute]
        elif url in call.context.attachments:
            element.set(attribute, relative_url(call.context.attachments[url], call.context.page_url))


def _raw_message(raw: str) -> str:
    shown = raw if len(raw) <= 40 else raw[:37] + "..."
    what = "HTML comments are" if raw.startswith("<!--") else "raw HTML is"
    return f"'{shown}': {what} not allowed in a body: use Markdown (the page shows it as text)"


class Renderer:
    """One Python-Markdown instance with our extensions; renders one body at a time."""

    def __init__(self) -> None:
        """Set up Python-Markdown as editors have it, plus our processors."""
        self.session = Session()
        md = Markdown(
            extensions=[
                TableExtension(use_align_attribute=True),
                "footnotes",
                "def_list",
                "admonition",
                "sane_lists",
                TocExtension(permalink=False, slugify=slugify),
                FencedCodeExtension(),
            ]
        )
        self.fences = LinearFencedBlockPreprocessor(md, {"lang_prefix": "language-"})
        md.preprocessors.register(self.fences, "fenced_code_block", 25)
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.register(RawHtmlProcessor(RAW_HTML.pattern, md), "html", 90)
        md.inlinePatterns.register(RefProcessor(md, self.session), "ksr-ref", 185)
        md.treeprocessors.register(DirectiveLines(md, self.session), "ksr-directives", 25)
        md.treeprocessors.register(limits.InlineBudget(md, self.session), "ksr-budget", 24)
        limits.parse_blocks_in_linear_time(md)
        md.treeprocessors.register(Abbreviations(md, self.session), "ksr-abbr", 6)
        md.treeprocessors.register(Collector(md, self.session), "ksr-collect", 4)
        self.md = md

    def render(self, body: str, context: BodyContext) -> RenderedBody:
        """Render one body (see `render_body`)."""
        source = body.replace("\r\n", "\n").replace("\r", "\n")
        locator = Locator(source)
        too_deep = limits.too_deep(source) or limits.too_many_blocks(source)
        if too_deep is not None:
            line, message = too_deep
            escaped = html.escape(source)
            return RenderedBody(f"<pre>{escaped}</pre>", [], (), (), (Finding(line, 1, message),), source)
        call = Call(context)
        self.fences.spans = []
        self.session.start(call)
        try:
            output = self.md.reset().convert(source)
            toc = _sanitised_toc(getattr(self.md, "toc_tokens", []))
        finally:
            self.session.start(None)
        for first, last in self.fences.spans:
            locator.mask(locator.line_offset(first), locator.line_offset(last + 1))
        safe = sanitise(output)
        findings, refs = _locate(call, locator)
        return RenderedBody(
            safe, toc, _headings(toc, call.headings, locator), tuple(refs), findings, plain_text(safe)
        )


def _locate(call: Call, locator: Locator) -> tuple[tuple[Finding, ...], list[RefUse]]:
    for seen in call.seen:
        if seen.kind == "code":
            _mask_code(locator, seen.needle)
    findings: list[Finding] = []
    refs: list[RefUse] = []
    for seen in call.seen:
        if seen.kind == "code":
            continue
        line, col = locator.locate(seen.needle, seen.kind)
        if seen.ref is not None:
            target = seen.ref.target
            use = RefUse(seen.ref.written, target.id if target else None, seen.ref.slug, line, col)
            refs.append(use)
            if target is None:
                findings.append(Finding(line, col, f"{use.written}: no document has this id", use))
        elif seen.message is not None:
            findings.append(Finding(line, col, seen.message))
    unique = sorted(set(findings), key=lambda f: (f.line, f.col, f.message))
    if len(unique) > MAX_FINDINGS:
        more = len(unique) - MAX_FINDINGS
        last = unique[MAX_FINDINGS - 1]
        unique = [
            *unique[:MAX_FINDINGS],
            Finding(last.line, last.col, f"and {more} more problems in this body"),
        ]
    return tuple(unique), refs


def _mask_code(locator: Locator, code: str) -> None:
    lines = [line.strip() for line in html.unescape(code).split("\n") if line.strip()]
    if not lines:
        return
    first = locator.find(lines[0], "code")
    last = locator.find(lines[-1], "code") if len(lines) > 1 else first
    if first is not None and last is not None and last[1] >= first[0]:
        locator.mask(first[0], last[1])


def _sanitised_toc(tokens: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            **token,
            "name": sanitise(token["name"]),
            "html": sanitise(token["html"]),
            "children": _sanitised_toc(token["children"]),
        }
        for token in tokens
    ]


def _flat(tokens: list[dict[str, Any]]) -> list[dict[str, Any]]:
    flat: list[dict[str, Any]] = []
    for token in tokens:
        flat += [token, *_flat(token["children"])]
    return flat


def _headings(toc: list[dict[str, Any]], count: int, locator: Locator) -> tuple[Heading, ...]:
    found: list[Heading] = []
    for token in _flat(toc)[:count]:
        match = locator.find("", "heading", _HEADING_LINE)
        line = locator.position(match[0])[0] if match else 1
        found.append(Heading(token["level"], html.unescape(token["name"]), token["id"], line))
    return tuple(found)


_local = threading.local()


def render_body(body: str, context: BodyContext) -> RenderedBody:
    """Render one document body to sanitised HTML, with its headings, references and findings.

    Args:
        body: The Markdown body as written (after the front matter).
        context: The page it is rendered for, how to resolve ids, its attachments and the
            glossary's abbreviations.

    Returns:
        The rendered body. Its findings say what check must report; the HTML is safe
        whatever they say.
    """
    renderer: Renderer | None = getattr(_local, "renderer", None)
    if renderer is None:
        renderer = _local.renderer = Renderer()
    return renderer.render(body, context)
