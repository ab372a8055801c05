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
LUNR_VERSION = "2.3.9"
"""The lunr.js version whose serialised index format the browser loads."""
PIPELINE_LABEL = "ksrPolish"
"""The registered name of the Polish analysis in lunr's search pipeline (both sides)."""


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
    return SearchSource(record, item.body.text)


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


SHARD = 1000
"""Documents per lunr.py builder: lunr.py keeps an object per posting, so the inverted
index is built a shard at a time and the postings merged, which gives the same index."""


def lunr_index(documents: list[Analysed], first: int = 0) -> dict[str, Any]:
    """lunr.py's serialised index of analysed documents, referred to by position from `first`.

    Fields arrive analysed, so the indexing pipeline is empty; the search pipeline stays
    `ksrPolish`, which the browser applies to queries.
    """
    builder = make_builder()
    builder.pipeline.reset()
    builder.ref("ref")
    for name, boost in FIELD_BOOSTS.items():
        builder.field(name, boost)
    for position, fields in enumerate(documents, start=first):
        builder.add({"ref": str(position), **fields})
    return builder.build().serialize()  # type: ignore[no-any-return]


Postings = dict[str, list[list[int]]]
"""Term → for each field, flat `document position, term frequency` pairs in order."""


@dataclass
class Inverted:
    """The inverted index with what lunr's scores need: term frequencies and field lengths."""

    fields: list[str]
    postings: Postings
    lengths: list[list[int]]
    """For each field, the number of terms of each document."""


def build_postings(rows: list[tuple[SearchRecord, str]]) -> Inverted:
    """Build the inverted index with lunr.py, `SHARD` documents at a time, with term frequencies.

    Each shard is analysed, indexed, counted and let go before the next, so memory stays
    that of one shard plus the merged postings.
    """
    fields: list[str] = list(FIELD_BOOSTS)
    inverted = Inverted(fields, {}, [[] for _ in fields])
    for first in range(0, len(rows), SHARD):
        shard = [analysed_fields(record, body) for record, body in rows[first : first + SHARD]]
        serialised = lunr_index(shard, first)
        inverted.fields = fields = serialised["fields"]
        counts = [[Counter(doc[field]) for field in fields] for doc in shard]
        for f, field in enumerate(fields):
            inverted.lengths[f].extend(len(doc[field]) for doc in shard)
        for term, posting in serialised["invertedIndex"]:
            per_field = inverted.postings.setdefault(term, [[] for _ in fields])
            for f, field in enumerate(fields):
                for ref in sorted(map(int, posting[field])):
                    per_field[f] += (ref, counts[ref - first][f][term])
    return inverted


K1 = 1.2
"""lunr's BM25 term-frequency saturation (the lunr.js and lunr.py default)."""
B = 0.75
"""lunr's BM25 field-length normalisation (the lunr.js and lunr.py default)."""


def compact(inverted: Inverted) -> dict[str, Any]:
    """The index in a compact form; `lunr-compact.js` expands it into lunr's serialised index.

    Field vectors are not shipped: their scores follow from lunr's BM25 formula, so the
    encoding carries what the formula needs (term frequencies in the postings, field
    lengths, k1, b and field boosts) and the browser recomputes the vectors lunr builds.
    Terms are in lunr's sorted order, which is also their vector index; postings are
    delta-coded `(document, frequency)` pairs per field.
    """
    terms = sorted(inverted.postings)
    coded = []
    for term in terms:
        per_field = []
        for pairs in inverted.postings[term]:
            refs = pairs[0::2]
            per_field.append(
                [n for delta, tf in zip(_deltas(refs), pairs[1::2], strict=True) for n in (delta, tf)]
            )
        coded.append(per_field)
    return {
        "version": LUNR_VERSION,
        "fields": inverted.fields,
        "pipeline": [PIPELINE_LABEL],
        "k1": K1,
        "b": B,
        "boosts": [FIELD_BOOSTS[field] for field in inverted.fields],
        "terms": terms,
        "postings": coded,
        "lengths": inverted.lengths,
    }


def _deltas(numbers: list[int]) -> list[int]:
    return [n - p for n, p in zip(numbers, [0, *numbers], strict=False)]


def search_bundle(sources: list[SearchSource]) -> str:
    """`szukaj/index.json`: the analysis rules, the serialised index and the records."""
    rows = search_rows(sources)
    bundle = {
        "rules": json.loads(rules_text()),
        "index": compact(build_postings(rows)),
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
