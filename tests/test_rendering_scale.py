"""Linear time: `check` renders 2 MB adversarial bodies in seconds (bounded by a timeout, not timed)."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import REK, ROOT, run_cli, write_tree
from ksr_library.reading import MAX_FILE_BYTES

SIZE = MAX_FILE_BYTES - 4096
"""Just under the file limit, leaving room for the front matter."""
UNITS = {
    "refs": "[[",
    "brackets": "[",
    "backticks": "`",
    "angles": "<",
    "emphasis": "*_",
    "quotes": "> ",
    "lists": "  - ",
    "table": "| a | b |\n",
    "items": "- a\n",
    "images": "![",
    "codes": "`a` ",
}


def test_check_renders_adversarial_bodies_in_linear_time(tmp_path: Path) -> None:
    files = {}
    for i, (name, unit) in enumerate(UNITS.items()):
        body = unit * (SIZE // len(unit))
        if name == "table":
            body = "| a | b |\n|---|---|\n" + body
        files[f"{name}.md"] = REK.format(id=f"REK-{i:02d}", title=name, body=body)
    library = write_tree(tmp_path / "library", files)
    (tmp_path / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    result = run_cli(tmp_path, "check", "--library", str(library), timeout=900)
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    problems = result.stderr.strip().splitlines()[:-1]
    assert all(re.match(r"^[a-z]+\.md:\d+:\d+: body: ", line) for line in problems), problems
    reported = {line.split(".md:")[0] for line in problems}
    assert reported == set(UNITS)
    assert result.returncode == 1
