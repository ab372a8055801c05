"""A live preview's search index: one lasting worker, counting again only entries whose text changed."""

from __future__ import annotations

import contextlib
import dataclasses
from concurrent.futures.process import BrokenProcessPool

import pytest

from conftest import ROOT
from ksr_library import search_index
from ksr_library.checking import check_library
from ksr_library.normalising import normalise_library
from ksr_library.previewing import SearchWorker
from ksr_library.search_index import SearchSource, TermCache, counted_terms, search_files, search_sources


@pytest.fixture(scope="module")
def sources() -> list[SearchSource]:
    library = check_library(ROOT / "library")
    documents = normalise_library(library)
    return search_sources(documents, {d.id: d.body.text for d in documents}, library.glossary)


def edited(sources: list[SearchSource]) -> list[SearchSource]:
    """The entries with the first one's body rewritten and the last one gone."""
    return [dataclasses.replace(sources[0], text="Zupełnie nowy tekst o reintegracji."), *sources[1:-1]]


def test_only_entries_whose_text_changed_are_counted_again(
    sources: list[SearchSource], monkeypatch: pytest.MonkeyPatch
) -> None:
    counted: list[str] = []
    count = search_index.count_terms
    monkeypatch.setattr(search_index, "count_terms", lambda source: counted.append(source.record.ref) or count(source))
    cache: TermCache = {}
    counted_terms(sources, cache)
    assert counted == [s.record.ref for s in sources]
    counted.clear()
    again = edited(sources)
    kept = counted_terms(again, cache)
    assert counted == [sources[0].record.ref]
    assert len(cache) == len(again), "the cache holds the current entries only"
    assert search_files(again, kept) == search_files(again), "kept counts give the same index"


def test_the_preview_s_search_worker_gives_the_index_a_build_gives(sources: list[SearchSource]) -> None:
    worker = SearchWorker()
    try:
        assert worker.search_files(sources).result() == search_files(sources)
        process = worker.pool
        again = edited(sources)
        assert worker.search_files(again).result() == search_files(again)
        assert worker.pool is process, "one worker process for the whole preview"
    finally:
        worker.close()
    assert worker.pool is None


def test_a_search_worker_that_died_is_replaced(sources: list[SearchSource]) -> None:
    worker = SearchWorker()
    try:
        worker.search_files(sources).result()
        assert worker.pool is not None
        for process in list(worker.pool._processes.values()):  # the pool's own record of its process
            process.kill()
            process.join()
        with contextlib.suppress(BrokenProcessPool):  # the job is lost, or the death noticed first
            worker.search_files(sources).result()
        assert worker.search_files(sources).result() == search_files(sources)
    finally:
        worker.close()
