"""Sandboxes: copies of this project with another library, for benchmarks and tests."""

from __future__ import annotations

import shutil
import time
from collections.abc import Mapping
from pathlib import Path

from ksr_library.building import build_site
from ksr_library.project import find_project

ROOT = Path(__file__).resolve().parent.parent
"""This project's folder."""
PROJECT_FILES = ("mkdocs.yml", "docs", "overrides", "scripts")
"""What a copy takes: configuration, hand-written pages, the theme, the code."""
SKIPPED = ("__pycache__", "*.egg-info")
"""Left out of a copy: caches."""


def copy_project(dest: Path, library: Path | Mapping[str, str | bytes]) -> Path:
    """A copy of this project (config, hand-written docs, theme, code) with a library.

    `library` is a folder to copy, or a mapping of file names to contents.
    """
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns(*SKIPPED))
        else:
            dest.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    if isinstance(library, Path):
        shutil.copytree(library, dest / "library")
    else:
        write_tree(dest / "library", library)
    return dest


def write_tree(root: Path, files: Mapping[str, str | bytes]) -> Path:
    """Write a tree of files (text as UTF-8, or bytes) under root."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def build_copy(dest: Path, library: Path | Mapping[str, str | bytes]) -> Path:
    """Build a library in a fresh copy of the project; returns the built site's folder."""
    return build_site(find_project(copy_project(dest, library)), quiet=True).site_dir


def site_leftovers(project: Path, *, timeout: float = 30) -> list[str]:
    """What builds left beside a project's site (`.site.*`), once the earlier site's removal ended.

    A build removes the site it replaced in a detached process: this waits (at most
    `timeout` seconds) for it before listing.
    """
    deadline = time.monotonic() + timeout
    while any(project.glob(".site.*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".site"))
