"""Serving: a live preview that rebuilds the site when a library file changes.

It reuses MkDocs' live-reload server: the browser reloads by itself after each rebuild.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from ksr_library.building import build_site
from ksr_library.errors import KsrError, LibraryInvalidError
from ksr_library.project import CONFIG_FILE, Project


def serve(project: Project, *, host: str, port: int, include_drafts: bool) -> None:
    """Build the site into a temporary folder, serve it, and rebuild on every change."""
    from mkdocs.livereload import LiveReloadServer

    with tempfile.TemporaryDirectory(prefix="ksr-serve-") as tmp:
        preview = Project(project.root, project.library_dir, Path(tmp) / "site")

        def rebuild() -> None:
            try:
                build_site(preview, include_drafts=include_drafts, quiet=False)
            except LibraryInvalidError as err:
                for problem in err.problems:
                    print(problem, file=sys.stderr)
                print(f"{err.message}; the preview shows the last good build", file=sys.stderr)
            except KsrError as err:
                print(f"ksr-library: error: {err.message}", file=sys.stderr)

        rebuild()
        if not preview.settings.site_dir.exists():
            raise KsrError("the first build failed: fix the problems above and run serve again")
        server = LiveReloadServer(builder=rebuild, host=host, port=port, root=str(preview.settings.site_dir))
        for path in _watched(project):
            server.watch(str(path))
        print(f"Serving the library at {server.url} (Ctrl+C to stop)", file=sys.stderr)
        try:
            server.serve()  # type: ignore[no-untyped-call]
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()


def _watched(project: Project) -> list[Path]:
    """The library, the theme overrides, mkdocs.yml and the hand-written pages."""
    from ksr_library.building import GENERATED_DIRS

    paths = [project.library_dir, project.root / CONFIG_FILE]
    overrides = project.root / "overrides"
    if overrides.is_dir():
        paths.append(overrides)
    docs = project.settings.docs_dir
    paths += [p for p in sorted(docs.iterdir()) if p.name not in GENERATED_DIRS]
    return paths
