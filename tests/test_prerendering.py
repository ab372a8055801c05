"""Pages rendered ahead on every core (the theme's template; the API page's conversion) are MkDocs' own.

Workers are forked only from a process with no other thread, and a test session may
have some: each build runs in a fresh interpreter.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from benchmarks.sandbox import copy_project

from conftest import in_fresh_interpreter
from ksr_library.parallel import SMALL
from ksr_library.synth import synthesise


def compare_builds(folder: str) -> dict[str, object]:
    """In a fresh interpreter: build with pages rendered ahead and without; what differs."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    import ksr_library.plugin

    assert threading.active_count() == 1
    root = Path(folder)
    prerender = ksr_library.plugin.prerender
    rendered_ahead: list[int] = []

    def counting(*args: object, **kwargs: object) -> dict[str, str]:
        outputs = prerender(*args, **kwargs)  # type: ignore[arg-type]
        rendered_ahead.append(len(outputs))
        return outputs

    def site(name: str) -> dict[str, bytes]:
        build(load_config(str(root / "mkdocs.yml"), site_dir=str(root / name)))
        return {p.relative_to(root / name).as_posix(): p.read_bytes() for p in (root / name).rglob("*") if p.is_file()}

    converted: list[str] = []
    put_in_place = ksr_library.plugin.put_in_place

    def counting_pages(page: Any, *args: Any) -> str:
        converted.append(page.file.src_uri)
        return put_in_place(page, *args)

    ksr_library.plugin.prerender = counting  # type: ignore[assignment]
    ksr_library.plugin.put_in_place = counting_pages  # type: ignore[assignment]
    ahead = site("ahead")
    ksr_library.plugin.prerender = lambda *args, **kwargs: {}  # type: ignore[assignment]
    ksr_library.plugin.needs_converting_ahead = lambda file: False  # type: ignore[assignment]
    one_by_one = site("one-by-one")
    page = ahead["dokumenty/rek-00001/index.html"].decode()
    return {
        "rendered_ahead": rendered_ahead,
        "converted_ahead": converted,
        "same_files": sorted(ahead) == sorted(one_by_one),
        "differing": [path for path in ahead if ahead[path] != one_by_one.get(path)],
        "active_link": 'class="md-nav__link md-nav__link--active"' in page,
        "policies": page.count("Content-Security-Policy"),
    }


def test_pages_rendered_and_converted_ahead_are_byte_identical_to_mkdocs_own_build(tmp_path: Path) -> None:
    synthesise(SMALL + 10, tmp_path / "library")
    root = copy_project(tmp_path / "project", tmp_path / "library")
    found = in_fresh_interpreter(compare_builds, str(root))
    assert found["rendered_ahead"] and found["rendered_ahead"][0] > SMALL + 10
    assert found["converted_ahead"] == ["dla-redakcji/api.md"]
    assert found["same_files"]
    assert found["differing"] == []
    assert found["active_link"]
    assert found["policies"] == 1
