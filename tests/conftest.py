"""Shared helpers: library trees from dicts, project copies, golden YAML cases."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from benchmarks.sandbox import ROOT, copy_project

__all__ = ["ROOT"]
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


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write a tree of files (text or bytes) under root."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


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


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[[dict[str, str | bytes]], Path]:
    """A copy of this project (config, docs, theme) with the given library files."""

    def make(files: dict[str, str | bytes]) -> Path:
        return copy_project(tmp_path / f"project-{len(list(tmp_path.glob('project-*')))}", files)

    return make
