"""Tables of a Word document, read from the XML so merged cells stay merged.

python-docx's ``row.cells`` repeats a merged cell once per grid column; here a cell
spanning n columns (``w:gridSpan``) is followed by n - 1 continuation cells, and a
vertically merged cell (``w:vMerge``) is blank below its first row. Header rows are the
rows marked "repeat as header row" (``w:tblHeader``), else the leading rows without
amounts. The caption is the paragraph right before the table when it is short: a
``Tabel 3 ...`` line or a unit line (``Bedragen x € 1.000``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from policytext.tables.meaning import (
    MERGED,
    RawTable,
    find_unit,
    header_and_body,
    interpret_in_order,
    lexicon,
    normalise_space,
)
from policytext.tables.model import Table

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_ROWS = 5000
MAX_COLS = 200
MAX_CAPTION_CHARS = 200


def para_text(p: Any) -> str:
    """Text of a ``w:p`` (runs, tabs as spaces; deleted text left out)."""
    parts = []
    for el in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}delText"):
        if el.tag == f"{W}t":
            parts.append(el.text or "")
        elif el.tag != f"{W}delText":
            parts.append(" ")
    return normalise_space("".join(parts))


def cell_text(tc: Any) -> str:
    return normalise_space(" ".join(para_text(p) for p in tc.iter(f"{W}p")))


def _val(el: Any, path: str) -> str | None:
    node = el.find(path)
    if node is None:
        return None
    return node.get(f"{W}val", "")


def table_grid(tbl: Any) -> tuple[list[list[str | None]], list[bool]]:
    """Rows of cell texts with spans expanded, and whether each row is a header row."""
    rows: list[list[str | None]] = []
    header: list[bool] = []
    for tr in tbl.findall(f"{W}tr")[:MAX_ROWS]:
        row: list[str | None] = []
        for tc in tr.findall(f"{W}tc"):
            span = _val(tc, f"{W}tcPr/{W}gridSpan")
            n = max(1, min(int(span), MAX_COLS)) if span and span.isdigit() else 1
            vmerge = _val(tc, f"{W}tcPr/{W}vMerge")
            text = "" if vmerge is not None and vmerge != "restart" else cell_text(tc)
            row.append(text)
            row.extend([MERGED] * (n - 1))
        rows.append(row[:MAX_COLS])
        header.append(tr.find(f"{W}trPr/{W}tblHeader") is not None)
    return rows, header


def caption_before(tbl: Any) -> str | None:
    prev = tbl.getprevious()
    while prev is not None and prev.tag == f"{W}p" and not para_text(prev):
        prev = prev.getprevious()
    if prev is None or prev.tag != f"{W}p":
        return None
    text = para_text(prev)
    starts = tuple(lexicon()["caption_starts"])
    if len(text) <= MAX_CAPTION_CHARS and (
        find_unit(text) is not None or text.lower().startswith(starts)
    ):
        return text
    return None


def tables_from_docx(document: Any, *, doc_id: str) -> list[Table]:
    """Tables of a python-docx ``Document`` (body tables, in order; nested ones too)."""
    return interpret_in_order(raw_tables(document), doc_id=doc_id)


def raw_tables(document: Any) -> Iterator[tuple[int, RawTable]]:
    """``(number, raw table)`` for every body table with rows; the number counts all
    tables, so a table's id does not change when an empty one before it is skipped."""
    for i, tbl in enumerate(document.element.body.iter(f"{W}tbl"), 1):
        rows, is_header = table_grid(tbl)
        if not rows:
            continue
        n_head = 0
        while n_head < len(rows) - 1 and is_header[n_head]:
            n_head += 1
        header, body, caption = header_and_body(rows, caption_before(tbl), n_head)
        yield i, RawTable(body=body, header=header, caption=caption, source="docx")
