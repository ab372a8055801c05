"""The search index: the compact encoding expands, in node, into exactly lunr.py's index."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT
from ksr_library.checking import check_library
from ksr_library.normalising import normalise_library
from ksr_library.search_index import (
    LUNR_VERSION,
    analysed_fields,
    build_postings,
    compact,
    lunr_index,
    plain_text,
    search_bundle,
    search_rows,
    search_sources,
)

EXPAND = ROOT / "scripts/ksr_library/assets/lunr-compact.js"


@pytest.fixture(scope="module")
def demo() -> tuple[dict[str, object], dict[str, object]]:
    documents = normalise_library(check_library(ROOT / "library"))
    rows = search_rows(search_sources(documents))
    reference = lunr_index([analysed_fields(record, body) for record, body in rows])  # one lunr.py build
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("ksr_library.search_index.SHARD", 7)  # the production path, in many shards
        return reference, compact(build_postings(rows))


def expand_in_node(compacted: dict[str, object], tmp_path: Path) -> dict[str, object]:
    node = shutil.which("node")
    assert node, "node is part of the machine image and is needed to test the browser side"
    source = tmp_path / "compact.json"
    source.write_text(json.dumps(compacted), encoding="utf-8")
    script = (
        f"const c = require({json.dumps(str(EXPAND))});"
        f"const data = require({json.dumps(str(source))});"
        "process.stdout.write(JSON.stringify(c.expand(data)));"
    )
    result = subprocess.run([node, "-e", script], capture_output=True, text=True, timeout=60, check=True)
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_expanded_index_is_lunr_py_index(demo: tuple[dict, dict], tmp_path: Path) -> None:
    serialised, compacted = demo
    expanded = expand_in_node(compacted, tmp_path)
    assert expanded["fields"] == serialised["fields"]
    assert expanded["pipeline"] == ["ksrPolish"] == serialised["pipeline"]
    assert expanded["version"] == LUNR_VERSION == serialised["version"]
    renumber = {posting["_index"]: i for i, (_, posting) in enumerate(serialised["invertedIndex"])}
    assert [t for t, _ in expanded["invertedIndex"]] == [t for t, _ in serialised["invertedIndex"]]
    for (_, ours), (_, theirs) in zip(expanded["invertedIndex"], serialised["invertedIndex"], strict=True):
        assert {f: set(ours[f]) for f in serialised["fields"]} == {
            f: set(theirs[f]) for f in serialised["fields"]
        }
    theirs_vectors = {
        ref: sorted((renumber[v[i]], v[i + 1]) for i in range(0, len(v), 2))
        for ref, v in serialised["fieldVectors"]
    }
    ours_vectors = {
        ref: [(v[i], v[i + 1]) for i in range(0, len(v), 2)] for ref, v in expanded["fieldVectors"]
    }
    assert set(ours_vectors) == set(theirs_vectors)
    for ref, elements in theirs_vectors.items():
        assert [i for i, _ in ours_vectors[ref]] == [i for i, _ in elements], ref
        for (_, ours_score), (_, their_score) in zip(ours_vectors[ref], elements, strict=True):
            assert ours_score == pytest.approx(their_score, abs=0.0011), ref


def test_compact_encoding_is_smaller(demo: tuple[dict, dict]) -> None:
    serialised, compacted = demo
    assert len(json.dumps(compacted)) < len(json.dumps(serialised)) / 2


def test_drafts_are_never_indexed() -> None:
    documents = normalise_library(check_library(ROOT / "library", include_drafts=True))
    bundle = json.loads(search_bundle(search_sources(documents)))
    ids = {d["id"] for d in bundle["documents"]}
    assert "REK-15" not in ids
    assert {"REK-11", "RAP-DIAG-2018"} <= ids


def test_plain_text_drops_markup() -> None:
    text = plain_text("## Tytuł\n\n- **ważne** [link](../x/index.md) i `kod`\n\n| a | b |\n| --- | --- |\n")
    assert text == "Tytuł ważne link i kod a b"
