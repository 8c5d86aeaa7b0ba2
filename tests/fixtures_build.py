"""Build HTML and DOCX test fixtures from the sample corpus texts.

The sample texts in ``corpora/sample`` are web-page exports of Dutch municipal pages. To
test the HTML and DOCX readers on real Dutch content, :func:`sample_elements` turns such a
text back into structure (short title lines → headings, ``"  • "`` lines → list items,
the jaarverslag's flattened financial table → a table, the rest → paragraphs), and
:func:`build_html` / :func:`build_docx` render that structure as a saved municipal web
page (with navigation, cookie banner, scripts, styles and footer around the content) or as
a Word document. The element list is the expected reader output.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import docx
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE

from tests.conftest import JAARVERSLAG, SAMPLE, sample_text

JAARVERSLAG_NAME = JAARVERSLAG.name
SAMPLE_NAMES: tuple[str, ...] = tuple(sorted(p.name for p in SAMPLE.glob("*.txt")))

# Text of the page chrome; none of it may reach the document text.
NAV_ITEMS = (
    "Wonen en bouwen",
    "Parkeren en verkeer",
    "Afval en recycling",
    "Bestuur en organisatie",
)
COOKIE_TEXT = "Wij gebruiken cookies om de website te verbeteren. Alle cookies accepteren"
SCRIPT_MARKER = "trackingConsentGegeven"
STYLE_MARKER = "font-family"
FOOTER_TEXT = "Bel 14 070 of stuur een bericht. Privacyverklaring. © Gemeente Den Haag"
BOILERPLATE_MARKERS: tuple[str, ...] = (
    *NAV_ITEMS,
    "cookies",
    "accepteren",
    SCRIPT_MARKER,
    STYLE_MARKER,
    "Privacyverklaring",
    "14 070",
    "Direct naar de inhoud",
)

BULLET = "•"
# "1. Sociale basis en emancipatie", "5.Volksgezondheid": numbered chapter titles.
RE_NUMBERED_TITLE = re.compile(r"^\d{1,2}\.\s?\S")
MAX_TITLE_CHARS = 90


@dataclass(frozen=True)
class Element:
    """One expected block: kind, text (tables: rows joined by newlines, cells by ``" | "``),
    heading level, and for tables the rows as ``(cell text, column span)`` pairs."""

    kind: str
    text: str
    level: int | None = None
    rows: tuple[tuple[tuple[str, int], ...], ...] = field(default=(), compare=False)


def table_element(rows: Sequence[Sequence[tuple[str, int]]]) -> Element:
    """A table element; its expected text has one line per row, cells joined by ``" | "``,
    a cell spanning n columns followed by n - 1 empty cells, trailing empty cells dropped:
    ``"| Begroting |  | Rekening 2023 |  |  |  | Resultaat"``."""
    frozen = tuple(tuple(row) for row in rows)
    lines = []
    for row in frozen:
        cells = [text for cell, span in row for text in (cell, *[""] * (span - 1))]
        while cells and not cells[-1]:
            cells.pop()
        lines.append(" | ".join(cells).strip())
    return Element("table", "\n".join(lines), rows=frozen)


def _is_title_line(line: str) -> bool:
    """A short line without closing punctuation reads as a title ("Jeugdparticipatie")."""
    return (
        len(line) <= MAX_TITLE_CHARS
        and not line.endswith((".", ",", ":", ";", ")"))
        and not line[0].islower()
        and any(ch.isalpha() for ch in line)
    )


def _take_financial_table(lines: list[str], i: int) -> tuple[Element, int] | None:
    """Rebuild the jaarverslag's flattened table that starts at ``lines[i] == "Begroting"``.

    The export lists the cells one per line: nine header cells (two header rows in the
    original), then rows of nine cells up to and including the "Totaal" row.
    """
    header = lines[i : i + 9]
    if header[:3] != ["Begroting", "Rekening 2023", "Resultaat"]:
        return None
    begroting, rekening, resultaat, activiteiten, saldo_begr, lasten, baten, saldo, jaar = header
    rows: list[list[tuple[str, int]]] = [
        [("", 1), (begroting, 2), (rekening, 4), (resultaat, 2)],
        [(activiteiten, 1), (saldo_begr, 2), (lasten, 1), (baten, 1), (saldo, 2), (jaar, 2)],
    ]
    j = i + 9
    while j + 9 <= len(lines):
        row = lines[j : j + 9]
        rows.append([(cell, 1) for cell in row])
        j += 9
        if row[0] == "Totaal":
            return table_element(rows), j
    return None


def sample_elements(name: str) -> list[Element]:
    """The structure of a sample text as the readers should find it in the built fixture.

    Leading title lines are headings of level 1 (the first) and 2, numbered chapter titles
    level 2, other title lines level 3.
    """
    lines = [" ".join(ln.split()) for ln in sample_text(name).splitlines()]
    lines = [ln for ln in lines if ln]
    elements: list[Element] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line == "Begroting" and (taken := _take_financial_table(lines, i)) is not None:
            table, i = taken
            elements.append(table)
            continue
        if line.startswith(BULLET):
            elements.append(Element("list_item", line.lstrip(BULLET).strip()))
        elif _is_title_line(line):
            if all(el.kind == "heading" for el in elements):
                level = 1 if not elements else 2
            else:
                level = 2 if RE_NUMBERED_TITLE.match(line) else 3
            elements.append(Element("heading", line, level=level))
        else:
            elements.append(Element("paragraph", line))
        i += 1
    if elements and elements[-1].kind == "heading":
        # A title line with nothing under it ("Deze pagina is gebouwd op ...") is a remark.
        elements[-1] = Element("paragraph", elements[-1].text)
    return elements


def page_title(elements: Sequence[Element]) -> str:
    """The ``<title>`` of the built page: its first heading(s) plus the site name."""
    heads = [el.text for el in elements[:2] if el.kind == "heading"]
    return " - ".join(heads) + " | Gemeente Den Haag"


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _html_table(el: Element) -> str:
    out = ['<table class="tabel">']
    for r, row in enumerate(el.rows):
        tag = "th" if r < 2 else "td"
        cells = "".join(
            f"<{tag}{f' colspan={span}' if span > 1 else ''}>{_esc(cell)}</{tag}>"
            for cell, span in row
        )
        out.append(f"<tr>{cells}</tr>")
    out.append("</table>")
    return "\n".join(out)


def content_html(elements: Sequence[Element]) -> str:
    """The elements as HTML: ``<hN>``, ``<ul><li>`` runs, ``<table>``, ``<p>``."""
    out: list[str] = []
    in_list = False
    for el in elements:
        if el.kind == "list_item" and not in_list:
            out.append('<ul class="opsomming">')
            in_list = True
        elif el.kind != "list_item" and in_list:
            out.append("</ul>")
            in_list = False
        if el.kind == "heading":
            out.append(f"<h{el.level}>{_esc(el.text)}</h{el.level}>")
        elif el.kind == "list_item":
            out.append(f"<li>{_esc(el.text)}</li>")
        elif el.kind == "table":
            out.append(_html_table(el))
        else:
            out.append(f"<p>{_esc(el.text)}</p>")
    if in_list:
        out.append("</ul>")
    return "\n".join(out)


def wrap_page(body_html: str, title: str, *, charset: str | None = "utf-8") -> str:
    """A saved municipal web page around ``body_html``: head with styles and scripts,
    cookie banner, skip link, header with menu, breadcrumb, aside and footer."""
    meta = f'<meta charset="{charset}">' if charset else ""
    nav = "\n".join(f'<li><a href="/{i}">{_esc(item)}</a></li>' for i, item in enumerate(NAV_ITEMS))
    return f"""<!DOCTYPE html>
<html lang="nl" class="no-js">
<head>
{meta}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_esc(title)}</title>
<link rel="stylesheet" href="/static/css/main.css">
<style>body {{ {STYLE_MARKER}: "Rijksoverheid Sans", sans-serif; }}
.cookiebar {{ position: fixed; }}</style>
<script>window.dataLayer = window.dataLayer || []; var {SCRIPT_MARKER} = false;</script>
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "WebPage"}}</script>
</head>
<body class="page has-cookiebar">
<div id="cookie-consent" class="cookiebar" role="dialog">
<p>{_esc(COOKIE_TEXT)}</p>
<button type="button">Accepteren</button> <button type="button">Weigeren</button>
</div>
<a class="skiplink" href="#main">Direct naar de inhoud</a>
<header class="site-header">
<a href="/" class="logo"><img src="/logo.svg" alt="Gemeente Den Haag"></a>
<nav class="main-menu" aria-label="Hoofdmenu"><ul>
{nav}
</ul></nav>
<form class="search" action="/zoeken"><input name="q" placeholder="Zoeken"></form>
</header>
<nav class="breadcrumb"><ol><li><a href="/">Home</a></li><li>Zorg en welzijn</li></ol></nav>
<main id="main">
<article class="content">
{body_html}
</article>
</main>
<aside class="related"><h2>Bekijk ook</h2><ul>
<li><a href="/{NAV_ITEMS[0]}">{_esc(NAV_ITEMS[0])}</a></li>
<li><a href="/{NAV_ITEMS[1]}">{_esc(NAV_ITEMS[1])}</a></li></ul></aside>
<footer class="site-footer">
<p>{_esc(FOOTER_TEXT)}</p>
<ul><li><a href="/privacy">Privacyverklaring</a></li><li><a href="/cookies">Cookies</a></li></ul>
</footer>
<script src="/static/js/app.js"></script>
<script>document.documentElement.className = "js"; {SCRIPT_MARKER} = true;</script>
</body>
</html>
"""


def build_html(name: str, *, charset: str | None = "utf-8") -> tuple[str, list[Element]]:
    """A saved web page of sample ``name`` and its expected elements."""
    elements = sample_elements(name)
    return wrap_page(content_html(elements), page_title(elements), charset=charset), elements


def _ensure_style(document: DocxDocument, style_name: str, base: str) -> None:
    """Add paragraph style ``style_name`` based on ``base`` (e.g. Dutch "Kop 2")."""
    names = {s.name for s in document.styles}
    if style_name not in names:
        style = document.styles.add_style(style_name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles[base]


def _docx_table(document: DocxDocument, el: Element) -> None:
    n_cols = sum(span for _cell, span in el.rows[0])
    table = document.add_table(rows=len(el.rows), cols=n_cols)
    table.style = document.styles["Table Grid"]
    for r, row in enumerate(el.rows):
        col = 0
        for text, span in row:
            cell = table.cell(r, col)
            if span > 1:
                cell = cell.merge(table.cell(r, col + span - 1))
            cell.text = text
            col += span


def build_docx(name: str, *, dutch_styles: bool = False) -> tuple[bytes, list[Element]]:
    """A Word document of sample ``name`` and its expected elements.

    The first heading uses the Title style; the others "Heading N", or custom styles
    "Kop N" based on them (``dutch_styles``); list items "List Bullet"; the financial
    table a Word table with merged header cells.
    """
    elements = sample_elements(name)
    document = docx.Document()
    document.core_properties.title = ""
    for k, el in enumerate(elements):
        if el.kind == "heading":
            assert el.level is not None
            if k == 0:
                document.add_paragraph(el.text, style="Title")
            elif dutch_styles:
                style_name = f"Kop {el.level}"
                _ensure_style(document, style_name, f"Heading {el.level}")
                document.add_paragraph(el.text, style=style_name)
            else:
                document.add_heading(el.text, level=el.level)
        elif el.kind == "list_item":
            document.add_paragraph(el.text, style="List Bullet")
        elif el.kind == "table":
            _docx_table(document, el)
        else:
            document.add_paragraph(el.text)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue(), elements


def docx_bytes(build: Callable[[DocxDocument], object]) -> bytes:
    """Bytes of a DOCX made by ``build(document)`` on a fresh python-docx document."""
    document = docx.Document()
    build(document)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def zip_bomb_docx(declared_size: int, *, real_size: int = 1 << 20) -> bytes:
    """A DOCX-shaped zip whose ``word/document.xml`` declares ``declared_size`` bytes.

    Only ``real_size`` zero bytes are compressed; the sizes in the local header and the
    central directory are then patched to ``declared_size``, so building the bomb costs
    about a megabyte of work however large it claims to be (a reader that trusts the
    declared size refuses it; one that decompresses would stop at a CRC/size error).
    """
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        zf.writestr("word/document.xml", b"\0" * real_size)
    data = bytearray(buf.getvalue())
    real = real_size.to_bytes(4, "little")
    declared = declared_size.to_bytes(4, "little")
    name = b"word/document.xml"
    # Local file header: uncompressed size at offset 22, name at offset 30.
    local = data.find(b"PK\x03\x04")
    while local != -1:
        if data[local + 30 : local + 30 + len(name)] == name:
            assert data[local + 22 : local + 26] == real
            data[local + 22 : local + 26] = declared
        local = data.find(b"PK\x03\x04", local + 4)
    # Central directory header: uncompressed size at offset 24, name at offset 46.
    central = data.find(b"PK\x01\x02")
    while central != -1:
        if data[central + 46 : central + 46 + len(name)] == name:
            assert data[central + 24 : central + 28] == real
            data[central + 24 : central + 28] = declared
        central = data.find(b"PK\x01\x02", central + 4)
    return bytes(data)
