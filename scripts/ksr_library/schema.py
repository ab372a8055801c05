"""Schema: the library format, version 1, declared once.

Every key of `library-format.md` is a typed, documented field here. The same models
validate front matter, fill defaults, and generate the JSON Schema that editors' YAML
plugins use (`schema/ksr-document.schema.json`). Rules that need the whole library
(unique ids, links, module order) live in [`checking`][ksr_library.checking].
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    TypeAdapter,
    model_validator,
)

ID_PATTERN = r"^[A-Z][A-Z0-9]{1,9}(-[A-Z0-9]{1,12}){0,4}$"
"""A document id, e.g. `REK-07`, `ZRAR-M03`, `RAP-POM-2018`."""
VERSION_PATTERN = r"^[0-9]+\.[0-9]+$"
"""A version, `MAJOR.MINOR`, written as a quoted string."""
TAG_PATTERN = r"^[a-z0-9ąćęłńóśźż][a-z0-9ąćęłńóśźż -]*$"
"""A tag: lower-case words."""
DEFAULT_PUBLISHER = "Instytut Pracy i Spraw Socjalnych"
DEFAULT_LICENSE = "CC BY 4.0"
SUMMARY_MAX = 400


class DocType(StrEnum):
    """What kind of document it is; decides its extra keys and its place in the site."""

    MODEL = "model"
    PROGRAMME = "programme"
    MODULE = "module"
    RECOMMENDATION = "recommendation"
    REPORT = "report"
    EXPERTISE = "expertise"
    GUIDE = "guide"
    DATASET = "dataset"


class Audience(StrEnum):
    """Who a document is for; each audience has its own path through the site."""

    PUBLIC = "public"
    TRAINERS = "trainers"
    ROPS = "rops"


class Status(StrEnum):
    """Publication status."""

    PUBLISHED = "published"
    DRAFT = "draft"
    SUPERSEDED = "superseded"
    WITHDRAWN = "withdrawn"


class Region(StrEnum):
    """Polish voivodeships, as codes without diacritics."""

    DOLNOSLASKIE = "dolnoslaskie"
    KUJAWSKO_POMORSKIE = "kujawsko-pomorskie"
    LUBELSKIE = "lubelskie"
    LUBUSKIE = "lubuskie"
    LODZKIE = "lodzkie"
    MALOPOLSKIE = "malopolskie"
    MAZOWIECKIE = "mazowieckie"
    OPOLSKIE = "opolskie"
    PODKARPACKIE = "podkarpackie"
    PODLASKIE = "podlaskie"
    POMORSKIE = "pomorskie"
    SLASKIE = "slaskie"
    SWIETOKRZYSKIE = "swietokrzyskie"
    WARMINSKO_MAZURSKIE = "warminsko-mazurskie"
    WIELKOPOLSKIE = "wielkopolskie"
    ZACHODNIOPOMORSKIE = "zachodniopomorskie"


class Level(StrEnum):
    """Level of a recommendation."""

    SYSTEMIC = "systemic"
    LEGISLATIVE = "legislative"


class Priority(StrEnum):
    """Priority of a recommendation."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


def _iso_date(value: object) -> object:
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("write the date as YYYY-MM-DD, e.g. 2019-09-15")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value} is not a real date") from None


def _version(value: object) -> object:
    if isinstance(value, float | int) and not isinstance(value, bool):
        raise ValueError('write the version in quotes, e.g. "1.0" (YAML reads 1.10 as 1.1)')  # noqa: TRY004 - pydantic locates ValueErrors
    return value


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date), Field(json_schema_extra={"format": "date"})]
DocId = Annotated[StrictStr, Field(pattern=ID_PATTERN)]
Version = Annotated[StrictStr, BeforeValidator(_version), Field(pattern=VERSION_PATTERN)]
Text = Annotated[StrictStr, AfterValidator(_not_blank)]
Tag = Annotated[StrictStr, Field(pattern=TAG_PATTERN)]
Hours = Annotated[float, Field(gt=0, multiple_of=0.5, strict=False, allow_inf_nan=False)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class HistoryEntry(_Strict):
    """One earlier or current version of a document."""

    version: Version
    """The version, `MAJOR.MINOR`."""
    date: IsoDate
    """The date of that version."""
    changes: Text
    """What changed in that version."""


class Attachment(_Strict):
    """A file shipped with a document."""

    file: Text
    """Path relative to the document's folder, inside the library."""
    title: Text
    """Title shown on the page."""


class _Document(_Strict):
    """Keys every document has."""

    id: DocId
    """Permanent id; the document's URL depends only on it."""
    title: Text
    """Title."""
    subtitle: StrictStr | None = None
    """Optional subtitle."""
    audience: Annotated[list[Audience], Field(min_length=1)]
    """Who the document is for."""
    version: Version
    """Version of this text, `MAJOR.MINOR` in quotes."""
    date: IsoDate
    """Date of this version."""
    status: Status = Status.PUBLISHED
    """`published`, `draft` (left out unless asked), `superseded`, `withdrawn`."""
    summary: Annotated[Text, Field(max_length=SUMMARY_MAX)]
    """Plain text, 1 to 400 characters."""
    authors: list[Text] = []
    """Authors, in the order given."""
    publisher: Text = DEFAULT_PUBLISHER
    """Publisher."""
    tags: list[Tag] = []
    """Lower-case tags."""
    region: list[Region] = []
    """Voivodeships the document concerns."""
    related: list[DocId] = []
    """Ids of related documents."""
    superseded_by: DocId | None = None
    """Id of the successor; required with `status: superseded`."""
    replaced_by: DocId | None = None
    """Id of the document that now serves a withdrawn one's purpose; only with `status: withdrawn`."""
    aliases: list[DocId] = []
    """Former ids; each stays a working permalink."""
    history: list[HistoryEntry] = []
    """Version history."""
    attachments: list[Attachment] = []
    """Files shipped with the document."""
    license: Text = DEFAULT_LICENSE
    """Licence of the text."""
    sample: StrictBool = False
    """`true` marks illustrative content not taken from a real publication."""

    @model_validator(mode="after")
    def _superseded_needs_successor(self) -> _Document:
        if self.status is Status.SUPERSEDED and self.superseded_by is None:
            raise ValueError("status 'superseded' needs superseded_by: the id of the successor")
        if self.superseded_by is not None and self.status is not Status.SUPERSEDED:
            raise ValueError("superseded_by is only for status: superseded")
        if self.replaced_by is not None and self.status is not Status.WITHDRAWN:
            raise ValueError(
                "replaced_by is only for status: withdrawn (a superseded document names its successor in superseded_by)"
            )
        return self


class ModelDocument(_Document):
    """A model or standard."""

    type: Literal[DocType.MODEL]


class ProgrammeDocument(_Document):
    """A training programme; its modules point to it."""

    type: Literal[DocType.PROGRAMME]
    hours: Hours | None = None
    """Total hours; where given, it must equal the sum of the modules' hours."""


class ModuleDocument(_Document):
    """One unit of a training programme."""

    type: Literal[DocType.MODULE]
    programme: DocId
    """Id of the programme this module belongs to."""
    order: Annotated[StrictInt, Field(ge=1)]
    """Position in the programme, unique within it."""
    hours: Hours
    """Length in hours, a multiple of 0.5."""
    outcomes: Annotated[list[Text], Field(min_length=1)]
    """Learning outcomes."""
    methods: list[Text] = []
    """Teaching methods."""
    prerequisites: list[DocId] = []
    """Ids of modules of the same programme to take first."""


class RecommendationDocument(_Document):
    """A systemic or legislative recommendation."""

    type: Literal[DocType.RECOMMENDATION]
    level: Level
    """`systemic` or `legislative`."""
    addressees: Annotated[list[Text], Field(min_length=1)]
    """Who should act on it."""
    theme: Text
    """Theme, used to group recommendations."""
    priority: Priority | None = None
    """`high`, `medium` or `low`."""
    legal_basis: Text | None = None
    """The law it rests on or would change."""


class ReportDocument(_Document):
    """A report."""

    type: Literal[DocType.REPORT]


class ExpertiseDocument(_Document):
    """An expertise."""

    type: Literal[DocType.EXPERTISE]


class GuideDocument(_Document):
    """A practical guide."""

    type: Literal[DocType.GUIDE]


class DatasetDocument(_Document):
    """A dataset; its CSV is shown as a table and a chart."""

    type: Literal[DocType.DATASET]
    data: Text
    """Path of a CSV file (UTF-8, header row, commas) relative to the document's folder."""
    columns: dict[StrictStr, Text] = Field(default_factory=dict)
    """Labels of CSV columns for readers: header as in the file → label, e.g. `kis: Kluby (KIS)`.

    Columns left out are shown under their header as it is.
    """


Document = Annotated[
    ModelDocument
    | ProgrammeDocument
    | ModuleDocument
    | RecommendationDocument
    | ReportDocument
    | ExpertiseDocument
    | GuideDocument
    | DatasetDocument,
    Field(discriminator="type"),
]
"""Any document; `type` selects the model."""

DOCUMENT_ADAPTER: TypeAdapter[Document] = TypeAdapter(Document)

MODELS_BY_TYPE: dict[DocType, type[_Document]] = {
    DocType.MODEL: ModelDocument,
    DocType.PROGRAMME: ProgrammeDocument,
    DocType.MODULE: ModuleDocument,
    DocType.RECOMMENDATION: RecommendationDocument,
    DocType.REPORT: ReportDocument,
    DocType.EXPERTISE: ExpertiseDocument,
    DocType.GUIDE: GuideDocument,
    DocType.DATASET: DatasetDocument,
}


class GlossaryEntry(_Strict):
    """One term of `glossary.yml`."""

    term: Text
    """The term or abbreviation, unique."""
    expansion: Text
    """What the abbreviation stands for."""
    definition: Text
    """A short definition."""
    see_also: list[Text] = []
    """Other terms of the glossary."""


GLOSSARY_ADAPTER: TypeAdapter[list[GlossaryEntry]] = TypeAdapter(list[GlossaryEntry])


def keys_for(doc_type: DocType | None) -> list[str]:
    """Front-matter keys allowed for a type (all keys of all types when unknown)."""
    if doc_type is None:
        return sorted({k for m in MODELS_BY_TYPE.values() for k in m.model_fields})
    return sorted(MODELS_BY_TYPE[doc_type].model_fields)


def types_with_key(key: str) -> list[str]:
    """Types whose documents may have this key."""
    return [t.value for t, m in MODELS_BY_TYPE.items() if key in m.model_fields]


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a document's front matter, for editors' YAML plugins."""
    schema = DOCUMENT_ADAPTER.json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://ksr-library.example/schema/ksr-document.schema.json",
        "title": "KSR library document, format version 1",
        **schema,
    }
