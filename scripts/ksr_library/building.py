"""Building: `ksr-library build`, which is `mkdocs build` with the plugin, built aside and swapped in.

The library is checked first (every problem at once, nothing built); then MkDocs builds
the whole site, the `ksr-library` plugin adding everything generated, into a folder beside
the target, which replaces the earlier site only when everything succeeded. Nothing under
the project, the library or `docs/` is ever written.
"""

from __future__ import annotations

import logging
import shutil
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from ksr_library.checking import check_library
from ksr_library.errors import BuildError, ProjectError
from ksr_library.normalising import LibraryIndex, normalise_library
from ksr_library.parallel import making_long_lived, run_detached, thaw_long_lived
from ksr_library.project import Project, load_mkdocs_config
from ksr_library.site_folder import guard_site_dir, prepare_staging, swap_in

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from ksr_library.plugin import LibraryPlugin

PLUGIN_NAME = "ksr-library"
"""The plugin's name in `mkdocs.yml` (its `mkdocs.plugins` entry point)."""


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
    seconds: float


@contextmanager
def mkdocs_log(progress: Progress) -> Iterator[list[str]]:
    """Show MkDocs' warnings and errors, and the plugin's stage lines, while a build runs.

    The warnings are collected too, so a failed build can say why.
    """
    collected: list[str] = []

    class Show(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            message = record.getMessage()
            if record.levelno >= logging.WARNING:
                collected.append(message)
                progress.say(f"MkDocs {record.levelname.lower()}: {message}")
            elif record.name.startswith(f"mkdocs.plugins.{__package__}"):
                progress.say(message.removeprefix(f"{__package__}: "))

    handler = Show(level=logging.INFO)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    previous, logger.level = logger.level, logging.INFO
    propagate, logger.propagate = logger.propagate, False
    try:
        yield collected
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)
        logger.propagate = propagate


def library_plugin(config: MkDocsConfig) -> LibraryPlugin:
    """The `ksr-library` plugin of a loaded configuration.

    Raises:
        ProjectError: `mkdocs.yml` does not enable the plugin.
    """
    from ksr_library.plugin import LibraryPlugin

    plugin = config.plugins.get(PLUGIN_NAME)
    if not isinstance(plugin, LibraryPlugin):
        raise ProjectError(f"{config.config_file_path}: add '- {PLUGIN_NAME}' to 'plugins:' in mkdocs.yml")
    return plugin


def load_config(
    project: Project, site_dir: Path, index: LibraryIndex | None, *, drafts: bool, edition: str | None = None
) -> MkDocsConfig:
    """`mkdocs.yml` loaded for a strict build into `site_dir`, the plugin set to this library.

    With `index`, the plugin uses the already checked library instead of checking it again.
    """
    config = load_mkdocs_config(project.config_file, site_dir=str(site_dir), strict=True)
    plugin = library_plugin(config)
    plugin.config.library = str(project.library_dir)
    plugin.config.drafts = drafts
    plugin.config.edition = edition
    plugin.checked = index
    return config


def run_mkdocs(config: MkDocsConfig, progress: Progress) -> None:
    """Run `mkdocs build` (strict) with a loaded configuration.

    Raises:
        BuildError: MkDocs reported warnings or errors; they are in the message.
    """
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    with mkdocs_log(progress) as warnings:
        try:
            build(config)
        except (MkDocsException, OSError) as err:
            details = "\n  ".join(warnings) or str(err)
            raise BuildError(f"MkDocs failed ({err}):\n  {details}") from None


def _remove_detached(folder: Path) -> None:
    run_detached(partial(shutil.rmtree, folder, ignore_errors=True))


def build_site(
    project: Project, *, include_drafts: bool = False, quiet: bool = False, edition: str | None = None
) -> BuildReport:
    """Check the library, then build the whole site with MkDocs and swap it in.

    The earlier site is removed by a process of its own, which the command does not wait for.

    With `edition`, the site is built as that edition of a versioned site.

    Raises:
        ProjectError: The site folder may not be replaced (see `site_folder.guard_site_dir`);
            nothing was touched.
        LibraryInvalidError: The library has problems; nothing was written.
        BuildError: MkDocs failed; the earlier site is untouched.
    """
    progress = Progress(quiet=quiet)
    settings = project.settings
    site_dir = guard_site_dir(
        settings.site_dir, project_root=project.root, sources=(project.library_dir, settings.docs_dir)
    )
    progress.say(f"Checking {project.library_dir} ...")
    with making_long_lived():  # given back to the collector when MkDocs' build ends
        index = normalise_library(check_library(project.library_dir, include_drafts=include_drafts))
    staging: Path | None = None
    try:
        staging = prepare_staging(site_dir)
        config = load_config(project, staging, index, drafts=include_drafts, edition=edition)
        run_mkdocs(config, progress)
        # The earlier site ends up under the staging folder's name, removed by a process of its
        # own (a removal cut short is finished by the next build's `clean_leftovers`).
        swap_in(staging, site_dir, remove=_remove_detached)
        staging = None
    finally:
        thaw_long_lived()
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
    seconds = time.perf_counter() - progress.start
    progress.say(f"Site ready in {site_dir} ({seconds:.1f} s)")
    return BuildReport(site_dir, len(index), seconds)
