"""The link policy: which URLs a body may link to or show, judged as a browser reads them."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

from ksr_library.rendering.sanitising import SAFE_SCHEMES

_SCHEME = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*):")
_IGNORED_BY_BROWSERS = re.compile(r"[\t\n\r]")
_EDGES = "".join(map(chr, range(0x21)))
_UNSAFE_CHARACTERS = re.compile(r"[\s\"'<>`]")
ACTIVE_SCHEMES = frozenset({"javascript", "data", "vbscript"})
"""Schemes that can run code in the reader's browser."""
RELATIVE_MESSAGE = "link documents by id, e.g. [[REK-07]]; link files by listing them under attachments"


def as_browser_reads(url: str) -> str:
    """A URL as a browser reads it: entities decoded, tabs and newlines dropped, edges trimmed."""
    return _IGNORED_BY_BROWSERS.sub("", html.unescape(url)).strip(_EDGES)


def url_problem(url: str, attachments: Mapping[str, str]) -> str | None:
    """Why a body may not link to (or show) a URL, or `None` when it may.

    Args:
        url: The URL as written (entities and all).
        attachments: The document's attachments by `file` as written.

    Returns:
        A message for the editor, or `None` for `http`, `https` and `mailto` URLs,
        `#fragments` and attachments.
    """
    read = as_browser_reads(url)
    scheme = _SCHEME.match(read)
    if scheme:
        name = scheme["scheme"].lower()
        if name in ACTIVE_SCHEMES:
            return f"'{name}:' links are not allowed: they can run code in the reader's browser"
        if name not in SAFE_SCHEMES:
            return f"'{name}:' links are not allowed: use http, https or mailto"
        if _UNSAFE_CHARACTERS.search(read):
            return (
                "a link may not contain spaces, quotes, backticks or angle brackets: encode them (e.g. %20)"
            )
        return None
    if read.startswith("#") or read in attachments:
        return None
    return RELATIVE_MESSAGE
