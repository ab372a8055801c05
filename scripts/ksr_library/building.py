"""Building: library → checked → normalised → pages → MkDocs → site, swapped in at the end.

The site is built into a folder beside the target and swapped in only when everything
succeeded, so a failed check or build leaves the earlier site exactly as it was. Nothing
under the library folder is ever written.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ksr_library.catalogue import CATALOGUE_FILE, catalogue_json
from ksr_library.checking import check_library
from ksr_library.errors import BuildError
from ksr_library.feeds import FEED_FILE, atom_feed, gzipped, sitemap
from ksr_library.links import document_url
from ksr_library.normalising import NormalisedDocument, normalise_library
from ksr_library.pages import SLOT_MARKER, Page, SiteContent, build_content
from ksr_library.permalinks import check_redirects, redirect_pages, redirects
from ksr_library.project import Project, Settings, load_mkdocs_config
from ksr_library.search_index import INDEX_FILE, search_sources, write_search_bundle

if TYPE_CHECKING:
    pass

GENERATED_DIRS = ("dokumenty", "czytelnicy", "trenerzy", "rops", "katalog", "slownik", "szukaj")
"""Folders of `docs/` that the pipeline owns and rewrites on every build (git-ignored)."""


class Progress:
    """Stage lines on standard error with elapsed time; silent when quiet."""

    def __init__(self, *, quiet: bool) -> None:
        """Start the clock."""
        self.quiet = quiet
        self.start = time.perf_counter()

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
    timings: dict[str, float] = field(default_factory=dict)


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
def _mkdocs_log(progress: Progress) -> Iterator[list[str]]:
    """Collect MkDocs warnings (and show them unless quiet) while a build runs."""
    collected: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            message = record.getMessage()
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


def run_mkdocs(project: Project, site_dir: Path, progress: Progress) -> None:
    """Run MkDocs in strict mode into `site_dir`.

    Raises:
        BuildError: MkDocs reported warnings or errors; they are in the message.
    """
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    config = load_mkdocs_config(project.config_file, site_dir=str(site_dir), strict=True)
    with _mkdocs_log(progress) as warnings:
        try:
            build(config)
        except (MkDocsException, OSError) as err:
            details = "\n  ".join(warnings) or str(err)
            raise BuildError(f"MkDocs failed ({err}):\n  {details}") from None


def fill_slots(site_dir: Path, pages: list[Page]) -> None:
    """Put each page's generated HTML into the built page, where MkDocs left its markers.

    Raises:
        BuildError: A marker is missing from a built page (the page would lose content).
    """
    for page in pages:
        if not page.slots:
            continue
        built = site_dir / page.src.removesuffix("index.md") / "index.html"
        text = built.read_text(encoding="utf-8")
        for name, html in page.slots.items():
            marker = SLOT_MARKER.format(name)
            if marker not in text:
                raise BuildError(f"{page.src}: MkDocs did not keep the place of generated content '{name}'")
            text = text.replace(marker, html, 1)
        built.write_text(text, encoding="utf-8")


def write_outputs(site_dir: Path, settings: Settings, documents: list[NormalisedDocument]) -> None:
    """Files written after MkDocs: catalogue, permalinks, feed and sitemap."""
    (site_dir / CATALOGUE_FILE).write_text(catalogue_json(documents), encoding="utf-8")
    redirect_map = redirects(documents)
    problems = check_redirects(redirect_map, {document_url(d.id) for d in documents})
    if problems:
        raise BuildError("redirects are inconsistent:\n  " + "\n  ".join(problems))
    titles = {document_url(d.id): d.doc.title for d in documents}
    for path, text in redirect_pages(redirect_map, titles).items():
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    (site_dir / FEED_FILE).write_text(
        atom_feed(documents, settings.site_url, settings.site_name), encoding="utf-8"
    )
    dates = _page_dates(site_dir, documents, skip=set(redirect_map))
    text = sitemap(dates, settings.site_url)
    (site_dir / "sitemap.xml").write_text(text, encoding="utf-8")
    (site_dir / "sitemap.xml.gz").write_bytes(gzipped(text))


def _page_dates(site_dir: Path, documents: list[NormalisedDocument], skip: set[str]) -> dict[str, str]:
    """Every HTML page of the site but redirects, with its date: a document's own, else the newest."""
    newest = max((d.doc.date for d in documents), default=None)
    fallback = newest.isoformat() if newest else "1970-01-01"
    by_url = {document_url(d.id): d.doc.date.isoformat() for d in documents}
    dates: dict[str, str] = {}
    for page in site_dir.rglob("index.html"):
        url = page.parent.relative_to(site_dir).as_posix() + "/"
        url = "" if url == "./" else url
        if url in skip:
            continue
        dates[url] = by_url.get(url, fallback)
    return dates


def swap_in(new_site: Path, site_dir: Path) -> None:
    """Replace `site_dir` with `new_site` in two renames; the old site is removed after."""
    old = site_dir.with_name(f".{site_dir.name}.old-{os.getpid()}")
    if site_dir.exists():
        site_dir.rename(old)
    new_site.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)


def build_site(project: Project, *, include_drafts: bool = False, quiet: bool = False) -> BuildReport:
    """Check, normalise, render and build the whole site, then swap it in.

    Raises:
        LibraryInvalidError: The library has problems; nothing was written.
        BuildError: MkDocs failed; the earlier site is untouched.
    """
    progress = Progress(quiet=quiet)
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
    settings = project.settings
    progress.say(f"Checking {project.library_dir} ...")
    library = check_library(project.library_dir, include_drafts=include_drafts)
    documents = normalise_library(library)
    progress.say(f"{len(documents)} documents checked and normalised; writing pages ...")
    content = build_content(library, documents, settings.site_url)
    write_generated(content, settings.docs_dir)
    progress.say(f"{len(content.pages)} pages written to {settings.docs_dir}; running MkDocs ...")
    staging = settings.site_dir.with_name(f".{settings.site_dir.name}.building-{os.getpid()}")
    index_file = staging.with_name(staging.name + ".index.json")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as pool:
            index_job = pool.submit(write_search_bundle, index_file, search_sources(documents))
            run_mkdocs(project, staging, progress)
            fill_slots(staging, content.pages)
            progress.say("MkDocs done; writing library.json, permalinks, feed and sitemap ...")
            write_outputs(staging, settings, documents)
            index_job.result()
        (staging / INDEX_FILE).parent.mkdir(parents=True, exist_ok=True)
        index_file.replace(staging / INDEX_FILE)
        progress.say("Search index ready; swapping the new site in ...")
        swap_in(staging, settings.site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        index_file.unlink(missing_ok=True)
    seconds = time.perf_counter() - progress.start
    progress.say(f"Site ready in {settings.site_dir} ({seconds:.1f} s)")
    return BuildReport(settings.site_dir, len(documents), len(content.pages), seconds)
