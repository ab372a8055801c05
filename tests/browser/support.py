"""Helpers of the browser tests: project copies, a static HTTP server, reading links off a page."""

from __future__ import annotations

import shutil
import sys
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from playwright.sync_api import Page

from ksr_library.building import GENERATED_DIRS, build_site
from ksr_library.project import find_project

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PROJECT_FILES = ("mkdocs.yml", "docs", "overrides", "scripts")
SKIPPED = ("__pycache__", "*.egg-info", *GENERATED_DIRS, "szukaj")
"""Left out of a copy: caches and the generated part of `docs/` (the build rewrites it)."""
TIMEOUT_MS = 10_000
"""Playwright's waits: a local static site answers in milliseconds, so fail well before 30 s."""
AUDIENCE_URLS = {"public": "czytelnicy/", "trainers": "trenerzy/", "rops": "rops/"}

Catalogue = dict[str, Any]
"""`library.json` as loaded."""


def copy_project(dest: Path, library: Path | Mapping[str, str | bytes]) -> Path:
    """A copy of this project (config, hand-written docs, theme, code) with a library.

    `library` is a folder to copy, or a mapping of file names to contents.
    """
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns(*SKIPPED))
        else:
            dest.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    if isinstance(library, Path):
        shutil.copytree(library, dest / "library")
    else:
        for name, content in library.items():
            path = dest / "library" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
    return dest


def build_copy(dest: Path, library: Path | Mapping[str, str | bytes]) -> Path:
    """Build a library in a fresh copy of the project; returns the built site's folder."""
    return build_site(find_project(copy_project(dest, library)), quiet=True).site_dir


class SiteHandler(SimpleHTTPRequestHandler):
    """A site's static files, quietly; a missing page gets the site's own 404.html, as on a host."""

    protocol_version = "HTTP/1.1"  # keep-alive: fewer connections per page

    def log_message(self, *args: Any) -> None:
        pass

    def end_headers(self) -> None:
        if self.path.startswith("/assets/"):  # theme files never change during a run
            self.send_header("Cache-Control", "max-age=3600")
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # the browser went away mid-response (a closed tab): nothing to report
        super().handle_error(request, client_address)


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 (a free port) from a thread; yields the base URL."""
    server = _Server(("127.0.0.1", 0), partial(SiteHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, name=f"serve {folder}", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def hrefs(page: Page, selector: str) -> list[str]:
    """Absolute URLs of the links matching a selector, in page order."""
    links: list[str] = page.eval_on_selector_all(selector, "els => els.map(e => e.href)")
    return links


def document_ids(urls: list[str], base_url: str, catalogue: Catalogue) -> list[str]:
    """The ids of the document pages among URLs, in order; other URLs are skipped.

    A URL under `dokumenty/` that is no document's page fails the test.
    """
    by_path = {urlsplit(urljoin(base_url, d["url"])).path: d["id"] for d in catalogue["documents"]}
    ids = []
    for url in urls:
        path = urlsplit(url).path
        if not path.startswith("/dokumenty/"):
            continue
        assert path in by_path, f"link to {url}, which is no document's page"
        ids.append(by_path[path])
    return ids


def linked_ids(page: Page, base_url: str, catalogue: Catalogue, scope: str = "article") -> list[str]:
    """Ids of the documents linked from a part of the page (by default the content)."""
    return document_ids(hrefs(page, f"{scope} a[href]"), base_url, catalogue)


def page_url(base_url: str, catalogue: Catalogue, doc_id: str) -> str:
    """Absolute URL of a document's page, from `library.json`."""
    record = next(d for d in catalogue["documents"] if d["id"] == doc_id)
    return urljoin(base_url, str(record["url"]))


def current_id(page: Page) -> str:
    """The id of the document whose page is open (its header's `data-ksr-id`)."""
    value = page.get_attribute("[data-ksr-id]", "data-ksr-id")
    assert value, f"{page.url} is no document page"
    return value


def meta(page: Page, name: str) -> list[str]:
    """Contents of the `<meta name=...>` tags with that name, in order."""
    values: list[str] = page.eval_on_selector_all(
        "meta[name]", "(els, name) => els.filter(e => e.name === name).map(e => e.content)", name
    )
    return values
