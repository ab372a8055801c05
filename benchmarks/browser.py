"""Headless Debian Chromium and a local static server, shared by benchmarks and browser tests."""

from __future__ import annotations

import gzip
import mimetypes
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser

CHROMIUM = Path("/usr/bin/chromium")
"""Debian's chromium; a browser is never downloaded."""
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class SiteHandler(SimpleHTTPRequestHandler):
    """A site's static files, quietly; a missing page gets the site's own 404.html, as on a host."""

    protocol_version = "HTTP/1.1"  # keep-alive: fewer connections per page
    disable_nagle_algorithm = True
    """Send each response at once, as static hosts do (nginx's `tcp_nodelay`): the headers and
    the body are two writes, and with Nagle's algorithm the body waited for the browser's
    delayed acknowledgement of the headers, up to 40 ms on a kept-alive connection."""
    compress = False
    """Send text files gzipped to a browser that accepts it, as static hosts do."""
    _COMPRESSED = (".html", ".json", ".js", ".css", ".svg", ".xml", ".txt")

    def do_GET(self) -> None:
        """Serve a text file gzipped when compressing, else as the standard handler does."""
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.compress and accepts and path.suffix in self._COMPRESSED and path.is_file()):
            super().do_GET()
            return
        if path.name == "index.html" and not self.path.split("?")[0].endswith(("/", ".html")):
            super().do_GET()  # the standard handler redirects a folder without its slash
            return
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", mimetypes.guess_type(path.name)[0] or "application/octet-stream")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        """Serve quietly."""

    def end_headers(self) -> None:
        """Let the theme's files be cached: they never change during a run."""
        if self.path.startswith("/assets/"):  # theme files never change during a run
            self.send_header("Cache-Control", "max-age=3600")
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Answer a missing page with the site's own 404.html, as a static host does."""
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

    def handle_error(self, request: object, client_address: object) -> None:
        """Ignore a browser that went away mid-response; report anything else."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # the browser went away mid-response (a closed tab): nothing to report
        super().handle_error(request, client_address)  # type: ignore[arg-type]


class _GzipHandler(SiteHandler):
    compress = True


@contextmanager
def serve_folder(folder: Path, *, compress: bool = False) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 (a free port) from a thread; yields the base URL.

    With `compress`, text files go gzipped to browsers that accept it, as on a static host.
    """
    handler = _GzipHandler if compress else SiteHandler
    server = _Server(("127.0.0.1", 0), partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, name=f"serve {folder}", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@contextmanager
def chromium() -> Iterator[Browser]:
    """A headless Chromium browser (Debian's) driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()
