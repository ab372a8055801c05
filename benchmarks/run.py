"""`make bench`: scale figures for 1,000 and 5,000 synthetic documents, against stock Material.

For each size: `check` time, full build time, time per document, peak memory of the
build (the whole process tree, sampled), median and largest page, search index size raw
and gzipped. On the 1,000 documents, the same pages (generated Markdown with every slot
inlined, so the content is identical) are built by stock Material twice: theme defaults
with its built-in search, and with `navigation.prune`. Last, the live preview's delay
from saving a document to serving the new page. Figures only; nothing here can fail a test.
"""

from __future__ import annotations

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
from benchmarks.sandbox import ROOT, copy_project
from benchmarks.search import index_size
from ksr_library.checking import check_library
from ksr_library.normalising import normalise_library
from ksr_library.pages import build_content
from ksr_library.synth import synthesise

CLI = [sys.executable, "-m", "ksr_library.cli"]
SIZES = (1000, 5000)


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


def timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """Run a command; return its wall-clock seconds and the peak memory of its process tree (MB)."""
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
    sampler.start()
    _, errors = process.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{errors.decode(errors='replace')}")
    return seconds, peak / 1024


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
    build_seconds, peak = timed([*CLI, "build", "--quiet"], project)
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


def stock_builds(project: Path, workdir: Path) -> dict[str, tuple[float, float, float]]:
    """Stock Material builds of the same pages: name → (seconds, median KB, largest KB)."""
    library = check_library(project / "library")
    content = build_content(library, normalise_library(library), None)
    results = {}
    for name, prune in (("stock Material (defaults)", False), ("stock Material + navigation.prune", True)):
        stock = baselines.prepare(project / "docs", workdir / f"stock-{prune}", prune=prune)
        for page in content.pages:
            (stock / "docs" / page.src).write_text(page.text(inline_slots=True), encoding="utf-8")
        seconds = baselines.build(stock)
        median, largest, _ = page_sizes(stock / "site")
        results[name] = (seconds, median, largest)
        shutil.rmtree(stock)
    return results


def serve_delay(workdir: Path) -> float:
    """Seconds from saving an edited demo document to `ksr-library serve` serving it."""
    project = copy_project(workdir / "serve", ROOT / "library")
    port = 8765
    process = subprocess.Popen(
        [*CLI, "serve", "--port", str(port)],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/dokumenty/rek-07/"
    try:
        _wait_for(url, lambda text: "REK-07" in text, 120)
        time.sleep(1.0)
        source = next((project / "library").rglob("REK-07.md"))
        text = source.read_text(encoding="utf-8")
        marker = f"Zmieniony tytuł {int(time.time())}"
        start = time.perf_counter()
        source.write_text(text.replace("\ntitle: ", f"\ntitle: {marker} ", 1), encoding="utf-8")
        _wait_for(url, lambda page: marker in page, 60)
        return time.perf_counter() - start
    finally:
        process.terminate()
        process.wait(timeout=30)


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


def main() -> None:
    """Measure and print the table (Markdown, ready for the maintainers' page)."""
    with tempfile.TemporaryDirectory(prefix="ksr-bench-") as tmp:
        workdir = Path(tmp)
        rows, stock = [], {}
        for count in SIZES:
            figures, project = measure(count, workdir)
            rows.append(figures)
            print(
                f"measured {count} documents: build {figures.build_seconds:.1f} s",
                file=sys.stderr,
                flush=True,
            )
            if count == SIZES[0]:
                stock = stock_builds(project, workdir)
            shutil.rmtree(project)
        delay = serve_delay(workdir)
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
    print(
        "| 1,000 documents, same pages | full build | median page | largest page | ksr-library is faster by |"
    )
    print("| --- | ---: | ---: | ---: | ---: |")
    print(
        f"| ksr-library | {first.build_seconds:.1f} s | {first.median_kb:.0f} KB | {first.largest_kb:.0f} KB | |"
    )
    for name, (seconds, median, largest) in stock.items():
        print(
            f"| {name} | {seconds:.1f} s | {median:.0f} KB | {largest:.0f} KB | {seconds / first.build_seconds:.2f}x |"
        )
    print()
    print(f"5,000 / 1,000 documents build time: {rows[1].build_seconds / rows[0].build_seconds:.2f}x")
    print(f"ksr-library serve: an edited document is served {delay:.2f} s after it is saved (demo library)")


if __name__ == "__main__":
    main()
