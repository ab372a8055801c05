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
from collections import Counter
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from ksr_library.analysis import analyse, make_builder, rules_text
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


@dataclass(frozen=True)
class SearchSource:
    """A document as the index needs it: its record (without excerpt) and Markdown body."""

    record: SearchRecord
    markdown: str


def search_sources(documents: list[NormalisedDocument]) -> list[SearchSource]:
    """What the index is built from: published and withdrawn or superseded documents, never drafts."""
    return [_source(d) for d in documents if d.doc.status is not Status.DRAFT]


def _source(item: NormalisedDocument) -> SearchSource:
    doc = item.doc
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
        excerpt="",
        ids=[doc.id, *doc.aliases],
        tags=list(doc.tags),
    )
    return SearchSource(record, item.body)


def search_rows(sources: list[SearchSource]) -> list[tuple[SearchRecord, str]]:
    """Each source as its record (with an excerpt) and its plain body text."""
    rows = []
    for source in sources:
        body = plain_text(source.markdown)
        rows.append((replace(source.record, excerpt=body[:EXCERPT_CHARACTERS]), body))
    return rows


Analysed = dict[str, list[str]]
"""A document's fields as lists of analysed terms."""


def analysed_fields(record: SearchRecord, body: str) -> Analysed:
    """The indexed fields of a document, analysed with the Polish analysis."""
    return {
        "ids": analyse(" ".join(record.ids)),
        "title": analyse(record.title),
        "tags": analyse(" ".join(record.tags)),
        "summary": analyse(record.summary),
        "body": analyse(body),
    }


def build_index(documents: list[Analysed]) -> Any:  # noqa: ANN401 - lunr.py is untyped
    """Build the lunr index of analysed documents.

    Fields arrive analysed, so the indexing pipeline is empty; the search pipeline stays
    `ksrPolish`, which the browser applies to queries. Documents are referred to by their
    position, which keeps the index small.
    """
    builder = make_builder()
    builder.pipeline.reset()
    builder.ref("ref")
    for name, boost in FIELD_BOOSTS.items():
        builder.field(name, boost)
    for position, fields in enumerate(documents):
        builder.add({"ref": str(position), **fields})
    return builder.build()


K1 = 1.2
"""lunr's BM25 term-frequency saturation (the lunr.js and lunr.py default)."""
B = 0.75
"""lunr's BM25 field-length normalisation (the lunr.js and lunr.py default)."""


def compact(serialised: dict[str, Any], documents: list[Analysed]) -> dict[str, Any]:
    """A compact encoding of a serialised lunr index; `search.js` expands it back.

    Field vectors are not shipped: their scores follow from lunr's BM25 formula, so the
    encoding carries what the formula needs (term frequencies in the postings, field
    lengths, k1, b and field boosts) and the browser recomputes the vectors lunr built.
    Terms keep lunr's sorted order, which also becomes their vector index; postings are
    delta-coded `(document, frequency)` pairs per field.
    """
    fields: list[str] = serialised["fields"]
    counts = [[Counter(doc[field]) for field in fields] for doc in documents]
    postings = []
    for term, posting in serialised["invertedIndex"]:
        per_field = []
        for f, field in enumerate(fields):
            refs = sorted(int(ref) for ref in posting[field])
            pairs: list[int] = []
            for ref, delta in zip(refs, _deltas(refs), strict=True):
                pairs += [delta, counts[ref][f][term]]
            per_field.append(pairs)
        postings.append(per_field)
    return {
        "version": serialised["version"],
        "fields": fields,
        "pipeline": serialised["pipeline"],
        "k1": K1,
        "b": B,
        "boosts": [FIELD_BOOSTS[field] for field in fields],
        "terms": [term for term, _ in serialised["invertedIndex"]],
        "postings": postings,
        "lengths": [[len(doc[field]) for doc in documents] for field in fields],
    }


def _deltas(numbers: list[int]) -> list[int]:
    return [n - p for n, p in zip(numbers, [0, *numbers], strict=False)]


def search_bundle(sources: list[SearchSource]) -> str:
    """`szukaj/index.json`: the analysis rules, the serialised index and the records."""
    rows = search_rows(sources)
    documents = [analysed_fields(record, body) for record, body in rows]
    index = build_index(documents)
    bundle = {
        "rules": json.loads(rules_text()),
        "index": compact(index.serialize(), documents),
        "documents": [_stored(record) for record, _ in rows],
    }
    return json.dumps(bundle, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _stored(record: SearchRecord) -> dict[str, Any]:
    data = asdict(record)
    data["id"] = data.pop("ref")
    return data


def write_search_bundle(path: Path, sources: list[SearchSource]) -> int:
    """Build the search bundle and write it to `path`; return its size in bytes.

    A top-level function so a build can run it in a second process while MkDocs runs.
    """
    data = search_bundle(sources).encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return len(data)
