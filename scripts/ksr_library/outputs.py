"""Outputs: the files a site has besides its pages, computed from the library index.

`library.json`, the Atom feed and the redirect pages of every permalink and former id;
the redirects are proven consistent first (no loop, no chain, no case clash, none over a
live page). `write_outputs` writes them with other files given as data (the citation
exports, the search index), in a worker while MkDocs writes the pages. And what the
search index needs from the attachments: their text.
"""

from __future__ import annotations

from pathlib import Path

from ksr_library.catalogue import CATALOGUE_FILE, catalogue_json
from ksr_library.errors import BuildError, UnreadableFileError
from ksr_library.extracting import EXTRACTABLE, TextCache
from ksr_library.feeds import FEED_FILE, atom_feed
from ksr_library.links import attachment_url, document_url
from ksr_library.normalising import LibraryIndex
from ksr_library.permalinks import check_redirects, redirect_pages, redirects
from ksr_library.search_index import AttachmentText


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


def write_outputs(
    site_dir: Path, index: LibraryIndex, files: dict[str, bytes], *, site_url: str | None, site_name: str
) -> int:
    """Write `site_outputs` and `files` (site path → data) into a built site; return how many redirect pages.

    Args:
        site_dir: The site being built.
        index: The library.
        files: Further files, such as the documents' citation exports.
        site_url: The site's address, if set (the feed's links).
        site_name: The site's name (the feed's title).

    Raises:
        BuildError: The redirects are inconsistent; nothing is written.
    """
    outputs = site_outputs(index, site_url, site_name)
    write_files(site_dir, {**files, **{path: text.encode("utf-8") for path, text in outputs.items()}})
    return len(outputs) - 2


def write_files(folder: Path, files: dict[str, bytes]) -> None:
    """Write files under a folder (site path → data), making their folders."""
    for path, data in files.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def attachment_texts(
    index: LibraryIndex, cache: TextCache
) -> tuple[dict[str, list[AttachmentText]], list[UnreadableFileError]]:
    """The text of every PDF, DOCX, ODT and PPTX attachment, by document id, for the search index.

    Returns:
        The texts, and an error for each attachment whose text cannot be extracted (its
        message names the file); those attachments are left out of the index.
    """
    texts: dict[str, list[AttachmentText]] = {}
    unreadable: list[UnreadableFileError] = []
    for item in index:
        for attachment in item.doc.attachments:
            path = item.folder / attachment.file
            if path.suffix.lower() not in EXTRACTABLE:
                continue
            try:
                pages = cache.text(path)
            except UnreadableFileError as err:
                unreadable.append(err)
                continue
            url = attachment_url(item.id, attachment.file)
            texts.setdefault(item.id, []).append(AttachmentText(attachment.file, attachment.title, url, pages))
    return texts, unreadable
