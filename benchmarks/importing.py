"""`make bench`: import and attachment-text figures.

1. Extraction time per MB for each format (PDF, DOCX, ODT, PPTX), on files written
   here from the synthetic Polish corpus, best of three runs.
2. The import of a 100-page PDF (read, rebuild, propose, write into a library).
3. Search-index growth for 100 attachments: the plain-text bytes their extracted
   text adds and its gzipped size (what a static index ships), plus the time to
   extract them cold and again through the content-hash cache.

Figures only; nothing here can fail a test. `--small` runs 20 attachments instead of 100.
"""

from __future__ import annotations

import gzip
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.import_fixtures import FONT, FONT_BOLD

from ksr_library.extracting import TextCache, extract_text
from ksr_library.importing.command import ImportRequest, plan_imports, write_plans
from ksr_library.synth import corpus


def _sentences(rng: random.Random, count: int) -> list[str]:
    pool = corpus()
    return [rng.choice(pool) for _ in range(count)]


def write_pdf(path: Path, pages: int, rng: random.Random) -> Path:
    """A report of about `pages` pages: headings, paragraphs, a running header and page numbers."""
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(TTFont("DejaVu", str(FONT)))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(FONT_BOLD)))
    styles = getSampleStyleSheet()
    body, heading = styles["BodyText"], styles["Heading2"]
    body.fontName, heading.fontName = "DejaVu", "DejaVu-Bold"

    def decorate(canvas: Any, document: Any) -> None:  # noqa: ANN401 - reportlab objects
        canvas.setFont("DejaVu", 8)
        canvas.drawString(72, 810, "Krajowa Sieć Reintegracji – raport")
        canvas.drawString(290, 25, str(document.page))

    story: list[Any] = []
    for section in range(pages * 5 // 2):  # 2.5 sections fill a page
        story.append(Paragraph(f"Część {section + 1}", heading))
        story.extend(Paragraph(" ".join(_sentences(rng, 4)), body) for _ in range(3))
    SimpleDocTemplate(str(path), invariant=1).build(story, onFirstPage=decorate, onLaterPages=decorate)
    return path


def write_docx(path: Path, paragraphs: int, rng: random.Random) -> Path:
    """A Word report of `paragraphs` paragraphs with headings and bullet lists."""
    import docx

    document = docx.Document()
    for i in range(paragraphs):
        if i % 10 == 0:
            document.add_heading(f"Rozdział {i // 10 + 1}", level=1)
        style = "List Bullet" if i % 10 in {7, 8} else None
        document.add_paragraph(" ".join(_sentences(rng, 3)), style=style)
    document.save(str(path))
    return path


def write_odt(path: Path, paragraphs: int, rng: random.Random) -> Path:
    """An OpenDocument text of `paragraphs` paragraphs with headings."""
    from odf.opendocument import OpenDocumentText
    from odf.text import H, P

    document = OpenDocumentText()
    for i in range(paragraphs):
        if i % 10 == 0:
            document.text.addElement(H(outlinelevel=1, text=f"Rozdział {i // 10 + 1}"))
        document.text.addElement(P(text=" ".join(_sentences(rng, 3))))
    document.save(str(path))
    return path


def write_pptx(path: Path, slides: int, rng: random.Random) -> Path:
    """A deck of `slides` slides, five bullets and speaker notes each."""
    from pptx import Presentation

    deck = Presentation()
    for i in range(slides):
        slide = deck.slides.add_slide(deck.slide_layouts[1])
        slide.shapes.title.text = f"Slajd {i + 1}"
        frame = slide.placeholders[1].text_frame
        frame.text = rng.choice(corpus())[:120]
        for level in (1, 1, 0, 1):
            paragraph = frame.add_paragraph()
            paragraph.text = rng.choice(corpus())[:120]
            paragraph.level = level
        slide.notes_slide.notes_text_frame.text = " ".join(_sentences(rng, 2))
    deck.save(str(path))
    return path


Writer = Callable[[Path, int, random.Random], Path]
FORMATS: dict[str, tuple[Writer, int, str]] = {
    "pdf": (write_pdf, 100, "pages"),
    "docx": (write_docx, 2000, "paragraphs"),
    "odt": (write_odt, 2000, "paragraphs"),
    "pptx": (write_pptx, 100, "slides"),
}
"""Per format: the writer, the size of the file to time, and what that size counts."""


def _best(runs: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def extraction_per_mb(folder: Path, rng: random.Random) -> None:
    """Print the extraction time per MB of each format."""
    print("Extraction time per MB (best of 3)")
    print(f"  {'format':<6} {'file':>14} {'MB':>6} {'seconds':>8} {'s/MB':>7} {'text KB':>8}")
    for name, (writer, size, unit) in FORMATS.items():
        path = writer(folder / f"large.{name}", size, rng)
        mb = path.stat().st_size / 1024 / 1024
        seconds = _best(3, lambda p=path: extract_text(p))  # type: ignore[misc]
        text_kb = sum(len(t.encode()) for t in extract_text(path)) / 1024
        print(
            f"  {name:<6} {f'{size} {unit}':>14} {mb:6.2f} {seconds:8.2f} {seconds / mb:7.2f} {text_kb:8.0f}"
        )


def import_100_pages(folder: Path, rng: random.Random) -> None:
    """Print the time of `ksr-library import` of a 100-page PDF, planned and written."""
    pdf = folder / "large.pdf"
    if not pdf.exists():
        write_pdf(pdf, 100, rng)
    library = folder / "library"
    library.mkdir()
    start = time.perf_counter()
    plans = plan_imports([pdf], library, ImportRequest("report"))
    write_plans(plans)
    seconds = time.perf_counter() - start
    body = plans[0].text
    print(
        f"Import of a {pdf.stat().st_size / 1024 / 1024:.2f} MB, {len(extract_text(pdf))}-page PDF: {seconds:.2f} s "
        f"({len(body) / 1024:.0f} KB of Markdown, {body.count(chr(10) + '## ')} headings)"
    )


def index_growth(folder: Path, rng: random.Random, count: int) -> None:
    """Print what `count` attachments add to a search index, and the cache's effect."""
    kinds = list(FORMATS)
    sizes = {"pdf": 10, "docx": 150, "odt": 150, "pptx": 15}
    attachments = []
    for i in range(count):
        kind = kinds[i % len(kinds)]
        attachments.append(FORMATS[kind][0](folder / f"zalacznik-{i:03}.{kind}", sizes[kind], rng))
    cache = TextCache(folder / "cache")
    start = time.perf_counter()
    texts = [cache.text(path) for path in attachments]
    cold = time.perf_counter() - start
    start = time.perf_counter()
    for path in attachments:
        cache.text(path)
    warm = time.perf_counter() - start
    plain = "\n".join(page for pages in texts for page in pages).encode("utf-8")
    packed = gzip.compress(plain, compresslevel=9)
    files_mb = sum(p.stat().st_size for p in attachments) / 1024 / 1024
    print(
        f"{count} attachments ({files_mb:.1f} MB; 10-page PDFs, 150-paragraph DOCX and ODT, 15-slide decks):"
    )
    print(f"  extracted text {len(plain) / 1024:.0f} KB plain, {len(packed) / 1024:.0f} KB gzipped")
    print(
        f"  per attachment {len(plain) / count / 1024:.1f} KB plain, {len(packed) / count / 1024:.1f} KB gzipped"
    )
    print(f"  extraction cold {cold:.2f} s, again through the cache {warm:.2f} s ({cache.hits} hits)")


def main(argv: list[str]) -> int:
    """Run the import benchmarks; `--small` uses 20 attachments instead of 100."""
    count = 20 if "--small" in argv else 100
    rng = random.Random(2019)
    with tempfile.TemporaryDirectory(prefix="ksr-import-bench-") as tmp:
        folder = Path(tmp)
        extraction_per_mb(folder, rng)
        import_100_pages(folder, rng)
        index_growth(folder, rng, count)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
