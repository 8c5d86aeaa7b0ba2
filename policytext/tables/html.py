"""Tables of a web page: every ``<table>`` with its ``<caption>`` (or the unit line just
before it, ``Bedragen x € 1.000``), spans expanded so merged headers cover their columns.

Header rows are the ``<thead>`` rows, else the leading rows made only of ``<th>`` cells,
else the leading rows without amounts (see :func:`~policytext.tables.meaning.split_header`).
Nested tables are read as their own tables. Rows and columns are capped so a hostile
page cannot blow up memory.
"""

from __future__ import annotations

from typing import Any

from lxml import etree
from lxml import html as lxml_html

from policytext.tables.meaning import (
    MERGED,
    RawTable,
    find_unit,
    header_and_body,
    interpret_in_order,
    normalise_space,
)
from policytext.tables.model import Table

MAX_ROWS = 5000
MAX_COLS = 200
MAX_SPAN = 100
# How far back (characters of text) a caption before the table is looked for.
CAPTION_LOOKBACK = 300


def text_of(el: Any) -> str:
    """An element's text with ``<br>`` as a space and nested tables left out."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if not isinstance(child.tag, str) or child.tag == "table":
                pass
            elif child.tag == "br":
                parts.append(" ")
            else:
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return normalise_space("".join(parts))


def own_rows(table: Any) -> list[tuple[Any, bool]]:
    """The table's own ``<tr>`` elements (not a nested table's), with "in <thead>"."""
    rows: list[tuple[Any, bool]] = []
    for child in table:
        if not isinstance(child.tag, str):
            continue
        if child.tag == "tr":
            rows.append((child, False))
        elif child.tag in ("thead", "tbody", "tfoot"):
            rows.extend((tr, child.tag == "thead") for tr in child if tr.tag == "tr")
    return rows[:MAX_ROWS]


def span(el: Any, attr: str) -> int:
    try:
        return max(1, min(int(el.get(attr, "1")), MAX_SPAN))
    except ValueError:
        return 1


def fill_carry(row: list[str | None], col: int, carry: dict[int, tuple[int, str]]) -> int:
    """Blank cells where a cell of a row above spans down (``rowspan``); the next column."""
    while col in carry:
        left, text = carry[col]
        row.append("")
        if left <= 1:
            del carry[col]
        else:
            carry[col] = (left - 1, text)
        col += 1
    return col


def grid(table: Any) -> tuple[list[list[str | None]], list[bool], list[bool]]:
    """Cells with spans expanded (``None`` continues a cell to the left), whether each
    row is in ``<thead>``, and whether it has only ``<th>`` cells."""
    rows = own_rows(table)
    out: list[list[str | None]] = []
    carry: dict[int, tuple[int, str]] = {}  # column → (rows left, text) for rowspans
    in_head: list[bool] = []
    all_th: list[bool] = []
    for tr, head in rows:
        cells = [c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
        row: list[str | None] = []
        col = 0
        for cell in cells:
            col = fill_carry(row, col, carry)
            if col >= MAX_COLS:
                break
            text = text_of(cell)
            colspan, rowspan = span(cell, "colspan"), span(cell, "rowspan")
            row.append(text)
            row.extend([MERGED] * (colspan - 1))
            if rowspan > 1:
                for c in range(col, col + colspan):
                    carry[c] = (rowspan - 1, text)
            col += colspan
        fill_carry(row, col, carry)
        out.append(row[:MAX_COLS])
        in_head.append(head)
        all_th.append(bool(cells) and all(c.tag == "th" for c in cells))
    return out, in_head, all_th


def caption_of(table: Any) -> str | None:
    """``<caption>``, else a short unit line right before the table."""
    cap = table.find("caption")
    if cap is not None and text_of(cap):
        return text_of(cap)
    prev = table.getprevious()
    seen = 0
    while prev is not None and seen < CAPTION_LOOKBACK:
        if isinstance(prev.tag, str):
            text = text_of(prev)
            if text:
                if find_unit(text) is not None and len(text) <= 200:
                    return text
                seen += len(text)
        prev = prev.getprevious()
    return None


def raw_tables(root: Any) -> list[RawTable]:
    out: list[RawTable] = []
    for table in root.iter("table"):
        rows, in_head, all_th = grid(table)
        if not rows:
            continue
        n_head = sum(in_head) if any(in_head) else 0
        if not n_head:
            while n_head < len(rows) - 1 and all_th[n_head]:
                n_head += 1
        header, body, caption = header_and_body(rows, caption_of(table), n_head)
        out.append(RawTable(body=body, header=header, caption=caption, source="html"))
    return out


def tables_from_html(source: bytes | str | Any, *, doc_id: str) -> list[Table]:
    """Tables of an HTML page (bytes, text or an lxml tree/element)."""
    if isinstance(source, (bytes, str)):
        if not source.strip():
            return []
        root = lxml_html.fromstring(source)
    elif isinstance(source, etree._ElementTree):
        root = source.getroot()
    else:
        root = source
    return interpret_in_order(enumerate(raw_tables(root), 1), doc_id=doc_id)
