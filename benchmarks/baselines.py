"""Baselines: the same generated pages built by stock Material (theme defaults, built-in search).

The Markdown ksr-library wrote into `docs/` is copied as it is; the configuration is what
a user would write without ksr-library: no nav (MkDocs lists every page), Material's
built-in search, optionally Material's own `navigation.prune`.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

SKIPPED = ("dla-redakcji/api.md",)
"""Pages that need ksr-library's own plugins (mkdocstrings) and are left out of baselines."""


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


def prepare(docs_dir: Path, workdir: Path, *, prune: bool) -> Path:
    """Copy the generated pages into a stock Material project; return its folder."""
    shutil.rmtree(workdir, ignore_errors=True)
    shutil.copytree(docs_dir, workdir / "docs")
    for skipped in SKIPPED:
        (workdir / "docs" / skipped).unlink(missing_ok=True)
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
