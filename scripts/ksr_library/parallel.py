"""Parallel: run many small pure jobs on every core, in worker processes that die with their parent.

MkDocs renders pages one by one; the pipeline's own heavy work (rendering the generated
pages, building the search index) goes to worker processes instead. Workers are forked
when the calling process has no other threads, so they start at once and share the
library index without copying it; otherwise they are spawned. Each worker dies with its
parent (Linux `PR_SET_PDEATHSIG`), so a killed build leaves no orphan behind.

A forked worker finds its jobs in `_JOBS`, set once by the pool's initializer in that
worker process only: the one module-level variable of the package, never set in the
parent process.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Hashable, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)

SMALL = 64
"""Below this many jobs, starting processes costs more than it saves: run them here."""
_PR_SET_PDEATHSIG = 1
_JOBS: Mapping[Any, Callable[[], Any]] = {}


def cores() -> int:
    """How many cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (no-op elsewhere)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return


def _start(jobs: Mapping[Any, Callable[[], Any]]) -> None:
    global _JOBS  # noqa: PLW0603 - worker-local, see the module docstring
    _JOBS = jobs
    die_with_parent()


def _run(keys: list[Any]) -> list[tuple[Any, Any]]:
    return [(key, _JOBS[key]()) for key in keys]


def _context() -> multiprocessing.context.BaseContext:
    method = "fork" if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return multiprocessing.get_context(method)


def run_all(jobs: Mapping[K, Callable[[], T]], *, workers: int | None = None) -> dict[K, T]:
    """Run every job and return its result by key, on every core when it pays.

    Jobs must be pure: they run in other processes, and their results are pickled back.
    """
    count = workers or cores()
    if count < 2 or len(jobs) < SMALL:
        return {key: job() for key, job in jobs.items()}
    keys = list(jobs)
    size = max(1, len(keys) // (count * 4))
    chunks = [keys[i : i + size] for i in range(0, len(keys), size)]
    results: dict[K, T] = {}
    with ProcessPoolExecutor(count, mp_context=_context(), initializer=_start, initargs=(jobs,)) as pool:
        for done in pool.map(_run, chunks):
            results.update(done)
    return results


def in_background(job: Callable[[], T]) -> Future[T]:
    """Start one job in a worker process; the caller collects it with `.result()`."""
    pool = ProcessPoolExecutor(1, mp_context=_context(), initializer=_start, initargs=({0: job},))
    future = pool.submit(_run, [0])
    pool.shutdown(wait=False)
    return _first(future)


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
