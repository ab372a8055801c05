"""Outputs: the files a site has besides its pages, computed from the library index.

`library.json`, the Atom feed and the redirect pages of every permalink and former id;
the redirects are proven consistent first (no loop, no chain, no case clash, none over a
live page).
"""

from __future__ import annotations

from ksr_library.catalogue import CATALOGUE_FILE, catalogue_json
from ksr_library.errors import BuildError
from ksr_library.feeds import FEED_FILE, atom_feed
from ksr_library.links import document_url
from ksr_library.normalising import LibraryIndex
from ksr_library.permalinks import check_redirects, redirect_pages, redirects


def site_outputs(index: LibraryIndex, site_url: str | None, site_name: str) -> dict[str, str]:
    """Site path → text of `library.json`, `feed.xml` and every redirect page.

    Raises:
        BuildError: The redirects are inconsistent (each problem is listed).
    """
    documents = list(index)
    redirect_map = redirects(documents)
    problems = check_redirects(redirect_map, {document_url(d.id) for d in documents})
    if problems:
        raise BuildError("redirects are inconsistent:\n  " + "\n  ".join(problems))
    titles = {document_url(d.id): d.doc.title for d in documents}
    return {
        CATALOGUE_FILE: catalogue_json(documents),
        FEED_FILE: atom_feed(documents, site_url, site_name),
        **redirect_pages(redirect_map, titles),
    }
