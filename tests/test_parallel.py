"""Worker processes: jobs run beside the build, results and errors come back, no thread is left."""

from __future__ import annotations

import gc
import os
import threading
import time
from functools import partial
from pathlib import Path

import pytest

from conftest import in_fresh_interpreter
from ksr_library.parallel import in_background, making_long_lived, run_all, run_detached, thaw_long_lived


class UnpicklableError(Exception):
    def __init__(self) -> None:
        super().__init__("cannot travel")
        self.lock = threading.Lock()


def _fail() -> None:
    raise ValueError("bad input")


def _fail_unpicklably() -> None:
    raise UnpicklableError


def _die() -> None:
    os._exit(3)


def _background_then_forked_workers() -> None:
    """In a fresh interpreter (a test session may have threads): workers are forked beside a job."""
    job = in_background(os.getpid)
    assert threading.active_count() == 1
    forked = run_all(dict.fromkeys(range(100), os.getpid), workers=2)
    assert os.getpid() not in forked.values()
    assert job.result() not in {os.getpid(), *forked.values()}


def _wait_for(path: Path) -> None:
    """Wait (at most 30 s) until a file exists."""
    deadline = time.monotonic() + 30
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.02)


def _write_at_once(path: Path, text: str) -> None:
    """Write a file whole under its name (by renaming), so a test that sees it can read all of it."""
    partial_file = path.with_name(path.name + ".part")
    partial_file.write_text(text, encoding="utf-8")
    partial_file.replace(path)


def _write_who_ran(path: str) -> None:
    _write_at_once(Path(path), f"{os.getpid()} {os.getppid()}")


def _detached_job(folder: str) -> list[int]:
    """In a fresh interpreter: a detached job runs in another process, and leaves no child to wait for."""
    out = Path(folder) / "ran"
    run_detached(partial(_write_who_ran, str(out)))
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)
    _wait_for(out)
    pid, parent = map(int, out.read_text(encoding="utf-8").split())
    return [os.getpid(), pid, parent]


def test_a_detached_job_runs_in_a_process_of_its_own_that_nobody_waits_for(tmp_path: Path) -> None:
    me, pid, parent = in_fresh_interpreter(_detached_job, str(tmp_path), timeout=120)
    assert pid != me
    assert parent != me, "the job's process is a grandchild: its parent ended at once"


def _wait_then_write(folder: str) -> None:
    """Wait (at most 30 s) for the test to release the job, then say it ran."""
    _wait_for(Path(folder) / "release")
    _write_at_once(Path(folder) / "ran", "ran")


def _detach_waiting_job(folder: str) -> None:
    """In a fresh interpreter: detach a job that waits for the test, and end."""
    run_detached(partial(_wait_then_write, folder))


def test_a_detached_job_does_not_hold_the_output_of_whoever_started_it(tmp_path: Path) -> None:
    in_fresh_interpreter(_detach_waiting_job, str(tmp_path), timeout=120)  # reads its output to the end
    assert not (tmp_path / "ran").exists(), "the reader of the output waited for the detached job"
    (tmp_path / "release").touch()
    _wait_for(tmp_path / "ran")
    assert (tmp_path / "ran").read_text(encoding="utf-8") == "ran"


def test_a_background_job_leaves_no_thread_so_workers_can_still_be_forked() -> None:
    in_fresh_interpreter(_background_then_forked_workers, timeout=120)


def test_a_background_job_s_error_is_raised_by_result() -> None:
    with pytest.raises(ValueError, match="bad input"):
        in_background(_fail).result()


def test_an_error_that_cannot_be_pickled_comes_back_as_its_text() -> None:
    with pytest.raises(RuntimeError, match="UnpicklableError: cannot travel"):
        in_background(_fail_unpicklably).result()


def test_a_worker_that_dies_is_an_error_not_a_hang() -> None:
    with pytest.raises(RuntimeError, match="exit code 3"):
        in_background(_die).result()


def test_a_finished_job_is_done_and_its_result_can_be_collected_early() -> None:
    job = in_background(os.getpid)
    deadline = time.monotonic() + 60
    while not job.done() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert job.done()
    first = job.result()
    assert job.result() == first != os.getpid()


def test_what_a_build_makes_is_not_collected_while_made_then_frozen_until_thawed() -> None:
    assert gc.isenabled()
    try:
        with making_long_lived():
            assert not gc.isenabled()
            made = [[n] for n in range(1000)]
        assert gc.isenabled()
        assert gc.get_freeze_count() >= len(made)
    finally:
        thaw_long_lived()
    assert gc.get_freeze_count() == 0


def test_the_collector_comes_back_when_making_fails() -> None:
    try:
        with pytest.raises(ValueError, match="bad"), making_long_lived():
            raise ValueError("bad")
        assert gc.isenabled()
        assert gc.get_freeze_count() == 0
    finally:
        thaw_long_lived()
