"""`make bench`: scale figures for 1,000 and 5,000 synthetic documents, against stock Material.

For each size: `check` time, full build time, time per document, peak memory of the
build (the whole process tree, sampled), median and largest page, search index size raw
and gzipped. On the 1,000 documents, stock Material builds what a user without
ksr-library would build (the library's own files, in their own folders, copied as
`docs/`), twice: theme defaults with its built-in search, and with `navigation.prune`;
ksr-library's build and the two stock builds alternate `ROUNDS` times and the medians
are printed, so that a busy moment of the machine does not decide a ratio. Memory is
sampled in a build of its own (sampling costs CPU). Last, the live
preview's delay from saving a document to serving the new page, on the demo library and
on 1,000 documents. The targets of issue 10 and the figures measured before the plugin
(the previous version) are printed beside. Figures only; nothing here can fail a test.
"""

from __future__ import annotations

import argparse
import dataclasses
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from benchmarks import baselines
from benchmarks.sandbox import ROOT, copy_project, site_leftovers
from benchmarks.search import index_size
from ksr_library.synth import synthesise

CLI = [sys.executable, "-m", "ksr_library.cli"]
SIZES = (1000, 5000)
ROUNDS = 3
"""On 1,000 documents, ksr-library's and both stock builds alternate this many times: medians."""


@dataclass
class Figures:
    """What one build measured."""

    documents: int
    check_seconds: float
    build_seconds: float
    peak_mb: float
    median_kb: float
    largest_kb: float
    largest_page: str
    index_kb: float
    index_gz_kb: float


def _pss_kb(pid: int) -> int:
    """Proportional set size of a process: shared pages are split among their sharers."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _tree_rss_kb(root_pid: int) -> int:
    """Memory of a process and all its descendants (PSS, so shared pages count once), from /proc."""
    parents: dict[int, int] = {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
        except OSError:
            continue
        parents[int(status.parent.name)] = int(fields.get("PPid", "0").strip())
    tree, frontier = {root_pid}, [root_pid]
    while frontier:
        current = frontier.pop()
        children = [pid for pid, parent in parents.items() if parent == current and pid not in tree]
        tree.update(children)
        frontier.extend(children)
    return sum(_pss_kb(pid) for pid in tree)


def timed(command: list[str], cwd: Path, *, sample_memory: bool = False) -> tuple[float, float]:
    """Run a command; return its wall-clock seconds and, if sampled, the peak memory of its process tree (MB).

    Sampling reads /proc every 50 ms, which takes CPU from the command: a sampled run's
    time is not a figure to print.
    """
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_kb(process.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    if sample_memory:
        sampler.start()
    _, errors = process.communicate()
    seconds = time.perf_counter() - start
    done.set()
    if sample_memory:
        sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{errors.decode(errors='replace')}")
    return seconds, peak / 1024


def ksr_build(project: Path, *, sample_memory: bool = False) -> tuple[float, float]:
    """`timed` for `ksr-library build --quiet`, then wait (untimed) until the earlier site is removed.

    The command leaves that removal to a process of its own; waiting for it keeps its disk
    and CPU work out of the next timed build, ours or stock Material's.
    """
    figures = timed([*CLI, "build", "--quiet"], project, sample_memory=sample_memory)
    site_leftovers(project, timeout=600)
    return figures


def page_sizes(site: Path, skip: tuple[str, ...] = ("r/",)) -> tuple[float, float, str]:
    """Median and largest HTML page (KB), leaving out redirect pages."""
    pages = [
        (p.stat().st_size, p.relative_to(site).as_posix())
        for p in site.rglob("*.html")
        if not p.relative_to(site).as_posix().startswith(skip)
        and b'http-equiv="refresh"' not in p.read_bytes()[:400]
    ]
    sizes = sorted(size for size, _ in pages)
    largest = max(pages)
    return statistics.median(sizes) / 1024, largest[0] / 1024, largest[1]


def measure(count: int, workdir: Path) -> tuple[Figures, Path]:
    """Synthesise, check and build one library; return its figures and the project folder."""
    library = workdir / f"library-{count}"
    synthesise(count, library)
    project = copy_project(workdir / f"ksr-{count}", library)
    check_seconds = min(timed([*CLI, "check"], project)[0] for _ in range(3))
    peak = ksr_build(project, sample_memory=True)[1]
    build_seconds = ksr_build(project)[0]
    median, largest, largest_page = page_sizes(project / "site")
    figures = Figures(
        count,
        check_seconds,
        build_seconds,
        peak,
        median,
        largest,
        largest_page,
        *index_size(project / "site"),
    )
    return figures, project


def stock_builds(project: Path, workdir: Path) -> tuple[float, dict[str, tuple[float, float, float]]]:
    """ksr-library's and stock Material's builds of one library, alternating `ROUNDS` times.

    Returns:
        ksr-library's median seconds, and for each stock build its name → (median seconds,
        median page KB, largest page KB).
    """
    stocks = {
        name: baselines.prepare(project / "library", workdir / f"stock-{prune}", prune=prune)
        for name, prune in (("stock Material (defaults)", False), ("stock Material + navigation.prune", True))
    }
    ours: list[float] = []
    theirs: dict[str, list[float]] = {name: [] for name in stocks}
    for _ in range(ROUNDS):
        ours.append(ksr_build(project)[0])
        for name, stock in stocks.items():
            theirs[name].append(baselines.build(stock))
    results = {}
    for name, stock in stocks.items():
        median, largest, _ = page_sizes(stock / "site")
        results[name] = (statistics.median(theirs[name]), median, largest)
        shutil.rmtree(stock)
    return statistics.median(ours), results


def serve_delay(workdir: Path, library: Path, doc_id: str) -> float:
    """Seconds from saving an edited document's body to `ksr-library serve` serving the new page."""
    project = copy_project(workdir / f"serve-{library.name}", library)
    port = 8765
    process = subprocess.Popen(
        [*CLI, "serve", "--port", str(port)],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/dokumenty/{doc_id.lower()}/"
    try:
        _wait_for(url, lambda text: doc_id in text, 600)
        time.sleep(1.0)
        source = next(p for p in (project / "library").rglob("*.md") if f"\nid: {doc_id}\n" in p.read_text(encoding="utf-8"))
        text = source.read_text(encoding="utf-8")
        marker = f"Zmieniony akapit {int(time.time())}"
        start = time.perf_counter()
        source.write_text(text.rstrip("\n") + f"\n\n{marker}.\n", encoding="utf-8")
        _wait_for(url, lambda page: marker in page, 600)
        return time.perf_counter() - start
    finally:
        process.terminate()
        process.wait(timeout=30)
        shutil.rmtree(project, ignore_errors=True)


def _wait_for(url: str, ready: object, limit: float) -> None:
    deadline = time.perf_counter() + limit
    while time.perf_counter() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if ready(response.read().decode("utf-8")):  # type: ignore[operator]
                    return
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"{url} did not become ready within {limit} s")


BEFORE = {
    "ratio to stock Material + navigation.prune": "1.5x slower (issue 10, previous version)",
    "median page, 1,000 documents": "35 KB, documents outside the navigation (previous version)",
    "serve, 1,000 documents": "6.9 s (issue 10, previous version)",
    "5,000 / 1,000 build time": "5.06x (previous version)",
}
"""Figures measured on the version before the plugin, as recorded in issue 10 and wydajnosc.md."""


def main(argv: list[str] | None = None) -> None:
    """Measure and print the tables (Markdown, ready for the maintainers' page).

    `--only serve` measures only the live preview's delay (demo library, 1,000 documents).
    """
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run")
    parser.add_argument("--only", choices=["serve"], help="measure only this part")
    if parser.parse_args(argv).only == "serve":
        _serve_only()
        return
    with tempfile.TemporaryDirectory(prefix="ksr-bench-") as tmp:
        workdir = Path(tmp)
        rows, stock = [], {}
        for count in SIZES:
            figures, project = measure(count, workdir)
            if count == SIZES[0]:
                seconds, stock = stock_builds(project, workdir)
                figures = dataclasses.replace(figures, build_seconds=seconds)
                large_delay = serve_delay(workdir, project / "library", "REK-00001")
            rows.append(figures)
            print(f"measured {count} documents: build {figures.build_seconds:.1f} s", file=sys.stderr, flush=True)
            shutil.rmtree(project)
        delay = serve_delay(workdir, ROOT / "library", "REK-07")
    _print_tables(rows, stock, delay, large_delay)


def _serve_only() -> None:
    """Only the live preview's delays, on the demo library and on 1,000 synthetic documents."""
    with tempfile.TemporaryDirectory(prefix="ksr-bench-") as tmp:
        library = Path(tmp) / f"library-{SIZES[0]}"
        synthesise(SIZES[0], library)
        large = serve_delay(Path(tmp), library, "REK-00001")
        delay = serve_delay(Path(tmp), ROOT / "library", "REK-07")
    _print_serve_rows(delay, large)


def _print_serve_rows(delay: float, large: float) -> None:
    print(f"| serve shows an edited document within 1 s (demo library) | {delay:.2f} s | |")
    print(f"| serve shows an edited document within 2 s (1,000 documents) | {large:.2f} s | {BEFORE['serve, 1,000 documents']} |")


def _print_tables(rows: list[Figures], stock: dict[str, tuple[float, float, float]], delay: float, large: float) -> None:
    print(
        "| documents | check | full build | per document | peak memory | median page | largest page | search index (raw / gzip) |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for f in rows:
        print(
            f"| {f.documents} | {f.check_seconds:.2f} s | {f.build_seconds:.1f} s | {1000 * f.build_seconds / f.documents:.1f} ms "
            f"| {f.peak_mb:.0f} MB | {f.median_kb:.0f} KB | {f.largest_kb:.0f} KB ({f.largest_page}) | {f.index_kb:.0f} KB / {f.index_gz_kb:.0f} KB |"
        )
    first = rows[0]
    print()
    print(f"| 1,000 documents (median of {ROUNDS} alternating builds) | full build | median page | largest page | ksr-library's time / this time |")
    print("| --- | ---: | ---: | ---: | ---: |")
    print(f"| ksr-library | {first.build_seconds:.1f} s | {first.median_kb:.0f} KB | {first.largest_kb:.0f} KB | |")
    for name, (seconds, median, largest) in stock.items():
        print(f"| {name} | {seconds:.1f} s | {median:.0f} KB | {largest:.0f} KB | {first.build_seconds / seconds:.2f}x |")
    defaults = stock["stock Material (defaults)"][0]
    pruned = stock["stock Material + navigation.prune"][0]
    scale = rows[1].build_seconds / rows[0].build_seconds
    print()
    print("| target (issue 10) | measured | before |")
    print("| --- | --- | --- |")
    print(f"| at most 1.0x stock Material + navigation.prune | {first.build_seconds / pruned:.2f}x | {BEFORE['ratio to stock Material + navigation.prune']} |")
    print(f"| at least 4x faster than stock Material defaults | {defaults / first.build_seconds:.2f}x faster | |")
    print(f"| median page <= 50 KB at 1,000 documents | {first.median_kb:.0f} KB | {BEFORE['median page, 1,000 documents']} |")
    print(f"| 5,000 documents within 5.5x the 1,000-document time | {scale:.2f}x | {BEFORE['5,000 / 1,000 build time']} |")
    _print_serve_rows(delay, large)


if __name__ == "__main__":
    main()
