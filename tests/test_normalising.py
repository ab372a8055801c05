"""Golden normalisation cases, the idempotence of canonical metadata, and the library index."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REK, library_from_case, load_cases, write_tree
from ksr_library.checking import check_library
from ksr_library.navigation import by_tag, module_position
from ksr_library.normalising import canonical, normalise, normalise_library


@pytest.mark.parametrize("case", load_cases("normalise"))
def test_normalised_output(tmp_path: Path, case: dict[str, Any]) -> None:
    library = check_library(library_from_case(tmp_path, case))
    for doc_id, expected in case["normalised"].items():
        entry = library.resolve(doc_id)
        assert entry is not None
        result = normalise(entry, library)
        record = result.doc.model_dump(mode="json", exclude_none=True)
        for key, value in expected.get("meta", {}).items():
            assert record.get(key) == value, key
        if "html" in expected:
            assert result.body.html == expected["html"].rstrip("\n")


@settings(max_examples=60, deadline=None)
@given(
    tags=st.lists(st.sampled_from(["b", "a", "c"]), max_size=5),
    related=st.lists(st.sampled_from(["RAP-02", "STARY-2"]), max_size=4),
)
def test_canonical_metadata_is_idempotent(tmp_path_factory: pytest.TempPathFactory, tags: list[str], related: list[str]) -> None:
    first = REK.format(id="RAP-01", title="A", body="").replace("theme: finansowanie", f"theme: x\ntags: {tags}\nrelated: {related}")
    second = REK.format(id="RAP-02", title="B", body="").replace("theme: finansowanie", "theme: x\naliases: [STARY-2]")
    library = check_library(write_tree(tmp_path_factory.mktemp("lib"), {"a.md": first, "b.md": second}))
    entry = library.resolve("RAP-01")
    assert entry is not None
    once = canonical(entry.doc, library)
    assert canonical(once, library) == once
    assert once.tags == sorted(set(tags))
    assert once.related == (["RAP-02"] if related else [])


PROGRAMME = """---
id: PROG-NOWY
aliases: [PROG-STARY]
title: Program
type: programme
audience: [trainers]
version: "1.0"
date: 2019-05-01
summary: Program.
---
Program.
"""
MODULE = """---
id: MOD-{n}
title: Moduł {n}
type: module
audience: [trainers]
version: "1.0"
date: 2019-05-01
summary: Moduł.
programme: PROG-STARY
order: {n}
hours: 2
outcomes: [Coś.]
tags: [kis, kis]
---
Treść.
"""


def test_a_module_that_names_its_programme_by_a_former_id_is_on_its_path(tmp_path: Path) -> None:
    files = {"p.md": PROGRAMME, "m1.md": MODULE.format(n=1), "m2.md": MODULE.format(n=2)}
    index = normalise_library(check_library(write_tree(tmp_path, files)))
    assert [m.id for m in index.modules_of("PROG-NOWY")] == ["MOD-1", "MOD-2"]
    position = module_position(index, index.require("MOD-2"))
    assert position is not None and position.number == 2 and position.previous is not None
    assert position.previous.id == "MOD-1" and position.path.programme.id == "PROG-NOWY"


def test_a_repeated_tag_lists_a_document_once(tmp_path: Path) -> None:
    files = {"p.md": PROGRAMME, "m1.md": MODULE.format(n=1)}
    index = normalise_library(check_library(write_tree(tmp_path, files)))
    groups = by_tag(index)
    assert [(g.title, [e.id for e in g.entries]) for g in groups] == [("kis", ["MOD-1"])]


def test_the_index_finds_documents_by_id_and_former_id_in_any_case(tmp_path: Path) -> None:
    index = normalise_library(check_library(write_tree(tmp_path, {"p.md": PROGRAMME})))
    assert index.get("prog-stary") is index.get("PROG-NOWY") is index.require("Prog-Nowy")
    assert index.get("PROG-INNY") is None
