"""Search benchmark: ksr-library's search against stock Material's on the same pages.

Run: `.venv/bin/python -m benchmarks.search`. Builds the demo library with ksr-library,
builds the same generated pages with stock Material (built-in search), scores the
relevance set (tests/data/relevance.yml) on both in headless Chromium, prints both.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from benchmarks import baselines
from benchmarks.browser import chromium, serve_folder
from benchmarks.relevance import Scores, id_by_url_slug, ksr_rankings, load_queries, material_rankings, score
from benchmarks.sandbox import ROOT, copy_project
from ksr_library.building import build_site
from ksr_library.project import find_project


def report(name: str, scores: Scores) -> str:
    """One line of the table."""
    return f"{name:<28} hits@3 {scores.hits_at_3:6.3f}   MRR {scores.mrr:6.3f}   misses {len(scores.misses)}"


def main() -> None:
    """Build both sites, score both, print the figures."""
    queries = load_queries()
    with tempfile.TemporaryDirectory(prefix="ksr-search-bench-") as tmp:
        project = copy_project(Path(tmp) / "ksr", ROOT / "library")
        build_site(find_project(project), quiet=True)
        stock = baselines.prepare(project / "docs", Path(tmp) / "stock", prune=True)
        baselines.build(stock)
        slugs = id_by_url_slug(project / "site")
        with (
            chromium() as browser,
            serve_folder(project / "site") as ksr_url,
            serve_folder(stock / "site") as stock_url,
        ):
            page = browser.new_page()
            ours = score(queries, ksr_rankings(page, ksr_url, queries, slugs))
            theirs = score(queries, material_rankings(page, stock_url, queries, slugs))
    print(f"Relevance set: {len(queries)} queries (tests/data/relevance.yml), top 3 counted")
    print(report("ksr-library (Polish lunr)", ours))
    print(report("stock Material search", theirs))
    for name, scores in (("ksr-library", ours), ("stock Material", theirs)):
        for text, got in scores.misses:
            print(f"  miss [{name}] {text!r}: top 3 {got}")


if __name__ == "__main__":
    main()
