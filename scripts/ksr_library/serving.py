"""Serving: a live preview that rebuilds the site when a library file changes.

It reuses MkDocs' live-reload server: the browser reloads by itself after each rebuild.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from ksr_library.building import rebuild_preview
from ksr_library.errors import KsrError, LibraryInvalidError
from ksr_library.project import CONFIG_FILE, Project


def serve(project: Project, *, host: str, port: int, include_drafts: bool) -> None:
    """Build the site into a temporary folder, serve it, and rebuild on every change.

    A change under the library re-renders only the pages it affects (MkDocs' dirty
    build); a change to the theme, `mkdocs.yml` or the hand-written pages rebuilds all.
    """
    from mkdocs.livereload import LiveReloadServer

    with tempfile.TemporaryDirectory(prefix="ksr-serve-") as tmp:
        preview = Project(project.root, project.library_dir, Path(tmp) / "site")
        theme = _Snapshot(_watched(project, library=False))

        def rebuild() -> None:
            full = not (preview.settings.site_dir / "index.html").exists() or theme.changed()
            try:
                rebuild_preview(preview, include_drafts=include_drafts, full=full)
            except LibraryInvalidError as err:
                for problem in err.problems:
                    print(problem, file=sys.stderr)
                print(f"{err.message}; the preview shows the last good build", file=sys.stderr)
            except KsrError as err:
                print(f"ksr-library: error: {err.message}", file=sys.stderr)

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
