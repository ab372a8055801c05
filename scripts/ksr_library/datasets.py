"""Datasets: a dataset's CSV file read, checked cell by cell, and cut to what a page can show.

**Numbers.** A cell is *normalised* by stripping it, removing the spaces used as thousands
separators (U+0020, U+00A0, U+202F) and, when it has one comma and no dot, reading the
comma as a decimal point. A cell *looks numeric* when Python's `float` reads the normalised
text (so `12`, `-3,5`, `1 234`, `1e3`, `1_000`, but also `1e999`, `nan`, `inf`); it is a
*number* when it looks numeric and its value is finite and at most
[`MAX_NUMBER`][ksr_library.datasets.MAX_NUMBER] in size. A column after the first is
*numeric* when it has a non-empty cell and every non-empty cell looks numeric; there, a
cell that is not a number (`1e999`, `nan`, `-inf`, `1e20`) is a problem reported at its
line and column. A column with any other text is a text column and is never charted.

**Size.** A file over [`MAX_DATASET_BYTES`][ksr_library.datasets.MAX_DATASET_BYTES] is
refused. A dataset of more than [`TABLE_ROWS`][ksr_library.datasets.TABLE_ROWS] rows stays
valid, but its page offers the file for download instead of a table, with a chart of an
even sample of its rows ([`dataset_view`][ksr_library.datasets.dataset_view]).
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from pathlib import Path

from ksr_library.attachments import attachment_problem
from ksr_library.characters import character_message, first_forbidden
from ksr_library.errors import Problem, capped

MAX_DATASET_BYTES = 5 * 1024 * 1024
"""A dataset's CSV file larger than this is refused."""
TABLE_ROWS = 1000
"""A dataset with more data rows than this is shown download-only, with a sampled chart."""
CHART_SAMPLE_ROWS = 50
"""How many evenly spaced rows the chart of a download-only dataset shows."""
MAX_NUMBER = 1e15
"""The largest magnitude a number in a dataset may have (beyond it, charts lose precision)."""

_SEPARATORS = str.maketrans("", "", " \u00a0\u202f")


def _normalised(cell: str) -> str:
    text = cell.strip().translate(_SEPARATORS)
    return text.replace(",", ".", 1) if text.count(",") == 1 and "." not in text else text


def _float(cell: str) -> float | None:
    try:
        return float(_normalised(cell))
    except ValueError:
        return None


def looks_numeric(cell: str) -> bool:
    """Whether `float` reads a cell once normalised (also `1e999`, `nan`, `inf`)."""
    return _float(cell) is not None


def number(cell: str) -> float | None:
    """The value of a cell that is a number by the rule above (finite, within `MAX_NUMBER`), else `None`."""
    value = _float(cell)
    return value if value is not None and math.isfinite(value) and abs(value) <= MAX_NUMBER else None


def numeric_columns(rows: list[list[str]]) -> list[int]:
    """Indexes of the columns after the first whose non-empty cells all look numeric (header row first)."""
    columns = []
    for index in range(1, len(rows[0])):
        cells = [row[index] for row in rows[1:] if row[index].strip()]
        if cells and all(looks_numeric(c) for c in cells):
            columns.append(index)
    return columns


def read_records(path: Path) -> list[tuple[int, list[str]]]:
    """The non-empty records of a CSV file (UTF-8, BOM allowed, commas), each with its file line.

    Raises:
        UnicodeDecodeError: The file is not UTF-8.
        csv.Error: The file is not valid CSV.
    """
    text = path.read_bytes().decode("utf-8-sig")
    reader = csv.reader(io.StringIO(text, newline=""))
    records = []
    line = 1
    for row in reader:
        if row:
            records.append((line, row))
        line = reader.line_num + 1
    return records


def read_csv(path: Path) -> list[list[str]]:
    """Read a dataset's CSV file (UTF-8, header row, commas) into rows, the header first."""
    return [row for _, row in read_records(path)]


def csv_problem(path: Path) -> str | None:
    """Why a CSV file cannot be shown as a table (type, size, encoding, syntax, shape), or `None`."""
    if path.suffix.lower() != ".csv":
        return f"'{path.name}' is not a .csv file: a dataset's data is a CSV file"
    size = path.stat().st_size
    if size > MAX_DATASET_BYTES:
        return f"'{path.name}' is {size} bytes; the limit for a dataset is {MAX_DATASET_BYTES}"
    content = attachment_problem(path)
    if content:
        return content
    try:
        rows = read_csv(path)
    except UnicodeDecodeError:
        return f"'{path.name}' is not UTF-8"
    except csv.Error as err:
        return f"'{path.name}' is not valid CSV: {err}"
    if len(rows) < 2:
        return f"'{path.name}' needs a header row and at least one data row"
    width = len(rows[0])
    for number_, row in enumerate(rows[1:], start=2):
        if len(row) != width:
            return f"'{path.name}' row {number_} has {len(row)} columns; the header has {width}"
    return None


def cell_problems(path: Path, rel: str) -> list[Problem]:
    """Problems of single cells of a well-formed CSV file, located at line and column in it.

    Forbidden characters anywhere, and cells of a numeric column that are not numbers.

    Args:
        path: The CSV file, which [`csv_problem`][ksr_library.datasets.csv_problem] accepted.
        rel: Its path relative to the library, for the problems' location.
    """
    records = read_records(path)
    header = records[0][1]
    problems = []
    for line, row in records:
        for column, cell in enumerate(row, start=1):
            char = first_forbidden(cell.replace("\r", "").replace("\n", " "))
            if char:
                problems.append(
                    Problem(
                        rel, line, column, "data", f"column '{header[column - 1]}': {character_message(char)}"
                    )
                )
    for column in numeric_columns([row for _, row in records]):
        for line, row in records[1:]:
            cell = row[column].strip()
            if cell and number(cell) is None:
                message = _number_message(cell)
                problems.append(
                    Problem(rel, line, column + 1, "data", f"column '{header[column]}': {message}")
                )
    return capped(sorted(problems))


def _number_message(cell: str) -> str:
    value = _float(cell)
    if value is not None and math.isfinite(value):
        return f"'{cell}' is larger than {MAX_NUMBER:.0e}: give it in larger units (e.g. thousands)"
    return (
        f"'{cell}' is not a finite number: write the number, or leave the cell empty where there is no value"
    )


@dataclass(frozen=True)
class DatasetView:
    """What a dataset's page shows: all rows as a table, or (over `TABLE_ROWS`) a sample for a chart."""

    header: list[str]
    """The header row."""
    rows: list[list[str]]
    """The rows shown: all data rows, or an even sample of them when `sampled`."""
    sampled: bool
    """The dataset has more than `TABLE_ROWS` rows: offer the file for download, chart `rows` only."""
    total_rows: int
    """How many data rows the file has."""


def dataset_view(rows: list[list[str]]) -> DatasetView:
    """Cut a dataset (header row first) to what its page can show.

    Args:
        rows: The rows of the CSV file, as [`read_csv`][ksr_library.datasets.read_csv] gives them.

    Returns:
        All data rows when there are at most `TABLE_ROWS`; otherwise `CHART_SAMPLE_ROWS`
        evenly spaced rows, the first and the last included, marked as sampled.
    """
    header, data = rows[0], rows[1:]
    if len(data) <= TABLE_ROWS:
        return DatasetView(header, data, sampled=False, total_rows=len(data))
    step = (len(data) - 1) / (CHART_SAMPLE_ROWS - 1)
    sample = [data[round(i * step)] for i in range(CHART_SAMPLE_ROWS)]
    return DatasetView(header, sample, sampled=True, total_rows=len(data))
