"""Small DOCX, ODT, PPTX and PDF files for the import tests, made at test time.

Each maker writes one file that exercises what the import must keep: headings,
paragraphs with bold, italics and links, nested bullet and numbered lists, tables with
a header row, pictures, slides with speaker notes, and a PDF with running headers, page
numbers and words broken at line ends. Bad files too: corrupt, encrypted and scanned.
Run it as a script to look at the files: `python -m tests.import_fixtures DIR`.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
"""A font with Polish letters for the PDFs (Debian's fonts-dejavu-core)."""
FONT_BOLD = FONT.with_name("DejaVuSans-Bold.ttf")


def png(colour: str = "navy", size: tuple[int, int] = (16, 12), kind: str = "PNG") -> bytes:
    """A small picture."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, kind)
    return out.getvalue()


# ---- DOCX


def _hyperlink(paragraph: object, text: str, url: str) -> None:
    """Append a hyperlink run (python-docx has no API that writes one)."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    part = paragraph.part  # type: ignore[attr-defined]
    rel_id = part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    run = OxmlElement("w:r")
    text_element = OxmlElement("w:t")
    text_element.text = text
    text_element.set(qn("xml:space"), "preserve")
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)  # type: ignore[attr-defined]


def make_docx(path: Path) -> Path:
    """A report: title style, headings, emphasis, links, lists, a table and a picture."""
    import docx

    document = docx.Document()
    core = document.core_properties
    core.title = "Diagnoza gotowości gmin do współpracy 2018"
    core.author = "Anna Nowak; Jan Kowalski"
    core.created = dt.datetime(2018, 11, 20, 9, 30)
    core.modified = dt.datetime(2019, 1, 5, 12, 0)
    document.add_paragraph("Diagnoza gotowości gmin do współpracy 2018", style="Title")
    document.add_heading("Wprowadzenie", level=1)
    intro = document.add_paragraph("Diagnoza objęła gminy, w których działa ")
    intro.add_run("klub integracji społecznej").bold = True
    intro.add_run(" albo ")
    intro.add_run("centrum integracji społecznej").italic = True
    intro.add_run(
        ", i pytała o gotowość do współpracy z partnerami z edukacji, kultury, zdrowia i sportu. Zob. "
    )
    _hyperlink(intro, "stronę IPiSS", "https://www.ipiss.com.pl/")
    intro.add_run(", napisz na ")
    _hyperlink(intro, "adres zespołu", "mailto:ksr@example.org")
    intro.add_run(" albo otwórz ")
    _hyperlink(intro, "plik lokalny", "file:///C:/raport.docx")
    intro.add_run(".")
    document.add_paragraph("Znaki <b>, [[REK-07]], *gwiazdki*, _podkreślniki_, `kod` i | zostają tekstem.")
    document.add_paragraph("1. To zdanie zaczyna się od liczby, a nie od listy.")
    document.add_heading("Wnioski", level=1)
    document.add_paragraph("Gminy wskazały trzy warunki współpracy:")
    document.add_paragraph("diagnoza zasobów gminy", style="List Bullet")
    document.add_paragraph("lista partnerów z czterech obszarów", style="List Bullet 2")
    document.add_paragraph("mapa instytucji kultury", style="List Bullet 2")
    document.add_paragraph("wspólny kalendarz działań", style="List Bullet")
    document.add_paragraph("Zwołać Zespół Synergii Lokalnej.", style="List Number")
    document.add_paragraph("Podpisać Pakt na rzecz MLW.", style="List Number")
    document.add_heading("Dane", level=2)
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate([["Rok", "CIS", "KIS"], ["2016", "159", "217"], ["2019", "186", "260"]]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    picture = document.add_paragraph().add_run().add_picture(io.BytesIO(png()))
    picture._inline.docPr.set("descr", "Mapa gmin objętych diagnozą")
    path.write_bytes(_saved(document.save))
    return path


def _saved(save: Callable[[io.BytesIO], None]) -> bytes:
    out = io.BytesIO()
    save(out)
    return out.getvalue()


# ---- ODT


def odt_document(title: str, creator: str, created: str) -> tuple[Any, Any]:
    """An empty OpenDocument text with its title, creator and creation date, and a bold text style."""
    from odf import dc, meta
    from odf.opendocument import OpenDocumentText
    from odf.style import Style, TextProperties

    document = OpenDocumentText()
    document.meta.addElement(dc.Title(text=title))
    document.meta.addElement(meta.InitialCreator(text=creator))
    document.meta.addElement(meta.CreationDate(text=created))
    bold = Style(name="Mocny", family="text")
    bold.addElement(TextProperties(fontweight="bold"))
    return document, bold


def make_odt(path: Path) -> Path:
    """A programme: meta data, a heading, emphasis, links, nested lists, a table, a GIF picture."""
    from odf.draw import Frame, Image
    from odf.style import Style, TextProperties
    from odf.text import A, H, ListLevelStyleBullet, ListLevelStyleNumber, ListStyle, P, Span

    document, bold = odt_document("Program szkolenia animatorów reintegracji", "Ewa Zielińska", "2019-02-11T10:00:00")
    italic = Style(name="Kursywa", family="text")
    italic.addElement(TextProperties(fontstyle="italic"))
    numbered = ListStyle(name="Kroki")
    numbered.addElement(ListLevelStyleNumber(level=1, numformat="1"))
    numbered.addElement(ListLevelStyleBullet(level=2, bulletchar="•"))
    for style in (bold, italic, numbered):
        document.automaticstyles.addElement(style)
    document.text.addElement(H(outlinelevel=1, text="Cel programu"))
    paragraph = P(text="Program przygotowuje ")
    paragraph.addElement(Span(stylename=bold, text="animatorów"))
    paragraph.addText(" Zespołów Regionalnej Animacji Reintegracji do ")
    paragraph.addElement(Span(stylename=italic, text="zakładania nowych klubów"))
    paragraph.addText(" z poszerzonym profilem usług. Więcej: ")
    paragraph.addElement(A(href="https://www.ipiss.com.pl/ksr", text="strona projektu"))
    paragraph.addText(", ")
    paragraph.addElement(A(href="javascript:alert(1)", text="skrypt"))
    paragraph.addText(".")
    document.text.addElement(paragraph)
    document.text.addElement(H(outlinelevel=2, text="Przebieg"))
    document.text.addElement(_odt_steps(numbered))
    document.text.addElement(_odt_table([["Moduł", "Godziny"], ["Diagnoza", "8"], ["Animacja", "12"]]))
    href = document.addPicture("Pictures/schemat.gif", "image/gif", png("teal", kind="GIF"))
    frame = Frame(width="3cm", height="2cm", anchortype="paragraph")
    frame.addElement(Image(href=href))
    holder = P()
    holder.addElement(frame)
    document.text.addElement(holder)
    path.write_bytes(_saved(document.write))
    return path


def _odt_steps(style: Any) -> Any:
    from odf.text import List, ListItem, P

    steps = List(stylename=style)
    for text, children in [("Diagnoza gminy", ["zasoby", "partnerzy"]), ("Plan działań", [])]:
        item = ListItem()
        item.addElement(P(text=text))
        if children:
            sub = List()
            for child in children:
                sub_item = ListItem()
                sub_item.addElement(P(text=child))
                sub.addElement(sub_item)
            item.addElement(sub)
        steps.addElement(item)
    return steps


def _odt_table(rows: list[list[str]]) -> Any:
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import P

    table = Table(name="Godziny")
    table.addElement(TableColumn(numbercolumnsrepeated=len(rows[0])))
    for row in rows:
        table_row = TableRow()
        for value in row:
            cell = TableCell()
            cell.addElement(P(text=value))
            table_row.addElement(cell)
        table.addElement(table_row)
    return table


# ---- PPTX


def make_pptx(path: Path) -> Path:
    """A deck: a title slide, nested bullets with notes, a table, a picture, an untitled slide."""
    from pptx import Presentation
    from pptx.util import Inches

    deck = Presentation()
    deck.core_properties.title = ""
    deck.core_properties.author = "Zespół projektu 1.48"
    deck.core_properties.created = dt.datetime(2014, 9, 1, 8, 0)
    slide = deck.slides.add_slide(deck.slide_layouts[0])
    slide.shapes.title.text = "Model Lokalnej Współpracy"
    slide.placeholders[1].text = "Prezentacja dla gmin"
    slide = deck.slides.add_slide(deck.slide_layouts[1])
    slide.shapes.title.text = "Elementy modelu"
    frame = slide.placeholders[1].text_frame
    frame.text = "Zespół Synergii Lokalnej"
    for text, level in [
        ("siedem zadań", 1),
        ("Pakt na rzecz MLW", 0),
        ("podmiot zatrudnienia socjalnego", 0),
    ]:
        paragraph = frame.add_paragraph()
        paragraph.text = text
        paragraph.level = level
    run = frame.paragraphs[2].add_run()
    run.text = " (wzór)"
    run.hyperlink.address = "https://example.org/pakt"
    slide.notes_slide.notes_text_frame.text = "Najpierw klub w gminie, potem centrum albo spółdzielnia."
    slide = deck.slides.add_slide(deck.slide_layouts[5])
    slide.shapes.title.text = "Kluby w rejestrach"
    table = slide.shapes.add_table(3, 2, Inches(1), Inches(2), Inches(6), Inches(1.5)).table
    for r, row in enumerate([["Rok", "KIS w rejestrze"], ["2012", "122"], ["2013", "187"]]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    picture = slide.shapes.add_picture(io.BytesIO(png("olive")), Inches(1), Inches(1))
    picture._element.nvPicPr.cNvPr.set("descr", "Schemat trzech filarów")
    path.write_bytes(_saved(deck.save))
    return path


# ---- PDF

PDF_PAGES: list[list[tuple[str, int]]] = [
    [
        ("Współpraca międzysektorowa w gminie", 18),
        ("Wprowadzenie", 13),
        ("Klub integracji społecznej działa najlepiej, gdy w gminie istnieje sieć partnerów", 10),
        ("z obszarów edukacji, kultury, zdrowia i sportu. Rozwój lokalnej gospo-", 10),
        ("darki społecznej zależy od tego, czy instytucje planują wspólne działania", 10),
        ("na rzecz reintegracji społeczno-", 10),
        ("zawodowej mieszkańców województwa Kujawsko-", 10),
        ("Pomorskiego i działań KIS-", 10),
        ("ów.", 10),
        ("", 0),
        ("Ekspertyza wskazuje trzy kroki:", 10),
        ("• diagnoza zasobów gminy,", 10),
        ("• wspólny kalendarz działań, uzgodniony przez wszystkich", 10),
        ("partnerów,", 10),
        ("• ocena efektów po roku.", 10),
    ],
    [
        ("Rekomendacje", 13),
        ("Gmina powinna powołać zespół, który zbierze partnerów i przygotuje plan, a ośrodek", 10),
        ("pomocy społecznej powinien kierować do klubu osoby, dla których udział w zajęciach", 10),
    ],
    [
        ("edukacyjnych i sportowych jest szansą na powrót do aktywności.", 10),
        ("", 0),
        ("1. Powołać Zespół Synergii Lokalnej.", 10),
        ("2. Podpisać Pakt na rzecz MLW.", 10),
    ],
]
"""The lines of each page of the PDF fixture, with their font sizes (0: a blank line)."""


def _pdf_canvas(path: Path, **options: object) -> object:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if not FONT.is_file():
        raise SystemExit(f"{FONT} is missing: install Debian's fonts-dejavu-core")
    pdfmetrics.registerFont(TTFont("DejaVu", str(FONT)))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(FONT_BOLD)))
    return canvas.Canvas(str(path), invariant=1, **options)


def make_pdf(
    path: Path, pages: list[list[tuple[str, int]]] | None = None, *, author: str = "Piotr Wiśniewski"
) -> Path:
    """A PDF with a running header, page numbers, headings, hyphenation and lists."""
    pages = pages or PDF_PAGES
    pdf: Any = _pdf_canvas(path)
    pdf.setAuthor(author)
    for number, lines in enumerate(pages, 1):
        pdf.setFont("DejaVu", 8)
        pdf.drawString(72, 800, "Krajowa Sieć Reintegracji – ekspertyza")
        pdf.drawString(260, 30, f"Strona {number} z {len(pages)}")
        y = 760.0
        for text, size in lines:
            if not text:
                y -= 10
                continue
            pdf.setFont("DejaVu-Bold" if size > 10 else "DejaVu", size)
            x = 84 if text.startswith("•") or text[:2] in {"1.", "2."} else 72
            if text == "partnerów,":
                x = 92
            pdf.drawString(x, y, text)
            y -= size * 1.3 + (8 if size > 10 else 0)
        pdf.showPage()
    pdf.save()
    return dated(path, dt.date(2019, 9, 23))


def dated(path: Path, created: dt.date) -> Path:
    """Stamp a PDF's creation date, whatever reportlab's clock said (it follows SOURCE_DATE_EPOCH)."""
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=path)
    writer.add_metadata({"/CreationDate": f"D:{created:%Y%m%d}120000+00'00'"})
    with path.open("wb") as out:
        writer.write(out)
    return path


def make_encrypted_pdf(path: Path) -> Path:
    """A PDF that needs a password."""
    pdf: Any = _pdf_canvas(path, encrypt="tajne-haslo")
    pdf.setFont("DejaVu", 10)
    pdf.drawString(72, 760, "Tekst, którego nie da się przeczytać bez hasła.")
    pdf.showPage()
    pdf.save()
    return path


def make_scanned_pdf(path: Path) -> Path:
    """A PDF of two pages that hold only pictures, as a scanner makes."""
    from reportlab.lib.utils import ImageReader

    pdf: Any = _pdf_canvas(path)
    for colour in ("grey", "silver"):
        pdf.drawImage(ImageReader(io.BytesIO(png(colour, (60, 80)))), 40, 40, width=500, height=700)
        pdf.showPage()
    pdf.save()
    return path


def make_corrupt_docx(path: Path) -> Path:
    """A Word file cut in half, as an interrupted download leaves it."""
    whole = make_docx(path).read_bytes()
    path.write_bytes(whole[: len(whole) // 2])
    return path


MAKERS: dict[str, Callable[[Path], Path]] = {
    "raport.docx": make_docx,
    "program.odt": make_odt,
    "model-mlw.pptx": make_pptx,
    "ekspertyza.pdf": make_pdf,
    "zaszyfrowany.pdf": make_encrypted_pdf,
    "skan.pdf": make_scanned_pdf,
    "zepsuty.docx": make_corrupt_docx,
}
"""Every fixture by file name."""


def write_all(makers: dict[str, Callable[[Path], Path]], argv: list[str], default: str) -> int:
    """Write every file of `makers` into the folder named in `argv` (else `default`); print each path."""
    folder = Path(argv[0] if argv else default)
    folder.mkdir(parents=True, exist_ok=True)
    for name, maker in makers.items():
        print(maker(folder / name))
    return 0


if __name__ == "__main__":
    sys.exit(write_all(MAKERS, sys.argv[1:], "import-fixtures"))
