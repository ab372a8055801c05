"""CLI: `ksr-library`, a thin shell over the pipeline.

Works on the project in the current directory (where `mkdocs.yml` is), like `mkdocs`.
User mistakes end with a message and exit code 1, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from ksr_library.errors import KsrError, LibraryInvalidError
from ksr_library.importing.arguments import add_arguments as import_arguments

Handler = Callable[[argparse.Namespace], int]


def _check(args: argparse.Namespace) -> int:
    from ksr_library.checking import check_library
    from ksr_library.library_warnings import library_warnings
    from ksr_library.project import find_project

    project = find_project(Path.cwd(), library=args.library)
    library = check_library(project.library_dir, include_drafts=True)
    warnings = library_warnings(library)
    for warning in warnings:
        print(warning, file=sys.stderr)
    found = f", {len(warnings)} warning{'s' if len(warnings) != 1 else ''}" if warnings else ""
    print(f"{len(library.entries)} documents, {len(library.glossary)} glossary terms: no problems found{found}")
    return 0


def _build(args: argparse.Namespace) -> int:
    from ksr_library.building import build_site
    from ksr_library.project import find_project

    project = find_project(Path.cwd(), library=args.library, site_dir=args.site_dir)
    report = build_site(project, include_drafts=args.drafts, quiet=args.quiet)
    if not args.quiet:
        print(f"Built {report.documents} documents into {report.site_dir}")
        print("Preview it with: ksr-library serve   (or open site/index.html)")
    return 0


def _serve(args: argparse.Namespace) -> int:
    from ksr_library.project import find_project
    from ksr_library.serving import serve

    project = find_project(Path.cwd(), library=args.library)
    serve(project, host=args.host, port=args.port, include_drafts=args.drafts)
    return 0


def _new(args: argparse.Namespace) -> int:
    from ksr_library.project import find_project
    from ksr_library.scaffold import new_document

    project = find_project(Path.cwd(), library=args.library)
    path = new_document(project.library_dir, args.type, args.id)
    print(
        f"Wrote {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}: fill in the title, summary and text, then remove 'status: draft' to publish it"
    )
    return 0


def _import(args: argparse.Namespace) -> int:
    from ksr_library.importing.command import ImportRequest, describe, plan_imports, write_plans
    from ksr_library.project import find_project

    project = find_project(Path.cwd(), library=args.library)
    audience = tuple(a.strip() for a in (args.audience or "").split(",") if a.strip())
    request = ImportRequest(args.type, args.id, audience, args.into)
    plans = plan_imports([Path(f) for f in args.files], project.library_dir, request)
    if not args.dry_run:
        write_plans(plans)
    for plan in plans:
        if args.dry_run:
            print(plan.text)
        print("\n".join(describe(plan, Path.cwd(), dry_run=args.dry_run)))
    return 0


def _schema(args: argparse.Namespace) -> int:
    import json

    from ksr_library.schema import json_schema

    text = json.dumps(json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def _release(args: argparse.Namespace) -> int:
    from ksr_library.editions import release
    from ksr_library.project import find_project

    project = find_project(Path.cwd(), library=args.library)
    edition = release(project, args.edition, alias=args.alias, title=args.title, quiet=args.quiet)
    aliases = f" (aliases: {', '.join(edition.aliases)})" if edition.aliases else ""
    print(f"Released edition {edition.version}: {edition.title}{aliases}")
    return 0


def _editions(args: argparse.Namespace) -> int:
    from ksr_library.editions import EDITIONS_BRANCH, default_edition, list_editions
    from ksr_library.project import find_project

    editions = list_editions(find_project(Path.cwd(), library=args.library))
    if not editions:
        print(f"No editions yet (branch '{EDITIONS_BRANCH}'): release one with 'ksr-library release EDITION'")
    default = default_edition(editions)
    for edition in editions:
        mark = "*" if edition == default else " "
        aliases = f"  [{', '.join(edition.aliases)}]" if edition.aliases else ""
        print(f"{mark} {edition.version:<12} {edition.title}{aliases}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from ksr_library.editions import export
    from ksr_library.project import find_project

    editions = export(find_project(Path.cwd(), library=args.library), Path(args.dir))
    print(f"Exported {len(editions)} edition(s) to {args.dir}: copy the folder to any static host")
    return 0


def _preview(args: argparse.Namespace) -> int:
    from ksr_library.editions import preview
    from ksr_library.project import find_project

    preview(find_project(Path.cwd(), library=args.library), host=args.host, port=args.port)
    return 0


def _synth(args: argparse.Namespace) -> int:
    from ksr_library.synth import synthesise

    written = synthesise(args.count, Path(args.dir), seed=args.seed)
    print(f"Wrote {written} documents to {args.dir}; build them with: ksr-library build --library {args.dir}")
    return 0


def parser() -> argparse.ArgumentParser:
    """The argument parser of `ksr-library`."""
    top = argparse.ArgumentParser(
        prog="ksr-library",
        description="Publish the KSR project library (Markdown with YAML front matter) as a static site.",
    )
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        return sub

    def library_option(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--library", type=Path, default=None, metavar="DIR", help="library folder (default: library)"
        )

    check = command(
        "check", _check, "validate the library; print every problem as PATH:LINE:COL: key: message"
    )
    library_option(check)
    build = command("build", _build, "check, normalise and build the site with MkDocs (strict)")
    library_option(build)
    build.add_argument(
        "--site-dir", type=Path, default=None, metavar="DIR", help="where to write the site (default: site)"
    )
    build.add_argument("--drafts", action="store_true", help="include documents with status: draft")
    build.add_argument("--quiet", "-q", action="store_true", help="print nothing but errors")
    serve = command("serve", _serve, "live preview that rebuilds when a library file changes")
    library_option(serve)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--drafts", action="store_true", help="include drafts in the preview")
    new = command("new", _new, "write a new document with valid front matter for a type")
    library_option(new)
    new.add_argument(
        "type",
        metavar="TYPE",
        help="model, programme, module, recommendation, report, expertise, guide or dataset",
    )
    new.add_argument("id", metavar="ID", help="the new document's id, e.g. REK-17")
    imports = command("import", _import, "turn DOCX, ODT, PPTX or PDF files into draft documents")
    library_option(imports)
    import_arguments(imports)
    schema = command("schema", _schema, "print the JSON Schema of a document's front matter")
    schema.add_argument("--output", "-o", default=None, metavar="FILE", help="write it to FILE")
    release = command("release", _release, "build the library and record it as an edition (local git branch)")
    library_option(release)
    release.add_argument("edition", metavar="EDITION", help="edition name, e.g. 2019 or 1.0")
    release.add_argument(
        "--alias", default=None, metavar="NAME", help="also publish it under NAME, e.g. latest"
    )
    release.add_argument("--title", default=None, metavar="TEXT", help="title shown in the edition selector")
    release.add_argument("--quiet", "-q", action="store_true", help="print nothing but errors")
    editions = command("editions", _editions, "list the released editions (* marks the default)")
    library_option(editions)
    export = command("export", _export, "write every edition as one static tree, ready for any static host")
    library_option(export)
    export.add_argument("dir", metavar="DIR", help="an empty or new folder")
    preview = command("preview", _preview, "serve every edition locally, as exported")
    library_option(preview)
    preview.add_argument("--host", default="127.0.0.1")
    preview.add_argument("--port", type=int, default=8001)
    synth = command("synth", _synth, "write a synthetic library of N valid documents (for benchmarks)")
    synth.add_argument("count", metavar="N", type=int, help="how many documents")
    synth.add_argument("dir", metavar="DIR", help="a new or empty folder")
    synth.add_argument(
        "--seed", type=int, default=2019, help="random seed (the same seed gives the same library)"
    )
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run `ksr-library`; return the exit code (0 success, 1 problems or errors)."""
    args = parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except LibraryInvalidError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        print(f"{err.message}; nothing was built or changed", file=sys.stderr)
        return 1
    except KsrError as err:
        print(f"ksr-library: error: {err.message}", file=sys.stderr)
        return 1
    except OSError as err:
        from ksr_library.site_folder import os_error_message

        print(f"ksr-library: error: {os_error_message(err)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("ksr-library: interrupted", file=sys.stderr)
        return 130


def run() -> NoReturn:
    """The `ksr-library` command: `main`, then the process ends.

    When nothing runs in the background any more, everything is written and flushed,
    the process ends at once: the interpreter's tear-down, freeing a whole library's
    objects one by one (half a second at 1,000 documents), does nothing a user needs
    (mypy ends the same way). A live preview's threads get the usual exit.
    """
    code = main()
    if threading.active_count() > 1:
        sys.exit(code)
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError):  # a reader that went away (`| head`) needs nothing more
            stream.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
