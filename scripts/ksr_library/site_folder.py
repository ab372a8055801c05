"""Site folders: where a build may write, and how a new site replaces the old one.

A build never writes into a folder it was not asked to own. [`guard_site_dir`][ksr_library.site_folder.guard_site_dir]
refuses, before anything is touched, a site folder that is or contains the project, is, contains
or lies inside the library or `docs/`, is a file or a symbolic link, has no parent folder, or is
a non-empty folder that no earlier build marked as a site (the marker file [`SITE_MARKER`][ksr_library.site_folder.SITE_MARKER]).

A site is built in a staging folder beside its target ([`staging_dir`][ksr_library.site_folder.staging_dir])
and swapped in whole ([`swap_in`][ksr_library.site_folder.swap_in]): on Linux with one atomic
`renameat2(RENAME_EXCHANGE)`, so a complete site exists at every instant. Staging folders of
builds that were killed are removed by the next build ([`clean_leftovers`][ksr_library.site_folder.clean_leftovers]),
and build worker processes end with their parent ([`die_with_parent`][ksr_library.site_folder.die_with_parent]).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import re
import shutil
import signal
import sys
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

from ksr_library.errors import ProjectError

SITE_MARKER = ".ksr-site"
"""A file at the root of every site ksr-library builds; only a marked folder may be replaced."""
SITE_MARKER_TEXT = "This folder is a site built by ksr-library; the next build may replace it.\n"
"""The marker's content (constant, so that two builds of one library stay byte-identical)."""
LEGACY_SITE_FILES = ("index.html", "library.json", "sitemap.xml")
"""Files that together show a site built before sites were marked; such a folder may be replaced."""
_LEFTOVER = r"\.{name}\.(?:building|old)-(?P<pid>[0-9]+)(?:\.[a-z]+)?"
"""Names of a build's staging folder, of the old site it swaps out, and of its hand-over files."""
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_PR_SET_PDEATHSIG = 1


def guard_site_dir(site_dir: Path, *, project_root: Path, sources: Iterable[Path]) -> Path:
    """Refuse a site folder a build must not replace; nothing is touched either way.

    Args:
        site_dir: Where the site would go (`--site-dir`, or `site_dir` of `mkdocs.yml`).
        project_root: The project folder: the site may lie inside it, but not be or contain it.
        sources: Folders the site may not be, contain or lie inside (the library, `docs/`).

    Returns:
        The site folder, absolute.

    Raises:
        ProjectError: One line that says why the folder is refused and what to do.
    """
    absolute = site_dir.absolute()
    if absolute.is_symlink():
        raise ProjectError(f"site folder {absolute} is a symbolic link: give the real folder")
    target = absolute.resolve()
    root = project_root.resolve()
    if target == root or root.is_relative_to(target):
        raise ProjectError(
            f"site folder {target} {'is' if target == root else 'contains'} the project folder: "
            "a build would replace it; choose a new folder such as 'site'"
        )
    for source in (s.resolve() for s in sources):
        if target == source or source.is_relative_to(target) or target.is_relative_to(source):
            relation = (
                "is" if target == source else "contains" if source.is_relative_to(target) else "lies inside"
            )
            raise ProjectError(
                f"site folder {target} {relation} {source}: a build would replace it; "
                "choose a folder outside the library and docs, such as 'site'"
            )
    _refuse_unusable(target)
    return target


def _refuse_unusable(target: Path) -> None:
    """Refuse a site folder that is a file, has no parent, or holds something other than a site."""
    if not target.parent.is_dir():
        raise ProjectError(f"site folder {target}: its parent folder {target.parent} does not exist")
    if target.exists() and not target.is_dir():
        raise ProjectError(f"site folder {target} is a file: choose a folder")
    if target.is_dir() and not is_site(target) and any(target.iterdir()):
        raise ProjectError(
            f"site folder {target} is not empty and is not a site built by ksr-library "
            f"(no {SITE_MARKER} file): choose a new or empty folder"
        )
    if not os.access(target.parent, os.W_OK | os.X_OK):
        raise ProjectError(f"site folder {target}: its parent folder {target.parent} is not writable")


def is_site(folder: Path) -> bool:
    """Whether a folder holds a complete site built by ksr-library (marked, or built before marks)."""
    if (folder / SITE_MARKER).is_file():
        return True
    return all((folder / name).is_file() for name in LEGACY_SITE_FILES)


def mark_site(folder: Path) -> None:
    """Mark a complete site, as the last step before it is swapped in."""
    (folder / SITE_MARKER).write_text(SITE_MARKER_TEXT, encoding="utf-8")


def staging_dir(site_dir: Path, pid: int | None = None) -> Path:
    """The folder beside `site_dir` in which this process builds (same file system, for the swap)."""
    return site_dir.with_name(f".{site_dir.name}.building-{os.getpid() if pid is None else pid}")


def prepare_staging(site_dir: Path) -> Path:
    """Remove what killed builds left beside `site_dir`, then create this process's staging folder.

    Returns:
        The new, empty staging folder.

    Raises:
        ProjectError: The staging folder cannot be created (e.g. a read-only file system).
    """
    clean_leftovers(site_dir)
    staging = staging_dir(site_dir)
    shutil.rmtree(staging, ignore_errors=True)
    try:
        staging.mkdir()
    except OSError as err:
        raise ProjectError(
            f"site folder {site_dir}: its parent folder {site_dir.parent} is not writable "
            f"({(err.strerror or str(err)).lower()})"
        ) from None
    return staging


def swap_in(new_site: Path, site_dir: Path, *, remove: Callable[[Path], None] | None = None) -> None:
    """Replace `site_dir` with the complete site in `new_site`, marking it first.

    With an earlier site in place, the two folders are exchanged in one atomic rename
    (Linux `renameat2` with `RENAME_EXCHANGE`), so a complete site exists at every instant,
    and the old one is then removed from `new_site`'s name. Where the exchange is not
    available, two renames are used; a build killed between them leaves the old site
    under a name that [`clean_leftovers`][ksr_library.site_folder.clean_leftovers] recognises.

    Args:
        new_site: The complete new site.
        site_dir: Where it goes.
        remove: Removes the old site once it is out of the way (by default at once, before
            returning); a live preview removes it in the background instead.

    Raises:
        OSError: The rename failed; `site_dir` is as it was.
    """
    mark_site(new_site)
    if not site_dir.exists():
        new_site.rename(site_dir)
        return
    if _exchange(new_site, site_dir):
        old = new_site
    else:
        old = site_dir.with_name(f".{site_dir.name}.old-{os.getpid()}")
        site_dir.rename(old)
        new_site.rename(site_dir)
    (remove or _remove_tree)(old)


def _remove_tree(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    """Atomically exchange two paths; `False` when the system cannot (then nothing changed).

    Raises:
        OSError: The exchange is supported but failed.
    """
    renameat2 = _libc_function("renameat2")
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in {errno.EINVAL, errno.ENOSYS, errno.ENOTSUP}:
        return False
    raise OSError(code, os.strerror(code), str(second))


@cache
def _libc_function(name: str) -> ctypes._CFuncPtr | None:  # type: ignore[name-defined]
    """A function of the C library, or `None` off Linux or where the library lacks it."""
    if not sys.platform.startswith("linux"):
        return None
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    return getattr(libc, name, None)


def clean_leftovers(site_dir: Path) -> list[Path]:
    """Remove staging folders and hand-over files that builds which were killed left beside `site_dir`.

    Only names a build gives (`.NAME.building-PID…`, `.NAME.old-PID…`) whose process is no
    longer running are removed; a build running at the same time keeps its own.

    Returns:
        The paths removed.
    """
    parent = site_dir.parent
    if not parent.is_dir():
        return []
    pattern = re.compile(_LEFTOVER.format(name=re.escape(site_dir.name)))
    removed = []
    for path in sorted(parent.iterdir()):
        match = pattern.fullmatch(path.name)
        if not match or _running(int(match["pid"])):
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed.append(path)
    return removed


def _running(pid: int) -> bool:
    """Whether a process with this id exists (this process counts as running)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def die_with_parent(parent: int) -> None:
    """Worker-process initializer: end this process when its parent ends, even by SIGKILL.

    Pass it to a process pool as `initializer=die_with_parent, initargs=(os.getpid(),)`.
    On Linux the kernel sends SIGKILL to the worker when the parent dies
    (`prctl(PR_SET_PDEATHSIG)`); a worker whose parent is already gone exits at once.
    Elsewhere only the second check applies.
    """
    prctl = _libc_function("prctl")
    if prctl is not None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)


def os_error_message(err: OSError) -> str:
    """One line for a file-system error: what failed, on which path, and the system's reason."""
    reason = (err.strerror or str(err)).lower()
    paths = " -> ".join(str(p) for p in (err.filename, err.filename2) if p is not None)
    hint = {
        errno.ENOSPC: "; free some disk space and build again (the earlier site is unchanged)",
        errno.EDQUOT: "; free some disk space and build again (the earlier site is unchanged)",
        errno.EROFS: "; choose a writable folder",
        errno.EACCES: "; choose a folder you may write to",
        errno.EPERM: "; choose a folder you may write to",
    }.get(err.errno or 0, "")
    return f"{paths}: {reason}{hint}" if paths else f"{reason}{hint}"
