"""Permalinks and redirects: every URL ever published keeps leading to its document.

In every site, `r/<ID>/` exists for every published id and every former id (`aliases`),
and `dokumenty/<former-id>/` leads to the page of the document that now carries it. All
redirects point straight at a live page (chains are collapsed by construction), and
[`check_redirects`][ksr_library.permalinks.check_redirects] proves it: no loops, no chain,
never over a live page, no two paths that differ only in case.
"""

from __future__ import annotations

import html
from importlib import resources

from ksr_library.csp import policy
from ksr_library.links import document_url, permalink_url, relative_url
from ksr_library.normalising import NormalisedDocument

REDIRECT_SCRIPT = "assets/javascripts/ksr-redirect.js"
"""Where the redirect pages' script is published, from the site root."""
REDIRECT_RESOURCE = "assets/redirect.js"
"""The redirect pages' script in the package."""


def redirect_script() -> bytes:
    """The redirect pages' script: on to the canonical page, keeping the query and the fragment."""
    return resources.files("ksr_library").joinpath(REDIRECT_RESOURCE).read_bytes()


def redirect_html(target: str, title: str, script: str) -> str:
    """A small page that sends the reader to `target` (relative), with and without JavaScript.

    `script` is the relative URL of the redirect script; the page has no inline script, so
    its Content-Security-Policy allows none.
    """
    url = html.escape(target, quote=True)
    return (
        "<!doctype html>\n"
        '<html lang="pl"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{policy()}">'
        f"<title>Przekierowanie: {html.escape(title)}</title>"
        f'<meta http-equiv="refresh" content="0; url={url}">'
        f'<link rel="canonical" href="{url}">'
        '<meta name="robots" content="noindex">'
        f'<script src="{html.escape(script, quote=True)}"></script>'
        "</head><body>"
        f'<p>Dokument „{html.escape(title)}” jest tutaj: <a href="{url}">{url}</a>.</p>'
        "</body></html>\n"
    )


CASE_REDIRECT_RESOURCE = "assets/case-redirect.js"
"""The 404 page's script that sends `r/<any-case-id>/` on to the canonical permalink."""


def case_redirect_script() -> str:
    """The 404 page's script, to be inlined in a `<script>` element of every 404 page.

    A 404 page is served at any depth, so a linked script would not load; inline it. It
    sends `…/r/<id in any case>/` to `…/r/<ID>/` and `…/dokumenty/<ID in any case>/` to
    `…/dokumenty/<id>/`, keeping the query and the fragment.
    """
    return resources.files("ksr_library").joinpath(CASE_REDIRECT_RESOURCE).read_text(encoding="utf-8")


def redirects(documents: list[NormalisedDocument]) -> dict[str, str]:
    """Every redirect of a site: source page URL → target page URL, both from the site root.

    `r/<ID>/` for ids and aliases, and `dokumenty/<alias>/` for former ids.
    """
    found: dict[str, str] = {}
    for item in documents:
        target = document_url(item.id)
        for name in (item.id, *item.doc.aliases):
            found[permalink_url(name)] = target
        for alias in item.doc.aliases:
            found[document_url(alias)] = target
    return found


def check_redirects(redirect_map: dict[str, str], live: set[str]) -> list[str]:
    """Problems with a set of redirects: loops, chains, redirects over live pages, case clashes."""
    problems = []
    for source, target in sorted(redirect_map.items()):
        if source in live:
            problems.append(f"redirect {source} would replace a live page")
        if target in redirect_map:
            problems.append(f"redirect {source} -> {target} leads to another redirect (loop or chain)")
        elif target not in live:
            problems.append(f"redirect {source} -> {target} leads to no page")
    folded: dict[str, str] = {}
    for path in sorted(set(redirect_map) | live):
        other = folded.setdefault(path.casefold(), path)
        if other != path:
            problems.append(f"{other} and {path} differ only in case")
    return problems


def redirect_pages(redirect_map: dict[str, str], titles: dict[str, str]) -> dict[str, str]:
    """Site file path → HTML of each redirect page; `titles` maps target URLs to titles."""
    return {
        f"{source}index.html": redirect_html(
            relative_url(target, source),
            titles.get(target, target),
            relative_url(REDIRECT_SCRIPT, source),
        )
        for source, target in redirect_map.items()
    }
