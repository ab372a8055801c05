"""Pages rendered ahead with the theme's template, on every core, are the pages MkDocs renders."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from benchmarks.sandbox import copy_project
from mkdocs.commands.build import build
from mkdocs.config import load_config

import ksr_library.plugin
from ksr_library.parallel import SMALL
from ksr_library.synth import synthesise


def _build(root: Path, site: str) -> dict[str, bytes]:
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / site))
    build(config)
    return {p.relative_to(root / site).as_posix(): p.read_bytes() for p in (root / site).rglob("*") if p.is_file()}


def test_prerendered_pages_are_byte_identical_to_mkdocs_own_page_loop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert threading.active_count() == 1, "the workers are forked only from a single-threaded process"
    synthesise(SMALL + 10, tmp_path / "library")
    root = copy_project(tmp_path / "project", tmp_path / "library")
    rendered_ahead: list[int] = []
    prerender = ksr_library.plugin.prerender

    def counting(*args: object, **kwargs: object) -> dict[str, str]:
        outputs = prerender(*args, **kwargs)  # type: ignore[arg-type]
        rendered_ahead.append(len(outputs))
        return outputs

    monkeypatch.setattr(ksr_library.plugin, "prerender", counting)
    ahead = _build(root, "ahead")
    monkeypatch.setattr(ksr_library.plugin, "prerender", lambda *args, **kwargs: {})
    one_by_one = _build(root, "one-by-one")
    assert rendered_ahead and rendered_ahead[0] > SMALL + 10
    assert ahead.keys() == one_by_one.keys()
    differing = [path for path in ahead if ahead[path] != one_by_one[path]]
    assert differing == []
    page = ahead["dokumenty/rek-00001/index.html"].decode()
    assert 'class="md-nav__link md-nav__link--active"' in page
    assert page.count("Content-Security-Policy") == 1
