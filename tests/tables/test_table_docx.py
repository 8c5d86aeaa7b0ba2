"""DOCX tables built with python-docx: merged header cells, caption paragraph, V/N cells."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from policytext.process import load_document
from policytext.tables import extract_tables
from policytext.tables.docx import tables_from_docx


def build(path: Path | None = None) -> docx.document.Document:
    document = docx.Document()
    document.add_paragraph("Wat heeft het gekost?")
    document.add_paragraph("Tabel 3 Lasten en baten (bedragen x € 1.000)")
    table = document.add_table(rows=5, cols=4)
    top, sub = table.rows[0].cells, table.rows[1].cells
    top[0].text = "Programma"
    top[1].merge(top[3]).text = "Rekening 2023"
    sub[1].text, sub[2].text, sub[3].text = "Lasten", "Baten", "Saldo"
    for cells, values in zip(
        (table.rows[2].cells, table.rows[3].cells, table.rows[4].cells),
        (
            ("Jeugdhulp", "180.473", "173", "180.300 N"),
            ("Volksgezondheid", "92.509", "55.256", "37.253 N"),
            ("Totaal", "272.982", "55.429", "217.553 N"),
        ),
        strict=True,
    ):
        for cell, value in zip(cells, values, strict=True):
            cell.text = value
    document.add_paragraph("Toelichting bij de tabel.")
    if path is not None:
        document.save(str(path))
    return document


def test_merged_header_and_flags() -> None:
    [table] = tables_from_docx(build(), doc_id="d")
    assert table.caption == "Tabel 3 Lasten en baten (bedragen x € 1.000)"
    assert table.unit_multiplier == 1000.0
    assert table.columns == [
        "Rekening 2023 › Lasten",
        "Rekening 2023 › Baten",
        "Rekening 2023 › Saldo",
    ]
    assert table.label_header == "Programma"
    jeugd = table.row("Jeugdhulp")
    assert jeugd.values == {
        "Rekening 2023 › Lasten": 180_473_000.0,
        "Rekening 2023 › Baten": 173_000.0,
        "Rekening 2023 › Saldo": 180_300_000.0,
    }
    assert jeugd.flags == {"Rekening 2023 › Saldo": "N"}
    assert table.checks and all(c.passed for c in table.checks)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_extract_tables_reads_the_docx_again(tmp_path: Path) -> None:
    path = tmp_path / "jaarverslag.docx"
    build(path)
    document = load_document(path)
    [table] = extract_tables(document, path)
    assert table.table_id == "jaarverslag:t1"
    assert table.row("Totaal").kind == "total"
