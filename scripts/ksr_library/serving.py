"""Serving: `ksr-library serve` is `mkdocs serve` with the plugin set to the chosen library.

MkDocs' own development server rebuilds the site when `docs/`, `mkdocs.yml` or (through
the plugin's `on_serve`) the library changes, and reloads the browser. While a change
leaves the library with problems, the plugin prints them and the preview keeps showing
the last good version of the library.

A rebuild is built aside and swapped in whole; the site it replaces is removed in the
background, so the browser reloads without waiting for that. Where the system keeps files
in memory (Linux's `/dev/shm`) with room for the site, the preview's site goes there: a
rebuild writes thousands of files, and a busy disk made that most of its time.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import sys
import tempfile
import threading
import traceback
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from mkdocs.exceptions import MkDocsException

from ksr_library.building import PLUGIN_NAME
from ksr_library.errors import KsrError, LibraryInvalidError, ProjectError
from ksr_library.project import Project, load_mkdocs_config
from ksr_library.site_folder import os_error_message, prepare_staging, swap_in

MEMORY_FOLDER = Path("/dev/shm")
"""Where Linux keeps files in memory (a tmpfs); absent elsewhere."""
BYTES_PER_DOCUMENT = 128 * 1024
"""About what a built site takes per document (its page, permalink, citations and text for
search: 89 KB at 1,000 synthetic documents), beside a copy of the library's files."""
PREVIEW_NAME = "ksr-serve"
"""A preview's folder is `.ksr-serve.building-PID` in the folder `site_parent` chooses."""
POLLING_SECONDS = 0.25
"""How often the preview looks for changed files (MkDocs' default is 0.5 s; looking over
1,000 documents takes about 4 ms)."""


def plugins_with(raw_plugins: Any, options: dict[str, Any]) -> list[Any]:  # noqa: ANN401 - raw YAML
    """The `plugins:` of a raw `mkdocs.yml` with the `ksr-library` plugin's options updated.

    Raises:
        ProjectError: The plugin is not enabled.
    """
    entries = raw_plugins if isinstance(raw_plugins, list) else [raw_plugins] if raw_plugins else []
    found, result = False, []
    for entry in entries:
        if entry == PLUGIN_NAME or (isinstance(entry, dict) and PLUGIN_NAME in entry):
            current = entry.get(PLUGIN_NAME) if isinstance(entry, dict) else None
            result.append({PLUGIN_NAME: {**(current or {}), **options}})
            found = True
        else:
            result.append(entry)
    if not found:
        raise ProjectError(f"add '- {PLUGIN_NAME}' to 'plugins:' in mkdocs.yml")
    return result


def serve(project: Project, *, host: str, port: int, include_drafts: bool) -> None:
    """Serve a live preview of the project's site until interrupted, as `mkdocs serve` does.

    Raises:
        ProjectError: `mkdocs.yml` cannot be read or does not enable the plugin.
    """
    import copy

    from mkdocs.commands.build import build
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.utils.yaml import yaml_load

    try:
        with project.config_file.open("rb") as handle:
            raw = yaml_load(handle) or {}
    except (OSError, ValueError) as err:
        raise ProjectError(f"{project.config_file}: {err}") from None
    plugins = plugins_with(raw.get("plugins"), {"library": str(project.library_dir), "drafts": include_drafts})
    _show_mkdocs_log()
    with preview_folder(site_parent(project.library_dir)) as folder, removing_aside(folder) as remove:
        site_dir = folder / "site"
        url = f"http://{host}:{port}/"

        def load(folder: Path) -> Any:  # noqa: ANN401 - MkDocsConfig
            return load_mkdocs_config(
                project.config_file,
                site_dir=str(folder),
                plugins=copy.deepcopy(plugins),
                site_url=url,
                strict=False,  # a preview shows the site despite warnings; builds stay strict
            )

        config = load(site_dir)
        config.plugins.on_startup(command="serve", dirty=False)

        def rebuild() -> None:
            """Build aside and swap in: a failed rebuild leaves the last good preview served."""
            staging = prepare_staging(site_dir)
            try:
                build(load(staging), serve_url=url)
                swap_in(staging, site_dir, remove=remove)
            finally:
                shutil.rmtree(staging, ignore_errors=True)

        builder = surviving(rebuild)
        server = LiveReloadServer(
            builder=builder, host=host, port=port, root=str(site_dir), polling_interval=POLLING_SECONDS
        )
        try:
            builder()
            if not (site_dir / "index.html").exists():
                raise KsrError("the first build failed: fix the problems above and run serve again")
            for path in (config.docs_dir, config.config_file_path, str(project.library_dir)):
                server.watch(path)
            server.serve()  # type: ignore[no-untyped-call]
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
            config.plugins.on_shutdown()


@contextmanager
def preview_folder(parent: Path | None) -> Iterator[Path]:
    """This preview's own, private folder under `parent` (default: the system's temporary folder).

    It is removed when the preview ends, also when the preview is stopped with SIGTERM
    (as with Ctrl+C). A preview killed outright leaves it behind: it is named as a
    build's staging folder is (`.ksr-serve.building-PID`), so the next preview removes
    it once its process is gone (see `site_folder.clean_leftovers`). In memory, a
    folder left behind would hold memory until the system restarts.
    """
    folder = prepare_staging((parent or Path(tempfile.gettempdir())) / PREVIEW_NAME)
    folder.chmod(0o700)
    previous = signal.signal(signal.SIGTERM, _interrupt) if threading.current_thread() is threading.main_thread() else None
    try:
        yield folder
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        shutil.rmtree(folder, ignore_errors=True)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def site_parent(library_dir: Path, memory: Path = MEMORY_FOLDER) -> Path | None:
    """Where the preview's site goes: `memory` if it is a writable folder with room for three sites.

    Three: the site served, the next one being built, and the one before being removed.
    A site's size is estimated from the library (`BYTES_PER_DOCUMENT` a document, and its files).

    Returns:
        `memory`, or `None` for the system's temporary folder.
    """
    if not (memory.is_dir() and os.access(memory, os.W_OK | os.X_OK)):
        return None
    return memory if shutil.disk_usage(memory).free >= 3 * _site_estimate(library_dir) else None


def _site_estimate(library_dir: Path) -> int:
    """About how many bytes a site of this library takes."""
    estimate = 0
    for folder, _, names in os.walk(library_dir):
        for name in names:
            try:
                estimate += (Path(folder) / name).lstat().st_size
            except OSError:
                continue
            estimate += BYTES_PER_DOCUMENT if name.endswith(".md") else 0
    return estimate


@contextmanager
def removing_aside(folder: Path) -> Iterator[Callable[[Path], None]]:
    """A function that removes a folder in the background, after moving it into `folder`.

    Folders are removed one at a time, on one thread; leaving the `with` block waits
    until every one is gone. `folder` must be on the same file system as the folders
    given (they are renamed into it).
    """
    with ThreadPoolExecutor(1, thread_name_prefix="ksr-remove") as pool:

        def remove(old: Path) -> None:
            aside = Path(tempfile.mkdtemp(prefix="old-", dir=folder))
            old.rename(aside / old.name)
            pool.submit(shutil.rmtree, aside, ignore_errors=True)

        yield remove


def _show_mkdocs_log() -> None:
    """Print MkDocs' messages (and the plugin's) as `mkdocs serve` does."""
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


def surviving(rebuild: Callable[[], None], stream: TextIO | None = None) -> Callable[[], None]:
    """Wrap a live preview's rebuild so that no exception escapes it.

    A live-reload server whose rebuild raises stops answering (it waits for a build that
    never completes); wrapped, every failure is printed instead, the server goes on
    serving the last good build, and the next change tries again.

    Args:
        rebuild: Builds the preview; may raise anything.
        stream: Where failures are printed (default: standard error, looked up at each call).

    Returns:
        A function that runs `rebuild` and prints what went wrong, if anything.
    """

    def run() -> None:
        out = stream or sys.stderr
        try:
            rebuild()
        except LibraryInvalidError as err:
            for problem in err.problems:
                print(problem, file=out)
            print(f"{err.message}; the preview shows the last good build", file=out)
        except KsrError as err:
            print(f"ksr-library: error: {err.message}; the preview shows the last good build", file=out)
        except MkDocsException as err:
            print(f"ksr-library: MkDocs stopped: {err}; the preview shows the last good build", file=out)
        except OSError as err:
            print(
                f"ksr-library: error: {os_error_message(err)}; the preview shows the last good build",
                file=out,
            )
        except Exception as err:  # a bug must not stop the preview
            place = traceback.extract_tb(err.__traceback__)[-1]
            print(
                f"ksr-library: error: the rebuild failed ({type(err).__name__}: {err}, at "
                f"{Path(place.filename).name}:{place.lineno}); the preview shows the last good build. "
                "This is a bug in ksr-library: please report it with the document you changed.",
                file=out,
            )
        out.flush()

    return run
