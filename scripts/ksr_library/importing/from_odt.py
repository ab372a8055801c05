"""ODT reader: an OpenDocument text as the document model, parsed with lxml.

`content.xml` gives the body: `text:h` headings (outline level N becomes level N + 1),
`text:p` paragraphs (style `Title` gives the title), nested `text:list`s whose list
style says bullets or numbers per level, `table:table`s, and `draw:image`s whose
`Pictures/…` parts become pictures. Bold and italics come from the text styles of
spans and paragraphs (`fo:font-weight`, `fo:font-style`), links from `text:a`.
`meta.xml` gives the title, the authors and the dates.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ksr_library.importing.containers import corrupt, open_package, parse_xml, reading
from ksr_library.importing.model import (
    Block,
    Extracted,
    Figure,
    Heading,
    Inline,
    ListBlock,
    ListItem,
    Paragraph,
    Picture,
    Properties,
    Span,
    Table,
    joined,
    plain,
    split_authors,
)
from ksr_library.importing.pictures import picture

KIND = "ODT"
MIMETYPE = b"application/vnd.oasis.opendocument.text"
_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "xlink": "http://www.w3.org/1999/xlink",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
}


def _q(name: str) -> str:
    """`text:p` as lxml's `{namespace}p`."""
    prefix, local = name.split(":")
    return f"{{{_NS[prefix]}}}{local}"


def read_odt(name: str, data: bytes) -> Extracted:
    """Read an OpenDocument text.

    Args:
        name: The file name, for messages.
        data: The file's bytes.

    Raises:
        UnreadableFileError: Not a readable OpenDocument text.
    """
    with open_package(name, data, KIND) as package, reading(name, KIND):
        if package.read("mimetype").strip() != MIMETYPE:
            raise corrupt(name, KIND)
        styles = _Styles()
        for part in ("styles.xml", "content.xml"):
            if part in package.namelist():
                styles.add(parse_xml(package.read(part)))
        content = parse_xml(package.read("content.xml"))
        reader = _Reader(package, styles)
        body = content.find(f"{_q('office:body')}/{_q('office:text')}")
        blocks = tuple(reader.blocks(body)) if body is not None else ()
        meta = parse_xml(package.read("meta.xml")) if "meta.xml" in package.namelist() else None
    return Extracted(_properties(meta, reader.title), blocks, tuple(reader.pictures), tuple(reader.notes))


def _properties(meta: Any, title: str) -> Properties:  # noqa: ANN401 - lxml element
    def text(tag: str) -> str:
        found = meta.find(f".//{_q(tag)}") if meta is not None else None
        return (found.text or "").strip() if found is not None else ""

    authors = text("meta:initial-creator") or text("dc:creator")
    return Properties(
        title=text("dc:title") or title,
        authors=split_authors(authors),
        created=_date(text("meta:creation-date")),
        modified=_date(text("dc:date")),
    )


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


@dataclass
class _Styles:
    """Bold and italics of text styles, and the kind of each level of list styles."""

    text: dict[str, tuple[bool, bool]] = field(default_factory=dict)
    parents: dict[str, str] = field(default_factory=dict)
    lists: dict[str, dict[int, bool]] = field(default_factory=dict)
    """List style name → level → numbered."""
    paragraph_lists: dict[str, str] = field(default_factory=dict)
    """Paragraph style name → its list style name."""

    def add(self, root: Any) -> None:  # noqa: ANN401 - lxml element
        for style in root.iter(_q("style:style")):
            name = style.get(_q("style:name"), "")
            props = style.find(_q("style:text-properties"))
            if props is not None:
                self.text[name] = (
                    props.get(_q("fo:font-weight")) in {"bold", "600", "700", "800", "900"},
                    props.get(_q("fo:font-style")) in {"italic", "oblique"},
                )
            if parent := style.get(_q("style:parent-style-name")):
                self.parents[name] = parent
            if list_style := style.get(_q("style:list-style-name")):
                self.paragraph_lists[name] = list_style
        for list_style in root.iter(_q("text:list-style")):
            self.lists[list_style.get(_q("style:name"), "")] = {
                int(level.get(_q("text:level"), "1")) - 1: level.tag == _q("text:list-level-style-number")
                for level in list_style
            }

    def formatting(self, name: str | None) -> tuple[bool, bool]:
        seen: set[str] = set()
        while name and name not in seen:
            seen.add(name)
            if name in self.text:
                return self.text[name]
            name = self.parents.get(name)
        return (False, False)


@dataclass
class _Reader:
    package: zipfile.ZipFile
    styles: _Styles
    title: str = ""

    def __post_init__(self) -> None:
        self.pictures: list[Picture] = []
        self.notes: list[str] = []

    def blocks(self, parent: Any) -> Iterator[Block]:  # noqa: ANN401 - lxml element
        for node in parent:
            if node.tag == _q("text:h"):
                level = int(node.get(_q("text:outline-level"), "1") or 1)
                yield Heading(level + 1, self._spans(node))
                yield from self._figures(node)
            elif node.tag == _q("text:p"):
                yield from self._paragraph(node)
            elif node.tag == _q("text:list"):
                yield self._list(node, 0, node.get(_q("text:style-name")))
            elif node.tag == _q("table:table"):
                yield self._table(node)
            elif node.tag in {_q("text:section"), _q("table:table-header-rows"), _q("text:list-header")}:
                yield from self.blocks(node)

    def _paragraph(self, node: Any) -> Iterator[Block]:  # noqa: ANN401 - lxml element
        spans = self._spans(node)
        if node.get(_q("text:style-name")) == "Title" and not self.title:
            self.title = plain(spans).strip()
        elif plain(spans).strip():
            yield Paragraph(spans)
        yield from self._figures(node)

    def _list(self, node: Any, level: int, style: str | None) -> ListBlock:  # noqa: ANN401
        style = node.get(_q("text:style-name")) or style
        items: list[ListItem] = []
        for item in node.iter(_q("text:list-item"), _q("text:list-header")):
            if item.getparent() is not node:
                continue
            texts: list[Inline] = []
            children: list[ListBlock] = []
            for child in item:
                if child.tag == _q("text:list"):
                    children.append(self._list(child, level + 1, style))
                elif child.tag in {_q("text:p"), _q("text:h")}:
                    texts.append(self._spans(child))
                    style = style or self.styles.paragraph_lists.get(child.get(_q("text:style-name"), ""))
            items.append(ListItem(joined(texts), tuple(children)))
        numbered = self.styles.lists.get(style or "", {}).get(level, False)
        return ListBlock(numbered, tuple(items))

    def _table(self, node: Any) -> Table:  # noqa: ANN401 - lxml element
        rows: list[tuple[Inline, ...]] = []
        for row in node.iter(_q("table:table-row")):
            cells: list[Inline] = []
            for cell in row:
                if cell.tag not in {_q("table:table-cell"), _q("table:covered-table-cell")}:
                    continue
                text = joined(map(self._spans, cell.iter(_q("text:p"), _q("text:h"))))
                repeat = min(int(cell.get(_q("table:number-columns-repeated"), "1") or 1), 64)
                cells.extend([text] * repeat)
            rows.append(tuple(cells))
        return Table(tuple(rows))

    def _spans(self, node: Any, bold: bool = False, italic: bool = False, link: str | None = None) -> Inline:  # noqa: ANN401
        own_bold, own_italic = self.styles.formatting(node.get(_q("text:style-name")))
        bold, italic = bold or own_bold, italic or own_italic
        spans: list[Span] = [Span(node.text, bold, italic, link)] if node.text else []
        for child in node:
            if child.tag in {_q("text:span"), _q("text:a")}:
                target = child.get(_q("xlink:href")) if child.tag == _q("text:a") else link
                spans.extend(self._spans(child, bold, italic, target))
            elif child.tag == _q("text:s") or child.tag in {_q("text:tab"), _q("text:line-break")}:
                spans.append(Span(" ", bold, italic, link))
            elif child.tag == _q("text:note"):
                self.notes.append("a footnote was left out: add its text by hand if it matters")
            if child.tail:
                spans.append(Span(child.tail, bold, italic, link))
        return tuple(spans)

    def _figures(self, node: Any) -> Iterator[Figure]:  # noqa: ANN401 - lxml element
        for frame in node.iter(_q("draw:frame")):
            image = frame.find(_q("draw:image"))
            if image is None:
                continue
            href = image.get(_q("xlink:href"), "")
            described = frame.find(_q("svg:desc"))
            titled = frame.find(_q("svg:title"))
            alt = next((e.text for e in (described, titled) if e is not None and e.text), "") or ""
            data = self.package.read(href) if href in self.package.namelist() else b""
            found = picture(data)
            if found is None:
                self.notes.append(
                    f"a picture ({href or 'linked'}) is in a format the site cannot show: add it by hand"
                )
                continue
            self.pictures.append(found)
            yield Figure(len(self.pictures) - 1, alt.strip())
