"""Golden normalisation cases, and the property that normalising is idempotent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import library_from_case, load_cases
from ksr_library.checking import check_library
from ksr_library.documents import Entry, Library
from ksr_library.normalising import normalise
from ksr_library.reading import Located
from ksr_library.rendering.model import NOT_RENDERED
from ksr_library.schema import Audience, ReportDocument, Status


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
        if "body" in expected:
            assert result.body == expected["body"]


IDS = st.sampled_from(["RAP-01", "RAP-02", "RAP-03"])
TEXT = st.one_of(
    st.text(alphabet=list("abcząęł <>/&*_`[]#|\n-"), max_size=40),
    st.sampled_from(["<script>", "</b>", "`", "```\n", "<https://example.org>", "<!-- x -->"]),
)
BODY = st.lists(
    st.one_of(
        TEXT,
        IDS.map(lambda i: f"[[{i}]]"),
        st.tuples(IDS, TEXT).map(lambda t: f"[[{t[0]}|x{t[1].strip('[]|#') or 'y'}]]"),
    ),
    max_size=12,
).map("".join)


def _entry(doc_id: str, body: str, tags: list[str], audience: list[Audience]) -> Entry:
    doc = ReportDocument(
        id=doc_id,
        title=f"Tytuł {doc_id} *x*",
        type="report",
        audience=audience,
        version="1.0",
        date="2019-01-01",
        summary="S.",
        tags=tags,
        related=["RAP-03"] if doc_id != "RAP-03" else [],
        status=Status.PUBLISHED,
    )
    return Entry(
        doc,
        f"{doc_id}.md",
        Path(f"/lib/{doc_id}.md"),
        body,
        10,
        Located({}, {}, {}),
        (),
        NOT_RENDERED,
    )


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(
    body=BODY,
    tags=st.lists(st.sampled_from(["b", "a", "c"]), max_size=5),
    audience=st.lists(st.sampled_from(list(Audience)), min_size=1, max_size=4),
)
def test_normalising_twice_gives_the_same_as_once(
    body: str, tags: list[str], audience: list[Audience]
) -> None:
    entries = tuple(
        _entry(i, body if i == "RAP-01" else "", tags, audience) for i in ("RAP-01", "RAP-02", "RAP-03")
    )
    library = Library(Path("/lib"), entries)
    once = normalise(entries[0], library)
    again_entry = Entry(
        once.doc, "RAP-01.md", Path("/lib/RAP-01.md"), once.body, 10, Located({}, {}, {}), (), NOT_RENDERED
    )
    twice = normalise(again_entry, Library(Path("/lib"), (again_entry, *entries[1:])))
    assert twice.doc == once.doc
    assert twice.body == once.body
