"""Feeds: the Atom feed of new and updated documents, and `sitemap.xml` with document dates."""

from __future__ import annotations

import gzip
import io
from xml.sax.saxutils import escape, quoteattr

from ksr_library.citation import permalink
from ksr_library.labels import TYPE_LABELS
from ksr_library.links import document_url
from ksr_library.normalising import NormalisedDocument

FEED_FILE = "feed.xml"
FEED_SIZE = 50
"""How many of the newest documents the feed lists."""


def _absolute(site_url: str | None, path: str) -> str:
    return f"{site_url.rstrip('/')}/{path}" if site_url else path


def atom_feed(documents: list[NormalisedDocument], site_url: str | None, site_name: str) -> str:
    """An Atom feed of the newest documents by their date (new versions count as updates)."""
    newest = sorted(documents, key=lambda d: (d.doc.date, d.id), reverse=True)[:FEED_SIZE]
    updated = newest[0].doc.date.isoformat() if newest else "1970-01-01"
    feed_id = _absolute(site_url, FEED_FILE) if site_url else "urn:ksr-library:feed"
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="pl">',
        f"<title>{escape(site_name)}: nowe i zaktualizowane dokumenty</title>",
        f"<id>{escape(feed_id)}</id>",
        f"<updated>{updated}T00:00:00Z</updated>",
        f'<link rel="self" href={quoteattr(_absolute(site_url, FEED_FILE))}/>',
        f'<link rel="alternate" href={quoteattr(_absolute(site_url, ""))}/>',
    ]
    for item in newest:
        doc = item.doc
        link = _absolute(site_url, document_url(doc.id))
        entry_id = permalink(doc.id, site_url) if site_url else f"urn:ksr-library:{doc.id}:{doc.version}"
        parts += [
            "<entry>",
            f"<title>{escape(doc.title)}</title>",
            f"<id>{escape(entry_id)}</id>",
            f'<link rel="alternate" href={quoteattr(link)}/>',
            f"<updated>{doc.date.isoformat()}T00:00:00Z</updated>",
            f"<category term={quoteattr(doc.type.value)} label={quoteattr(TYPE_LABELS[doc.type])}/>",
            *[f"<author><name>{escape(a)}</name></author>" for a in (doc.authors or [doc.publisher])],
            f"<summary>{escape(doc.summary)} (wersja {escape(doc.version)})</summary>",
            "</entry>",
        ]
    parts.append("</feed>")
    return "\n".join(parts) + "\n"


def sitemap(pages: dict[str, str], site_url: str | None) -> str:
    """`sitemap.xml` for page URLs (relative to the root) mapped to their ISO dates."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    parts.extend(
        f"<url><loc>{escape(_absolute(site_url, url))}</loc><lastmod>{pages[url]}</lastmod></url>"
        for url in sorted(pages)
    )
    parts.append("</urlset>")
    return "\n".join(parts) + "\n"


def gzipped(text: str) -> bytes:
    """Gzip text reproducibly (no timestamp, no file name)."""
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, filename="") as archive:
        archive.write(text.encode("utf-8"))
    return buffer.getvalue()
