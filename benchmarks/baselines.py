"""Baselines: what a user without ksr-library would build, with stock Material.

The library's own files, in their own folders, are copied as `docs/` (Markdown with
front matter, attachments and data files as they are); the configuration is what a user
would write: no nav (MkDocs lists every page), Material's built-in search, the same
Markdown extensions, and optionally Material's own `navigation.prune`.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml


def stock_config(*, prune: bool) -> dict[str, object]:
    """The `mkdocs.yml` of a stock Material site."""
    theme: dict[str, object] = {"name": "material"}
    if prune:
        theme["features"] = ["navigation.prune"]
    return {
        "site_name": "Biblioteka KSR (stock Material)",
        "docs_dir": "docs",
        "site_dir": "site",
        "theme": theme,
        "plugins": ["search"],
        "markdown_extensions": ["tables", "footnotes", "def_list", "admonition", "sane_lists", "toc"],
    }


def prepare(library_dir: Path, workdir: Path, *, prune: bool) -> Path:
    """Copy a library's own files as the `docs/` of a stock Material project; return its folder."""
    shutil.rmtree(workdir, ignore_errors=True)
    shutil.copytree(library_dir, workdir / "docs")
    (workdir / "mkdocs.yml").write_text(yaml.safe_dump(stock_config(prune=prune)), encoding="utf-8")
    return workdir


def build(workdir: Path) -> float:
    """Build a stock project with `mkdocs build`; return the wall-clock seconds."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q"],
        cwd=workdir,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start
