"""Navigation: how each audience walks the library, as pure groupings of entries.

Readers browse by type, theme (tag) and year; trainers follow programmes module by
module; regional centres (ROPS) see recommendations by theme and level, ordered by
priority, and reports by voivodeship. Pages and landing pages are rendered from these.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ksr_library.collation import polish_sorted
from ksr_library.labels import LEVEL_LABELS, REGION_LABELS, TYPE_PLURALS
from ksr_library.links import slugify
from ksr_library.normalising import LibraryIndex, NormalisedDocument
from ksr_library.schema import (
    Audience,
    DocType,
    Level,
    ModuleDocument,
    Priority,
    RecommendationDocument,
    Region,
    Status,
)

_PRIORITY_RANK = {Priority.HIGH: 0, Priority.MEDIUM: 1, Priority.LOW: 2, None: 3}
_STATUS_RANK = {Status.PUBLISHED: 0, Status.DRAFT: 1, Status.SUPERSEDED: 2, Status.WITHDRAWN: 3}
NATIONWIDE = "cała Polska"
"""Label of the group of reports that name no voivodeship."""


@dataclass(frozen=True)
class Group:
    """A titled list of entries, possibly with sub-groups."""

    title: str
    slug: str
    entries: tuple[NormalisedDocument, ...] = ()
    groups: tuple[Group, ...] = ()


@dataclass(frozen=True)
class LearningPath:
    """A programme and its modules in order."""

    programme: NormalisedDocument
    modules: tuple[NormalisedDocument, ...]

    @property
    def hours(self) -> float:
        """Sum of the modules' hours."""
        return sum(m.doc.hours for m in self.modules if isinstance(m.doc, ModuleDocument))


@dataclass(frozen=True)
class Position:
    """Where a module stands in its programme."""

    path: LearningPath
    number: int
    """1-based position among the programme's modules."""
    previous: NormalisedDocument | None
    next: NormalisedDocument | None

    @property
    def total(self) -> int:
        """Number of modules in the programme."""
        return len(self.path.modules)


def reading_order(entries: Iterable[NormalisedDocument]) -> list[NormalisedDocument]:
    """Current documents first, then superseded and withdrawn; newest first; then by id."""
    return sorted(entries, key=lambda e: (_STATUS_RANK[e.doc.status], -e.doc.date.toordinal(), e.doc.id))


def _grouped(entries: Iterable[NormalisedDocument], keys: Callable[[NormalisedDocument], Iterable[str]]) -> dict[str, list[NormalisedDocument]]:
    groups: dict[str, list[NormalisedDocument]] = defaultdict(list)
    for entry in entries:
        for key in keys(entry):
            groups[key].append(entry)
    return groups


def by_type(entries: Iterable[NormalisedDocument]) -> list[Group]:
    """Entries grouped by type, in the format's order of types."""
    groups = _grouped(entries, lambda e: [e.doc.type.value])
    return [
        Group(TYPE_PLURALS[t], slugify(TYPE_PLURALS[t]), tuple(reading_order(groups[t.value])))
        for t in DocType
        if t.value in groups
    ]


def by_tag(entries: Iterable[NormalisedDocument], label: Callable[[str], str] = str) -> list[Group]:
    """Entries grouped by tag (a document appears under each of its tags), in Polish order of labels.

    `label` gives a tag's label (e.g. abbreviations in capitals); the slug is the tag's.
    """
    groups = _grouped(entries, lambda e: e.doc.tags)
    labelled = polish_sorted(((label(tag), tag) for tag in groups), key=lambda pair: pair[0])
    return [Group(text, slugify(tag), tuple(reading_order(groups[tag]))) for text, tag in labelled]


def by_year(entries: Iterable[NormalisedDocument]) -> list[Group]:
    """Entries grouped by the year of their date, newest year first."""
    groups = _grouped(entries, lambda e: [str(e.doc.date.year)])
    return [Group(year, year, tuple(reading_order(groups[year]))) for year in sorted(groups, reverse=True)]


def by_region(entries: Iterable[NormalisedDocument]) -> list[Group]:
    """Entries grouped by voivodeship, nationwide ones (no region) last."""
    groups = _grouped(entries, lambda e: [r.value for r in e.doc.region] or [NATIONWIDE])
    ordered = polish_sorted((g for g in groups if g != NATIONWIDE), key=lambda code: REGION_LABELS[Region(code)])
    result = [Group(REGION_LABELS[Region(code)], code, tuple(reading_order(groups[code]))) for code in ordered]
    if NATIONWIDE in groups:
        result.append(Group(NATIONWIDE, "cala-polska", tuple(reading_order(groups[NATIONWIDE]))))
    return result


def priority_order(entries: Iterable[NormalisedDocument]) -> list[NormalisedDocument]:
    """Recommendations by priority (high first), current before withdrawn, then id."""

    def key(entry: NormalisedDocument) -> tuple[int, int, str]:
        doc = entry.doc
        priority = doc.priority if isinstance(doc, RecommendationDocument) else None
        return (_STATUS_RANK[doc.status], _PRIORITY_RANK[priority], doc.id)

    return sorted(entries, key=key)


def recommendation_groups(entries: Iterable[NormalisedDocument]) -> list[Group]:
    """Recommendations grouped by theme, then by level, each ordered by priority."""
    recommendations = [e for e in entries if isinstance(e.doc, RecommendationDocument)]
    themes = _grouped(recommendations, lambda e: [e.doc.theme])  # type: ignore[union-attr]
    result = []
    for theme in polish_sorted(themes):
        levels = _grouped(themes[theme], lambda e: [e.doc.level.value])  # type: ignore[union-attr]
        sub = tuple(
            Group(
                f"{theme}: {LEVEL_LABELS[level]}",
                slugify(f"{theme} {level.value}"),
                tuple(priority_order(levels[level.value])),
            )
            for level in Level
            if level.value in levels
        )
        result.append(Group(theme, slugify(theme), groups=sub))
    return result


def learning_paths(index: LibraryIndex, audience: Audience | None = None) -> list[LearningPath]:
    """Every published programme (for an audience, if given) with its modules in order."""
    programmes = index.of_type(DocType.PROGRAMME)
    return [
        LearningPath(p, index.modules_of(p.doc.id))
        for p in programmes
        if audience is None or audience in p.doc.audience
    ]


def module_position(index: LibraryIndex, entry: NormalisedDocument) -> Position | None:
    """A module's place in its programme, with the previous and next modules."""
    doc = entry.doc
    if not isinstance(doc, ModuleDocument):
        return None
    programme = index.get(doc.programme)
    if programme is None:
        return None
    path = LearningPath(programme, index.modules_of(programme.id))
    number = [m.id for m in path.modules].index(doc.id) + 1
    previous = path.modules[number - 2] if number > 1 else None
    following = path.modules[number] if number < len(path.modules) else None
    return Position(path, number, previous, following)
