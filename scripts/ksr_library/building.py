"""Building: library → checked → normalised → pages → MkDocs → site, swapped in at the end.

The site is built into a folder beside the target and swapped in only when everything
succeeded, so a failed check or build leaves the earlier site exactly as it was. Nothing
under the library folder is ever written.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import shutil
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ksr_library.catalogue import CATALOGUE_FILE, catalogue_json
from ksr_library.checking import check_library
from ksr_library.errors import BuildError
from ksr_library.feeds import FEED_FILE, atom_feed, gzipped, sitemap
from ksr_library.links import document_url
from ksr_library.normalising import NormalisedDocument, normalise_library
from ksr_library.pages import SLOT_MARKER, SiteContent, build_content
from ksr_library.permalinks import check_redirects, redirect_pages, redirects
from ksr_library.project import Project, Settings, load_mkdocs_config
from ksr_library.search_index import (
    SearchSource,
    install_search_bundle,
    plain_text,
    search_sources,
    write_search_bundle,
)

if TYPE_CHECKING:
    from ksr_library.schema import GlossaryEntry

GENERATED_DIRS = ("dokumenty", "czytelnicy", "trenerzy", "rops", "katalog", "slownik", "szukaj")
"""Folders of `docs/` that the pipeline owns and rewrites on every build (git-ignored)."""


class Progress:
    """Stage lines on standard error with elapsed time; silent when quiet."""

    def __init__(self, *, quiet: bool, start: float | None = None) -> None:
        """Start the clock (or go on with one started in another process)."""
        self.quiet = quiet
        self.start = time.perf_counter() if start is None else start

    def say(self, message: str) -> None:
        """Report one stage."""
        if not self.quiet:
            print(f"[{time.perf_counter() - self.start:6.2f}s] {message}", file=sys.stderr, flush=True)


@dataclass
class BuildReport:
    """What a build produced."""

    site_dir: Path
    documents: int
    pages: int
    seconds: float


def write_generated(content: SiteContent, docs_dir: Path) -> None:
    """Replace the generated part of `docs/` with the new pages and files.

    Files whose content did not change are not rewritten; files no longer produced are removed.
    """
    wanted: dict[Path, bytes | Path] = {}
    for page in content.pages:
        wanted[docs_dir / page.src] = page.text().encode("utf-8")
    for asset in content.assets:
        wanted[docs_dir / asset.src] = asset.source if asset.source else asset.data
    for name in GENERATED_DIRS:
        folder = docs_dir / name
        if folder.exists():
            for old in sorted(folder.rglob("*"), reverse=True):
                if old.is_file() and old not in wanted:
                    old.unlink()
                elif old.is_dir() and not any(old.iterdir()):
                    old.rmdir()
    for path, data in wanted.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        new = data.read_bytes() if isinstance(data, Path) else data
        if not path.is_file() or path.read_bytes() != new:
            path.write_bytes(new)


@contextmanager
def _mkdocs_log(progress: Progress, expected: str | None = None) -> Iterator[list[str]]:
    """Collect MkDocs warnings (and show them unless quiet) while a build runs.

    A warning starting with `expected` is left out: it is the one a dirty build always gives.
    """
    collected: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            message = record.getMessage()
            if expected and message.startswith(expected):
                return
            collected.append(message)
            progress.say(f"MkDocs {record.levelname.lower()}: {message}")

    handler = Collect(level=logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    previous = logger.level
    logger.setLevel(logging.INFO)
    try:
        yield collected
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)


DIRTY_WARNING = "A 'dirty' build is being performed"
"""The start of the warning MkDocs gives on every dirty build."""


def run_mkdocs(project: Project, site_dir: Path, progress: Progress, *, dirty: bool = False) -> None:
    """Run MkDocs in strict mode into `site_dir`.

    With `dirty`, MkDocs renders only the pages whose source is newer than their built
    page (a live preview's rebuild, not strict: MkDocs warns about every dirty build);
    otherwise it builds everything into a clean folder.

    Raises:
        BuildError: MkDocs reported warnings or errors; they are in the message.
    """
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    config = load_mkdocs_config(project.config_file, site_dir=str(site_dir), strict=not dirty)
    with _mkdocs_log(progress, expected=DIRTY_WARNING if dirty else None) as warnings:
        try:
            build(config, dirty=dirty)
        except (MkDocsException, OSError) as err:
            details = "\n  ".join(warnings) or str(err)
            raise BuildError(f"MkDocs failed ({err}):\n  {details}") from None


@dataclass
class Outputs:
    """What the site needs from the library besides what MkDocs builds, kept compact.

    Prepared before MkDocs runs, so the library, the documents and the rendered pages can
    be let go while MkDocs holds every page in memory.
    """

    files: dict[str, str]
    """Site path → text: `library.json`, the feed, the redirect pages."""
    slots: dict[str, Mapping[str, str]]
    """Page source → its slots' HTML, to put into the built pages."""
    dates: dict[str, str]
    """Document page URL → the document's date, for the sitemap."""
    newest: str
    """The newest document's date: the sitemap date of every other page."""
    redirect_sources: frozenset[str]
    search: list[SearchSource]


def prepare_outputs(
    settings: Settings,
    documents: list[NormalisedDocument],
    content: SiteContent,
    glossary: Sequence[GlossaryEntry] = (),
) -> Outputs:
    """Everything written after MkDocs, computed now (catalogue, redirects, feed, slots, search).

    Raises:
        BuildError: The redirects are inconsistent.
    """
    redirect_map = redirects(documents)
    problems = check_redirects(redirect_map, {document_url(d.id) for d in documents})
    if problems:
        raise BuildError("redirects are inconsistent:\n  " + "\n  ".join(problems))
    titles = {document_url(d.id): d.doc.title for d in documents}
    files = {
        CATALOGUE_FILE: catalogue_json(documents),
        FEED_FILE: atom_feed(documents, settings.site_url, settings.site_name),
        **redirect_pages(redirect_map, titles),
    }
    return Outputs(
        files=files,
        slots={page.src: page.slots for page in content.pages if page.slots},
        dates={document_url(d.id): d.doc.date.isoformat() for d in documents},
        newest=max((d.doc.date.isoformat() for d in documents), default="1970-01-01"),
        redirect_sources=frozenset(redirect_map),
        search=search_sources(documents, {d.id: plain_text(d.body) for d in documents}, glossary),
    )


def fill_slots(site_dir: Path, slots: dict[str, Mapping[str, str]], *, dirty: bool = False) -> None:
    """Put each page's generated HTML into the built page, where MkDocs left its markers.

    After a dirty rebuild, pages MkDocs did not render again are already complete (their
    source, which carries a digest of their slots, did not change) and are left alone.

    Raises:
        BuildError: A marker is missing from a page MkDocs built (it would lose content).
    """
    for src, page_slots in slots.items():
        built = site_dir / src.removesuffix("index.md") / "index.html"
        text = built.read_text(encoding="utf-8")
        if dirty and SLOT_MARKER.format(next(iter(page_slots))) not in text:
            continue
        for name, html in page_slots.items():
            marker = SLOT_MARKER.format(name)
            if marker not in text:
                raise BuildError(f"{src}: MkDocs did not keep the place of generated content '{name}'")
            text = text.replace(marker, html, 1)
        built.write_text(text, encoding="utf-8")


def finish_site(site_dir: Path, settings: Settings, outputs: Outputs, *, dirty: bool = False) -> None:
    """After MkDocs: slots, catalogue, feed, redirect pages and the sitemap."""
    fill_slots(site_dir, outputs.slots, dirty=dirty)
    outputs.slots.clear()
    for path, text in outputs.files.items():
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    text = sitemap(_page_dates(site_dir, outputs), settings.site_url)
    (site_dir / "sitemap.xml").write_text(text, encoding="utf-8")
    (site_dir / "sitemap.xml.gz").write_bytes(gzipped(text))


def _page_dates(site_dir: Path, outputs: Outputs) -> dict[str, str]:
    """Every HTML page of the site but redirects, with its date: a document's own, else the newest."""
    dates: dict[str, str] = {}
    for page in site_dir.rglob("index.html"):
        url = page.parent.relative_to(site_dir).as_posix() + "/"
        url = "" if url == "./" else url
        if url not in outputs.redirect_sources:
            dates[url] = outputs.dates.get(url, outputs.newest)
    return dates


def rebuild_preview(project: Project, *, include_drafts: bool, full: bool) -> None:
    """Build a live preview in place: everything when `full`, else only what changed.

    No staging folder and no swap: the preview folder is the server's own.

    Raises:
        LibraryInvalidError: The library has problems; the preview keeps its last build.
        BuildError: MkDocs failed.
    """
    site_dir = project.settings.site_dir
    stage = _Stage(
        project, include_drafts, quiet=False, start=time.perf_counter(), staging=site_dir, dirty=not full
    )
    try:
        _run_stages(stage, isolated=False)
        install_search_bundle(stage.file("index"), site_dir)
    finally:
        for name in ("search", "outputs"):
            stage.file(name).unlink(missing_ok=True)
        shutil.rmtree(stage.file("index"), ignore_errors=True)
    stage.progress().say("Preview updated")


def swap_in(new_site: Path, site_dir: Path) -> None:
    """Replace `site_dir` with `new_site` in two renames; the old site is removed after."""
    old = site_dir.with_name(f".{site_dir.name}.old-{os.getpid()}")
    if site_dir.exists():
        site_dir.rename(old)
    new_site.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)


@dataclass(frozen=True)
class _Stage:
    """What the build stages need to know; picklable, for worker processes."""

    project: Project
    include_drafts: bool
    quiet: bool
    start: float
    staging: Path
    dirty: bool = False
    """Rebuild in place, rendering only changed pages (a live preview's rebuilds)."""

    def file(self, name: str) -> Path:
        """A file beside the staging folder through which one stage hands data to another."""
        return self.staging.with_name(f"{self.staging.name}.{name}")

    def progress(self) -> Progress:
        """Stage lines, on the clock the build started."""
        return Progress(quiet=self.quiet, start=self.start)


def _prepare_stage(stage: _Stage) -> tuple[int, int]:
    """Check, normalise and write the pages; leave the outputs and search sources in files.

    Returns:
        The numbers of documents and of generated pages.
    """
    progress = stage.progress()
    settings = stage.project.settings
    progress.say(f"Checking {stage.project.library_dir} ...")
    library = check_library(stage.project.library_dir, include_drafts=stage.include_drafts)
    documents = normalise_library(library)
    progress.say(f"{len(documents)} documents checked and normalised; writing pages ...")
    content = build_content(library, documents, settings.site_url)
    write_generated(content, settings.docs_dir)
    outputs = prepare_outputs(settings, documents, content, library.glossary)
    stage.file("search").write_bytes(pickle.dumps(outputs.search, protocol=pickle.HIGHEST_PROTOCOL))
    outputs.search = []
    stage.file("outputs").write_bytes(pickle.dumps(outputs, protocol=pickle.HIGHEST_PROTOCOL))
    progress.say(f"{len(content.pages)} pages written to {settings.docs_dir}; running MkDocs ...")
    return len(documents), len(content.pages)


def _mkdocs_stage(stage: _Stage) -> None:
    """Run MkDocs, then add the generated content, catalogue, feed, redirects and sitemap."""
    progress = stage.progress()
    run_mkdocs(stage.project, stage.staging, progress, dirty=stage.dirty)
    outputs = pickle.loads(stage.file("outputs").read_bytes())
    finish_site(stage.staging, stage.project.settings, outputs, dirty=stage.dirty)
    progress.say("MkDocs done; generated content, library.json, permalinks, feed and sitemap written")


def _index_stage(stage: _Stage) -> None:
    """Build the search index from the sources the first stage left."""
    sources = pickle.loads(stage.file("search").read_bytes())
    progress = stage.progress()
    progress.say(f"Building the search index of {len(sources)} documents ...")
    index = stage.file("index")
    write_search_bundle(index, sources)
    progress.say("Search index built")


def _run_stages(stage: _Stage, *, isolated: bool) -> tuple[int, int]:
    if not isolated:
        counts = _prepare_stage(stage)
        _mkdocs_stage(stage)
        _index_stage(stage)
        return counts
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as pool:
        counts = pool.submit(_prepare_stage, stage).result()
    with ProcessPoolExecutor(max_workers=2, mp_context=spawn) as pool:
        jobs = [pool.submit(_index_stage, stage), pool.submit(_mkdocs_stage, stage)]
        for job in jobs:
            job.result()
    return counts


def build_site(
    project: Project, *, include_drafts: bool = False, quiet: bool = False, isolated: bool = False
) -> BuildReport:
    """Check, normalise, render and build the whole site, then swap it in.

    Args:
        project: The project to build.
        include_drafts: Put drafts into the site.
        quiet: Print nothing but errors.
        isolated: Run the stages in worker processes, whose memory goes back to the
            system when they end: the pages first, then MkDocs beside the search index
            (two cores). The CLI does this; a live preview does not (starting processes
            costs time).

    Raises:
        LibraryInvalidError: The library has problems; nothing was written.
        BuildError: MkDocs failed; the earlier site is untouched.
    """
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
    progress = Progress(quiet=quiet)
    settings = project.settings
    staging = settings.site_dir.with_name(f".{settings.site_dir.name}.building-{os.getpid()}")
    stage = _Stage(project, include_drafts, quiet, progress.start, staging)
    shutil.rmtree(staging, ignore_errors=True)
    try:
        documents, pages = _run_stages(stage, isolated=isolated)
        install_search_bundle(stage.file("index"), staging)
        swap_in(staging, settings.site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        for name in ("search", "outputs"):
            stage.file(name).unlink(missing_ok=True)
        shutil.rmtree(stage.file("index"), ignore_errors=True)
    seconds = time.perf_counter() - progress.start
    progress.say(f"Site ready in {settings.site_dir} ({seconds:.1f} s)")
    return BuildReport(settings.site_dir, documents, pages, seconds)
