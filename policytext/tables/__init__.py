"""Tables: find them in a document, give them meaning, check their arithmetic.

:func:`extract_tables` reads the tables of a segmented document by its source format:

- text/Markdown: the passages of kind ``table`` (a table flattened to one cell per
  line, see :mod:`policytext.tables.text`);
- PDF: the pages, from word positions, ruled or not (:mod:`policytext.tables.pdf`);
- HTML and DOCX: the file is read again for its ``<table>``/``w:tbl`` elements.

:func:`table_rows` and :func:`cell_rows` turn tables into rows of the ``tables`` and
``table_cells`` datasets, whose columns are declared in :data:`DATASETS` in the shape
of :data:`policytext.dataset.DATASETS`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from policytext.columns import Column
from policytext.document import Document
from policytext.tables.model import Check, Row, Table

DATASETS: dict[str, tuple[Column, ...]] = {
    "tables": (
        Column("doc_id", "string", "Document id."),
        Column("table_id", "string", "`{doc_id}:t{n}`, or `{doc_id}:p{page}t{n}` for PDF tables."),
        Column("page", "int", "1-based page (PDF)."),
        Column("caption", "string", "Caption or title line(s) of the table as printed."),
        Column(
            "unit_multiplier",
            "float",
            "Factor applied to the printed numbers (`bedragen x € 1.000` → 1000).",
        ),
        Column(
            "unit_source",
            "string",
            "Where the unit came from: caption, header, inherited (an earlier table) or document.",
        ),
        Column(
            "column_units", "json", "Columns whose header names their own unit, with its factor."
        ),
        Column(
            "source",
            "string",
            "How the table was read: text, html, docx, pdf-ruled or pdf-aligned.",
        ),
        Column("label_header", "string", "Header over the row labels (`Activiteiten in 2023`)."),
        Column(
            "columns",
            "list",
            "Amount columns; a merged header joined like `Rekening 2023 › Lasten`.",
        ),
        Column("n_rows", "int", "Number of rows."),
        Column(
            "rows",
            "json",
            "Rows: label, kind (data/total/subtotal/section), values in euros, flags (V/N), texts.",
        ),
        Column("checks", "json", "Arithmetic checks: name, row, column, expected, found, passed."),
        Column("checks_passed", "int", "Checks that passed."),
        Column("checks_failed", "int", "Checks that failed (information, not an error)."),
    ),
    "table_cells": (
        Column("doc_id", "string", "Document id."),
        Column("table_id", "string", "Table id."),
        Column("page", "int", "1-based page (PDF)."),
        Column("row_index", "int", "Position of the row in the table, from 0."),
        Column("row_label", "string", "Row label as printed."),
        Column("row_kind", "string", "data, total, subtotal or section."),
        Column("column", "string", "Column name."),
        Column("value_eur", "float", "Value in euros (unit applied); empty for `-`, `pm`, blank."),
        Column("flag", "string", "`V` (voordelig), `N` (nadelig) or `PM`, as printed."),
    ),
}


def extract_tables(document: Document, path: str | Path) -> list[Table]:
    """The tables of ``document`` (read from ``path`` where the format needs the file)."""
    path = Path(path)
    fmt = document.source_format
    if fmt in ("text", "markdown"):
        from policytext.tables.text import table_from_text

        tables: list[Table] = []
        unit: float | None = None
        for passage in document.passages:
            if passage.kind != "table":
                continue
            table = table_from_text(
                document.passage_text(passage),
                doc_id=document.doc_id,
                table_id=f"{document.doc_id}:t{len(tables) + 1}",
                page=passage.page,
                unit_hint=unit,
            )
            if table is not None and table.columns:
                tables.append(table)
                if table.unit_source in ("caption", "header"):
                    unit = table.unit_multiplier
        return tables
    if fmt == "pdf":
        from policytext.tables.pdf import tables_from_pdf

        # Pages with numbers in rows, and the pages the ingester saw tables on (its table
        # finder and this one need not agree on every page).
        seen = {p.page for p in document.passages if p.kind == "table" and p.page}
        return tables_from_pdf(path, doc_id=document.doc_id, also=seen)
    if fmt == "html":
        from policytext.tables.html import tables_from_html

        return tables_from_html(path.read_bytes(), doc_id=document.doc_id)
    if fmt == "docx":
        import docx

        from policytext.tables.docx import tables_from_docx

        return tables_from_docx(docx.Document(str(path)), doc_id=document.doc_id)
    return []


def table_rows(tables: list[Table]) -> list[dict[str, Any]]:
    """One ``tables`` dataset row per table."""
    return [
        {
            "doc_id": t.doc_id,
            "table_id": t.table_id,
            "page": t.page,
            "caption": t.caption,
            "unit_multiplier": t.unit_multiplier,
            "unit_source": t.unit_source,
            "column_units": dict(t.column_units),
            "source": t.source,
            "label_header": t.label_header,
            "columns": list(t.columns),
            "n_rows": len(t.rows),
            "rows": [r.to_dict() for r in t.rows],
            "checks": [c.to_dict() for c in t.checks],
            "checks_passed": t.checks_passed,
            "checks_failed": t.checks_failed,
        }
        for t in tables
    ]


def cell_rows(tables: list[Table]) -> list[dict[str, Any]]:
    """One ``table_cells`` dataset row per amount cell (rows × columns, empty ones too)."""
    out: list[dict[str, Any]] = []
    for t in tables:
        for i, row in enumerate(t.rows):
            if row.kind == "section":
                continue
            for column in t.columns:
                out.append(
                    {
                        "doc_id": t.doc_id,
                        "table_id": t.table_id,
                        "page": t.page,
                        "row_index": i,
                        "row_label": row.label,
                        "row_kind": row.kind,
                        "column": column,
                        "value_eur": row.values.get(column),
                        "flag": row.flags.get(column),
                    }
                )
    return out


__all__ = ["DATASETS", "Check", "Row", "Table", "cell_rows", "extract_tables", "table_rows"]
