"""Serving: a live preview that rebuilds the site when a library file changes.

It reuses MkDocs' live-reload server: the browser reloads by itself after each rebuild.
"""

from __future__ import annotations

import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from ksr_library.building import rebuild_preview
from ksr_library.errors import KsrError, LibraryInvalidError
from ksr_library.project import CONFIG_FILE, Project
from ksr_library.site_folder import os_error_message


def serve(project: Project, *, host: str, port: int, include_drafts: bool) -> None:
    """Build the site into a temporary folder, serve it, and rebuild on every change.

    A change under the library re-renders only the pages it affects (MkDocs' dirty
    build); a change to the theme, `mkdocs.yml` or the hand-written pages rebuilds all.
    """
    from mkdocs.livereload import LiveReloadServer

    with tempfile.TemporaryDirectory(prefix="ksr-serve-") as tmp:
        preview = Project(project.root, project.library_dir, Path(tmp) / "site")
        theme = _Snapshot(_watched(project, library=False))

        def build() -> None:
            full = not (preview.settings.site_dir / "index.html").exists() or theme.changed()
            rebuild_preview(preview, include_drafts=include_drafts, full=full)

        rebuild = surviving(build)
        rebuild()
        if not (preview.settings.site_dir / "index.html").exists():
            raise KsrError("the first build failed: fix the problems above and run serve again")
        server = LiveReloadServer(
            builder=rebuild, host=host, port=port, root=str(preview.settings.site_dir), polling_interval=0.2
        )
        for path in _watched(project, library=True):
            server.watch(str(path))
        print(f"Serving the library at {server.url} (Ctrl+C to stop)", file=sys.stderr)
        try:
            server.serve()  # type: ignore[no-untyped-call]
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()


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


class _Snapshot:
    """Modification times of files, to tell whether any changed since the last look."""

    def __init__(self, paths: list[Path]) -> None:
        self.paths = paths
        self.seen = self._times()

    def _times(self) -> dict[Path, int]:
        files = [
            p for path in self.paths for p in ([path] if path.is_file() else path.rglob("*")) if p.is_file()
        ]
        return {p: p.stat().st_mtime_ns for p in files}

    def changed(self) -> bool:
        """Whether any file was added, removed or modified since the last call."""
        now = self._times()
        changed, self.seen = now != self.seen, now
        return changed


def _watched(project: Project, *, library: bool) -> list[Path]:
    """The theme overrides, mkdocs.yml and the hand-written pages, and the library if asked."""
    from ksr_library.building import GENERATED_DIRS

    paths = [project.library_dir] if library else []
    paths.append(project.root / CONFIG_FILE)
    overrides = project.root / "overrides"
    if overrides.is_dir():
        paths.append(overrides)
    docs = project.settings.docs_dir
    paths += [p for p in sorted(docs.iterdir()) if p.name not in GENERATED_DIRS]
    return paths
