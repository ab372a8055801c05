"""Synthetic libraries: `ksr-library synth N DIR` writes N valid documents for benchmarks.

The mix follows a real library: programmes with eight modules each, recommendations in
five themes, regional reports for every voivodeship, expertises, guides, models and a few
datasets with CSV files. Bodies are about 1,000 words of Polish prose drawn from a corpus
of the demo library's own sentences, with headings, lists, links by id to earlier
documents and place names that make every document's vocabulary a little different.
The output is deterministic for a given N and seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import yaml

from ksr_library.errors import KsrError
from ksr_library.labels import TYPE_SLUGS
from ksr_library.schema import DocType, Region

THEMES = (
    "usługi reintegracyjne",
    "finansowanie",
    "współpraca międzysektorowa",
    "kadry i kompetencje",
    "dostęp i uczestnictwo",
)
TAGS = (
    "kis",
    "cis",
    "reintegracja",
    "zatrudnienie socjalne",
    "gmina",
    "współpraca",
    "finansowanie",
    "edukacja",
    "kultura",
    "zdrowie",
    "sport",
    "wolontariat",
    "diagnoza",
    "animacja",
    "rynek pracy",
    "ekonomia społeczna",
    "pomoc społeczna",
    "kontrakt socjalny",
    "monitoring",
    "ewaluacja",
)
PLACES = (
    "Modliborzyce",
    "Lipowo",
    "Brzozów Mały",
    "Kielce",
    "Toruń",
    "Gdańsk",
    "Lublin",
    "Szczecin",
    "Katowice",
    "Zielona Góra",
    "Białystok",
    "Opole",
    "Rzeszów",
    "Olsztyn",
    "Łódź",
    "Poznań",
    "Kraków",
    "Wrocław",
    "Radom",
    "Płock",
    "Elbląg",
    "Tarnów",
    "Chełm",
    "Zamość",
    "Suwałki",
    "Przemyśl",
    "Legnica",
    "Kalisz",
    "Konin",
    "Piła",
)
SUBJECTS = (
    "usług reintegracyjnych",
    "klubów integracji społecznej",
    "centrów integracji społecznej",
    "współpracy w gminie",
    "animacji reintegracji",
    "edukacji dorosłych",
    "profilaktyki zdrowotnej",
    "sportu i rekreacji",
    "kultury",
    "zatrudnienia socjalnego",
    "kontraktu socjalnego",
    "wolontariatu",
    "ekonomii społecznej",
    "diagnozy zasobów",
)
GLOSSARY = [
    {
        "term": "KIS",
        "expansion": "klub integracji społecznej",
        "definition": "Jednostka reintegracji społecznej i zawodowej.",
    },
    {
        "term": "CIS",
        "expansion": "centrum integracji społecznej",
        "definition": "Jednostka zatrudnienia socjalnego.",
    },
    {
        "term": "OPS",
        "expansion": "ośrodek pomocy społecznej",
        "definition": "Gminna jednostka pomocy społecznej.",
    },
    {"term": "PUP", "expansion": "powiatowy urząd pracy", "definition": "Urząd pracy powiatu."},
    {
        "term": "ROPS",
        "expansion": "regionalny ośrodek polityki społecznej",
        "definition": "Jednostka samorządu województwa.",
    },
    {
        "term": "ZRAR",
        "expansion": "Zespół Regionalnej Animacji Reintegracji",
        "definition": "Zespół animatorów reintegracji.",
    },
]
WORDS_PER_DOCUMENT = 1000
MODULES_PER_PROGRAMME = 8


@dataclass(frozen=True)
class Planned:
    """One document to write."""

    doc_id: str
    type: DocType
    number: int


@lru_cache(maxsize=1)
def corpus() -> tuple[str, ...]:
    """Polish sentences of the demo library, one per line in the package data."""
    text = (files("ksr_library") / "data" / "synth-corpus.txt").read_text(encoding="utf-8")
    return tuple(line for line in text.splitlines() if line.strip())


_PREFIXES = {
    DocType.RECOMMENDATION: "REK",
    DocType.REPORT: "RAP",
    DocType.EXPERTISE: "EKS",
    DocType.GUIDE: "PRZ",
    DocType.MODEL: "MODEL",
    DocType.DATASET: "DANE",
    DocType.PROGRAMME: "PROG",
}
_MIX = (
    (DocType.RECOMMENDATION, 30),
    (DocType.REPORT, 30),
    (DocType.EXPERTISE, 13),
    (DocType.GUIDE, 13),
    (DocType.MODEL, 6),
    (DocType.DATASET, 2),
)


def plan(count: int) -> list[Planned]:
    """Which documents a library of `count` documents has, in a stable order."""
    programmes = max(1, count // 60)
    planned: list[Planned] = []
    for p in range(1, programmes + 1):
        planned.append(Planned(f"PROG-{p:04d}", DocType.PROGRAMME, p))
        planned += [
            Planned(f"PROG-{p:04d}-M{m:02d}", DocType.MODULE, m) for m in range(1, MODULES_PER_PROGRAMME + 1)
        ]
    rest = max(0, count - len(planned))
    total_weight = sum(w for _, w in _MIX)
    numbers = dict.fromkeys(_PREFIXES, 0)
    for i in range(rest):
        position = (i * total_weight) // max(rest, 1)
        doc_type = _type_at(position % total_weight)
        numbers[doc_type] += 1
        planned.append(Planned(f"{_PREFIXES[doc_type]}-{numbers[doc_type]:05d}", doc_type, numbers[doc_type]))
    return planned[:count]


def _type_at(position: int) -> DocType:
    for doc_type, weight in _MIX:
        if position < weight:
            return doc_type
        position -= weight
    return _MIX[0][0]


def _body(rng: random.Random, earlier: list[str]) -> str:
    sentences = corpus()
    parts: list[str] = []
    words = 0
    section = 0
    while words < WORDS_PER_DOCUMENT:
        section += 1
        parts.append(
            f"## {rng.choice(('Część', 'Wnioski', 'Kontekst', 'Działania', 'Rezultaty'))} {section}: {rng.choice(SUBJECTS)}"
        )
        paragraph = " ".join(rng.choice(sentences) for _ in range(rng.randint(3, 6)))
        paragraph += f" Przykład z miejscowości {rng.choice(PLACES)} pokazuje to w liczbach: {rng.randint(3, 480)} uczestników."
        if earlier and rng.random() < 0.8:
            paragraph += f" Zob. też [[{rng.choice(earlier)}]]."
        parts.append(paragraph)
        if rng.random() < 0.35:
            parts.append("\n".join(f"- {rng.choice(sentences)}" for _ in range(3)))
        words = sum(len(p.split()) for p in parts)
    return "\n\n".join(parts) + "\n"


def _front_matter(
    item: Planned, rng: random.Random, earlier: list[str], programme: str | None
) -> dict[str, object]:
    year = rng.randint(2015, 2024)
    date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    title = f"{rng.choice(('Analiza', 'Standard', 'Rozwój', 'Ocena', 'Organizacja', 'Wsparcie'))} {rng.choice(SUBJECTS)} – {rng.choice(PLACES)} {item.number}"
    audience = {
        DocType.MODULE: ["trainers"],
        DocType.PROGRAMME: ["trainers", "public"],
        DocType.RECOMMENDATION: ["rops", "public"],
        DocType.REPORT: ["rops", "public"],
    }.get(
        item.type,
        rng.choice((["public"], ["public", "rops"], ["public", "trainers"], ["public", "trainers", "rops"])),
    )
    data: dict[str, object] = {
        "id": item.doc_id,
        "title": title,
        "type": item.type.value,
        "audience": audience,
        "version": "1.0",
        "date": date,
        "summary": rng.choice(corpus())[:400],
        "tags": sorted(rng.sample(TAGS, 2)),
        "sample": True,
    }
    if earlier:
        data["related"] = sorted(set(rng.sample(earlier, min(2, len(earlier)))))
    if item.type is DocType.RECOMMENDATION:
        data.update(
            level=rng.choice(("systemic", "legislative")),
            addressees=["samorządy województw", "gminy"],
            theme=rng.choice(THEMES),
            priority=rng.choice(("high", "medium", "low")),
        )
    elif item.type is DocType.REPORT:
        data["region"] = [rng.choice(list(Region)).value]
    elif item.type is DocType.MODULE:
        assert programme is not None
        data.update(
            programme=programme,
            order=item.number,
            hours=4,
            outcomes=[rng.choice(corpus())[:200] for _ in range(3)],
            methods=["warsztat", "dyskusja"],
        )
        if item.number > 1:
            data["prerequisites"] = [f"{programme}-M{item.number - 1:02d}"]
        data.pop("related", None)
    elif item.type is DocType.PROGRAMME:
        data["hours"] = 4 * MODULES_PER_PROGRAMME
    elif item.type is DocType.DATASET:
        data["data"] = f"{item.doc_id.lower()}.csv"
    return data


def synthesise(count: int, target: Path, *, seed: int = 2019) -> int:
    """Write a synthetic library of `count` documents into `target` (a new or empty folder).

    Returns:
        The number of documents written.

    Raises:
        KsrError: `count` is not positive, or `target` is not empty.
    """
    if count < 1:
        raise KsrError("N must be at least 1")
    if target.exists() and any(target.iterdir()):
        raise KsrError(f"{target} is not empty: write a synthetic library into a new or empty folder")
    rng = random.Random(seed)
    earlier: list[str] = []
    programme: str | None = None
    for item in plan(count):
        if item.type is DocType.PROGRAMME:
            programme = item.doc_id
        folder = target / TYPE_SLUGS[item.type] / f"{item.number // 100:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        data = _front_matter(item, rng, [e for e in earlier if not e.startswith("PROG")], programme)
        front = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
        (folder / f"{item.doc_id}.md").write_text(
            f"---\n{front}---\n\n{_body(rng, earlier[-200:])}", encoding="utf-8"
        )
        if item.type is DocType.DATASET:
            rows = "\n".join(
                f"{year},{rng.randint(100, 250)},{rng.randint(150, 300)}" for year in range(2014, 2022)
            )
            (folder / str(data["data"])).write_text(f"rok,cis,kis\n{rows}\n", encoding="utf-8")
        if item.type is not DocType.PROGRAMME:
            earlier.append(item.doc_id)
    (target / "glossary.yml").write_text(
        yaml.safe_dump(GLOSSARY, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return count
