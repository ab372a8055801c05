"""Content-Security-Policy: the one policy of every page, with its inline scripts by hash.

Scripts and styles come from the site only; the few inline scripts the theme writes are
allowed by their SHA-256 hash, never by `'unsafe-inline'`; nothing is `eval`ed, no plugin
object runs, `<base>` cannot move the page, and no request leaves the site. Each page
carries the policy in a `<meta http-equiv>` with the hashes of its own inline scripts;
`_headers` (read by static hosts such as Netlify and Cloudflare Pages) carries the same
policy for the whole site, plus `frame-ancestors 'none'`, which only a header can set.

Inline scripts are found in pages the theme and our templates wrote: library content
never reaches them as markup (bodies are sanitised, JSON-LD is escaped), so a page's
`<script>` elements are exactly the theme's.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable

POLICY: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("media-src", "'self'"),
    ("object-src", "'none'"),
    ("frame-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)
"""Every directive of the policy; inline scripts' hashes are added to `script-src`."""
HEADER_ONLY: tuple[tuple[str, str], ...] = (("frame-ancestors", "'none'"),)
"""Directives a `<meta>` policy may not carry (browsers ignore them there)."""
HEADERS_FILE = "_headers"
"""The static hosts' headers file at the site root."""
EXTRA_HEADERS: tuple[tuple[str, str], ...] = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
)

_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.DOTALL | re.IGNORECASE)
_DATA_TYPE = re.compile(r"""\btype\s*=\s*["']?application/(?:ld\+)?json""", re.IGNORECASE)
_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
_CHARSET = re.compile(r"<meta charset=[^>]*>\s*", re.IGNORECASE)


def script_hash(script: str) -> str:
    """The CSP source expression allowing exactly this inline script, e.g. `'sha256-…'`."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_script_hashes(html: str) -> list[str]:
    """The hashes of a page's inline scripts that run (data blocks such as JSON-LD do not)."""
    hashes = []
    for match in _SCRIPT.finditer(html):
        attrs = match["attrs"]
        if _SRC.search(attrs) or _DATA_TYPE.search(attrs):
            continue
        hashes.append(script_hash(match["body"]))
    return sorted(set(hashes))


def policy(hashes: Iterable[str] = (), *, header: bool = False) -> str:
    """The policy as text, with inline scripts allowed by these hashes."""
    extra = " ".join(sorted(set(hashes)))
    directives = [*POLICY, *(HEADER_ONLY if header else ())]
    return "; ".join(
        f"{name} {value}{' ' + extra if name == 'script-src' and extra else ''}" for name, value in directives
    )


def with_policy(html: str) -> tuple[str, list[str]]:
    """A page with its policy in a `<meta>` in `<head>` (after the charset), and the hashes it allows.

    A page without `<head>` is returned as it is.
    """
    hashes = inline_script_hashes(html)
    head = html.find("<head>")
    if head < 0:
        return html, hashes
    charset = _CHARSET.search(html, head)
    end = charset.end() if charset else head + len("<head>")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes)}">'
    return html[:end] + meta + html[end:], hashes


def headers_file(hashes: Iterable[str]) -> str:
    """`_headers` for static hosts: the policy (with every page's hashes) on every path."""
    lines = ["/*", f"  Content-Security-Policy: {policy(hashes, header=True)}"]
    lines += [f"  {name}: {value}" for name, value in EXTRA_HEADERS]
    return "\n".join(lines) + "\n"
