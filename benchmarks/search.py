"""Search benchmark: relevance against stock Material and Pagefind, and speed up to 10,000 documents.

Run: `.venv/bin/python -m benchmarks.search` (`make bench` runs it); `--part relevance` or
`--part speed`, `--sizes 10000` and `--profiles phone` run less of it. Figures only;
nothing here can fail a test. Two parts in one run:

1. **Relevance** on the demo library: the held-out set (`tests/data/relevance.yml`) scored
   as hits@1, hits@3 and MRR per kind of query, for ksr-library's search, stock Material's
   built-in search and Pagefind, the last two on the same pages built by stock Material:
   the hand-written pages and the content of every page ksr-library generates (document
   pages with their title, summary, metadata and body), as Markdown files of raw HTML.
   Pagefind is npm's `pagefind` (`PAGEFIND_VERSION`), installed from the npm registry into
   `benchmarks/.pagefind/` on first use and run with `--force-language pl`.
2. **Speed**: synthetic libraries of 1,000, 5,000 and 10,000 documents built by ksr-library
   and served gzipped (as static hosts serve JSON). For each, in a fresh browser context (a
   cold cache): the time from navigation to the first results painted (the later of the
   end of the frame that paints the results in `#search-results` and the page's first
   contentful paint) and the bytes loaded (all, and the index's part: the shards, and the
   manifest, which the page carries), then the time each further keystroke takes to show
   results. Three profiles (`PROFILES`): unthrottled; a phone (Chromium with 4x CPU
   slowdown and Fast 3G: 1.6 Mbps down, 750 kbps up, 150 ms latency, through the DevTools
   protocol) opening a shared link to the search page with nothing cached; and the same
   phone arriving from the library's home page, as a reader using the header's search box
   does: the theme's styles and scripts are cached then, the index is not.
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import yaml

from benchmarks import baselines
from benchmarks.browser import chromium, serve_folder
from benchmarks.relevance import (
    Scores,
    by_kind,
    id_by_url_slug,
    ksr_rankings,
    load_queries,
    material_rankings,
    pagefind_rankings,
)
from benchmarks.sandbox import ROOT, copy_project
from ksr_library.building import build_site
from ksr_library.checking import check_library
from ksr_library.normalising import normalise_library
from ksr_library.pages import plan_site
from ksr_library.project import find_project
from ksr_library.search_index import INDEX_FILE, SEARCH_DIR
from ksr_library.synth import synthesise

if TYPE_CHECKING:
    from playwright.sync_api import Browser

PAGEFIND_VERSION = "1.6.0"
PAGEFIND_DIR = ROOT / "benchmarks" / ".pagefind"
SIZES = (1000, 5000, 10_000)
PHONE = {"latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8}
"""Chromium's Fast 3G preset, in bytes per second and milliseconds."""
CPU_SLOWDOWN = 4
PROFILES = {"desktop": (False, False), "phone": (True, False), "phone-from-home": (True, True)}
"""Each profile's name, whether it is throttled (`PHONE`, `CPU_SLOWDOWN`), and whether the
search page is opened from the library's home page (its theme files then cached)."""
FIRST_QUERIES = (
    "klub integracji",
    "wolontariat",
    "finansowanie gminy",
    "animacja",
    "diagnoza zasobow",
    "sport",
)
TYPED = "wsparcie uczestnikow"
"""Typed one character at a time after the first results, each keystroke timed."""
CLI = [sys.executable, "-m", "ksr_library.cli"]
ENGINES = ("ksr-library", "stock Material", "Pagefind")


# ---- Relevance ------------------------------------------------------------------------------


def pagefind() -> Path:
    """The pagefind binary, installed into `PAGEFIND_DIR` from the npm registry if missing."""
    binary = PAGEFIND_DIR / "node_modules" / ".bin" / "pagefind"
    if not binary.exists():
        PAGEFIND_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "npm",
                "install",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(PAGEFIND_DIR),
                f"pagefind@{PAGEFIND_VERSION}",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return binary


def stock_docs(project: Path, dest: Path) -> Path:
    """The `docs/` of a stock Material site with ksr-library's pages; returns `dest`.

    The hand-written pages as they are, and each generated page's content (the HTML
    ksr-library renders into the theme) as a Markdown file of raw HTML, with its title.
    """
    shutil.copytree(project / "docs", dest)
    plan = plan_site(normalise_library(check_library(project / "library")), None, None)
    for src, planned in plan.pages.items():
        page = planned.render()
        front = yaml.safe_dump({"title": page.title}, allow_unicode=True)
        (dest / src).parent.mkdir(parents=True, exist_ok=True)
        (dest / src).write_text(f"---\n{front}---\n\n{page.html}\n", encoding="utf-8")
    return dest


def relevance(workdir: Path) -> dict[str, dict[str, Scores]]:
    """Build the demo library three ways and score the relevance set on each: engine → kind → scores."""
    queries = load_queries()
    project = copy_project(workdir / "ksr", ROOT / "library")
    build_site(find_project(project), quiet=True)
    docs = stock_docs(project, workdir / "stock-docs")
    stock = baselines.prepare(docs, workdir / "stock", prune=True)
    baselines.build(stock)
    subprocess.run(
        [str(pagefind()), "--site", str(stock / "site"), "--force-language", "pl", "--silent"], check=True
    )
    slugs = id_by_url_slug(project / "site")
    with (
        chromium() as browser,
        serve_folder(project / "site") as ksr_url,
        serve_folder(stock / "site") as stock_url,
    ):
        page = browser.new_page()
        rankings = {
            "ksr-library": ksr_rankings(page, ksr_url, queries, slugs),
            "stock Material": material_rankings(page, stock_url, queries, slugs),
            "Pagefind": pagefind_rankings(page, stock_url, queries, slugs),
        }
    return {engine: by_kind(queries, ranked) for engine, ranked in rankings.items()}


def print_relevance(scores: dict[str, dict[str, Scores]]) -> None:
    """The per-kind table, then each engine's misses."""
    count = len(load_queries())
    print(f"Relevance: {count} held-out queries on the demo library (tests/data/relevance.yml)")
    print("| kind | " + " | ".join(f"{e} h@1 / h@3 / MRR" for e in ENGINES) + " |")
    print("| --- |" + " ---: |" * len(ENGINES))
    for kind in scores["ksr-library"]:
        cells = [
            f"{s.hits_at_1:.2f} / {s.hits_at_3:.2f} / {s.mrr:.2f}" for s in (scores[e][kind] for e in ENGINES)
        ]
        print(f"| {kind} | " + " | ".join(cells) + " |")
    for engine in ENGINES:
        for text, got in scores[engine]["all"].misses:
            print(f"  miss [{engine}] {text!r}: top 3 {got}")


# ---- Speed ----------------------------------------------------------------------------------


@dataclass
class Speed:
    """What one size measured in one profile."""

    first_seconds: list[float]
    """Navigation to the first results painted, one per query of `FIRST_QUERIES`."""
    total_kb: list[float]
    """Everything the page loaded for its first query (transferred, gzipped)."""
    index_kb: list[float]
    """The index's part of it (the manifest and shards)."""
    keystroke_ms: list[float]
    """Each further keystroke, to its results shown."""


_KEYSTROKE = """async ch => {
    const input = document.querySelector('#ksr-q');
    const start = performance.now();
    input.value += ch;
    input.dispatchEvent(new Event('input'));
    while (!(window.__ksrResultsShown > start)) {
        if (performance.now() - start > 30000) return -1;
        await new Promise(resolve => setTimeout(resolve, 2));
    }
    return window.__ksrResultsShown - start;
}"""


def build_synthetic(count: int, workdir: Path) -> Path:
    """Synthesise a library of `count` documents and build it with the CLI; return the site."""
    library = workdir / f"library-{count}"
    synthesise(count, library)
    project = copy_project(workdir / f"ksr-{count}", library)
    subprocess.run([*CLI, "build", "--quiet"], cwd=project, check=True)
    shutil.rmtree(library)
    return project / "site"


def index_size(site: Path) -> tuple[float, float]:
    """The whole index on disk, raw and gzipped file by file, in KB."""
    files = [p for p in (site / SEARCH_DIR).rglob("*.json") if p.is_file()]
    raw = sum(p.stat().st_size for p in files)
    packed = sum(len(gzip.compress(p.read_bytes(), compresslevel=6)) for p in files)
    return raw / 1024, packed / 1024


_PAINTED = """(() => {
    let first;
    Object.defineProperty(window, '__ksrFirstResults', {
        configurable: true,
        get: () => first,
        set: value => {
            if (first !== undefined) return;
            first = value;
            requestAnimationFrame(() => setTimeout(() => { window.__ksrFirstPainted = performance.now(); }));
        },
    });
})();"""
"""Times the end of the frame that paints the first results (`search.js` sets `__ksrFirstResults`
when it puts them in the page): the next animation frame, then a task after it."""

_FIRST_SHOWN = """() => {
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    return Math.max(window.__ksrFirstPainted, paint ? paint.startTime : Infinity);
}"""


def measure_speed(browser: Browser, url: str, manifest_kb: float, profile: str) -> Speed:
    """First results and keystrokes for each query of `FIRST_QUERIES`, each in a cold context.

    `profile` is one of `PROFILES`. `manifest_kb` (the manifest, gzipped) counts as index
    loaded when the page carries it.
    """
    throttled, from_home = PROFILES[profile]
    speed = Speed([], [], [], [])
    for query in FIRST_QUERIES:
        context = browser.new_context()
        context.add_init_script(_PAINTED)
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        if throttled:
            cdp.send("Network.emulateNetworkConditions", {"offline": False, **PHONE})
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        if from_home:
            page.goto(url, wait_until="load", timeout=120_000)
        urls: dict[str, str] = {}
        sizes: dict[str, float] = {}

        def seen(event: dict[str, Any], urls: dict[str, str] = urls) -> None:
            urls[event["requestId"]] = event["response"]["url"]

        def done(event: dict[str, Any], sizes: dict[str, float] = sizes) -> None:
            sizes[event["requestId"]] = event["encodedDataLength"]

        cdp.on("Network.responseReceived", seen)
        cdp.on("Network.loadingFinished", done)
        page.goto(f"{url}{SEARCH_DIR}/?q={quote(query)}")
        page.wait_for_selector('#search-results[aria-busy="false"]', timeout=120_000)
        page.wait_for_function(
            "() => performance.getEntriesByName('first-contentful-paint').length > 0 && window.__ksrFirstPainted > 0"
        )
        speed.first_seconds.append(page.evaluate(_FIRST_SHOWN) / 1000)
        speed.total_kb.append(sum(sizes.values()) / 1024)
        index = [
            n
            for r, n in sizes.items()
            if f"/{SEARCH_DIR}/i/" in urls.get(r, "") or urls.get(r, "").endswith("index.json")
        ]
        carried = not any(u.endswith("index.json") for u in urls.values())
        speed.index_kb.append(sum(index) / 1024 + (manifest_kb if carried else 0))
        page.evaluate("() => { document.querySelector('#ksr-q').value = ''; }")
        speed.keystroke_ms += [page.evaluate(_KEYSTROKE, ch) for ch in TYPED]
        context.close()
    return speed


def print_speed(rows: list[tuple[int, tuple[float, float], dict[str, Speed]]]) -> None:
    """The table of first results, bytes and keystrokes per size and profile."""
    print()
    print(
        "Speed: first results painted after navigation (median / worst of "
        f"{len(FIRST_QUERIES)} queries, index not cached), loaded on the way, and each further keystroke "
        f"(typing {TYPED!r}); phone = 4x CPU slowdown + Fast 3G (1.6 Mbps, 150 ms), nothing cached, "
        "or arriving from the home page (theme files cached)"
    )
    print(
        "| documents | index on disk (raw / gzip) | profile | first results | loaded: all / index "
        "| keystroke median / worst | keystrokes over 100 ms |"
    )
    print("| ---: | ---: | --- | ---: | ---: | ---: | ---: |")
    for count, (raw, packed), profiles in rows:
        for name, s in profiles.items():
            print(
                f"| {count} | {raw / 1024:.1f} MB / {packed / 1024:.1f} MB | {name} "
                f"| {statistics.median(s.first_seconds):.2f} s / {max(s.first_seconds):.2f} s "
                f"| {statistics.median(s.total_kb):.0f} KB / {statistics.median(s.index_kb):.0f} KB "
                f"| {statistics.median(s.keystroke_ms):.0f} ms / {max(s.keystroke_ms):.0f} ms "
                f"| {sum(ms > 100 for ms in s.keystroke_ms)} of {len(s.keystroke_ms)} |"
            )


def main(argv: list[str] | None = None) -> None:
    """Relevance on the demo library, then speed at each size; print both tables."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.search", description=__doc__.split("\n")[0])
    parser.add_argument("--part", choices=("relevance", "speed", "both"), default="both")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), help="library sizes to time")
    parser.add_argument("--profiles", nargs="+", choices=tuple(PROFILES), default=list(PROFILES))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ksr-search-bench-") as tmp:
        workdir = Path(tmp)
        if args.part != "speed":
            print_relevance(relevance(workdir))
        if args.part == "relevance":
            return
        rows = []
        for count in args.sizes:
            site = build_synthetic(count, workdir)
            print(f"built {count} documents", file=sys.stderr, flush=True)
            manifest_kb = len(gzip.compress((site / INDEX_FILE).read_bytes(), compresslevel=6)) / 1024
            with chromium() as browser, serve_folder(site, compress=True) as url:
                profiles = {name: measure_speed(browser, url, manifest_kb, name) for name in args.profiles}
            rows.append((count, index_size(site), profiles))
            shutil.rmtree(site.parent)
        print_speed(rows)


if __name__ == "__main__":
    main()
