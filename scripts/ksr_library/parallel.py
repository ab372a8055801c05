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

import contextlib
import gc
import multiprocessing
import multiprocessing.process
import os
import threading
from collections.abc import Callable, Hashable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from multiprocessing.connection import Connection
from multiprocessing.context import ForkContext, SpawnContext
from typing import Any, Generic, TypeVar, cast

from ksr_library.site_folder import die_with_parent

T = TypeVar("T")
A = TypeVar("A")
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


def can_fork() -> bool:
    """Whether forking is safe: no other thread could hold a lock the child would inherit."""
    return threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()


@contextlib.contextmanager
def making_long_lived() -> Iterator[None]:
    """Make objects that live until the build ends: no collection meanwhile, then frozen.

    What a build reads and plans lives until it ends: collecting while it is made only walks
    it again and again. Frozen afterwards (`gc.freeze`, with everything alive before), full
    collections leave it out, and forked workers do not write to the memory pages that hold
    it: Python's advice for processes that fork without exec. `thaw_long_lived` ends this.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
        gc.freeze()  # not when making failed: then nothing lives on
    finally:
        if enabled:
            gc.enable()


def thaw_long_lived() -> None:
    """Give frozen objects back to the collector (at the end of a build, whatever its outcome)."""
    gc.unfreeze()


def _context() -> ForkContext | SpawnContext:
    return multiprocessing.get_context("fork") if can_fork() else multiprocessing.get_context("spawn")


def run_all(jobs: Mapping[K, Callable[[], T]], *, workers: int | None = None) -> dict[K, T]:
    """Run every job and return its result by key, on every core when it pays.

    Jobs must be pure: they run in forked processes, and their results are pickled back.
    Where forking is not safe (the process has other threads, as a live preview has),
    spawning workers that must first import everything costs more than it saves: the jobs
    run here.
    """
    count = workers or cores()
    if count < 2 or len(jobs) < SMALL or not can_fork():
        return {key: job() for key, job in jobs.items()}
    keys = list(jobs)
    # Many small chunks: a worker that ends early takes another, so no core waits long at the end.
    size = max(1, len(keys) // (count * 16))
    chunks = [keys[i : i + size] for i in range(0, len(keys), size)]
    results: dict[K, T] = {}
    with ProcessPoolExecutor(count, mp_context=_context(), initializer=_start, initargs=(jobs, os.getpid())) as pool:
        for done in pool.map(_run, chunks):
            results.update(done)
    return results


class Background(Generic[T]):
    """One job running in a worker process; `result()` waits for it.

    The parent keeps no thread for it (a process pool would keep one), so the parent
    may still fork workers (`run_all`) while the job runs.
    """

    def __init__(self, job: Callable[[], T]) -> None:
        """Start the job in a worker process that dies with this one."""
        context = _context()
        receiver, sender = context.Pipe(duplex=False)
        self._receiver = receiver
        self._outcome: tuple[bool, Any] | None = None
        self._process = context.Process(target=_report, args=(job, sender, os.getpid()), daemon=True)
        self._process.start()
        sender.close()

    def done(self) -> bool:
        """Whether the job has ended, so that `result()` returns at once."""
        return self._outcome is not None or self._receiver.poll()

    def result(self) -> T:
        """The job's result, once it is done; its exception if it failed.

        Collecting it early (see `done()`) lets the worker process end and free its memory.

        Raises:
            RuntimeError: The worker process died without a result.
        """
        if self._outcome is None:
            try:
                self._outcome = self._receiver.recv()
            except EOFError:
                pass
            finally:
                self._receiver.close()
                self._process.join()
        if self._outcome is None:
            self._outcome = (False, RuntimeError(f"a worker process ended with exit code {self._process.exitcode}"))
        ok, value = self._outcome
        if not ok:
            raise value
        return cast(T, value)


def _report(job: Callable[[], Any], sender: Connection, parent: int) -> None:
    """In the worker: run the job and send back its outcome (see `_answer`)."""
    die_with_parent(parent)
    try:
        _answer(sender, job)
    finally:
        sender.close()


def _answer(connection: Connection, call: Callable[[], Any]) -> None:
    """Make a call and send back (True, result) or (False, exception), for the parent to raise.

    What cannot be pickled comes back as a `RuntimeError` naming the call's exception,
    or else the pickling error.
    """
    try:
        reply: tuple[bool, Any] = (True, call())
    except Exception as error:  # handed to the parent, which raises it
        reply = (False, error)
    try:
        connection.send(reply)
    except Exception as failure:  # its text, then
        cause = failure if reply[0] else reply[1]
        connection.send((False, RuntimeError(f"{type(cause).__name__}: {cause}")))


def run_detached(job: Callable[[], object]) -> None:
    """Run a job in a process that outlives this one, without waiting for it.

    The job runs in a grandchild (the child ends at once and is waited for), so no process
    is left for anyone to wait for. It runs in a session of its own with its standard
    streams on the null device: whoever reads this process's output (a pipe, `| tee`, a
    benchmark) sees it end when this process ends. Where forking is not safe, the job
    runs here.
    """
    if not can_fork():
        job()
        return
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the forked processes, which end with _exit
        try:
            os.setsid()
            if os.fork() == 0:
                _let_go_of_streams()
                job()
        finally:
            os._exit(0)
    os.waitpid(child, 0)


def _let_go_of_streams() -> None:  # pragma: no cover - runs in a detached process
    """Point standard input, output and error at the null device."""
    null = os.open(os.devnull, os.O_RDWR)
    for stream in (0, 1, 2):
        os.dup2(null, stream)
    os.close(null)


def in_background(job: Callable[[], T]) -> Background[T]:
    """Start one job in a worker process; the caller collects it with `.result()`."""
    return Background(job)


class LastingWorker(Generic[A, T]):
    """One worker process that runs one function on argument after argument, and lasts.

    Each argument is pickled to the worker and each result back, one call at a time;
    the worker keeps whatever the function keeps between calls (in that process). It is
    forked where that is safe (see `run_all`), else spawned, and dies with its parent.
    The parent keeps no thread for it, so the parent may still fork workers meanwhile.
    A worker that died is started again by the next call.
    """

    def __init__(self, function: Callable[[A], T]) -> None:
        """No process yet: the first call starts it. `function` must be importable (spawn pickles it)."""
        self.function = function
        self.process: multiprocessing.process.BaseProcess | None = None
        self._connection: Connection | None = None
        self._waiting = False

    def call(self, argument: A) -> LastingWorker[A, T]:
        """Send `argument` to the worker; `result()` waits for what the function returns.

        A result not collected yet is collected (and dropped) first.
        """
        if self._waiting:
            with contextlib.suppress(Exception):
                self.result()
        if self.process is None or not self.process.is_alive():
            self._start()
        assert self._connection is not None
        try:
            self._connection.send((True, argument))
        except OSError:  # the worker died since it was last seen alive
            self._start()
            self._connection.send((True, argument))
        self._waiting = True
        return self

    def result(self) -> T:
        """The result of the last call, once the worker has it; its exception if it failed.

        Raises:
            RuntimeError: The worker process died without a result (the next call starts a new one).
        """
        assert self._connection is not None and self._waiting
        self._waiting = False
        try:
            ok, value = self._connection.recv()
        except (EOFError, OSError):
            self.close()
            raise RuntimeError("the worker process ended without a result") from None
        if not ok:
            raise value
        return cast(T, value)

    def close(self) -> None:
        """End the worker process (it finishes the call it is running, if any)."""
        if self._connection is not None:
            with contextlib.suppress(OSError):  # a worker that died is gone already
                self._connection.send((False, None))
            self._connection.close()
        if self.process is not None:
            self.process.join(timeout=60)
            if self.process.is_alive():
                self.process.kill()
                self.process.join()
        self.process, self._connection, self._waiting = None, None, False

    def _start(self) -> None:
        self.close()
        context = _context()
        ours, theirs = context.Pipe()
        self.process = context.Process(target=_serve, args=(self.function, theirs, os.getpid()), daemon=True)
        self.process.start()
        theirs.close()
        self._connection = ours


def _serve(function: Callable[[Any], Any], connection: Connection, parent: int) -> None:
    """In a lasting worker: answer each call with (True, result) or (False, exception), until told to stop.

    Calls come as (True, argument); (False, None) says stop. A forked worker holds a copy
    of the parent's end of the pipe too, so it would never see the pipe close.
    """
    die_with_parent(parent)
    while True:
        try:
            call, argument = connection.recv()
        except (EOFError, OSError):
            return
        if not call:
            return
        _answer(connection, partial(function, argument))
