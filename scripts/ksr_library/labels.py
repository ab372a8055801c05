"""Labels: every word the site shows about the format, in Polish."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from ksr_library.schema import Audience, DocType, Level, Priority, Region, Status

TYPE_LABELS: dict[DocType, str] = {
    DocType.MODEL: "Model",
    DocType.PROGRAMME: "Program szkoleniowy",
    DocType.MODULE: "Moduł szkoleniowy",
    DocType.RECOMMENDATION: "Rekomendacja",
    DocType.REPORT: "Raport",
    DocType.EXPERTISE: "Ekspertyza",
    DocType.GUIDE: "Przewodnik",
    DocType.DATASET: "Zbiór danych",
}
TYPE_PLURALS: dict[DocType, str] = {
    DocType.MODEL: "Modele i standardy",
    DocType.PROGRAMME: "Programy szkoleniowe",
    DocType.MODULE: "Moduły szkoleniowe",
    DocType.RECOMMENDATION: "Rekomendacje",
    DocType.REPORT: "Raporty",
    DocType.EXPERTISE: "Ekspertyzy",
    DocType.GUIDE: "Przewodniki",
    DocType.DATASET: "Zbiory danych",
}
TYPE_SLUGS: dict[DocType, str] = {
    DocType.MODEL: "modele",
    DocType.PROGRAMME: "programy",
    DocType.MODULE: "moduly",
    DocType.RECOMMENDATION: "rekomendacje",
    DocType.REPORT: "raporty",
    DocType.EXPERTISE: "ekspertyzy",
    DocType.GUIDE: "przewodniki",
    DocType.DATASET: "dane",
}
AUDIENCE_LABELS: dict[Audience, str] = {
    Audience.PUBLIC: "Czytelnicy",
    Audience.TRAINERS: "Trenerzy",
    Audience.ROPS: "ROPS",
}
AUDIENCE_DESCRIPTIONS: dict[Audience, str] = {
    Audience.PUBLIC: "czytelnicy biblioteki",
    Audience.TRAINERS: "trenerzy animatorów reintegracji",
    Audience.ROPS: "regionalne ośrodki polityki społecznej",
}
AUDIENCE_SLUGS: dict[Audience, str] = {
    Audience.PUBLIC: "czytelnicy",
    Audience.TRAINERS: "trenerzy",
    Audience.ROPS: "rops",
}
STATUS_LABELS: dict[Status, str] = {
    Status.PUBLISHED: "opublikowany",
    Status.DRAFT: "wersja robocza",
    Status.SUPERSEDED: "zastąpiony",
    Status.WITHDRAWN: "wycofany",
}
LEVEL_LABELS: dict[Level, str] = {
    Level.SYSTEMIC: "systemowa",
    Level.LEGISLATIVE: "legislacyjna",
}
PRIORITY_LABELS: dict[Priority, str] = {
    Priority.HIGH: "wysoki",
    Priority.MEDIUM: "średni",
    Priority.LOW: "niski",
}
REGION_LABELS: dict[Region, str] = {
    Region.DOLNOSLASKIE: "dolnośląskie",
    Region.KUJAWSKO_POMORSKIE: "kujawsko-pomorskie",
    Region.LUBELSKIE: "lubelskie",
    Region.LUBUSKIE: "lubuskie",
    Region.LODZKIE: "łódzkie",
    Region.MALOPOLSKIE: "małopolskie",
    Region.MAZOWIECKIE: "mazowieckie",
    Region.OPOLSKIE: "opolskie",
    Region.PODKARPACKIE: "podkarpackie",
    Region.PODLASKIE: "podlaskie",
    Region.POMORSKIE: "pomorskie",
    Region.SLASKIE: "śląskie",
    Region.SWIETOKRZYSKIE: "świętokrzyskie",
    Region.WARMINSKO_MAZURSKIE: "warmińsko-mazurskie",
    Region.WIELKOPOLSKIE: "wielkopolskie",
    Region.ZACHODNIOPOMORSKIE: "zachodniopomorskie",
}
MONTHS = (
    "styczeń",
    "luty",
    "marzec",
    "kwiecień",
    "maj",
    "czerwiec",
    "lipiec",
    "sierpień",
    "wrzesień",
    "październik",
    "listopad",
    "grudzień",
)
"""Polish month names, as titles (nominative)."""
MONTHS_GENITIVE = (
    "stycznia",
    "lutego",
    "marca",
    "kwietnia",
    "maja",
    "czerwca",
    "lipca",
    "sierpnia",
    "września",
    "października",
    "listopada",
    "grudnia",
)


def hours_label(hours: float) -> str:
    """Hours in Polish, e.g. `1 godz.`, `4,5 godz.`, with a no-break space before the unit."""
    text = f"{hours:g}".replace(".", ",")
    return f"{text}\u00a0godz."


def polish_date(value: dt.date) -> str:
    """A date as Polish readers write it, e.g. `15 września 2019`."""
    return f"{value.day} {MONTHS_GENITIVE[value.month - 1]} {value.year}"


_TAG_WORD = re.compile(r"[^\W_]+")


def topic_label(tag: str, glossary_terms: Iterable[str]) -> str:
    """A tag as a topic label: words that are glossary abbreviations written as the glossary does.

    Tags are lower case by rule; abbreviations in them get their capitals back from the
    glossary terms (only terms of one word in which capitals occur, such as `KIS` or `IPiSS`).

    Examples:
        >>> topic_label("usługi kis", ["KIS", "kontrakt socjalny"])
        'usługi KIS'
    """
    spelled = {t.casefold(): t for t in glossary_terms if _TAG_WORD.fullmatch(t) and t != t.lower()}
    return _TAG_WORD.sub(lambda m: spelled.get(m[0].casefold(), m[0]), tag)
