"""PDF documents: text in reading order with headings, list items, paragraphs and tables.

PDFium (through pypdfium2's raw API) gives every character's box and font; the layout
is rebuilt from those here, because pdfplumber does the same in pure Python some 30×
slower. Per page: characters become words (split at spaces and gaps, as pdfplumber
does), words are clustered into lines by vertical position and sorted left to right, so
the raw page text matches pdfplumber's ``extract_text`` (see ``benchmarks/bench_pdf.py``).

Then, over the whole document:

- running headers and footers go: margin lines that repeat at the same height on
  several pages (digits ignored, so "Pagina 3 van 12" repeats), and page numbers;
- table regions are runs of lines whose words stand in columns (wide gaps that line up);
  a table block has one line per row with cells joined by ``" | "``;
- headings are short lines in a larger font than the body text (the most common size in
  the document), or bold at body size; level 1 is the largest style;
- bullets (•, –, -, ▪, symbol-font glyphs) and enumerators ("1.", "a)") start list items,
  one block per item, the bullet glyph dropped;
- the other lines are joined into paragraphs: a paragraph ends at extra vertical space,
  a change of font size, a first-line indent, or a line that ends a sentence although
  the next word would have fitted on it. Lines are joined with a space; a line-end
  hyphen is dropped (``gemeen-`` + ``te`` → ``gemeente``) unless it is meant
  (``zorg- en welzijn``, ``Noord-Holland``, ``COVID-19``, ``auto-ongeluk``).

A page printed sideways (a landscape table) is read in the direction of most of its
text; other rotated text (chart axis labels, stamps in the margin) is kept in the raw
page text but not in the blocks.

Pages with (almost) no text layer but with an image, or drawn as vector outlines, are
listed in ``pages_without_text`` with an "OCR needed" warning; pages with a little text
and nothing to OCR (blank and separator pages) are not. Scanned pages whose text is an
invisible OCR layer over page images are kept, with a warning that the text may hold
OCR errors, unless that layer is noise. Headings and tables are not looked for on such
pages (OCR font sizes and word gaps are noise).

Left out: column detection (text in two columns side by side is read line by line
across both, as pdfplumber does), footnote linking, table cell semantics, and OCR.
"""

from __future__ import annotations

import ctypes
import math
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from policytext.document import Block, IngestError, PassageKind, RawDocument
from policytext.ingest.limits import Limits

# --- Text layer --------------------------------------------------------------------------
# A page with fewer non-space characters than this has no real text layer.
MIN_PAGE_CHARS = 50
# A page with little text needs OCR when images cover this share of it, or when it has
# this many vector paths (text converted to outlines); a blank or separator page not.
MIN_IMAGE_COVER = 0.10
MIN_OUTLINE_PATHS = 500
# Page objects looked at, and how deep into form XObjects, when looking for images.
MAX_PAGE_OBJECTS = 100_000
FORM_DEPTH = 3
# A page whose sampled characters are mostly invisible (render mode 3) and whose images
# cover most of it is a scan with an OCR text layer.
OCR_SAMPLE_CHARS = 12
OCR_INVISIBLE_SHARE = 0.75
OCR_IMAGE_COVER = 0.5
# An OCR layer in which fewer tokens than this look like words is noise, not text.
MIN_OCR_WORD_SHARE = 0.5
RE_OCR_WORD = re.compile(r"[^\W\d_]{1,25}(?:[-'’][^\W\d_]{1,25}){0,3}[.,;:!?)]{0,2}")

# Characters that separate words: spaces of all widths, line breaks PDFium generates,
# and control characters.
BREAK_CHARS = frozenset(
    " \t\r\n\x00\x0b\x0c\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
    "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
# Dropped inside words: zero-width characters and control codes.
RE_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\x01-\x08\x0e-\x1f\x7f]")
# PDFium reports a hyphen that ends a line as U+FFFE (U+0002 in older builds).
PDFIUM_HYPHEN = "\ufffe"
# A token between word breaks; a line-end hyphen closes it, as PDFium runs the next
# line on without a break.
RE_TOKEN = re.compile(
    "[^"
    + re.escape("".join(sorted(BREAK_CHARS)))
    + PDFIUM_HYPHEN
    + "]{1,4000}"
    + PDFIUM_HYPHEN
    + "?|"
    + PDFIUM_HYPHEN
)
SOFT_HYPHEN = "\u00ad"
TEXT_TRANSLATION = str.maketrans({PDFIUM_HYPHEN: "-", "\x02": "-"})
# Block text also spells out typographic ligatures: "ﬁnanciën" → "financiën".
LIGATURES = str.maketrans({
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
    "\ufb05": "st", "\ufb06": "st",
})  # fmt: skip
# Font-name parts that mean bold; the ForceBold flag of the font descriptor means it too.
RE_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demibold|extrabold|ultrabold", re.IGNORECASE)
FORCE_BOLD_FLAG = 1 << 18
FONT_NAME_BUFFER = 256
INVISIBLE_RENDER_MODES = frozenset({pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE})

# --- Running headers and footers ---------------------------------------------------------
# Lines in the top/bottom band of this share of the page height (at most this many from
# each edge) may be running headers, footers or page numbers.
MARGIN_BAND = 0.13
MARGIN_LINES = 4
# Occurrences of a running line sit at the same height, within this many points.
RUNNING_Y_TOLERANCE = 6.0
# A margin line runs when it repeats on this many pages: twice in short documents, three
# times in longer ones (a chapter's running header runs over a few pages only).
RUNNING_MIN_PAGES_SHORT = 2
RUNNING_MIN_PAGES = 3
SHORT_DOCUMENT_PAGES = 6
# A page number alone: "12", "- 12 -", "(12)", "Pagina 3 van 12", "blz. 4", "3/12", "iv".
RE_PAGE_NUMBER = re.compile(
    r"""(?:
        [-–—(\[]?[ ]{0,2}[0-9]{1,4}[ ]{0,2}[-–—)\]]?                  # 12, - 12 -, (12)
      | (?:pagina|page|pag\.|blz\.?|blad|p\.)[ ]{0,2}[0-9]{1,4}       # Pagina 3
        (?:[ ]{0,2}(?:van|of|/|uit)[ ]{0,2}[0-9]{1,4})?               #   van 12
      | [0-9]{1,4}[ ]{0,2}(?:/|van|of)[ ]{0,2}[0-9]{1,4}              # 3/12, 3 van 12
      | [ivxlc]{1,7}                                                  # roman numerals
    )""",
    re.IGNORECASE | re.VERBOSE,
)
RE_NON_LETTERS = re.compile(r"[\W\d_]{1,50}")

# --- Tables ------------------------------------------------------------------------------
# A gap between words wider than this many times the font size separates table cells.
CELL_GAP = 1.5
CELL_SEPARATOR = " | "
# Column boundaries of two rows match within this many points.
COLUMN_TOLERANCE = 4.0
# A table region has at least this many rows with cell gaps, one with three or more cells.
MIN_TABLE_ROWS = 3
# Rows without gaps (wrapped cell text) may sit between gapped rows, up to this many.
MAX_TABLE_FILL_ROWS = 8
# Rows further apart than this many times the font size end a table region.
MAX_TABLE_ROW_PITCH = 2.6
# Word spaces in prose stay below this many times the font size, even when justified.
PROSE_GAP = 0.8
# Share of a region's gapped rows that must share a column boundary with another row.
MIN_ALIGNED_SHARE = 0.6
# A region that is really prose in two columns: its cells average more words than this.
MAX_TABLE_CELL_WORDS = 7.0

# --- Headings ----------------------------------------------------------------------------
# A line this much larger than the body size (and at least a point larger; sizes are
# rounded to half points) is a heading candidate: 13 pt over a 12 pt body is one.
HEADING_SIZE_RATIO = 1.07
HEADING_MIN_STEP = 0.75
# Bold lines are heading candidates from this share of the body size up.
BOLD_HEADING_MIN_RATIO = 0.95
MAX_HEADING_LINES = 3
MAX_HEADING_CHARS = 200
SIZE_STEP = 0.5  # font sizes are compared rounded to half points

# --- Paragraphs and lists ----------------------------------------------------------------
# Line pitch (baseline to baseline) over font size when no body text sets it.
DEFAULT_PITCH_RATIO = 1.2
# Extra pitch, in font sizes, that makes a paragraph break.
PARAGRAPH_GAP = 0.4
# On OCR pages, lines further apart than this times the page's usual pitch break.
OCR_PITCH_SLACK = 1.3
# A numbered heading in body type: "2. Noodzaak wettelijke grondslag", "4.2.1 Eerste fase".
RE_SECTION_NUMBER = re.compile(r"([0-9]{1,2}(?:\.[0-9]{1,2}){0,3}\.?) ")
MAX_NUMBERED_HEADING_CHARS = 90
# Font sizes differing by more than this (points) belong to different blocks.
SIZE_TOLERANCE = 0.6
# A table-of-contents entry ends in a page number after a dash or dot leader:
# "Inleiding—14", "Bijlagen .......... 59", "Woord vooraf – 4".
RE_TOC_LINE = re.compile(r"(?:[—–]|\.\.|…)[ .]{0,80}[0-9]{1,3}$")
TOC_TAIL = 100  # characters at the end of a line that RE_TOC_LINE looks at
RE_SENTENCE_END = re.compile(r"[.!?:;…][\"'”’)\]]{0,2}$")
# Bullet glyphs that open a list item; symbol-font bullets arrive as private-use
# characters (U+F0B7 is Symbol's bullet, U+F0A7 Wingdings' square).
BULLET_CHARS = frozenset("•·▪▫◦‣●○■□◆◇♦❖➢➤►▶✓✔☐☑*-–—~>")
RE_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
# An enumerator that opens a list item: "1.", "12)", "(3)", "a.", "b)", "(c)", "iv.".
RE_ENUMERATOR = re.compile(
    r"(?:[0-9]{1,2}[.)]|\([0-9]{1,2}\)|[a-z][.)]|\([a-z]\)|(?:i{1,3}|iv|vi{0,3}|ix|x)[.)])",
    re.IGNORECASE,
)
# Bullets that may also be a dash or sign inside a sentence wrapped onto a new line
# ("heeft u – ingevolge artikel 36 – ..."): like enumerators, they start an item only
# where the line above does not run on into them.
WEAK_BULLETS = frozenset("-–—~>*")
# "o" (Courier New) is Word's second-level bullet; it needs a wide gap after it.
LETTER_BULLET = "o"
LETTER_BULLET_GAP = 0.8
# Words after which a line-end hyphen is kept with a space: "zorg- en welzijn".
SUSPENDED_HYPHEN_WORDS = frozenset({"en", "of", "tot", "noch", "als", "dan", "maar", "en/of"})
# Words a heading does not end in but a wrapped line of a sentence often does: a bold
# line ending in one of them runs on into the paragraph below it.
RUN_ON_WORDS = frozenset({
    "de", "het", "een", "en", "of", "van", "in", "op", "te", "voor", "met", "aan", "door",
    "bij", "om", "tot", "als", "dat", "die", "uit", "naar", "over", "is", "zijn", "wordt",
    "worden",
})  # fmt: skip
# Vowel pairs that a hyphen keeps apart in Dutch compounds: "auto-ongeluk", "zee-egel".
VOWEL_COLLISIONS = frozenset(
    {"aa", "ae", "ai", "au", "ee", "ei", "eu", "ie", "ii", "oe", "oi", "oo", "ou", "ui", "uu"}
)
RE_ACRONYM_PART = re.compile(r"(?:[A-Z][^a-z]{0,10}[A-Z]|[0-9])")

# Metadata titles that are no title: Word's file names and stand-in titles.
RE_WORD_TITLE_PREFIX = re.compile(r"^Microsoft (?:Word|PowerPoint|Excel) - ", re.IGNORECASE)
RE_FILE_NAME = re.compile(r"\.(?:docx?|pdf|odt|rtf|pptx?|xlsx?|txt)$", re.IGNORECASE)
PLACEHOLDER_TITLES = frozenset(
    {"", "untitled", "naamloos", "document", "titel", "title", "inhoud", "inhoudsopgave"}
)
RE_PLACEHOLDER_TITLE = re.compile(r"(?:document|untitled|naamloos)[ _-]?[0-9]{0,4}", re.IGNORECASE)


@dataclass(slots=True)
class Word:
    """A run of characters without a space or gap: text, box (points, y down), font."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    char: int  # index of its first character on the PDFium text page
    turn: int = 0  # direction of writing on the displayed page: 0, 90, 180 or 270 degrees


@dataclass(slots=True)
class Line:
    """One line of text: words left to right, with the box and style of the line."""

    words: list[Word]
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool = False
    running: bool = False
    table: int | None = None  # id of the table region the line belongs to

    def cells(self) -> list[list[Word]]:
        """The words grouped into cells at gaps wider than ``CELL_GAP`` font sizes."""
        cells = [[self.words[0]]]
        gap = CELL_GAP * self.size
        for prev, word in pairwise(self.words):
            if word.x0 - prev.x1 > gap:
                cells.append([])
            cells[-1].append(word)
        return cells


@dataclass(slots=True)
class Page:
    """The lines of one page in reading order, with what is known about its text layer."""

    number: int  # 1-based
    width: float
    height: float
    lines: list[Line]
    n_chars: int  # non-space characters
    rotated: list[Line] = field(default_factory=list)  # lines of rotated text
    ocr_layer: bool = False  # text is an invisible OCR layer over page images
    # Examined only on pages with little text or an invisible text layer:
    image_cover: float = 0.0  # share of the page covered by images
    paths: int = 0  # vector paths (text converted to outlines is drawn with many)

    def raw_text(self) -> str:
        """The page text before any cleanup: one line per text line, rotated text last."""
        return "\n".join(line.text for line in self.lines + self.rotated)


@dataclass(slots=True)
class Draft:
    """A block being built: its kind, lines and page."""

    kind: PassageKind
    page: int
    lines: list[Line] = field(default_factory=list)
    level: int | None = None
    marker_words: int = 0  # words of a list marker to drop from the first line


# --- Reading the PDF ---------------------------------------------------------------------


def open_pdf(path: Path) -> pdfium.PdfDocument:
    """Open ``path`` with PDFium, or raise :class:`IngestError` saying why it cannot be."""
    name = str(path)
    try:
        with path.open("rb") as fh:
            if not fh.read(1):
                raise IngestError(name, "not a readable PDF (empty file, 0 bytes)")
    except OSError as err:
        raise IngestError(name, f"cannot read file ({err.strerror or err})") from None
    # PDFium keeps its last error when a load fails for a reason it has no code for
    # (an empty page tree), so the code of an earlier failure would show. Failing on
    # purpose first sets a known code: "file error", impossible for a file just read.
    pdfium_c.FPDF_LoadDocument(b"", None)
    try:
        return pdfium.PdfDocument(path)
    except pdfium.PdfiumError as err:
        code = getattr(err, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise IngestError(name, "encrypted PDF: a password is needed to open it") from None
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise IngestError(name, "encrypted PDF: unsupported security handler") from None
        if code in (pdfium_c.FPDF_ERR_FILE, pdfium_c.FPDF_ERR_SUCCESS):
            raise IngestError(name, "PDF has no pages (or no readable page tree)") from None
        detail = {pdfium_c.FPDF_ERR_FORMAT: "corrupt, truncated or not a PDF"}.get(
            code, str(err).splitlines()[0] if str(err) else type(err).__name__
        )
        raise IngestError(name, f"not a readable PDF ({detail})") from None
    except (OSError, ValueError) as err:
        raise IngestError(name, f"cannot read file ({one_line(err)})") from None


def read_pdf(path: Path, limits: Limits) -> RawDocument:
    """Read a PDF into text and blocks; see the module docstring for how.

    Raises :class:`IngestError` for encrypted, corrupt and empty PDFs.
    """
    path = Path(path)
    name = str(path)
    pdf = open_pdf(path)
    try:
        try:
            n_pages = len(pdf)
        except Exception as err:  # PDFium errors have no common base we can rely on
            raise IngestError(name, f"not a readable PDF ({one_line(err)})") from None
        if n_pages <= 0:
            raise IngestError(name, "PDF has no pages (or no readable page tree)")
        warnings: list[str] = []
        n_read = min(n_pages, max(limits.max_pages, 0))
        if n_read < n_pages:
            warnings.append(
                f"PDF has {n_pages} pages; only the first {n_read} were read (max_pages)"
            )
        pages: list[Page] = []
        unreadable: list[int] = []
        for index in range(n_read):
            try:
                pages.append(read_page(pdf, index))
            except IngestError:
                raise
            except Exception:  # one broken page must not lose the rest
                unreadable.append(index + 1)
        if unreadable:
            if len(unreadable) == n_read:
                raise IngestError(name, "not a readable PDF (no page could be read)")
            warnings.append(f"{len(unreadable)} page(s) could not be read: {page_list(unreadable)}")
        title = metadata_title(pdf)
    finally:
        pdf.close()
    try:
        return build_document(pages, n_pages=n_pages, title=title, warnings=warnings, limits=limits)
    except Exception as err:  # geometry no real PDF has; a reason, not a traceback
        raise IngestError(
            name, f"not a readable PDF ({type(err).__name__}: {one_line(err)})"
        ) from None


def one_line(err: BaseException) -> str:
    """The first line of an exception's message, or its type name."""
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__


def page_list(numbers: list[int], limit: int = 10) -> str:
    """``[1, 2, 3]`` → ``"1, 2, 3"``; long lists end in ``", …"``."""
    shown = ", ".join(str(n) for n in numbers[:limit])
    return shown + (", …" if len(numbers) > limit else "")


def metadata_title(pdf: pdfium.PdfDocument) -> str | None:
    """The document title from the PDF metadata, without Word's file-name titles."""
    try:
        title = pdf.get_metadata_value("Title")
    except Exception:
        return None
    title = " ".join(RE_INVISIBLE.sub("", title or "").split())
    title = RE_WORD_TITLE_PREFIX.sub("", title)
    if (
        RE_FILE_NAME.search(title)
        or title.lower() in PLACEHOLDER_TITLES
        or RE_PLACEHOLDER_TITLE.fullmatch(title)
    ):
        return None
    return title


def read_page(pdf: pdfium.PdfDocument, index: int) -> Page:
    """Lines and text-layer facts of page ``index`` (0-based)."""
    page = pdf[index]
    try:
        left, bottom, right, top = page.get_bbox()
        rotation = page.get_rotation() % 360
        textpage = page.get_textpage()
        width, height = right - left, top - bottom
        if rotation in (90, 270):
            width, height = height, width
        try:
            words, n_chars = page_words(textpage, (left, bottom, right, top), rotation)
            width, height = upright_frame(words, width, height)
            lines, rotated = group_lines(words)
            mark_bold(textpage, lines)
            ocr = n_chars >= MIN_PAGE_CHARS and invisible_text(textpage)
        finally:
            textpage.close()
        result = Page(index + 1, width, height, lines, n_chars, rotated)
        if n_chars < MIN_PAGE_CHARS or ocr:
            result.image_cover, result.paths = page_graphics(page, width * height)
            result.ocr_layer = ocr and result.image_cover >= OCR_IMAGE_COVER
        return result
    finally:
        page.close()


class CharBoxes:
    """Character boxes and font sizes of a PDFium text page, in y-down page coordinates
    of the page as displayed (its rotation applied)."""

    __slots__ = ("bbox", "handle", "matrix", "matrix_ref", "rect", "rect_ref", "rotation", "top")

    def __init__(
        self, handle: object, bbox: tuple[float, float, float, float], rotation: int
    ) -> None:
        self.handle = handle
        self.bbox = bbox
        self.top = bbox[3]
        self.rotation = rotation
        self.rect = pdfium_c.FS_RECTF()
        self.rect_ref = ctypes.byref(self.rect)
        self.matrix = pdfium_c.FS_MATRIX()
        self.matrix_ref = ctypes.byref(self.matrix)

    def box(self, i: int) -> tuple[float, float, float, float] | None:
        """``(x0, x1, top, bottom)`` of character ``i``: PDFium's loose box, which spans
        the font's ascent to descent, so all characters of a line share top and bottom."""
        if not pdfium_c.FPDFText_GetLooseCharBox(self.handle, i, self.rect_ref):
            return None
        rect = self.rect
        if self.rotation:
            return rotate_box(rect, self.bbox, self.rotation)
        return rect.left, rect.right, self.top - rect.top, self.top - rect.bottom

    def font(self, i: int) -> tuple[float, int]:
        """The font size of character ``i`` as printed (the nominal size times the scale
        of the text matrix: several producers set size 1 and scale the matrix), and its
        direction of writing on the displayed page, in quarter turns counter-clockwise
        (0 for upright text, 90 for text running upwards)."""
        pdfium_c.FPDFText_GetMatrix(self.handle, i, self.matrix_ref)
        m = self.matrix
        scale = math.hypot(m.c, m.d) or 1.0
        size = pdfium_c.FPDFText_GetFontSize(self.handle, i) * scale
        if abs(m.b) <= 0.5 * abs(m.a) and m.a > 0 and not self.rotation:
            return size, 0  # the common case, without trigonometry
        angle = math.degrees(math.atan2(m.b, m.a)) - self.rotation
        return size, int(((angle + 45) % 360) // 90) * 90


def page_words(
    textpage: pdfium.PdfTextPage, bbox: tuple[float, float, float, float], rotation: int
) -> tuple[list[Word], int]:
    """The words of a page in PDFium's character order, and its non-space character count.

    A word ends at a space or control character (PDFium adds spaces where it sees word
    gaps and line breaks where lines change), after a line-end hyphen, at a horizontal
    gap wider than pdfplumber's 3 pt tolerance, and where the text jumps back or to
    another line. For speed only the first and last character of a token between
    spaces are measured; a token whose ends do not look like one word on one line is
    measured character by character.
    """
    handle = textpage.raw
    n = pdfium_c.FPDFText_CountChars(handle)
    if n <= 0:
        return [], 0
    text = textpage.get_text_range(errors="replace")
    if len(text) != n:
        # PDFium left characters out of the text: ask for them one by one.
        unicode_of = pdfium_c.FPDFText_GetUnicode
        text = "".join(chr(min(max(unicode_of(handle, i), 0), 0x10FFFF)) for i in range(n))
    boxes = CharBoxes(handle, bbox, rotation)
    box = boxes.box
    words: list[Word] = []
    n_chars = 0
    for match in RE_TOKEN.finditer(text):
        a, b = match.span()
        n_chars += b - a
        first = box(a)
        last = first if b - a == 1 else box(b - 1)
        if first is not None and last is not None:
            x0, x1, top, bottom = first
            size, turn = boxes.font(a)
            if turn:  # rotated text (chart labels, margin stamps): one word per token
                words.append(
                    Word(
                        match.group(),
                        min(x0, last[0]),
                        max(x1, last[1]),
                        min(top, last[2]),
                        max(bottom, last[3]),
                        size,
                        a,
                        turn,
                    )
                )
                continue
            height = bottom - top
            if (
                height > 0
                and abs(last[2] + last[3] - top - bottom) <= height
                and last[0] >= x0 - 1.0
                and last[1] - x0 <= (b - a) * 1.5 * height + 3.0
            ):
                words.append(Word(match.group(), x0, max(x1, last[1]), top, bottom, size, a))
                continue
        words.extend(split_token(text, a, b, boxes))
    return words, n_chars


def split_token(text: str, a: int, b: int, boxes: CharBoxes) -> list[Word]:
    """The words of ``text[a:b]`` measured character by character: a new word starts at
    a gap wider than 3 pt (0.3 of the height for large type), a jump back, or a change
    of line."""
    words: list[Word] = []
    chars: list[str] = []
    x0 = x1 = top = bottom = mid2 = height = tolerance = 0.0
    start = a
    for i in range(a, b):
        found = boxes.box(i)
        if found is None:
            continue
        c0, c1, c_top, c_bottom = found
        if chars:
            if c0 - x1 > tolerance or c0 < x1 - tolerance or abs(c_top + c_bottom - mid2) > height:
                words.append(Word("".join(chars), x0, x1, top, bottom, boxes.font(start)[0], start))
                chars = []
            elif c1 > x1:
                x1 = c1
        if not chars:
            x0, x1, top, bottom, start = c0, c1, c_top, c_bottom, i
            mid2 = c_top + c_bottom
            height = max(c_bottom - c_top, 0.1)
            tolerance = 3.0 if height < 10.0 else 0.3 * height
        chars.append(text[i])
    if chars:
        words.append(Word("".join(chars), x0, x1, top, bottom, boxes.font(start)[0], start))
    return words


def rotate_box(
    rect: pdfium_c.FS_RECTF, bbox: tuple[float, float, float, float], rotation: int
) -> tuple[float, float, float, float]:
    """A character box in y-down display coordinates of a page shown rotated."""
    left, bottom, right, top = bbox
    if rotation == 90:
        return rect.bottom - bottom, rect.top - bottom, rect.left - left, rect.right - left
    if rotation == 180:
        return right - rect.right, right - rect.left, rect.bottom - bottom, rect.top - bottom
    # 270
    return top - rect.top, top - rect.bottom, right - rect.right, right - rect.left


def upright_frame(words: list[Word], width: float, height: float) -> tuple[float, float]:
    """Turn the words of a page printed sideways (a landscape table on a portrait page)
    so that most of its text is upright; returns the page's width and height in that
    frame. Words keep their direction relative to the new frame."""
    weight: dict[int, int] = {}
    for word in words:
        weight[word.turn] = weight.get(word.turn, 0) + len(word.text)
    turn = max(weight, key=weight.__getitem__) if weight else 0
    if not turn:
        return width, height
    for w in words:
        x0, x1, top, bottom = w.x0, w.x1, w.top, w.bottom
        if turn == 90:  # text runs upwards: turn the page clockwise
            w.x0, w.x1, w.top, w.bottom = height - bottom, height - top, x0, x1
        elif turn == 270:  # text runs downwards: turn the page counter-clockwise
            w.x0, w.x1, w.top, w.bottom = top, bottom, width - x1, width - x0
        else:
            w.x0, w.x1, w.top, w.bottom = width - x1, width - x0, height - bottom, height - top
        w.turn = (w.turn - turn) % 360
    return (height, width) if turn in (90, 270) else (width, height)


def group_lines(words: list[Word]) -> tuple[list[Line], list[Line]]:
    """Cluster words into lines: upright lines top to bottom, each left to right, and
    lines of rotated text (chart labels, stamps in the margin) apart.

    A word joins the line being built when its centre lies within half a height of the
    line's first word; superscripts (footnote marks) therefore stay on their line.
    """
    words = [w for w in words if math.isfinite(w.x0 + w.x1 + w.top + w.bottom + w.size)]
    upright = sorted((w for w in words if not w.turn), key=lambda w: w.top + w.bottom)
    groups: list[list[Word]] = []
    ref_mid = ref_height = 0.0
    for word in upright:
        mid = (word.top + word.bottom) / 2
        height = word.bottom - word.top
        if groups and abs(mid - ref_mid) <= 0.5 * max(height, ref_height):
            groups[-1].append(word)
        else:
            groups.append([word])
            ref_mid, ref_height = mid, height
    for group in groups:
        group.sort(key=lambda w: w.x0)
    lines = [line for line in map(make_line, groups) if line is not None]
    return lines, rotated_lines([w for w in words if w.turn])


def rotated_lines(words: list[Word]) -> list[Line]:
    """Lines of rotated words: words of one direction whose boxes share a column (or a
    row, for upside-down text), in reading order along it."""
    lines: list[Line] = []
    for turn in (90, 180, 270):
        same = [w for w in words if w.turn == turn]
        if not same:
            continue
        vertical = turn != 180

        # Across the writing direction: x for vertical text, y for upside-down text.
        def across(w: Word, vertical: bool = vertical) -> float:
            return w.x0 + w.x1 if vertical else w.top + w.bottom

        same.sort(key=across)
        groups: list[list[Word]] = []
        ref = extent = 0.0
        for word in same:
            width = (word.x1 - word.x0) if vertical else (word.bottom - word.top)
            if groups and abs(across(word) - ref) <= max(width, extent):
                groups[-1].append(word)
            else:
                groups.append([word])
                ref, extent = across(word), width
        for group in groups:
            # Text turned 90° counter-clockwise reads upwards, 270° downwards.
            if turn == 90:
                group.sort(key=lambda w: -w.bottom)
            elif turn == 270:
                group.sort(key=lambda w: w.top)
            else:
                group.sort(key=lambda w: -w.x1)
            line = make_line(group)
            if line is not None:
                lines.append(line)
    return lines


def make_line(group: list[Word]) -> Line | None:
    """A line from its words in reading order; ``None`` if nothing visible is left."""
    text = " ".join([w.text for w in group])
    if RE_INVISIBLE.search(text):
        group = [w for w in group if RE_INVISIBLE.sub("", w.text)]
        if not group:
            return None
        for w in group:
            w.text = RE_INVISIBLE.sub("", w.text)
        text = " ".join([w.text for w in group])
    x0 = x1 = top = bottom = 0.0
    sizes: dict[float, int] = {}
    for w in group:
        if sizes:
            x0, x1 = min(x0, w.x0), max(x1, w.x1)
            top, bottom = min(top, w.top), max(bottom, w.bottom)
        else:
            x0, x1, top, bottom = w.x0, w.x1, w.top, w.bottom
        key = round(w.size / SIZE_STEP) * SIZE_STEP
        sizes[key] = sizes.get(key, 0) + len(w.text)
    size = max(sizes, key=sizes.__getitem__) if len(sizes) > 1 else next(iter(sizes))
    return Line(group, text.translate(TEXT_TRANSLATION), x0, x1, top, bottom, size)


def mark_bold(textpage: pdfium.PdfTextPage, lines: list[Line]) -> None:
    """Set ``line.bold`` when its first, middle and last words are in a bold font.

    PDFium's font weight is unreliable (0 or 400 for bold faces in several producers),
    so the font name ("Arial-BoldMT") and the ForceBold flag decide.
    """
    handle = textpage.raw
    buffer = ctypes.create_string_buffer(FONT_NAME_BUFFER)
    flags = ctypes.c_int()
    flags_ref = ctypes.byref(flags)
    font_info = pdfium_c.FPDFText_GetFontInfo
    cache: dict[tuple[bytes, int], bool] = {}
    for line in lines:
        words = line.words
        bold = True
        for word in (words[0], words[len(words) // 2], words[-1]):
            if not font_info(handle, word.char, buffer, FONT_NAME_BUFFER, flags_ref):
                bold = False
                break
            key = (buffer.value, flags.value)
            is_bold = cache.get(key)
            if is_bold is None:
                font = buffer.value.decode("latin-1")
                is_bold = bool(RE_BOLD_FONT.search(font)) or bool(flags.value & FORCE_BOLD_FLAG)
                cache[key] = is_bold
            if not is_bold:
                bold = False
                break
        line.bold = bold


def invisible_text(textpage: pdfium.PdfTextPage) -> bool:
    """Whether most of a sample of the page's characters are drawn invisibly (OCR layer)."""
    handle = textpage.raw
    n = pdfium_c.FPDFText_CountChars(handle)
    step = max(n // OCR_SAMPLE_CHARS, 1)
    seen = invisible = 0
    for i in range(0, n, step):
        obj = pdfium_c.FPDFText_GetTextObject(handle, i)
        if not obj:
            continue
        seen += 1
        if pdfium_c.FPDFTextObj_GetTextRenderMode(obj) in INVISIBLE_RENDER_MODES:
            invisible += 1
    return seen > 0 and invisible >= OCR_INVISIBLE_SHARE * seen


def page_graphics(page: pdfium.PdfPage, area: float) -> tuple[float, int]:
    """The share of the page area covered by images (overlaps counted twice, at most 1;
    a form XObject holding an image counts with its whole box) and the number of vector
    paths, for pages with little or no text."""
    if area <= 0:
        return 0.0, 0
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    refs = [ctypes.byref(v) for v in (left, bottom, right, top)]
    covered = 0.0
    paths = 0
    for k in range(min(pdfium_c.FPDFPage_CountObjects(page), MAX_PAGE_OBJECTS)):
        obj = pdfium_c.FPDFPage_GetObject(page, k)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            paths += 1
            continue
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            images, form_paths = form_contents(obj, FORM_DEPTH)
            paths += form_paths
            if not images:
                continue
        elif kind != pdfium_c.FPDF_PAGEOBJ_IMAGE:
            continue
        if pdfium_c.FPDFPageObj_GetBounds(obj, *refs):
            covered += max(right.value - left.value, 0.0) * max(top.value - bottom.value, 0.0)
    return min(covered / area, 1.0), paths


def form_contents(form: object, depth: int) -> tuple[int, int]:
    """Images and paths inside a form XObject, looking ``depth`` levels deep."""
    images = paths = 0
    for k in range(min(pdfium_c.FPDFFormObj_CountObjects(form), MAX_PAGE_OBJECTS)):
        obj = pdfium_c.FPDFFormObj_GetObject(form, k)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            images += 1
        elif kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            paths += 1
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth > 1:
            inner_images, inner_paths = form_contents(obj, depth - 1)
            images += inner_images
            paths += inner_paths
    return images, paths


# --- Cleanup over the whole document -----------------------------------------------------


def running_key(text: str) -> str:
    """How a margin line is compared across pages: its letters in lower case, so that
    "Openbare versie 2" and "Openbare versie" or "Pagina 3 van 12" and "Pagina 4 van
    12" match."""
    key = " ".join(RE_NON_LETTERS.sub(" ", text.lower()).split())
    return key or "#" + "".join(text.split())


def margin_lines(page: Page) -> Iterator[Line]:
    """The lines near the top and bottom edge of a page."""
    band = MARGIN_BAND * page.height
    lines = page.lines
    for line in lines[:MARGIN_LINES]:
        if line.bottom <= band:
            yield line
    for line in lines[-MARGIN_LINES:] if len(lines) > MARGIN_LINES else []:
        if line.top >= page.height - band:
            yield line
    if len(lines) <= MARGIN_LINES:
        for line in lines:
            if line.top >= page.height - band and line.bottom > band:
                yield line


def mark_running_lines(pages: list[Page]) -> None:
    """Mark page numbers and lines that repeat in the page margins as running."""
    occurrences: dict[str, list[tuple[float, int, Line]]] = {}
    for page in pages:
        seen: set[int] = set()
        for line in margin_lines(page):
            if id(line) in seen:
                continue
            seen.add(id(line))
            if RE_PAGE_NUMBER.fullmatch(line.text.strip()):
                line.running = True
                continue
            occurrences.setdefault(running_key(line.text), []).append((line.top, page.number, line))
    with_text = sum(1 for page in pages if page.lines)
    threshold = RUNNING_MIN_PAGES_SHORT if with_text <= SHORT_DOCUMENT_PAGES else RUNNING_MIN_PAGES
    for found in occurrences.values():
        if len(found) < threshold:
            continue
        found.sort(key=lambda item: item[0])
        tops = [top for top, _, _ in found]
        best_lo = best_hi = 0
        for lo, top in enumerate(tops):
            hi = bisect_left(tops, top + RUNNING_Y_TOLERANCE + 1e-6)
            if hi - lo > best_hi - best_lo:
                best_lo, best_hi = lo, hi
        window = found[best_lo:best_hi]
        if len({page for _, page, _ in window}) >= threshold:
            for _, _, line in window:
                line.running = True


def find_tables(page: Page, next_id: int) -> int:
    """Mark the table regions of a page on its lines; returns the next free region id.

    A row has cells when a gap between words is wider than ``CELL_GAP`` font sizes
    (a list marker's gap does not count). A region is a run of such rows, possibly with
    rows of wrapped cell text between them, whose column boundaries line up.
    """
    lines = [line for line in page.lines if not line.running]
    cell_counts = [len(table_cells(line)) for line in lines]
    i = 0
    while i < len(lines):
        if cell_counts[i] < 2:
            i += 1
            continue
        members = [i]
        gapped = [i]
        gaps = cell_gaps(lines[i])
        j = i + 1
        fill = 0
        while j < len(lines):
            prev, line = lines[j - 1], lines[j]
            pitch = line.top - prev.top
            if pitch > MAX_TABLE_ROW_PITCH * max(line.size, prev.size):
                break
            if cell_counts[j] >= 2:
                members.extend(range(members[-1] + 1, j + 1))
                gapped.append(j)
                gaps = cell_gaps(line)
                fill = 0
            else:
                # Text running across a column gap of the row above is prose, not cells.
                fill += 1
                if fill > MAX_TABLE_FILL_ROWS or crosses(line, gaps):
                    break
            j += 1
        # Rows of wrapped text after the last gapped row belong to it when they follow
        # at line spacing and are indented (cell text continued below the row) or stay
        # within the first column (the row's label wrapped).
        last = members[-1]
        left = lines[gapped[0]].x0
        last_cells = table_cells(lines[gapped[-1]])
        first_column_end = last_cells[1][0].x0 if len(last_cells) > 1 else left
        k = last + 1
        while (
            k < len(lines)
            and cell_counts[k] < 2
            and k - last <= MAX_TABLE_FILL_ROWS
            and (
                lines[k].x0 > left + COLUMN_TOLERANCE
                or lines[k].x1 < first_column_end - COLUMN_TOLERANCE
            )
            and lines[k].top - lines[k - 1].top <= 1.6 * max(lines[k - 1].size, lines[k].size)
            and not crosses(lines[k], gaps)
        ):
            members.append(k)
            k += 1
        if is_table(lines, gapped, cell_counts):
            for m in members:
                lines[m].table = next_id
            next_id += 1
            i = members[-1] + 1
        else:
            i = gapped[-1] + 1 if len(gapped) > 1 else i + 1
    return next_id


def cell_gaps(line: Line) -> list[tuple[float, float]]:
    """The column gaps of a table row: from the end of a cell to the start of the next."""
    cells = table_cells(line)
    return [(a[-1].x1, b[0].x0) for a, b in pairwise(cells)]


def crosses(line: Line, gaps: list[tuple[float, float]]) -> bool:
    """Whether a line of prose (only word spaces between its words, no narrow column
    gaps) runs across one of the column gaps."""
    if not any(line.x0 < start and line.x1 > end for start, end in gaps):
        return False
    widest = max((b.x0 - a.x1 for a, b in pairwise(line.words)), default=0.0)
    return widest < PROSE_GAP * line.size


def table_cells(line: Line) -> list[list[Word]]:
    """The cells of a line, a leading list marker's gap not counting."""
    cells = line.cells()
    if len(cells) >= 2 and len(cells[0]) == 1 and list_marker(cells[0][0].text):
        head = cells[0] + cells[1]
        return [head, *cells[2:]]
    return cells


def is_table(lines: list[Line], gapped: list[int], cell_counts: list[int]) -> bool:
    """Whether gapped rows form a table: enough rows, aligned columns, short cells."""
    if len(gapped) < 2 or (
        len(gapped) < MIN_TABLE_ROWS and max(cell_counts[g] for g in gapped) < 3
    ):
        return False
    cells = [table_cells(lines[g]) for g in gapped]
    n_cells = sum(len(c) for c in cells)
    n_words = sum(len(cell) for row in cells for cell in row)
    if n_words / n_cells > MAX_TABLE_CELL_WORDS:
        return False
    # A row is aligned when one of its column boundaries (start or end of a cell after
    # the first) recurs in another row of the region.
    rows_at: dict[int, set[int]] = {}
    edges: list[list[float]] = []
    for r, row in enumerate(cells):
        row_edges = [x for cell in row[1:] for x in (cell[0].x0, cell[-1].x1)]
        edges.append(row_edges)
        for x in row_edges:
            rows_at.setdefault(int(x // COLUMN_TOLERANCE), set()).add(r)
    aligned = 0
    for r, row_edges in enumerate(edges):
        if any(
            rows_at.get(int(x // COLUMN_TOLERANCE) + d, set()) - {r}
            for x in row_edges
            for d in (-1, 0, 1)
        ):
            aligned += 1
    return aligned >= MIN_ALIGNED_SHARE * len(cells)


def list_marker(text: str) -> bool:
    """Whether a word is a bullet glyph or an enumerator ("•", "–", "", "1.", "b)")."""
    if len(text) == 1 and (text in BULLET_CHARS or RE_PRIVATE_USE.match(text)):
        return True
    return bool(RE_ENUMERATOR.fullmatch(text))


# --- Blocks ------------------------------------------------------------------------------


def body_size(pages: list[Page]) -> float:
    """The font size of most characters outside margins and tables."""
    weights: Counter[float] = Counter()
    for page in pages:
        if page.ocr_layer:
            continue
        for line in page.lines:
            if not line.running and line.table is None:
                weights[line.size] += len(line.text)
    return weights.most_common(1)[0][0] if weights else 0.0


def pitch_ratio(pages: list[Page], body: float) -> float:
    """The usual line pitch of body text as a multiple of its font size."""
    ratios: Counter[float] = Counter()
    for page in pages:
        prev: Line | None = None
        for line in page.lines:
            if line.running or line.table is not None or line.size != body:
                prev = None
                continue
            if prev is not None:
                ratio = (line.top - prev.top) / body
                if 0.9 <= ratio <= 2.5:
                    ratios[round(ratio, 2)] += 1
            prev = line
    if not ratios:
        return DEFAULT_PITCH_RATIO
    # The mode, with its neighbours, so that 1.21 and 1.22 count as one spacing.
    best = max(ratios, key=lambda r: sum(ratios.get(round(r + d, 2), 0) for d in (-0.01, 0, 0.01)))
    return best


def heading_styles(pages: list[Page], body: float) -> dict[tuple[float, bool], int]:
    """Heading levels by style ``(size, bold)``: larger first, bold before regular."""
    styles: set[tuple[float, bool]] = set()
    for page in pages:
        if page.ocr_layer:
            continue
        for line in page.lines:
            style = heading_style(line, body)
            if style is not None:
                styles.add(style)
    ordered = sorted(styles, key=lambda s: (-s[0], not s[1]))
    return {style: level for level, style in enumerate(ordered, start=1)}


def heading_style(line: Line, body: float) -> tuple[float, bool] | None:
    """The style of a line that may be a heading, else ``None``."""
    if line.running or line.table is not None or body <= 0:
        return None
    if len(line.text) > MAX_HEADING_CHARS or not any(ch.isalpha() for ch in line.text):
        return None
    if is_toc_line(line.text) or bullet_of(line) == 1:
        return None
    larger = line.size >= HEADING_SIZE_RATIO * body and line.size - body >= HEADING_MIN_STEP
    if larger or (line.bold and line.size >= BOLD_HEADING_MIN_RATIO * body):
        return (line.size, line.bold)
    return None


def right_edge(lines: list[Line], width: float) -> float:
    """Where full lines of text end on this page: the 80th percentile of line ends."""
    ends = sorted(line.x1 for line in lines if line.table is None and len(line.text) >= 20)
    if len(ends) < 3:
        return width
    return ends[int(0.8 * (len(ends) - 1))]


def bullet_of(line: Line) -> int | None:
    """How many leading words of a line are its list marker (0 for none), else ``None``.

    Returns 1 for a bullet glyph or "o" followed by a wide gap (they are dropped) and 0
    for an enumerator ("1.", "a)"), which stays part of the item text.
    """
    words = line.words
    if len(words) < 2:
        return None
    first = words[0].text
    if len(first) == 1 and (first in BULLET_CHARS or RE_PRIVATE_USE.match(first)):
        return 1
    if first[:1] in BULLET_CHARS and len(first) > 1 and first[0] in "•▪●■►➢✓✔":
        return 1
    if first == LETTER_BULLET and words[1].x0 - words[0].x1 > LETTER_BULLET_GAP * line.size:
        return 1
    if RE_ENUMERATOR.fullmatch(first):
        return 0
    return None


def joined(lines: list[Line], skip_words: int = 0) -> str:
    """The text of lines joined with spaces, line-end hyphens resolved."""
    parts: list[str] = []
    for k, line in enumerate(lines):
        words = [w.text for w in line.words]
        if k == 0 and skip_words:
            words = words[skip_words:]
        text = " ".join(words).translate(TEXT_TRANSLATION)
        text = RE_INVISIBLE.sub("", text).strip()
        if not text:
            continue
        if parts:
            parts[-1], text, sep = join_hyphen(parts[-1], text)
            parts.append(sep)
        parts.append(text)
    return "".join(parts).replace(SOFT_HYPHEN, "").translate(LIGATURES)


def join_hyphen(before: str, after: str) -> tuple[str, str, str]:
    """Resolve a line break: ``(before, after, separator)`` to concatenate.

    ``"gemeen-"`` + ``"te"`` → ``"gemeente"``; kept: ``"zorg- en"``, ``"Noord-Holland"``,
    ``"COVID-19"``, ``"auto-ongeluk"``, ``"GGD-regio"``.
    """
    if before.endswith(SOFT_HYPHEN):
        return before[:-1], after, ""
    if len(before) < 2 or before[-1] not in "-\u2010" or not before[-2].isalpha():
        return before, after, " "
    head = after.split(" ", 1)[0]
    first = after[0]
    if not first.isalpha():
        return before, after, ""  # "COVID-" + "19"
    if not first.islower():
        return before, after, ""  # "Noord-" + "Holland"
    if head.rstrip(".,;:") in SUSPENDED_HYPHEN_WORDS:
        return before, after, " "  # "zorg- en welzijn"
    fragment = before[:-1].rsplit(" ", 1)[-1]
    if len(fragment) == 1 or RE_ACRONYM_PART.search(fragment):
        return before, after, ""  # "e-mail", "GGD-regio", "2e-kamer"
    if (fragment[-1] + first).lower() in VOWEL_COLLISIONS:
        return before, after, ""  # "auto-ongeluk"
    return before[:-1], after, ""  # "gemeen-te"


def is_toc_line(text: str) -> bool:
    """Whether a line is a table-of-contents entry ("Inleiding—14")."""
    return bool(RE_TOC_LINE.search(text[-TOC_TAIL:]))


def ends_sentence(text: str) -> bool:
    return bool(RE_SENTENCE_END.search(text))


@dataclass(slots=True)
class Layout:
    """Document-wide measures the block rules compare against."""

    body: float
    pitch: float  # body line pitch / font size
    levels: dict[tuple[float, bool], int]


@dataclass(slots=True)
class Flow:
    """What decides on one page whether a line runs on from the line above it."""

    pitch: float  # usual line pitch / font size
    edge: float  # where full lines end
    ocr_pitch: float | None = None  # on OCR pages: the usual pitch in points

    def max_pitch(self, size: float) -> float:
        """The largest pitch (top to top) at which lines belong to one paragraph."""
        if self.ocr_pitch is not None:
            return OCR_PITCH_SLACK * self.ocr_pitch
        return (self.pitch + PARAGRAPH_GAP) * size


def page_flow(lines: list[Line], layout: Layout, width: float, *, ocr: bool) -> Flow:
    """The paragraph measures of a page. OCR font sizes are noise, so on OCR pages the
    median distance between lines replaces the size-based pitch."""
    flow = Flow(layout.pitch, right_edge(lines, width))
    if ocr:
        pitches = sorted(b.top - a.top for a, b in pairwise(lines) if 2.0 < b.top - a.top < 60.0)
        if pitches:
            flow.ocr_pitch = pitches[len(pitches) // 2]
    return flow


def continues(prev: Line, line: Line, flow: Flow) -> bool:
    """Whether ``line`` continues the paragraph or list item that ``prev`` ends."""
    if flow.ocr_pitch is None and abs(line.size - prev.size) > SIZE_TOLERANCE:
        return False
    size = max(line.size, prev.size)
    pitch = line.top - prev.top
    if pitch <= 0.3 * (line.bottom - line.top) or pitch > flow.max_pitch(size):
        return False
    if is_toc_line(prev.text):
        return False
    # A line broken although its next word would have fitted ends a paragraph when it
    # ends a sentence, or when the next line starts with a capital: then the next two
    # words must have fitted, as names ("Den Helder") are often kept together.
    first = line.words[0]
    if ends_sentence(prev.text):
        need = first.x1 - first.x0
    elif first.text[:1].islower():
        need = math.inf
    else:
        need = line.words[min(1, len(line.words) - 1)].x1 - first.x0
    if prev.x1 + 0.3 * size + need < flow.edge - 0.5 * size:
        return False
    return not (line.x0 > prev.x0 + 1.5 * size and ends_sentence(prev.text))


def heading_runs(
    lines: list[Line], layout: Layout, flow: Flow, *, ocr: bool
) -> list[tuple[float, bool] | None]:
    """The heading style of each line, ``None`` for text lines.

    Consecutive lines of one style form a heading; such a run is text after all when it
    is longer than ``MAX_HEADING_LINES`` or runs on into the next line as one paragraph
    (a bold first sentence: the next line follows at normal spacing, and starts in lower
    case, or the run's last line is full or ends in a word no heading ends in, "de").
    """
    if ocr:
        return [None] * len(lines)
    styles = [heading_style(line, layout.body) for line in lines]
    i = 0
    while i < len(lines):
        style = styles[i]
        if style is None:
            i += 1
            continue
        j = i + 1
        while (
            j < len(lines)
            and styles[j] == style
            and 0 < lines[j].top - lines[j - 1].top <= (layout.pitch + PARAGRAPH_GAP) * style[0]
        ):
            j += 1
        last = lines[j - 1]
        run_in = (
            j < len(lines)
            and styles[j] is None
            and lines[j].table is None
            and bullet_of(lines[j]) is None
            and continues(last, lines[j], flow)
            and (
                lines[j].text[:1].islower()
                or last.x1 >= flow.edge - 2 * last.size
                or last.words[-1].text.lower() in RUN_ON_WORDS
            )
        )
        if run_in or j - i > MAX_HEADING_LINES:
            styles[i:j] = [None] * (j - i)
        i = j
    return styles


def numbered_heading(lines: list[Line], i: int, flow: Flow, body: float) -> int | None:
    """The depth of a numbered heading in plain type ("2. Noodzaak wettelijke
    grondslag" → 1, "4.2.1 Eerste fase" → 3), else ``None``.

    The line must be short, in body type or larger (footnotes look the same in small
    type), not end a sentence, and stand alone: no list item or table next to it (which
    would make it one of a numbered list), space above and below it, or, for a number
    with more than one level, a sentence ending above it and no run-on into the line
    below it.
    """
    line = lines[i]
    if line.size < BOLD_HEADING_MIN_RATIO * body:
        return None
    match = RE_SECTION_NUMBER.match(line.text)
    if match is None or len(line.text) > MAX_NUMBERED_HEADING_CHARS or len(line.words) < 2:
        return None
    if RE_SENTENCE_END.search(line.text) or not line.words[1].text[:1].isupper():
        return None
    depth = match.group(1).rstrip(".").count(".") + 1
    if i > 0:
        above = lines[i - 1]
        if bullet_of(above) is not None or above.table is not None:
            return None
        spaced = line.top - above.top > flow.max_pitch(max(line.size, above.size))
        if not spaced and not (depth > 1 and ends_sentence(above.text)):
            return None
    if i + 1 < len(lines):
        below = lines[i + 1]
        if bullet_of(below) is not None or below.table is not None:
            return None
        spaced = below.top - line.top > flow.max_pitch(max(line.size, below.size))
        if not spaced and not (depth > 1 and not continues(line, below, flow)):
            return None
    return depth


def page_drafts(page: Page, layout: Layout) -> list[Draft]:
    """The blocks of one page, before their text is joined."""
    lines = [line for line in page.lines if not line.running]
    flow = page_flow(lines, layout, page.width, ocr=page.ocr_layer)
    styles = heading_runs(lines, layout, flow, ocr=page.ocr_layer)
    numbered_base = len(layout.levels)
    drafts: list[Draft] = []
    cur: Draft | None = None
    item_x0 = 0.0  # where the text of the current list item starts
    for i, (line, style) in enumerate(zip(lines, styles, strict=True)):
        prev = cur.lines[-1] if cur is not None else None
        if line.table is not None:
            if cur is None or cur.kind != "table" or prev is None or prev.table != line.table:
                cur = Draft("table", page.number)
                drafts.append(cur)
            cur.lines.append(line)
            continue
        if style is not None:
            level = layout.levels[style]
            if (
                cur is not None
                and cur.kind == "heading"
                and cur.level == level
                and prev is not None
                and 0 < line.top - prev.top <= (layout.pitch + PARAGRAPH_GAP) * line.size
            ):
                cur.lines.append(line)
            else:
                cur = Draft("heading", page.number, [line], level=level)
                drafts.append(cur)
            continue
        marker = bullet_of(line)
        if marker != 1:
            depth = numbered_heading(lines, i, flow, layout.body)
            if depth is not None:
                cur = Draft("heading", page.number, [line], level=numbered_base + depth)
                drafts.append(cur)
                continue
        if marker is not None and (
            (marker == 1 and line.words[0].text not in WEAK_BULLETS)
            or prev is None
            or cur is None
            or cur.kind != "paragraph"
            or ends_sentence(prev.text)
            or not continues(prev, line, flow)
        ):
            cur = Draft("list_item", page.number, [line], marker_words=marker)
            drafts.append(cur)
            item_x0 = line.words[1].x0 if len(line.words) > 1 else line.x0
            continue
        if (
            cur is not None
            and prev is not None
            and cur.kind in ("paragraph", "list_item")
            and continues(prev, line, flow)
            and not (
                cur.kind == "list_item"
                and line.x0 < item_x0 - COLUMN_TOLERANCE
                and ends_sentence(prev.text)
            )
        ):
            cur.lines.append(line)
            continue
        cur = Draft("paragraph", page.number, [line])
        drafts.append(cur)
    return drafts


def settle_heading(draft: Draft) -> Draft:
    """A heading draft that reads as a sentence or runs long becomes a paragraph."""
    if draft.kind != "heading":
        return draft
    text = " ".join(line.text for line in draft.lines)
    bold_only = all(line.bold for line in draft.lines) and draft.level is not None
    if len(draft.lines) > MAX_HEADING_LINES or len(text) > MAX_HEADING_CHARS:
        return Draft("paragraph", draft.page, draft.lines)
    if (
        bold_only
        and text.rstrip().endswith((".", ",", ";"))
        and len(text.split()) > 8
        and not RE_SECTION_NUMBER.match(text)  # "8. Voorstel tot ...": an agenda item
    ):
        return Draft("paragraph", draft.page, draft.lines)
    return draft


def draft_text(draft: Draft) -> str:
    """The text of a block: table rows on lines with cells joined by ``" | "``, other
    blocks as one line."""
    if draft.kind == "table":
        rows = []
        for line in draft.lines:
            cells = [" ".join(w.text for w in cell) for cell in line.cells()]
            row = CELL_SEPARATOR.join(c.strip() for c in cells if c.strip())
            row = RE_INVISIBLE.sub("", row.translate(TEXT_TRANSLATION).translate(LIGATURES))
            rows.append(row.replace(SOFT_HYPHEN, ""))
        return "\n".join(r for r in rows if r)
    return " ".join(joined(draft.lines, draft.marker_words).split())


def merge_across_pages(drafts: list[Draft]) -> list[Draft]:
    """Join a paragraph broken by a page break: the first block of a page is a paragraph
    starting in lower case, and the last block of the page before in the same type size
    ends mid-sentence. Footnotes (smaller type) between the two stay after the joined
    paragraph."""
    merged: list[Draft] = []
    for draft in drafts:
        starts_page = not merged or merged[-1].page != draft.page
        if starts_page and draft.kind == "paragraph" and draft.lines[0].text[:1].islower():
            target = continued_draft(merged, draft)
            if target is not None:
                target.lines.extend(draft.lines)
                continue
        merged.append(draft)
    return merged


def continued_draft(merged: list[Draft], draft: Draft) -> Draft | None:
    """The paragraph or list item on the page before ``draft`` that it continues."""
    size = draft.lines[0].size
    for earlier in reversed(merged):
        if earlier.page != draft.page - 1:
            return None
        last = earlier.lines[-1]
        if earlier.kind == "paragraph" and last.size < size - SIZE_TOLERANCE:
            continue  # a footnote
        if (
            earlier.kind in ("paragraph", "list_item")
            and abs(last.size - size) <= SIZE_TOLERANCE
            and not ends_sentence(last.text)
        ):
            return earlier
        return None
    return None


def build_document(
    pages: list[Page], *, n_pages: int, title: str | None, warnings: list[str], limits: Limits
) -> RawDocument:
    """Blocks and text from the lines of all pages."""
    mark_running_lines(pages)
    next_id = 0
    for page in pages:
        if not page.ocr_layer:  # OCR word gaps are too irregular for columns
            next_id = find_tables(page, next_id)
    body = body_size(pages)
    layout = Layout(body, pitch_ratio(pages, body), heading_styles(pages, body))

    noise = {p.number for p in pages if p.ocr_layer and ocr_noise(p)}
    without_text = [
        p.number
        for p in pages
        if p.number in noise
        or (
            p.n_chars < MIN_PAGE_CHARS
            and (p.image_cover >= MIN_IMAGE_COVER or p.paths >= MIN_OUTLINE_PATHS)
        )
    ]
    if without_text:
        warnings.append(
            f"{len(without_text)} of {len(pages)} pages have no text layer; OCR needed"
            f" (pages {page_list(without_text)})"
        )
    ocr_pages = [p.number for p in pages if p.ocr_layer and p.number not in without_text]
    if ocr_pages:
        warnings.append(
            f"{len(ocr_pages)} of {len(pages)} pages are scanned images with an OCR text layer;"
            " the text may contain OCR errors"
        )
    drafts: list[Draft] = []
    for page in pages:
        if page.number not in noise:
            drafts.extend(page_drafts(page, layout))
    drafts = merge_across_pages([settle_heading(d) for d in drafts])

    pieces: list[str] = []
    blocks: list[Block] = []
    pos = 0
    for draft in drafts:
        text = draft_text(draft).strip()
        if not text:
            continue
        start = pos + 2 if pieces else 0
        if start + len(text) > limits.max_chars:
            text = text[: max(limits.max_chars - start, 0)].rstrip()
            if text:
                pieces.append(text)
                blocks.append(block_of(draft, start, start + len(text)))
            warnings.append(f"text truncated to {limits.max_chars} characters")
            break
        pieces.append(text)
        blocks.append(block_of(draft, start, start + len(text)))
        pos = start + len(text)
    return RawDocument(
        text="\n\n".join(pieces),
        source_format="pdf",
        blocks=blocks,
        n_pages=n_pages,
        pages_without_text=without_text,
        warnings=warnings,
        title=title,
    )


def block_of(draft: Draft, start: int, end: int) -> Block:
    level = draft.level if draft.kind == "heading" else None
    return Block(start, end, draft.kind, page=draft.page, level=level)


def ocr_noise(page: Page) -> bool:
    """Whether an OCR text layer is noise: few of its tokens look like words."""
    tokens = [t for line in page.lines for t in line.text.split()]
    if not tokens:
        return True
    words = sum(1 for t in tokens if RE_OCR_WORD.fullmatch(t))
    return words < MIN_OCR_WORD_SHARE * len(tokens)


# --- Helpers for benchmarks and tests ----------------------------------------------------


def read_pages(path: Path, limits: Limits) -> list[Page]:
    """The pages of a PDF with their raw lines, before any cleanup."""
    pdf = open_pdf(Path(path))
    try:
        return [read_page(pdf, i) for i in range(min(len(pdf), limits.max_pages))]
    finally:
        pdf.close()


def raw_page_texts(path: Path, limits: Limits) -> list[str]:
    """Per page, the text before cleanup (what is compared with pdfplumber)."""
    return [page.raw_text() for page in read_pages(path, limits)]
