"""DOCX ingest: styles to headings and list items, tables in order, broken files, zip bombs."""

from __future__ import annotations

import functools
import io
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml

from policytext.document import IngestError, RawDocument
from policytext.ingest import read_file
from policytext.ingest.docx import MAX_ZIP_MEMBERS, read_docx
from policytext.ingest.limits import DEFAULT_LIMITS, Limits
from tests.fixtures_build import (
    BULLET,
    JAARVERSLAG_NAME,
    SAMPLE_NAMES,
    build_docx,
    docx_bytes,
    sample_text,
    zip_bomb_docx,
)

# Real sentences from the sample corpus.
HEADING = "Toegankelijkheid en inclusie voor mensen met een beperking"
SENTENCE = (
    "Het meldpunt straatintimidatie is verbeterd in toegankelijkheid en gebruiksvriendelijkheid."
)
ITEM = (
    "Vijftig verkeerskruispunten, verspreid over de stadsdelen, te voorzien van "
    "blindegeleidelijnen;"
)
Kind = tuple[str, int | None]
Build = Callable[[DocxDocument], object]
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def blocks(doc: RawDocument) -> list[tuple[str, int | None, str]]:
    assert doc.blocks is not None
    return [(b.kind, b.level, doc.text[b.start : b.end]) for b in doc.blocks]


def write(tmp_path: Path, content: bytes, name: str = "doc.docx") -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


def read_built(tmp_path: Path, build: Build) -> RawDocument:
    return read_docx(write(tmp_path, docx_bytes(build)), DEFAULT_LIMITS)


@pytest.fixture(scope="module")
def jaarverslag(tmp_path_factory: pytest.TempPathFactory) -> RawDocument:
    data, _elements = build_docx(JAARVERSLAG_NAME)
    return read_docx(write(tmp_path_factory.mktemp("docx"), data), DEFAULT_LIMITS)


@pytest.mark.parametrize("dutch_styles", [False, True], ids=["heading-styles", "kop-styles"])
@pytest.mark.parametrize("name", SAMPLE_NAMES, ids=lambda n: n.removesuffix(".txt"))
def test_sample_document_structure(tmp_path: Path, name: str, dutch_styles: bool) -> None:
    data, elements = build_docx(name, dutch_styles=dutch_styles)
    doc = read_docx(write(tmp_path, data), DEFAULT_LIMITS)
    assert blocks(doc) == [(e.kind, e.level, e.text) for e in elements]
    texts = [text for _kind, _level, text in blocks(doc)]
    assert doc.text == "\n\n".join(texts)
    assert doc.source_format == "docx"
    assert doc.title == elements[0].text
    assert doc.warnings == []
    assert all(b.page is None for b in doc.blocks or [])


@pytest.mark.parametrize(
    ("heading", "level"),
    [
        ("Jaarverslag", 1),
        ("Zorg, welzijn, jeugd en volksgezondheid", 2),
        ("1. Sociale basis en emancipatie", 2),
        ("Seniorvriendelijk Den Haag", 3),
    ],
    ids=["title-style", "heading-2", "heading-2-numbered", "heading-3"],
)
def test_heading_levels(jaarverslag: RawDocument, heading: str, level: int) -> None:
    assert ("heading", level, heading) in blocks(jaarverslag)


def test_one_list_item_per_bullet(jaarverslag: RawDocument) -> None:
    bullets = [
        ln for ln in sample_text(JAARVERSLAG_NAME).splitlines() if ln.startswith(f"  {BULLET}")
    ]
    items = [text for kind, _level, text in blocks(jaarverslag) if kind == "list_item"]
    assert len(items) == len(bullets) == 138
    assert ITEM in items


@pytest.mark.parametrize(
    "row",
    [
        "| Begroting |  | Rekening 2023 |  |  |  | Resultaat",
        "Sociale basis | 59.484 | N | 61.847 | 6.713 | 55.134 | N | 4.350 | V",
        "Totaal | 606.448 | N | 738.397 | 139.287 | 599.111 | N | 7.337 | V",
    ],
    ids=["merged-header-cells", "first-row", "total-row"],
)
def test_financial_table_rows(jaarverslag: RawDocument, row: str) -> None:
    tables = [text for kind, _level, text in blocks(jaarverslag) if kind == "table"]
    assert len(tables) == 1
    assert row in tables[0].split("\n")


def test_table_sits_between_its_neighbours(jaarverslag: RawDocument) -> None:
    kinds = [(kind, text[:20]) for kind, _level, text in blocks(jaarverslag)]
    at = next(i for i, (kind, _text) in enumerate(kinds) if kind == "table")
    assert kinds[at - 1] == ("paragraph", "(incl. toevoegingen ")
    assert kinds[at + 1] == ("heading", "1. Sociale basis en ")


def _custom_style(document: DocxDocument, name: str, base: str | None) -> str:
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if base is not None:
        style.base_style = document.styles[base]
    return name


STYLE_CASES = {
    "heading-9": (lambda d: "Heading 9", ("heading", 9)),
    "kop-1-name": (lambda d: _custom_style(d, "Kop 1", None), ("heading", 1)),
    "based-on-heading-2": (lambda d: _custom_style(d, "Tussenkop", "Heading 2"), ("heading", 2)),
    "list-number": (lambda d: "List Number", ("list_item", None)),
    "list-bullet-2": (lambda d: "List Bullet 2", ("list_item", None)),
    "lijstalinea": (lambda d: _custom_style(d, "Lijstalinea", None), ("list_item", None)),
    "list-paragraph": (lambda d: "List Paragraph", ("list_item", None)),
    "list-continue": (lambda d: "List Continue", ("paragraph", None)),
    "normal": (lambda d: "Normal", ("paragraph", None)),
    "subtitle": (lambda d: "Subtitle", ("paragraph", None)),
}


@pytest.mark.parametrize(("make_style", "expected"), STYLE_CASES.values(), ids=STYLE_CASES.keys())
def test_paragraph_kind_by_style(
    tmp_path: Path, make_style: Callable[[DocxDocument], str], expected: Kind
) -> None:
    def build(document: DocxDocument) -> None:
        document.add_paragraph(SENTENCE, style=make_style(document))

    doc = read_built(tmp_path, build)
    assert blocks(doc) == [(*expected, SENTENCE)]


PPR_CASES = {
    "numPr": ('<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>', ("list_item", None)),
    "numId-0": ('<w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>', ("paragraph", None)),
    "outline-level-1": ('<w:outlineLvl w:val="1"/>', ("heading", 2)),
    "outline-body-text": ('<w:outlineLvl w:val="9"/>', ("paragraph", None)),
}


@pytest.mark.parametrize(("ppr", "expected"), PPR_CASES.values(), ids=PPR_CASES.keys())
def test_paragraph_kind_by_direct_properties(tmp_path: Path, ppr: str, expected: Kind) -> None:
    def build(document: DocxDocument) -> None:
        p = document.add_paragraph(ITEM)._p
        p.insert(0, parse_xml(f"<w:pPr {W_NS}>{ppr}</w:pPr>"))

    doc = read_built(tmp_path, build)
    assert blocks(doc) == [(*expected, ITEM)]


def test_tracked_changes_content_controls_and_breaks(tmp_path: Path) -> None:
    def build(document: DocxDocument) -> None:
        body = document.element.body
        paragraph = parse_xml(
            f"<w:p {W_NS}><w:r><w:t>Het meldpunt</w:t></w:r>"
            '<w:del w:id="1" w:author="x"><w:r><w:delText> niet</w:delText></w:r></w:del>'
            '<w:ins w:id="2" w:author="x"><w:r><w:t xml:space="preserve"> straatintimidatie</w:t>'
            "</w:r></w:ins><w:r><w:tab/><w:t>is verbeterd</w:t><w:br/><w:t>in 2023.</w:t></w:r>"
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            "<w:r><w:instrText> PAGE </w:instrText></w:r>"
            "</w:p>"
        )
        control = parse_xml(
            f"<w:sdt {W_NS}><w:sdtContent><w:p><w:r><w:t>{HEADING}</w:t></w:r></w:p>"
            "</w:sdtContent></w:sdt>"
        )
        body.insert(0, control)
        body.insert(0, paragraph)

    doc = read_built(tmp_path, build)
    assert blocks(doc) == [
        ("paragraph", None, "Het meldpunt straatintimidatie is verbeterd\nin 2023."),
        ("paragraph", None, HEADING),
    ]


def test_nested_table_and_empty_rows(tmp_path: Path) -> None:
    def build(document: DocxDocument) -> None:
        document.add_paragraph(SENTENCE)
        table = document.add_table(rows=3, cols=2)
        table.cell(0, 0).text = "Jeugdhulp"
        table.cell(0, 1).text = "180.473"
        inner = table.cell(2, 0).add_table(rows=1, cols=2)
        inner.cell(0, 0).text = "Lasten"
        inner.cell(0, 1).text = "Baten"
        document.add_heading(HEADING, level=2)

    doc = read_built(tmp_path, build)
    assert blocks(doc) == [
        ("paragraph", None, SENTENCE),
        ("table", None, "Jeugdhulp | 180.473\nLasten Baten"),
        ("heading", 2, HEADING),
    ]


def test_title_from_core_properties(tmp_path: Path) -> None:
    def build(document: DocxDocument) -> None:
        document.core_properties.title = "Jaarverslag 2023"
        document.add_paragraph(SENTENCE)

    assert read_built(tmp_path, build).title == "Jaarverslag 2023"


@pytest.mark.parametrize(
    "build",
    [
        lambda d: None,
        lambda d: [d.add_paragraph("   "), d.add_paragraph(""), d.add_table(rows=2, cols=2)],
    ],
    ids=["no-paragraphs", "blank-paragraphs-and-empty-table"],
)
def test_empty_document_is_a_clear_error(tmp_path: Path, build: Build) -> None:
    with pytest.raises(IngestError, match="no text content found"):
        read_built(tmp_path, build)


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


@functools.cache
def _valid_docx() -> bytes:
    return build_docx(JAARVERSLAG_NAME)[0]


CORRUPT = {
    "random-bytes": (lambda: bytes(range(256)) * 16, r"not a readable DOCX \(not a zip archive\)"),
    "truncated-zip": (
        lambda: _valid_docx()[: len(_valid_docx()) // 2],
        r"not a readable DOCX \(damaged or truncated zip archive",
    ),
    "zip-without-document": (
        lambda: _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}),
        r"not a readable DOCX \(zip archive without word/document.xml\)",
    ),
    "document-not-xml": (
        lambda: _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"geen xml"}),
        r"not a readable DOCX \(",
    ),
    "legacy-doc": (
        lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512),
        r"not a readable DOCX \(old binary Word \.doc format",
    ),
    "empty-file": (lambda: b"", r"not a readable DOCX \("),
}


@pytest.mark.parametrize(("make", "message"), CORRUPT.values(), ids=CORRUPT.keys())
def test_corrupt_docx_is_a_clear_error(
    tmp_path: Path, make: Callable[[], bytes], message: str
) -> None:
    with pytest.raises(IngestError, match=message) as info:
        read_docx(write(tmp_path, make()), DEFAULT_LIMITS)
    assert "\n" not in str(info.value)


def test_damaged_part_in_intact_zip(tmp_path: Path) -> None:
    """A CRC error only shows while reading a part: still an IngestError, not a traceback."""
    data = bytearray(_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<a/>" * 500}))
    crc_at = data.find(b"PK\x03\x04") + 14  # first local header: CRC-32 at offset 14
    data[crc_at : crc_at + 4] = b"\0\0\0\0"
    with pytest.raises(IngestError, match="not a readable DOCX"):
        read_docx(write(tmp_path, bytes(data)), DEFAULT_LIMITS)


def test_zip_bomb_declared_size_is_refused_without_unpacking(tmp_path: Path) -> None:
    path = write(tmp_path, zip_bomb_docx(3_500_000_000))
    tracemalloc.start()
    try:
        with pytest.raises(IngestError, match=r"refused: DOCX unpacks to 35\d{8} bytes, over"):
            read_docx(path, DEFAULT_LIMITS)
        _size, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5_000_000


def test_zip_bomb_over_unpacked_limit(tmp_path: Path) -> None:
    data = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": bytes(4_000_000)})
    with pytest.raises(
        IngestError, match=r"refused: DOCX unpacks to 4000\d{3} bytes, over the limit"
    ):
        read_docx(write(tmp_path, data), Limits(max_unpacked_bytes=2_000_000))


def test_zip_bomb_by_compression_ratio(tmp_path: Path) -> None:
    data = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": bytes(8_000_000)})
    assert len(data) < 40_000
    with pytest.raises(IngestError, match=r"refused: DOCX .* compression ratio of \d+:1"):
        read_docx(write(tmp_path, data), DEFAULT_LIMITS)


def test_zip_with_too_many_parts_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "veel.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/document.xml", b"")
        for i in range(MAX_ZIP_MEMBERS):
            zf.writestr(f"word/media/{i}", b"")
    with pytest.raises(IngestError, match=r"refused: DOCX has 10001 parts, over 10000"):
        read_docx(path, DEFAULT_LIMITS)


def test_max_chars_truncates_with_warning(jaarverslag: RawDocument, tmp_path: Path) -> None:
    doc = read_docx(write(tmp_path, _valid_docx()), Limits(max_chars=1000))
    assert len(doc.text) <= 1000
    assert doc.text == jaarverslag.text[: len(doc.text)]
    assert any("truncated" in w for w in doc.warnings)


def test_read_file_dispatches_docx(tmp_path: Path, jaarverslag: RawDocument) -> None:
    doc = read_file(write(tmp_path, _valid_docx(), name="jaarverslag.docx"))
    assert doc.source_format == "docx"
    assert doc.text == jaarverslag.text
