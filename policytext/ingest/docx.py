"""Word documents (.docx): headings, paragraphs, list items and tables in document order.

The zip archive is checked before anything is unpacked: a file that is not a zip or has
no ``word/document.xml`` is not a DOCX, and one whose parts declare more than
``limits.max_unpacked_bytes`` in total, or unpack to hundreds of times their compressed
size, is refused as a zip bomb. The declared sizes come from the zip's directory, so the
check costs no decompression (and Python's zipfile never inflates a part beyond its
declared size).

The body is then read with python-docx, walking ``w:body`` so tables sit between the
paragraphs where they belong. A paragraph's kind comes from its style, following the
style's ``basedOn`` chain: "Heading 1".."Heading 9" (Dutch Word: "Kop 1"), "Title"
("Titel", level 1) or an outline level make a heading; "List Bullet", "List Number",
"List Paragraph" ("Lijstalinea", ...) or numbering (``w:numPr``) make a list item. A
table becomes one block: a line per row, cells joined by ``" | "``, a cell spanning n grid
columns followed by n - 1 empty cells so columns line up.

Left out: page headers and footers, footnotes, comments, text boxes and drawings, and
deleted text of tracked changes (inserted text is kept).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from lxml import etree

from policytext.document import IngestError, PassageKind, RawDocument
from policytext.ingest.html import MAX_SPAN, Part, assemble, clean_text, one_line, table_text
from policytext.ingest.limits import Limits

MAIN_PART = "word/document.xml"
# More parts than any real document has; a directory this long is an attack on memory.
MAX_ZIP_MEMBERS = 10_000
# Part-wise compression ratio above which a large part is taken for a zip bomb. Word XML
# compresses about 5-30x; streams of one repeated byte reach ~1000x.
MAX_COMPRESSION_RATIO = 200
RATIO_CHECK_MIN_BYTES = 1024 * 1024
# End-of-central-directory record (22 bytes) plus the longest zip comment.
EOCD_SEARCH_BYTES = 22 + 65535
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc, or an encrypted .docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_ALTERNATE = "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"
W_VAL = f"{W}val"
# Inside a paragraph: text, characters written as elements, and what to skip (deleted
# text, field codes, drawings and text boxes, whose text is not part of the line).
TEXT_TAGS: dict[str, str | None] = {
    f"{W}t": None,  # its own text
    f"{W}tab": "\t",
    f"{W}ptab": "\t",
    f"{W}br": "\n",
    f"{W}cr": "\n",
    f"{W}noBreakHyphen": "-",
}
SKIP_IN_PARAGRAPH = frozenset({
    f"{W}pPr", f"{W}rPr", f"{W}del", f"{W}moveFrom", f"{W}instrText", f"{W}delText",
    f"{W}drawing", f"{W}pict", f"{W}object", MC_ALTERNATE, f"{W}footnoteReference",
    f"{W}endnoteReference", f"{W}commentReference",
})  # fmt: skip
# Body-level wrappers whose content is read as if it stood in the body.
WRAPPERS = frozenset({f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}ins", f"{W}moveTo"})

# Style names and ids: "Heading 2", "heading 2", "Kop 2", "Kop2".
RE_HEADING_STYLE = re.compile(r"^(?:heading|kop)\s?([1-9])$", re.IGNORECASE)
RE_TITLE_STYLE = re.compile(r"^(?:title|titel)$", re.IGNORECASE)
# "List Bullet 2", "List Number", "List Paragraph", "Lijstalinea",
# "Lijstopsommingsteken", "Lijstnummering"; not "List Continue"/"Lijstvervolg".
RE_LIST_STYLE = re.compile(r"^(?:list|lijst)(?!\s?continue|vervolg)", re.IGNORECASE)
MAX_STYLE_DEPTH = 10
BODY_TEXT_OUTLINE_LEVEL = 9  # w:outlineLvl 0-8 are heading levels 1-9; 9 is body text

StyleKind = tuple[PassageKind, int | None]


def check_zip(path: Path, limits: Limits) -> None:
    """Refuse files that are not a DOCX zip, or that would unpack too large (zip bombs),
    using only the sizes the zip directory declares."""
    name = str(path)
    try:
        # Count first: zipfile builds an object per directory entry, and a directory of
        # millions of empty entries is a memory bomb of its own.
        if (count := _declared_entries(path)) is not None and count > MAX_ZIP_MEMBERS:
            raise IngestError(name, f"refused: DOCX has {count} parts, over {MAX_ZIP_MEMBERS}")
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError) as err:
        raise IngestError(name, f"not a readable DOCX ({_zip_problem(path, err)})") from None
    if not any(info.filename == MAIN_PART for info in infos):
        raise IngestError(name, f"not a readable DOCX (zip archive without {MAIN_PART})")
    total = sum(info.file_size for info in infos)
    if total > limits.max_unpacked_bytes:
        raise IngestError(
            name,
            f"refused: DOCX unpacks to {total} bytes, over the limit of "
            f"{limits.max_unpacked_bytes} (zip bomb?)",
        )
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size >= RATIO_CHECK_MIN_BYTES and ratio > MAX_COMPRESSION_RATIO:
            raise IngestError(
                name,
                f"refused: DOCX unpacks to {total} bytes; part {info.filename} at a "
                f"compression ratio of {ratio:.0f}:1 (zip bomb?)",
            )


def _declared_entries(path: Path) -> int | None:
    """Number of entries the zip's end-of-central-directory record declares (zip64
    included), read from the file's tail; None if there is no such record."""
    with path.open("rb") as fh:
        size = fh.seek(0, 2)
        fh.seek(max(size - EOCD_SEARCH_BYTES, 0))
        tail = fh.read()
        at = tail.rfind(b"PK\x05\x06")
        if at < 0 or len(tail) < at + 22:
            return None
        count = int.from_bytes(tail[at + 10 : at + 12], "little")
        locator = tail[at - 20 : at] if at >= 20 else b""
        if count == 0xFFFF and locator.startswith(b"PK\x06\x07"):
            fh.seek(int.from_bytes(locator[8:16], "little"))
            record = fh.read(40)
            if record.startswith(b"PK\x06\x06") and len(record) == 40:
                count = int.from_bytes(record[32:40], "little")
    return count


def _zip_problem(path: Path, err: Exception) -> str:
    """Why ``path`` did not open as a zip, in words: ``"not a zip archive"``, ..."""
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as os_err:
        return f"cannot read file: {os_err.strerror or os_err}"
    if head.startswith(OLE_MAGIC):
        return "old binary Word .doc format or an encrypted document"
    if head.startswith(b"PK"):
        return f"damaged or truncated zip archive: {one_line(err)}"
    return "not a zip archive"


def _style_kind(style: object) -> StyleKind | None:
    """Heading/list kind a paragraph style gives, following ``basedOn``; None for none."""
    for _ in range(MAX_STYLE_DEPTH):
        if style is None:
            return None
        for label in (style.name or "", style.style_id or ""):  # type: ignore[attr-defined]
            label = label.strip()
            if match := RE_HEADING_STYLE.match(label):
                return "heading", int(match.group(1))
            if RE_TITLE_STYLE.match(label):
                return "heading", 1
        ppr = style.element.pPr  # type: ignore[attr-defined]
        if (heading := _outline_heading(ppr)) is not None:
            return heading
        for label in (style.name or "", style.style_id or ""):  # type: ignore[attr-defined]
            if RE_LIST_STYLE.match(label.strip()):
                return "list_item", None
        if _numbered(ppr):
            return "list_item", None
        style = style.base_style  # type: ignore[attr-defined]
    return None


def _outline_heading(ppr: etree._Element | None) -> StyleKind | None:
    """A heading of level n + 1 for ``w:outlineLvl`` n below 9 in paragraph properties."""
    outline = ppr.find(f"{W}outlineLvl") if ppr is not None else None
    level = _int(outline.get(W_VAL)) if outline is not None else None
    if level is not None and 0 <= level < BODY_TEXT_OUTLINE_LEVEL:
        return "heading", level + 1
    return None


def _numbered(ppr: etree._Element | None) -> bool | None:
    """True if ``w:numPr`` numbers the paragraph, False if it switches numbering off
    (``numId`` 0), None without a ``numId`` (Word's Subtitle style has a bare ``ilvl``)."""
    num_id = ppr.find(f"{W}numPr/{W}numId") if ppr is not None else None
    if num_id is None:
        return None
    return num_id.get(W_VAL) != "0"


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def style_kinds(document: DocxDocument) -> tuple[dict[str, StyleKind], str | None]:
    """Kind per paragraph style id, and the id of the default paragraph style."""
    kinds: dict[str, StyleKind] = {}
    for style in document.styles:
        if style.type == WD_STYLE_TYPE.PARAGRAPH and style.style_id:
            kind = _style_kind(style)
            if kind is not None:
                kinds[style.style_id] = kind
    default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    return kinds, default.style_id if default is not None else None


def paragraph_text(p: etree._Element) -> str:
    """Visible text of a ``w:p``, tabs and line breaks included (cleaned later)."""
    out: list[str] = []

    def visit(el: etree._Element) -> None:
        for child in el:
            tag = child.tag
            if tag in TEXT_TAGS:
                out.append(TEXT_TAGS[tag] or child.text or "")
            elif tag not in SKIP_IN_PARAGRAPH and isinstance(tag, str):
                visit(child)

    visit(p)
    return "".join(out)


def _paragraph_kind(
    p: etree._Element, kinds: dict[str, StyleKind], default_style: str | None
) -> StyleKind:
    ppr = p.find(f"{W}pPr")
    pstyle = ppr.find(f"{W}pStyle") if ppr is not None else None
    style_id = pstyle.get(W_VAL) if pstyle is not None else default_style
    kind = kinds.get(style_id or "")
    if kind is not None and kind[0] == "heading":
        return kind
    if (heading := _outline_heading(ppr)) is not None:
        return heading
    numbered = _numbered(ppr)
    if numbered is not None:
        return ("list_item", None) if numbered else ("paragraph", None)
    return kind or ("paragraph", None)


def _children(el: etree._Element) -> Iterator[etree._Element]:
    """Children of ``el``, with content controls and similar wrappers opened."""
    for child in el:
        if child.tag in WRAPPERS:
            yield from _children(child)
        else:
            yield child


def table_rows(tbl: etree._Element) -> list[list[str]]:
    """Cell texts per row; a merged cell spanning n grid columns is followed by n - 1
    empty cells, a vertically merged continuation cell is empty."""
    rows: list[list[str]] = []
    for tr in _children(tbl):
        if tr.tag != f"{W}tr":
            continue
        row: list[str] = []
        before = tr.find(f"{W}trPr/{W}gridBefore")
        row.extend([""] * min(_int(before.get(W_VAL)) or 0, MAX_SPAN) if before is not None else [])
        for tc in _children(tr):
            if tc.tag != f"{W}tc":
                continue
            texts = (clean_text(paragraph_text(p), single_line=True) for p in tc.iter(f"{W}p"))
            row.append(" ".join(t for t in texts if t))
            span = tc.find(f"{W}tcPr/{W}gridSpan")
            if span is not None:
                row.extend([""] * (min(_int(span.get(W_VAL)) or 1, MAX_SPAN) - 1))
        rows.append(row)
    return rows


def body_parts(document: DocxDocument) -> list[Part]:
    """Blocks of the document body in order."""
    kinds, default_style = style_kinds(document)
    parts: list[Part] = []
    for el in _children(document.element.body):
        if el.tag == f"{W}p":
            kind, level = _paragraph_kind(el, kinds, default_style)
            text = clean_text(paragraph_text(el), single_line=kind == "heading")
            parts.append(Part(kind, text, level))
        elif el.tag == f"{W}tbl":
            parts.append(Part("table", table_text(table_rows(el))))
    return [p for p in parts if p.text]


def _title(document: DocxDocument, parts: list[Part]) -> str | None:
    """Core property title, else the first level-1 heading."""
    title = clean_text(document.core_properties.title or "", single_line=True)
    if title:
        return title
    return next((p.text for p in parts if p.kind == "heading" and p.level == 1), None)


def read_docx(path: Path, limits: Limits) -> RawDocument:
    """Read a Word document (see the module docstring)."""
    name = str(path)
    try:
        size = path.stat().st_size
    except OSError as err:
        raise IngestError(name, f"cannot read file ({err.strerror or err})") from None
    if size > limits.max_bytes:
        raise IngestError(name, f"file is {size} bytes, over the limit of {limits.max_bytes}")
    check_zip(path, limits)
    try:
        document = docx.Document(str(path))
        parts = body_parts(document)
        title = _title(document, parts)
    except Exception as err:  # python-docx/lxml/zipfile internals: report, never a traceback
        raise IngestError(name, f"not a readable DOCX ({one_line(err)})") from None
    doc = assemble(parts, source_format="docx", limits=limits, warnings=[], title=title)
    if doc is None:
        raise IngestError(name, "no text content found")
    return doc
