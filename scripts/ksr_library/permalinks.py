"""Permalinks: `r/<ID>/` pages that lead to a document, for every id and every alias."""

from __future__ import annotations

import html

from ksr_library.links import PERMALINK_DIR, document_url
from ksr_library.normalising import NormalisedDocument


def redirect_html(target: str, title: str) -> str:
    """A small page that sends the reader to `target` (relative), with and without JavaScript."""
    url = html.escape(target, quote=True)
    js_target = target.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\u003c")
    return (
        "<!doctype html>\n"
        '<html lang="pl"><head><meta charset="utf-8">'
        f"<title>Przekierowanie: {html.escape(title)}</title>"
        f'<meta http-equiv="refresh" content="0; url={url}">'
        f'<link rel="canonical" href="{url}">'
        '<meta name="robots" content="noindex">'
        f'<script>location.replace("{js_target}" + location.search + location.hash)</script>'
        "</head><body>"
        f'<p>Dokument „{html.escape(title)}” jest tutaj: <a href="{url}">{url}</a>.</p>'
        "</body></html>\n"
    )


def permalink_pages(documents: list[NormalisedDocument]) -> dict[str, str]:
    """Site path → HTML of every permalink page (`r/<ID>/index.html`), ids and aliases."""
    pages: dict[str, str] = {}
    for item in documents:
        for name in (item.id, *item.doc.aliases):
            target = f"../../{document_url(item.id)}"
            pages[f"{PERMALINK_DIR}/{name}/index.html"] = redirect_html(target, item.doc.title)
    return pages
