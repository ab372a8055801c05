"""Citation: what makes a document citable, from one place.

Highwire `citation_*` and Dublin Core `dc.*` meta tags, schema.org JSON-LD, a ready
citation in Polish, and a BibTeX entry. Values are plain text here; templates escape them.
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


@dataclass(frozen=True)
class Citation:
    """Everything needed to cite one document."""

    meta_tags: list[tuple[str, str]]
    """`(name, content)` pairs for `<meta>` tags."""
    jsonld: str
    """schema.org JSON-LD, safe to place inside a `<script>` element as is."""
    text: str
    """A ready citation in Polish."""
    bibtex: str
    """A BibTeX entry."""
    permalink: str
    """The permanent link, absolute when the site URL is known, else relative to the root."""


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


def citation_text(doc: Document, site_url: str | None) -> str:
    """A ready citation in Polish, e.g. `Zespół projektu KSR, Tytuł, wersja 1.1, …`."""
    authors = ", ".join(_authors(doc))
    return (
        f"{authors}, {doc.title}, wersja {doc.version}, {doc.publisher}, {doc.date.isoformat()}. "
        f"Identyfikator: {doc.id}. Dostępne: {permalink(doc.id, site_url)}"
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


def for_document(doc: Document, site_url: str | None) -> Citation:
    """Everything needed to cite a document."""
    return Citation(
        meta_tags(doc, site_url),
        jsonld(doc, site_url),
        citation_text(doc, site_url),
        bibtex(doc, site_url),
        permalink(doc.id, site_url),
    )
