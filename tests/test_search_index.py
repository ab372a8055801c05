"""The search index: what is indexed, and how the shards a browser loads hold it."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from bisect import bisect_right
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from ksr_library.analysis import analyse
from ksr_library.checking import check_library
from ksr_library.labels import polish_date
from ksr_library.links import slugify
from ksr_library.normalising import normalise_library
from ksr_library.pages.reference import SEARCH_SCRIPTS, inline_script, search_head, uncommented
from ksr_library.search_index import (
    CHAMPIONS,
    FIELD_BOOSTS,
    MANIFEST_ID,
    POSTING_DIGITS,
    RECORDS_PER_SHARD,
    AttachmentText,
    SearchRecord,
    SearchSource,
    code_postings,
    compact_id,
    embed_manifest,
    install_search_bundle,
    manifest_element,
    search_files,
    search_sources,
    write_search_bundle,
)


def term(word: str) -> str:
    (only,) = analyse(word)
    return only


def demo_sources(*, include_drafts: bool = False) -> list[SearchSource]:
    library = check_library(ROOT / "library", include_drafts=include_drafts)
    documents = normalise_library(library)
    return search_sources(documents, {d.id: d.body.text for d in documents}, library.glossary)


@pytest.fixture(scope="module")
def demo() -> tuple[list[SearchSource], dict[str, Any]]:
    sources = demo_sources()
    files = search_files(sources)
    return sources, {path: json.loads(data) for path, data in files.items()}


def series(files: dict[str, Any], kind: str, key: str) -> list[Any]:
    """The shards of a series the manifest names (`terms` or `records`), in order."""
    name, count = files["index.json"][key]["hash"], 0
    while f"i/{kind}-{name}-{count}.json" in files:
        count += 1
    return [files[f"i/{kind}-{name}-{n}.json"] for n in range(count)]


def term_shard(files: dict[str, Any], term: str) -> dict[str, Any]:
    """The term shard that holds a term, found as the browser finds it: through the manifest's keys."""
    keys = files["index.json"]["terms"]["keys"]
    shard: dict[str, Any] = series(files, "t", "terms")[bisect_right(keys, term) - 1]
    return shard


def lookup(files: dict[str, Any], term: str) -> list[Any] | None:
    """A term's entry in its shard."""
    shard = term_shard(files, term)
    return dict(zip(shard["terms"], shard["entries"], strict=True)).get(term)


def decoded(code: str) -> list[tuple[int, int]]:
    """A field's `(entry, impact)` pairs, read from its postings as `search.js` reads them."""
    value = {digit: n for n, digit in enumerate(POSTING_DIGITS)}
    entries, impacts = code.split(" ")
    positions, at, distance = [], 0, 0
    for digit in entries:
        distance = distance * 32 + value[digit] % 32
        if value[digit] < 32:
            at += distance
            positions.append(at)
            distance = 0
    assert len(positions) == len(impacts)
    return list(zip(positions, [value[digit] for digit in impacts], strict=True))


def documents_of(entry: list[Any], field: int) -> list[int]:
    return [position for position, _ in decoded(entry[field + 1])]


def test_postings_read_back_as_written() -> None:
    distances = [0, 1, 31, 32, 33, 1023, 1024, 40_000]
    impacts = [1, 22, 10, 5, 63, 0, 7, 9]
    code = code_postings(distances, impacts)
    assert set(code) <= {*POSTING_DIGITS, " "} and code.count(" ") == 1
    positions = [sum(distances[: n + 1]) for n in range(len(distances))]
    assert decoded(code) == list(zip(positions, impacts, strict=True))
    assert code_postings([], []) == " "


def record(ref: str, title: str, summary: str = "", ids: tuple[str, ...] = ()) -> SearchRecord:
    return SearchRecord(
        ref=ref, title=title, type="report", type_label="Raport", audience=["public"],
        audience_labels=["Czytelnicy"], date="2019-01-01", status="published", url=f"dokumenty/{ref.lower()}/",
        summary=summary, ids=list(ids), tags=[],
    )  # fmt: skip


def test_drafts_are_never_indexed() -> None:
    sources = demo_sources(include_drafts=True)
    ids = {s.record.ref for s in sources}
    assert "REK-15" not in ids
    assert {"REK-11", "RAP-DIAG-2018"} <= ids


def test_every_term_is_found_through_the_manifest(demo: tuple[list[SearchSource], dict[str, Any]]) -> None:
    sources, files = demo
    keys, shards = files["index.json"]["terms"]["keys"], series(files, "t", "terms")
    every = [t for shard in shards for t in shard["terms"]]
    assert every == sorted(every) and len(every) == len(set(every))
    assert len(keys) == len(shards) > 1, "the demo index is cut into several shards"
    for key, shard, before in zip(keys[1:], shards[1:], shards, strict=False):
        assert before["terms"][-1] < key <= shard["terms"][0] and shard["terms"][0].startswith(key)
        assert before["terms"][-1] >= key[:-1], "the key is the shortest that separates"
    body = list(FIELD_BOOSTS).index("body")
    for word in ("wolontariuszami", "pakt", "budżet", "sportu"):
        entry = lookup(files, term(word))
        assert entry is not None, word
        expected = [i for i, s in enumerate(sources) if term(word) in analyse(s.text)]
        assert documents_of(entry, body) == expected, word
        assert entry[0] >= len(expected)


def test_a_record_counts_the_documents_that_cite_it(demo: tuple[list[SearchSource], dict[str, Any]]) -> None:
    sources, _ = demo
    library = normalise_library(check_library(ROOT / "library"))
    records = {s.record.ref: s.record for s in sources}
    for doc_id in ("MODEL-MLW", "REK-07"):
        citing = {d.id for d in library.backlinks(doc_id)}  # links and related lists
        assert records[doc_id].cited == len(citing) > 0, doc_id
    modules = {d.id for d in library.modules_of("PROG-ZRAR")}
    citing = {d.id for d in library.backlinks("PROG-ZRAR")} | modules  # a module cites its programme
    assert records["PROG-ZRAR"].cited == len(citing) > len(modules)
    assert records["MODEL-MLW-PREZ"].cited == 0, "a presentation of a model: cited by none"
    with_drafts = {s.record.ref: s.record.cited for s in demo_sources(include_drafts=True)}
    assert with_drafts == {ref: r.cited for ref, r in records.items()}, "a draft cites nothing"
    assert all(s.record.cited == 0 for s in sources if s.record.type == "glossary")


def test_the_subtitle_is_a_field_of_its_own(demo: tuple[list[SearchSource], dict[str, Any]]) -> None:
    sources, files = demo
    refs = [s.record.ref for s in sources]
    entry = lookup(files, term("modułów"))  # PROG-ZRAR: "Osiem modułów dla przyszłych animatorów ZRAR"
    assert entry is not None
    assert refs.index("PROG-ZRAR") in documents_of(entry, list(FIELD_BOOSTS).index("subtitle"))


def test_ids_and_former_ids_are_terms(demo: tuple[list[SearchSource], dict[str, Any]]) -> None:
    sources, files = demo
    refs = [s.record.ref for s in sources]
    for typed, doc_id in (("rek-07", "REK-07"), ("REK 7", "REK-07"), ("KSR-MODEL", "MODEL-KSR")):
        entry = lookup(files, compact_id(typed))
        assert entry is not None, typed
        assert documents_of(entry, 0) == [refs.index(doc_id)]


def test_glossary_entries_are_results_and_synonyms(demo: tuple[list[SearchSource], dict[str, Any]]) -> None:
    sources, files = demo
    kis = next(s for s in sources if s.record.ref == "KIS")
    assert kis.record.url == f"slownik/#{slugify('KIS')}" == "slownik/#kis"
    assert kis.record.type == "glossary" and kis.record.title.startswith("KIS — klub integracji")
    manifest = files["index.json"]
    pairs = [(tuple(a), tuple(b)) for a, b in manifest["synonyms"]]
    expansion = tuple(analyse("klub integracji społecznej"))
    assert (("kis",), expansion) in pairs and (expansion, ("kis",)) in pairs
    facets = files[f"i/{manifest['facets']}"]
    position = sources.index(kis)
    assert (
        facets["types"][facets["codes"][position] >> 3] == "glossary" and facets["codes"][position] & 7 == 0
    )
    assert [s.record.type == "glossary" for s in sources].index(True) == manifest["documents"]
    withdrawn = [i for i, s in enumerate(sources) if s.record.status in {"withdrawn", "superseded"}]
    assert manifest["notCurrent"] == withdrawn and len(withdrawn) == 2


def test_attachment_text_is_a_field_of_its_own(tmp_path: Path) -> None:
    report = AttachmentText(
        file="zalaczniki/ankieta.pdf",
        title="Ankieta gmin",
        url="dokumenty/rap-x/zalaczniki/ankieta.pdf",
        pages=("Strona pierwsza o gminach.", "Na drugiej stronie: żeglarstwo i kajaki."),
    )
    sources = [
        SearchSource(
            record("RAP-X", "Raport o gminach", ids=("RAP-X",)), "Treść raportu o gminach.", (report,)
        ),
        SearchSource(record("RAP-Y", "Inny raport", ids=("RAP-Y",)), "Żeglarstwo w treści raportu."),
    ]
    files = {path: json.loads(data) for path, data in search_files(sources).items()}
    fields = list(FIELD_BOOSTS)
    assert FIELD_BOOSTS["attachments"] < FIELD_BOOSTS["body"]
    sailing = lookup(files, term("żeglarstwo"))
    assert sailing is not None
    assert documents_of(sailing, fields.index("attachments")) == [0]
    assert documents_of(sailing, fields.index("body")) == [1]
    records = series(files, "d", "records")[0]
    text = files[f"i/{records[0]['text']}"]
    assert text["attachments"] == [
        {"title": "Ankieta gmin", "url": report.url, "pdf": True, "pages": list(report.pages)}
    ]
    assert text["body"].endswith("Treść raportu o gminach.")
    size = write_search_bundle(tmp_path / "bundle", sources)
    assert size == sum(p.stat().st_size for p in (tmp_path / "bundle").rglob("*") if p.is_file())
    install_search_bundle(tmp_path / "bundle", tmp_path / "site")
    assert (tmp_path / "site" / "szukaj" / "index.json").is_file()
    assert not (tmp_path / "bundle").exists()


def test_impacts_grow_with_frequency_and_shrink_with_length() -> None:
    sources = [
        SearchSource(record("A", "a"), "klub"),
        SearchSource(record("B", "b"), "klub klub klub"),
        SearchSource(record("C", "c"), "klub " + "inne słowa treści " * 20),
    ]
    files = {path: json.loads(data) for path, data in search_files(sources).items()}
    entry = lookup(files, "klub")
    assert entry is not None
    impacts = [impact for _, impact in decoded(entry[list(FIELD_BOOSTS).index("body") + 1])]
    assert impacts[1] > impacts[0] > impacts[2] >= 1


def test_shards_are_named_by_content_and_records_come_in_blocks(
    demo: tuple[list[SearchSource], dict[str, Any]],
) -> None:
    sources, _ = demo
    raw = search_files(sources)
    files = {path: json.loads(data) for path, data in raw.items()}
    manifest = files["index.json"]
    in_series = {f"i/{kind}-{manifest[key]['hash']}-" for kind, key in (("t", "terms"), ("d", "records"))}
    for path, data in raw.items():
        if path != "index.json" and path[:21] not in in_series:
            assert hashlib.sha256(data).hexdigest()[:16] in path, path
    blocks = series(files, "d", "records")
    assert len(blocks) == manifest["records"]["count"]
    assert [len(b) for b in blocks[:-1]] == [RECORDS_PER_SHARD] * (len(blocks) - 1)
    assert [r["id"] for b in blocks for r in b] == [s.record.ref for s in sources]
    assert search_files(sources) == raw, "the same library gives the same files"


def test_a_record_shows_its_date_as_polish_readers_write_it(demo: tuple[list[SearchSource], dict[str, Any]]) -> None:
    _, files = demo
    records = {r["id"]: r for block in series(files, "d", "records") for r in block}
    documents = [r for r in records.values() if r["type"] != "glossary"]
    assert documents and all(r["date_label"] == polish_date(dt.date.fromisoformat(r["date"])) for r in documents)
    assert re.fullmatch(r"\d{1,2} [a-zęóąśłżźćń]+ \d{4}", documents[0]["date_label"])
    assert all(r["date_label"] == r["date"] == "" for r in records.values() if r["type"] == "glossary")


def test_a_term_shard_carries_the_records_of_each_terms_best_entries() -> None:
    """Champion lists: the first results of a one-word query need no record shard."""
    # One word, in more entries than a champion list holds; titles and ids carry no records.
    sources = [
        SearchSource(record(f"R-{n}", f"{n}", ids=(f"R-{n}",)), "wolontariat " * n) for n in range(1, CHAMPIONS + 4)
    ]
    withdrawn = len(sources) - 1  # the most mentions, but withdrawn: ranked after current entries
    sources[withdrawn] = SearchSource(replace(sources[withdrawn].record, status="withdrawn"), sources[withdrawn].text)
    files = {path: json.loads(data) for path, data in search_files(sources).items()}
    records = [r for block in series(files, "d", "records") for r in block]
    assert lookup(files, "=r1") is not None and lookup(files, "2") is not None
    carried = {int(position): r for position, r in term_shard(files, term("wolontariat"))["records"].items()}
    assert sorted(carried) == list(range(withdrawn - CHAMPIONS, withdrawn)), "the most mentions, current only"
    assert all(carried[p] == records[p] for p in carried), "the same record as its record shard's"


def test_vocabulary_lists_frequent_terms_first_with_their_words(
    demo: tuple[list[SearchSource], dict[str, Any]],
) -> None:
    _, files = demo
    vocabulary = files[f"i/{files['index.json']['vocabulary']}"]
    frequencies = [lookup(files, term)[0] for term in vocabulary["terms"][:50]]  # type: ignore[index]
    assert frequencies == sorted(frequencies, reverse=True)
    words = dict(zip(vocabulary["terms"], vocabulary["words"], strict=True))
    assert words[term("wolontariat")].startswith("wolontari")
    assert not any(t.startswith("=") or t[:1].isdecimal() for t in vocabulary["terms"])


def test_the_page_carries_the_manifest_and_no_text_can_end_its_element() -> None:
    hostile = {"synonyms": [[["</script><script>alert(1)</script>"], ["<!--", "&amp;"]]]}
    page = f"<head>{manifest_element()}<script>x</script></head>"
    once = embed_manifest(page, json.dumps(hostile, ensure_ascii=False).encode("utf-8"))
    assert once.count("</script>") == 2 and "<script>alert" not in once and "<!--" not in once
    body = once.split(f'id="{MANIFEST_ID}" data-index="index.json">')[1].split("</script>")[0]
    assert json.loads(body) == hostile
    again = embed_manifest(once, b'{"version": 3}')
    assert '{"version": 3}</script><script>x</script>' in again and "alert" not in again
    assert embed_manifest("<head></head>", b"{}") == "<head></head>"


def test_the_search_page_carries_its_scripts_without_whole_line_comments() -> None:
    script = "/* A comment\n * over lines. */\nvar a = 1; /* kept: after code */\n  /* indented */\nvar b = '/* a string */';\n"
    assert uncommented(script) == "var a = 1; /* kept: after code */\nvar b = '/* a string */';\n"
    head = search_head()
    for name in SEARCH_SCRIPTS:
        source = (ROOT / "scripts" / "ksr_library" / "assets" / name).read_text(encoding="utf-8")
        assert inline_script(uncommented(source)) in head
        assert len(uncommented(source)) < 0.9 * len(source), name
    assert not re.search(r"^\s*/\*", head, re.MULTILINE)


def test_the_search_page_is_first_painted_once_its_results_list_is_there() -> None:
    # Results found while the styles load are then painted with the page, not just after it.
    assert search_head().startswith('<link rel="expect" href="#search-results" blocking="render">')
    template = ROOT / "scripts" / "ksr_library" / "templates" / "search.html.j2"
    assert template.read_text(encoding="utf-8").count('<ol id="search-results"') == 1


def test_inline_scripts_cannot_end_their_element() -> None:
    script = "var a = '</script>', b = /<\\/SCRIPT>/; // <!-- a comment"
    safe = inline_script(script)
    assert "</script" not in safe.lower() and "<!--" not in safe
    assert safe == "var a = '<\\/script>', b = /<\\/SCRIPT>/; // <\\x21-- a comment"
    assert inline_script("var plain = 1;") == "var plain = 1;"
