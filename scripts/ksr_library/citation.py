"""Citation: what makes a document citable, from one place.

Highwire `citation_*` and Dublin Core `dc.*` meta tags, schema.org JSON-LD, a ready
reference in the Polish PN-ISO 690 style, and BibTeX, RIS and CSL-JSON files. Values are
plain text here; templates escape them. Every citation points at the document's root
permalink `r/<ID>/` on the site URL, never at an address inside one edition.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ksr_library.labels import TYPE_LABELS
from ksr_library.links import document_url, permalink_url
from ksr_library.schema import DatasetDocument, DocType, Document, ModuleDocument, ProgrammeDocument

_SCHEMA_TYPES = {
    DocType.MODEL: "CreativeWork",
    DocType.PROGRAMME: "Course",
    DocType.MODULE: "LearningResource",
    DocType.RECOMMENDATION: "CreativeWork",
    DocType.REPORT: "Report",
    DocType.EXPERTISE: "Report",
    DocType.GUIDE: "HowTo",
    DocType.DATASET: "Dataset",
}


PUBLISHER_PLACES = {"Instytut Pracy i Spraw Socjalnych": "Warszawa"}
"""Place of publication of the publishers the library knows; others are `[b.m.]` (no place)."""
NO_PLACE = "[b.m.]"
"""PN-ISO 690's mark for an unknown place of publication (bez miejsca)."""
ACCESS_PLACEHOLDER = "data odczytu"
"""What the access date reads until the reader's browser fills in the day of copying."""


@dataclass(frozen=True)
class Segment:
    """A run of a reference's text; the title is the one run set in italics."""

    text: str
    italic: bool = False


@dataclass(frozen=True)
class Reference:
    """A reference in the PN-ISO 690 style, e.g. for a document with no personal author.

    `Instytut Pracy i Spraw Socjalnych. *Tytuł* [online]. Wersja 1.1. Warszawa, 2019.
    Dostępny w: https://…/r/REK-07/ [dostęp: 1 grudnia 2026]`
    """

    segments: tuple[Segment, ...]
    """Everything up to and including the URL, in order."""
    url: str
    """The root permalink the reference ends with (also the last segment's text)."""

    def plain(self, accessed: str = ACCESS_PLACEHOLDER) -> str:
        """The reference as plain text, with the access date given (a placeholder by default)."""
        return "".join(s.text for s in self.segments) + f" [dostęp: {accessed}]"


@dataclass(frozen=True)
class Citation:
    """Everything needed to cite one document."""

    meta_tags: list[tuple[str, str]]
    """`(name, content)` pairs for `<meta>` tags."""
    jsonld: str
    """schema.org JSON-LD, safe to place inside a `<script>` element as is."""
    reference: Reference
    """The ready reference in Polish, with its italic title marked."""
    bibtex: str
    """A BibTeX file."""
    ris: str
    """A RIS file (Zotero, EndNote, Mendeley)."""
    csl_json: str
    """A CSL-JSON file (Zotero, Pandoc, citeproc)."""
    permalink: str
    """The root permalink, absolute when the site URL is known, else relative to the root."""

    @property
    def text(self) -> str:
        """The reference as plain text, its access date a placeholder."""
        return self.reference.plain()


def permalink(doc_id: str, site_url: str | None) -> str:
    """The permanent link of a document: `r/<ID>/`, absolute when the site URL is known."""
    path = permalink_url(doc_id)
    return f"{site_url.rstrip('/')}/{path}" if site_url else path


def _authors(doc: Document) -> list[str]:
    return doc.authors or [doc.publisher]


def _pdf(doc: Document, site_url: str | None) -> str | None:
    for attachment in doc.attachments:
        if attachment.file.lower().endswith(".pdf"):
            path = f"{document_url(doc.id)}pliki/{Path(attachment.file).name}"
            return f"{site_url.rstrip('/')}/{path}" if site_url else path
    return None


def meta_tags(doc: Document, site_url: str | None) -> list[tuple[str, str]]:
    """Highwire and Dublin Core meta tags of a document."""
    tags = [("citation_title", doc.title)]
    tags += [("citation_author", author) for author in _authors(doc)]
    tags += [
        ("citation_publication_date", doc.date.strftime("%Y/%m/%d")),
        ("citation_date", doc.date.strftime("%Y/%m/%d")),
        ("citation_publisher", doc.publisher),
        ("citation_language", "pl"),
    ]
    if doc.type in {DocType.REPORT, DocType.EXPERTISE}:
        tags.append(("citation_technical_report_institution", doc.publisher))
    pdf = _pdf(doc, site_url)
    if pdf:
        tags.append(("citation_pdf_url", pdf))
    tags += [
        ("dc.title", doc.title),
        *[("dc.creator", author) for author in _authors(doc)],
        ("dc.date", doc.date.isoformat()),
        ("dc.publisher", doc.publisher),
        ("dc.identifier", doc.id),
        ("dc.language", "pl"),
        ("dc.type", TYPE_LABELS[doc.type]),
        ("dc.rights", doc.license),
        ("dc.description", doc.summary),
    ]
    return tags


def jsonld(doc: Document, site_url: str | None) -> str:
    """schema.org JSON-LD of a document, with `<`, `>` and `&` escaped for a script element."""
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": _SCHEMA_TYPES[doc.type],
        "identifier": doc.id,
        "name": doc.title,
        "description": doc.summary,
        "datePublished": doc.date.isoformat(),
        "version": doc.version,
        "inLanguage": "pl",
        "license": doc.license,
        "author": [
            {"@type": "Organization" if not doc.authors else "Person", "name": a} for a in _authors(doc)
        ],
        "publisher": {"@type": "Organization", "name": doc.publisher},
        "url": permalink(doc.id, site_url),
    }
    if doc.tags:
        data["keywords"] = ", ".join(doc.tags)
    if isinstance(doc, ModuleDocument | ProgrammeDocument) and doc.hours:
        data["timeRequired"] = f"PT{doc.hours:g}H"
    if isinstance(doc, DatasetDocument):
        data["encodingFormat"] = "text/csv"
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


_SPACES = re.compile(r"\s+")


def _one_line(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _place(doc: Document, place: str | None) -> str:
    return place or PUBLISHER_PLACES.get(doc.publisher, NO_PLACE)


def reference(doc: Document, site_url: str | None, place: str | None = None) -> Reference:
    """The PN-ISO 690 reference of a document: creator once, italic title, version, imprint, URL.

    The creator is the list of authors, or the publishing institution when there are none;
    an institution that is both creator and publisher is named once.
    """
    creator = "; ".join(_one_line(a) for a in _authors(doc))
    imprint = _place(doc, place)
    if doc.authors and doc.authors != [doc.publisher]:
        imprint += f": {_one_line(doc.publisher)}"
    url = permalink(doc.id, site_url)
    return Reference(
        (
            Segment(f"{creator}. "),
            Segment(_one_line(doc.title), italic=True),
            Segment(f" [online]. Wersja {doc.version}. {imprint}, {doc.date.year}. Dostępny w: "),
            Segment(url),
        ),
        url,
    )


_BIBTEX_SPECIAL = re.compile(r"([\\{}%&$#_^~])")


def _bibtex_value(text: str) -> str:
    return _BIBTEX_SPECIAL.sub(lambda m: "\\" + m[1] if m[1] not in "\\^~" else "{}", text)


def bibtex(doc: Document, site_url: str | None) -> str:
    """A BibTeX entry for a document (`@techreport` for reports, `@misc` otherwise)."""
    kind = "techreport" if doc.type in {DocType.REPORT, DocType.EXPERTISE} else "misc"
    fields = [
        ("author", " and ".join("{" + _bibtex_value(a) + "}" for a in _authors(doc))),
        ("title", "{" + _bibtex_value(doc.title) + "}"),
        ("year", str(doc.date.year)),
        ("month", str(doc.date.month)),
        ("date", doc.date.isoformat()),
        ("version", _bibtex_value(doc.version)),
        ("institution" if kind == "techreport" else "publisher", _bibtex_value(doc.publisher)),
        ("note", _bibtex_value(f"{TYPE_LABELS[doc.type]}, identyfikator {doc.id}")),
        ("url", permalink(doc.id, site_url)),
        ("language", "polish"),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{doc.id},\n{body}\n}}\n"


_RIS_TYPES = {DocType.REPORT: "RPRT", DocType.EXPERTISE: "RPRT", DocType.DATASET: "DATA"}
_CSL_TYPES = {DocType.REPORT: "report", DocType.EXPERTISE: "report", DocType.DATASET: "dataset"}


def ris(doc: Document, site_url: str | None, place: str | None = None) -> str:
    """A RIS file for a document: one record, CRLF line ends, every value on one line."""
    fields = [
        ("TY", _RIS_TYPES.get(doc.type, "GEN")),
        ("ID", doc.id),
        *[("AU", _one_line(a)) for a in _authors(doc)],
        ("TI", _one_line(doc.title)),
        ("ET", doc.version),
        ("PY", str(doc.date.year)),
        ("DA", doc.date.strftime("%Y/%m/%d")),
        ("PB", _one_line(doc.publisher)),
        ("CY", _place(doc, place)),
        ("UR", permalink(doc.id, site_url)),
        ("LA", "pl"),
        ("AB", _one_line(doc.summary)),
        *[("KW", _one_line(tag)) for tag in doc.tags],
        ("N1", f"{TYPE_LABELS[doc.type]}, identyfikator {doc.id}"),
        ("ER", ""),
    ]
    return "".join(f"{tag}  - {value}\r\n" for tag, value in fields)


def csl_json(doc: Document, site_url: str | None, place: str | None = None) -> str:
    """A CSL-JSON file for a document: a list of one item, authors as literal names."""
    item: dict[str, object] = {
        "id": doc.id,
        "type": _CSL_TYPES.get(doc.type, "document"),
        "title": doc.title,
        "author": [{"literal": a} for a in _authors(doc)],
        "issued": {"date-parts": [[doc.date.year, doc.date.month, doc.date.day]]},
        "version": doc.version,
        "publisher": doc.publisher,
        "publisher-place": _place(doc, place),
        "genre": TYPE_LABELS[doc.type],
        "URL": permalink(doc.id, site_url),
        "language": "pl",
        "abstract": doc.summary,
        "license": doc.license,
    }
    if doc.tags:
        item["keyword"] = ", ".join(doc.tags)
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"


def for_document(doc: Document, site_url: str | None, place: str | None = None) -> Citation:
    """Everything needed to cite a document.

    Args:
        doc: The document.
        site_url: The site's root URL (`site_url` of mkdocs.yml), or `None` for relative links.
        place: The place of publication, when the publisher is not in `PUBLISHER_PLACES`.
    """
    return Citation(
        meta_tags(doc, site_url),
        jsonld(doc, site_url),
        reference(doc, site_url, place),
        bibtex(doc, site_url),
        ris(doc, site_url, place),
        csl_json(doc, site_url, place),
        permalink(doc.id, site_url),
    )
