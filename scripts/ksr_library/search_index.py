"""Search index: a prebuilt lunr index with Polish analysis, shipped with the site.

The index is built here with lunr.py and the [`analysis`][ksr_library.analysis] pipeline,
and loaded in the browser by lunr.js with the same analysis (`assets/polish-analysis.js`).
Fields: title (boosted), ids and former ids (boosted most, so a typed id finds its
document), summary, tags and body. Type, audience, date, status and a text excerpt are
stored beside the index for display and filtering. Drafts are never indexed.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import asdict, dataclass
from typing import Any

from ksr_library.analysis import make_builder, rules_text
from ksr_library.labels import AUDIENCE_LABELS, TYPE_LABELS
from ksr_library.links import document_url
from ksr_library.normalising import NormalisedDocument
from ksr_library.schema import Status

SEARCH_DIR = "szukaj"
"""The search page's folder; `library.json` lists it as `search`."""
INDEX_FILE = f"{SEARCH_DIR}/index.json"
"""The prebuilt index, relative to the site root."""
EXCERPT_CHARACTERS = 700
"""How much of a body is stored for snippets."""
FIELD_BOOSTS = {"ids": 20, "title": 10, "tags": 4, "summary": 3, "body": 1}


@dataclass(frozen=True)
class SearchRecord:
    """What the results page shows about a document, and what the index reads."""

    ref: str
    title: str
    type: str
    type_label: str
    audience: list[str]
    audience_labels: list[str]
    date: str
    status: str
    url: str
    summary: str
    excerpt: str
    ids: list[str]
    tags: list[str]


_CODE_FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.MULTILINE | re.DOTALL)
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]+>")
_MARKUP = re.compile(r"^\s{0,3}(#{1,6}|[-*+]|\d+\.|>|\|)\s?|[*_`|]+", re.MULTILINE)
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}.*$", re.MULTILINE)
_SPACE = re.compile(r"\s+")


def plain_text(markdown: str) -> str:
    """The readable text of a normalised Markdown body: no markup, links as their text."""
    text = _CODE_FENCE.sub(" ", markdown)
    text = _LINK.sub(r"\1", text)
    text = _TABLE_RULE.sub(" ", text)
    text = _TAG.sub(" ", text)
    text = _MARKUP.sub(" ", text)
    text = text.replace("\\", "")
    return _SPACE.sub(" ", html.unescape(text)).strip()


def search_record(item: NormalisedDocument) -> tuple[SearchRecord, str]:
    """A document's stored record and the full body text the index reads."""
    doc = item.doc
    body = plain_text(item.body)
    record = SearchRecord(
        ref=doc.id,
        title=doc.title,
        type=doc.type.value,
        type_label=TYPE_LABELS[doc.type],
        audience=[a.value for a in doc.audience],
        audience_labels=[AUDIENCE_LABELS[a] for a in doc.audience],
        date=doc.date.isoformat(),
        status=doc.status.value,
        url=document_url(doc.id),
        summary=doc.summary,
        excerpt=body[:EXCERPT_CHARACTERS],
        ids=[doc.id, *doc.aliases],
        tags=list(doc.tags),
    )
    return record, body


def build_index(rows: list[tuple[SearchRecord, str]]) -> Any:  # noqa: ANN401 - lunr.py is untyped
    """Build the lunr index of the records with the Polish analysis."""
    builder = make_builder()
    builder.ref("ref")
    for name, boost in FIELD_BOOSTS.items():
        builder.field(name, boost)
    for record, body in rows:
        builder.add(
            {
                "ref": record.ref,
                "ids": " ".join(record.ids),
                "title": record.title,
                "tags": " ".join(record.tags),
                "summary": record.summary,
                "body": body,
            }
        )
    return builder.build()


def search_bundle(documents: list[NormalisedDocument]) -> str:
    """`szukaj/index.json`: the analysis rules, the serialised index and the records."""
    rows = [search_record(d) for d in documents if d.doc.status is not Status.DRAFT]
    index = build_index(rows)
    bundle = {
        "rules": json.loads(rules_text()),
        "index": index.serialize(),
        "documents": {record.ref: _stored(record) for record, _ in rows},
    }
    return json.dumps(bundle, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _stored(record: SearchRecord) -> dict[str, Any]:
    data = asdict(record)
    del data["ref"]
    return data
