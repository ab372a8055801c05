"""Editions: versioned releases of the site with mike, and links that never break.

`release` builds the library and records it as an edition with mike on a local branch
of the project's git repository (nothing is pushed), but only after checking that every
document URL and permalink of every earlier edition still resolves in the new one.
`export` writes the whole multi-edition tree, with a root page that sends readers to
the default edition and root permalinks `r/<ID>/` that lead to the newest edition.

mike works on the git repository of the current directory; `_in_folder` makes that the
project's folder for the duration of a call (process-global, not thread-safe).
"""

from __future__ import annotations

import html
import io
import json
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ksr_library.building import build_site
from ksr_library.catalogue import CATALOGUE_FILE
from ksr_library.characters import character_message, first_forbidden
from ksr_library.errors import KsrError, ProjectError, ReleaseRefusedError
from ksr_library.links import document_url, permalink_url, relative_url
from ksr_library.permalinks import REDIRECT_SCRIPT, redirect_html
from ksr_library.project import Project
from ksr_library.site_folder import guard_site_dir, prepare_staging, swap_in

EDITIONS_BRANCH = "ksr-editions"
"""The local git branch that holds every edition (mike's deploy branch)."""
LATEST = "latest"
"""The alias readers are sent to by default when an edition carries it."""
_EDITION_NAME = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]{0,39}$")
TITLE_MAX = 80
"""The longest edition title, in characters."""
_MARKUP = re.compile(r"[<>&]")
NOT_FOUND_PAGE = "404.html"
"""The page a static host shows for a missing URL; an export has the default edition's at its root."""


@dataclass(frozen=True)
class Edition:
    """One released edition, as listed in `versions.json`."""

    version: str
    title: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class LostUrl:
    """A URL of an earlier edition that the new edition would no longer serve."""

    edition: str
    url: str
    document: str

    def __str__(self) -> str:
        """`URL (document ID, edition E)`."""
        return f"{self.url} (document {self.document}, edition {self.edition})"


@dataclass(frozen=True)
class ChangedOwner:
    """A URL of an earlier edition that the new edition would give to a different document."""

    edition: str
    url: str
    before: str
    """The id of the document the URL belonged to in the earlier edition."""
    after: str
    """The id of the document it would belong to now."""

    def __str__(self) -> str:
        """`URL (document A in edition E, now document B)`."""
        return f"{self.url} (document {self.before} in edition {self.edition}, now document {self.after})"


@contextmanager
def _in_folder(folder: Path) -> Iterator[None]:
    previous = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(previous)


def _git(project: Project, *args: str) -> bytes:
    result = subprocess.run(["git", *args], cwd=project.root, capture_output=True, check=False)
    if result.returncode != 0:
        raise ProjectError(f"git {' '.join(args)} failed: {result.stderr.decode(errors='replace').strip()}")
    return result.stdout


def _require_repository(project: Project) -> None:
    probe = subprocess.run(
        ["git", "rev-parse", "--verify", "HEAD"], cwd=project.root, capture_output=True, check=False
    )
    if probe.returncode != 0:
        raise ProjectError(
            f"{project.root} is not a git repository with a commit: editions are recorded on its "
            f"local branch '{EDITIONS_BRANCH}' (run 'git init' and commit first)"
        )


def list_editions(project: Project) -> list[Edition]:
    """The editions recorded on the editions branch, newest first (as mike orders them)."""
    from mike import commands

    _require_repository(project)
    with _in_folder(project.root):
        versions = commands.list_versions(EDITIONS_BRANCH)
    return [Edition(str(v.version), str(v.title), tuple(sorted(v.aliases))) for v in versions]


def default_edition(editions: list[Edition]) -> Edition | None:
    """The edition readers get by default: the one aliased `latest`, else the newest."""
    for edition in editions:
        if LATEST in edition.aliases:
            return edition
    return editions[0] if editions else None


def edition_catalogue(project: Project, version: str) -> dict[str, Any]:
    """The `library.json` an edition was released with."""
    data = _git(project, "show", f"{EDITIONS_BRANCH}:{version}/{CATALOGUE_FILE}")
    return json.loads(data.decode("utf-8"))  # type: ignore[no-any-return]


def published_urls(catalogue: dict[str, Any]) -> dict[str, str]:
    """Every URL an edition published for its documents → the id of the document it belongs to.

    Document pages (`url`), permalinks of ids and aliases (`r/<ID>/`), and the pages of
    former ids (`dokumenty/<alias>/`). An edition's `library.json` is the record of them.
    """
    urls: dict[str, str] = {}
    for document in catalogue["documents"]:
        urls[document["url"]] = document["id"]
        for name in (document["id"], *document.get("aliases", [])):
            urls[permalink_url(name)] = document["id"]
        for alias in document.get("aliases", []):
            urls[document_url(alias)] = document["id"]
    return urls


def changed_owners(edition: str, before: dict[str, Any], after: dict[str, Any]) -> list[ChangedOwner]:
    """URLs of an earlier edition (catalogue `before`) that the catalogue `after` gives to another document.

    A URL stays with its document when the new owner has the same id, or carries the old
    owner's id among its aliases (the document was renamed) and was not itself a separate
    document of the earlier edition (two documents merged into one). URLs the new edition
    lacks are [`lost_urls`][ksr_library.editions.lost_urls]' concern, not this one's.
    """
    earlier_ids = {d["id"] for d in before["documents"]}
    aliases = {d["id"]: set(d.get("aliases", [])) for d in after["documents"]}
    owners = published_urls(after)
    changed = []
    for url, old in sorted(published_urls(before).items()):
        new = owners.get(url, old)
        renamed = old in aliases.get(new, set()) and new not in earlier_ids
        if new != old and not renamed:
            changed.append(ChangedOwner(edition, url, old, new))
    return changed


def edition_title_problem(title: str) -> str | None:
    """Why a title cannot be shown in the edition selector, or `None`.

    Material renders titles from `versions.json` as HTML, so a title is plain text:
    no `<`, `>` or `&`, no control characters, 1 to `TITLE_MAX` characters.
    """
    if not title.strip() or len(title) > TITLE_MAX:
        return f"an edition title has 1 to {TITLE_MAX} characters"
    char = first_forbidden(title)
    if char:
        return f"the edition title: {character_message(char)}"
    if _MARKUP.search(title):
        return "an edition title is plain text: '<', '>' and '&' are not allowed (write 'i' for '&')"
    return None


def lost_urls(project: Project, site_dir: Path, editions: list[Edition]) -> list[LostUrl]:
    """URLs of earlier editions that the site in `site_dir` would not serve."""
    lost = []
    for edition in editions:
        for url, document in sorted(published_urls(edition_catalogue(project, edition.version)).items()):
            if not (site_dir / url / "index.html").is_file():
                lost.append(LostUrl(edition.version, url, document))
    return lost


def release(
    project: Project,
    edition: str,
    *,
    alias: str | None = None,
    title: str | None = None,
    include_drafts: bool = False,
    quiet: bool = False,
) -> Edition:
    """Build the library and record it as an edition, refusing to break published links.

    Raises:
        ReleaseRefusedError: Some URL of an earlier edition would be lost, or would lead to
            a different document; each is listed.
        KsrError: A bad edition name or title, or the library or build failed.
    """
    from mike import commands

    _require_repository(project)
    for name in filter(None, (edition, alias)):
        if not _EDITION_NAME.match(name):
            raise KsrError(f"'{name}' is not a valid edition name: use letters, digits, '.', '_' and '-'")
    title = title if title is not None else f"Wydanie {edition}"
    problem = edition_title_problem(title)
    if problem:
        raise KsrError(f"{problem}; nothing was released")
    earlier = [e for e in list_editions(project) if e.version != edition]
    with tempfile.TemporaryDirectory(prefix="ksr-release-") as tmp:
        staged = Project(project.root, project.library_dir, Path(tmp) / "site")
        build_site(staged, include_drafts=include_drafts, quiet=quiet, edition=edition)
        site_dir = staged.settings.site_dir
        _refuse_broken_links(project, edition, site_dir, earlier)
        config = {"site_dir": str(site_dir), "use_directory_urls": True}
        aliases = [alias] if alias else []
        with (
            _in_folder(project.root),
            commands.deploy(
                config,
                edition,
                title,
                aliases,
                update_aliases=True,
                alias_type=commands.AliasType.copy,
                branch=EDITIONS_BRANCH,
                message=f"Release edition {edition} of the library",
            ),
        ):
            pass
    return next(e for e in list_editions(project) if e.version == edition)


def plain_titles(versions_json: str) -> str:
    """`versions.json` with `<`, `>` and `&` of every title escaped.

    Material's edition selector renders titles as HTML; escaped, an edition released
    before titles were checked shows its title as text. Plain titles are unchanged.
    """
    versions = json.loads(versions_json)
    for version in versions:
        version["title"] = html.escape(version["title"], quote=False)
    return json.dumps(versions)


def _refuse_broken_links(project: Project, edition: str, site_dir: Path, earlier: list[Edition]) -> None:
    """Refuse a new edition (built in `site_dir`) that loses a URL or gives one to another document.

    Raises:
        ReleaseRefusedError: Each such URL is listed, with its document(s) and edition.
    """
    lost = lost_urls(project, site_dir, earlier)
    if lost:
        listed = "\n  ".join(str(item) for item in lost)
        raise ReleaseRefusedError(
            f"edition {edition} would break {len(lost)} published link(s); nothing was released:\n  {listed}\n"
            "Keep each document, or list its old id under 'aliases' of the document that replaces it."
        )
    current = json.loads((site_dir / CATALOGUE_FILE).read_text(encoding="utf-8"))
    changed = [
        change
        for e in earlier
        for change in changed_owners(e.version, edition_catalogue(project, e.version), current)
    ]
    if changed:
        listed = "\n  ".join(str(item) for item in changed)
        raise ReleaseRefusedError(
            f"edition {edition} would give {len(changed)} published link(s) to another document; "
            f"nothing was released:\n  {listed}\n"
            "An id, once published, stays with its document: give the new document a new id."
        )


def export(project: Project, target: Path) -> list[Edition]:
    """Write every edition, `versions.json`, a root page, a root 404 page and root permalinks into `target`.

    The tree is written beside `target` and swapped in whole, so a failed export leaves
    `target` as it was; `target` may be new, empty, or an earlier export.

    Raises:
        KsrError: There is no edition yet, or `target` may not be written (see
            `site_folder.guard_site_dir`).
    """
    editions = list_editions(project)
    default = default_edition(editions)
    if default is None:
        raise KsrError("there is no edition yet: release one with 'ksr-library release EDITION'")
    target = guard_site_dir(
        target, project_root=project.root, sources=(project.library_dir, project.settings.docs_dir)
    )
    staging = prepare_staging(target)
    try:
        _write_export(project, editions, default, staging)
        _copy_not_found(default, staging)
        swap_in(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return editions


def _write_export(project: Project, editions: list[Edition], default: Edition, folder: Path) -> None:
    archive = _git(project, "archive", "--format=tar", EDITIONS_BRANCH)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    versions = folder / "versions.json"
    versions.write_text(plain_titles(versions.read_text(encoding="utf-8")), encoding="utf-8")
    script = f"{default.version}/{REDIRECT_SCRIPT}"
    (folder / "index.html").write_text(
        redirect_html(f"{default.version}/", default.title, script), encoding="utf-8"
    )
    for path, (url, title) in root_permalinks(project, editions).items():
        page = folder / path
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(redirect_html(url, title, relative_url(script, path)), encoding="utf-8")


def _copy_not_found(default: Edition, folder: Path) -> None:
    """The default edition's 404 page at the root: it links into its edition's folder, so it is right there too."""
    page = folder / default.version / NOT_FOUND_PAGE
    if page.is_file():  # editions released before the 404 page had its edition's links have none
        shutil.copyfile(page, folder / NOT_FOUND_PAGE)


def root_permalinks(project: Project, editions: list[Edition]) -> dict[str, tuple[str, str]]:
    """`r/<ID>/index.html` at the export root → (relative target, title) in the newest edition.

    The newest edition is the default one; an id it lacks goes to the newest edition that has it.
    """
    default = default_edition(editions)
    ordered = [default, *[e for e in editions if e != default]] if default else editions
    links: dict[str, tuple[str, str]] = {}
    for edition in ordered:
        assert edition is not None
        for document in edition_catalogue(project, edition.version)["documents"]:
            for name in (document["id"], *document.get("aliases", [])):
                path = f"{permalink_url(name)}index.html"
                links.setdefault(path, (f"../../{edition.version}/{document['url']}", document["title"]))
    return links


def preview(project: Project, *, host: str, port: int) -> None:
    """Export every edition into a temporary folder and serve it until interrupted."""
    import functools
    import http.server

    with tempfile.TemporaryDirectory(prefix="ksr-preview-") as tmp:
        folder = Path(tmp) / "site"
        export(project, folder)
        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
        with http.server.ThreadingHTTPServer((host, port), handler) as server:
            print(f"Serving every edition at http://{host}:{port}/ (Ctrl+C to stop)", flush=True)
            with suppress(KeyboardInterrupt):
                server.serve_forever()
