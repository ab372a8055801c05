"""The options of `ksr-library import`, kept apart so that the CLI starts without the readers."""

from __future__ import annotations

import argparse


def add_arguments(command: argparse.ArgumentParser) -> None:
    """The options of `ksr-library import` (the CLI adds `--library`)."""
    command.add_argument(
        "files", nargs="+", metavar="FILE", help="the .docx, .odt, .pptx or .pdf files to import"
    )
    command.add_argument("--type", required=True, metavar="TYPE", help="the new documents' type, e.g. report")
    command.add_argument("--id", default=None, metavar="ID", help="the new document's id (one file only)")
    command.add_argument(
        "--audience",
        default=None,
        metavar="A,...",
        help="public, trainers, rops, comma separated (default: public)",
    )
    command.add_argument(
        "--into",
        default=None,
        metavar="SUBFOLDER",
        help="folder inside the library (default: the type's folder)",
    )
    command.add_argument("--dry-run", action="store_true", help="print the documents and write nothing")
