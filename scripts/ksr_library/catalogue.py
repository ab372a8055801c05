"""Catalogue: `library.json`, the site's public, documented list of documents (open data).

Tools outside the project read this file; its names are a contract: `documents` (each with
`id`, `title`, `type`, `audience`, `version`, `date`, `status`, `summary`, `url`, `aliases`,
`region`, `tags`), `audiences` (audience code → landing page URL) and `search` (URL of the
search page). URLs are relative to the site root.
"""

from __future__ import annotations

import json
from typing import Any

from ksr_library.labels import AUDIENCE_SLUGS
from ksr_library.links import document_url
from ksr_library.normalising import NormalisedDocument
from ksr_library.schema import Audience
from ksr_library.search_index import SEARCH_DIR

CATALOGUE_FILE = "library.json"
SEARCH_URL = f"{SEARCH_DIR}/"
"""The search page; it reads `?q=QUERY`."""
FORMAT_VERSION = 1


def document_record(item: NormalisedDocument) -> dict[str, Any]:
    """One document's entry in `library.json`."""
    doc = item.doc
    return {
        "id": doc.id,
        "title": doc.title,
        "type": doc.type.value,
        "audience": [a.value for a in doc.audience],
        "version": doc.version,
        "date": doc.date.isoformat(),
        "status": doc.status.value,
        "summary": doc.summary,
        "url": document_url(doc.id),
        "aliases": list(doc.aliases),
        "region": [r.value for r in doc.region],
        "tags": list(doc.tags),
    }


def audience_urls() -> dict[str, str]:
    """Audience code → URL of its landing page."""
    return {a.value: f"{AUDIENCE_SLUGS[a]}/" for a in Audience}


def catalogue(documents: list[NormalisedDocument]) -> dict[str, Any]:
    """The whole `library.json` content."""
    return {
        "format_version": FORMAT_VERSION,
        "documents": [document_record(d) for d in sorted(documents, key=lambda d: d.id)],
        "audiences": audience_urls(),
        "search": SEARCH_URL,
    }


def catalogue_json(documents: list[NormalisedDocument]) -> str:
    """`library.json` as text: stable key order, UTF-8, one trailing newline."""
    return json.dumps(catalogue(documents), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
