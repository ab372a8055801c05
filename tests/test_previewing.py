"""A live preview's search index: one lasting worker, counting again only entries whose text changed."""

from __future__ import annotations

import contextlib
import dataclasses
import threading
from collections.abc import Sequence

import pytest

from conftest import ROOT
from ksr_library import search_index
from ksr_library.checking import check_library
from ksr_library.normalising import normalise_library
from ksr_library.parallel import LastingWorker
from ksr_library.previewing import PreviewState, search_files_kept
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
    worker = PreviewState().search
    threads = threading.active_count()
    try:
        assert worker.call(sources).result() == search_files(sources)
        process = worker.process
        again = edited(sources)
        assert worker.call(again).result() == search_files(again)
        assert worker.process is process, "one worker process for the whole preview"
        assert threading.active_count() == threads, "the preview keeps no thread for it"
    finally:
        worker.close()
    assert worker.process is None


def test_a_worker_that_died_is_replaced_and_failures_come_back(sources: list[SearchSource]) -> None:
    worker: LastingWorker[Sequence[SearchSource], dict[str, bytes]] = LastingWorker(search_files_kept)
    try:
        worker.call(sources).result()
        assert worker.process is not None
        worker.process.kill()
        worker.process.join()
        with contextlib.suppress(RuntimeError):  # the call is lost, or the death is noticed before it
            worker.call(sources).result()
        assert worker.call(sources).result() == search_files(sources)
        with pytest.raises(AttributeError):  # the function's own exception
            worker.call([None]).result()  # type: ignore[list-item]
        worker.call(sources)  # a result never collected is dropped before the next call
        assert worker.call(sources[:1]).result() == search_files(sources[:1])
    finally:
        worker.close()
