"""Search index: Polish-analysed, split into shards that the browser loads as a query needs them.

Entry points, all pure of MkDocs: [`search_sources`][ksr_library.search_index.search_sources]
says what is searchable (published, withdrawn and superseded documents, never drafts, with
their plain text and their attachments' text, and the glossary's entries), and
[`write_search_bundle`][ksr_library.search_index.write_search_bundle] writes the index
files (`search_files` gives them without writing); [`embed_manifest`][ksr_library.search_index.embed_manifest]
puts the manifest into the search page itself, so a query's shards are requested as soon
as the page arrives.

The files, under `szukaj/` (`assets/search.js` reads them):

- `index.json`, the manifest, read first (the search page carries a copy in its head): the analysis rules, field names and boosts, the
  number of entries (documents first, then glossary entries), where each term shard
  begins (the shortest prefix of its first term that sorts after the shard before it),
  the hashes that name the term and record shards, the synonym table (glossary terms and
  expansions, both ways), and the entries that are superseded or withdrawn (they rank
  below current ones);
- `i/f-*.json`, each entry's type and audience, read only when the reader filters by them;
- `i/t-<hash>-<n>.json`, term shards: the sorted terms cut into runs of about `TERM_SHARD_BYTES`;
  for each term its document frequency and, per field, its entries and their impacts as
  text (`code_postings`: each entry's distance from the one before, then the impacts),
  where the impact is lunr's BM25 term weight for that field (term frequency
  saturated by `K1`, normalised by field length with `B`), times `IMPACT_SCALE`, rounded;
  an id or former id is also the term `=` + its letters and digits (`=rek07`), so a typed
  id finds its document; and the records of each term's `CHAMPIONS` best entries (its
  champion list, as the browser scores a one-word query), so the first results of most
  queries show without waiting for record shards;
- `i/d-<hash>-<n>.json`, record shards: what a result shows (title, type, audience, date,
  also as Polish readers write it, status, URL, the start of the summary) and how many
  documents cite it,
  `RECORDS_PER_SHARD` entries each;
- `i/x-*.json`, one per entry: its plain text and its attachments' text per page, read
  for the snippets of the results shown;
- `i/v-*.json`, the vocabulary, most frequent first, each term with the word it most
  often comes from, read only to correct a misspelt query.

Every file but the manifest is named by its content's hash (a series of term or record
shards by one hash of them all, so the manifest names a series in a few bytes), so a
browser may cache it for good. Fields: ids and former ids (boosted most), title, subtitle, tags, summary, body, and the
attachments' text (weighted below the body).
"""

from __future__ import annotations

import hashlib
import heapq
import json
import operator
import re
import shutil
from array import array
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ksr_library.analysis import load_rules, rules_text, stem, tokenize
from ksr_library.labels import AUDIENCE_LABELS, TYPE_LABELS, polish_date
from ksr_library.links import document_url, slugify
from ksr_library.normalising import NormalisedDocument, linked_from
from ksr_library.schema import Audience, DocType, GlossaryEntry, ModuleDocument, Status
from ksr_library.search_query import synonym_table

SEARCH_DIR = "szukaj"
"""The search page's folder; `library.json` lists it as `search`."""
INDEX_FILE = f"{SEARCH_DIR}/index.json"
"""The manifest of the index, relative to the site root."""
SHARDS_DIR = "i"
"""The folder of the shards, inside `SEARCH_DIR`."""
FORMAT_VERSION = 5
FIELD_BOOSTS = {
    "ids": 20.0, "title": 10.0, "subtitle": 5.0, "tags": 4.0, "summary": 3.0, "body": 1.0, "attachments": 0.5,
}  # fmt: skip
"""Weight of a match in each field: a subtitle half a title's; attachments weigh below the body."""
K1 = 1.2
"""BM25 term-frequency saturation (lunr's default)."""
B = 0.75
"""BM25 field-length normalisation (lunr's default)."""
IMPACT_SCALE = 10
"""Impacts are stored as integers: the BM25 term weight (0 to `K1` + 1) times this."""
POSTING_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
"""The 64 characters postings are written with (`code_postings`): none needs escaping in JSON."""
TERM_SHARD_BYTES = 6_000
"""A term shard is cut after the term that takes it past this size (about 3 KB gzipped at
10,000 documents, 2.4 KB on the demo library: a first query on a phone loads a few)."""
RECORDS_PER_SHARD = 8
"""Entries per record shard: the first results shown load a shard each, so they are small."""
CHAMPIONS = 8
"""Records a term shard carries for each of its terms: its best entries by the term's own
score. The first results (five) of a one-word query are among them, and of most queries of
more words; otherwise their record shards are loaded, one round trip later."""
SUMMARY_CHARACTERS = 240
"""How much of a summary a record carries (the snippet before the text arrives)."""
GLOSSARY_URL = "slownik/"
"""The glossary page; an entry is at `slownik/#<slugify(term)>`."""
GLOSSARY_TYPE = "glossary"
MANIFEST_ID = "ksr-search-index"
"""The id of the search page's manifest element (a JSON data block, never run as a script)."""
_MANIFEST_ELEMENT = re.compile(rf'(<script type="application/json" id="{MANIFEST_ID}"[^>]*>).*?(</script>)', re.DOTALL)
_JSON_IN_HTML = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


@dataclass(frozen=True)
class AttachmentText:
    """The text of one attachment of a document, as the build extracted it."""

    file: str
    """The path the document names (`attachments[].file`)."""
    title: str
    """The title the document gives it."""
    url: str
    """Where the file is, from the site root."""
    pages: tuple[str, ...]
    """The text of each page (a PDF), or one element (any other file)."""


@dataclass(frozen=True)
class SearchRecord:
    """What the results page shows about an entry: a document or a glossary term."""

    ref: str
    """The document's id, or the glossary term."""
    title: str
    type: str
    """A document type, or `glossary`."""
    type_label: str
    audience: list[str]
    audience_labels: list[str]
    date: str
    status: str
    url: str
    """From the site root; a glossary term's is `slownik/#<slug>`."""
    summary: str
    ids: list[str]
    """The id and former ids (a typed one finds the document); none for a glossary term."""
    tags: list[str]
    subtitle: str = ""
    """Searched (a second title), not shown."""
    cited: int = 0
    """How many other indexed documents link to it or list it as related: a main document is
    cited by its companions and parts (a presentation of it, its modules), so among results
    that match alike it goes first (`search.js` reranks the first results by it)."""
    date_label: str = ""
    """The date as Polish readers write it (`labels.polish_date`), shown in the result."""


@dataclass(frozen=True)
class SearchSource:
    """An entry as the index needs it: its record, its plain text and its attachments' text."""

    record: SearchRecord
    text: str
    """The body as plain text (no markup, no page chrome)."""
    attachments: tuple[AttachmentText, ...] = ()
    synonyms: tuple[str, ...] = ()
    """Names that mean the same in a query (a glossary term and its expansion)."""


def search_sources(
    documents: Sequence[NormalisedDocument],
    texts: Mapping[str, str],
    glossary: Sequence[GlossaryEntry] = (),
    attachments: Mapping[str, Sequence[AttachmentText]] | None = None,
) -> list[SearchSource]:
    """What the index is built from: every document but drafts, then the glossary's entries.

    Args:
        documents: The normalised documents; drafts among them are left out.
        texts: Each document's body as plain text, by id.
        glossary: The glossary's entries; each becomes a result of its own.
        attachments: The extracted text of each document's attachments, by id.

    Returns:
        The sources, documents in the given order, then glossary entries.
    """
    found = attachments or {}
    indexed = [d for d in documents if d.doc.status is not Status.DRAFT]
    cited = citations(indexed)
    sources = [
        SearchSource(_record(d, len(cited.get(d.id, ()))), texts.get(d.id, ""), tuple(found.get(d.id, ())))
        for d in indexed
    ]
    return sources + [_glossary_source(entry) for entry in glossary]


def citations(documents: Sequence[NormalisedDocument]) -> dict[str, set[str]]:
    """Who cites whom among documents: a main document is cited by its companions and parts.

    A document cites another by linking to it (`[[ID]]`), listing it as related, or, a
    module, naming it as its programme (the part cites its whole).

    Args:
        documents: The documents whose citations count (the indexed ones: no drafts).

    Returns:
        Each id they cite → the ids of the documents that cite it.
    """
    cited = linked_from(documents)
    for item in documents:
        if isinstance(item.doc, ModuleDocument):
            cited.setdefault(item.doc.programme, set()).add(item.id)
    return cited


def _record(item: NormalisedDocument, cited: int) -> SearchRecord:
    doc = item.doc
    return SearchRecord(
        ref=doc.id,
        title=doc.title,
        type=doc.type.value,
        type_label=TYPE_LABELS[doc.type],
        audience=[a.value for a in doc.audience],
        audience_labels=[AUDIENCE_LABELS[a] for a in doc.audience],
        date=doc.date.isoformat(),
        date_label=polish_date(doc.date),
        status=doc.status.value,
        url=document_url(doc.id),
        summary=doc.summary,
        ids=[doc.id, *doc.aliases],
        tags=list(doc.tags),
        subtitle=doc.subtitle or "",
        cited=cited,
    )


def _glossary_source(entry: GlossaryEntry) -> SearchSource:
    expansion = entry.expansion if entry.expansion != entry.term else ""
    record = SearchRecord(
        ref=entry.term,
        title=f"{entry.term} — {expansion}" if expansion else entry.term,
        type=GLOSSARY_TYPE,
        type_label="Słownik",
        audience=[],
        audience_labels=[],
        date="",
        status=Status.PUBLISHED.value,
        url=f"{GLOSSARY_URL}#{slugify(entry.term)}",
        summary=entry.definition,
        ids=[],
        tags=[],
    )
    return SearchSource(record, entry.definition, synonyms=(entry.term, entry.expansion))


def compact_id(text: str) -> str:
    """The id term of an id or former id: `=` and its letters and digits, lower case.

    The browser looks a query up as this term, so `rek 07`, `REK-07` and `rek07` all find
    `REK-07` (`search.js` computes the same from the query).
    """
    return "=" + re.sub(r"[^a-z0-9]", "", text.lower())


@dataclass
class _Collected:
    """The inverted index while it is built, with what the impacts and corrections need."""

    fields: list[str]
    postings: dict[str, list[array[int]]] = field(default_factory=dict)
    """Term → per field, flat `(entry, term frequency)` pairs in entry order."""
    lengths: list[list[int]] = field(default_factory=list)
    """Per field, each entry's number of terms."""
    words: Counter[str] = field(default_factory=Counter)
    """How often each (folded) word occurs: the word a correction shows for a term."""


def _field_texts(source: SearchSource) -> dict[str, str]:
    record = source.record
    pages = " ".join(page for attachment in source.attachments for page in attachment.pages)
    return {
        "ids": " ".join(record.ids),
        "title": record.title,
        "subtitle": record.subtitle,
        "tags": " ".join(record.tags),
        "summary": record.summary,
        "body": source.text,
        "attachments": " ".join(a.title for a in source.attachments) + " " + pages,
    }


FieldTerms = tuple[Counter[str], Counter[str]]
"""One field of an entry, counted: its words (stop words left out) and its terms (stems, and
for the ids field each id's compact form), each with how often it occurs."""
TermCache = dict[tuple[str, ...], tuple[FieldTerms, ...]]
"""Entries' counted fields by their field texts and ids (a live preview keeps them)."""


def count_terms(source: SearchSource) -> tuple[FieldTerms, ...]:
    """Count an entry's words and terms, field by field (in `FIELD_BOOSTS`' order)."""
    stop_words = load_rules().stop_words
    counted = []
    for name, text in _field_texts(source).items():
        words = Counter(tokenize(text))
        for word in stop_words & words.keys():
            del words[word]
        terms: Counter[str] = Counter()
        for word, count in words.items():
            terms[stem(word)] += count
        if name == "ids":
            terms.update(compact_id(doc_id) for doc_id in source.record.ids)
        counted.append((words, terms))
    return tuple(counted)


def counted_terms(sources: Sequence[SearchSource], cache: TermCache) -> list[tuple[FieldTerms, ...]]:
    """Every entry's counted fields, counting only entries whose texts are not in `cache`.

    `cache` is left holding these entries only (nothing grows between calls).
    """
    keys = [(*_field_texts(source).values(), *source.record.ids) for source in sources]
    counted = [cache.get(key) or count_terms(source) for key, source in zip(keys, sources, strict=True)]
    cache.clear()
    cache.update(zip(keys, counted, strict=True))
    return counted


def _collect(sources: Sequence[SearchSource], counted: Sequence[tuple[FieldTerms, ...]] | None) -> _Collected:
    """Every field's postings with term frequencies, field lengths and word counts."""
    fields = list(FIELD_BOOSTS)
    collected = _Collected(fields, lengths=[[] for _ in fields])
    for position, source in enumerate(sources):
        for f, (words, terms) in enumerate(counted[position] if counted is not None else count_terms(source)):
            collected.words.update(words)
            collected.lengths[f].append(sum(words.values()))
            for term, count in terms.items():
                per_field = collected.postings.get(term)
                if per_field is None:
                    per_field = collected.postings[term] = [array("I") for _ in fields]
                per_field[f].extend((position, count))
    return collected


@dataclass(frozen=True)
class _Term:
    """A term as its shard holds it."""

    entry: list[Any]
    """Document frequency, then per field its postings (`code_postings`)."""
    champions: list[int]
    """Its best entries (at most `CHAMPIONS`), as the browser ranks a one-word query; none for
    a number or an id term (`=rek07`): they are many, each in few entries, and rarely asked."""


def _impacts(collected: _Collected, not_current: set[int]) -> dict[str, _Term]:
    """Each term's entry in its shard, and its champion list.

    A term's champions are ordered as `search.js` ranks entries that match one word: current
    entries first, then by the boosted sum of the term's impacts (its idf is the same for
    all), then by position.
    """
    averages = [(sum(lengths) / len(lengths) if lengths else 0) or 1 for lengths in collected.lengths]
    # Each document's part of the BM25 norm, per field; a posting adds its term frequency.
    bases = [
        [K1 * (1 - B + B * length / average) for length in lengths]
        for lengths, average in zip(collected.lengths, averages, strict=True)
    ]
    scale = IMPACT_SCALE * (K1 + 1)
    boosts = list(FIELD_BOOSTS.values())
    terms: dict[str, _Term] = {}
    for term, per_field in collected.postings.items():
        coded: list[Any] = []
        scores: dict[int, float] = {}
        for base, boost, pairs in zip(bases, boosts, per_field, strict=True):
            positions, tfs = pairs[0::2], pairs[1::2]
            deltas = map(operator.sub, positions, [0, *positions[:-1]])
            impacts = [
                max(1, round(scale * tf / (base[p] + tf))) for p, tf in zip(positions, tfs, strict=True)
            ]
            coded.append(code_postings(deltas, impacts))
            for position, impact in zip(positions, impacts, strict=True):
                scores[position] = scores.get(position, 0) + boost * impact
        best = (
            heapq.nsmallest(CHAMPIONS, scores, key=lambda p: (p in not_current, -scores[p], p))
            if term[:1].isalpha()
            else []
        )
        terms[term] = _Term([len(scores), *coded], best)
    return terms


def _distance_code(distance: int) -> str:
    """A distance between entries in base 32: leading digits from the upper half of `POSTING_DIGITS`."""
    distance, last = divmod(distance, 32)
    code = POSTING_DIGITS[last]
    while distance:
        distance, digit = divmod(distance, 32)
        code = POSTING_DIGITS[32 + digit] + code
    return code


_SHORT_DISTANCES = tuple(_distance_code(distance) for distance in range(1024))
"""The codes of the distances that take one or two characters, made once."""


def code_postings(distances: Iterable[int], impacts: Iterable[int]) -> str:
    """A field's postings as text, for `search.js`: entries, a space, then their impacts.

    Each entry is its distance from the one before (the first from 0) in base 32, most
    significant digit first: every digit but the last is one of the upper 32 characters of
    `POSTING_DIGITS`, the last one of the lower 32. Each impact (at most `IMPACT_SCALE` times
    (`K1` + 1), so below 64) is one character. Kept apart, the two runs pack smaller with
    gzip than JSON numbers: a fifth less at 10,000 documents.
    """
    short = _SHORT_DISTANCES
    entries = "".join(short[d] if d < 1024 else _distance_code(d) for d in distances)
    return entries + " " + "".join(map(POSTING_DIGITS.__getitem__, impacts))


def _json(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _named(prefix: str, data: bytes) -> str:
    """A shard's file name: its kind and its content's hash."""
    return f"{prefix}-{hashlib.sha256(data).hexdigest()[:16]}.json"


def _series(prefix: str, parts: list[bytes], files: dict[str, bytes]) -> str:
    """Add shards named `prefix-<hash>-<n>.json` to `files`, the hash of them all; return it."""
    digest = hashlib.sha256()
    for data in parts:
        digest.update(hashlib.sha256(data).digest())
    name = digest.hexdigest()[:16]
    for number, data in enumerate(parts):
        files[f"{SHARDS_DIR}/{prefix}-{name}-{number}.json"] = data
    return name


def _separator(before: str, first: str) -> str:
    """The shortest prefix of `first` that sorts after `before` (which sorts before `first`)."""
    return next(first[:n] for n in range(1, len(first) + 1) if first[:n] > before)


def _term_shards(entries: dict[str, _Term], records: list[bytes], files: dict[str, bytes]) -> dict[str, Any]:
    """Cut the sorted terms into shards and add them to `files`; return the series' hash and keys.

    A term is in the last shard whose key is not after it: the keys are the shortest
    prefixes of each shard's first term that still sort after the shard before it. A shard
    carries the records (`records`, each as JSON, by position) of its terms' champions,
    each once, as `{"<position>": record}`; they count towards its size.
    """
    parts: list[bytes] = []
    keys: list[str] = []
    terms: list[str] = []
    coded: list[bytes] = []
    carried: dict[int, bytes] = {}
    size = 0
    last = ""

    def flush() -> None:
        keys.append(_separator(last, terms[0]) if parts else "")
        shown = b",".join(b'"%d":%b' % (position, record) for position, record in sorted(carried.items()))
        parts.append(b'{"terms":%b,"entries":[%b],"records":{%b}}' % (_json(terms), b",".join(coded), shown))

    for term in sorted(entries):
        entry = _json(entries[term].entry)
        terms.append(term)
        coded.append(entry)
        size += len(entry) + len(term) + 4
        for position in entries[term].champions:
            if position not in carried:
                carried[position] = records[position]
                size += len(records[position]) + 8
        if size > TERM_SHARD_BYTES:
            flush()
            last, terms, coded, carried, size = term, [], [], {}, 0
    if terms:
        flush()
    return {"hash": _series("t", parts, files), "keys": keys}


def _stored(record: SearchRecord, text_file: str) -> dict[str, Any]:
    """A record as a record shard holds it."""
    summary = record.summary
    if len(summary) > SUMMARY_CHARACTERS:
        summary = summary[:SUMMARY_CHARACTERS].rsplit(" ", 1)[0] + " …"
    return {
        "id": record.ref,
        "title": record.title,
        "type": record.type,
        "type_label": record.type_label,
        "audience": record.audience,
        "audience_labels": record.audience_labels,
        "date": record.date,
        "date_label": record.date_label,
        "status": record.status,
        "url": record.url,
        "summary": summary,
        "text": text_file,
        "cited": record.cited,
    }


def _text_file(source: SearchSource) -> dict[str, Any]:
    """An entry's text for its snippets: summary and body, and each attachment by page."""
    return {
        "body": f"{source.record.summary} {source.text}".strip(),
        "attachments": [
            {"title": a.title, "url": a.url, "pdf": a.file.lower().endswith(".pdf"), "pages": list(a.pages)}
            for a in source.attachments
        ],
    }


def _stored_records(sources: Sequence[SearchSource], files: dict[str, bytes]) -> list[bytes]:
    """Add each entry's text file to `files`; return each entry's record as JSON."""
    records = []
    for source in sources:
        data = _json(_text_file(source))
        name = _named("x", data)
        files[f"{SHARDS_DIR}/{name}"] = data
        records.append(_json(_stored(source.record, name)))
    return records


def _record_shards(records: list[bytes], files: dict[str, bytes]) -> dict[str, Any]:
    """Add the record shards to `files` (`RECORDS_PER_SHARD` records each); return their series."""
    parts = [
        b"[" + b",".join(records[first : first + RECORDS_PER_SHARD]) + b"]"
        for first in range(0, len(records), RECORDS_PER_SHARD)
    ]
    return {"size": RECORDS_PER_SHARD, "hash": _series("d", parts, files), "count": len(parts)}


def _vocabulary(entries: dict[str, _Term], words: Counter[str]) -> dict[str, list[Any]]:
    """Terms a misspelt word may be corrected to, most frequent first, each with its commonest word."""
    shown: dict[str, tuple[int, str]] = {}
    for word, count in words.items():
        term = stem(word)
        if term not in shown or count > shown[term][0]:
            shown[term] = (count, word)
    terms = sorted(
        (t for t in entries if t in shown and not t[:1].isdecimal()), key=lambda t: (-entries[t].entry[0], t)
    )
    return {"terms": terms, "words": [shown[t][1] for t in terms]}


_TYPES = [t.value for t in DocType] + [GLOSSARY_TYPE]
_AUDIENCES = [a.value for a in Audience]
_NOT_CURRENT = {Status.SUPERSEDED.value, Status.WITHDRAWN.value}


def _facets(sources: Sequence[SearchSource], files: dict[str, bytes]) -> str:
    """Write the filters' file (each entry's `type << 3 | audiences`); return its name."""
    codes = [
        _TYPES.index(s.record.type) << 3 | sum(1 << _AUDIENCES.index(a) for a in s.record.audience)
        for s in sources
    ]
    data = _json({"types": _TYPES, "audiences": _AUDIENCES, "codes": codes})
    name = _named("f", data)
    files[f"{SHARDS_DIR}/{name}"] = data
    return name


def search_files(
    sources: Sequence[SearchSource], counted: Sequence[tuple[FieldTerms, ...]] | None = None
) -> dict[str, bytes]:
    """Every file of the index, by path relative to `SEARCH_DIR`.

    Args:
        sources: What `search_sources` returned (documents, then glossary entries);
            glossary entries' names become synonyms.
        counted: Each source's `count_terms`, if the caller has them (see `counted_terms`).

    Returns:
        `index.json` (the manifest) and the shards under `i/`.
    """
    collected = _collect(sources, counted)
    not_current = [i for i, s in enumerate(sources) if s.record.status in _NOT_CURRENT]
    entries = _impacts(collected, set(not_current))
    files: dict[str, bytes] = {}
    records = _stored_records(sources, files)
    vocabulary = _json(_vocabulary(entries, collected.words))
    vocabulary_name = _named("v", vocabulary)
    files[f"{SHARDS_DIR}/{vocabulary_name}"] = vocabulary
    manifest = {
        "version": FORMAT_VERSION,
        "rules": {key: value for key, value in json.loads(rules_text()).items() if key != "$comment"},
        "fields": collected.fields,
        "boosts": list(FIELD_BOOSTS.values()),
        "impactScale": IMPACT_SCALE,
        "digits": POSTING_DIGITS,
        "count": len(sources),
        "documents": sum(s.record.type != GLOSSARY_TYPE for s in sources),
        "terms": _term_shards(entries, records, files),
        "records": _record_shards(records, files),
        "vocabulary": vocabulary_name,
        "synonyms": synonym_table([s.synonyms for s in sources if len(s.synonyms) == 2]),
        "notCurrent": not_current,
        "facets": _facets(sources, files),
    }
    files["index.json"] = _json(manifest)
    return files


def write_search_bundle(folder: Path, sources: Sequence[SearchSource]) -> int:
    """Build the index and write its files into `folder` (what becomes `szukaj/`).

    A top-level function so a build can run it in a second process while MkDocs runs.

    Args:
        folder: Where to write; created if missing.
        sources: What `search_sources` returned.

    Returns:
        The size of all files written, in bytes.
    """
    total = 0
    for path, data in search_files(sources).items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        total += len(data)
    return total


def manifest_element() -> str:
    """The search page's manifest element, empty: `embed_manifest` fills it after the build.

    Its `data-index` is the manifest's file, relative to the page (`search.js` falls back
    to it when the element is empty).
    """
    return f'<script type="application/json" id="{MANIFEST_ID}" data-index="index.json"></script>'


def embed_manifest(html: str, manifest: bytes) -> str:
    r"""The search page with the manifest inside its manifest element, replacing what was there.

    The JSON is a data block (no policy hash needed); `<`, `>` and `&` are `\u`-escaped,
    so no text of the library can end the element.

    Args:
        html: The search page as built.
        manifest: `index.json` as `search_files` made it.

    Returns:
        The page; unchanged when it has no manifest element.
    """
    text = manifest.decode("utf-8").translate(_JSON_IN_HTML)
    return _MANIFEST_ELEMENT.sub(lambda match: match[1] + text + match[2], html, count=1)


def install_search_bundle(bundle: Path, site_dir: Path) -> None:
    """Move a written bundle into a built site's `szukaj/`, replacing an earlier index.

    Args:
        bundle: The folder `write_search_bundle` wrote.
        site_dir: The site's root folder.
    """
    target = site_dir / SEARCH_DIR
    target.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(target / SHARDS_DIR, ignore_errors=True)
    for item in bundle.iterdir():
        item.replace(target / item.name)
    bundle.rmdir()
