"""Project: where a ksr-library project is, and what the build reads from its `mkdocs.yml`.

Finding a project is cheap (no MkDocs import), so `ksr-library check` starts fast; the
MkDocs configuration is loaded, and validated, only when a build needs it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ksr_library.errors import ProjectError

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

CONFIG_FILE = "mkdocs.yml"
"""The project's configuration file; the project is the folder that holds it."""


@dataclass(frozen=True)
class Project:
    """A ksr-library project: the folder holding `mkdocs.yml`, and its library."""

    root: Path
    library_dir: Path
    site_dir_option: Path | None = None
    """`--site-dir`, when given; otherwise `site_dir` of `mkdocs.yml`."""

    @property
    def config_file(self) -> Path:
        """The project's `mkdocs.yml`."""
        return self.root / CONFIG_FILE

    @cached_property
    def settings(self) -> Settings:
        """What the build needs from `mkdocs.yml` (loaded, and validated, on first use)."""
        config = load_mkdocs_config(self.config_file)
        return Settings(
            docs_dir=Path(config.docs_dir).resolve(),
            site_dir=(self.root / self.site_dir_option).resolve()
            if self.site_dir_option
            else Path(config.site_dir).resolve(),
            site_url=config.site_url or None,
            site_name=config.site_name,
        )


@dataclass(frozen=True)
class Settings:
    """The parts of `mkdocs.yml` the pipeline uses."""

    docs_dir: Path
    site_dir: Path
    site_url: str | None
    site_name: str


def find_project(root: Path, *, library: Path | None = None, site_dir: Path | None = None) -> Project:
    """The project in `root` (where `mkdocs.yml` is), like `mkdocs` finds its own.

    Raises:
        ProjectError: No `mkdocs.yml`, or the library folder is missing.
    """
    if not (root / CONFIG_FILE).is_file():
        raise ProjectError(
            f"no {CONFIG_FILE} in {root}: run ksr-library in the project folder (where {CONFIG_FILE} is)"
        )
    library_dir = (root / (library or "library")).resolve()
    if not library_dir.is_dir():
        raise ProjectError(f"library folder {library_dir} does not exist: pass --library DIR")
    return Project(root.resolve(), library_dir, site_dir)


def load_mkdocs_config(config_file: Path, **overrides: Any) -> MkDocsConfig:  # noqa: ANN401
    """Load and validate `mkdocs.yml`; configuration errors become one ProjectError."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    with _quiet_mkdocs_config_log() as messages:
        try:
            return load_config(str(config_file), **overrides)
        except ConfigurationError as err:
            details = "; ".join(messages) or str(err)
            raise ProjectError(f"{config_file}: {details}") from None


@contextmanager
def _quiet_mkdocs_config_log() -> Iterator[list[str]]:
    """Collect MkDocs' configuration errors instead of letting them print on their own."""
    messages: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(record.getMessage())

    logger = logging.getLogger("mkdocs.config")
    handler = Collect(level=logging.ERROR)
    logger.addHandler(handler)
    propagate, logger.propagate = logger.propagate, False
    try:
        yield messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate
