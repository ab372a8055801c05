"""Parallel: run many small pure jobs on every core, in worker processes that die with their parent.

MkDocs renders pages one by one; the pipeline's own heavy work (rendering the generated
pages, building the search index) goes to worker processes instead. Workers are forked
when the calling process has no other threads, so they start at once and share the
library index without copying it. Each worker dies with its
parent (Linux `PR_SET_PDEATHSIG`), so a killed build leaves no orphan behind.

A forked worker finds its jobs in `_JOBS`, set once by the pool's initializer in that
worker process only: the one module-level variable of the package, never set in the
parent process.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Hashable, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

from ksr_library.site_folder import die_with_parent

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)

SMALL = 64
"""Below this many jobs, starting processes costs more than it saves: run them here."""
_JOBS: Mapping[Any, Callable[[], Any]] = {}


def cores() -> int:
    """How many cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _start(jobs: Mapping[Any, Callable[[], Any]], parent: int) -> None:
    global _JOBS  # noqa: PLW0603 - worker-local, see the module docstring
    _JOBS = jobs
    die_with_parent(parent)


def _run(keys: list[Any]) -> list[tuple[Any, Any]]:
    return [(key, _JOBS[key]()) for key in keys]


def _can_fork() -> bool:
    """Whether forking is safe: no other thread could hold a lock the child would inherit."""
    return threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()


def _context() -> multiprocessing.context.BaseContext:
    return multiprocessing.get_context("fork" if _can_fork() else "spawn")


def run_all(jobs: Mapping[K, Callable[[], T]], *, workers: int | None = None) -> dict[K, T]:
    """Run every job and return its result by key, on every core when it pays.

    Jobs must be pure: they run in forked processes, and their results are pickled back.
    Where forking is not safe (the process has other threads, as a live preview has),
    spawning workers that must first import everything costs more than it saves: the jobs
    run here.
    """
    count = workers or cores()
    if count < 2 or len(jobs) < SMALL or not _can_fork():
        return {key: job() for key, job in jobs.items()}
    keys = list(jobs)
    size = max(1, len(keys) // (count * 4))
    chunks = [keys[i : i + size] for i in range(0, len(keys), size)]
    results: dict[K, T] = {}
    with ProcessPoolExecutor(count, mp_context=_context(), initializer=_start, initargs=(jobs, os.getpid())) as pool:
        for done in pool.map(_run, chunks):
            results.update(done)
    return results


def in_background(job: Callable[[], T]) -> Future[T]:
    """Start one job in a worker process; the caller collects it with `.result()`."""
    pool = ProcessPoolExecutor(1, mp_context=_context(), initializer=_start, initargs=({0: job}, os.getpid()))
    future = pool.submit(_run, [0])
    pool.shutdown(wait=False)
    return _first(future)


def lasting_worker() -> ProcessPoolExecutor:
    """One worker process for many jobs, each pickled to it; it dies with its parent.

    Forked where that is safe (see `run_all`), else spawned: either way it starts once.
    """
    return ProcessPoolExecutor(1, mp_context=_context(), initializer=die_with_parent, initargs=(os.getpid(),))


def _first(future: Future[list[tuple[Any, Any]]]) -> Future[Any]:
    result: Future[Any] = Future()

    def done(source: Future[list[tuple[Any, Any]]]) -> None:
        error = source.exception()
        if error is not None:
            result.set_exception(error)
        else:
            result.set_result(source.result()[0][1])

    future.add_done_callback(done)
    return result
