"""The demo library keeps what it promises readers, trainers and regional centres."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from conftest import ROOT
from ksr_library.checking import check_library
from ksr_library.documents import Library
from ksr_library.glossary import is_abbreviation
from ksr_library.schema import (
    Audience,
    DocType,
    ModuleDocument,
    ProgrammeDocument,
    RecommendationDocument,
    Status,
)


@pytest.fixture(scope="module")
def library() -> Library:
    return check_library(ROOT / "library", include_drafts=True)


def test_sizes_and_audiences(library: Library) -> None:
    published = [e for e in library.entries if e.doc.status is Status.PUBLISHED]
    assert len(published) >= 45
    per_audience = Counter(a for e in published for a in e.doc.audience)
    assert all(per_audience[a] >= 8 for a in Audience), per_audience
    words = sum(len(re.findall(r"\w+", e.body)) for e in library.entries)
    assert words >= 15_000


def test_every_type_and_status_is_there(library: Library) -> None:
    types = Counter(e.doc.type for e in library.entries)
    assert types[DocType.RECOMMENDATION] >= 12 and types[DocType.EXPERTISE] >= 4
    assert types[DocType.DATASET] >= 2 and types[DocType.GUIDE] >= 2 and types[DocType.REPORT] >= 7
    statuses = Counter(e.doc.status for e in library.entries)
    assert statuses[Status.DRAFT] and statuses[Status.WITHDRAWN] and statuses[Status.SUPERSEDED]
    themes = {e.doc.theme for e in library.entries if isinstance(e.doc, RecommendationDocument)}
    levels = {e.doc.level for e in library.entries if isinstance(e.doc, RecommendationDocument)}
    assert len(themes) >= 4 and len(levels) == 2
    with_history = [e for e in library.entries if e.doc.history and e.doc.aliases]
    assert len(with_history) >= 3
    assert any(e.doc.attachments for e in library.entries if e.doc.type is DocType.REPORT)
    assert {r for e in library.entries if e.doc.type is DocType.REPORT for r in e.doc.region} >= {
        "kujawsko-pomorskie",
        "lubelskie",
        "pomorskie",
        "slaskie",
        "swietokrzyskie",
        "zachodniopomorskie",
    }


def test_the_animator_programme(library: Library) -> None:
    programme = library.resolve("PROG-ZRAR")
    assert programme is not None and isinstance(programme.doc, ProgrammeDocument)
    modules = library.modules_of("PROG-ZRAR")
    assert len(modules) >= 8
    assert programme.doc.hours == sum(m.doc.hours for m in modules if isinstance(m.doc, ModuleDocument))
    for module in modules:
        headings = {h.slug for h in module.headings}
        assert {"plan-zajec", "cwiczenia", "materialy"} <= headings, module.doc.id


def test_glossary_and_links(library: Library) -> None:
    assert len(library.glossary) >= 40
    assert sum(is_abbreviation(g.term) for g in library.glossary) >= 20
    linking = [e for e in library.entries if e.rendered.refs or e.doc.related]
    assert len(linking) > len(library.entries) * 0.8


def test_examples_say_so_and_real_facts_keep_their_source(library: Library) -> None:
    samples = [e for e in library.entries if e.doc.sample]
    assert samples and len(samples) < len(library.entries)
    for entry in library.entries:
        if not entry.doc.sample:
            assert re.search(r"GUS|ustaw|MPiPS|źródł|Dz\.U\.|1\.48", entry.body), entry.doc.id


def test_tags_are_a_small_set_of_shared_topics(library: Library) -> None:
    uses = Counter(tag for e in library.entries for tag in e.doc.tags)
    assert 8 <= len(uses) <= 20, uses
    assert all(count >= 2 for count in uses.values()), [t for t, n in uses.items() if n < 2]
    assert all(e.doc.tags for e in library.entries if e.doc.status is Status.PUBLISHED)
