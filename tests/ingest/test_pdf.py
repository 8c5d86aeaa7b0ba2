"""PDF ingest: structure from synthetic PDFs (fpdf2), broken and encrypted files, and
the real Dutch government PDFs in ../shared/corpus-pdfs (marked slow)."""

from __future__ import annotations

import io
import random
import re
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from fpdf import FPDF
from fpdf.enums import TextMode
from pypdf import PdfReader, PdfWriter

from policytext.document import IngestError, RawDocument
from policytext.ingest import read_file
from policytext.ingest.limits import DEFAULT_LIMITS, Limits
from policytext.ingest.pdf import (
    RE_PAGE_NUMBER,
    is_toc_line,
    join_hyphen,
    raw_page_texts,
    read_pdf,
)

CORPUS_PDFS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus-pdfs"
CORPUS_FILES = sorted(CORPUS_PDFS.glob("*.pdf")) if CORPUS_PDFS.is_dir() else []
SCANNED = ("woo-vws-171436", "woo-vws-185775")
needs_corpus = pytest.mark.skipif(not CORPUS_FILES, reason=f"no PDFs in {CORPUS_PDFS}")

# --- Building synthetic PDFs -------------------------------------------------------------

PAGE_W, PAGE_H = 595.0, 842.0
LEFT, RIGHT = 60.0, 535.0
BODY = 10.0
PITCH = 13.0  # line pitch of body text
HEADER = "Gemeente Voorbeeldstad | Jaarverslag zorg en welzijn 2023"


@dataclass(frozen=True)
class Expected:
    kind: str
    text: str
    page: int
    level: int | None = None


class Writer:
    """Writes lines at explicit positions so that line breaks are known exactly."""

    def __init__(self, *, header: bool = True) -> None:
        self.pdf = FPDF(unit="pt", format="A4")
        self.pdf.set_auto_page_break(False)
        self.pdf.set_margins(LEFT, 40.0, PAGE_W - RIGHT)
        self.header = header
        self.page = 0
        self.y = 0.0

    def new_page(self, total: int) -> None:
        self.pdf.add_page()
        self.page += 1
        if self.header:
            self.pdf.set_font("helvetica", size=8)
            self.pdf.set_xy(LEFT, 30)
            self.pdf.cell(RIGHT - LEFT, 10, HEADER)
            self.pdf.set_xy(LEFT, PAGE_H - 40)
            self.pdf.cell(RIGHT - LEFT, 10, f"Pagina {self.page} van {total}", align="R")
        self.y = 80.0

    def heading(self, text: str, size: float, *, space: float = 10.0) -> None:
        self.y += space
        self.pdf.set_font("helvetica", style="B", size=size)
        self.pdf.set_xy(LEFT, self.y)
        self.pdf.cell(RIGHT - LEFT, size * 1.2, text)
        self.y += size * 1.2 + 8.0

    def line(self, x: float, text: str, *, justify: bool) -> None:
        """One line at ``x``; justified lines spread their words to the right margin."""
        words = text.split()
        if not justify or len(words) < 2:
            self.pdf.set_xy(x, self.y)
            self.pdf.cell(RIGHT - x, PITCH, text)
            return
        widths = [self.pdf.get_string_width(word) for word in words]
        space = (RIGHT - x - sum(widths)) / (len(words) - 1)
        for word, width in zip(words, widths, strict=True):
            self.pdf.set_xy(x, self.y)
            self.pdf.cell(width, PITCH, word)
            x += width + space

    def paragraph(self, lines: list[str], *, x: float = LEFT) -> None:
        """Full lines are justified to the right margin, the last is left aligned."""
        self.pdf.set_font("helvetica", size=BODY)
        for i, line in enumerate(lines):
            self.line(x, line, justify=i < len(lines) - 1)
            self.y += PITCH
        self.y += 8.0

    def bullet(self, glyph: tuple[str, str], lines: list[str]) -> None:
        """A list item: the glyph (font, character) then text lines with a hanging indent."""
        font, char = glyph
        self.pdf.set_font(font, size=BODY)
        self.pdf.set_xy(LEFT, self.y)
        self.pdf.cell(18, PITCH, char)
        self.pdf.set_font("helvetica", size=BODY)
        for i, line in enumerate(lines):
            self.line(LEFT + 18, line, justify=i < len(lines) - 1)
            self.y += PITCH
        self.y += 3.0

    def table(self, rows: list[list[str]]) -> None:
        """Rows of cells: a label column and right-aligned number columns."""
        self.y += 4.0
        for r, row in enumerate(rows):
            self.pdf.set_font("helvetica", style="B" if r == 0 else "", size=BODY - 1)
            self.pdf.set_xy(LEFT, self.y)
            self.pdf.cell(200, PITCH, row[0])
            for c, cell in enumerate(row[1:]):
                self.pdf.set_xy(300 + 75 * c, self.y)
                self.pdf.cell(60, PITCH, cell, align="R")
            self.y += PITCH + 2
        self.y += 10.0

    def output(self) -> bytes:
        return bytes(self.pdf.output())


BULLET = ("symbol", chr(0xB7))  # the Symbol font's bullet, as Word writes it
DOT = ("zapfdingbats", "l")  # ●
DASH = ("helvetica", "-")

P1 = [
    "De gemeente heeft in 2023 samen met partners in alle wijken gewerkt aan een sterke zorg-",
    "en welzijnsstructuur voor inwoners, mantelzorgers en vrijwilligers in de hele gemeen-",
    "te. Daarbij is ingezet op preventie, op vroegsignalering van problemen en op de aan-",
    "pak van eenzaamheid onder ouderen.",
]
P1_TEXT = (
    "De gemeente heeft in 2023 samen met partners in alle wijken gewerkt aan een sterke "
    "zorg- en welzijnsstructuur voor inwoners, mantelzorgers en vrijwilligers in de hele "
    "gemeente. Daarbij is ingezet op preventie, op vroegsignalering van problemen en op de "
    "aanpak van eenzaamheid onder ouderen."
)
P2 = [
    "Samen met de GGD en de huisartsen in Noord-Holland Noord is een campagne tegen COVID-",
    "19 opgezet. De campagne liep in alle wijken van de stad en bereikte volgens de Noord-",
    "Hollandse GGD ruim twaalfduizend inwoners.",
]
P2_TEXT = (
    "Samen met de GGD en de huisartsen in Noord-Holland Noord is een campagne tegen "
    "COVID-19 opgezet. De campagne liep in alle wijken van de stad en bereikte volgens de "
    "Noord-Hollandse GGD ruim twaalfduizend inwoners."
)
LEAD = ["Het college heeft in 2023 de volgende maatregelen genomen:"]
ITEMS = [
    (BULLET, ["Vijftig verkeerskruispunten zijn voorzien van blindegeleidelijnen;"]),
    (
        DOT,
        [
            "het meldpunt straatintimidatie is verbeterd in toegankelijkheid en gebruiksvrien-",
            "delijkheid voor alle inwoners;",
        ],
    ),
    (DASH, ["er zijn twintig nieuwe ontmoetingsplekken voor ouderen geopend."]),
]
ITEM_TEXTS = [
    "Vijftig verkeerskruispunten zijn voorzien van blindegeleidelijnen;",
    "het meldpunt straatintimidatie is verbeterd in toegankelijkheid en "
    "gebruiksvriendelijkheid voor alle inwoners;",
    "er zijn twintig nieuwe ontmoetingsplekken voor ouderen geopend.",
]
NUMBERED = [
    "1. Het aantal meldingen is met een derde gestegen.",
    "2. De wachttijd voor een keukentafelgesprek is gedaald.",
]
TABLE = [
    ["Programma", "2022", "2023", "2024"],
    ["Jeugdhulp", "1.200", "1.350", "1.400"],
    ["Wmo-voorzieningen", "2.310", "2.450", "2.600"],
    ["Beschermd wonen", "800", "820", "850"],
]
TABLE_TEXT = (
    "Programma | 2022 | 2023 | 2024\n"
    "Jeugdhulp | 1.200 | 1.350 | 1.400\n"
    "Wmo-voorzieningen | 2.310 | 2.450 | 2.600\n"
    "Beschermd wonen | 800 | 820 | 850"
)
P3 = [
    "De uitgaven aan jeugdhulp en Wmo-voorzieningen stegen in 2023 opnieuw, vooral door de",
    "toegenomen vraag naar ambulante begeleiding en huishoudelijke ondersteuning.",
]
P3_TEXT = " ".join(P3)
P4 = [
    "Het programma Seniorvriendelijk Voorbeeldstad helpt ouderen om langer zelfstandig thuis",
    "te wonen, met aandacht voor een toegankelijke openbare ruimte en ontmoeting.",
]
P4_TEXT = " ".join(P4)


def build_report() -> tuple[bytes, list[Expected]]:
    """A three-page annual report with a running header, page-number footer, headings at
    three levels, paragraphs with line-end hyphens, three kinds of bullets, a numbered
    list and a table; and the blocks read_pdf must find in it."""
    w = Writer()
    w.pdf.set_title("Jaarverslag zorg en welzijn 2023")
    w.new_page(3)
    w.heading("Jaarverslag zorg en welzijn", 20)
    w.heading("1. Sociale basis", 14)
    w.paragraph(P1)
    w.paragraph(P2)
    w.paragraph(LEAD)
    for glyph, lines in ITEMS:
        w.bullet(glyph, lines)
    w.new_page(3)
    w.heading("2. Financien", 14)
    w.paragraph(["Tabel 1 Uitgaven per programma (bedragen x 1.000 euro)"])
    w.table(TABLE)
    w.paragraph(P3)
    w.new_page(3)
    w.heading("Seniorvriendelijk Voorbeeldstad", BODY)
    w.paragraph(P4)
    w.paragraph(["Resultaten in 2023:"])
    for item in NUMBERED:
        w.paragraph([item])
    expected = [
        Expected("heading", "Jaarverslag zorg en welzijn", 1, 1),
        Expected("heading", "1. Sociale basis", 1, 2),
        Expected("paragraph", P1_TEXT, 1),
        Expected("paragraph", P2_TEXT, 1),
        Expected("paragraph", LEAD[0], 1),
        *(Expected("list_item", text, 1) for text in ITEM_TEXTS),
        Expected("heading", "2. Financien", 2, 2),
        Expected("paragraph", "Tabel 1 Uitgaven per programma (bedragen x 1.000 euro)", 2),
        Expected("table", TABLE_TEXT, 2),
        Expected("paragraph", P3_TEXT, 2),
        Expected("heading", "Seniorvriendelijk Voorbeeldstad", 3, 3),
        Expected("paragraph", P4_TEXT, 3),
        Expected("paragraph", "Resultaten in 2023:", 3),
        *(Expected("list_item", text, 3) for text in NUMBERED),
    ]
    return w.output(), expected


def image_png(width: int = 300, height: int = 400) -> io.BytesIO:
    """A noisy grey image, as a scanned page looks: an 8-bit greyscale PNG."""
    rng = random.Random(7)
    rows = b"".join(b"\x00" + rng.randbytes(width) for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
    return io.BytesIO(png)


def build_with_image_page() -> bytes:
    """Page 1 has text; page 2 is only an image covering the page."""
    w = Writer(header=False)
    w.new_page(2)
    w.paragraph(P4)
    w.pdf.add_page()
    w.pdf.image(image_png(), x=0, y=0, w=PAGE_W, h=PAGE_H)
    return w.output()


def build_with_blank_and_outline_pages() -> bytes:
    """Page 1 has text, page 2 one word (a separator page), page 3 no text but many
    vector strokes, as text converted to outlines is drawn."""
    w = Writer(header=False)
    w.new_page(3)
    w.paragraph(P4)
    w.new_page(3)
    w.y = PAGE_H / 2
    w.paragraph(["Bijlagen"])
    w.pdf.add_page()
    for i in range(600):
        x, y = LEFT + (i % 60) * 7.5, 100 + (i // 60) * 12
        w.pdf.line(x, y, x + 4, y + 8)
    return w.output()


def build_scan(ocr_text: list[str]) -> bytes:
    """A scanned page: an image over the whole page with an invisible OCR text layer."""
    w = Writer(header=False)
    w.new_page(1)
    w.pdf.image(image_png(), x=0, y=0, w=PAGE_W, h=PAGE_H)
    w.pdf.text_mode = TextMode.INVISIBLE
    w.paragraph(ocr_text)
    return w.output()


def encrypted(data: bytes, *, user: str, owner: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user, owner_password=owner, algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def write(tmp_path: Path, data: bytes, name: str = "doc.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def blocks(doc: RawDocument) -> list[Expected]:
    assert doc.blocks is not None
    return [Expected(b.kind, doc.text[b.start : b.end], b.page or 0, b.level) for b in doc.blocks]


def assert_offsets(doc: RawDocument) -> None:
    """Blocks are ordered, non-overlapping, non-empty, carry a page, and join to text."""
    assert doc.blocks is not None
    end = 0
    for block in doc.blocks:
        assert block.page is not None and 1 <= block.page <= (doc.n_pages or 0)
        assert end <= block.start < block.end <= len(doc.text)
        assert doc.text[block.start : block.end].strip()
        assert (block.level is not None) == (block.kind == "heading")
        end = block.end
    assert doc.text == "\n\n".join(doc.text[b.start : b.end] for b in doc.blocks)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Expected]]:
    data, expected = build_report()
    return write(tmp_path_factory.mktemp("pdf"), data, "jaarverslag.pdf"), expected


@pytest.fixture(scope="module")
def report_doc(report: tuple[Path, list[Expected]]) -> RawDocument:
    return read_pdf(report[0], DEFAULT_LIMITS)


# --- Structure ---------------------------------------------------------------------------


def test_report_blocks(report: tuple[Path, list[Expected]], report_doc: RawDocument) -> None:
    assert blocks(report_doc) == report[1]


def test_report_document_facts(report_doc: RawDocument) -> None:
    assert report_doc.source_format == "pdf"
    assert report_doc.n_pages == 3
    assert report_doc.title == "Jaarverslag zorg en welzijn 2023"
    assert report_doc.pages_without_text == []
    assert report_doc.warnings == []
    assert_offsets(report_doc)


@pytest.mark.parametrize(
    "running",
    [HEADER, "Pagina 1 van 3", "Pagina 3 van 3"],
    ids=["header", "footer-page-1", "footer-page-3"],
)
def test_running_lines_removed(
    report: tuple[Path, list[Expected]], report_doc: RawDocument, running: str
) -> None:
    assert running not in report_doc.text
    assert any(running in page for page in raw_page_texts(report[0], DEFAULT_LIMITS))


def test_raw_text_keeps_lines(report: tuple[Path, list[Expected]]) -> None:
    pages = raw_page_texts(report[0], DEFAULT_LIMITS)
    assert len(pages) == 3
    assert pages[0].splitlines()[0] == HEADER
    assert P1[0] in pages[0].splitlines()


def test_read_file_dispatches_pdf(
    report: tuple[Path, list[Expected]], report_doc: RawDocument, tmp_path: Path
) -> None:
    # Sniffed by content: a PDF named .txt is still a PDF.
    disguised = write(tmp_path, report[0].read_bytes(), "jaarverslag.txt")
    assert read_file(disguised).text == report_doc.text


@pytest.mark.parametrize(
    ("before", "after", "joined"),
    [
        ("de gemeen-", "te investeert", "de gemeente investeert"),
        ("zorg-", "en welzijn", "zorg- en welzijn"),
        ("jeugd-", "of gezinshulp", "jeugd- of gezinshulp"),
        ("Noord-", "Holland", "Noord-Holland"),
        ("COVID-", "19", "COVID-19"),
        ("GGD-", "regio", "GGD-regio"),
        ("e-", "mail", "e-mail"),
        ("auto-", "ongeluk", "auto-ongeluk"),
        ("zee-", "egel", "zee-egel"),
        ("ide-", "aal", "ideaal"),
        ("2020 -", "2024", "2020 - 2024"),
        ("woord", "volgt", "woord volgt"),
        ("jeugd\u00ad", "hulp", "jeugdhulp"),
    ],
    ids=[
        "word-split",
        "suspended-en",
        "suspended-of",
        "place-name",
        "number",
        "acronym",
        "single-letter",
        "vowel-clash-oo",
        "vowel-clash-ee",
        "vowels-no-clash",
        "spaced-dash",
        "no-hyphen",
        "soft-hyphen",
    ],
)
def test_join_hyphen(before: str, after: str, joined: str) -> None:
    head, tail, separator = join_hyphen(before, after)
    assert head + separator + tail == joined


@pytest.mark.parametrize(
    ("text", "is_page_number"),
    [
        ("12", True),
        ("- 12 -", True),
        ("Pagina 3 van 12", True),
        ("pagina 3/12", True),
        ("blz. 4", True),
        ("3 / 12", True),
        ("iv", True),
        ("2023", True),
        ("171436", False),
        ("Jaarverslag 2023", False),
        ("Artikel 3 van de wet", False),
    ],
    ids=lambda v: str(v).replace(" ", "_"),
)
def test_page_number_pattern(text: str, is_page_number: bool) -> None:
    assert bool(RE_PAGE_NUMBER.fullmatch(text)) is is_page_number


@pytest.mark.parametrize(
    "text",
    ["1" * 200_000, "1.2," * 50_000, "." * 200_000 + "x", "—" * 100_000 + " 12x"],
    ids=["digits", "digits-dots-commas", "dots", "dashes"],
)
def test_patterns_on_long_runs(text: str) -> None:
    # Bounded quantifiers: these return at once instead of backtracking for minutes.
    assert RE_PAGE_NUMBER.fullmatch(text) is None
    assert not is_toc_line(text)


# --- Limits ------------------------------------------------------------------------------


def test_max_pages(report: tuple[Path, list[Expected]]) -> None:
    doc = read_pdf(report[0], Limits(max_pages=1))
    assert doc.n_pages == 3
    assert {b.page for b in doc.blocks or []} == {1}
    assert doc.warnings == ["PDF has 3 pages; only the first 1 were read (max_pages)"]


def test_max_chars(report: tuple[Path, list[Expected]], report_doc: RawDocument) -> None:
    doc = read_pdf(report[0], Limits(max_chars=120))
    assert 0 < len(doc.text) <= 120
    assert report_doc.text.startswith(doc.text)
    assert doc.warnings == ["text truncated to 120 characters"]
    assert_offsets(doc)


# --- Text layer --------------------------------------------------------------------------


def test_image_only_page(tmp_path: Path) -> None:
    doc = read_pdf(write(tmp_path, build_with_image_page()), DEFAULT_LIMITS)
    assert doc.pages_without_text == [2]
    assert doc.warnings == ["1 of 2 pages have no text layer; OCR needed (pages 2)"]
    assert doc.text == P4_TEXT


def test_blank_and_outline_pages(tmp_path: Path) -> None:
    # The separator page needs no OCR; the page drawn in outlines does.
    doc = read_pdf(write(tmp_path, build_with_blank_and_outline_pages()), DEFAULT_LIMITS)
    assert doc.pages_without_text == [3]
    assert doc.warnings == ["1 of 3 pages have no text layer; OCR needed (pages 3)"]
    assert doc.text == P4_TEXT + "\n\nBijlagen"


def test_scanned_page_with_ocr_layer(tmp_path: Path) -> None:
    doc = read_pdf(write(tmp_path, build_scan(P4)), DEFAULT_LIMITS)
    assert doc.pages_without_text == []
    assert doc.warnings == [
        "1 of 1 pages are scanned images with an OCR text layer; the text may contain OCR errors"
    ]
    assert doc.text == P4_TEXT


def test_scanned_page_with_ocr_noise(tmp_path: Path) -> None:
    noise = ["%$#1 l1|I ;;:. ~~^ 0O0o ,,.. ||| 1l1l @@ ## \\\\ // ** 7Z7 <<>> 22ll :;:;"] * 3
    doc = read_pdf(write(tmp_path, build_scan(noise)), DEFAULT_LIMITS)
    assert doc.pages_without_text == [1]
    assert doc.warnings == ["1 of 1 pages have no text layer; OCR needed (pages 1)"]
    assert doc.text == ""


def test_rotated_page_reads_like_upright(
    report: tuple[Path, list[Expected]], report_doc: RawDocument, tmp_path: Path
) -> None:
    writer = PdfWriter(clone_from=PdfReader(report[0]))
    for page in writer.pages:
        page.rotate(90)
    out = io.BytesIO()
    writer.write(out)
    doc = read_pdf(write(tmp_path, out.getvalue()), DEFAULT_LIMITS)
    assert blocks(doc) == blocks(report_doc)


# --- Errors ------------------------------------------------------------------------------


def test_encrypted_with_user_password(report: tuple[Path, list[Expected]], tmp_path: Path) -> None:
    path = write(tmp_path, encrypted(report[0].read_bytes(), user="geheim", owner="eigenaar"))
    with pytest.raises(IngestError) as info:
        read_pdf(path, DEFAULT_LIMITS)
    assert info.value.path == str(path)
    assert info.value.reason == "encrypted PDF: a password is needed to open it"
    assert str(path) in str(info.value)


def test_owner_password_only_opens(
    report: tuple[Path, list[Expected]], report_doc: RawDocument, tmp_path: Path
) -> None:
    path = write(tmp_path, encrypted(report[0].read_bytes(), user="", owner="eigenaar"))
    assert read_pdf(path, DEFAULT_LIMITS).text == report_doc.text


def _truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


def _random(_data: bytes) -> bytes:
    return random.Random(1).randbytes(20_000)


def _header_then_garbage(_data: bytes) -> bytes:
    return b"%PDF-1.7\n" + random.Random(2).randbytes(5_000)


def _no_pages(_data: bytes) -> bytes:
    out = io.BytesIO()
    PdfWriter().write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda data: b"", r"not a readable PDF \(empty file, 0 bytes\)"),
        (_truncated, r"not a readable PDF \(.+\)"),
        (_random, r"not a readable PDF \(.+\)"),
        (_header_then_garbage, r"not a readable PDF \(.+\)"),
        (_no_pages, r"PDF has no pages"),
    ],
    ids=["zero-bytes", "truncated", "random-bytes", "header-then-garbage", "no-pages"],
)
def test_broken_files(
    report: tuple[Path, list[Expected]],
    tmp_path: Path,
    damage: Callable[[bytes], bytes],
    reason: str,
) -> None:
    path = write(tmp_path, damage(report[0].read_bytes()))
    with pytest.raises(IngestError) as info:
        read_pdf(path, DEFAULT_LIMITS)
    assert info.value.path == str(path)
    assert re.match(reason, info.value.reason)
    assert "\n" not in info.value.reason


@pytest.mark.parametrize("seed", range(40), ids=lambda s: f"seed{s}")
def test_damaged_bytes_never_escape(
    report: tuple[Path, list[Expected]], tmp_path: Path, seed: int
) -> None:
    """Flipped, cut, deleted or inserted bytes: a document or an IngestError, nothing else."""
    rng = random.Random(seed)
    data = bytearray(report[0].read_bytes())
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(data))
        kind = rng.randrange(4)
        if kind == 0:
            data[at] = rng.randrange(256)
        elif kind == 1:
            del data[at : at + rng.randint(1, 500)]
        elif kind == 2:
            data[at:at] = rng.randbytes(rng.randint(1, 200))
        else:
            del data[at:]
    path = write(tmp_path, bytes(data))
    try:
        doc = read_pdf(path, DEFAULT_LIMITS)
    except IngestError as err:
        assert err.reason and "\n" not in err.reason
    else:
        assert_offsets(doc)


# --- The real corpus ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus() -> dict[str, RawDocument]:
    return {path.name: read_pdf(path, DEFAULT_LIMITS) for path in CORPUS_FILES}


@pytest.mark.slow
@pytest.mark.corpus
@needs_corpus
def test_corpus_is_complete() -> None:
    assert len(CORPUS_FILES) == 13


@pytest.mark.slow
@pytest.mark.corpus
@needs_corpus
@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.stem[:40])
def test_corpus_pdf_ingests(corpus: dict[str, RawDocument], path: Path) -> None:
    doc = corpus[path.name]
    assert doc.source_format == "pdf"
    assert doc.n_pages and doc.n_pages > 0
    assert len(doc.text) > 1000
    assert_offsets(doc)
    kinds = {b.kind for b in doc.blocks or []}
    assert "paragraph" in kinds
    if not path.name.startswith(SCANNED):
        assert "heading" in kinds
        assert doc.warnings == []
        assert doc.pages_without_text == []


@pytest.mark.slow
@pytest.mark.corpus
@needs_corpus
@pytest.mark.parametrize("prefix", SCANNED, ids=SCANNED)
def test_corpus_scans_flagged(corpus: dict[str, RawDocument], prefix: str) -> None:
    # Both are ZyLAB exports: page images with an invisible OCR layer of usable text.
    name = next(n for n in corpus if n.startswith(prefix))
    doc = corpus[name]
    assert doc.pages_without_text or any("OCR" in w for w in doc.warnings)
    assert any("scanned images with an OCR text layer" in w for w in doc.warnings)


@pytest.mark.slow
@pytest.mark.corpus
@needs_corpus
@pytest.mark.parametrize(
    ("prefix", "present", "absent"),
    [
        # "grondwette-" + "lijk" across a line break; the running page number is gone.
        ("minfin_ombuigings", "zijn grondwettelijk bepaald", "grondwette- lijk"),
        # The footer on every page of the report is gone.
        ("vws_duidingsrapportage", "CoronaMelder", "De Winter Information Solutions –"),
        ("ap_advies", "GGD Zaanstreek-Waterland", "Openbare versie 3"),
        # "gegevensbe-" + "scherming" joined; "bron- en contactopsporing" kept.
        ("raad-van-state", "in het kader van gegevensbescherming", "gegevensbe- scherming"),
        ("raad-van-state", "bron- en contactopsporing", "bron-en- contact"),
        ("woo-vws-171436", "1752993-210956-PG", "\x00"),
    ],
    ids=[
        "ombuigingslijst-hyphen",
        "coronamelder-footer",
        "ap-footer",
        "rvs-hyphen",
        "rvs-suspended-hyphen",
        "woo-kenmerk",
    ],
)
def test_corpus_text(
    corpus: dict[str, RawDocument], prefix: str, present: str, absent: str
) -> None:
    name = next(n for n in corpus if n.startswith(prefix))
    assert present in corpus[name].text
    assert absent not in corpus[name].text


@pytest.mark.slow
@pytest.mark.corpus
@needs_corpus
@pytest.mark.parametrize(
    ("prefix", "min_tables"),
    [
        ("minfin_bmh-2", 40),
        ("minfin_bmh-6", 25),
        ("minfin_ombuigings", 40),
        ("vws_duidingsrapportage", 25),
        ("minfin_bouwstenen", 2),
    ],
    ids=["bmh-2", "bmh-6", "ombuigingslijst", "coronamelder", "fiche-12"],
)
def test_corpus_tables_found(corpus: dict[str, RawDocument], prefix: str, min_tables: int) -> None:
    name = next(n for n in corpus if n.startswith(prefix))
    tables = [b for b in corpus[name].blocks or [] if b.kind == "table"]
    assert len(tables) >= min_tables
