"""Shared helpers: library trees from dicts, project copies, golden YAML cases."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from benchmarks.sandbox import ROOT, copy_project, write_tree
from hypothesis import HealthCheck, settings

__all__ = ["ROOT", "write_tree"]

# Property tests without their own budget run a fixed one; `make fuzz` runs the long one.
settings.register_profile("default", max_examples=150, deadline=None)
settings.register_profile(
    "fuzz", max_examples=20_000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
GOLDEN = Path(__file__).parent / "golden"

REK = """---
id: {id}
title: {title}
type: recommendation
audience: [rops, public]
version: "1.0"
date: 2019-09-15
summary: Krótkie streszczenie rekomendacji.
level: systemic
addressees: [gminy]
theme: finansowanie
---
{body}
"""


def run_cli(cwd: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run `ksr-library ARGS` in a folder, as a person would; capture what it prints."""
    return subprocess.run(
        [sys.executable, "-m", "ksr_library.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def in_fresh_interpreter(function: Callable[..., Any], *args: str, timeout: float = 600) -> Any:
    """Call a test module's function in a new Python process and return what it returns (as JSON).

    Workers are forked only from a process without other threads, and a test session
    may have some by then: a test of forking runs its part in a fresh interpreter.
    """
    code = (
        f"import json, sys; sys.path[:0] = [{str(Path(__file__).parent)!r}, {str(ROOT)!r}]\n"
        f"from {function.__module__} import {function.__name__} as call\n"
        f"print(json.dumps(call(*{list(args)!r})))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def transform(content: str, how: str | None) -> str | bytes:
    """Encode fixture text as a case asks: `crlf+bom`, `latin-1`, or as UTF-8 text."""
    if how == "crlf+bom":
        return b"\xef\xbb\xbf" + content.replace("\n", "\r\n").encode("utf-8")
    if how == "latin-1":
        return content.encode("latin-1")
    return content


def load_cases(folder: str) -> list[Any]:
    """Golden cases of a folder as pytest params named after their files."""
    return [
        pytest.param(yaml.safe_load(path.read_text(encoding="utf-8")), id=path.stem)
        for path in sorted((GOLDEN / folder).glob("*.yml"))
    ]


def library_from_case(tmp_path: Path, case: dict[str, Any]) -> Path:
    """Write a golden case's `files` (with optional `encodings`) into a library folder."""
    encodings = case.get("encodings", {})
    files = {name: transform(text, encodings.get(name)) for name, text in case["files"].items()}
    return write_tree(tmp_path / "library", files)


@pytest.fixture(params=["exchange", "two renames"])
def swap_way(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both ways a site is swapped in: one atomic exchange, and two renames where the system has none."""
    if request.param == "two renames":
        monkeypatch.setattr("ksr_library.site_folder._exchange", lambda first, second: False)
    return str(request.param)


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[[dict[str, str | bytes]], Path]:
    """A copy of this project (config, docs, theme) with the given library files."""

    def make(files: dict[str, str | bytes]) -> Path:
        return copy_project(tmp_path / f"project-{len(list(tmp_path.glob('project-*')))}", files)

    return make
