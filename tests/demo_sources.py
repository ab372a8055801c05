"""Source files of the demo library's imported documents: a deck, a DOCX, an ODT and a PDF.

The demo library shows `ksr-library import` at work on files as an editor gets them.
These four are written here, in our own Polish words from the project's facts
(`shared/domain/ksr-facts.md`), as illustrative documents (`sample: true` once
imported). Regenerate and re-import them as the import page of the maintainers'
section shows: `python -m tests.demo_sources DIR`.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path
from typing import Any

from tests.import_fixtures import (
    FONT,
    FONT_BOLD,
    _odt_table,
    _pdf_canvas,
    _saved,
    dated,
    odt_document,
    write_all,
)

VOWELS = set("aąeęioóuyAĄEĘIOÓUY")


def pillars_picture() -> bytes:
    """A diagram of the three pillars of the Model Lokalnej Współpracy."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (720, 360), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT_BOLD), 20)
    small = ImageFont.truetype(str(FONT), 16)
    draw.rectangle((40, 30, 680, 80), fill="#3f51b5")
    draw.text((360, 55), "Model Lokalnej Współpracy", fill="white", font=font, anchor="mm")
    for i, (title, detail) in enumerate(
        [
            ("Zatrudnienie", "publiczne służby zatrudnienia"),
            ("Pomoc społeczna", "OPS i organizacje"),
            ("Reintegracja", "społeczna i zawodowa"),
        ]
    ):
        left = 40 + i * 220
        draw.rectangle((left, 110, left + 200, 300), fill="#e8eaf6", outline="#3f51b5", width=3)
        draw.text((left + 100, 180), title, fill="#1a237e", font=font, anchor="mm")
        draw.text((left + 100, 230), detail, fill="#1a237e", font=small, anchor="mm")
    return _png(image)


def counts_chart() -> bytes:
    """A bar chart of CIS and KIS counts (GUS)."""
    from PIL import Image, ImageDraw, ImageFont

    data = [("2016", 159, 217), ("2019", 186, 260), ("2021", 201, 202)]
    image = Image.new("RGB", (640, 340), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT), 16)
    draw.line((60, 290, 610, 290), fill="black", width=2)
    for i, (year, cis, kis) in enumerate(data):
        left = 100 + i * 180
        for j, (value, colour) in enumerate([(cis, "#3f51b5"), (kis, "#ff7043")]):
            x = left + j * 55
            draw.rectangle((x, 290 - value, x + 45, 290), fill=colour)
            draw.text((x + 22, 280 - value), str(value), fill="black", font=font, anchor="mb")
        draw.text((left + 50, 315), year, fill="black", font=font, anchor="mm")
    draw.text((470, 20), "■ CIS", fill="#3f51b5", font=font)
    draw.text((540, 20), "■ KIS", fill="#ff7043", font=font)
    return _png(image)


def _png(image: Any) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


# ---- the deck


def write_deck(path: Path) -> Path:
    """The Model Lokalnej Współpracy, as a deck presented to gminas."""
    from pptx import Presentation
    from pptx.util import Inches

    deck = Presentation()
    deck.core_properties.title = "Model Lokalnej Współpracy – prezentacja dla gmin"
    deck.core_properties.author = "Zespół redakcyjny biblioteki KSR"
    deck.core_properties.created = dt.datetime(2014, 9, 15, 9, 0)
    title = deck.slides.add_slide(deck.slide_layouts[0])
    title.shapes.title.text = "Model Lokalnej Współpracy"
    title.placeholders[
        1
    ].text = "Jak gmina, pomoc społeczna i służby zatrudnienia działają razem na rzecz reintegracji"
    _bullets(
        deck,
        "Cechy modelu",
        [
            ("terytorialność: model działa w granicach gminy i jej zasobów", 0),
            ("powszechność i otwartość: każdy interesariusz może dołączyć", 0),
            ("partycypacja: decyzje zapadają wspólnie", 0),
            ("procesowość i standaryzacja: kolejne kroki są opisane i powtarzalne", 0),
        ],
        "Model powstał w projekcie 1.48 „Kompleksowe formy reintegracji społeczno-zawodowej w środowisku lokalnym”.",
    )
    _bullets(
        deck,
        "Trzy elementy",
        [
            ("Zespół Synergii Lokalnej (ZSL)", 0),
            ("Pakt na rzecz Modelu Lokalnej Współpracy", 0),
            ("podmiot zatrudnienia socjalnego", 0),
            ("najpierw klub integracji społecznej w gminie", 1),
            ("później centrum integracji społecznej albo spółdzielnia socjalna osób prawnych", 1),
        ],
        "Podkreśl, że klub jest pierwszym krokiem: nie wymaga dużych nakładów, a pozwala zacząć od razu.",
    )
    _bullets(
        deck,
        "Zadania Zespołu Synergii Lokalnej",
        [
            ("podzielić między siebie listę interesariuszy modelu", 0),
            ("wyjaśnić radzie gminy, jak ustawa o zatrudnieniu socjalnym łączy się z innymi ustawami", 0),
            ("zdiagnozować zasoby gminy", 0),
            ("negocjować z interesariuszami „neutralnymi” i „przeciwnymi”", 0),
            ("wskazać ryzyka pominięcia interesariuszy", 0),
            ("monitorować wdrażanie modelu", 0),
            ("reprezentować zespół na platformach współpracy powiatu i województwa", 0),
        ],
        "Siedem zadań: warto rozdać je imiennie już na pierwszym spotkaniu zespołu.",
    )
    _bullets(
        deck,
        "Pakt na rzecz MLW",
        [
            ("misja", 0),
            ("deklaracja przystąpienia", 0),
            ("zasady", 0),
            ("przystępowanie i występowanie", 1),
            ("podejmowanie decyzji i udział finansowy", 1),
        ],
        "",
    )
    pillars = deck.slides.add_slide(deck.slide_layouts[5])
    pillars.shapes.title.text = "Trzy filary współpracy"
    picture = pillars.shapes.add_picture(
        io.BytesIO(pillars_picture()), Inches(1), Inches(1.6), width=Inches(8)
    )
    picture._element.nvPicPr.cNvPr.set("descr", "Trzy filary: zatrudnienie, pomoc społeczna, reintegracja")
    pillars.notes_slide.notes_text_frame.text = (
        "Regionalna Platforma Współpracy Powiatu to nieformalne forum powiatowej rady rynku pracy, "
        "powiatowej rady działalności pożytku publicznego i gminnych zespołów synergii."
    )
    stats = deck.slides.add_slide(deck.slide_layouts[5])
    stats.shapes.title.text = "Kluby integracji społecznej w liczbach"
    table = stats.shapes.add_table(4, 4, Inches(0.5), Inches(1.8), Inches(9), Inches(2)).table
    rows = [
        ["Rok", "KIS łącznie", "w rejestrze", "sprawozdania"],
        ["2011", "286", "122", "–"],
        ["2012", "122", "122", "120"],
        ["2013", "220", "187", "156"],
    ]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    stats.notes_slide.notes_text_frame.text = "Liczba z 2011 r. pochodzi sprzed obowiązkowej rejestracji; w 2013 r. 33 kluby były tylko w rejestrach wojewodów."
    _bullets(
        deck,
        "Pilotaż",
        [
            ("od 1 grudnia 2013 r. do 31 sierpnia 2014 r.", 0),
            ("Modliborzyce podpisały Pakt 19 sierpnia 2014 r.", 0),
        ],
        "",
    )
    path.write_bytes(_saved(deck.save))
    return path


def _bullets(deck: Any, title: str, items: list[tuple[str, int]], notes: str) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[1])
    slide.shapes.title.text = title
    frame = slide.placeholders[1].text_frame
    frame.text = items[0][0]
    for text, level in items[1:]:
        paragraph = frame.add_paragraph()
        paragraph.text = text
        paragraph.level = level
    if notes:
        slide.notes_slide.notes_text_frame.text = notes


# ---- the Word report


def write_docx(path: Path) -> Path:
    """A short analytical note on the number of CIS and KIS."""
    import docx

    document = docx.Document()
    core = document.core_properties
    core.title = "Centra i kluby integracji społecznej w liczbach 2014–2021"
    core.author = "Zespół redakcyjny biblioteki KSR"
    core.created = dt.datetime(2022, 3, 14, 10, 0)
    document.add_heading("Co pokazują dane", level=1)
    intro = document.add_paragraph(
        "Notatka zestawia dostępne liczby centrów i klubów integracji społecznej z lat 2014–2021. Liczba centrów rosła "
    )
    intro.add_run("powoli, ale stale").bold = True
    intro.add_run(", a liczba klubów po wzroście do 2019 r. wyraźnie spadła w 2021 r.")
    document.add_paragraph(
        "Dane pochodzą z Głównego Urzędu Statystycznego, a stan z 2014 r. z informacji Ministerstwa Pracy i Polityki Społecznej."
    )
    table = document.add_table(rows=5, cols=3)
    rows = [
        ["Rok", "CIS", "KIS"],
        ["2014 (MPiPS)", "132", "ponad 220"],
        ["2016", "159", "217"],
        ["2019", "186", "260"],
        ["2021", "201", "202"],
    ]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    picture = document.add_paragraph().add_run().add_picture(io.BytesIO(counts_chart()))
    picture._inline.docPr.set("descr", "Wykres: liczba CIS i KIS w latach 2016, 2019 i 2021")
    document.add_heading("Jak czytać te liczby", level=1)
    document.add_paragraph("Przy porównaniach warto pamiętać, że:")
    document.add_paragraph(
        "klub nie ma statusu nadawanego przez wojewodę, lecz wpis do rejestru", style="List Bullet"
    )
    document.add_paragraph("wpis jest obowiązkowy od nowelizacji z 2011 r.", style="List Bullet 2")
    document.add_paragraph("centrum otrzymuje status od wojewody na pięć lat", style="List Bullet")
    document.add_paragraph(
        "spadek liczby klubów nie musi oznaczać mniejszej liczby uczestników", style="List Bullet"
    )
    path.write_bytes(_saved(document.save))
    return path


# ---- the OpenDocument guide


def write_odt(path: Path) -> Path:
    """A one-page guide to the rules of CIS and KIS, as a public body publishes it."""
    from odf.text import H, List, ListItem, ListLevelStyleBullet, ListStyle, P, Span

    document, bold = odt_document(
        "CIS i KIS w pigułce: zasady działania", "Zespół redakcyjny biblioteki KSR", "2019-06-03T12:00:00"
    )
    bullets = ListStyle(name="Punkty")
    bullets.addElement(ListLevelStyleBullet(level=1, bulletchar="•"))
    bullets.addElement(ListLevelStyleBullet(level=2, bulletchar="–"))
    document.automaticstyles.addElement(bold)
    document.automaticstyles.addElement(bullets)
    lead = P(text="Centrum i klub integracji społecznej działają na podstawie ")
    lead.addElement(Span(stylename=bold, text="ustawy z 13 czerwca 2003 r. o zatrudnieniu socjalnym"))
    lead.addText(
        ". Obie formy służą reintegracji społecznej i zawodowej, ale różnią się statusem i sposobem pracy."
    )
    document.text.addElement(lead)
    document.text.addElement(H(outlinelevel=1, text="Porównanie"))
    document.text.addElement(
        _odt_table(
            [
                ["Cecha", "Centrum integracji społecznej", "Klub integracji społecznej"],
                ["Podstawa działania", "status nadany przez wojewodę na 5 lat", "wpis do rejestru wojewody"],
                [
                    "Kto prowadzi",
                    "gmina, organizacja, kościelna osoba prawna, spółdzielnia socjalna osób prawnych",
                    "gmina (lub OPS) albo organizacja pozarządowa",
                ],
                [
                    "Udział",
                    "indywidualny program do 12 miesięcy, z możliwym przedłużeniem o 6",
                    "zwykle w ramach kontraktu socjalnego",
                ],
            ]
        )
    )
    document.text.addElement(H(outlinelevel=1, text="Kto co robi"))
    roles = List(stylename=bullets)
    for text, children in [
        (
            "ośrodek pomocy społecznej",
            ["kieruje do CIS i KIS przez kontrakt socjalny", "towarzyszy osobie po zakończeniu udziału"],
        ),
        (
            "powiatowy urząd pracy",
            ["współpracuje z OPS", "prowadzi roboty publiczne i zatrudnienie wspierane"],
        ),
        ("regionalny ośrodek polityki społecznej", ["koordynuje ekonomię społeczną w województwie"]),
    ]:
        item = ListItem()
        item.addElement(P(text=text))
        sub = List()
        for child in children:
            sub_item = ListItem()
            sub_item.addElement(P(text=child))
            sub.addElement(sub_item)
        item.addElement(sub)
        roles.addElement(item)
    document.text.addElement(roles)
    document.text.addElement(H(outlinelevel=1, text="Terminy"))
    document.text.addElement(
        P(
            text="Uczestnik CIS zaczyna od miesięcznego okresu próbnego i otrzymuje świadczenie integracyjne. Klub składa sprawozdanie roczne do 31 marca."
        )
    )
    path.write_bytes(_saved(document.write))
    return path


# ---- the PDF expertise

REFORM = [
    ("Kierunki zmian w zatrudnieniu socjalnym", 18, ""),
    ("Przegląd propozycji organizacji społecznych z 2021 roku", 12, ""),
    ("Dlaczego potrzebne są zmiany", 13, ""),
    (
        "",
        10,
        "Ustawa o zatrudnieniu socjalnym od niemal dwudziestu lat wyznacza ramy pracy centrów i klubów integracji "
        "społecznej. W 2021 roku organizacje społeczeństwa obywatelskiego zebrały doświadczenia praktyków i "
        "zaproponowały kierunki zmian, które mają wzmocnić reintegrację społeczno-zawodową i uczynić ją bardziej "
        "dostępną. Przegląd porządkuje te propozycje według tego, kogo dotyczą i czego wymagają od gospodarki "
        "lokalnej, administracji i samych podmiotów zatrudnienia socjalnego.",
    ),
    ("Propozycje", 13, ""),
    ("", 10, "Najczęściej powtarzały się następujące postulaty:"),
    ("• objęcie wsparciem szerszego kręgu osób zagrożonych wykluczeniem społecznym,", 10, ""),
    ("• poszerzenie usług centrów i klubów, także o nowe formy aktywności,", 10, ""),
    ("• dłuższy udział w zajęciach dla osób, które potrzebują więcej czasu,", 10, ""),
    ("• wyższe świadczenie integracyjne i stabilne, przewidywalne finansowanie,", 10, ""),
    ("• możliwość pracy zdalnej oraz silniejsze zatrudnienie wspierane,", 10, ""),
    ("• bardziej elastyczne zasady działania klubów integracji społecznej.", 10, ""),
    ("Co z tego wynika dla gmin", 13, ""),
    (
        "",
        10,
        "Dla samorządów najważniejsze są dwie sprawy: przewidywalne finansowanie, które pozwala planować działania "
        "na kilka lat, oraz elastyczność klubów, dzięki której można dopasować ofertę do potrzeb mieszkańców. "
        "Propozycje zbiegają się z rekomendacjami projektu Krajowa Sieć Reintegracji, który wskazywał na potrzebę "
        "międzysektorowej współpracy i poszerzenia profilu usług reintegracyjnych o edukację, kulturę, profilaktykę "
        "zdrowotną oraz sport i rekreację. Wdrożenie tych zmian wymaga porozumienia ministerstwa, samorządów "
        "województw, powiatowych urzędów pracy i organizacji pozarządowych prowadzących centra i kluby.",
    ),
]
"""The expertise as (heading, size, paragraph) parts: a heading when it has text, else a paragraph."""


def _wrap(text: str, width: float, size: int) -> list[str]:
    """Lines of at most `width` points, breaking long words at a syllable with a hyphen, as typesetters do."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    def fits(line: str) -> bool:
        return stringWidth(line, "DejaVu", size) <= width

    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if fits(candidate):
            line = candidate
            continue
        head, tail = _split(word, line, fits)
        lines.append(f"{line} {head}".strip() if head else line)
        line = tail
    return [*lines, line] if line else lines


def _split(word: str, line: str, fits: Any) -> tuple[str, str]:
    """Break a word at its own hyphen, or after a vowel before a consonant, so that the head fits."""
    if "-" in word[1:-1] and fits(f"{line} {word.split('-', maxsplit=1)[0]}-"):
        first, rest = word.split("-", 1)
        return f"{first}-", rest
    for cut in range(len(word) - 3, 2, -1):
        if (
            word[cut - 1] in VOWELS
            and word[cut] not in VOWELS
            and word[cut].isalpha()
            and fits(f"{line} {word[:cut]}-")
        ):
            return f"{word[:cut]}-", word[cut:]
    return "", word


def write_pdf(path: Path) -> Path:
    """An expertise typeset on A5 pages with a running header, page numbers and hyphenation."""
    from reportlab.lib.pagesizes import A5

    pdf: Any = _pdf_canvas(path, pagesize=A5)
    lines: list[tuple[str, int, float]] = []
    for heading, size, paragraph in REFORM:
        if heading:
            lines.append((heading, size, 10.0))
            continue
        lines.extend((text, size, 0.0) for text in _wrap(paragraph, A5[0] - 100, size))
        lines.append(("", size, 6.0))
    pdf.setAuthor("Zespół redakcyjny biblioteki KSR")
    pdf.setTitle("")
    top, bottom = A5[1] - 70, 70
    y, number = top, 1
    for text, size, space in lines:
        if y < bottom + size:
            _page_furniture(pdf, number, A5)
            pdf.showPage()
            y, number = top, number + 1
        if not text:
            y -= space
            continue
        pdf.setFont("DejaVu-Bold" if space else "DejaVu", size)
        pdf.drawString(62 if text.startswith("•") else 50, y, text)
        y -= size * 1.35 + space
    _page_furniture(pdf, number, A5)
    pdf.showPage()
    pdf.save()
    return dated(path, dt.date(2021, 11, 30))


def _page_furniture(pdf: Any, number: int, size: tuple[float, float]) -> None:
    pdf.setFont("DejaVu", 7)
    pdf.drawString(50, size[1] - 35, "Biblioteka KSR · Kierunki zmian w zatrudnieniu socjalnym")
    pdf.drawCentredString(size[0] / 2, 30, f"– {number} –")


SOURCES = {
    "model-lokalnej-wspolpracy.pptx": write_deck,
    "cis-kis-w-liczbach.docx": write_docx,
    "cis-kis-w-pigulce.odt": write_odt,
    "kierunki-zmian-2021.pdf": write_pdf,
}
"""Every source file by name."""


if __name__ == "__main__":
    sys.exit(write_all(SOURCES, sys.argv[1:], "demo-sources"))
